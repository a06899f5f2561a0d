#include "litmus/Parser.hpp"

#include "litmus/Architecture.hpp"
#include "litmus/FrontEnd.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/go/GoProgram.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace memlit::litmus {

namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

constexpr std::size_t kMaxThreads = 64;

std::size_t errorCount(const Diagnostics& d) {
    return static_cast<std::size_t>(std::count_if(d.all().begin(), d.all().end(), [](const Diagnostic& x) {
        return x.severity == Severity::Error;
    }));
}

void reportUnknownArchitecture(Diagnostics& diags, const std::string& file, SourceLoc at, std::string_view arch,
                               const std::vector<Architecture>& all) {
    std::string known;
    for (auto n : tableArchitectureNames(all)) known += (known.empty() ? "" : ", ") + std::string(n);
    diags.unsupported(file, at, "architecture '" + std::string(arch) + "' (supported: " + known + ")");
}

/// `text` without a leading UTF-8 byte-order mark and with old Mac line ends (a lone CR)
/// as newlines; CRLF stays (the CR is a blank). herd7 reads both.
std::string normalizeLineEnds(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
    return out;
}

std::size_t wordEnd(std::string_view s, std::size_t p) {
    while (p < s.size() && !isSpace(s[p])) ++p;
    return p;
}

/// Where the header's first word (the architecture) starts, when no comment comes first.
std::optional<std::size_t> headerWord(std::string_view s) {
    std::size_t p = 0;
    while (p < s.size() && isSpace(s[p])) ++p;
    if (p >= s.size() || s.substr(p, 2) == "(*" || s.substr(p, 2) == "//") return std::nullopt;
    return p;
}

/// Reads one litmus file section by section over its comment-free text.
class FileParser {
public:
    FileParser(const SourceText& src, const std::string& file, Diagnostics& diags, const ParseOptions& options,
               const std::vector<Architecture>& known)
        : src_(src), s_(src.text()), file_(file), diags_(diags), options_(options), known_(known) {}

    bool run(LitmusTest& t);

private:
    bool error(std::size_t offset, std::string msg) {
        diags_.error(file_, src_.locOf(offset), std::move(msg));
        return false;
    }
    std::size_t skipBlank(std::size_t p) const { return src_.skipBlank(p); }
    std::size_t lineEnd(std::size_t p) const { return src_.lineEnd(p); }
    bool header(LitmusTest& t, std::size_t& pos);

    const SourceText& src_;
    std::string_view s_;
    const std::string& file_;
    Diagnostics& diags_;
    const ParseOptions& options_;
    const std::vector<Architecture>& known_;
    const Architecture* arch_ = nullptr;
};

bool FileParser::header(LitmusTest& t, std::size_t& pos) {
    pos = skipBlank(0);
    std::size_t end = lineEnd(pos);
    auto word = [&](std::size_t& p) {
        while (p < end && isSpace(s_[p])) ++p;
        std::size_t b = p;
        while (p < end && !isSpace(s_[p])) ++p;
        return s_.substr(b, p - b);
    };
    std::size_t p = pos;
    std::string_view arch = word(p);
    if (arch.empty()) return error(pos, "expected a header 'ARCH NAME'");
    std::size_t nameAt = skipBlank(p);
    std::string_view name = word(p);
    if (name.empty()) return error(p, "expected a test name after '" + std::string(arch) + "'");
    t.arch = std::string(arch);
    t.name = std::string(name);
    arch_ = findArchitecture(known_, arch);
    if (!arch_) {
        reportUnknownArchitecture(diags_, file_, src_.locOf(pos), arch, known_);
        return false;
    }
    // herd's old Power tests give the name an alias in parentheses: `PPC c6 (PPCBasicCSix)`.
    std::size_t afterName = p;
    std::string_view next = word(p);
    if (!next.empty() && next.front() == '(') {
        std::size_t close = s_.find(')', afterName);
        if (close != std::string_view::npos && close < end) {
            p = close + 1;
            next = word(p);
        }
    }
    // ... and may put the doc string on the header line: `PPC n6 (PPCnSix) "Store buffering"`.
    const bool docOnHeader = !next.empty() && next.front() == '"';
    if (!next.empty() && !docOnHeader) return error(nameAt, "unexpected text after the test name '" + t.name + "'");
    pos = docOnHeader ? static_cast<std::size_t>(next.data() - s_.data()) : skipBlank(end);
    if (pos < s_.size() && s_[pos] == '"') {
        // A doc string may span lines, but not into the initial state: one never closed before
        // a line that starts with `{` (herd's b5, co8) is text herd skips, up to its line end.
        std::size_t close = s_.find('"', pos + 1);
        std::size_t state = s_.find("\n{", pos);
        if (close == std::string_view::npos || (state != std::string_view::npos && state < close)) {
            t.doc = std::string(s_.substr(pos + 1, lineEnd(pos) - pos - 1));
            pos = lineEnd(pos);
        } else {
            t.doc = std::string(s_.substr(pos + 1, close - pos - 1));
            pos = close + 1;
        }
    }
    // Key=value lines up to the initial state; a value runs to the end of its line.
    while (true) {
        pos = skipBlank(pos);
        if (pos >= s_.size()) return error(pos, "expected '{' to start the initial state");
        if (s_[pos] == '{') return true;
        end = lineEnd(pos);
        std::size_t eq = s_.find('=', pos);
        std::size_t kb = 0;
        // herd skips every line here that is not `key = value`: a stray word (herd-instr A181's
        // `q`), free text (wrcv5's `(Paul Mc Keene 'solution')`).
        if (eq >= end) {
            pos = end;
            continue;
        }
        std::string_view key = eq < end ? trim(s_.substr(pos, eq - pos), kb) : std::string_view{};
        if (key.empty() || std::any_of(key.begin(), key.end(), isSpace)) {
            std::size_t vb = 0;
            return error(pos, "expected 'Key=value' or '{', found '" +
                                  std::string(trim(s_.substr(pos, end - pos), vb)) + "'");
        }
        std::size_t vb = 0;
        vb = eq + 1;
        t.meta.emplace_back(std::string(key), std::string(trim(s_.substr(eq + 1, end - eq - 1), vb)));
        t.metaValueLocs.push_back(src_.locOf(vb));
        pos = end;
    }
}

