#include "litmus/c/CLowering.hpp"

#include <algorithm>
#include <cctype>

namespace memlit::litmus::c {

std::size_t Lowerer::matching(std::size_t open, const char* o, const char* c) const {
    int depth = 0;
    for (std::size_t i = open; i < toks_.size(); ++i) {
        if (toks_[i].punct(o)) ++depth;
        if (toks_[i].punct(c) && --depth == 0) return i;
    }
    return toks_.size() - 1;
}

void Lowerer::record(std::size_t first, std::size_t last) {
    const std::size_t b = toks_[first].offset, e = toks_[last].end;
    test_.raw.back().push_back({std::string(src_.text().substr(b, e - b)), loc(toks_[first])});
}

bool Lowerer::run() {
    for (const auto& [key, value] : test_.meta) {
        if (key != "Unroll") continue;
        const bool digits = !value.empty() && value.size() <= 2 &&
                            std::all_of(value.begin(), value.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; });
        if (!digits || std::stoi(value) > 16) {
            diags_.error(file_, {}, "Unroll needs a whole number from 0 to 16, found '" + value + "'");
            return false;
        }
        unroll_ = std::stoi(value);
    }
    if (unrollOverride_) unroll_ = *unrollOverride_;
    for (const auto& i : test_.init)
        if (!i.place.isRegister()) locations_.insert(i.place.name);
    for (const auto& f : prog_.threads)
        for (const auto& p : f.params) locations_.insert(p.name);
    bool ok = true;
    for (const auto& f : prog_.threads) ok = thread(f) && ok;
    return ok;
}

bool Lowerer::thread(const Function& f) {
    ThreadBuilder b(static_cast<int>(test_.threads.size()), file_, diags_);
    b_ = &b;
    locals_.clear();
    loops_.clear();
    for (const auto& i : test_.init)
        if (i.place.thread == b.thread()) locals_.insert(i.place.name);
    test_.raw.emplace_back();
    pos_ = f.open + 1;
    const bool ok = statements(f.close);
    test_.threads.push_back(b.take());
    b_ = nullptr;
    return ok;
}

bool Lowerer::statements(std::size_t close) {
    while (pos_ < close) {
        if (!statement()) return false;
    }
    pos_ = close + 1;
    return true;
}

bool Lowerer::block() {
    const std::size_t close = matching(pos_, "{", "}");
    if (!toks_[close].punct("}")) return fail("'}'");
    ++pos_;
    return statements(close);
}

bool Lowerer::statement() {
    if (++depth_ > kMaxDepth) return error(peek(), "statements are nested too deeply");
    struct Leave {
        int& d;
        ~Leave() { --d; }
    } leave{depth_};
    const Token& t = peek();
    loc_ = loc(t);
    if (t.punct(";")) {
        ++pos_;
        return true;
    }
    if (t.punct("{")) return block();
    if (t.ident("if")) return ifStatement();
    if (t.ident("while") || t.ident("for") || t.ident("do")) return loop();
    if (t.ident("break") || t.ident("continue")) return jump();
    if (t.ident("return")) return unsupported(t, "'return' in a thread");
    if (t.ident("goto") || t.ident("switch")) return unsupported(t, "'" + t.text + "'");
    if (startsDeclaration()) return declaration();
    return expressionStatement();
}

bool Lowerer::isTypeWord(const Token& t) {
    static const std::set<std::string, std::less<>> words = {
        "int", "unsigned", "signed", "long", "short", "char", "bool", "_Bool", "void", "volatile", "const",
        "_Atomic", "atomic_int", "atomic_uint", "atomic_long", "atomic_ulong", "atomic_bool", "atomic_char",
        "atomic_short", "atomic_llong", "atomic_intptr_t", "__int128", "__int128_t", "__uint128_t", "spinlock_t",
        "atomic_t", "atomic_long_t", "struct"};
    if (t.kind != Token::Kind::Ident) return false;
    if (words.count(t.text)) return true;
    return t.text.size() > 2 && t.text.compare(t.text.size() - 2, 2, "_t") == 0;
}

