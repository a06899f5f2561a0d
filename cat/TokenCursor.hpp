#pragma once
/// TokenCursor: the tokens of one cat file, read front to back, with the error helpers the
/// statement and expression parsers share.

#include "support/Diagnostics.hpp"
#include "cat/Lexer.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::cat {

class TokenCursor {
public:
    TokenCursor(std::vector<Token> tokens, const std::string& file, Diagnostics& diags)
        : tokens_(std::move(tokens)), file_(file), diags_(diags) {}

    const Token& peek(std::size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    const Token& take() {
        const Token& t = tokens_[pos_];
        if (pos_ + 1 < tokens_.size()) ++pos_;
        return t;
    }
    /// The token most recently taken.
    const Token& previous() const { return tokens_[pos_ == 0 ? 0 : pos_ - 1]; }

    bool isKeyword(const Token& t, std::string_view kw) const {
        return t.kind == Token::Kind::Ident && t.text == kw;
    }
    /// A word the cat language reserves (ours or herd's), never a name.
    bool isAnyKeyword(const Token& t) const;

    void error(SourceLoc loc, std::string msg) { diags_.error(file_, loc, std::move(msg)); }
    void unsupported(SourceLoc loc, const std::string& what) {
        diags_.unsupported(file_, loc, "cat construct " + what);
    }
    /// Reports "expected WHAT, found TOKEN" at the current token.
    void expected(const std::string& what) {
        error(peek().loc, "expected " + what + ", found " + describe(peek()));
    }
    bool expect(Token::Kind kind, const std::string& what) {
        if (peek().kind == kind) {
            take();
            return true;
        }
        expected(what);
        return false;
    }
    std::optional<std::string> identifier(const std::string& what) {
        if (peek().kind == Token::Kind::Ident && !isAnyKeyword(peek())) return take().text;
        expected(what);
        return std::nullopt;
    }

private:
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    std::string file_;  // a copy: Model::files grows (and moves) as includes are read
    Diagnostics& diags_;
};

}  // namespace memlit::cat
