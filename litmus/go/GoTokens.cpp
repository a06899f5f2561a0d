// The Go dialect's tokens: identifiers, integers, punctuation and Go's automatic semicolons.

#include "litmus/go/GoSyntax.hpp"

#include <algorithm>
#include <cctype>

namespace memlit::litmus::go {

namespace {

bool identStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool identChar(char c) { return identStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0; }

/// Go inserts a semicolon at a newline after these tokens (the spec's rule, minus keywords
/// litmus tests do not use).
bool endsStatement(const Token& t) {
    if (t.kind == Token::Kind::Ident || t.kind == Token::Kind::Int || t.kind == Token::Kind::String) return true;
    return t.punct(")") || t.punct("]") || t.punct("}") || t.punct("++") || t.punct("--");
}


}  // namespace

std::vector<Token> tokenize(const SourceText& src, std::size_t begin, const std::string& file,
                            Diagnostics& diags, std::size_t& stop, bool wholeFile) {
    static constexpr std::string_view puncts3[] = {"...", "&^=", "<<=", ">>="};
    static constexpr std::string_view puncts2[] = {":=", "<-", "&&", "||", "==", "!=", "<=", ">=", "<<",
                                                   ">>", "&^", "++", "--", "+=", "-=", "*=", "|=", "&=", "^=", "/=", "%="};
    const std::string_view s = src.text();
    std::vector<Token> out;
    int depth = 0;
    std::size_t p = begin;
    auto push = [&](Token::Kind k, std::size_t b, std::size_t e) {
        out.push_back({k, std::string(s.substr(b, e - b)), b, e});
    };
    while (true) {
        while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p])) != 0) {
            if (s[p] == '\n' && !out.empty() && endsStatement(out.back()))
                out.push_back({Token::Kind::Semi, "\n", p, p});
            ++p;
        }
        stop = p;
        if (p >= s.size()) break;
        // After a `}` closing to top level, only another `func` continues the program.
        auto last = std::find_if(out.rbegin(), out.rend(), [](const Token& t) { return t.kind != Token::Kind::Semi; });
        if (!wholeFile && depth == 0 && last != out.rend() && last->punct("}")) {
            std::size_t e = p;
            while (e < s.size() && identChar(s[e])) ++e;
            if (s.substr(p, e - p) != "func") break;
        }
        const std::size_t b = p;
        if (identStart(s[p])) {
            while (p < s.size() && identChar(s[p])) ++p;
            push(Token::Kind::Ident, b, p);
        } else if (std::isdigit(static_cast<unsigned char>(s[p])) != 0) {
            while (p < s.size() && (identChar(s[p]))) ++p;
            push(Token::Kind::Int, b, p);
        } else if (s[p] == '"' || s[p] == '`') {
            // A string literal (fmt.Println("x"), panic("boom")): kept as written.
            const char q = s[p++];
            while (p < s.size() && s[p] != q && (q == '`' || s[p] != '\n')) p += (q == '"' && s[p] == '\\') ? 2 : 1;
            if (p >= s.size() || s[p] != q) {
                diags.error(file, src.locOf(b), "string literal not terminated");
                break;
            }
            ++p;
            push(Token::Kind::String, b, p);
        } else if (s[p] == ';') {
            ++p;
            push(Token::Kind::Semi, b, p);
        } else {
            std::size_t len = 1;
            for (auto t : puncts3)
                if (s.substr(p, 3) == t) len = 3;
            if (len == 1)
                for (auto t : puncts2)
                    if (s.substr(p, 2) == t) len = 2;
            static constexpr std::string_view singles = "{}()[],.+-*/%&|^!<>=:~";
            if (len == 1 && singles.find(s[p]) == std::string_view::npos) {
                diags.error(file, src.locOf(p), std::string("unexpected character '") + s[p] + "'");
                ++p;
                continue;
            }
            p += len;
            push(Token::Kind::Punct, b, p);
            if (out.back().text == "{") ++depth;
            if (out.back().text == "}") --depth;
        }
    }
    out.push_back({Token::Kind::Semi, "\n", stop, stop});
    out.push_back({Token::Kind::End, "", stop, stop});
    return out;
}

}  // namespace memlit::litmus::go
