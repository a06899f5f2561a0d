#pragma once
/// Tokens of the cat language. Identifiers may contain '-' and '.' (`po-loc`, `DMB.ISH`);
/// comments are `(* ... *)` and nest; `'name` is a tag (a bell file's `enum` values).

#include "support/Diagnostics.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::cat {

struct Token {
    enum class Kind {
        Ident, String, Zero, Underscore,
        LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Equal,
        Bar, Amp, Semi, Backslash, Tilde, Star, Plus, Question,
        HatInv, HatPlus, HatStar, HatOpt,   // ^-1 ^+ ^* ^?
        Arrow,                               // ->
        TagLit,                              // herd's tag value 'once (text: once)
        End,                                 // end of input
    };
    Kind kind = Kind::End;
    std::string text;        // identifier name, string contents, or the token's spelling
    SourceLoc loc;
    std::size_t begin = 0;   // byte offsets in the source, [begin, end)
    std::size_t end = 0;
};

/// Splits `text` into tokens ending with one End token. Lexical errors are reported and
/// the offending character skipped, so the result is always usable.
std::vector<Token> lex(std::string_view text, const std::string& file, Diagnostics& diags);

/// How a token is quoted in messages: `'po'`, `end of file`, `string "x.cat"`.
std::string describe(const Token& t);

}  // namespace memlit::cat
