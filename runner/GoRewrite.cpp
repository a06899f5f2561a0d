#include "runner/GoRewrite.hpp"

#include <algorithm>

namespace memlit::runner {

namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

constexpr int kMaxInlining = 8;  // as the lowering's

}  // namespace

GoRewriter::GoRewriter(const litmus::go::Program& prog, const litmus::SourceText& src, const std::string& file,
                       Diagnostics& diags, std::string inst, std::vector<litmus::Place> places)
    : prog_(prog), toks_(prog.tokens), src_(src), file_(file), diags_(diags), inst_(std::move(inst)),
      places_(std::move(places)) {}

bool GoRewriter::refuse(std::size_t tok, const std::string& what) {
    diags_.unsupported(file_, src_.locOf(toks_[tok].offset), what + " (memlit run)");
    return false;
}

bool GoRewriter::isFunction(const std::string& name) const {
    if (prog_.helpers.count(name)) return true;
    return std::any_of(prog_.goroutines.begin(), prog_.goroutines.end(),
                       [&](const litmus::go::Func& f) { return f.name == name; });
}

std::size_t GoRewriter::matching(std::size_t open) const {
    int depth = 0;
    for (std::size_t i = open; i < toks_.size(); ++i) {
        if (toks_[i].punct("{")) ++depth;
        else if (toks_[i].punct("}") && --depth == 0) return i;
    }
    return toks_.size() - 1;
}

std::size_t GoRewriter::statementEnd(std::size_t i, std::size_t close) const {
    int depth = 0;
    for (std::size_t k = i + 1; k < close; ++k) {
        const Token& t = toks_[k];
        if (t.punct("{") || t.punct("(") || t.punct("[")) ++depth;
        else if (t.punct("}") || t.punct(")") || t.punct("]")) {
            if (depth == 0) return k - 1;
            --depth;
        } else if (depth == 0 && t.kind == Token::Kind::Semi) {
            return k - 1;
        }
    }
    return close - 1;
}

std::size_t GoRewriter::lastInBlock(std::size_t open, std::size_t close) const {
    std::size_t k = close - 1;
    while (k > open && toks_[k].kind == Token::Kind::Semi) --k;
    return k;
}

std::vector<std::string> GoRewriter::topLevelLocals(std::size_t open, std::size_t close) const {
    std::vector<std::string> names;
    auto add = [&](const std::string& n) {
        if (n != "_" && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    };
    int depth = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        const Token& t = toks_[i];
        if (t.punct("{") || t.punct("(")) ++depth;
        else if (t.punct("}") || t.punct(")")) --depth;
        if (depth != 0) continue;
        if (t.ident("var")) {
            for (std::size_t j = i + 1; j < close && toks_[j].kind == Token::Kind::Ident; j += 2) {
                add(toks_[j].text);
                if (!(j + 1 < close && toks_[j + 1].punct(","))) break;
            }
        } else if (t.punct(":=")) {
            std::vector<std::string> lhs;
            std::size_t j = i;
            while (j > open + 1 && toks_[j - 1].kind == Token::Kind::Ident) {
                lhs.push_back(toks_[j - 1].text);
                if (j - 1 > open + 1 && toks_[j - 2].punct(",")) j -= 2;
                else {
                    --j;
                    break;
                }
            }
            // `if r := ...`, `for i := ...`, `case v := <-c:`: scoped to the statement or clause.
            const Token& before = toks_[j - 1];
            const bool scoped = before.ident("if") || before.ident("for") || before.ident("switch") ||
                                before.ident("case");
            if (!scoped)
                for (auto it = lhs.rbegin(); it != lhs.rend(); ++it) add(*it);
        }
    }
    return names;
}

