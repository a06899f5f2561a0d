#include "litmus/c/CSyntax.hpp"

#include <algorithm>
#include <cctype>

namespace memlit::litmus::c {

namespace {

bool identStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool identChar(char c) { return identStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool isThreadName(std::string_view w) {
    if (w.size() < 2 || w[0] != 'P') return false;
    return std::all_of(w.begin() + 1, w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

/// Tokens from `begin` until, at top level, something other than a thread function starts
/// (the condition): `stop` is set to that offset.
std::vector<Token> tokenize(const SourceText& src, std::size_t begin, const std::string& file, Diagnostics& diags,
                            std::size_t& stop) {
    static constexpr std::string_view puncts3[] = {"<<=", ">>=", "..."};
    static constexpr std::string_view puncts2[] = {"->", "++", "--", "&&", "||", "==", "!=", "<=", ">=", "<<", ">>",
                                                   "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="};
    static constexpr std::string_view singles = "{}()[],;.+-*/%&|^!~<>=?:";
    const std::string_view s = src.text();
    std::vector<Token> out;
    int depth = 0;
    bool inHeader = false;  // between a thread's name and its body's '{'
    std::size_t p = begin;
    while (true) {
        while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p])) != 0) ++p;
        stop = p;
        if (p >= s.size()) break;
        const std::size_t b = p;
        if (depth == 0 && !inHeader) {
            std::size_t e = p;
            while (e < s.size() && identChar(s[e])) ++e;
            std::string_view w = s.substr(p, e - p);
            if (!isThreadName(w) && w != "void") break;
            inHeader = true;
        }
        if (identStart(s[p])) {
            while (p < s.size() && identChar(s[p])) ++p;
            out.push_back({Token::Kind::Ident, std::string(s.substr(b, p - b)), b, p});
        } else if (std::isdigit(static_cast<unsigned char>(s[p])) != 0) {
            while (p < s.size() && identChar(s[p])) ++p;
            out.push_back({Token::Kind::Int, std::string(s.substr(b, p - b)), b, p});
        } else {
            std::size_t len = 0;
            for (auto t : puncts3)
                if (s.substr(p, 3) == t) len = 3;
            if (len == 0)
                for (auto t : puncts2)
                    if (s.substr(p, 2) == t) len = 2;
            if (len == 0 && singles.find(s[p]) != std::string_view::npos) len = 1;
            if (len == 0) {
                diags.error(file, src.locOf(p), std::string("unexpected character '") + s[p] + "'");
                ++p;
                continue;
            }
            p += len;
            out.push_back({Token::Kind::Punct, std::string(s.substr(b, len)), b, p});
            if (out.back().text == "{" && depth++ == 0) inHeader = false;
            if (out.back().text == "}") --depth;
        }
    }
    out.push_back({Token::Kind::End, "", stop, stop});
    return out;
}

/// Reads `P0(params) { ... }` functions over the tokens.
class FunctionParser {
public:
    FunctionParser(const SourceText& src, const std::string& file, Diagnostics& diags, Program& prog)
        : src_(src), file_(file), diags_(diags), prog_(prog), toks_(prog.tokens) {}

    bool run() {
        while (peek().kind != Token::Kind::End)
            if (!function()) return false;
        if (prog_.threads.empty()) return error(peek(), "expected at least one thread 'P0(...) { ... }'");
        return true;
    }

private:
    const SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    Program& prog_;
    const std::vector<Token>& toks_;
    std::size_t pos_ = 0;

    const Token& peek(std::size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
    bool error(const Token& t, const std::string& msg) {
        diags_.error(file_, src_.locOf(t.offset), msg);
        return false;
    }
    bool fail(const std::string& what) {
        const Token& t = peek();
        return error(t, "expected " + what + ", found " + (t.kind == Token::Kind::End ? "end of input" : "'" + t.text + "'"));
    }

    /// `volatile atomic_int *x`: type words and stars, then the name.
    bool param(Function& f) {
        Param p;
        std::vector<const Token*> words;
        while (peek().kind == Token::Kind::Ident || peek().punct("*")) {
            words.push_back(&peek());
            ++pos_;
        }
        if (words.empty() || words.back()->kind != Token::Kind::Ident) return fail("a parameter");
        if (words.size() < 2) return error(*words.back(), "parameter '" + words.back()->text + "' has no type");
        p.name = words.back()->text;
        p.loc = src_.locOf(words.back()->offset);
        for (std::size_t i = 0; i + 1 < words.size(); ++i)
            p.type += (p.type.empty() || words[i]->text == "*" ? "" : " ") + words[i]->text;
        for (const auto& q : f.params)
            if (q.name == p.name) return error(*words.back(), "duplicate parameter '" + p.name + "'");
        f.params.push_back(std::move(p));
        return true;
    }

    bool function() {
        if (peek().ident("void")) ++pos_;
        const Token& name = peek();
        if (name.kind != Token::Kind::Ident || !isThreadName(name.text)) return fail("a thread 'P" + std::to_string(prog_.threads.size()) + "(...)'");
        const std::string want = "P" + std::to_string(prog_.threads.size());
        if (name.text != want) return error(name, "expected thread " + want + ", found " + name.text);
        Function f;
        f.name = name.text;
        f.loc = src_.locOf(name.offset);
        ++pos_;
        if (!peek().punct("(")) return fail("'(' after " + f.name);
        ++pos_;
        if (peek().ident("void") && peek(1).punct(")")) ++pos_;
        while (!peek().punct(")")) {
            if (!param(f)) return false;
            if (peek().punct(",")) ++pos_;
            else if (!peek().punct(")")) return fail("',' or ')'");
        }
        ++pos_;
        if (!peek().punct("{")) return fail("'{' to start the body of " + f.name);
        f.open = pos_;
        int depth = 0;
        for (; pos_ < toks_.size() && toks_[pos_].kind != Token::Kind::End; ++pos_) {
            if (toks_[pos_].punct("{")) ++depth;
            if (toks_[pos_].punct("}") && --depth == 0) break;
        }
        if (depth != 0) return error(name, "unterminated body of thread " + f.name);
        f.close = pos_++;
        prog_.threads.push_back(std::move(f));
        return true;
    }
};

}  // namespace

std::optional<Program> parseFunctions(const SourceText& src, std::size_t begin, const std::string& file,
                                      Diagnostics& diags, std::size_t& stop) {
    Program prog;
    const bool before = diags.hasErrors();
    prog.tokens = tokenize(src, begin, file, diags, stop);
    if (diags.hasErrors() && !before) return std::nullopt;
    if (!FunctionParser(src, file, diags, prog).run()) return std::nullopt;
    return prog;
}

}  // namespace memlit::litmus::c
