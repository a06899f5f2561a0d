// Go calls: functions, methods and func literals are inlined at each call site (docs/go.md,
// "Functions, closures and defer"). A function's locals get registers of their own per call
// (renamed as the ops are emitted), its parameters are copies of the arguments, evaluated
// before the call; a func literal shares the variables around it (Go's closures capture by
// reference). `return` jumps to the end of the inlined body, where the deferred calls run,
// last first; recursion deeper than the unrolling bound halts as Cut; `panic(v)` halts as Panic.

#include "litmus/go/GoLowering.hpp"

#include <variant>

namespace memlit::litmus::go {

namespace {

void renameExpr(Expr& e, const std::map<std::string, std::string>& names) {
    if (e.kind == K::Reg)
        if (auto it = names.find(e.name); it != names.end()) e.name = it->second;
    for (auto& a : e.args) renameExpr(a, names);
}

void renameName(std::string& n, const std::map<std::string, std::string>& names) {
    if (auto it = names.find(n); it != names.end()) n = it->second;
}

}  // namespace

void Lowerer::rename(OpKind& op) const {
    if (auto* h = std::get_if<Halt>(&op); h && h->kind == Halt::Kind::Blocked && prog_.mainEnds && b_->thread() != 0) {
        if (threadEnd_.empty()) threadEnd_ = b_->freshLabel();
        op = Branch{Expr::constant(1), threadEnd_, false};
        return;
    }
    std::visit(
        [&](auto& o) {
            if constexpr (requires { o.dst; }) renameName(o.dst, renames_);
            if constexpr (requires { o.addr; }) renameExpr(o.addr, renames_);
            if constexpr (requires { o.value; }) renameExpr(o.value, renames_);
            if constexpr (requires { o.cond; }) renameExpr(o.cond, renames_);
        },
        op);
}

void Lowerer::bindLocal(const std::string& n) {
    if (frames_.empty() || frames_.back().prefix.empty()) return;
    renames_[n] = frames_.back().prefix + n;
    renames_["&" + n] = frames_.back().prefix + "&" + n;
}

bool Lowerer::functionBody(std::size_t open, std::size_t close) {
    frames_.clear();
    renames_.clear();
    closures_.clear();
    calls_ = 0;
    Frame top;  // its labels are made when something jumps to them
    threadEnd_.clear();
    top.discard = true;
    frames_.push_back(top);
    bool ok = body(open, close);
    // Labels only where something jumps, so a goroutine without return has no extra ops.
    if (frames_.back().returned) emit(Label{frames_.back().end}), merge(held_, *frames_.back().returned);
    ok = runDefers() && ok;
    if (!threadEnd_.empty()) emit(Label{threadEnd_});
    frames_.clear();
    return ok;
}

bool Lowerer::callAhead() const {
    const Token& t = peek();
    if (t.ident("func") && peek(1).punct("(")) return true;
    if (t.kind != Token::Kind::Ident) return false;
    if (peek(1).punct("(")) return closures_.count(t.text) || (!locals_.count(t.text) && prog_.helpers.count(t.text));
    return false;
}

std::optional<Lowerer::Callee> Lowerer::funcLiteral() {
    Callee c;
    c.closure = true;
    c.name = "func literal";
    pos_ += 2;
    if (!literalParams(c.params)) return std::nullopt;
    if (!peek().punct("{")) {
        // Results: `T` or `(T, U)`.
        const bool list = peek().punct("(");
        if (list) ++pos_;
        while (true) {
            auto ty = typeName();
            if (!ty) return std::nullopt;
            c.results.push_back({"", *ty});
            if (!list || !peek().punct(",")) break;
            ++pos_;
        }
        if (list && !expect(")")) return std::nullopt;
    }
    if (!peek().punct("{")) {
        fail("'{' to start the func literal's body");
        return std::nullopt;
    }
    c.open = pos_;
    c.close = matching(pos_);
    pos_ = c.close + 1;
    return c;
}

bool Lowerer::methodAhead() const {
    if (!peek().punct(".") || peek(1).kind != Token::Kind::Ident || !peek(2).punct("(")) return false;
    return type_.size() > 1 && type_[0] == '*' && prog_.helpers.count(type_.substr(1) + "." + peek(1).text);
}

std::optional<Expr> Lowerer::methodCall(const Expr& recv) {
    const Func& m = prog_.helpers.at(type_.substr(1) + "." + peek(1).text);
    const Token& at = peek(1);
    pos_ += 2;
    auto args = arguments();
    if (!args) return std::nullopt;
    args->insert(args->begin(), recv);
    if (!arity(at, *args, m.params.size())) return std::nullopt;
    auto r = inlineCall(Callee{m.name, m.open, m.close, m.params, m.results, false}, *args, at);
    if (!r) return std::nullopt;
    return r->empty() ? Expr::constant(0) : (*r)[0];
}

std::optional<Lowerer::Callee> Lowerer::calleeAt(std::optional<Expr>& recv) {
    const Token& t = peek();
    if (t.ident("func")) return funcLiteral();
    if (auto it = closures_.find(t.text); it != closures_.end()) {
        ++pos_;
        return it->second;
    }
    auto h = prog_.helpers.find(t.text);
    if (h == prog_.helpers.end()) {
        error(t, "undefined function: " + t.text);
        return std::nullopt;
    }
    ++pos_;
    (void)recv;
    return Callee{h->first, h->second.open, h->second.close, h->second.params, h->second.results, false};
}

std::optional<std::vector<Expr>> Lowerer::call() {
    const Token& at = peek();
    std::optional<Expr> recv;
    auto c = calleeAt(recv);
    if (!c) return std::nullopt;
    if (!peek().punct("(")) {
        fail("'(' and the arguments of the call");
        return std::nullopt;
    }
    auto args = arguments();
    if (!args || !arity(at, *args, c->params.size())) return std::nullopt;
    return inlineCall(*c, *args, at);
}

std::optional<std::vector<Expr>> Lowerer::inlineCall(const Callee& c, const std::vector<Expr>& argValues,
                                                     const Token& at) {
    const SourceLoc callLoc = loc_;
    // Go evaluates the arguments before the call: into temporaries, which no frame renames.
    std::vector<Expr> args;
    for (const auto& a : argValues) {
        if (a.kind == K::Const || a.kind == K::Sym || (a.kind == K::Reg && a.name[0] == '%')) {
            args.push_back(a);
            continue;
        }
        std::string r = b_->freshTemp();
        emit(Assign{r, a});
        if (a.kind == K::Reg && fresh_.count(a.name)) fresh_.insert(r);
        args.push_back(Expr::reg(r));
    }
    // An untyped constant argument must fit its parameter (a typed value is of its type already).
    for (std::size_t k = 0; k < c.params.size() && k < argValues.size(); ++k)
        if (!fits(at, argValues[k], "int", c.params[k].second)) return std::nullopt;
    std::size_t depth = 0;
    for (const auto& f : frames_) depth += f.name == c.name;
    if (frames_.size() >= kMaxCallDepth) {
        error(at, "calls nested more than " + std::to_string(kMaxCallDepth) + " deep");
        return std::nullopt;
    }
    Frame f;
    f.name = c.name;
    f.prefix = "%" + (c.closure ? std::string("lit") : c.name) + std::to_string(++calls_) + ".";
    f.onceDepth = inlining_;
    for (const auto& r : c.results) {
        f.results.push_back(b_->freshTemp());
        f.resultTypes.push_back(r.second);
        emit(Assign{f.results.back(), Expr::constant(0)});
        if (!r.first.empty()) f.named.push_back(r);
    }
    std::vector<Expr> out;
    for (const auto& r : f.results) out.push_back(Expr::reg(r));
    if (depth >= static_cast<std::size_t>(unroll_)) {
        // Recursion is bounded like a loop: a deeper call needs more rounds than the bound.
        emit(Halt{Halt::Kind::Cut, "recursion deeper than " + std::to_string(unroll_) + " (--unroll)"});
        return out;
    }
    // A function sees only its parameters and the globals; a literal also the locals around it.
    const auto savedLocals = locals_;
    const auto savedTypes = types_;
    const auto savedEscaped = escaped_;
    const auto savedFresh = fresh_;
    const auto savedRenames = renames_;
    const auto savedClosures = closures_;
    const auto savedLoops = loops_;
    const auto savedChans = chanAliases_;
    bool ok = true;
    loops_.clear();
    if (!c.closure) {
        locals_.clear(), types_.clear(), escaped_.clear(), fresh_.clear(), renames_.clear(), closures_.clear();
        chanAliases_.clear();
        findEscaping(c.open, c.close);
    }
    frames_.push_back(f);
    for (std::size_t i = 0; i < c.params.size(); ++i) {
        if (c.params[i].second.rfind("chan ", 0) != 0) {
            declareLocal(c.params[i].first, c.params[i].second, args[i]);
        } else if (args[i].kind == K::Sym) {
            chanAliases_[c.params[i].first] = args[i].name;
        } else {
            error(at, "pass a declared channel to channel parameter " + c.params[i].first);
            ok = false;
        }
    }
    for (const auto& [n, ty] : f.named) declareLocal(n, ty, Expr::constant(0));
    ok = body(c.open, c.close) && ok;
    loc_ = callLoc;
    if (frames_.back().returned) emit(Label{frames_.back().end}), merge(held_, *frames_.back().returned);
    ok = runDefers() && ok;
    frames_.pop_back();
    locals_ = savedLocals, types_ = savedTypes, escaped_ = savedEscaped, fresh_ = savedFresh;
    renames_ = savedRenames, closures_ = savedClosures, loops_ = savedLoops, chanAliases_ = savedChans;
    loc_ = callLoc;
    type_ = c.results.empty() ? "int" : c.results[0].second;
    resultTypes_.clear();
    for (const auto& r : c.results) resultTypes_.push_back(r.second);
    if (!ok) return std::nullopt;
    return out;
}

bool Lowerer::callStatement() {
    auto r = call();
    return r.has_value();
}

bool Lowerer::multiAssign(const std::vector<const Token*>& names, bool declare) {
    const Token& at = peek();
    if (!callAhead()) {
        // `a, b := e, f`, `a, b = b, a`: every value first (into temporaries), then the assignments.
        std::vector<std::pair<Expr, std::string>> values;
        while (true) {
            auto e = expression();
            if (!e) return false;
            const std::string r = b_->freshTemp();
            emit(Assign{r, *e});
            if (e->kind == K::Reg && fresh_.count(e->name)) fresh_.insert(r);
            values.push_back({Expr::reg(r), type_});
            if (!peek().punct(",")) break;
            ++pos_;
        }
        if (values.size() != names.size())
            return error(at, "assignment mismatch: " + std::to_string(names.size()) + " variables but " +
                                 std::to_string(values.size()) + (values.size() == 1 ? " value" : " values"));
        for (std::size_t i = 0; i < names.size(); ++i) {
            type_ = values[i].second;
            if (!assign(*names[i], values[i].first, declare)) return false;
        }
        return true;
    }
    auto r = call();
    if (!r) return false;
    if (r->size() != names.size())
        return error(at, "assignment mismatch: " + std::to_string(names.size()) + " variables but " + at.text +
                             " returns " + std::to_string(r->size()) + (r->size() == 1 ? " value" : " values"));
    const auto types = resultTypes_;
    for (std::size_t i = 0; i < names.size(); ++i) {
        type_ = types[i];
        if (!assign(*names[i], (*r)[i], declare)) return false;
    }
    return true;
}

bool Lowerer::closureDecl() {
    const Token& name = peek();
    pos_ += 2;
    auto c = funcLiteral();
    if (!c) return false;
    c->name = name.text;
    closures_[name.text] = *c;
    return true;
}

bool Lowerer::returnStatement() {
    const Token& kw = peek();
    ++pos_;
    Frame& f = frames_.back();
    if (inlining_ != f.onceDepth) return unsupported(kw, "'return' inside once.Do");
    std::vector<Expr> values;
    while (pos_ < toks_.size() && peek().kind != Token::Kind::Semi && !peek().punct("}")) {
        const Token& at = peek();
        auto e = expression();   // may inline a call: frames_ may grow, so f is not used after it
        const std::size_t i = values.size();
        const auto& types = frames_.back().resultTypes;
        if (!e || (i < types.size() && !fits(at, *e, "int", types[i]))) return false;
        values.push_back(*e);
        if (!peek().punct(",")) break;
        ++pos_;
    }
    Frame& g = frames_.back();
    if (values.empty() && !g.named.empty()) {
        for (std::size_t i = 0; i < g.named.size(); ++i) {
            Token t = kw;
            t.text = g.named[i].first;
            auto v = load(t);
            if (!v) return false;
            values.push_back(*v);
        }
    }
    if (!g.discard && values.size() != g.results.size())
        return error(kw, values.size() < g.results.size() ? "not enough return values" : "too many return values");
    // Every value first, then the results: `return b, a` swaps.
    std::vector<std::string> temps;
    for (const auto& v : values) temps.push_back(b_->freshTemp()), emit(Assign{temps.back(), v});
    if (!g.discard)
        for (std::size_t i = 0; i < temps.size(); ++i) emit(Assign{g.results[i], Expr::reg(temps[i])});
    if (g.end.empty()) g.end = b_->freshLabel();
    emit(Branch{Expr::constant(1), g.end, false});
    if (!g.returned) g.returned = held_;
    else merge(*g.returned, held_);
    return true;
}

bool Lowerer::deferStatement() {
    const Token& kw = peek();
    ++pos_;
    Deferred d;
    d.loc = loc_;
    d.flag = b_->freshTemp();
    const Token& t = peek();
    const Global* g = global(t.text);
    if (g && g->kind != GlobalKind::Plain && !locals_.count(t.text) && peek(1).punct(".")) {
        // `defer mu.Unlock()`, `defer wg.Done()`: no arguments, so it is read again at the end.
        d.at = pos_;
        std::size_t i = pos_ + 3;
        if (!peek(3).punct("(") || !peek(4).punct(")"))
            return unsupported(t, "deferring a method call with arguments on a sync value");
        pos_ = i + 2;
    } else if (callAhead()) {
        std::optional<Expr> recv;
        auto c = calleeAt(recv);
        if (!c) return false;
        auto args = arguments();
        if (!args || !arity(t, *args, c->params.size())) return false;
        // Go evaluates the function value and the arguments at the defer statement.
        for (const auto& a : *args) {
            std::string r = b_->freshTemp();
            emit(Assign{r, a});
            d.args.push_back(Expr::reg(r));
        }
        d.callee = *c;
    } else {
        return unsupported(kw, "deferring this (defer a call: f(...), func() {...}(), mu.Unlock())");
    }
    emit(Assign{d.flag, Expr::constant(1)});
    frames_.back().defers.push_back(std::move(d));
    return true;
}

bool Lowerer::runDefers() {
    bool ok = true;
    auto defers = frames_.back().defers;
    for (auto it = defers.rbegin(); it != defers.rend(); ++it) {
        loc_ = it->loc;
        const std::string skip = b_->freshLabel();
        emit(Branch{Expr::unary(K::Not, Expr::reg(it->flag)), skip, false});
        if (it->callee) {
            Token at;
            at.text = it->callee->name;
            ok = inlineCall(*it->callee, it->args, at).has_value() && ok;
        } else {
            const std::size_t saved = pos_;
            pos_ = it->at;
            ok = expression().has_value() && ok;
            pos_ = saved;
        }
        emit(Label{skip});
    }
    return ok;
}

bool Lowerer::panicStatement() {
    const Token& kw = peek();
    pos_ += 2;
    std::string what = "panic: ";
    const Token& arg = peek();
    if (arg.kind == Token::Kind::String && peek(1).punct(")")) {
        what += arg.text.substr(1, arg.text.size() - 2);
        ++pos_;
    } else {
        const std::size_t first = pos_;
        auto v = expression();
        if (!v) return false;
        what += std::string(src_.text().substr(toks_[first].offset, toks_[pos_ - 1].end - toks_[first].offset));
    }
    if (!expect(")")) return false;
    (void)kw;
    emit(Halt{Halt::Kind::Panic, what});
    return true;
}

}  // namespace memlit::litmus::go
