// Lowering of Go goroutine bodies to Program IR (see docs/go.md for the scheme): plain
// variables are untagged loads and stores; sync/atomic operations carry AT; a mutex, a wait
// group and a once are locations accessed by tagged atomic operations (LOCK, UNLOCK, WG,
// ONCE); a `go` statement is a GO write the new goroutine's first event (a GO read that must
// see it) reads. Blocking, panics and loops that need more rounds end in a Halt.

#include "litmus/go/GoLowering.hpp"

#include <charconv>

namespace memlit::litmus::go {

bool Lowerer::run() {
    for (const auto& f : prog_.goroutines) jobs_.push_back({f.open, f.close, false, {}, {}, {}});
    if (!findStartedGoroutines()) return false;
    for (std::size_t m = 0; m < test_.meta.size(); ++m)
        if (const auto& [key, value] = test_.meta[m]; key == "Unroll") {
            int k = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), k);
            if (ec != std::errc() || ptr != value.data() + value.size() || k < 0 || k > 16) {
                const SourceLoc at = m < test_.metaValueLocs.size() ? test_.metaValueLocs[m] : SourceLoc{};
                diags_.error(file_, at, "Unroll needs a whole number from 0 to 16, found '" + value + "'");
                return false;
            }
            unroll_ = k;
        }
    if (unrollOverride_) {
        if (*unrollOverride_ < 0 || *unrollOverride_ > 16) {
            diags_.error(file_, {}, "--unroll needs a whole number from 0 to 16");
            return false;
        }
        unroll_ = *unrollOverride_;
    }
    if (!declareMaps()) return false;
    for (std::size_t i = 0; i + 2 < toks_.size(); ++i)
        if (toks_[i].ident("close") && toks_[i + 1].punct("(")) closed_.insert(toks_[i + 2].text);
    // A close of a channel parameter may close any channel.
    for (const auto& n : std::set<std::string>(closed_))
        if (!prog_.globals.count(n))
            for (const auto& [name, g] : prog_.globals)
                if (g.kind == GlobalKind::Chan) closed_.insert(name);
    bool ok = true;
    for (std::size_t i = 0; i < jobs_.size(); ++i) {
        if (i >= kMaxGoroutines) {
            diags_.error(file_, loc(toks_[jobs_[i].open]),
                         "more than " + std::to_string(kMaxGoroutines) + " goroutines");
            return false;
        }
        ThreadBuilder b(static_cast<int>(i), file_, diags_);
        b_ = &b;
        locals_.clear();
        types_.clear();
        escaped_.clear();
        fresh_.clear();
        held_.clear();
        chanAliases_ = jobs_[i].chans;
        findEscaping(jobs_[i].open, jobs_[i].close);
        test_.raw.emplace_back();
        loc_ = loc(toks_[jobs_[i].open]);
        if (jobs_[i].started) startOf(i);
        for (const auto& name : jobs_[i].captured) capture(i, name);
        // A finalizer may never run (Go runs it at some point after its object is unreachable).
        std::string skip = jobs_[i].finalizer ? b.freshLabel() : "";
        if (!skip.empty()) {
            std::string runs = b.freshTemp();
            emit(Choice{runs});
            emit(Branch{Expr::unary(K::Not, Expr::reg(runs)), skip, false});
        }
        ok = functionBody(jobs_[i].open, jobs_[i].close) && ok;
        if (!skip.empty()) emit(Label{skip});
        test_.threads.push_back(b.take());
    }
    return ok;
}

void Lowerer::merge(Holds& into, const Holds& other) {
    auto at = [](const Holds& h, const std::string& k) {
        auto it = h.find(k);
        return it == h.end() ? 0 : it->second;
    };
    for (const auto& [k, v] : other)
        if (at(into, k) != v) into[k] = kUnknownHold;
    for (auto& [k, v] : into)
        if (at(other, k) != v) v = kUnknownHold;
}

