// Go statements: `go P1()`, `go f(a, b)` and `go func(x int) { ... }(a)` start a goroutine
// whose first event reads the go statement's GO write; arguments, and the parent's locals a
// func literal uses, are evaluated at the go statement and passed through memory it orders.

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

void Lowerer::startOf(std::size_t i) {
    std::string started = b_->freshTemp(), seen = b_->freshTemp(), start = b_->freshLabel();
    emit(Choice{started});
    emit(Branch{Expr::reg(started), start, true});
    Expr ran = finalValue(Expr::sym(goLocation(i)));
    emit(Assume{Expr::binary(K::Eq, ran, Expr::constant(0))});
    emit(Halt{Halt::Kind::Unstarted, ""});
    emit(Label{start});
    emit(Load{seen, Expr::sym(goLocation(i)), kGo, -1, 0});
    emit(Assume{Expr::binary(K::Eq, Expr::reg(seen), Expr::constant(1))});
}

void Lowerer::capture(std::size_t thread, const std::string& name) {
    const std::string local = name[0] == '&' ? name.substr(1) : name;
    const std::string type = jobs_[thread].types[local];
    if (name[0] == '&') {
        // The parent's variable itself: the goroutine shares it through its address.
        emit(Load{name, Expr::sym(capturedLocation(thread, name)), {}, -1, 0});
        escaped_.insert(local);
        fresh_.insert(name);
        locals_.insert(local);
        types_[local] = type;
    } else if (escaped_.count(local)) {
        std::string r = b_->freshTemp();
        emit(Load{r, Expr::sym(capturedLocation(thread, name)), {}, -1, 0});
        declareLocal(local, type, Expr::reg(r));
    } else {
        emit(Load{name, Expr::sym(capturedLocation(thread, name)), {}, -1, 0});
        locals_.insert(local);
        types_[local] = type;
    }
}

bool Lowerer::literalParams(std::vector<std::pair<std::string, std::string>>& params) {
    while (!peek().punct(")")) {
        auto names = nameList(toks_, pos_);
        if (!names) return fail("a parameter name");
        auto ty = typeName();
        if (!ty) return false;
        for (const Token* n : *names) params.push_back({n->text, *ty});
        if (peek().punct(",")) ++pos_;
        else if (!peek().punct(")")) return fail("',' or ')'");
    }
    ++pos_;
    return true;
}

bool Lowerer::goTarget(GoTarget& g) {
    const Token& t = peek();
    if (t.ident("func") && peek(1).punct("(")) {
        pos_ += 2;
        if (!literalParams(g.params)) return false;
        if (!peek().punct("{")) return unsupported(peek(), "function results");
        std::size_t open = pos_, close = matching(open);
        g.thread = jobs_.size();
        // The literal's uses of the parent's locals see their values at the go statement,
        // passed through memory the go statement orders (a later write by the parent is not
        // seen). A local the parent keeps in memory (its address is taken) is shared: the
        // literal gets its address.
        auto isParam = [&](const std::string& n) {
            return std::any_of(g.params.begin(), g.params.end(), [&](const auto& p) { return p.first == n; });
        };
        for (std::size_t i = open; i < close; ++i) {
            const std::string& n = toks_[i].text;
            const std::string name = escaped_.count(n) ? "&" + n : n;
            if (toks_[i].kind == Token::Kind::Ident && locals_.count(n) && !isParam(n) &&
                std::find(g.captured.begin(), g.captured.end(), name) == g.captured.end())
                g.captured.push_back(name), g.types[n] = types_[n];
        }
        jobs_.push_back({open, close, true, {}, {}, {}});
        pos_ = close + 1;
        return true;
    }
    if (t.kind != Token::Kind::Ident) return fail("a function after 'go'");
    const auto& gs = prog_.goroutines;
    auto it = std::find_if(gs.begin(), gs.end(), [&](const Func& f) { return f.name == t.text; });
    if (it != gs.end()) {
        g.thread = static_cast<std::size_t>(it - gs.begin());
        if (!goLowered_.insert(g.thread).second)
            return error(t, "goroutine " + t.text +
                                " would be started more than once (a go statement in a loop or in once.Do starts "
                                "a new goroutine each time: start a helper function or a func literal)");
    } else if (auto h = prog_.helpers.find(t.text); h != prog_.helpers.end()) {
        g.thread = jobs_.size();
        g.params = h->second.params;
        jobs_.push_back({h->second.open, h->second.close, true, {}, {}, {}});
    } else {
        return error(t, "undefined function: " + t.text);
    }
    ++pos_;
    return true;
}

bool Lowerer::passArguments(const Token& t, GoTarget& g, const std::vector<Expr>& args) {
    if (!arity(t, args, g.params.size())) {
        if (g.thread >= prog_.goroutines.size()) jobs_.pop_back();  // its body is not lowered
        return false;
    }
    // Go evaluates the arguments in the go statement; the goroutine finds them as its own
    // variables (a parameter shadows a captured local of the same name).
    for (const auto& name : g.captured)
        emit(Store{Expr::sym(capturedLocation(g.thread, name)), Expr::reg(name), {}, -1, 0});
    for (std::size_t k = 0; k < g.params.size(); ++k) {
        if (g.params[k].second.rfind("chan ", 0) == 0) {
            if (args[k].kind != K::Sym) return error(t, "pass a declared channel to channel parameter " + g.params[k].first);
            jobs_[g.thread].chans[g.params[k].first] = args[k].name;
            continue;
        }
        if (!fits(t, args[k], "int", g.params[k].second)) return false;
        emit(Store{Expr::sym(capturedLocation(g.thread, g.params[k].first)), args[k], {}, -1, 0});
        g.captured.push_back(g.params[k].first);
        g.types[g.params[k].first] = g.params[k].second;
    }
    if (!g.captured.empty()) {
        jobs_[g.thread].captured = g.captured;
        jobs_[g.thread].types = g.types;
    }
    return true;
}

bool Lowerer::goStatement() {
    ++pos_;
    const Token& t = peek();
    GoTarget g;
    if (!goTarget(g)) return false;
    if (!peek().punct("(")) return fail("'(' and the arguments of the goroutine's function");
    auto args = arguments();
    if (!args) {
        if (g.thread >= prog_.goroutines.size()) jobs_.pop_back();  // its body is not lowered
        return false;
    }
    if (!passArguments(t, g, *args)) return false;
    emit(Store{Expr::sym(goLocation(g.thread)), Expr::constant(1), kGo, -1, 0});
    return true;
}

}  // namespace memlit::litmus::go
