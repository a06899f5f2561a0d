#pragma once
/// Lexer: source positions, comment removal and the tokens of herd's "state" language (initial
/// state, `locations`, `filter` and the final condition), shared by every dialect.

#include "support/Diagnostics.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

/// A whole source file with a map from byte offsets to 1-based line/column positions.
class SourceText {
public:
    explicit SourceText(std::string text);
    std::string_view text() const { return text_; }
    std::size_t size() const { return text_.size(); }
    SourceLoc locOf(std::size_t offset) const;
    /// The first offset from `p` that is not white space (or the end).
    std::size_t skipBlank(std::size_t p) const;
    /// The offset of the newline ending the line `p` is on (or the end).
    std::size_t lineEnd(std::size_t p) const;

private:
    std::string text_;
    std::vector<std::size_t> lineStarts_;
};

/// Replaces comments by spaces, keeping every newline so positions stay valid. Comments are
/// `(* ... *)` (nested) anywhere outside double-quoted strings, and `//` to the end of the line
/// when it starts a line or follows a blank (so `http://` in a metadata value is kept). A `(*`
/// before the initial state that is never closed ends at the next `{`, as herd reads it.
/// With `headerOnly`, only comments before the first `{` are removed.
std::string stripComments(std::string_view text, const std::string& file, Diagnostics& diags,
                          bool headerOnly = false);

struct Token {
    enum class Kind {
        End,
        Num,       // 12, -3, 0x1f
        Name,      // x, uint64_t, exists, EAX (keywords are names; the parser reads them)
        Proc,      // P0 (text is the number)
        SymbReg,   // %rax (text without '%')
        Colon, Semi, Comma, LBrk, RBrk, LPar, RPar, LCurly, RCurly,
        Equal,     // =
        EqEq,      // ==
        NotEqual,  // != or <>
        Implies,   // =>
        And,       // /\   (backslash)
        Or,        // \/
        Tilde,     // ~
        Star, Amper, Plus,
        Bad,       // a character no token starts with
    };
    Kind kind = Kind::End;
    std::string text;
    std::size_t offset = 0;
    bool operator==(const Token&) const = default;
};

/// Tokens of the state language over `src.text()[begin, end)`.
class Lexer {
public:
    Lexer(const SourceText& src, std::size_t begin, std::size_t end);

    const Token& peek() const { return tok_; }
    Token next();
    SourceLoc loc() const { return src_.locOf(tok_.offset); }

private:
    Token scan();

    const SourceText& src_;
    std::size_t pos_;
    std::size_t end_;
    Token tok_;
};

/// `s` without leading and trailing blanks; adds the number of leading blanks to `offset`.
std::string_view trim(std::string_view s, std::size_t& offset);

/// Text of a token for messages: "end of input" for End, else 'text'.
std::string describe(const Token& t);

}  // namespace memlit::litmus
