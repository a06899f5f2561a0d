#include "litmus/Lexer.hpp"

#include <algorithm>
#include <cctype>

namespace memlit::litmus {

SourceText::SourceText(std::string text) : text_(std::move(text)) {
    lineStarts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') lineStarts_.push_back(i + 1);
}

std::size_t SourceText::skipBlank(std::size_t p) const {
    while (p < text_.size() && std::isspace(static_cast<unsigned char>(text_[p])) != 0) ++p;
    return p;
}

std::size_t SourceText::lineEnd(std::size_t p) const {
    const std::size_t e = text_.find('\n', p);
    return e == std::string::npos ? text_.size() : e;
}

SourceLoc SourceText::locOf(std::size_t offset) const {
    auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
    auto line = static_cast<std::size_t>(it - lineStarts_.begin());  // >= 1
    return {static_cast<std::uint32_t>(line),
            static_cast<std::uint32_t>(offset - lineStarts_[line - 1] + 1)};
}

std::string stripComments(std::string_view text, const std::string& file, Diagnostics& diags, bool headerOnly) {
    std::string out(text);
    auto blank = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k)
            if (out[k] != '\n') out[k] = ' ';
    };
    std::size_t i = 0;
    bool sawBrace = false;  // a `{` outside comments and strings: the initial state has begun
    while (i < text.size()) {
        char c = text[i];
        if (headerOnly && c == '{') break;
        if (c == '"') {  // strings are kept verbatim
            std::size_t j = text.find('"', i + 1);
            i = j == std::string_view::npos ? text.size() : j + 1;
        } else if (c == '(' && i + 1 < text.size() && text[i + 1] == '*') {
            std::size_t start = i;
            int depth = 0;
            while (i < text.size()) {
                if (text.compare(i, 2, "(*") == 0) {
                    ++depth;
                    i += 2;
                } else if (text.compare(i, 2, "*)") == 0) {
                    i += 2;
                    if (--depth == 0) break;
                } else {
                    ++i;
                }
            }
            // herd's splitter does not read comments before the initial state: it starts the
            // state at the first `{`. A comment opened there and never closed ends at that `{`.
            const std::size_t brace = text.find('{', start);
            if (depth != 0 && !sawBrace && brace != std::string_view::npos) {
                blank(start, brace);
                i = brace;
                continue;
            }
            if (depth != 0) {
                SourceText src{std::string(text)};
                diags.error(file, src.locOf(start), "unterminated comment");
                blank(start, text.size());
                return out;
            }
            blank(start, i);
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/' &&
                   (i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])))) {
            std::size_t j = text.find('\n', i);
            if (j == std::string_view::npos) j = text.size();
            blank(i, j);
            i = j;
        } else {
            sawBrace = sawBrace || c == '{';
            ++i;
        }
    }
    return out;
}

namespace {

bool isAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool isXDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool nameStart(char c) { return isAlpha(c) || c == '_' || c == '.' || c == '$'; }
bool nameChar(char c) { return isAlpha(c) || isDigit(c) || c == '_' || c == '.' || c == '-' || c == '/'; }

}  // namespace

Lexer::Lexer(const SourceText& src, std::size_t begin, std::size_t end)
    : src_(src), pos_(begin), end_(std::min(end, src.size())) {
    tok_ = scan();
}

Token Lexer::next() {
    Token t = tok_;
    if (t.kind != Token::Kind::End) tok_ = scan();
    return t;
}

Token Lexer::scan() {
    std::string_view s = src_.text();
    while (pos_ < end_ && std::isspace(static_cast<unsigned char>(s[pos_]))) ++pos_;
    Token t;
    t.offset = pos_;
    if (pos_ >= end_) return t;
    auto rest = [&](std::string_view p) { return pos_ + p.size() <= end_ && s.substr(pos_, p.size()) == p; };
    auto punct = [&](Token::Kind k, std::size_t n) {
        t.kind = k;
        t.text = std::string(s.substr(pos_, n));
        pos_ += n;
        return t;
    };
    char c = s[pos_];
    bool neg = c == '-' && pos_ + 1 < end_ && isDigit(s[pos_ + 1]);
    if (isDigit(c) || neg) {
        std::size_t j = pos_ + (neg ? 1 : 0);
        if (!neg && s[j] == '0' && j + 2 < end_ && (s[j + 1] == 'x' || s[j + 1] == 'X') &&
            isXDigit(s[j + 2])) {
            j += 2;
            while (j < end_ && isXDigit(s[j])) ++j;
        } else {
            while (j < end_ && isDigit(s[j])) ++j;
        }
        return punct(Token::Kind::Num, j - pos_);
    }
    if (c == 'P' && pos_ + 1 < end_ && isDigit(s[pos_ + 1])) {
        std::size_t j = pos_ + 1;
        while (j < end_ && isDigit(s[j])) ++j;
        if (j >= end_ || !nameChar(s[j])) {
            t = punct(Token::Kind::Proc, j - t.offset);
            t.text.erase(0, 1);
            return t;
        }
    }
    if (c == '%' && pos_ + 1 < end_ && nameStart(s[pos_ + 1])) {
        std::size_t j = pos_ + 2;
        while (j < end_ && nameChar(s[j])) ++j;
        t = punct(Token::Kind::SymbReg, j - pos_);
        t.text.erase(0, 1);
        return t;
    }
    if (nameStart(c)) {
        std::size_t j = pos_ + 1;
        while (j < end_ && nameChar(s[j])) ++j;
        return punct(Token::Kind::Name, j - pos_);
    }
    if (rest("==")) return punct(Token::Kind::EqEq, 2);
    if (rest("=>")) return punct(Token::Kind::Implies, 2);
    if (rest("!=") || rest("<>")) return punct(Token::Kind::NotEqual, 2);
    if (rest("/\\")) return punct(Token::Kind::And, 2);
    if (rest("\\/")) return punct(Token::Kind::Or, 2);
    switch (c) {
    case ':': return punct(Token::Kind::Colon, 1);
    case ';': return punct(Token::Kind::Semi, 1);
    case ',': return punct(Token::Kind::Comma, 1);
    case '[': return punct(Token::Kind::LBrk, 1);
    case ']': return punct(Token::Kind::RBrk, 1);
    case '(': return punct(Token::Kind::LPar, 1);
    case ')': return punct(Token::Kind::RPar, 1);
    case '{': return punct(Token::Kind::LCurly, 1);
    case '}': return punct(Token::Kind::RCurly, 1);
    case '=': return punct(Token::Kind::Equal, 1);
    case '~': return punct(Token::Kind::Tilde, 1);
    case '*': return punct(Token::Kind::Star, 1);
    case '&': return punct(Token::Kind::Amper, 1);
    case '+': return punct(Token::Kind::Plus, 1);
    default: break;
    }
    // One UTF-8 sequence or byte, so a message can quote it whole.
    std::size_t n = 1;
    while (pos_ + n < end_ && (static_cast<unsigned char>(s[pos_ + n]) & 0xC0) == 0x80) ++n;
    return punct(Token::Kind::Bad, n);
}

std::string_view trim(std::string_view s, std::size_t& offset) {
    std::size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    std::size_t e = s.size();
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    offset += b;
    return s.substr(b, e - b);
}

std::string describe(const Token& t) {
    return t.kind == Token::Kind::End ? std::string("end of input") : "'" + t.text + "'";
}

}  // namespace memlit::litmus
