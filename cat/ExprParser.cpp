#include "cat/ExprParser.hpp"

#include "cat/Bell.hpp"

#include "cat/BodyScan.hpp"
#include <string>

namespace memlit::cat {

using K = Token::Kind;

namespace {
/// Deeper nesting is reported instead of exhausting the stack.
constexpr int kMaxDepth = 500;
/// Expressions and operators in one file: bounds how deep any evaluation can recurse (a chain
/// of lets each naming the one before is forced recursively). herd's largest models have a
/// few thousand.
constexpr int kMaxNodes = 10000;

}  // namespace

bool ExprParser::count(SourceLoc loc) {
    if (++nodes_ <= kMaxNodes) return true;
    if (nodes_ == kMaxNodes + 1)
        in_.error(loc, "model file too large: more than " + std::to_string(kMaxNodes) + " expressions and operators");
    return false;
}

std::optional<Expr> ExprParser::expression() {
    if (!count(in_.peek().loc)) return std::nullopt;
    if (++depth_ > kMaxDepth) {
        in_.error(in_.peek().loc, "expression nested too deeply");
        --depth_;
        return std::nullopt;
    }
    auto e = binary(0);
    --depth_;
    return e;
}

std::optional<Expr> ExprParser::binary(int level) {
    // Level 0 is herd's `++` (two adjacent `+`), the loosest, grouping to the right.
    static constexpr struct { K tok; Expr::Op op; } levels[] = {
        {K::Plus, Expr::Op::Add}, {K::Bar, Expr::Op::Union}, {K::Semi, Expr::Op::Seq},
        {K::Backslash, Expr::Op::Diff}, {K::Amp, Expr::Op::Inter}, {K::Star, Expr::Op::Cross}};
    if (level == 6) return prefix();
    auto lhs = binary(level + 1);
    if (!lhs) return std::nullopt;
    if (level == 0) {
        if (!isPlusPlus()) return lhs;
        const SourceLoc loc = in_.take().loc;
        in_.take();
        if (!count(loc)) return std::nullopt;
        auto rhs = binary(0);
        if (!rhs) return std::nullopt;
        return Expr{Expr::Op::Add, "", {std::move(*lhs), std::move(*rhs)}, loc, {}, {}};
    }
    // `||` separates the cases of a `match`: not a union.
    while (in_.peek().kind == levels[level].tok && !(level == 1 && in_.peek(1).kind == K::Bar)) {
        const SourceLoc loc = in_.take().loc;
        if (!count(loc)) return std::nullopt;
        auto rhs = binary(level + 1);
        if (!rhs) return std::nullopt;
        Expr e{levels[level].op, "", {}, loc, {}, {}};
        e.args.push_back(std::move(*lhs));
        e.args.push_back(std::move(*rhs));
        lhs = std::move(e);
    }
    return lhs;
}

bool ExprParser::isPlusPlus() const {
    const Token& a = in_.peek();
    const Token& b = in_.peek(1);
    return a.kind == K::Plus && b.kind == K::Plus && a.end == b.begin;
}

std::optional<Expr> ExprParser::prefix() {
    if (in_.peek().kind == K::Tilde) {
        const SourceLoc loc = in_.take().loc;
        if (!count(loc)) return std::nullopt;
        if (++depth_ > kMaxDepth) {
            in_.error(loc, "expression nested too deeply");
            return std::nullopt;
        }
        auto arg = prefix();
        --depth_;
        if (!arg) return std::nullopt;
        return Expr{Expr::Op::Complement, "", {std::move(*arg)}, loc, {}, {}};
    }
    return postfix();
}

bool ExprParser::startsOperand(const Token& t) const {
    switch (t.kind) {
    case K::Ident: return !in_.isAnyKeyword(t);
    case K::Zero: case K::Underscore: case K::LParen: case K::LBracket: case K::LBrace:
    case K::Tilde: return true;
    default: return false;
    }
}

std::optional<Expr> ExprParser::postfix() {
    auto e = application();
    if (!e) return std::nullopt;
    for (int n = 0;; ++n) {
        if (isPlusPlus()) return e;
        const Token& t = in_.peek();
        Expr::Op op;
        switch (t.kind) {
        case K::HatInv: op = Expr::Op::Inverse; break;
        case K::HatPlus: case K::Plus: op = Expr::Op::Plus; break;
        case K::HatOpt: case K::Question: op = Expr::Op::Opt; break;
        case K::HatStar: op = Expr::Op::Star; break;
        case K::Star:
            // `r*` is the closure unless an operand follows: then `S * T`.
            if (startsOperand(in_.peek(1))) return e;
            op = Expr::Op::Star;
            break;
        default: return e;
        }
        const SourceLoc loc = in_.take().loc;
        if (n == kMaxDepth) {
            in_.error(loc, "expression nested too deeply");
            return std::nullopt;
        }
        if (!count(loc)) return std::nullopt;
        Expr wrapped{op, "", {}, loc, {}, {}};
        wrapped.args.push_back(std::move(*e));
        e = std::move(wrapped);
    }
}

std::optional<Expr> ExprParser::primary(bool allowCall) {
    const Token& t = in_.peek();
    const SourceLoc loc = t.loc;
    switch (t.kind) {
    case K::Zero: in_.take(); return Expr{Expr::Op::EmptyRel, "", {}, loc, {}, {}};
    case K::Underscore: in_.take(); return Expr{Expr::Op::Universe, "", {}, loc, {}, {}};
    case K::LBrace:
        in_.take();
        if (in_.peek().kind == K::RBrace) {
            in_.take();
            return Expr{Expr::Op::EmptyAny, "", {}, loc, {}, {}};
        }
        return setLiteral(loc);
    case K::LBracket: {
        in_.take();
        auto inner = expression();
        if (!inner || !in_.expect(K::RBracket, "']'")) return std::nullopt;
        return Expr{Expr::Op::Identity, "", {std::move(*inner)}, loc, {}, {}};
    }
    case K::LParen: return bracketOrTuple();
    case K::TagLit:   // herd's tag values exist only as a bell's declarations here (docs/cat.md)
        in_.unsupported(loc, "tag value '" + t.text + " in an expression (tags are declared by a bell's "
                             "'enum' and name the event set " + capitalizedTag(t.text) + ")");
        return std::nullopt;
    case K::Ident: {
        if (t.text == "try") return tryWith();
        if (t.text == "let") return letIn();
        if (t.text == "if") return ifVariant();
        if (in_.isAnyKeyword(t)) {
            if (t.text == "match") return match();
            if (t.text == "fun") return lambda();
            in_.expected("an expression");
            return std::nullopt;
        }
        std::string name = in_.take().text;
        if (allowCall && in_.peek().kind == K::LParen) {
            Expr call{Expr::Op::Call, std::move(name), {}, loc, {}, {}};
            if (!arguments(call.args)) return std::nullopt;
            return call;
        }
        return Expr{Expr::Op::Name, std::move(name), {}, loc, {}, {}};
    }
    default: in_.expected("an expression"); return std::nullopt;
    }
}

/// `try e with alt`: cat::resolve picks `e` when all its names are known, else `alt`.
std::optional<Expr> ExprParser::tryWith() {
    const SourceLoc loc = in_.take().loc;
    auto body = expression();
    if (!body) return std::nullopt;
    if (!in_.isKeyword(in_.peek(), "with")) {
        in_.expected("'with' after 'try'");
        return std::nullopt;
    }
    in_.take();
    auto alt = expression();
    if (!alt) return std::nullopt;
    return Expr{Expr::Op::Try, "", {std::move(*body), std::move(*alt)}, loc, {}, {}};
}

/// `if COND then a else b`, COND over herd's variants: decided here, where the variants are
/// known; cat::resolve and the interpreter see only the branch chosen (`ref.id`), so the
/// other may name what this architecture or variant set lacks.
std::optional<Expr> ExprParser::ifVariant() {
    const SourceLoc loc = in_.take().loc;
    const auto holds = variantCondition(in_, variants_);
    if (!holds) return std::nullopt;
    if (!in_.isKeyword(in_.peek(), "then")) {
        in_.expected("'then'");
        return std::nullopt;
    }
    in_.take();
    auto yes = expression();
    if (!yes) return std::nullopt;
    if (!in_.isKeyword(in_.peek(), "else")) {
        in_.expected("'else'");
        return std::nullopt;
    }
    in_.take();
    auto no = expression();
    if (!no) return std::nullopt;
    Expr out{Expr::Op::IfVariant, "", {std::move(*yes), std::move(*no)}, loc, {}, {}};
    out.ref = {NameRef::Kind::Builtin, *holds ? 0u : 1u};
    return out;
}

/// `let [rec] a = e and f x = e in body`; each binding sees the names from before the `let`
/// (with `rec`, the group's names too: all functions, or all values, a least fixed point). A
/// function binding is a `fun`.
std::optional<Expr> ExprParser::letIn() {
    Expr out{Expr::Op::LetIn, "", {}, in_.take().loc, {}, {}};
    if (in_.isKeyword(in_.peek(), "rec")) {
        in_.take();
        out.rec = true;
    }
    do {
        const SourceLoc at = in_.peek().loc;
        auto name = in_.identifier("a name after 'let'");
        if (!name) return std::nullopt;
        std::vector<std::string> params;
        const bool isFunction = in_.peek().kind == K::LParen ||
                                (in_.peek().kind == K::Ident && !in_.isAnyKeyword(in_.peek()));
        if (isFunction && !parameters(params)) return std::nullopt;
        if (!in_.expect(K::Equal, "'='")) return std::nullopt;
        auto body = expression();
        if (!body) return std::nullopt;
        if (isFunction) body = Expr{Expr::Op::Lambda, "", {std::move(*body)}, at, {}, std::move(params)};
        const auto isLambda = [](const Expr& x) { return x.op == Expr::Op::Lambda; };
        if (out.rec && !out.args.empty() && isLambda(out.args.front()) != isLambda(*body)) {
            in_.unsupported(at, "'let rec ... in' mixing functions and values");
            return std::nullopt;
        }
        out.binds.push_back(std::move(*name));
        out.args.push_back(std::move(*body));
    } while (in_.isKeyword(in_.peek(), "and") && in_.take().kind == K::Ident);
    if (!in_.isKeyword(in_.peek(), "in")) {
        in_.expected("'in' or 'and'");
        return std::nullopt;
    }
    in_.take();
    auto body = expression();
    if (!body) return std::nullopt;
    out.args.push_back(std::move(*body));
    return out;
}

/// `(e, e)` after a procedure or function name.
bool ExprParser::arguments(std::vector<Expr>& args) {
    if (!in_.expect(K::LParen, "'('")) return false;
    if (in_.peek().kind == K::RParen) {
        in_.take();
        return true;
    }
    for (;;) {
        auto e = expression();
        if (!e) return false;
        args.push_back(std::move(*e));
        if (in_.peek().kind == K::Comma) {
            in_.take();
            continue;
        }
        return in_.expect(K::RParen, "',' or ')'");
    }
}

}  // namespace memlit::cat
