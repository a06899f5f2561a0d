// Go's integer types (docs/go.md, "Integer types"): every value is kept in 64 bits, reduced to
// its type's width (sign- or zero-extended back) wherever an operation can leave that width, so
// that a variable's arithmetic wraps modulo 2^n; untyped constants must fit the type they
// become; uint64 (uint, uintptr) compares and divides unsigned.

#include "litmus/State.hpp"
#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

std::optional<IntType> intType(const std::string& type) {
    static const std::pair<const char*, IntType> table[] = {
        {"int", {64, true}},    {"int8", {8, true}},     {"int16", {16, true}},  {"int32", {32, true}},
        {"int64", {64, true}},  {"uint", {64, false}},   {"uint8", {8, false}},  {"byte", {8, false}},
        {"uint16", {16, false}}, {"uint32", {32, false}}, {"uint64", {64, false}}, {"uintptr", {64, false}}};
    for (const auto& [name, t] : table)
        if (type == name) return t;
    return std::nullopt;
}

bool isUnsigned(const std::string& type) {
    auto t = intType(type);
    return t && !t->isSigned;
}

bool representable(std::int64_t v, const std::string& type) {
    auto t = intType(type);
    if (!t) return true;
    if (!t->isSigned) return v >= 0 && (t->bits == 64 || v < (std::int64_t{1} << t->bits));
    return t->bits == 64 || (v >= -(std::int64_t{1} << (t->bits - 1)) && v < (std::int64_t{1} << (t->bits - 1)));
}

std::optional<std::int64_t> constantOf(const Expr& e) {
    if (e.kind == K::Const) return e.value;
    if (e.kind == K::Sub && e.args[0].kind == K::Const && e.args[0].value == 0 && e.args[1].kind == K::Const &&
        e.args[1].value != INT64_MIN)
        return -e.args[1].value;
    return std::nullopt;
}

Expr wrapTo(const std::string& type, Expr e) {
    auto t = intType(type);
    if (!t || t->bits == 64) return e;
    if (auto c = constantOf(e)) return Expr::constant(normalize(ValueType{t->bits, t->isSigned}, *c));
    const std::int64_t mask = (std::int64_t{1} << t->bits) - 1, sign = std::int64_t{1} << (t->bits - 1);
    Expr low = Expr::binary(K::And, std::move(e), Expr::constant(mask));
    if (!t->isSigned) return low;
    // (v & mask) ^ sign - sign: the low bits, sign-extended.
    return Expr::binary(K::Sub, Expr::binary(K::Xor, std::move(low), Expr::constant(sign)), Expr::constant(sign));
}