void GoRewriter::scanForGo(std::size_t open, std::size_t close, int inlining) {
    for (std::size_t j = open + 1; j < close; ++j) {
        const Token& t = toks_[j];
        if (t.ident("for") || t.ident("select")) {
            // The lowering unrolls loops (and may lower select cases apart): goroutines a go
            // statement in there starts get numbers this scan cannot predict.
            std::size_t body = j;
            while (body < close && !toks_[body].punct("{")) ++body;
            const std::size_t end = matching(body);
            for (std::size_t k = body; k < end; ++k)
                if (toks_[k].ident("go") && !firstUnnumbered_) {
                    firstUnnumbered_ = goroutines_.size();
                    firstUnnumberedTok_ = k;
                }
            if (t.ident("select") || firstUnnumbered_) j = end;
            continue;
        }
        if (t.ident("go") && toks_[j + 1].ident("func")) {
            const std::size_t litOpen = literalOpen(j), litClose = matching(litOpen);
            goroutines_.push_back({litOpen, litClose, {}});
            j = litClose;
        } else if (t.ident("go")) {
            auto h = prog_.helpers.find(toks_[j + 1].text);
            if (h != prog_.helpers.end()) goroutines_.push_back({h->second.open, h->second.close, h->first});
            j += 1;
        } else if (t.kind == Token::Kind::Ident && !toks_[j - 1].punct(".")) {
            // once.Do(f) runs f where it stands: the lowering inlines it.
            auto h = prog_.helpers.find(t.text);
            if (h != prog_.helpers.end() && inlining < kMaxInlining)
                scanForGo(h->second.open, h->second.close, inlining + 1);
        }
    }
}

void GoRewriter::numberGoroutines() {
    for (const auto& f : prog_.goroutines) goroutines_.push_back({f.open, f.close, {}});
    for (std::size_t i = 0; i < goroutines_.size(); ++i) scanForGo(goroutines_[i].open, goroutines_[i].close, 0);
    for (std::size_t j = 0; j + 1 < toks_.size(); ++j)
        if (toks_[j].kind == Token::Kind::Ident && prog_.helpers.count(toks_[j].text) && !toks_[j - 1].punct("."))
            ++helperUses_[toks_[j].text];
}

void GoRewriter::planIdent(std::size_t i) {
    const Token& t = toks_[i];
    const Token& prev = toks_[i - 1];
    if (prev.punct(".") || prev.ident("go")) return;
    if (isGlobal(t.text)) {
        replace_[i] = inst_ + "." + t.text;
    } else if (isFunction(t.text)) {
        if (toks_[i + 1].punct("(") && toks_[i + 2].punct(")")) replace_[i + 1] = "(" + inst_;
        else replace_[i] = "func() { " + t.text + "(" + inst_ + ") }";
    }
}

GoRewriter::Declaration GoRewriter::declaration(std::size_t i) const {
    Declaration d;
    if (toks_[i].ident("var")) {
        for (std::size_t j = i + 1; toks_[j].kind == Token::Kind::Ident; j += 2) {
            d.names.push_back(j);
            if (!toks_[j + 1].punct(",")) break;
        }
        return d;
    }
    std::size_t j = i;  // `a, b := e`
    while (toks_[j - 1].kind == Token::Kind::Ident) {
        d.names.insert(d.names.begin(), j - 1);
        if (!toks_[j - 2].punct(",")) {
            --j;
            break;
        }
        j -= 2;
    }
    const Token& before = toks_[j - 1];
    if (before.ident("if") || before.ident("for") || before.ident("switch")) d.scope = Declaration::Scope::Statement;
    else if (before.ident("case")) d.scope = Declaration::Scope::Clause;
    return d;
}

void GoRewriter::planUses(std::size_t i, const Declaration& d, std::size_t close) {
    std::string uses;
    for (std::size_t n : d.names)
        if (toks_[n].text != "_") uses += " _ = " + toks_[n].text + ";";
    if (uses.empty()) return;
    switch (d.scope) {
    case Declaration::Scope::Statement: {
        // `if r := e; cond {`: used at the start of the statement's block.
        int depth = 0;
        for (std::size_t k = i + 1; k < close; ++k) {
            const Token& t = toks_[k];
            if (t.punct("(") || t.punct("[")) ++depth;
            else if (t.punct(")") || t.punct("]")) --depth;
            else if (depth == 0 && t.punct("{") && !prog_.structs.count(toks_[k - 1].text)) {
                after_[k] += uses;
                return;
            }
        }
        return;
    }
    case Declaration::Scope::Clause:  // `case v := <-c:`: used at the start of the clause
        for (std::size_t k = i + 1; k < close; ++k)
            if (toks_[k].punct(":")) {
                after_[k] += uses;
                return;
            }
        return;
    case Declaration::Scope::Block:  // used right after the statement
        uses.pop_back();
        after_[statementEnd(i, close)] += ";" + uses;
        return;
    }
}

