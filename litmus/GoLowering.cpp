// Lowering of Go goroutine bodies to Program IR (see docs/go.md for the scheme): plain
// variables are untagged loads and stores; sync/atomic operations carry AT; a mutex, a wait
// group and a once are locations accessed by tagged atomic operations (LOCK, UNLOCK, WG,
// ONCE) whose blocking is an Assume; a `go` statement is a GO write the new goroutine's
// first event (a GO read that must see it) reads.

#include "litmus/Dialect.hpp"
#include "litmus/GoSyntax.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace memlit::litmus::go {

namespace {

using K = Expr::Kind;

const std::vector<std::string> kAtomic = {"AT"};
const std::vector<std::string> kLock = {"LOCK"};
const std::vector<std::string> kUnlock = {"UNLOCK"};
const std::vector<std::string> kWaitGroup = {"WG"};
const std::vector<std::string> kOnce = {"ONCE"};
const std::vector<std::string> kGo = {"GO"};

std::string goLocation(std::size_t thread) { return "%go" + std::to_string(thread); }

/// One goroutine to lower: a body (token range of its braces) and whether a `go` statement
/// starts it (else it runs from the start of the program).
struct Job {
    std::size_t open = 0, close = 0;
    bool started = false;
};

class Lowerer {
public:
    Lowerer(const Program& p, const SourceText& src, const std::string& file, Diagnostics& d, LitmusTest& t)
        : prog_(p), toks_(p.tokens), src_(src), file_(file), diags_(d), test_(t) {}

    bool run() {
        for (const auto& f : prog_.goroutines) jobs_.push_back({f.open, f.close, false});
        if (!findStartedGoroutines()) return false;
        bool ok = true;
        for (std::size_t i = 0; i < jobs_.size(); ++i) {
            if (i >= kMaxGoroutines) {
                diags_.error(file_, {}, "more than " + std::to_string(kMaxGoroutines) + " goroutines");
                return false;
            }
            ThreadBuilder b(static_cast<int>(i), file_, diags_);
            b_ = &b;
            locals_.clear();
            test_.raw.emplace_back();
            loc_ = loc(toks_[jobs_[i].open]);
            if (jobs_[i].started) {
                std::string t = b.freshTemp();
                b.emit(Load{t, Expr::sym(goLocation(i)), kGo, -1, 0}, loc_);
                b.emit(Assume{Expr::binary(K::Eq, Expr::reg(t), Expr::constant(1))}, loc_);
            }
            ok = body(jobs_[i].open, jobs_[i].close) && ok;
            test_.threads.push_back(b.take());
        }
        return ok;
    }

private:
    static constexpr std::size_t kMaxGoroutines = 16;
    static constexpr int kMaxInlining = 8;

    const Program& prog_;
    const std::vector<Token>& toks_;
    const SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    LitmusTest& test_;
    std::vector<Job> jobs_;
    ThreadBuilder* b_ = nullptr;
    std::set<std::string> locals_;
    std::size_t pos_ = 0;
    SourceLoc loc_;       // of the statement being lowered: every op it emits carries it
    int ifDepth_ = 0;
    int inlining_ = 0;