bool Lowerer::startsDeclaration() const {
    if (!isTypeWord(peek())) return false;
    const Token& next = peek(1);
    return next.kind == Token::Kind::Ident || next.punct("*");
}

bool Lowerer::declaration() {
    const std::size_t first = pos_;
    while (isTypeWord(peek()) && (peek(1).kind == Token::Kind::Ident || peek(1).punct("*"))) ++pos_;
    while (true) {
        while (peek().punct("*")) ++pos_;
        const Token& n = peek();
        if (n.kind != Token::Kind::Ident) return fail("a variable name");
        if (locations_.count(n.text)) return error(n, "local '" + n.text + "' has the name of a location");
        ++pos_;
        if (peek().punct("[")) return unsupported(peek(), "local arrays");
        locals_.insert(n.text);
        if (peek().punct("=")) {
            ++pos_;
            auto e = expression();
            if (!e) return false;
            emit(Assign{n.text, *e});
        } else {
            emit(Assign{n.text, Expr::constant(0)});
        }
        if (peek().punct(",")) {
            ++pos_;
            continue;
        }
        if (!peek().punct(";")) return fail("';' or ','");
        record(first, pos_);
        ++pos_;
        return true;
    }
}

void Lowerer::dependUntil(const Expr& cond, const std::string& until) {
    // Never taken (the condition folds to 0), but it reads `cond`'s registers: the ops up to
    // `until` control-depend on them, as herd's if makes both branches depend on the test.
    emit(Branch{Expr::binary(K::And, cond, Expr::constant(0)), until, true});
}

bool Lowerer::ifStatement() {
    const std::size_t first = pos_++;
    if (!expect("(")) return false;
    auto c = expression();
    if (!c || !expect(")")) return false;
    record(first, pos_ - 1);
    const std::string elseL = b_->freshLabel(), endL = b_->freshLabel();
    emit(Branch{Expr::unary(K::Not, *c), elseL, true});
    if (!statement()) return false;
    const bool hasElse = peek().ident("else");
    loc_ = loc(toks_[first]);
    if (hasElse) emit(Branch{Expr::constant(1), endL, true});
    emit(Label{elseL});
    if (hasElse) {
        ++pos_;
        dependUntil(*c, endL);
        if (!statement()) return false;
        emit(Label{endL});
    }
    return true;
}

bool Lowerer::jump() {
    const Token& t = peek();
    if (loops_.empty()) return error(t, "'" + t.text + "' outside a loop");
    ++pos_;
    if (!expect(";")) return false;
    record(pos_ - 2, pos_ - 1);
    emit(Branch{Expr::constant(1), t.text == "break" ? loops_.back().breakTo : loops_.back().continueTo, false});
    return true;
}

std::size_t Lowerer::statementEnd(std::size_t p) const {
    // An unmatched bracket's "match" is the End token: the statement after it starts there too.
    p = std::min(p, toks_.size() - 1);
    const Token& t = toks_[p];
    if (t.kind == Token::Kind::End) return p;
    if (t.punct("{")) return matching(p, "{", "}") + 1;
    if ((t.ident("if") || t.ident("while") || t.ident("for")) && toks_[p + 1].punct("(")) {
        std::size_t q = statementEnd(matching(p + 1, "(", ")") + 1);
        if (t.ident("if") && toks_[q].ident("else")) q = statementEnd(q + 1);
        return q;
    }
    if (t.ident("do")) {
        std::size_t q = statementEnd(p + 1);
        if (toks_[q].ident("while") && toks_[q + 1].punct("(")) q = std::min(matching(q + 1, "(", ")") + 1, toks_.size() - 1);
        return toks_[q].punct(";") ? q + 1 : q;
    }
    int parens = 0;
    for (; toks_[p].kind != Token::Kind::End; ++p) {
        if (toks_[p].punct("(")) ++parens;
        if (toks_[p].punct(")")) --parens;
        if (parens <= 0 && (toks_[p].punct(";") || toks_[p].punct("}"))) break;
    }
    return toks_[p].punct(";") ? p + 1 : p;
}