bool FileParser::run(LitmusTest& t) {
    std::size_t pos = 0;
    if (!header(t, pos)) return false;
    MEMLIT_ASSERT(arch_->frontEnd != nullptr, "architecture without a front end");
    if (!arch_->frontEnd->parseBody(TestBody{src_, pos, file_, diags_, options_}, t)) return false;
    // Candidate executions grow factorially with threads; herd's tests have a handful.
    if (t.threads.size() > kMaxThreads) {
        // At the first cell of the first thread too many, when it has one.
        const bool cell = t.raw.size() > kMaxThreads && !t.raw[kMaxThreads].empty();
        diags_.error(file_, cell ? t.raw[kMaxThreads].front().loc : src_.locOf(pos),
                     "more than " + std::to_string(kMaxThreads) + " threads");
        return false;
    }
    return true;
}

}  // namespace

std::optional<LitmusTest> parseLitmus(std::string_view text, const std::string& file, Diagnostics& diags,
                                      const ParseOptions& options) {
    return parseLitmus(text, file, diags, options, architectures());
}

std::optional<LitmusTest> parseLitmus(std::string_view raw, const std::string& file, Diagnostics& diags,
                                      const ParseOptions& options, const std::vector<Architecture>& known) {
    std::size_t before = errorCount(diags);
    const std::string text = normalizeLineEnds(raw);
    // A `package main` file (or any `.go` file) is a Go program, not a litmus test.
    if (go::isGoSource(text, file)) return go::parseGoSource(text, file, diags, options);
    // The architecture first, before any lexing of the body: a test of an architecture memlit
    // does not know is reported as such, whatever its body looks like (C's `(*x` is no comment).
    const Architecture* arch = nullptr;
    if (auto word = headerWord(text)) {
        arch = findArchitecture(known, text.substr(*word, wordEnd(text, *word) - *word));
        if (!arch) {
            SourceText at(text);
            reportUnknownArchitecture(diags, file, at.locOf(*word),
                                      text.substr(*word, wordEnd(text, *word) - *word), known);
            return std::nullopt;
        }
    }
    // The front end's comment syntax: herd's, or (C, where `(*x` is code) its own.
    SourceText src(arch ? arch->frontEnd->blankComments(text, file, diags) : stripComments(text, file, diags));
    if (errorCount(diags) != before) return std::nullopt;
    LitmusTest t;
    t.file = file;
    FileParser p(src, file, diags, options, known);
    if (!p.run(t) || errorCount(diags) != before) return std::nullopt;
    return t;
}

std::optional<LitmusTest> loadLitmus(const std::string& path, Diagnostics& diags, const ParseOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        diags.error(path, {}, "is a directory, not a litmus file");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(path, {}, "cannot open file");
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parseLitmus(ss.str(), path, diags, options);
}

}  // namespace memlit::litmus
