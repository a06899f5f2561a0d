// A `package main` file as a Go test: the package clause and imports are checked and dropped,
// constants are substituted, package-level declarations become the dialect's declaration
// block and `func main` its goroutine P0; then the dialect's parser and lowering run
// unchanged (docs/go.md, "Go programs").

#include "litmus/go/GoProgram.hpp"

#include "litmus/StateParser.hpp"
#include "litmus/go/GoSyntax.hpp"

#include <algorithm>
#include <map>

namespace memlit::litmus::go {

namespace {

std::string identity(std::string_view s) { return std::string(s); }

/// Go's comments blanked (newlines kept), string literals left alone.
std::string blankGoComments(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        if (c == '"' || c == '`') {
            for (++i; i < out.size() && out[i] != c && out[i] != '\n'; ++i)
                if (c == '"' && out[i] == '\\') ++i;
            continue;
        }
        const bool line = out.compare(i, 2, "//") == 0, block = out.compare(i, 2, "/*") == 0;
        if (!line && !block) continue;
        std::size_t end = line ? out.find('\n', i) : out.find("*/", i + 2);
        end = end == std::string::npos ? out.size() : line ? end : end + 2;
        for (std::size_t k = i; k < end; ++k)
            if (out[k] != '\n') out[k] = ' ';
        i = end - 1;
    }
    return out;
}

const char* const kImports[] = {"\"fmt\"", "\"sync\"", "\"sync/atomic\"", "\"runtime\"", "\"time\""};

/// Turns the file's tokens into the dialect's shape: `{ declarations } func ...`.
class PackageReader {
public:
    PackageReader(const std::vector<Token>& toks, const SourceText& src, const std::string& file, Diagnostics& d)
        : toks_(toks), src_(src), file_(file), diags_(d) {}

    std::optional<std::vector<Token>> run() {
        skipSemis();
        if (!peek().ident("package") || !peek(1).ident("main")) return fail("'package main'");
        pos_ += 2;
        bool ok = true;
        while (skipSemis(), peek().kind != Token::Kind::End) {
            const Token& t = peek();
            if (t.ident("import")) ok = imports();
            else if (t.ident("const")) ok = group(&PackageReader::constSpec);
            else if (t.ident("var")) ok = group(&PackageReader::varSpec);
            else if (t.ident("type")) ok = copyDecl(decls_);
            else if (t.ident("func")) ok = func();
            else return fail("a declaration (import, const, var, type or func)");
            if (!ok) return std::nullopt;
        }
        if (!sawMain_) {
            diags_.error(file_, src_.locOf(toks_.back().offset), "function main is undeclared in the main package");
            return std::nullopt;
        }
        Token open{Token::Kind::Punct, "{", 0, 0}, close{Token::Kind::Punct, "}", 0, 0};
        std::vector<Token> out{open};
        for (auto* part : {&decls_, &funcs_}) {
            for (const Token& t : *part) out.push_back(substitute(t));
            if (part == &decls_) out.push_back(close), out.push_back({Token::Kind::Semi, "\n", 0, 0});
        }
        out.push_back(toks_[toks_.size() - 2]);
        out.push_back(toks_.back());
        return out;
    }

private:
    const std::vector<Token>& toks_;
    const SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    std::size_t pos_ = 0;
    std::vector<Token> decls_, funcs_;
    std::map<std::string, Token> consts_;
    bool sawMain_ = false;