bool GoRewriter::assigns(std::size_t i) const {
    static const char* const ops[] = {"=", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^="};
    std::size_t k = i + 1;
    while (toks_[k].punct(",") && toks_[k + 1].kind == Token::Kind::Ident) k += 2;  // `a, b = ...`
    return std::any_of(std::begin(ops), std::end(ops), [&](const char* op) { return toks_[k].punct(op); });
}

bool GoRewriter::checkCaptures(std::size_t go, std::size_t fopen, std::size_t fclose) {
    const std::size_t litOpen = literalOpen(go), litClose = matching(litOpen);
    bool inLoop = false;  // the go statement is inside a for statement of the function
    for (std::size_t k = fopen + 1; k < go; ++k)
        if (toks_[k].ident("for")) {
            std::size_t body = k;
            while (body < go && !toks_[body].punct("{")) ++body;
            if (body < go && matching(body) > go) inLoop = true;
        }
    for (std::size_t j = litOpen + 1; j < litClose; ++j) {
        const Token& t = toks_[j];
        if (t.kind != Token::Kind::Ident || toks_[j - 1].punct(".")) continue;
        // A local of the function declared before the go statement.
        bool local = false;
        for (std::size_t k = fopen + 1; k < go && !local; ++k)
            if (toks_[k].punct(":=") || toks_[k].ident("var"))
                for (std::size_t n : declaration(k).names) local = local || toks_[n].text == t.text;
        if (!local) continue;
        // Go shares the variable with the goroutine; memlit copies it at the go statement. The
        // two agree unless one of them writes it while the other may still read it.
        bool written = false;
        for (std::size_t k = fopen + 1; k < fclose && !written; ++k) {
            if (toks_[k].text != t.text || toks_[k - 1].punct(".") || !assigns(k)) continue;
            const bool inLiteral = k > litOpen && k < litClose;
            written = inLiteral || k > litClose || inLoop;
        }
        if (written)
            return refuse(j, "a func literal goroutine using '" + t.text +
                                 "', which is written after its go statement (Go shares the variable, memlit "
                                 "copies it at the go statement)");
    }
    return true;
}

bool GoRewriter::planGo(std::size_t i, std::size_t fopen, std::size_t fclose) {
    const Token& callee = toks_[i + 1];
    if (callee.ident("func")) {  // go func(...) { ... }(...)
        replace_[i] = "memlitDone.Add(1); go";
        after_[literalOpen(i)] += " defer memlitDone.Done();";
        return checkCaptures(i, fopen, fclose);
    } else if (auto h = prog_.helpers.find(callee.text); h != prog_.helpers.end() && !h->second.params.empty()) {
        // go f(a, b): Go evaluates the arguments here; f (never inlined: once.Do takes no
        // parameters) says Done itself.
        startedByGo_.insert(callee.text);
        replace_[i] = "memlitDone.Add(1); go";
        replace_[i + 2] = "(" + inst_ + ",";
    } else if (prog_.helpers.count(callee.text)) {  // go f(): f may also run inline (once.Do)
        replace_[i] = "memlitDone.Add(1); go func() { defer memlitDone.Done();";
        replace_[i + 2] = "(" + inst_;
        after_[i + 3] += " }()";
    } else {  // go P1(): P1 itself says Done
        startedByGo_.insert(callee.text);
        replace_[i] = "memlitDone.Add(1); go";
        replace_[i + 2] = "(" + inst_;
    }
    return true;
}

bool GoRewriter::planBody(std::size_t open, std::size_t close) {
    bool ok = true;
    int depth = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        const Token& t = toks_[i];
        if (t.punct("{")) ++depth;
        else if (t.punct("}")) --depth;
        if (t.ident("go")) {
            ok = planGo(i, open, close) && ok;
        } else if (t.punct(":=") || t.ident("var")) {
            const Declaration d = declaration(i);
            for (std::size_t n : d.names)
                if (isGlobal(toks_[n].text) || isFunction(toks_[n].text))
                    ok = refuse(n, "a local named like the global '" + toks_[n].text + "'");
            // The top level of a function body is handled at its end (function()).
            if (depth != 0 || d.scope != Declaration::Scope::Block) planUses(i, d, close);
        } else if (t.kind == Token::Kind::Ident) {
            planIdent(i);
        }
    }
    return ok;
}

