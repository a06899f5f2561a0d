/// The Go front end: a whole-program front end whose body is Go declarations and one `func`
/// per goroutine (GoSyntax.cpp reads them, GoLowering.cpp lowers them; docs/go.md).

#include "litmus/FrontEnd.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/go/GoSyntax.hpp"

namespace memlit::litmus {

namespace {

class GoFrontEnd : public FrontEnd {
public:
    Kind kind() const override { return Kind::WholeProgram; }
    /// herd's comments in the header; from the first `{` on, Go's `//` and `/* */`, so that
    /// `new(*int)` is no comment.
    std::string blankComments(std::string_view text, const std::string& file, Diagnostics& diags) const override {
        std::string out = stripComments(text, file, diags, true);
        std::size_t i = out.find('{');
        while (i != std::string::npos && i + 1 < out.size()) {
            const bool line = out.compare(i, 2, "//") == 0, block = out.compare(i, 2, "/*") == 0;
            if (!line && !block) {
                ++i;
                continue;
            }
            std::size_t end = line ? out.find('\n', i) : out.find("*/", i + 2);
            end = end == std::string::npos ? out.size() : line ? end : end + 2;
            for (std::size_t k = i; k < end; ++k)
                if (out[k] != '\n') out[k] = ' ';
            i = end;
        }
        return out;
    }
    bool parseBody(const TestBody& body, LitmusTest& t) const override {
        return go::parseGoTest(body.src, body.begin, body.file, body.diags, t, body.options.unroll);
    }
};

}  // namespace

const FrontEnd& goFrontEnd() {
    static const GoFrontEnd fe;
    return fe;
}

}  // namespace memlit::litmus