bool Lowerer::loopHeader(LoopParts& l) {
    const std::size_t first = pos_;
    l.isDo = peek().ident("do");
    const bool isFor = peek().ident("for");
    ++pos_;
    if (l.isDo) {
        l.bodyAt = pos_;
        const std::size_t w = statementEnd(pos_);
        pos_ = w;
        if (!peek().ident("while") || !peek(1).punct("(")) return fail("'while (...)' after the body of 'do'");
        l.condAt = w + 2;
        l.condEnd = matching(w + 1, "(", ")");
        pos_ = l.condEnd + 1;
        if (!expect(";")) return false;
        l.after = pos_;
        record(first, first);
        return true;
    }
    if (!expect("(")) return false;
    const std::size_t close = matching(pos_ - 1, "(", ")");
    if (!toks_[close].punct(")")) return fail("')'");
    l.condAt = pos_;
    l.condEnd = close;
    l.bodyAt = close + 1;
    l.after = statementEnd(l.bodyAt);
    record(first, close);
    if (!isFor) return true;
    std::size_t semis[2] = {0, 0}, n = 0;
    int parens = 0;
    for (std::size_t i = pos_; i < close; ++i) {
        if (toks_[i].punct("(")) ++parens;
        if (toks_[i].punct(")")) --parens;
        if (parens == 0 && toks_[i].punct(";") && n < 2) semis[n++] = i;
    }
    if (n != 2) {
        pos_ = close;
        return fail("';' in 'for (init; condition; step)'");
    }
    l.condAt = semis[0] + 1;
    l.condEnd = semis[1];
    l.postAt = semis[1] + 1;
    l.postEnd = close;
    if (pos_ == semis[0]) return true;
    if (startsDeclaration()) return declaration() && (pos_ == semis[0] + 1 || fail("';'"));
    if (!expression()) return false;
    return pos_ == semis[0] || fail("';'");
}

bool Lowerer::loop() {
    const SourceLoc loopLoc = loc_;
    LoopParts l;
    if (!loopHeader(l)) return false;
    auto condition = [&]() -> std::optional<Expr> {
        loc_ = loopLoc;
        pos_ = l.condAt;
        if (pos_ == l.condEnd) return Expr::constant(1);
        auto c = expression();
        if (c && pos_ != l.condEnd) {
            fail("')'");
            return std::nullopt;
        }
        return c;
    };
    // Round r: leave when the condition fails, run the body (a `continue` jumps to the round's
    // end), then the step. A `do` body runs once before the first test.
    const std::string exit = b_->freshLabel();
    const int rounds = l.isDo ? std::max(unroll_, 1) : unroll_;
    for (int round = 0; round < rounds; ++round) {
        if (!l.isDo || round > 0) {
            auto c = condition();
            if (!c) return false;
            emit(Branch{Expr::unary(K::Not, *c), exit, false});
        }
        loops_.push_back({exit, b_->freshLabel()});
        pos_ = l.bodyAt;
        const bool ok = statement();
        loc_ = loopLoc;
        emit(Label{loops_.back().continueTo});
        loops_.pop_back();
        if (!ok) return false;
        if (l.postAt != 0 && l.postAt != l.postEnd) {
            pos_ = l.postAt;
            if (!expression()) return false;
            if (pos_ != l.postEnd) return fail("')'");
        }
    }
    auto c = condition();
    if (!c) return false;
    const std::string fits = b_->freshLabel();
    emit(Branch{Expr::unary(K::Not, *c), fits, false});
    emit(Halt{Halt::Kind::Cut, "more than " + std::to_string(rounds) + " (--unroll)"});
    emit(Label{fits});
    emit(Label{exit});
    pos_ = l.after;
    return true;
}

bool Lowerer::expressionStatement() {
    const std::size_t first = pos_;
    auto e = expression();
    if (!e) return false;
    if (!peek().punct(";")) return fail("';'");
    record(first, pos_);
    ++pos_;
    return true;
}

bool lowerProgram(const Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags,
                  LitmusTest& t, std::optional<int> unroll) {
    return Lowerer(prog, src, file, diags, t, unroll).run();
}

}  // namespace memlit::litmus::c
