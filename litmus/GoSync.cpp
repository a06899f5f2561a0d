// Go synchronization lowered to tagged atomic accesses: sync/atomic, Mutex, WaitGroup,
// Once and channels (docs/go.md, "How Go becomes events").

#include "litmus/GoLowering.hpp"

namespace memlit::litmus::go {

std::optional<Expr> Lowerer::atomicFunction() {
    pos_ += 2;
    const Token& name = peek();
    static const char* ops[] = {"CompareAndSwap", "Load", "Store", "Add", "Swap"};
    static const char* types[] = {"Int32", "Int64", "Uint32", "Uint64", "Uintptr"};
    std::string op;
    for (const char* o : ops)
        if (name.text.rfind(o, 0) == 0) {
            op = o;
            break;
        }
    const std::string suffix = name.text.substr(op.size());
    if (op.empty() || std::none_of(std::begin(types), std::end(types), [&](const char* s) { return suffix == s; })) {
        if (name.text.rfind("Pointer", 0) == 0 || suffix == "Pointer")
            unsupported(name, "atomic pointers (not in phase 1)");
        else
            error(name, "unknown function atomic." + name.text);
        return std::nullopt;
    }
    ++pos_;
    if (!expect("(")) return std::nullopt;
    if (!peek().punct("&") || peek(1).kind != Token::Kind::Ident) {
        fail("'&' and a variable");
        return std::nullopt;
    }
    const Token& var = peek(1);
    const Global* g = global(var.text);
    if (!g || g->kind != GlobalKind::Plain) {
        error(var, "atomic." + name.text + " needs the address of a global integer variable");
        return std::nullopt;
    }
    pos_ += 2;
    std::vector<Expr> args;
    while (peek().punct(",")) {
        ++pos_;
        auto e = expression();
        if (!e) return std::nullopt;
        args.push_back(*e);
    }
    if (!expect(")")) return std::nullopt;
    return atomicOp(var.text, op, name, args);
}

std::optional<Expr> Lowerer::atomicOp(const std::string& x, const std::string& op, const Token& name,
                                      const std::vector<Expr>& args) {
    const Expr at = Expr::sym(x);
    if (op == "Load") {
        if (!arity(name, args, 0)) return std::nullopt;
        std::string r = b_->freshTemp();
        emit(Load{r, at, kAtomic, -1, 0});
        return Expr::reg(r);
    }
    if (op == "Store") {
        if (!arity(name, args, 1)) return std::nullopt;
        emit(Store{at, args[0], kAtomic, -1, 0});
        return Expr::constant(0);
    }
    if (op == "Add" || op == "Swap") {
        if (!arity(name, args, 1)) return std::nullopt;
        std::string r = b_->freshTemp();
        int k = b_->freshRmw();
        Expr stored = op == "Add" ? Expr::binary(K::Add, Expr::reg(r), args[0]) : args[0];
        emit(Load{r, at, kAtomic, k, 0});
        emit(Store{at, stored, kAtomic, k, 0});
        return op == "Add" ? stored : Expr::reg(r);
    }
    if (op == "CompareAndSwap") {
        if (!arity(name, args, 2)) return std::nullopt;
        std::string r = b_->freshTemp(), fail = b_->freshLabel();
        int k = b_->freshRmw();
        emit(Load{r, at, kAtomic, k, 0});
        emit(Branch{Expr::binary(K::Ne, Expr::reg(r), args[0]), fail, true});
        emit(Store{at, args[1], kAtomic, k, 0});
        emit(Label{fail});
        return Expr::binary(K::Eq, Expr::reg(r), args[0]);
    }
    error(name, "unknown method " + op);
    return std::nullopt;
}

std::optional<Expr> Lowerer::method(const Global& g) {
    const Token& var = peek();
    pos_ += 2;
    if (peek().kind != Token::Kind::Ident) {
        fail("a method name");
        return std::nullopt;
    }
    const Token& name = peek();
    ++pos_;
    const std::string& m = name.text;
    if (g.kind == GlobalKind::Once && m == "Do") return onceDo(var, name);
    auto args = arguments();
    if (!args) return std::nullopt;
    const Expr at = Expr::sym(var.text);
    auto bad = [&]() -> std::optional<Expr> {
        error(name, g.type + " has no method " + m);
        return std::nullopt;
    };
    switch (g.kind) {
    case GlobalKind::Plain:
        error(var, "'" + var.text + "' of type " + g.type + " has no methods");
        return std::nullopt;
    case GlobalKind::Atomic:
        if (m == "Load" || m == "Store" || m == "Add" || m == "Swap" || m == "CompareAndSwap")
            return atomicOp(var.text, m, name, *args);
        return bad();
    case GlobalKind::Mutex:
        if (!arity(name, *args, 0)) return std::nullopt;
        if (m == "Lock") {
            lock(at);
            return Expr::constant(0);
        }
        if (m == "Unlock") {
            emit(Store{at, Expr::constant(0), kUnlock, -1, 0});
            return Expr::constant(0);
        }
        if (m == "TryLock") {
            // May fail even when the mutex is free (the memory model allows it); a failed
            // TryLock has no event.
            std::string c = b_->freshTemp(), ok = b_->freshTemp(), skip = b_->freshLabel();
            emit(Choice{c});
            emit(Assign{ok, Expr::constant(0)});
            emit(Branch{Expr::binary(K::Eq, Expr::reg(c), Expr::constant(0)), skip, true});
            lock(at);
            emit(Assign{ok, Expr::constant(1)});
            emit(Label{skip});
            return Expr::reg(ok);
        }
        return bad();
    case GlobalKind::WaitGroup:
        if (m == "Add" || m == "Done") {
            if (!arity(name, *args, m == "Add" ? 1 : 0)) return std::nullopt;
            std::string r = b_->freshTemp();
            int k = b_->freshRmw();
            Expr delta = m == "Add" ? (*args)[0] : Expr::constant(-1);
            emit(Load{r, at, kWaitGroup, k, 0});
            emit(Store{at, Expr::binary(K::Add, Expr::reg(r), delta), kWaitGroup, k, 0});
            return Expr::constant(0);
        }
        if (m == "Wait") {
            if (!arity(name, *args, 0)) return std::nullopt;
            std::string r = b_->freshTemp();
            emit(Load{r, at, kWaitGroup, -1, 0});
            emit(Assume{Expr::binary(K::Eq, Expr::reg(r), Expr::constant(0))});
            return Expr::constant(0);
        }
        return bad();
    case GlobalKind::Once: return bad();
    case GlobalKind::Chan:
        error(var, "'" + var.text + "' is a channel: use '<-', not methods");
        return std::nullopt;
    }
    return bad();
}

std::optional<Lowerer::Channel> Lowerer::channel() {
    const Token& t = peek();
    const Global* g = global(t.text);
    if (t.kind != Token::Kind::Ident || !g || g->kind != GlobalKind::Chan) {
        if (t.kind == Token::Kind::Ident && !g && !locals_.count(t.text)) error(t, "undefined: " + t.text);
        else fail("a channel");
        return std::nullopt;
    }
    ++pos_;
    return Channel{t.text, g->capacity};
}

bool Lowerer::send(const Channel& c, const Expr& value) {
    std::string k = b_->freshTemp(), mark = b_->freshTemp(), done = b_->freshLabel();
    int rmw = b_->freshRmw();
    emit(Load{k, c.sym("sent"), kChanIndex, rmw, 0});
    emit(Store{c.sym("sent"), Expr::binary(K::Add, Expr::reg(k), Expr::constant(1)), kChanIndex, rmw, 0});
    emit(Store{c.cell("slot", Expr::reg(k)), value, kChan, -1, 0});
    if (c.capacity > 0) emit(Branch{Expr::binary(K::Lt, Expr::reg(k), Expr::constant(c.capacity)), done, true});
    emit(Load{mark, c.cell("recv", Expr::binary(K::Sub, Expr::reg(k), Expr::constant(c.capacity))), kChan, -1, 0});
    if (c.capacity > 0) emit(Label{done});
    return true;
}

std::optional<Expr> Lowerer::receive(const Channel& c, std::string* okOut) {
    std::string j = b_->freshTemp(), v = b_->freshTemp(), ok = b_->freshTemp();
    int rmw = b_->freshRmw();
    emit(Load{j, c.sym("recvd"), kChanIndex, rmw, 0});
    emit(Store{c.sym("recvd"), Expr::binary(K::Add, Expr::reg(j), Expr::constant(1)), kChanIndex, rmw, 0});
    emit(Store{c.cell("recv", Expr::reg(j)), Expr::constant(1), kChan, -1, 0});
    const bool closable = closed_.count(c.name) > 0;
    std::string which = b_->freshTemp(), closedPath = b_->freshLabel(), end = b_->freshLabel();
    if (closable) {
        emit(Choice{which});
        emit(Branch{Expr::binary(K::Eq, Expr::reg(which), Expr::constant(0)), closedPath, true});
    }
    emit(Load{v, c.cell("slot", Expr::reg(j)), kChan, -1, 0});
    emit(Assign{ok, Expr::constant(1)});
    if (closable) {
        std::string cl = b_->freshTemp(), sent = b_->freshTemp();
        emit(Branch{Expr::constant(1), end, true});
        emit(Label{closedPath});
        emit(Load{cl, c.sym("closed"), kChan, -1, 0});
        emit(Assume{Expr::binary(K::Eq, Expr::reg(cl), Expr::constant(1))});
        emit(Load{sent, c.sym("sent"), kChanIndex, -1, 0});
        emit(Assume{Expr::binary(K::Le, Expr::reg(sent), Expr::reg(j))});
        emit(Assign{v, Expr::constant(0)});
        emit(Assign{ok, Expr::constant(0)});
        emit(Label{end});
    }
    if (okOut) *okOut = ok;
    return Expr::reg(v);
}

bool Lowerer::closeStatement() {
    pos_ += 2;
    auto c = channel();
    if (!c || !expect(")")) return false;
    emit(Store{c->sym("closed"), Expr::constant(1), kChan, -1, 0});
    return true;
}

void Lowerer::lock(const Expr& at) {
    std::string r = b_->freshTemp();
    int k = b_->freshRmw();
    emit(Load{r, at, kLock, k, 0});
    emit(Assume{Expr::binary(K::Eq, Expr::reg(r), Expr::constant(0))});
    emit(Store{at, Expr::constant(1), kLock, k, 0});
}

std::optional<Expr> Lowerer::onceDo(const Token& var, const Token& name) {
    if (!expect("(")) return std::nullopt;
    std::size_t open = 0, close = 0;
    const Token& f = peek();
    if (f.ident("func") && peek(1).punct("(") && peek(2).punct(")") && peek(3).punct("{")) {
        open = pos_ + 3;
        close = matching(open);
        pos_ = close + 1;
    } else if (auto h = prog_.helpers.find(f.text); f.kind == Token::Kind::Ident && h != prog_.helpers.end()) {
        open = h->second.open;
        close = h->second.close;
        ++pos_;
    } else {
        error(f, "once.Do needs a function declared in the test or a func literal");
        return std::nullopt;
    }
    if (!expect(")")) return std::nullopt;
    if (inlining_ >= kMaxInlining) {
        error(name, "once.Do nested too deeply");
        return std::nullopt;
    }
    const Expr at = Expr::sym(var.text);
    std::string r = b_->freshTemp(), w = b_->freshTemp(), wait = b_->freshLabel(), end = b_->freshLabel();
    int k = b_->freshRmw();
    emit(Load{r, at, kOnce, k, 0});
    emit(Branch{Expr::binary(K::Ne, Expr::reg(r), Expr::constant(0)), wait, true});
    emit(Store{at, Expr::constant(1), kOnce, k, 0});
    const SourceLoc callLoc = loc_;
    ++inlining_;
    bool ok = body(open, close);
    --inlining_;
    loc_ = callLoc;
    emit(Store{at, Expr::constant(2), kOnce, -1, 0});
    emit(Branch{Expr::constant(1), end, false});
    emit(Label{wait});
    emit(Load{w, at, kOnce, -1, 0});
    emit(Assume{Expr::binary(K::Eq, Expr::reg(w), Expr::constant(2))});
    emit(Label{end});
    if (!ok) return std::nullopt;
    return Expr::constant(0);
}

}  // namespace memlit::litmus::go
