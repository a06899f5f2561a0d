/// Comments of a C litmus test (docs/c.md, "Comments"): herd's nested `(* ... *)` in the
/// state-language parts, C's `/* ... */` and `//` everywhere; a thread function's body is C.

#include "litmus/c/CSyntax.hpp"

#include <cctype>

namespace memlit::litmus::c {

namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

class Blanker {
public:
    Blanker(std::string_view text, const std::string& file, Diagnostics& diags)
        : in_(text), out_(text), file_(file), diags_(diags) {}

    std::string run() {
        while (i_ < in_.size()) {
            if (!step()) break;
        }
        return out_;
    }

private:
    std::string_view in_;
    std::string out_;
    const std::string& file_;
    Diagnostics& diags_;
    std::size_t i_ = 0;
    int depth_ = 0;            // braces open outside comments
    bool seenInit_ = false;    // the init block has closed
    bool pendingFunc_ = false; // a `P<n>` at top level: its `{` opens C code
    bool inFunc_ = false;

    void blank(std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to && k < out_.size(); ++k)
            if (out_[k] != '\n') out_[k] = ' ';
    }
    bool unterminated(std::size_t start) {
        SourceText src{std::string(in_)};
        diags_.error(file_, src.locOf(start), "unterminated comment");
        blank(start, in_.size());
        return false;
    }
    bool at(const char* s) const { return in_.compare(i_, 2, s) == 0; }

    bool herdComment() {
        const std::size_t start = i_;
        int depth = 0;
        while (i_ < in_.size()) {
            if (at("(*")) {
                ++depth;
                i_ += 2;
            } else if (at("*)")) {
                i_ += 2;
                if (--depth == 0) break;
            } else {
                ++i_;
            }
        }
        if (depth != 0) return unterminated(start);
        blank(start, i_);
        return true;
    }
    bool blockComment() {
        const std::size_t start = i_;
        const std::size_t close = in_.find("*/", i_ + 2);
        if (close == std::string_view::npos) return unterminated(start);
        i_ = close + 2;
        blank(start, i_);
        return true;
    }
    void lineComment() {
        std::size_t j = in_.find('\n', i_);
        if (j == std::string_view::npos) j = in_.size();
        blank(i_, j);
        i_ = j;
    }
    void brace(char c) {
        if (c == '{') {
            if (depth_ == 0 && pendingFunc_) inFunc_ = true;
            ++depth_;
        } else if (depth_ > 0 && --depth_ == 0) {
            seenInit_ = true;
            inFunc_ = false;
            pendingFunc_ = false;
        }
    }
    void word() {
        const std::size_t b = i_;
        while (i_ < in_.size() && identChar(in_[i_])) ++i_;
        if (depth_ != 0 || !seenInit_ || inFunc_) return;
        std::string_view w = in_.substr(b, i_ - b);
        bool thread = w.size() > 1 && w[0] == 'P';
        for (std::size_t k = 1; thread && k < w.size(); ++k) thread = std::isdigit(static_cast<unsigned char>(w[k])) != 0;
        if (thread) pendingFunc_ = true;
    }

    bool step() {
        const char c = in_[i_];
        if (at("/*")) return blockComment();
        if (!inFunc_ && c == '"') {
            const std::size_t j = in_.find('"', i_ + 1);
            i_ = j == std::string_view::npos ? in_.size() : j + 1;
            return true;
        }
        if (!inFunc_ && at("(*")) return herdComment();
        if (at("//") && (inFunc_ || i_ == 0 || std::isspace(static_cast<unsigned char>(in_[i_ - 1])) != 0)) {
            lineComment();
            return true;
        }
        if (c == '{' || c == '}') brace(c);
        if (identChar(c) && (i_ == 0 || !identChar(in_[i_ - 1]))) {
            word();
            return true;
        }
        ++i_;
        return true;
    }
};

}  // namespace

std::string blankCComments(std::string_view text, const std::string& file, Diagnostics& diags) {
    return Blanker(text, file, diags).run();
}

}  // namespace memlit::litmus::c
