#include "cat/Lexer.hpp"

#include <optional>

namespace memlit::cat {

namespace {

bool identStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool identChar(char c) {
    return identStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

class Lexer {
public:
    Lexer(std::string_view text, const std::string& file, Diagnostics& diags)
        : text_(text), file_(file), diags_(diags) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skipSpaceAndComments();
            if (pos_ >= text_.size()) break;
            if (auto t = next()) out.push_back(std::move(*t));
        }
        out.push_back(Token{Token::Kind::End, "", here(), pos_, pos_});
        return out;
    }

private:
    SourceLoc here() const { return {line_, col_}; }

    void advance() {
        if (text_[pos_] == '\n') {
            ++line_;
            col_ = 1;
        } else {
            ++col_;
        }
        ++pos_;
    }

    bool at(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

    void skipSpaceAndComments() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else if (at("(*")) {
                skipComment();
            } else if (c == '#' || at("//")) {
                // herd's lexer reads `#` and `//` to the end of the line as a comment
                // (x86tso.cat's `#ppo` headings, linux-kernel.cat's SPDX line).
                while (pos_ < text_.size() && text_[pos_] != '\n') advance();
            } else {
                return;
            }
        }
    }

    void skipComment() {
        const SourceLoc start = here();
        int depth = 0;
        while (pos_ < text_.size()) {
            if (at("(*")) {
                ++depth;
                advance();
                advance();
            } else if (at("*)")) {
                --depth;
                advance();
                advance();
                if (depth == 0) return;
            } else {
                advance();
            }
        }
        diags_.error(file_, start, "unterminated comment");
    }

    std::optional<Token> next() {
        using K = Token::Kind;
        const SourceLoc loc = here();
        const std::size_t begin = pos_;
        const char c = text_[pos_];
        auto make = [&](K k, std::string text) {
            return Token{k, std::move(text), loc, begin, pos_};
        };
        if (c == '_' && (pos_ + 1 >= text_.size() || !identChar(text_[pos_ + 1]))) {
            advance();
            return make(K::Underscore, "_");
        }
        if (identStart(c)) {
            while (pos_ < text_.size() && identChar(text_[pos_])) advance();
            return make(K::Ident, std::string(text_.substr(begin, pos_ - begin)));
        }
        if (c >= '0' && c <= '9') {
            while (pos_ < text_.size() && identChar(text_[pos_])) advance();
            std::string num(text_.substr(begin, pos_ - begin));
            if (num != "0") {
                diags_.error(file_, loc, "unexpected number '" + num + "' (only 0 is allowed)");
                return std::nullopt;
            }
            return make(K::Zero, "0");
        }
        if (c == '"') {
            advance();
            while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n') advance();
            if (pos_ >= text_.size() || text_[pos_] != '"') {
                // Reported once; the token still stands for the string, to avoid a cascade.
                diags_.error(file_, loc, "unterminated string");
                return make(K::String, std::string(text_.substr(begin + 1, pos_ - begin - 1)));
            }
            std::string s(text_.substr(begin + 1, pos_ - begin - 1));
            advance();
            return make(K::String, std::move(s));
        }
        if (c == '^') {
            advance();
            static constexpr struct { char c; K k; const char* text; } hats[] = {
                {'+', K::HatPlus, "^+"}, {'*', K::HatStar, "^*"}, {'?', K::HatOpt, "^?"}};
            if (at("-1")) {
                advance();
                advance();
                return make(K::HatInv, "^-1");
            }
            for (const auto& h : hats)
                if (pos_ < text_.size() && text_[pos_] == h.c) {
                    advance();
                    return make(h.k, h.text);
                }
            diags_.error(file_, loc, "expected -1, +, * or ? after '^'");
            return std::nullopt;
        }
        if (c == '\'' && pos_ + 1 < text_.size() && identStart(text_[pos_ + 1])) {   // herd's tag 'once
            advance();
            while (pos_ < text_.size() && identChar(text_[pos_])) advance();
            return make(K::TagLit, std::string(text_.substr(begin + 1, pos_ - begin - 1)));
        }
        if (at("->")) {   // herd's `fun x -> e` and match arms, stepped over by the parser
            advance();
            advance();
            return make(K::Arrow, "->");
        }
        static constexpr struct { char c; K k; } singles[] = {
            {'(', K::LParen}, {')', K::RParen}, {'[', K::LBracket}, {']', K::RBracket},
            {'{', K::LBrace}, {'}', K::RBrace}, {',', K::Comma},    {'=', K::Equal},
            {'|', K::Bar},    {'&', K::Amp},    {';', K::Semi},     {'\\', K::Backslash},
            {'~', K::Tilde},  {'*', K::Star},   {'+', K::Plus},     {'?', K::Question}};
        for (const auto& s : singles)
            if (c == s.c) {
                advance();
                return make(s.k, std::string(1, c));
            }
        advance();
        std::string shown = (c >= 32 && c < 127) ? std::string(1, c) : "\\x" + hex(c);
        diags_.error(file_, loc, "unexpected character '" + shown + "'");
        return std::nullopt;
    }

    static std::string hex(char c) {
        static const char* digits = "0123456789abcdef";
        const auto u = static_cast<unsigned char>(c);
        return {digits[u >> 4], digits[u & 15]};
    }

    std::string_view text_;
    const std::string& file_;
    Diagnostics& diags_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    std::uint32_t col_ = 1;
};

}  // namespace

std::vector<Token> lex(std::string_view text, const std::string& file, Diagnostics& diags) {
    return Lexer(text, file, diags).run();
}

std::string describe(const Token& t) {
    switch (t.kind) {
    case Token::Kind::End: return "end of file";
    case Token::Kind::String: return "string \"" + t.text + "\"";
    default: return "'" + t.text + "'";
    }
}

}  // namespace memlit::cat
