/// C expressions: values over registers, with a Load emitted for each memory read in
/// evaluation order (docs/c.md, "Expressions").

#include "litmus/c/CLowering.hpp"

#include <charconv>

namespace memlit::litmus::c {

namespace {

struct BinOp {
    const char* text;
    int prec;
    K kind;
};

// C's precedence, loosest first; `&&` and `||` are handled apart (they short-circuit).
constexpr BinOp kBinOps[] = {
    {"||", 1, K::Or},  {"&&", 2, K::And}, {"|", 3, K::Or},   {"^", 4, K::Xor}, {"&", 5, K::And},
    {"==", 6, K::Eq},  {"!=", 6, K::Ne},  {"<", 7, K::Lt},   {"<=", 7, K::Le}, {">", 7, K::Gt},
    {">=", 7, K::Ge},  {"<<", 8, K::Shl}, {">>", 8, K::Shr}, {"+", 9, K::Add}, {"-", 9, K::Sub},
    {"*", 10, K::Mul}, {"/", 10, K::Mul}, {"%", 10, K::Mul},
};

const BinOp* binOp(const Token& t) {
    if (t.kind != Token::Kind::Punct) return nullptr;
    for (const auto& op : kBinOps)
        if (t.text == op.text) return &op;
    return nullptr;
}

/// Constant operands computed now (so `/` and `%` apply to them).
Expr fold(Expr e) {
    if (e.args.size() != 2 || e.args[0].kind != K::Const || e.args[1].kind != K::Const) return e;
    const std::int64_t a = e.args[0].value, b = e.args[1].value;
    const auto ua = static_cast<std::uint64_t>(a);
    switch (e.kind) {
    case K::Add: return Expr::constant(static_cast<std::int64_t>(ua + static_cast<std::uint64_t>(b)));
    case K::Sub: return Expr::constant(static_cast<std::int64_t>(ua - static_cast<std::uint64_t>(b)));
    case K::Mul: return Expr::constant(static_cast<std::int64_t>(ua * static_cast<std::uint64_t>(b)));
    case K::And: return Expr::constant(a & b);
    case K::Or: return Expr::constant(a | b);
    case K::Xor: return Expr::constant(a ^ b);
    case K::Shl: return b >= 0 && b < 64 ? Expr::constant(static_cast<std::int64_t>(ua << b)) : e;
    case K::Shr: return b >= 0 && b < 64 ? Expr::constant(a >> b) : e;
    case K::Eq: return Expr::constant(a == b);
    case K::Ne: return Expr::constant(a != b);
    case K::Lt: return Expr::constant(a < b);
    case K::Le: return Expr::constant(a <= b);
    case K::Gt: return Expr::constant(a > b);
    case K::Ge: return Expr::constant(a >= b);
    default: return e;
    }
}

Expr truth(Expr e) { return Expr::binary(K::Ne, std::move(e), Expr::constant(0)); }

}  // namespace

std::optional<std::int64_t> Lowerer::integer(const std::string& text) {
    std::string digits = text;
    while (!digits.empty() && (digits.back() == 'u' || digits.back() == 'U' || digits.back() == 'l' || digits.back() == 'L'))
        digits.pop_back();
    int base = 10;
    std::size_t skip = 0;
    if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) base = 16, skip = 2;
    else if (digits.size() > 1 && digits[0] == '0') base = 8, skip = 1;
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(digits.data() + skip, digits.data() + digits.size(), v, base);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || skip == digits.size()) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

Expr Lowerer::load(const Expr& addr, const Tags& tags) {
    std::string dst = b_->freshTemp();
    emit(Load{dst, addr, tags, -1, 0});
    return Expr::reg(dst);
}

void Lowerer::store(const Expr& addr, const Expr& value, const Tags& tags) { emit(Store{addr, value, tags, -1, 0}); }

std::optional<Expr> Lowerer::read(const LValue& lv, const Tags& tags) {
    if (!lv.memory) return Expr::reg(lv.reg);
    return load(lv.addr, tags);
}

void Lowerer::write(const LValue& lv, const Expr& value, const Tags& tags) {
    if (lv.memory) store(lv.addr, value, tags);
    else emit(Assign{lv.reg, value});
}

std::optional<Lowerer::LValue> Lowerer::lvalue() {
    const Token& t = peek();
    if (t.punct("*")) {
        ++pos_;
        auto a = unary();
        if (!a) return std::nullopt;
        return LValue{true, {}, *a};
    }
    if (t.punct("(")) {
        ++pos_;
        auto lv = lvalue();
        if (!lv || !expect(")")) return std::nullopt;
        return lv;
    }
    if (t.kind != Token::Kind::Ident) {
        fail("a variable or '*pointer'");
        return std::nullopt;
    }
    ++pos_;
    if (peek().punct("[") || peek().punct("->") || peek().punct(".")) {
        unsupported(peek(), "'" + peek().text + "' (arrays and structures)");
        return std::nullopt;
    }
    if (locations_.count(t.text) && !locals_.count(t.text)) {
        unsupported(t, "assigning to parameter '" + t.text + "' (write '*" + t.text + "')");
        return std::nullopt;
    }
    locals_.insert(t.text);  // herd lets a thread use a register it never declares
    return LValue{false, t.text, {}};
}

