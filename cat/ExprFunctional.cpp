// herd's functional sublanguage in ExprParser (cat/ExprParser.hpp): application by
// juxtaposition, `fun`, `match` on sets, set literals and tuples (docs/cat.md).
#include "cat/ExprParser.hpp"

namespace memlit::cat {

using K = Token::Kind;

/// `f x y` is `(f x) y`; the head is a name, a call, an application or a `fun`, an argument a
/// primary expression on the same line starting with a name, `0`, `(` or `{` (not `~`: a line
/// after an expression may open with `~empty`). An argument is never a call: `map f (S)` is
/// `(map f) (S)`, as in herd (lock.cat's `map possible-rfe-lf (LF \ range(rfi-lf))`).
std::optional<Expr> ExprParser::application() {
    auto e = primary();
    if (!e) return std::nullopt;
    for (;;) {
        if (e->op != Expr::Op::Name && e->op != Expr::Op::Call && e->op != Expr::Op::Apply && e->op != Expr::Op::Lambda)
            return e;
        const Token& t = in_.peek();
        const bool arg = (t.kind == K::Ident && !in_.isAnyKeyword(t)) || t.kind == K::Zero ||
                         t.kind == K::LParen || t.kind == K::LBrace;
        if (!arg || t.loc.line != in_.previous().loc.line) return e;
        const SourceLoc loc = t.loc;
        if (!count(loc)) return std::nullopt;
        auto x = primary(false);
        if (!x) return std::nullopt;
        e = Expr{Expr::Op::Apply, "", {std::move(*e), std::move(*x)}, loc, {}, {}};
    }
}

/// After `{` with an element next: `a, b, ... }`.
std::optional<Expr> ExprParser::setLiteral(SourceLoc loc) {
    Expr out{Expr::Op::SetLit, "", {}, loc, {}, {}};
    for (;;) {
        auto e = expression();
        if (!e) return std::nullopt;
        out.args.push_back(std::move(*e));
        if (in_.peek().kind != K::Comma) break;
        in_.take();
    }
    if (!in_.expect(K::RBrace, "',' or '}'")) return std::nullopt;
    return out;
}

/// `(e)` or the tuple `(a, b, ...)`.
std::optional<Expr> ExprParser::bracketOrTuple() {
    const SourceLoc loc = in_.take().loc;
    auto first = expression();
    if (!first) return std::nullopt;
    if (in_.peek().kind != K::Comma) {
        if (!in_.expect(K::RParen, "')'")) return std::nullopt;
        return first;
    }
    Expr out{Expr::Op::Tuple, "", {std::move(*first)}, loc, {}, {}};
    while (in_.peek().kind == K::Comma) {
        in_.take();
        auto e = expression();
        if (!e) return std::nullopt;
        out.args.push_back(std::move(*e));
    }
    if (!in_.expect(K::RParen, "',' or ')'")) return std::nullopt;
    return out;
}

bool ExprParser::parameters(std::vector<std::string>& params) {
    if (in_.peek().kind != K::LParen) {
        auto p = in_.identifier("a parameter name");
        if (!p) return false;
        params.push_back(*p);
        return true;
    }
    in_.take();
    if (in_.peek().kind == K::RParen) {
        in_.take();
        return true;
    }
    for (;;) {
        auto p = in_.identifier("a parameter name");
        if (!p) return false;
        params.push_back(*p);
        if (in_.peek().kind != K::Comma) return in_.expect(K::RParen, "',' or ')'");
        in_.take();
    }
}

/// `fun x -> e`, `fun (a, b) -> e`.
std::optional<Expr> ExprParser::lambda() {
    const SourceLoc loc = in_.take().loc;
    Expr out{Expr::Op::Lambda, "", {}, loc, {}, {}};
    if (!parameters(out.binds) || !in_.expect(K::Arrow, "'->'")) return std::nullopt;
    auto body = expression();
    if (!body) return std::nullopt;
    out.args.push_back(std::move(*body));
    return out;
}

/// One case after `||`: `{} -> e` or `x ++ rest -> e`.
bool ExprParser::matchCase(Expr& out, bool& sawEmpty, bool& sawCons) {
    const SourceLoc at = in_.peek().loc;
    if (in_.peek().kind == K::LBrace && in_.peek(1).kind == K::RBrace) {
        in_.take();
        in_.take();
        if (sawEmpty) return in_.error(at, "a second '{}' case in this 'match'"), false;
        sawEmpty = true;
        if (!in_.expect(K::Arrow, "'->'")) return false;
        auto e = expression();
        if (!e) return false;
        out.args[1] = std::move(*e);
        return true;
    }
    auto x = in_.identifier("'{}' or 'x ++ rest' in a 'match' case");
    if (!x) return false;
    if (!isPlusPlus()) return in_.expected("'++' in a 'match' case"), false;
    in_.take();
    in_.take();
    auto rest = in_.identifier("a name after '++'");
    if (!rest || !in_.expect(K::Arrow, "'->'")) return false;
    if (sawCons) return in_.error(at, "a second 'x ++ rest' case in this 'match'"), false;
    sawCons = true;
    auto e = expression();
    if (!e) return false;
    out.binds = {*x, *rest};
    out.args[2] = std::move(*e);
    return true;
}

/// `match e with || {} -> a || x ++ rest -> b end`, the cases in either order.
std::optional<Expr> ExprParser::match() {
    const SourceLoc loc = in_.take().loc;
    auto scrutinee = expression();
    if (!scrutinee) return std::nullopt;
    if (!in_.isKeyword(in_.peek(), "with")) {
        in_.expected("'with' after 'match'");
        return std::nullopt;
    }
    in_.take();
    Expr out{Expr::Op::Match, "", {std::move(*scrutinee), {}, {}}, loc, {}, {}};
    bool sawEmpty = false, sawCons = false;
    while (in_.peek().kind == K::Bar && in_.peek(1).kind == K::Bar) {
        in_.take();
        in_.take();
        if (!matchCase(out, sawEmpty, sawCons)) return std::nullopt;
    }
    if (!in_.isKeyword(in_.peek(), "end")) {
        in_.expected("'||' or 'end' in a 'match'");
        return std::nullopt;
    }
    in_.take();
    if (!sawEmpty || !sawCons) {
        in_.unsupported(loc, "'match' without both a '{}' and an 'x ++ rest' case");
        return std::nullopt;
    }
    return out;
}

}  // namespace memlit::cat