bool Lowerer::findStartedGoroutines() {
    bool ok = true;
    for (std::size_t i = 0; i + 1 < toks_.size(); ++i) {
        if (!toks_[i].ident("go") || toks_[i + 1].kind != Token::Kind::Ident) continue;
        const auto& gs = prog_.goroutines;
        auto it = std::find_if(gs.begin(), gs.end(), [&](const Func& f) { return f.name == toks_[i + 1].text; });
        if (it == gs.end()) continue;
        std::size_t k = static_cast<std::size_t>(it - gs.begin());
        if (k == 0) ok = error(toks_[i + 1], "P0 is main: no go statement may start it");
        else if (jobs_[k].started) ok = error(toks_[i + 1], "goroutine " + it->name + " is started twice");
        jobs_[k].started = true;
    }
    return ok;
}

bool Lowerer::body(std::size_t open, std::size_t close) {
    if (blockDepth_ >= kMaxBlockDepth)
        return error(toks_[open], "blocks nested more than " + std::to_string(kMaxBlockDepth) + " deep");
    ++blockDepth_;
    struct Leave {
        int& depth;
        ~Leave() { --depth; }
    } leave{blockDepth_};
    std::size_t saved = pos_, savedClose = blockClose_;
    pos_ = open + 1;
    blockClose_ = close;
    bool ok = true;
    while (pos_ < close) {
        if (peek().kind == Token::Kind::Semi) {
            ++pos_;
            continue;
        }
        if (!statement(close)) {
            ok = false;
            pos_ = nextStatement(close);
        }
    }
    pos_ = saved;
    blockClose_ = savedClose;
    return ok;
}

std::size_t Lowerer::nextStatement(std::size_t close) {
    int depth = 0;
    for (std::size_t i = pos_; i < close; ++i) {
        if (toks_[i].punct("{")) ++depth;
        if (toks_[i].punct("}")) --depth;
        if (depth <= 0 && toks_[i].kind == Token::Kind::Semi) return i + 1;
    }
    return close;
}

bool Lowerer::block() {
    if (!peek().punct("{")) return fail("'{'");
    std::size_t close = matching(pos_);
    bool ok = body(pos_, close);
    pos_ = close + 1;
    return ok;
}

bool Lowerer::statement(std::size_t close) {
    const std::size_t first = pos_;
    const Token& t = peek();
    loc_ = loc(t);
    type_ = "int";
    if (t.ident("if")) return ifStatement();
    bool ok = false;
    if (t.ident("go")) ok = goStatement();
    else if (t.ident("var")) ok = localVar();
    else if (t.ident("for")) return forStatement();
    else if (t.ident("select")) return selectStatement();
    else if (t.ident("close") && peek(1).punct("(")) ok = closeStatement();
    else if (t.kind == Token::Kind::Ident && peek(1).punct(":=") && peek(2).ident("func")) ok = closureDecl();
    else if (callAhead()) ok = callStatement();
    else if ((t.ident("fmt") || t.ident("time") || t.ident("runtime")) && peek(1).punct(".") && !global(t.text) &&
             !locals_.count(t.text))
        ok = libraryCall();
    else if (t.punct("<-")) ok = expression().has_value();
    else if (t.ident("break") || t.ident("continue")) ok = breakStatement();
    else if (t.ident("return")) ok = returnStatement();
    else if (t.ident("defer")) ok = deferStatement();
    else if (t.ident("panic") && peek(1).punct("(") && !locals_.count(t.text)) ok = panicStatement();
    else if (t.ident("switch") || t.ident("goto")) return unsupported(t, "the '" + t.text + "' statement");
    else if (t.punct("{")) return block();
    else if (t.kind == Token::Kind::Ident && peek(1).punct(":") && !locals_.count(t.text)) return labelledStatement(close);
    else if (indexesMap()) ok = mapStatement();
    else if (indexesCollection()) ok = indexStatement();
    else if (t.ident("delete") && peek(1).punct("(") && !locals_.count(t.text)) ok = deleteStatement();
    else ok = simpleStatement();
    if (!ok) return false;
    record(first, pos_ - 1);
    if (pos_ < close && peek().kind != Token::Kind::Semi) return fail("';' or newline after the statement");
    return true;
}