std::optional<Expr> Lowerer::lvalueAddress() {
    const Token& at = peek();
    auto lv = lvalue();
    if (!lv) return std::nullopt;
    if (!lv->memory) {
        error(at, "expected a memory location such as '*" + at.text + "'");
        return std::nullopt;
    }
    return lv->addr;
}

bool Lowerer::isAssignment(const Token& t) {
    static const char* ops[] = {"=", "+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>="};
    for (const char* op : ops)
        if (t.punct(op)) return true;
    return false;
}

std::optional<Expr> Lowerer::expression() {
    // An assignment when an lvalue is followed by an assignment operator.
    const std::size_t start = pos_;
    const std::size_t diagCount = diags_.all().size();
    bool looksLikeLvalue = peek().punct("*") || peek().kind == Token::Kind::Ident;
    if (looksLikeLvalue && !peek(1).punct("(")) {
        // Find the operator after a `*...` or name prefix without emitting anything: scan to
        // the first token at depth 0 that is an operator of an expression.
        std::size_t p = pos_;
        int parens = 0;
        while (toks_[p].kind != Token::Kind::End) {
            const Token& q = toks_[p];
            if (q.punct("(")) ++parens;
            else if (q.punct(")")) {
                if (parens == 0) break;
                --parens;
            } else if (parens == 0 && (q.punct(";") || q.punct(",") || q.punct("?") || q.punct(":") || isAssignment(q) ||
                                       (binOp(q) && !q.punct("*")) || q.punct("++") || q.punct("--")))
                break;
            ++p;
        }
        if (isAssignment(toks_[p])) {
            auto lv = lvalue();
            if (!lv) return std::nullopt;
            if (pos_ != p) {
                fail("an assignment operator");
                return std::nullopt;
            }
            const Token& op = peek();
            ++pos_;
            auto rhs = expression();
            if (!rhs) return std::nullopt;
            Expr value = *rhs;
            if (!op.punct("=")) {
                auto old = read(*lv, {tag::NA});
                if (!old) return std::nullopt;
                const std::string bin = op.text.substr(0, op.text.size() - 1);
                for (const auto& b : kBinOps)
                    if (bin == b.text) value = Expr::binary(b.kind, *old, value);
            }
            if (!lv->memory) {
                write(*lv, value, {});
                return Expr::reg(lv->reg);
            }
            const std::string tmp = b_->freshTemp();
            emit(Assign{tmp, value});
            write(*lv, Expr::reg(tmp), {tag::NA});
            return Expr::reg(tmp);
        }
    }
    (void)start;
    (void)diagCount;
    return conditional();
}

std::optional<Expr> Lowerer::conditional() {
    auto c = binary(1);
    if (!c || !peek().punct("?")) return c;
    ++pos_;
    // `c ? a : b` evaluates one arm: a branch, as for if/else.
    const std::string result = b_->freshTemp(), elseL = b_->freshLabel(), endL = b_->freshLabel();
    emit(Branch{Expr::unary(K::Not, *c), elseL, true});
    auto a = expression();
    if (!a || !expect(":")) return std::nullopt;
    emit(Assign{result, *a});
    emit(Branch{Expr::constant(1), endL, true});
    emit(Label{elseL});
    dependUntil(*c, endL);
    auto b = conditional();
    if (!b) return std::nullopt;
    emit(Assign{result, *b});
    emit(Label{endL});
    return Expr::reg(result);
}

std::optional<Expr> Lowerer::shortCircuit(const Expr& left, bool isAnd, int prec) {
    // `a && b` evaluates b only when a holds: its reads sit behind a branch on a.
    const std::string result = b_->freshTemp(), done = b_->freshLabel();
    emit(Assign{result, truth(left)});
    emit(Branch{isAnd ? Expr::unary(K::Not, Expr::reg(result)) : Expr::reg(result), done, true});
    auto right = binary(prec + 1);
    if (!right) return std::nullopt;
    emit(Assign{result, truth(*right)});
    emit(Label{done});
    return Expr::reg(result);
}

std::optional<Expr> Lowerer::binary(int minPrec) {
    if (++depth_ > kMaxDepth) {
        error(peek(), "expression is nested too deeply");
        return std::nullopt;
    }
    struct Leave {
        int& d;
        ~Leave() { --d; }
    } leave{depth_};
    auto left = unary();
    while (left) {
        const BinOp* op = binOp(peek());
        if (!op || op->prec < minPrec) break;
        const Token& at = peek();
        ++pos_;
        if (op->prec <= 2) {
            left = shortCircuit(*left, op->prec == 2, op->prec);
            continue;
        }
        auto right = binary(op->prec + 1);
        if (!right) return std::nullopt;
        if (at.punct("/") || at.punct("%")) {
            if (left->kind != K::Const || right->kind != K::Const) {
                unsupported(at, "'" + at.text + "' on values computed at run time");
                return std::nullopt;
            }
            if (right->value == 0) {
                error(at, "division by zero");
                return std::nullopt;
            }
            left = Expr::constant(at.punct("/") ? left->value / right->value : left->value % right->value);
            continue;
        }
        left = fold(Expr::binary(op->kind, std::move(*left), std::move(*right)));
    }
    return left;
}