    const Token& peek(std::size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
    void skipSemis() {
        while (peek().kind == Token::Kind::Semi) ++pos_;
    }
    std::nullopt_t fail(const std::string& what) {
        const Token& t = peek();
        std::string found = t.kind == Token::Kind::End ? "end of input"
                            : t.kind == Token::Kind::Semi && t.text == "\n" ? "newline"
                                                                            : "'" + t.text + "'";
        diags_.error(file_, src_.locOf(t.offset), "expected " + what + ", found " + found);
        return std::nullopt;
    }
    bool error(const Token& at, const std::string& msg) {
        diags_.error(file_, src_.locOf(at.offset), msg);
        return false;
    }
    /// A constant's use becomes its value (not after a `.`: a field or a package member).
    Token substitute(const Token& t) const {
        auto it = consts_.find(t.text);
        if (t.kind != Token::Kind::Ident || it == consts_.end()) return t;
        Token v = it->second;
        v.offset = t.offset, v.end = t.end;
        return v;
    }
    /// The tokens up to the end of the current declaration (a separator at depth 0).
    std::size_t declEnd() const {
        int depth = 0;
        std::size_t i = pos_;
        for (; i < toks_.size() && toks_[i].kind != Token::Kind::End; ++i) {
            if (toks_[i].punct("{") || toks_[i].punct("(") || toks_[i].punct("[")) ++depth;
            if (toks_[i].punct("}") || toks_[i].punct(")") || toks_[i].punct("]")) --depth;
            if (depth <= 0 && toks_[i].kind == Token::Kind::Semi) break;
        }
        return i;
    }
    bool copyDecl(std::vector<Token>& into) {
        const std::size_t end = declEnd();
        into.insert(into.end(), toks_.begin() + static_cast<std::ptrdiff_t>(pos_),
                    toks_.begin() + static_cast<std::ptrdiff_t>(end));
        into.push_back({Token::Kind::Semi, "\n", toks_[end].offset, toks_[end].offset});
        pos_ = end;
        return true;
    }
    bool imports() {
        ++pos_;
        const bool grouped = peek().punct("(");
        if (grouped) ++pos_;
        while (true) {
            skipSemis();
            if (grouped && peek().punct(")")) {
                ++pos_;
                return true;
            }
            const Token& path = peek();
            if (path.kind != Token::Kind::String) return fail("an import path") , false;
            if (std::none_of(std::begin(kImports), std::end(kImports), [&](const char* p) { return path.text == p; })) {
                diags_.unsupported(file_, src_.locOf(path.offset),
                                   "import of " + path.text + " (memlit knows fmt, sync, sync/atomic, runtime, time)");
                return false;
            }
            ++pos_;
            if (!grouped) return true;
        }
    }
    /// `const x = 1` or `var x int`, alone or in a `( ... )` group.
    bool group(bool (PackageReader::*spec)(const Token& kw)) {
        const Token& kw = peek();
        ++pos_;
        if (!peek().punct("(")) return (this->*spec)(kw);
        ++pos_;
        while (skipSemis(), !peek().punct(")")) {
            if (peek().kind == Token::Kind::End) return fail("')'"), false;
            if (!(this->*spec)(kw)) return false;
        }
        ++pos_;
        return true;
    }
    bool constSpec(const Token&) {
        const Token& name = peek();
        if (name.kind != Token::Kind::Ident || !peek(1).punct("=")) return fail("'NAME = value' (a constant)"), false;
        pos_ += 2;
        bool neg = peek().punct("-");
        if (neg) ++pos_;
        Token v = peek();
        if (v.kind == Token::Kind::Ident && consts_.count(v.text)) v = consts_.at(v.text);
        if (!(v.kind == Token::Kind::Int || (!neg && (v.ident("true") || v.ident("false")))))
            return error(peek(), "constants are integer or boolean literals here");
        if (neg) v.text = "-" + v.text;  // read back by the dialect's integer parser as a negative literal
        ++pos_;
        consts_[name.text] = v;
        return true;
    }
    bool varSpec(const Token& kw) {
        Token var = kw;
        var.offset = peek().offset, var.end = peek().offset;
        decls_.push_back(var);
        return copyDecl(decls_);
    }
    bool func() {
        const std::size_t start = pos_;
        std::size_t i = pos_;
        while (i < toks_.size() && !toks_[i].punct("{") && toks_[i].kind != Token::Kind::End) ++i;
        int depth = 0;
        for (; i < toks_.size() && toks_[i].kind != Token::Kind::End; ++i) {
            if (toks_[i].punct("{")) ++depth;
            if (toks_[i].punct("}") && --depth == 0) break;
        }
        if (depth != 0) return error(toks_[start], "unterminated function body");
        for (std::size_t k = start; k <= i; ++k) funcs_.push_back(toks_[k]);
        funcs_.push_back({Token::Kind::Semi, "\n", toks_[i].end, toks_[i].end});
        if (toks_[start + 1].ident("main")) {
            if (!toks_[start + 2].punct("(") || !toks_[start + 3].punct(")") || !toks_[start + 4].punct("{"))
                return error(toks_[start + 1], "func main must have no arguments and no return values");
            sawMain_ = true;
            funcs_[funcs_.size() - (i - start) - 2 + 1].text = "P0";
        }
        pos_ = i + 1;
        return true;
    }
};

/// The `// memlit: ...` comments: `Unroll=K` lines (as a test's header would say) and at most
/// one condition, `exists (...)`; each as the offsets of its text.
struct Directives {
    std::vector<std::pair<std::size_t, std::size_t>> unroll;
    std::optional<std::pair<std::size_t, std::size_t>> condition;
};

Directives directives(std::string_view text) {
    Directives out;
    for (std::size_t at = text.find("// memlit:"); at != std::string_view::npos; at = text.find("// memlit:", at + 1)) {
        std::size_t b = text.find_first_not_of(' ', at + 10), e = text.find('\n', at);
        if (e == std::string_view::npos) e = text.size();
        if (b >= e) continue;
        if (text.compare(b, 7, "Unroll=") == 0) out.unroll.push_back({b + 7, e});
        else out.condition = {b, e};
    }
    return out;
}

}  // namespace

bool isGoSource(std::string_view text, const std::string& file) {
    if (file.size() > 3 && file.compare(file.size() - 3, 3, ".go") == 0) return true;
    const std::string blanked = blankGoComments(text);
    std::size_t p = blanked.find_first_not_of(" \t\r\n");
    return p != std::string::npos && blanked.compare(p, 7, "package") == 0 &&
           (p + 7 == blanked.size() || std::isspace(static_cast<unsigned char>(blanked[p + 7])));
}

std::optional<LitmusTest> parseGoSource(std::string_view text, const std::string& file, Diagnostics& diags,
                                        const ParseOptions& options) {
    const bool before = diags.hasErrors();
    SourceText raw{std::string(text)};
    SourceText src(blankGoComments(text));
    std::size_t stop = 0;
    auto toks = tokenize(src, 0, file, diags, stop, true);
    if (diags.hasErrors() && !before) return std::nullopt;
    auto shaped = PackageReader(toks, src, file, diags).run();
    if (!shaped) return std::nullopt;
    auto prog = parseGoTokens(std::move(*shaped), src, file, diags);
    if (!prog) return std::nullopt;
    prog->mainEnds = true;
    LitmusTest t;
    t.file = file;
    t.arch = "Go";
    const std::size_t slash = file.find_last_of('/');
    t.name = file.substr(slash == std::string::npos ? 0 : slash + 1);
    if (t.name.size() > 3 && t.name.compare(t.name.size() - 3, 3, ".go") == 0) t.name.resize(t.name.size() - 3);
    t.programText = std::string(text);
    t.init = prog->init;
    const Directives dirs = directives(text);
    for (const auto& [b, e] : dirs.unroll) {
        std::string v(text.substr(b, e - b));
        v.erase(v.find_last_not_of(" \t\r") + 1);
        t.meta.push_back({"Unroll", v});
        t.metaValueLocs.push_back(raw.locOf(b));
    }
    if (!lowerProgram(*prog, src, file, diags, t, options.unroll)) return std::nullopt;
    // What main printed: its registers out1, out2, ... (GoPrint.cpp), in the order printed.
    for (std::size_t k = 1;; ++k) {
        const std::string r = "out" + std::to_string(k);
        const auto& ops = t.threads[0].ops;
        if (std::none_of(ops.begin(), ops.end(), [&](const Op& op) {
                auto* a = std::get_if<Assign>(&op.kind);
                return a && a->dst == r;
            }))
            break;
        t.locations.push_back(Place{0, r});
    }
    if (options.exists) {
        // The command line's question: positions are columns of the option's text.
        SourceText question(*options.exists);
        const std::string where = "--exists";  // StateParser keeps a reference to the name
        StateParser rest(question, 0, question.size(), where, diags, identity);
        if (!rest.parseConstraints(t)) return std::nullopt;
    } else if (const auto& d = dirs.condition) {
        StateParser rest(raw, d->first, d->second, file, diags, identity);
        if (!rest.parseConstraints(t)) return std::nullopt;
    } else {
        t.condition.quantifier = Condition::Quantifier::Exists;
        t.condition.prop = Prop{};
        t.condition.text = "exists (true)";
    }
    return t;
}

}  // namespace memlit::litmus::go