bool Lowerer::simpleStatement() {
    const Token& t = peek();
    if (t.kind == Token::Kind::Ident && (peek(1).punct(":=") || peek(1).punct("=") || peek(1).punct(","))) {
        std::vector<const Token*> names{&t};
        ++pos_;
        while (peek().punct(",")) {
            ++pos_;
            if (peek().kind != Token::Kind::Ident) return fail("a variable name");
            names.push_back(&peek());
            ++pos_;
        }
        if (!peek().punct(":=") && !peek().punct("=")) return fail("':=' or '='");
        const bool declare = peek().punct(":=");
        ++pos_;
        if (names.size() == 2 && peek().punct("<-")) {
            const Token& arrow = peek();
            ++pos_;
            auto c = channel();
            if (!c) return false;
            std::string ok;
            auto v = receive(*c, &ok);
            if (!v) return false;
            type_ = global(c->name)->type.substr(5);  // "chan T"
            if (!assign(*names[0], *v, declare)) return false;
            type_ = "bool";
            return assign(*names[1], Expr::reg(ok), declare) && (void(arrow), true);
        }
        if (names.size() == 2 && indexesMap()) return mapLookupOk(names, declare);
        if (const Global* g = global(peek().text);
            names.size() == 2 && g && g->kind == GlobalKind::SyncMap && !locals_.count(peek().text) && peek(1).punct("."))
            return syncMapPair(names, declare);
        if (names.size() > 1) return multiAssign(names, declare);
        auto e = expression();
        return e && assign(*names[0], *e, declare);
    }
    if (t.kind == Token::Kind::Ident && peek(1).punct("<-")) {
        auto c = channel();
        if (!c) return false;
        ++pos_;
        const Token& arrow = peek();  // the value
        auto e = expression();
        auto v = e ? asType(arrow, *e, global(c->name)->type.substr(5)) : std::nullopt;  // "chan T"
        return v && send(*c, *v);
    }
    if (t.kind == Token::Kind::Ident && peek(1).punct(".") && peek(2).kind == Token::Kind::Ident) {
        std::size_t i = pos_ + 1;
        while (toks_[i].punct(".") && toks_[i + 1].kind == Token::Kind::Ident) i += 2;
        const Global* g = global(t.text);
        const Token& op = toks_[i];
        const bool assigns = op.punct("=") || op.punct("++") || op.punct("--") ||
                             (op.kind == Token::Kind::Punct && op.text.size() >= 2 && op.text.back() == '=' &&
                              op.text != "==" && op.text != "!=" && op.text != "<=" && op.text != ">=");
        if (assigns && (locals_.count(t.text) || (g && g->kind == GlobalKind::Plain))) return storeStatement();
    }
    if (t.kind == Token::Kind::Ident) {
        if (!compoundOperator(peek(1)).empty()) {
            const Token& opTok = peek(1);
            if (!locals_.count(t.text) && !global(t.text)) return error(t, "undefined: " + t.text);
            pos_ += 2;
            const std::string type = locals_.count(t.text) ? types_[t.text] : global(t.text)->type;
            auto v = compoundValue(opTok, type, [&] { return load(t); });
            return v && assign(t, *v, false);
        }
        if (peek(1).punct(".")) return expression().has_value();
    }
    if (t.punct("*")) return storeStatement();
    return fail("a statement");
}

bool Lowerer::assign(const Token& name, const Expr& e, bool declare) {
    const std::string& n = name.text;
    if (n == "_") return true;
    const Global* g = global(n);
    if (declare && !name.redeclared) {
        if (g) return error(name, "'" + n + "' is a global variable: shadowing it is not supported");
        if (type_ == "nil") return error(name, "use of untyped nil in assignment");
        declareLocal(n, type_, e);
        return true;
    }
    if (locals_.count(n)) {
        auto v = asType(name, e, types_[n]);
        if (!v) return false;
        if (collectionOf(types_[n]) && type_ != types_[n])
            return unsupported(name, "assigning to '" + n + "' a value of type " + shownType(type_) +
                                         " (a slice keeps the length it was made with)");
        if (escaped_.count(n)) emit(Store{Expr::reg("&" + n), *v, {}, -1, 0});
        else emit(Assign{n, *v});
        fresh_.erase(n);
        return true;
    }
    if (!g) return error(name, "undefined: " + n);
    if (g->kind != GlobalKind::Plain)
        return error(name, "cannot assign to '" + n + "' of type " + g->type + " (use its methods)");
    auto v = asType(name, e, g->type);
    if (!v) return false;
    emit(Store{Expr::sym(n), *v, {}, -1, 0});
    return true;
}