bool GoRewriter::planObservations() {
    bool ok = true;
    for (std::size_t k = 0; k < places_.size(); ++k) {
        const auto& p = places_[k];
        if (!p.isRegister()) continue;
        const std::size_t g = static_cast<std::size_t>(p.thread);
        if (g >= goroutines_.size() || (firstUnnumbered_ && g >= *firstUnnumbered_)) {
            ok = refuse(firstUnnumberedTok_, "observing a local of goroutine " + std::to_string(g) +
                                                 ", which a go statement in a loop or a select starts");
            continue;
        }
        const Goroutine& r = goroutines_[g];
        if (!r.helper.empty() && helperUses_[r.helper] != 1) {
            ok = refuse(r.open, "observing a local of helper " + r.helper + ", which runs more than once");
            continue;
        }
        auto locals = topLevelLocals(r.open, r.close);
        if (std::find(locals.begin(), locals.end(), p.name) == locals.end()) {
            // Saved at the end of the body, where a local of an inner block is out of scope.
            std::size_t at = r.open;
            for (std::size_t i = r.open + 1; i < r.close && at == r.open; ++i) {
                if (!toks_[i].punct(":=") && !toks_[i].ident("var")) continue;
                for (std::size_t n : declaration(i).names)
                    if (toks_[n].text == p.name) at = n;
            }
            ok = refuse(at, "observing '" + p.name + "', which goroutine " + std::to_string(g) +
                                (at == r.open ? " does not declare" : " declares in an inner block, not") +
                                " at the top level of its body");
            continue;
        }
        const std::string save = inst_ + ".memlitObs[" + std::to_string(k) + "] = memlitInt(" + p.name + ")";
        const bool function = std::any_of(prog_.goroutines.begin(), prog_.goroutines.end(),
                                          [&](const litmus::go::Func& f) { return f.open == r.open; }) ||
                              !r.helper.empty();
        if (function) {
            endOf_[r.open].push_back(save);
            observedIn_[r.open].insert(p.name);
        } else {
            after_[lastInBlock(r.open, r.close)] += "; " + save;
        }
    }
    return ok;
}

bool GoRewriter::run() {
    numberGoroutines();
    bool ok = true;
    for (const auto& f : prog_.goroutines) ok = planBody(f.open, f.close) && ok;
    for (const auto& [name, f] : prog_.helpers) ok = planBody(f.open, f.close) && ok;
    return planObservations() && ok;
}

std::string GoRewriter::render(std::size_t from, std::size_t to) const {
    std::string out;
    const std::string_view text = src_.text();
    for (std::size_t i = from; i < to; ++i) {
        const Token& t = toks_[i];
        const std::size_t gapBegin = toks_[i - 1].end;
        out += text.substr(gapBegin, t.offset - gapBegin);
        if (auto r = replace_.find(i); r != replace_.end()) out += r->second;
        else if (!(t.kind == Token::Kind::Semi && t.text == "\n")) out += t.text;
        if (auto a = after_.find(i); a != after_.end()) out += a->second;
    }
    return out;
}

std::string GoRewriter::function(const litmus::go::Func& f) const {
    std::string s = "func " + f.name + "(" + inst_ + " *memlitInst";
    for (const auto& [name, type] : f.params) s += ", " + name + " " + type;
    s += ") {\n";
    if (startedByGo_.count(f.name)) s += "\tdefer memlitDone.Done()\n";
    const std::string body = trim(render(f.open + 1, f.close));
    if (!body.empty()) s += "\t" + body + "\n";
    if (auto e = endOf_.find(f.open); e != endOf_.end())
        for (const auto& save : e->second) s += "\t" + save + "\n";
    auto observed = observedIn_.find(f.open);
    for (const auto& l : topLevelLocals(f.open, f.close))
        if (observed == observedIn_.end() || !observed->second.count(l)) s += "\t_ = " + l + "\n";
    return s + "}\n";
}

}  // namespace memlit::runner
