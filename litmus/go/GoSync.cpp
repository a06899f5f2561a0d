// Go synchronization lowered to tagged atomic accesses: sync/atomic, Mutex, RWMutex,
// WaitGroup and Once, with their blocking and panics (docs/go.md, "How Go becomes events").

#include "litmus/go/GoLowering.hpp"

#include <cctype>

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
    // The integer type of the value: `atomic.Int32` holds an int32, `var x uint32` is one.
    std::string elem = global(x)->type;
    if (elem.rfind("atomic.", 0) == 0) elem = std::string(1, char(std::tolower(elem[7]))) + elem.substr(8);
    type_ = op == "CompareAndSwap" ? "bool" : elem;
    for (const Expr& a : args)
        if (auto c = constantOf(a); c && !representable(*c, elem)) {
            error(name, "constant " + std::to_string(*c) + " overflows " + elem);
            return std::nullopt;
        }
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
        Expr stored = op == "Add" ? wrapTo(elem, Expr::binary(K::Add, Expr::reg(r), args[0])) : args[0];
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
    if (g.kind == GlobalKind::Cond) return condMethod(g, var, name);
    auto args = arguments();
    if (!args) return std::nullopt;
    if (g.kind == GlobalKind::SyncMap)
        return syncMapStatement(g, var, name, *args) ? std::optional<Expr>(Expr::constant(0)) : std::nullopt;
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
    case GlobalKind::RWMutex:
        if (!arity(name, *args, 0)) return std::nullopt;
        return mutexMethod(g, name, at);
    case GlobalKind::WaitGroup:
        if (m == "Add" || m == "Done") {
            if (!arity(name, *args, m == "Add" ? 1 : 0)) return std::nullopt;
            std::string r = b_->freshTemp();
            int k = b_->freshRmw();
            Expr delta = m == "Add" ? (*args)[0] : Expr::constant(-1);
            Expr now = Expr::binary(K::Add, Expr::reg(r), delta);
            emit(Load{r, at, kWaitGroup, k, 0});
            emit(Store{at, now, kWaitGroup, k, 0});
            // Go adds, then panics if the counter went below zero.
            if (!(delta.kind == K::Const && delta.value >= 0))
                panicUnless(Expr::binary(K::Ge, now, Expr::constant(0)), "negative WaitGroup counter");
            return Expr::constant(0);
        }
        if (m == "Wait") {
            if (!arity(name, *args, 0)) return std::nullopt;
            // Waits forever iff the counter is not zero at the end.
            orBlock([&] { blockIf(Expr::binary(K::Ne, finalValue(at), Expr::constant(0))); });
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
    case GlobalKind::Cond:
    case GlobalKind::SyncMap:
    case GlobalKind::Array:
    case GlobalKind::Map:
        error(var, "'" + var.text + "' of type " + g.type + " has no methods");
        return std::nullopt;
    }
    return bad();
}

std::optional<Expr> Lowerer::mutexMethod(const Global& g, const Token& name, const Expr& at) {
    const std::string& m = name.text;
    const bool rw = g.kind == GlobalKind::RWMutex;
    const LockMode writer = rw ? LockMode::Writer : LockMode::Mutex;
    if (m == "Lock" || (rw && m == "RLock")) {
        lock(at, m == "Lock" ? writer : LockMode::Reader, true);
        return Expr::constant(0);
    }
    if (m == "Unlock" || (rw && m == "RUnlock")) {
        unlock(at, m == "Unlock" ? writer : LockMode::Reader);
        return Expr::constant(0);
    }
    if (m == "TryLock" || (rw && m == "TryRLock")) return tryLock(at, m == "TryLock" ? writer : LockMode::Reader);
    error(name, g.type + " has no method " + m);
    return std::nullopt;
}

void Lowerer::lock(const Expr& at, LockMode mode, bool canBlock) {
    const bool reader = mode == LockMode::Reader;
    // A writer waits forever iff the mutex is held at the end, a reader iff a writer holds it.
    if (canBlock)
        orBlock([&] {
            Expr f = finalValue(at);
            blockIf(reader ? Expr::binary(K::Lt, f, Expr::constant(0)) : Expr::binary(K::Ne, f, Expr::constant(0)));
        });
    std::string r = b_->freshTemp();
    int k = b_->freshRmw();
    const auto& tags = reader ? kRLock : kLock;
    emit(Load{r, at, tags, k, 0});
    emit(Assume{reader ? Expr::binary(K::Ge, Expr::reg(r), Expr::constant(0))
                       : Expr::binary(K::Eq, Expr::reg(r), Expr::constant(0))});
    Expr held = mode == LockMode::Mutex    ? Expr::constant(1)
                : mode == LockMode::Writer ? Expr::constant(-1)
                                           : Expr::binary(K::Add, Expr::reg(r), Expr::constant(1));
    emit(Store{at, held, tags, k, 0});
    const int before = holding(at.name);
    held_[at.name] = !reader ? (mode == LockMode::Mutex ? 1 : -1) : before >= 0 ? before + 1 : kUnknownHold;
}