std::string compoundOperator(const Token& op) {
    static const char* ops[] = {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^=", "++", "--"};
    if (op.kind != Token::Kind::Punct) return "";
    for (const char* o : ops)
        if (op.text == o) return op.text == "++" ? "+" : op.text == "--" ? "-" : op.text.substr(0, op.text.size() - 1);
    return "";
}

namespace {

/// `a o b` of two untyped constants, as Go's constant arithmetic (overflow already rejected).
std::optional<std::int64_t> folded(const std::string& o, std::int64_t a, std::int64_t b) {
    using U = std::uint64_t;
    if (o == "+") return static_cast<std::int64_t>(U(a) + U(b));
    if (o == "-") return static_cast<std::int64_t>(U(a) - U(b));
    if (o == "*") return static_cast<std::int64_t>(U(a) * U(b));
    if (o == "&") return a & b;
    if (o == "|") return a | b;
    if (o == "^") return a ^ b;
    if (o == "&^") return a & ~b;
    if (o == "<<" && b >= 0 && b < 64) return static_cast<std::int64_t>(U(a) << b);
    if (o == ">>" && b >= 0) return b >= 64 ? (a < 0 ? -1 : 0) : a >> b;
    const bool divisible = b != 0 && !(a == INT64_MIN && b == -1);
    if (o == "/" && divisible) return a / b;
    if (o == "%" && divisible) return a % b;
    return std::nullopt;
}

/// `a < b` of two uint64 values held as int64: a negative one stands for 2^63 or more. In
/// comparisons and truth values only, so that Z3 keeps it in integer arithmetic.
Expr unsignedLess(const Expr& a, const Expr& b) {
    const Expr aBig = Expr::binary(K::Lt, a, Expr::constant(0)), bBig = Expr::binary(K::Lt, b, Expr::constant(0));
    return Expr::ite(aBig, Expr::binary(K::And, bBig, Expr::binary(K::Lt, a, b)),
                     Expr::binary(K::Or, bBig, Expr::binary(K::Lt, a, b)));
}

Expr unsignedCompare(const std::string& o, const Expr& a, const Expr& b) {
    if (o == "<") return unsignedLess(a, b);
    if (o == ">") return unsignedLess(b, a);
    return Expr::unary(K::Not, o == "<=" ? unsignedLess(b, a) : unsignedLess(a, b));  // <=, >=
}

}  // namespace

bool Lowerer::fits(const Token& at, const Expr& e, const std::string& from, const std::string& to) {
    auto c = constantOf(e);
    if (from != "int" || !c || representable(*c, to)) return true;
    return error(at, "constant " + std::to_string(*c) + " overflows " + to);
}

std::optional<Expr> Lowerer::asType(const Token& at, Expr e, const std::string& target) {
    if (!intType(target) || type_ == target) return e;
    if (!fits(at, e, type_, target)) return std::nullopt;
    type_ = target;
    return wrapTo(target, std::move(e));
}

std::optional<Expr> Lowerer::conversion() {
    const Token& to = peek();
    pos_ += 2;
    auto e = expression();
    if (!e || !expect(")")) return std::nullopt;
    if (auto c = constantOf(*e); c && type_ == "int" && !representable(*c, to.text)) {
        error(to, "cannot convert " + std::to_string(*c) + " (untyped int constant) to type " + to.text);
        return std::nullopt;
    }
    if (type_ == "bool" || (!type_.empty() && type_[0] == '*')) {
        error(to, "cannot convert a value of type " + type_ + " to type " + to.text);
        return std::nullopt;
    }
    type_ = to.text;
    return wrapTo(to.text, std::move(*e));
}

std::optional<Expr> Lowerer::binaryOp(const Token& op, Expr a, const std::string& ta, Expr b,
                                      const std::string& tb) {
    const std::string& o = op.text;
    const bool shift = o == "<<" || o == ">>", compare = precedence(op) == 3;
    // Go's operands have one type: an untyped constant takes the other's ("int" is also what
    // memlit says of a value it does not type, so the other operand's integer type wins).
    const std::string t = !shift && (ta == "nil" || (ta == "int" && intType(tb))) ? tb : ta;
    // Exact constant arithmetic is for untyped constants; a typed one wraps (`uint64(1) << 63`),
    // so only the shift count is checked then (a non-constant left operand stands for it).
    if (!constantOperands(op, ta == "int" && tb == "int" ? a : Expr::reg(""), b)) return std::nullopt;
    if (!shift && (!fits(op, a, ta, t) || !fits(op, b, tb, t))) return std::nullopt;
    if ((o == "/" || o == "%") && !divisionCheck(op, b)) return std::nullopt;
    type_ = compare ? "bool" : t;
    const auto ca = constantOf(a), cb = constantOf(b);
    if (ca && cb && ta == "int" && tb == "int" && !compare)
        if (auto v = folded(o, *ca, *cb)) return Expr::constant(*v);
    const auto it = intType(t);
    const bool wide = it && it->bits == 64 && !it->isSigned;  // uint64, uint, uintptr
    if (shift) {
        // A signed count that is negative at run time panics; `>>` of a signed value is
        // arithmetic (`-8 >> 1` is -4), of an unsigned one logical; `<<` wraps to the type.
        if (!isUnsigned(tb) && !cb)
            panicUnless(Expr::binary(K::Ge, b, Expr::constant(0)), "runtime error: negative shift amount");
        if (o == "<<") return wrapTo(t, Expr::binary(K::Shl, a, b));
        if (isUnsigned(t)) return Expr::binary(K::Shr, a, b);
        Expr flipped = Expr::binary(K::Xor, a, Expr::constant(-1));
        return Expr::ite(Expr::binary(K::Lt, a, Expr::constant(0)),
                         Expr::binary(K::Xor, Expr::binary(K::Shr, flipped, b), Expr::constant(-1)),
                         Expr::binary(K::Shr, a, b));
    }
    if (wide && (o == "/" || o == "%")) return Expr::binary(o == "/" ? K::UDiv : K::URem, std::move(a), std::move(b));
    if (wide && (o == "<" || o == "<=" || o == ">" || o == ">=")) return unsignedCompare(o, a, b);
    if (o == "&^") return Expr::binary(K::And, std::move(a), Expr::binary(K::Xor, std::move(b), Expr::constant(-1)));
    static const std::pair<const char*, K> kinds[] = {
        {"==", K::Eq},  {"!=", K::Ne},  {"<", K::Lt},  {"<=", K::Le}, {">", K::Gt},  {">=", K::Ge},
        {"+", K::Add},  {"-", K::Sub},  {"|", K::Or},  {"^", K::Xor}, {"*", K::Mul}, {"&", K::And},
        {"/", K::Div},  {"%", K::Rem}};
    for (const auto& [text, kind] : kinds)
        if (o == text) {
            Expr r = Expr::binary(kind, std::move(a), std::move(b));
            // Only these leave the width: | ^ & of two values of a type stay in it, and so does
            // % (the remainder is smaller than the divisor).
            const bool widens = kind == K::Add || kind == K::Sub || kind == K::Mul || kind == K::Div;
            return widens ? wrapTo(t, std::move(r)) : r;
        }
    error(op, "unknown operator '" + o + "'");
    return std::nullopt;
}

std::optional<Expr> Lowerer::compoundValue(const Token& op, const std::string& type,
                                           const std::function<std::optional<Expr>()>& old) {
    Token binary = op;
    binary.text = compoundOperator(op);
    Expr rhs = Expr::constant(1);
    std::string rt = "int";
    if (op.text != "++" && op.text != "--") {
        auto e = expression();
        if (!e) return std::nullopt;
        rhs = std::move(*e);
        rt = type_;
    }
    // `x op= e` is `x = x op e` with x evaluated once; `x++` adds an untyped 1.
    auto x = old();
    if (!x) return std::nullopt;
    return binaryOp(binary, std::move(*x), type, std::move(rhs), rt);
}

}  // namespace memlit::litmus::go