    const Token& peek(std::size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
    SourceLoc loc(const Token& t) const { return src_.locOf(t.offset); }
    void emit(OpKind op) { b_->emit(std::move(op), loc_); }
    bool error(const Token& at, std::string msg) {
        diags_.error(file_, loc(at), std::move(msg));
        return false;
    }
    bool unsupported(const Token& at, const std::string& what) {
        diags_.unsupported(file_, loc(at), what);
        return false;
    }
    bool fail(const std::string& what) {
        const Token& t = peek();
        std::string found = t.kind == Token::Kind::End ? "end of input"
                            : t.kind == Token::Kind::Semi && t.text == "\n" ? "newline"
                                                                            : "'" + t.text + "'";
        return error(t, "expected " + what + ", found " + found);
    }
    bool expect(const char* punct) {
        if (!peek().punct(punct)) return fail(std::string("'") + punct + "'");
        ++pos_;
        return true;
    }
    const Global* global(const std::string& name) const {
        auto it = prog_.globals.find(name);
        return it == prog_.globals.end() ? nullptr : &it->second;
    }
    std::size_t matching(std::size_t open) const {
        int depth = 0;
        for (std::size_t i = open; i < toks_.size(); ++i) {
            if (toks_[i].punct("{")) ++depth;
            if (toks_[i].punct("}") && --depth == 0) return i;
        }
        return toks_.size() - 1;
    }
    void record(std::size_t firstTok, std::size_t lastTok) {
        std::size_t b = toks_[firstTok].offset, e = toks_[lastTok].end;
        test_.raw.back().push_back({std::string(src_.text().substr(b, e - b)), loc(toks_[firstTok])});
    }

    /// `go P1()` in any body marks goroutine P1 as started by a go statement.
    bool findStartedGoroutines() {
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

    /// The statements between the braces at `open` and `close`.
    bool body(std::size_t open, std::size_t close) {
        std::size_t saved = pos_;
        pos_ = open + 1;
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
        return ok;
    }
    /// Error recovery: the token after the next top-level separator of this body.
    std::size_t nextStatement(std::size_t close) {
        int depth = 0;
        for (std::size_t i = pos_; i < close; ++i) {
            if (toks_[i].punct("{")) ++depth;
            if (toks_[i].punct("}")) --depth;
            if (depth <= 0 && toks_[i].kind == Token::Kind::Semi) return i + 1;
        }
        return close;
    }
    /// A `{ ... }` block at the current token; continues after its `}`.
    bool block() {
        if (!peek().punct("{")) return fail("'{'");
        std::size_t close = matching(pos_);
        bool ok = body(pos_, close);
        pos_ = close + 1;
        return ok;
    }

    bool statement(std::size_t close) {
        const std::size_t first = pos_;
        const Token& t = peek();
        loc_ = loc(t);
        if (t.ident("if")) return ifStatement();
        bool ok = false;
        if (t.ident("go")) ok = goStatement();
        else if (t.ident("var")) ok = localVar();
        else if (t.ident("for")) return unsupported(t, "for loops (not in phase 1)");
        else if (t.ident("select") || t.ident("close") || t.punct("<-")) return unsupported(t, "channels (not in phase 1)");
        else if (t.ident("switch") || t.ident("return") || t.ident("defer") || t.ident("goto") || t.ident("break"))
            return unsupported(t, "the '" + t.text + "' statement");
        else if (t.punct("{")) return block();
        else ok = simpleStatement();
        if (!ok) return false;
        record(first, pos_ - 1);
        if (pos_ < close && peek().kind != Token::Kind::Semi) return fail("';' or newline after the statement");
        return true;
    }

    bool simpleStatement() {
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
            if (names.size() > 1) {
                if (peek().punct("<-")) return unsupported(peek(), "channels (not in phase 1)");
                return unsupported(*names[1], "assigning several variables at once");
            }
            auto e = expression();
            return e && assign(*names[0], *e, declare);
        }
        if (t.kind == Token::Kind::Ident) {
            static const std::pair<const char*, K> compound[] = {{"+=", K::Add}, {"-=", K::Sub}, {"*=", K::Mul},
                                                                 {"|=", K::Or},  {"&=", K::And}, {"^=", K::Xor},
                                                                 {"++", K::Add}, {"--", K::Sub}};
            for (const auto& [op, kind] : compound) {
                if (!peek(1).punct(op)) continue;
                pos_ += 2;
                std::optional<Expr> rhs = Expr::constant(1);
                if (op[1] == '=') rhs = expression();
                if (!rhs) return false;
                if (!locals_.count(t.text) && !global(t.text)) return error(t, "undefined: " + t.text);
                auto old = load(t);
                return old && assign(t, Expr::binary(kind, *old, *rhs), false);
            }
            if (peek(1).punct(".")) return expression().has_value();
        }
        if (t.punct("*")) return unsupported(t, "pointers (not in phase 1)");
        return fail("a statement");
    }

    /// `name = e` or `name := e`: a register for a local, a plain store for a global.
    bool assign(const Token& name, const Expr& e, bool declare) {
        const std::string& n = name.text;
        if (n == "_") return true;
        const Global* g = global(n);
        if (declare) {
            if (g) return error(name, "'" + n + "' is a global variable: shadowing it is not supported");
            locals_.insert(n);
            emit(Assign{n, e});
            return true;
        }
        if (locals_.count(n)) {
            emit(Assign{n, e});
            return true;
        }
        if (!g) return error(name, "undefined: " + n);
        if (g->kind != GlobalKind::Plain)
            return error(name, "cannot assign to '" + n + "' of type " + g->type + " (use its methods)");
        emit(Store{Expr::sym(n), e, {}, -1, 0});
        return true;
    }

    /// The value of a variable named by `t`: a register, or a plain load of a global.
    std::optional<Expr> load(const Token& t) {
        if (locals_.count(t.text)) return Expr::reg(t.text);
        const Global* g = global(t.text);
        if (!g) {
            error(t, "undefined: " + t.text);
            return std::nullopt;
        }
        if (g->kind != GlobalKind::Plain) {
            error(t, "'" + t.text + "' of type " + g->type + " is used as a value (use its methods)");
            return std::nullopt;
        }
        std::string r = b_->freshTemp();
        emit(Load{r, Expr::sym(t.text), {}, -1, 0});
        return Expr::reg(r);
    }

    /// `var r int`, `var r = e`, `var r int = e` inside a goroutine.
    bool localVar() {
        ++pos_;
        if (peek().kind != Token::Kind::Ident) return fail("a variable name");
        const Token& name = peek();
        ++pos_;
        if (peek().kind == Token::Kind::Ident) ++pos_;  // the type: every local is an integer
        Expr value = Expr::constant(0);
        if (peek().punct("=")) {
            ++pos_;
            auto e = expression();
            if (!e) return false;
            value = *e;
        }
        return assign(name, value, true);
    }

    bool ifStatement() {
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
        ++ifDepth_;
        bool ok = block();
        if (peek().ident("else")) {
            emit(Branch{Expr::constant(1), endLabel, false});
            emit(Label{elseLabel});
            ++pos_;
            if (peek().ident("if")) {
                loc_ = loc(peek());
                ok = ifStatement() && ok;
            } else {
                ok = block() && ok;
            }
            emit(Label{endLabel});
        } else {
            emit(Label{elseLabel});
        }
        --ifDepth_;
        return ok;
    }

    bool goStatement() {
        const Token& kw = peek();
        ++pos_;
        if (ifDepth_ > 0 || inlining_ > 0) return unsupported(kw, "a go statement inside if/else or once.Do");
        std::size_t thread = 0;
        const Token& t = peek();
        if (t.ident("func") && peek(1).punct("(") && peek(2).punct(")") && peek(3).punct("{")) {
            std::size_t open = pos_ + 3, close = matching(open);
            thread = jobs_.size();
            jobs_.push_back({open, close, true});
            pos_ = close + 1;
        } else if (t.kind == Token::Kind::Ident) {
            const auto& gs = prog_.goroutines;
            auto it = std::find_if(gs.begin(), gs.end(), [&](const Func& f) { return f.name == t.text; });
            if (it != gs.end()) {
                thread = static_cast<std::size_t>(it - gs.begin());
            } else if (auto h = prog_.helpers.find(t.text); h != prog_.helpers.end()) {
                thread = jobs_.size();
                jobs_.push_back({h->second.open, h->second.close, true});
            } else {
                return error(t, "undefined function: " + t.text);
            }
            ++pos_;
        } else {
            return fail("a function after 'go'");
        }
        if (!expect("(")) return false;
        if (!peek().punct(")")) return unsupported(peek(), "arguments in a go statement");
        ++pos_;
        emit(Store{Expr::sym(goLocation(thread)), Expr::constant(1), kGo, -1, 0});
        return true;
    }

    // ---- expressions ---------------------------------------------------------------------

    static int precedence(const Token& t) {
        if (t.kind != Token::Kind::Punct) return 0;
        static const std::pair<const char*, int> table[] = {
            {"||", 1}, {"&&", 2}, {"==", 3}, {"!=", 3}, {"<", 3},  {"<=", 3}, {">", 3},  {">=", 3}, {"+", 4},
            {"-", 4},  {"|", 4},  {"^", 4},  {"*", 5},  {"/", 5},  {"%", 5},  {"<<", 5}, {">>", 5}, {"&", 5},
            {"&^", 5}};
        for (const auto& [op, p] : table)
            if (t.text == op) return p;
        return 0;
    }

    std::optional<Expr> expression(int minPrec = 1) {
        auto lhs = unary();
        if (!lhs) return std::nullopt;
        while (true) {
            const Token& op = peek();
            const int prec = precedence(op);
            if (prec == 0 || prec < minPrec) return lhs;
            ++pos_;
            if (op.text == "&&" || op.text == "||") {
                // Short-circuit: the right operand's reads happen only when it decides.
                std::string r = b_->freshTemp(), done = b_->freshLabel();
                emit(Assign{r, Expr::binary(K::Ne, *lhs, Expr::constant(0))});
                Expr stop = op.text == "&&" ? Expr::unary(K::Not, Expr::reg(r)) : Expr::reg(r);
                emit(Branch{stop, done, true});
                auto rhs = expression(prec + 1);
                if (!rhs) return std::nullopt;
                emit(Assign{r, Expr::binary(K::Ne, *rhs, Expr::constant(0))});
                emit(Label{done});
                lhs = Expr::reg(r);
                continue;
            }
            if (op.text == "/" || op.text == "%") {
                unsupported(op, "division");
                return std::nullopt;
            }
            auto rhs = expression(prec + 1);
            if (!rhs) return std::nullopt;
            static const std::pair<const char*, K> kinds[] = {
                {"==", K::Eq}, {"!=", K::Ne},  {"<", K::Lt},   {"<=", K::Le}, {">", K::Gt}, {">=", K::Ge},
                {"+", K::Add}, {"-", K::Sub},  {"|", K::Or},   {"^", K::Xor}, {"*", K::Mul}, {"<<", K::Shl},
                {">>", K::Shr}, {"&", K::And}};
            if (op.text == "&^") {
                lhs = Expr::binary(K::And, *lhs, Expr::binary(K::Xor, *rhs, Expr::constant(-1)));
                continue;
            }
            for (const auto& [text, kind] : kinds)
                if (op.text == text) lhs = Expr::binary(kind, *lhs, *rhs);
        }
    }

    std::optional<Expr> unary() {
        const Token& t = peek();
        if (t.punct("-") || t.punct("+") || t.punct("!") || t.punct("^")) {
            ++pos_;
            auto e = unary();
            if (!e) return std::nullopt;
            if (t.text == "-") return Expr::binary(K::Sub, Expr::constant(0), *e);
            if (t.text == "!") return Expr::unary(K::Not, *e);
            if (t.text == "^") return Expr::binary(K::Xor, *e, Expr::constant(-1));
            return e;
        }
        if (t.punct("<-")) {
            unsupported(t, "channels (not in phase 1)");
            return std::nullopt;
        }
        if (t.punct("*") || t.punct("&")) {
            unsupported(t, "pointers (not in phase 1)");
            return std::nullopt;
        }
        return primary();
    }

    std::optional<Expr> primary() {
        const Token& t = peek();
        if (t.kind == Token::Kind::Int) {
            std::int64_t v = 0;
            auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
            if (ec != std::errc() || ptr != t.text.data() + t.text.size()) {
                error(t, "bad integer constant '" + t.text + "'");
                return std::nullopt;
            }
            ++pos_;
            return Expr::constant(v);
        }
        if (t.punct("(")) {
            ++pos_;
            auto e = expression();
            if (!e || !expect(")")) return std::nullopt;
            return e;
        }
        if (t.kind != Token::Kind::Ident) {
            fail("an expression");
            return std::nullopt;
        }
        if (t.text == "true" || t.text == "false" || t.text == "nil") {
            ++pos_;
            return Expr::constant(t.text == "true" ? 1 : 0);
        }
        if (t.text == "atomic" && peek(1).punct(".")) return atomicFunction();
        if (t.text == "new" || t.text == "make" || t.text == "len" || t.text == "cap") {
            unsupported(t, "'" + t.text + "' (allocation and channels are not in phase 1)");
            return std::nullopt;
        }
        if (const Global* g = global(t.text); g && peek(1).punct(".")) return method(*g);
        ++pos_;
        return load(t);
    }

    /// Arguments `(e, ...)` of a call; the current token is '('.
    std::optional<std::vector<Expr>> arguments() {
        std::vector<Expr> out;
        if (!expect("(")) return std::nullopt;
        while (!peek().punct(")")) {
            auto e = expression();
            if (!e) return std::nullopt;
            out.push_back(*e);
            if (peek().punct(",")) ++pos_;
            else if (!peek().punct(")")) {
                fail("',' or ')'");
                return std::nullopt;
            }
        }
        ++pos_;
        return out;
    }

    bool arity(const Token& name, const std::vector<Expr>& args, std::size_t n) {
        if (args.size() == n) return true;
        return error(name, name.text + " takes " + std::to_string(n) + (n == 1 ? " argument" : " arguments") +
                               ", found " + std::to_string(args.size()));
    }

    /// `atomic.AddInt32(&x, 1)` and friends: the operation on plain variable x.
    std::optional<Expr> atomicFunction() {
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

    /// An atomic operation on location `x`; `name` is the method/function token (messages).
    std::optional<Expr> atomicOp(const std::string& x, const std::string& op, const Token& name,
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

    /// `v.Method(args)` on a global v.
    std::optional<Expr> method(const Global& g) {
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
        }
        return bad();
    }

    /// Lock: an atomic exchange that must find the mutex free (0) and leaves it held (1).
    void lock(const Expr& at) {
        std::string r = b_->freshTemp();
        int k = b_->freshRmw();
        emit(Load{r, at, kLock, k, 0});
        emit(Assume{Expr::binary(K::Eq, Expr::reg(r), Expr::constant(0))});
        emit(Store{at, Expr::constant(1), kLock, k, 0});
    }

    /// `once.Do(f)`: the once holds 0 (fresh), 1 (f running) or 2 (f returned). The caller that
    /// claims it (0 -> 1) runs f, inlined, then stores 2; every other caller waits for 2.
    std::optional<Expr> onceDo(const Token& var, const Token& name) {
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
};

}  // namespace

bool lowerProgram(const Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags,
                  LitmusTest& t) {
    return Lowerer(prog, src, file, diags, t).run();
}

}  // namespace memlit::litmus::go