void Lowerer::unlock(const Expr& at, LockMode mode) {
    const int before = holding(at.name);
    const bool owned = mode == LockMode::Mutex ? before == 1 : mode == LockMode::Writer ? before == -1 : before >= 1;
    if (!owned) seen_.unownedUnlocks.insert(at.name);
    held_[at.name] = mode != LockMode::Reader ? 0 : before >= 1 ? before - 1 : kUnknownHold;
    // When every unlock of this mutex releases what its goroutine holds, none can panic
    // (mutual exclusion): the unlock is a plain release, as an RUnlock's decrement.
    const bool mayPanic = !facts_.known || facts_.unownedUnlocks.count(at.name) > 0;
    if (!mayPanic && mode != LockMode::Reader) {
        emit(Store{at, Expr::constant(0), kUnlock, -1, 0});
        return;
    }
    std::string r = b_->freshTemp();
    int k = b_->freshRmw();
    emit(Load{r, at, kProbe, k, 0});
    switch (mode) {
    case LockMode::Mutex:
        panicUnless(Expr::binary(K::Ne, Expr::reg(r), Expr::constant(0)), "unlock of unlocked mutex");
        emit(Store{at, Expr::constant(0), kUnlock, k, 0});
        break;
    case LockMode::Writer:
        panicUnless(Expr::binary(K::Eq, Expr::reg(r), Expr::constant(-1)), "Unlock of unlocked RWMutex");
        emit(Store{at, Expr::constant(0), kUnlock, k, 0});
        break;
    case LockMode::Reader:
        if (mayPanic)
            panicUnless(Expr::binary(K::Gt, Expr::reg(r), Expr::constant(0)), "RUnlock of unlocked RWMutex");
        emit(Store{at, Expr::binary(K::Sub, Expr::reg(r), Expr::constant(1)), kRUnlock, k, 0});
        break;
    }
}

Expr Lowerer::tryLock(const Expr& at, LockMode mode) {
    // May fail even when the mutex is free (the memory model allows it); a failed TryLock
    // has no event.
    std::string c = b_->freshTemp(), ok = b_->freshTemp(), skip = b_->freshLabel();
    emit(Choice{c});
    emit(Assign{ok, Expr::constant(0)});
    emit(Branch{Expr::binary(K::Eq, Expr::reg(c), Expr::constant(0)), skip, true});
    lock(at, mode, false);
    emit(Assign{ok, Expr::constant(1)});
    emit(Label{skip});
    held_[at.name] = kUnknownHold;  // held or not, as the result says
    return Expr::reg(ok);
}

Expr Lowerer::finalValue(const Expr& at) {
    std::string f = b_->freshTemp();
    emit(FinalLoad{f, at});
    return Expr::reg(f);
}

void Lowerer::orBlock(const std::function<void()>& never) {
    std::string c = b_->freshTemp(), goOn = b_->freshLabel();
    emit(Choice{c});
    emit(Branch{Expr::reg(c), goOn, true});
    never();
    emit(Label{goOn});
}

void Lowerer::blockIf(const Expr& cond) {
    emit(Assume{cond});
    emit(Halt{Halt::Kind::Blocked, ""});
}

void Lowerer::panicUnless(const Expr& ok, const std::string& what) {
    std::string fine = b_->freshLabel();
    emit(Branch{ok, fine, true});
    emit(Halt{Halt::Kind::Panic, what});
    emit(Label{fine});
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
    const Holds before = held_;
    ++inlining_;
    bool ok = body(open, close);
    --inlining_;
    merge(held_, before);
    loc_ = callLoc;
    emit(Store{at, Expr::constant(2), kOnce, -1, 0});
    emit(Branch{Expr::constant(1), end, false});
    emit(Label{wait});
    // Another caller runs f: wait for it to return, forever if it never does.
    orBlock([&] { blockIf(Expr::binary(K::Ne, finalValue(at), Expr::constant(2))); });
    emit(Load{w, at, kOnce, -1, 0});
    emit(Assume{Expr::binary(K::Eq, Expr::reg(w), Expr::constant(2))});
    emit(Label{end});
    if (!ok) return std::nullopt;
    return Expr::constant(0);
}

}  // namespace memlit::litmus::go