std::optional<Expr> Lowerer::load(const Token& t) {
    if (locals_.count(t.text)) {
        type_ = types_[t.text];
        if (!escaped_.count(t.text)) return Expr::reg(t.text);
        std::string r = b_->freshTemp();
        emit(Load{r, Expr::reg("&" + t.text), {}, -1, 0});
        return Expr::reg(r);
    }
    const Global* g = global(t.text);
    if (!g) {
        error(t, "undefined: " + t.text);
        return std::nullopt;
    }
    type_ = g->type;
    if (g->kind != GlobalKind::Plain) {
        error(t, "'" + t.text + "' of type " + g->type + " is used as a value (use its methods)");
        return std::nullopt;
    }
    std::string r = b_->freshTemp();
    emit(Load{r, Expr::sym(t.text), {}, -1, 0});
    return Expr::reg(r);
}

bool Lowerer::localVar() {
    ++pos_;
    auto list = nameList(toks_, pos_);
    if (!list) return fail("a variable name");
    const std::vector<const Token*>& names = *list;
    std::optional<std::string> declared;
    if (!peek().punct("=")) {
        declared = typeName();
        if (!declared) return false;
    }
    Expr value = Expr::constant(0);
    if (declared && collectionOf(*declared) && !peek().punct("=")) {
        if (names.size() > 1) return unsupported(*names[1], "declaring several arrays or slices at once");
        value = zeroCollection(*declared);
    }
    if (peek().punct("=")) {
        if (names.size() > 1) return unsupported(peek(), "assigning several variables at once");
        ++pos_;
        auto e = expression();
        if (!e) return false;
        value = *e;
        if (declared) {
            auto v = asType(*names[0], value, *declared);
            if (!v) return false;
            value = *v;
        }
    }
    if (declared) type_ = *declared;
    for (const Token* n : names)
        if (!assign(*n, value, true)) return false;
    return true;
}

bool Lowerer::ifStatement() {
    const std::size_t first = pos_;
    ++pos_;
    // An init statement `if v := e; cond {` has a ';' before the block's '{'.
    int parens = 0;
    for (std::size_t i = pos_; i < toks_.size() && toks_[i].kind != Token::Kind::End; ++i) {
        if (toks_[i].punct("(")) ++parens;
        if (toks_[i].punct(")")) --parens;
        if (parens == 0 && toks_[i].punct("{")) break;
        if (parens == 0 && toks_[i].kind == Token::Kind::Semi) {
            if (!simpleStatement()) return false;
            if (peek().kind != Token::Kind::Semi) return fail("';'");
            ++pos_;
            break;
        }
    }
    auto cond = expression();
    if (!cond) return false;
    if (!peek().punct("{")) return fail("'{' after the condition");
    record(first, pos_ - 1);
    const std::string elseLabel = b_->freshLabel(), endLabel = b_->freshLabel();
    emit(Branch{Expr::unary(K::Not, *cond), elseLabel, false});
    const Holds before = held_;
    bool ok = block();
    if (peek().ident("else")) {
        const Holds then = held_;
        held_ = before;
        emit(Branch{Expr::constant(1), endLabel, false});
        emit(Label{elseLabel});
        ++pos_;
        if (peek().ident("if")) {
            loc_ = loc(peek());
            ok = ifStatement() && ok;
        } else {
            ok = block() && ok;
        }
        merge(held_, then);
        emit(Label{endLabel});
    } else {
        merge(held_, before);
        emit(Label{elseLabel});
    }
    return ok;
}

