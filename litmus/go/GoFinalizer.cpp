// runtime.SetFinalizer(x, f) and runtime.KeepAlive(x) (docs/go.md, "Finalizers"). The
// finalizer f(x) is a goroutine, started as `go f(x)` would be (its argument passed at the
// call), whose GO write is at the SetFinalizer call or, if the block of that call goes on to
// runtime.KeepAlive(x), at the last such KeepAlive: "SetFinalizer(x, f) is synchronized
// before the finalization call f(x)", and KeepAlive(x) keeps f from running before it. No
// other use of x orders anything (the memory model gives the collector's view of
// reachability no edge), and a started finalizer may still never run.

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

namespace {

bool keepAliveAt(const std::vector<Token>& toks, std::size_t i, const std::string& x) {
    return toks[i].ident("runtime") && i + 4 < toks.size() && toks[i + 1].punct(".") &&
           toks[i + 2].ident("KeepAlive") && toks[i + 3].punct("(") && toks[i + 4].ident(x.c_str());
}

}  // namespace

bool Lowerer::finalizerCall(const std::string& name) {
    const std::size_t call = pos_ - 4;  // the `runtime` of `runtime.F(`
    const Token& x = peek();
    auto type = types_.find(x.text);
    if (x.kind != Token::Kind::Ident || !locals_.count(x.text) || type == types_.end() ||
        type->second.rfind("*", 0) != 0)
        return unsupported(x, name + " of anything but a local pointer variable");
    auto value = load(x);
    if (!value) return false;
    ++pos_;
    if (name == "runtime.KeepAlive") {
        if (!expect(")")) return false;
        if (auto it = pendingStarts_.find(call); it != pendingStarts_.end()) {
            emit(Store{Expr::sym(goLocation(it->second)), Expr::constant(1), kGo, -1, 0});
            pendingStarts_.erase(it);
        }
        return true;
    }
    if (!expect(",")) return false;
    const Token& f = peek();
    const auto& gs = prog_.goroutines;
    if (f.ident("nil")) return unsupported(f, "runtime.SetFinalizer(x, nil), which removes a finalizer");
    const bool declared = std::any_of(gs.begin(), gs.end(), [&](const Func& g) { return g.name == f.text; });
    if (!f.ident("func") && (f.kind != Token::Kind::Ident || declared))
        return unsupported(f, "a finalizer other than a func literal or a function");
    GoTarget g;
    if (!goTarget(g)) return false;
    if (!peek().punct(")")) {
        jobs_.pop_back();  // its body is not lowered
        return fail("')' after the finalizer");
    }
    ++pos_;
    if (!passArguments(f, g, {*value})) return false;
    jobs_[g.thread].finalizer = true;
    // The last KeepAlive(x) of this block starts it. One in a nested block, or a way out of
    // the block, or a new value of x before it, would make that point depend on the path.
    std::size_t last = 0;
    int depth = 0;
    for (std::size_t i = pos_; i < blockClose_; ++i) {
        if (toks_[i].punct("{")) ++depth;
        if (toks_[i].punct("}")) --depth;
        if (!keepAliveAt(toks_, i, x.text)) continue;
        if (depth > 0) return unsupported(toks_[i], "runtime.KeepAlive in a block inside the one of its SetFinalizer");
        last = i;
    }
    for (std::size_t i = pos_; i < last; ++i) {
        const Token& k = toks_[i];
        if (k.ident("return") || k.ident("break") || k.ident("continue") || k.ident("goto"))
            return unsupported(k, "'" + k.text + "' between runtime.SetFinalizer and the runtime.KeepAlive of " + x.text);
        if (k.ident(x.text.c_str()) && i + 1 < toks_.size() && (toks_[i + 1].punct("=") || toks_[i + 1].punct(":=")))
            return unsupported(k, "assigning " + x.text + " between runtime.SetFinalizer and its runtime.KeepAlive");
    }
    if (last == 0) emit(Store{Expr::sym(goLocation(g.thread)), Expr::constant(1), kGo, -1, 0});
    else pendingStarts_[last] = g.thread;
    return true;
}

}  // namespace memlit::litmus::go
