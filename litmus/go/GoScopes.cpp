// Go's block scoping (docs/go.md, "Blocks and shadowing"), resolved before lowering: the
// lowering keys a function's locals by name, so every local declared while another variable
// of its name is visible (an outer local, a parameter, a package-level name) is renamed to a
// name of its own, `x%1`, in its declaration and in every use within its scope. Blocks are
// `{ ... }`, the implicit blocks of `if`, `for`, `switch` and `select` statements, each case
// clause, and a func literal's body with its parameters. A variable's scope begins after its
// declaration (`x := x` reads the outer x; the iteration variables of a range clause after
// the range expression). A `:=` needs one new variable on its left; a name declared in the
// same block is assigned (Token::redeclared).

#include "litmus/go/GoSyntax.hpp"

#include <algorithm>

namespace memlit::litmus::go {

namespace {

class ScopeResolver {
public:
    ScopeResolver(Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags)
        : prog_(prog), toks_(prog.tokens), src_(src), file_(file), diags_(diags) {}

    /// The body between the braces at `open` and `close` of a function with these parameters.
    bool function(std::size_t open, std::size_t close, const std::vector<std::pair<std::string, std::string>>& params,
                  const std::vector<std::pair<std::string, std::string>>& results) {
        scopes_.clear();
        pending_.clear();
        scopes_.push_back({{}, close, false, true});
        tooDeep_ = false;
        for (const auto* list : {&params, &results})
            for (const auto& p : *list)
                if (!p.first.empty()) scopes_.back().names[p.first] = p.first;
        bool ok = true;
        for (std::size_t i = open + 1; i < close && !tooDeep_;) ok = step(i) && ok;
        return ok;
    }

private:
    struct Scope {
        std::map<std::string, std::string> names;  // declared in it: Go name -> the lowering's name
        std::size_t close = 0;                     // its last token
        bool clauses = false;                      // a select's or switch's braces: case clauses nest
        bool brace = false;                        // opened by a '{' (a block, a function's body)
    };
    /// Declarations whose scope begins at token `at`, in scope `scope` (an index of scopes_).
    struct Pending {
        std::size_t at = 0, scope = 0;
        std::vector<std::pair<std::string, std::string>> names;
    };
    Program& prog_;
    std::vector<Token>& toks_;
    const SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    std::vector<Scope> scopes_;
    std::vector<Pending> pending_;
    int renamed_ = 0;
    bool clausesNext_ = false;  // the next '{' is a select's or switch's
    bool tooDeep_ = false;      // past kMaxNestedBlocks: the function is not resolved further

    /// After a '{' at `at` opened a scope: whether blocks now nest too deep (reported once;
    /// the lowering would refuse the function too, and a deeper scan would cost depth × size).
    bool tooDeep(const Token& at) {
        const auto braces = std::count_if(scopes_.begin(), scopes_.end(), [](const Scope& s) { return s.brace; });
        if (braces <= kMaxNestedBlocks) return false;
        tooDeep_ = true;
        return !error(at, "blocks nested more than " + std::to_string(kMaxNestedBlocks) + " deep");
    }

    bool error(const Token& at, const std::string& msg) {
        diags_.error(file_, src_.locOf(at.offset), msg);
        return false;
    }
    const Token& tok(std::size_t i) const { return toks_[std::min(i, toks_.size() - 1)]; }

    std::size_t matching(std::size_t open) const { return closingBrace(toks_, open); }
    /// The first '{' outside parentheses and brackets from `i` on: a statement's body.
    std::size_t bodyOpen(std::size_t i) const {
        int depth = 0;
        for (; i < toks_.size() && tok(i).kind != Token::Kind::End; ++i) {
            if (toks_[i].punct("(") || toks_[i].punct("[")) ++depth;
            if (toks_[i].punct(")") || toks_[i].punct("]")) --depth;
            if (depth == 0 && toks_[i].punct("{")) return i;
        }
        return toks_.size() - 1;
    }
    /// The last token of the `if`, `for`, `switch` or `select` statement at `i`.
    std::size_t statementEnd(std::size_t i) const {
        std::size_t end = matching(bodyOpen(i + 1));
        if (!toks_[i].ident("if") || !tok(end + 1).ident("else")) return end;
        return tok(end + 2).ident("if") ? statementEnd(end + 2) : matching(end + 2);
    }

