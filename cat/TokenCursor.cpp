#include "cat/TokenCursor.hpp"

#include <set>

namespace memlit::cat {

bool TokenCursor::isAnyKeyword(const Token& t) const {
    static const std::set<std::string, std::less<>> keywords = {
        "let", "rec", "and", "as", "acyclic", "irreflexive", "empty", "flag", "show", "unshow",
        "include", "procedure", "call", "end", "try", "with", "from", "if", "else", "in",
        // reserved by herd, not supported here
        "then", "match", "forall", "do", "enum", "fun",
        "undefined_unless", "instructions", "events", "begin"};
    return t.kind == Token::Kind::Ident && keywords.count(t.text) != 0;
}

}  // namespace memlit::cat
