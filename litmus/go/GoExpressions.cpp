// Go expressions: operators, reads of variables, allocation and struct fields.

#include "litmus/go/GoLowering.hpp"

#include <charconv>

namespace memlit::litmus::go {

namespace {
const char* const kNilDereference = "runtime error: invalid memory address or nil pointer dereference";
}

int Lowerer::precedence(const Token& t) {
    if (t.kind != Token::Kind::Punct) return 0;
    static const std::pair<const char*, int> table[] = {
        {"||", 1}, {"&&", 2}, {"==", 3}, {"!=", 3}, {"<", 3},  {"<=", 3}, {">", 3},  {">=", 3}, {"+", 4},
        {"-", 4},  {"|", 4},  {"^", 4},  {"*", 5},  {"/", 5},  {"%", 5},  {"<<", 5}, {">>", 5}, {"&", 5},
        {"&^", 5}};
    for (const auto& [op, p] : table)
        if (t.text == op) return p;
    return 0;
}

bool Lowerer::enterExpr() {
    if (exprDepth_ == 0) exprOps_ = 0;
    if (++exprDepth_ <= kMaxExprDepth) return true;
    return error(peek(), "expression nested more than " + std::to_string(kMaxExprDepth) + " deep");
}

bool Lowerer::countOp(const Token& op) {
    if (++exprOps_ <= kMaxExprOps) return true;
    return error(op, "expression with more than " + std::to_string(kMaxExprOps) + " operators");
}

namespace {

/// `e` as a constant: a literal, or a negated one (unary minus lowers to `0 - e`).
std::optional<std::int64_t> constantOf(const Expr& e) {
    if (e.kind == K::Const) return e.value;
    if (e.kind == K::Sub && e.args[0].kind == K::Const && e.args[0].value == 0 && e.args[1].kind == K::Const &&
        e.args[1].value != INT64_MIN)
        return -e.args[1].value;
    return std::nullopt;
}

}  // namespace

bool Lowerer::constantOperands(const Token& op, const Expr& ea, const Expr& eb) {
    const bool shift = op.text == "<<" || op.text == ">>";
    const auto ca = constantOf(ea), cb = constantOf(eb);
    if (shift && cb && *cb < 0) return error(op, "invalid shift count " + std::to_string(*cb) + " (negative)");
    if (!ca || !cb) return true;
    struct { std::int64_t value; } a{*ca}, b{*cb};
    std::int64_t r = 0;
    bool overflow = false;
    if (op.text == "+") overflow = __builtin_add_overflow(a.value, b.value, &r);
    else if (op.text == "-") overflow = __builtin_sub_overflow(a.value, b.value, &r);
    else if (op.text == "*") overflow = __builtin_mul_overflow(a.value, b.value, &r);
    else if (op.text == "<<" && a.value != 0)
        overflow = b.value > 63 || (a.value << b.value) >> b.value != a.value;
    if (!overflow) return true;
    return error(op, "constant " + std::to_string(a.value) + " " + op.text + " " + std::to_string(b.value) +
                         " overflows int");
}

namespace {

/// Leaves one level of expression nesting on every way out.
struct ExprLevel {
    int& depth;
    ~ExprLevel() { --depth; }
};

}  // namespace

std::optional<Expr> Lowerer::expression(int minPrec) {
    ExprLevel level{exprDepth_};
    if (!enterExpr()) return std::nullopt;
    auto lhs = unary();
    if (!lhs) return std::nullopt;
    while (true) {
        const Token& op = peek();
        const int prec = precedence(op);
        if (prec == 0 || prec < minPrec) return lhs;
        if (!countOp(op)) return std::nullopt;
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
        if (!rhs || !constantOperands(op, *lhs, *rhs)) return std::nullopt;
        static const std::pair<const char*, K> kinds[] = {
            {"==", K::Eq}, {"!=", K::Ne},  {"<", K::Lt},   {"<=", K::Le}, {">", K::Gt}, {">=", K::Ge},
            {"+", K::Add}, {"-", K::Sub},  {"|", K::Or},   {"^", K::Xor}, {"*", K::Mul}, {"<<", K::Shl},
            {">>", K::Shr}, {"&", K::And}};
        if (op.text == "&^") {
            lhs = Expr::binary(K::And, std::move(*lhs), Expr::binary(K::Xor, std::move(*rhs), Expr::constant(-1)));
            continue;
        }
        for (const auto& [text, kind] : kinds)
            if (op.text == text) {
                lhs = Expr::binary(kind, std::move(*lhs), std::move(*rhs));
                break;
            }
    }
}

std::optional<Expr> Lowerer::unary() {
    ExprLevel level{exprDepth_};
    if (!enterExpr()) return std::nullopt;
    const Token& t = peek();
    if (t.punct("-") || t.punct("+") || t.punct("!") || t.punct("^")) {
        if (!countOp(t)) return std::nullopt;
        ++pos_;
        auto e = unary();
        if (!e) return std::nullopt;
        if (t.text == "-") return Expr::binary(K::Sub, Expr::constant(0), *e);
        if (t.text == "!") return Expr::unary(K::Not, *e);
        if (t.text == "^") return Expr::binary(K::Xor, *e, Expr::constant(-1));
        return e;
    }
    if (t.punct("<-")) {
        ++pos_;
        auto c = channel();
        if (!c) return std::nullopt;
        return receive(*c, nullptr);
    }
    if (prog_.allocs.count(pos_)) return allocation();
    if (t.punct("*") || t.punct("&")) {
        unsupported(t, "pointers (not in phase 1)");
        return std::nullopt;
    }
    return primary();
}

std::optional<Expr> Lowerer::primary() {
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
    if (prog_.allocs.count(pos_)) return allocation();
    if ((t.text == "len" || t.text == "cap") && peek(1).punct("(") && !locals_.count(t.text)) return lengthOf();
    if (t.text == "new" || t.text == "make") {
        unsupported(t, "'" + t.text + "' here (allocation is `p := new(S)` or `p := &S{}`, channels are "
                       "declared globals)");
        return std::nullopt;
    }
    const Global* g = global(t.text);
    if (g && !locals_.count(t.text) && peek(1).punct(".") && g->kind != GlobalKind::Plain) return method(*g);
    ++pos_;
    auto v = load(t);
    while (v && peek().punct(".")) v = fieldLoad(*v);
    return v;
}

std::optional<Expr> Lowerer::allocation() {
    const Token& t = peek();
    const AllocSite& site = prog_.allocs.at(pos_);
    if (!allocated_.insert(site.number).second) {
        unsupported(t, "an allocation that runs in several goroutines");
        return std::nullopt;
    }
    pos_ += 4;
    return Expr::sym(fieldLocation(site, prog_.structs.at(site.type).front()));
}

std::string Lowerer::fieldLocation(const AllocSite& site, const std::string& field) {
    return "new" + std::to_string(site.number) + "." + field;
}

std::optional<Expr> Lowerer::fieldAddress(const Expr& p, const Token& f) {
    std::optional<Expr> out;
    Expr rest = Expr::constant(0);
    bool any = false;
    for (auto it = prog_.allocs.rbegin(); it != prog_.allocs.rend(); ++it) {
        const auto& fields = prog_.structs.at(it->second.type);
        if (std::find(fields.begin(), fields.end(), f.text) == fields.end()) continue;
        any = true;
        rest = Expr::ite(Expr::binary(K::Eq, p, Expr::sym(fieldLocation(it->second, fields.front()))),
                         Expr::sym(fieldLocation(it->second, f.text)), rest);
    }
    if (!any) {
        error(f, "no allocated struct has a field '" + f.text + "'");
        return std::nullopt;
    }
    return rest;
}

void Lowerer::nilCheck(const Expr& p) {
    // The address of an allocation is never nil: only a pointer read from memory may be.
    if (p.kind != K::Sym) panicUnless(Expr::binary(K::Ne, p, Expr::constant(0)), kNilDereference);
}

std::optional<Expr> Lowerer::fieldLoad(const Expr& p) {
    ++pos_;
    if (peek().kind != Token::Kind::Ident) {
        fail("a field name");
        return std::nullopt;
    }
    const Token& f = peek();
    ++pos_;
    if (peek().punct("(")) {
        unsupported(f, "method calls on pointers");
        return std::nullopt;
    }
    auto a = fieldAddress(p, f);
    if (!a) return std::nullopt;
    nilCheck(p);
    std::string r = b_->freshTemp();
    emit(Load{r, *a, {}, -1, 0});
    return Expr::reg(r);
}

bool Lowerer::fieldStore() {
    const Token& base = peek();
    ++pos_;
    auto p = load(base);
    if (!p) return false;
    while (peek(2).punct(".")) {
        p = fieldLoad(*p);
        if (!p) return false;
    }
    ++pos_;
    const Token& f = peek();
    pos_ += 2;
    auto rhs = expression();
    if (!rhs) return false;
    auto a = fieldAddress(*p, f);
    if (!a) return false;
    nilCheck(*p);
    emit(Store{*a, *rhs, {}, -1, 0});
    return true;
}

std::optional<std::vector<Expr>> Lowerer::arguments() {
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

bool Lowerer::arity(const Token& name, const std::vector<Expr>& args, std::size_t n) {
    if (args.size() == n) return true;
    return error(name, name.text + " takes " + std::to_string(n) + (n == 1 ? " argument" : " arguments") +
                           ", found " + std::to_string(args.size()));
}

}  // namespace memlit::litmus::go