    bool visible(const std::string& n) const {
        for (const auto& s : scopes_)
            if (s.names.count(n)) return true;
        return prog_.globals.count(n) || prog_.helpers.count(n) || prog_.structs.count(n);
    }
    std::string resolve(const std::string& n) const {
        for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s)
            if (auto it = s->names.find(n); it != s->names.end()) return it->second;
        return n;
    }
    /// A new variable `n` of the current block: a name of its own if another `n` is visible.
    std::string fresh(const std::string& n) { return visible(n) ? n + "%" + std::to_string(++renamed_) : n; }

    bool step(std::size_t& i);
    /// `a, b := ...` at `i` (the first name); `i` moves past the `:=`.
    bool shortDecl(std::size_t& i);
    /// `var a, b T = ...` at `i` (the `var`); `i` moves past the names.
    bool varDecl(std::size_t& i);
    /// A func literal's parameters and results at `i` (the `func`); `i` moves to its body's '{'.
    void literal(std::size_t& i);
    /// Where a declaration whose names end at `from` (after its `:=` or names) takes effect:
    /// the end of its statement, the range clause's body, a case clause's ':'.
    std::size_t declarationEnd(std::size_t from, bool range, bool clause) const;
};

bool ScopeResolver::step(std::size_t& i) {
    while (scopes_.size() > 1 && scopes_.back().close < i) scopes_.pop_back();
    for (auto p = pending_.begin(); p != pending_.end();) {
        if (p->at != i) {
            ++p;
            continue;
        }
        if (p->scope < scopes_.size())
            for (const auto& [n, r] : p->names) scopes_[p->scope].names[n] = r;
        p = pending_.erase(p);
    }
    Token& t = toks_[i];
    const Token& prev = tok(i - 1);
    if (t.ident("func") && tok(i + 1).punct("(")) {
        literal(i);
        if (tooDeep(tok(i - 1))) return false;
    } else if (t.ident("if") || t.ident("for") || t.ident("switch") || t.ident("select")) {
        scopes_.push_back({{}, statementEnd(i), false});
        clausesNext_ = t.ident("switch") || t.ident("select");
        ++i;
    } else if (t.punct("{")) {
        scopes_.push_back({{}, matching(i), clausesNext_, true});
        clausesNext_ = false;
        if (tooDeep(t)) return false;
        ++i;
    } else if ((t.ident("case") || t.ident("default")) && !scopes_.empty()) {
        // A case clause is a block of its own, up to the next clause of its select.
        auto brace = std::find_if(scopes_.rbegin(), scopes_.rend(), [](const Scope& s) { return s.clauses; });
        if (brace == scopes_.rend()) return ++i, true;
        std::size_t end = brace->close, depth = 0;
        for (std::size_t k = i + 1; k < brace->close; ++k) {
            if (toks_[k].punct("{")) ++depth;
            if (toks_[k].punct("}")) --depth;
            if (depth == 0 && (toks_[k].ident("case") || toks_[k].ident("default"))) {
                end = k - 1;
                break;
            }
        }
        while (&scopes_.back() != &*brace) scopes_.pop_back();
        scopes_.push_back({{}, end, false});
        ++i;
    } else if (t.ident("var")) {
        return varDecl(i);
    } else if (t.kind == Token::Kind::Ident && !prev.punct(".")) {
        const bool atStatement = prev.punct("{") || prev.kind == Token::Kind::Semi || prev.ident("if") ||
                                 prev.ident("for") || prev.ident("case") || prev.punct(":");
        std::size_t k = i;
        while (tok(k).kind == Token::Kind::Ident && tok(k + 1).punct(",")) k += 2;
        if (atStatement && tok(k).kind == Token::Kind::Ident && tok(k + 1).punct(":=")) return shortDecl(i);
        const bool label = tok(i + 1).punct(":") && (prev.punct("{") || prev.punct(",") || prev.kind == Token::Kind::Semi);
        const bool jump = prev.ident("break") || prev.ident("continue") || prev.ident("goto");
        if (!label && !jump) t.text = resolve(t.text);
        ++i;
    } else {
        ++i;
    }
    return true;
}

bool ScopeResolver::shortDecl(std::size_t& i) {
    const bool clause = tok(i - 1).ident("case");
    std::vector<std::size_t> names;
    for (; !toks_[i].punct(":="); i += toks_[i].punct(",") ? 1 : 0)
        if (toks_[i].kind == Token::Kind::Ident) names.push_back(i++);
    const Token& op = toks_[i];
    ++i;
    Pending p{declarationEnd(i, tok(i).ident("range"), clause), scopes_.size() - 1, {}};
    Scope& here = scopes_.back();
    for (std::size_t n : names) {
        Token& t = toks_[n];
        if (t.text == "_") continue;
        if (auto it = here.names.find(t.text); it != here.names.end()) {
            t.text = it->second;  // declared in this block: `:=` assigns it
            t.redeclared = true;
            continue;
        }
        if (std::any_of(p.names.begin(), p.names.end(), [&](const auto& d) { return d.first == t.text; }))
            return error(t, t.text + " repeated on left side of :=");
        p.names.push_back({t.text, fresh(t.text)});
        t.text = p.names.back().second;
    }
    if (p.names.empty()) return error(op, "no new variables on left side of :=");
    pending_.push_back(std::move(p));
    return true;
}

bool ScopeResolver::varDecl(std::size_t& i) {
    ++i;
    Pending p{0, scopes_.size() - 1, {}};
    std::vector<std::size_t> names;
    for (; toks_[i].kind == Token::Kind::Ident; ++i) {
        names.push_back(i);
        if (!tok(i + 1).punct(",")) break;
        ++i;
    }
    ++i;
    p.at = declarationEnd(i, false, false);
    for (std::size_t n : names) {
        Token& t = toks_[n];
        if (t.text == "_") continue;
        if (scopes_.back().names.count(t.text) ||
            std::any_of(p.names.begin(), p.names.end(), [&](const auto& d) { return d.first == t.text; }))
            return error(t, t.text + " redeclared in this block");
        p.names.push_back({t.text, fresh(t.text)});
        t.text = p.names.back().second;
    }
    pending_.push_back(std::move(p));
    return true;
}

void ScopeResolver::literal(std::size_t& i) {
    auto closeParen = [&](std::size_t k) {
        for (int depth = 0; k < toks_.size() && toks_[k].kind != Token::Kind::End; ++k) {
            if (toks_[k].punct("(")) ++depth;
            if (toks_[k].punct(")") && --depth == 0) break;
        }
        return k;
    };
    const std::size_t paramsClose = closeParen(i + 1), open = bodyOpen(paramsClose + 1);
    Scope s{{}, matching(open), false, true};
    // `(a, b int, p *S)`: a name is followed by a type or a ','; a list without any type after
    // a name (`func(int, bool)`) declares nothing. The results, `(n int)`, the same way.
    auto declare = [&](std::size_t from, std::size_t to) {
        std::vector<std::size_t> names;
        bool named = false;
        for (std::size_t k = from + 1; k < to; ++k) {
            const bool start = toks_[k - 1].punct("(") || toks_[k - 1].punct(",");
            if (!start || toks_[k].kind != Token::Kind::Ident) continue;
            if (tok(k + 1).punct(",")) names.push_back(k);
            else if (!tok(k + 1).punct(")") && !tok(k + 1).punct(".")) names.push_back(k), named = true;
        }
        if (!named) return;
        for (std::size_t k : names) {
            const std::string r = fresh(toks_[k].text);
            s.names[toks_[k].text] = r;
            toks_[k].text = r;
        }
    };
    declare(i + 1, paramsClose);
    if (tok(paramsClose + 1).punct("(")) declare(paramsClose + 1, closeParen(paramsClose + 1));
    // Types in the lists name no variable: only the body is resolved.
    scopes_.push_back(std::move(s));
    i = open + 1;
}

std::size_t ScopeResolver::declarationEnd(std::size_t from, bool range, bool clause) const {
    int depth = 0;
    for (std::size_t k = from; k < toks_.size() && toks_[k].kind != Token::Kind::End; ++k) {
        const Token& t = toks_[k];
        if (depth == 0 && (t.kind == Token::Kind::Semi || (range && t.punct("{")) || (clause && t.punct(":"))))
            return k;
        if (t.punct("(") || t.punct("[") || t.punct("{")) ++depth;
        if (t.punct(")") || t.punct("]") || t.punct("}")) {
            if (depth == 0) return k;  // the end of the block
            --depth;
        }
    }
    return toks_.size() - 1;
}

}  // namespace

bool resolveScopes(Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags) {
    ScopeResolver r(prog, src, file, diags);
    bool ok = true;
    for (const auto& f : prog.goroutines) ok = r.function(f.open, f.close, f.params, f.results) && ok;
    for (const auto& [name, f] : prog.helpers) ok = r.function(f.open, f.close, f.params, f.results) && ok;
    return ok;
}

}  // namespace memlit::litmus::go
