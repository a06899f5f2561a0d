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
        if (!rhs) return std::nullopt;
        lhs = binaryOp(op, std::move(*lhs), lhsType, std::move(*rhs), type_);
        if (!lhs) return std::nullopt;
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
        // `-x` and `^x` wrap to x's type (`-b` of a uint8 1 is 255, `^b` of a uint8 0 too).
        if (t.text == "-") return wrapTo(type_, Expr::binary(K::Sub, Expr::constant(0), *e));
        if (t.text == "!") return Expr::unary(K::Not, *e);
        if (t.text == "^") return wrapTo(type_, Expr::binary(K::Xor, *e, Expr::constant(-1)));
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
    if (intType(t.text) && peek(1).punct("(") && !locals_.count(t.text) && !global(t.text)) return conversion();
    type_ = "int";
    if (t.text == "atomic" && peek(1).punct(".")) return atomicFunction();  // sets type_
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
                : g->type == "atomic.Bool" && (m == "Load" || m == "Swap") ? "bool"
                : g->kind == GlobalKind::Atomic ? type_  // atomicOp's
                                                : "int";
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