bool Lowerer::forStatement() {
    const std::size_t first = pos_;
    ++pos_;
    std::size_t semis[2] = {0, 0}, nSemis = 0, open = 0, rangeAt = 0;
    int parens = 0;
    for (std::size_t i = pos_; i < toks_.size() && toks_[i].kind != Token::Kind::End; ++i) {
        if (toks_[i].punct("(")) ++parens;
        if (toks_[i].punct(")")) --parens;
        if (parens == 0 && toks_[i].ident("range") && rangeAt == 0) rangeAt = i;
        if (parens == 0 && toks_[i].punct("{")) {
            open = i;
            break;
        }
        if (parens == 0 && toks_[i].kind == Token::Kind::Semi && nSemis < 2) semis[nSemis++] = i;
    }
    if (open == 0) return fail("'{' to start the loop body");
    if (rangeAt != 0 && nSemis == 0) {
        pos_ = first;
        return rangeStatement(rangeAt, open);
    }
    if (nSemis == 1) {
        pos_ = open;
        fail("';' after the loop condition");
        pos_ = matching(open) + 1;
        return false;
    }
    const std::size_t close = matching(open);
    std::size_t condAt = pos_, postAt = 0;
    if (nSemis == 2) {
        if (pos_ < semis[0] && !simpleStatement()) return false;
        if (pos_ != semis[0]) return fail("';'");
        condAt = semis[0] + 1;
        postAt = semis[1] + 1;
    }
    record(first, open - 1);
    const SourceLoc forLoc = loc_;
    // Round r is `if cond { body; post; <round r+1> }`, the innermost `if cond { Halt(Cut) }`:
    // nested ifs without else keep the guards simple (Events folds p&c | p&!c to p).
    std::vector<std::string> exits;
    auto condition = [&]() -> std::optional<Expr> {
        loc_ = forLoc;
        pos_ = condAt;
        const std::size_t end = nSemis == 2 ? semis[1] : open;
        if (pos_ == end) return Expr::constant(1);
        auto c = expression();
        if (c && pos_ != end) {
            fail(nSemis == 2 ? "';'" : "'{'");
            return std::nullopt;
        }
        return c;
    };
    bool ok = true;
    Holds leaving = held_;  // what holds where the loop may end
    const std::string end = b_->freshLabel();  // where `break` goes
    for (int round = 0; ok && round < unroll_; ++round) {
        auto c = condition();
        if (!c) return false;
        exits.push_back(b_->freshLabel());
        emit(Branch{Expr::unary(K::Not, *c), exits.back(), false});
        loops_.push_back({end, b_->freshLabel(), &leaving, std::nullopt});
        ok = body(open, close);
        const Loop here = loops_.back();
        loops_.pop_back();
        emit(Label{here.continueTo});
        if (here.continued) merge(held_, *here.continued);
        if (postAt != 0 && ok) {
            pos_ = postAt;
            loc_ = forLoc;
            ok = simpleStatement() && pos_ == open;
            if (!ok && pos_ != open) return fail("'{' after the loop's post statement");
        }
        merge(leaving, held_);
    }
    held_ = leaving;
    auto c = condition();
    if (!c) return false;
    const std::string fits = b_->freshLabel();
    emit(Branch{Expr::unary(K::Not, *c), fits, false});
    emit(Halt{Halt::Kind::Cut, "more than " + std::to_string(unroll_) + " (--unroll)"});
    emit(Label{fits});
    for (auto it = exits.rbegin(); it != exits.rend(); ++it) emit(Label{*it});
    emit(Label{end});
    pos_ = close + 1;
    return ok;
}

bool Lowerer::breakStatement() {
    const Token& t = peek();
    ++pos_;
    if (peek().kind == Token::Kind::Ident) return labelledBreak(t);
    const bool isBreak = t.text == "break";
    // `break` leaves the innermost loop or select; `continue` goes on with the innermost loop.
    auto it = isBreak ? loops_.rbegin()
                      : std::find_if(loops_.rbegin(), loops_.rend(), [](const Loop& l) { return !l.continueTo.empty(); });
    if (it == loops_.rend()) return error(t, t.text + " is not in a loop");
    if (isBreak && it->breakTo.empty()) return unsupported(t, "'break' in a select (it leaves the select, not the loop)");
    emit(Branch{Expr::constant(1), isBreak ? it->breakTo : it->continueTo, false});
    if (isBreak) merge(*it->leaving, held_);
    else if (!it->continued) it->continued = held_;
    else merge(*it->continued, held_);
    return true;
}

bool lowerProgram(const Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags,
                  LitmusTest& t, std::optional<int> unroll) {
    Program scoped = prog;
    if (!resolveScopes(scoped, src, file, diags)) return false;
    // A first pass, whose ops and diagnostics are dropped, finds the panics that cannot happen.
    Diagnostics scratchDiags;
    LitmusTest scratch = t;
    Lowerer first(scoped, src, file, scratchDiags, scratch, unroll, {});
    ProgramFacts facts;
    if (first.run() && !scratchDiags.hasErrors()) facts = first.facts();
    return Lowerer(scoped, src, file, diags, t, unroll, facts).run();
}

}  // namespace memlit::litmus::go
