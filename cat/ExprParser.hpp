#pragma once
/// ExprParser: cat expressions, loosest first `|`, `;`, `\`, `&`, `*`, then prefix `~` and the
/// postfix closures (herd binds `&` tighter than `\`); calls and their arguments.

#include "cat/Ast.hpp"
#include "cat/TokenCursor.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {

class ExprParser {
public:
    /// `variants`: herd's `-variant` switches that are set, for `if "v" then a else b`.
    explicit ExprParser(TokenCursor& in, const std::vector<std::string>& variants = {})
        : in_(in), variants_(variants) {}

    std::optional<Expr> expression();
    /// `(e, e)` after a procedure or function name.
    bool arguments(std::vector<Expr>& args);

private:
    std::optional<Expr> binary(int level);
    std::optional<Expr> prefix();
    std::optional<Expr> postfix();
    /// `call`: a name followed by `(` is a call `f(a, b)`; not in an argument of an application.
    std::optional<Expr> primary(bool call = true);
    std::optional<Expr> tryWith();
    std::optional<Expr> letIn();
    std::optional<Expr> ifVariant();
    // herd's functional sublanguage (cat/ExprFunctional.cpp)
    std::optional<Expr> application();
    std::optional<Expr> setLiteral(SourceLoc loc);
    std::optional<Expr> bracketOrTuple();
    std::optional<Expr> match();
    std::optional<Expr> lambda();
    bool matchCase(Expr& out, bool& sawEmpty, bool& sawCons);

public:
    /// Parameters: `x`, `(x)`, `(a, b)` or `()`.
    bool parameters(std::vector<std::string>& params);

private:
    bool isPlusPlus() const;
    bool startsOperand(const Token& t) const;
    /// Counts one expression or operator of this file; false (reported once) past the limit.
    bool count(SourceLoc loc);

    TokenCursor& in_;
    const std::vector<std::string>& variants_;
    int depth_ = 0;
    int nodes_ = 0;
};

}  // namespace memlit::cat
