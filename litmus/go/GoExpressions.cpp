// Go expressions: operators, reads of variables, allocation and struct fields.

#include "litmus/go/GoLowering.hpp"

#include <charconv>

namespace memlit::litmus::go {

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

/// Go's unsigned integer types (a shift of one is logical; a count of one cannot be negative).
bool isUnsigned(const std::string& type) {
    return type.rfind("uint", 0) == 0 || type == "byte";
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
            type_ = "bool";
            continue;
        }
        const std::string lhsType = type_;
        auto rhs = expression(prec + 1);
        if (!rhs || !constantOperands(op, *lhs, *rhs)) return std::nullopt;
        if (op.text == "<<" || op.text == ">>") {
            // A signed count that is negative at run time panics; `>>` of a signed value is
            // arithmetic (`-8 >> 1` is -4), of an unsigned one logical (docs/go.md, "Expressions").
            if (!isUnsigned(type_) && !constantOf(*rhs))
                panicUnless(Expr::binary(K::Ge, *rhs, Expr::constant(0)), "runtime error: negative shift amount");
            type_ = lhsType;
            if (op.text == ">>" && !isUnsigned(lhsType)) {
                Expr flipped = Expr::binary(K::Xor, *lhs, Expr::constant(-1));
                lhs = Expr::ite(Expr::binary(K::Lt, *lhs, Expr::constant(0)),
                                Expr::binary(K::Xor, Expr::binary(K::Shr, flipped, *rhs), Expr::constant(-1)),
                                Expr::binary(K::Shr, *lhs, *rhs));
                continue;
            }
        }
        if ((op.text == "/" || op.text == "%") && !divisionCheck(op, *rhs)) return std::nullopt;
        type_ = prec == 3 ? "bool" : lhsType == "nil" ? type_ : lhsType;
        static const std::pair<const char*, K> kinds[] = {
            {"==", K::Eq}, {"!=", K::Ne},  {"<", K::Lt},   {"<=", K::Le}, {">", K::Gt}, {">=", K::Ge},
            {"+", K::Add}, {"-", K::Sub},  {"|", K::Or},   {"^", K::Xor}, {"*", K::Mul}, {"<<", K::Shl},
            {">>", K::Shr}, {"&", K::And}, {"/", K::Div}, {"%", K::Rem}};
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
        if (t.text == "!") type_ = "bool";
        if (t.text == "-") return Expr::binary(K::Sub, Expr::constant(0), *e);
        if (t.text == "!") return Expr::unary(K::Not, *e);
        if (t.text == "^") return Expr::binary(K::Xor, *e, Expr::constant(-1));
        return e;
    }
    if (t.punct("<-")) {
        ++pos_;
        auto c = channel();
        if (!c) return std::nullopt;
        auto v = receive(*c, nullptr);
        type_ = global(c->name)->type.substr(5);  // "chan T"
        return v;
    }
    if (t.punct("*")) return indirect();
    if (t.punct("[")) return collectionLiteral();
    if (t.punct("&")) return peek(1).kind == Token::Kind::Ident && peek(2).punct("{") ? compositeLiteral() : addressOf();
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
        type_ = "int";
        return Expr::constant(v);
    }
    if (t.punct("(")) {
        ++pos_;
        auto e = expression();
        if (!e || !expect(")")) return std::nullopt;
        while (e && peek().punct(".")) e = fieldLoad(*e);
        return e;
    }
    if (t.kind != Token::Kind::Ident) {
        fail("an expression");
        return std::nullopt;
    }
    if (t.text == "true" || t.text == "false" || t.text == "nil") {
        ++pos_;
        type_ = t.text == "nil" ? "nil" : "bool";
        return Expr::constant(t.text == "true" ? 1 : 0);
    }
    type_ = "int";
    if (t.text == "atomic" && peek(1).punct(".")) {
        auto v = atomicFunction();
        type_ = "int";
        return v;
    }
    if ((t.text == "len" || t.text == "cap") && peek(1).punct("(") && !locals_.count(t.text)) return lengthOf();
    if (t.text == "new" && peek(1).punct("(") && !locals_.count(t.text)) return allocation();
    if (t.text == "make" && peek(1).punct("(") && !locals_.count(t.text)) return makeCollection();
    const Global* g = global(t.text);
    if (g && !locals_.count(t.text) && peek(1).punct(".") && g->type == "atomic.Value") return atomicValue(t);
    if (callAhead()) {
        auto r = call();
        if (!r) return std::nullopt;
        return r->empty() ? Expr::constant(0) : (*r)[0];
    }
    if (g && g->kind == GlobalKind::Chan && !locals_.count(t.text) && (peek(1).punct(",") || peek(1).punct(")"))) {
        // A channel as an argument: its name, which the channel parameter will stand for.
        ++pos_;
        type_ = g->type;
        return Expr::sym(chanName(t.text));
    }
    if (g && !locals_.count(t.text) && peek(1).punct(".") && g->kind != GlobalKind::Plain) {
        const std::string& m = peek(2).text;
        auto v = method(*g);
        // atomic.Pointer[S]: Load and Swap give a *S.
        type_ = g->type.rfind("atomic.Pointer[", 0) == 0 && (m == "Load" || m == "Swap")
                    ? "*" + g->type.substr(15, g->type.size() - 16)
                : g->type == "atomic.Bool" && (m == "Load" || m == "Swap") ? "bool" : "int";
        return v;
    }
    if (indexesMap()) return mapIndexExpression(nullptr);
    if (indexesCollection()) return indexExpression();
    ++pos_;
    auto v = load(t);
    if (v && type_ == "any" && peek().punct(".") && peek(1).punct("(")) return typeAssertion(*v);
    if (v && collectionOf(type_) && !collectionOf(type_)->slice) {
        unsupported(t, "array values (copying an array: index it, or use a slice)");
        return std::nullopt;
    }
    while (v && peek().punct(".")) v = methodAhead() ? methodCall(*v) : fieldLoad(*v);
    return v;
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