bool Lowerer::skipCast() {
    // `(int)`, `(intptr_t *)`, `(volatile int *)`: a type in parentheses.
    if (!peek().punct("(") || !isTypeWord(peek(1))) return false;
    std::size_t p = pos_ + 1;
    while (isTypeWord(toks_[p]) || toks_[p].punct("*")) ++p;
    if (!toks_[p].punct(")")) return false;
    pos_ = p + 1;
    return true;
}

std::optional<Expr> Lowerer::unary() {
    const Token& t = peek();
    if (skipCast()) return unary();
    if (t.punct("!") || t.punct("-") || t.punct("~") || t.punct("+")) {
        ++pos_;
        auto e = unary();
        if (!e) return std::nullopt;
        if (t.punct("!")) return Expr::unary(K::Not, *e);
        if (t.punct("-")) return e->kind == K::Const ? Expr::constant(-e->value) : Expr::binary(K::Sub, Expr::constant(0), *e);
        if (t.punct("~")) return Expr::binary(K::Xor, *e, Expr::constant(-1));
        return e;
    }
    if (t.punct("*")) {
        ++pos_;
        auto a = unary();
        if (!a) return std::nullopt;
        return load(*a, {tag::NA});
    }
    if (t.punct("&")) {
        ++pos_;
        const Token& n = peek();
        if (n.kind == Token::Kind::Ident && locations_.count(n.text) && !locals_.count(n.text)) {
            ++pos_;
            return Expr::sym(n.text);
        }
        if (n.punct("*")) {  // &*p is p
            ++pos_;
            return unary();
        }
        unsupported(n, "the address of a local variable");
        return std::nullopt;
    }
    if (t.punct("++") || t.punct("--")) {
        ++pos_;
        auto lv = lvalue();
        if (!lv) return std::nullopt;
        auto old = read(*lv, {tag::NA});
        if (!old) return std::nullopt;
        const std::string tmp = b_->freshTemp();
        emit(Assign{tmp, Expr::binary(t.punct("++") ? K::Add : K::Sub, *old, Expr::constant(1))});
        write(*lv, Expr::reg(tmp), {tag::NA});
        return Expr::reg(tmp);
    }
    return postfix();
}

std::optional<Expr> Lowerer::postfix() {
    const Token& t = peek();
    if (t.kind == Token::Kind::Ident && (peek(1).punct("++") || peek(1).punct("--"))) {
        auto lv = lvalue();
        if (!lv) return std::nullopt;
        const bool inc = peek().punct("++");
        ++pos_;
        const std::string old = b_->freshTemp();
        emit(Assign{old, Expr::reg(lv->reg)});
        emit(Assign{lv->reg, Expr::binary(inc ? K::Add : K::Sub, Expr::reg(old), Expr::constant(1))});
        return Expr::reg(old);
    }
    auto e = primary();
    if (e && (peek().punct("[") || peek().punct("->") || peek().punct("."))) {
        unsupported(peek(), "'" + peek().text + "' (arrays and structures)");
        return std::nullopt;
    }
    return e;
}

std::optional<Expr> Lowerer::primary() {
    const Token& t = peek();
    if (t.punct("(")) {
        ++pos_;
        auto e = expression();
        if (!e || !expect(")")) return std::nullopt;
        return e;
    }
    if (t.kind == Token::Kind::Int) {
        auto v = integer(t.text);
        if (!v) {
            error(t, "bad integer constant '" + t.text + "'");
            return std::nullopt;
        }
        ++pos_;
        return Expr::constant(*v);
    }
    if (t.kind == Token::Kind::Ident) {
        if (peek(1).punct("(")) return call(t);
        ++pos_;
        return name(t);
    }
    fail("an expression");
    return std::nullopt;
}

std::optional<Expr> Lowerer::name(const Token& t) {
    if (locals_.count(t.text)) return Expr::reg(t.text);
    if (locations_.count(t.text)) return Expr::sym(t.text);
    if (t.text == "NULL" || t.text == "false") return Expr::constant(0);
    if (t.text == "true") return Expr::constant(1);
    error(t, "undefined: " + t.text);
    return std::nullopt;
}

std::optional<std::vector<Expr>> Lowerer::arguments(std::size_t n, const Token& name) {
    // The current token is '('; each argument is an expression, evaluated left to right.
    ++pos_;
    std::vector<Expr> args;
    while (!peek().punct(")")) {
        auto e = expression();
        if (!e) return std::nullopt;
        args.push_back(*e);
        if (peek().punct(",")) ++pos_;
        else if (!peek().punct(")")) {
            fail("',' or ')'");
            return std::nullopt;
        }
    }
    ++pos_;
    if (args.size() != n) {
        error(name, name.text + " takes " + std::to_string(n) + (n == 1 ? " argument" : " arguments") + ", found " +
                        std::to_string(args.size()));
        return std::nullopt;
    }
    return args;
}

}  // namespace memlit::litmus::c
