/// The C front end: a whole-program front end for herd's C litmus tests — herd's init block,
/// one function `P<n>(params) { ... }` per thread (C11 atomics or Linux-kernel primitives),
/// then herd's `locations`, `filter` and condition (docs/c.md).

#include "litmus/FrontEnd.hpp"
#include "litmus/State.hpp"
#include "litmus/StateParser.hpp"
#include "litmus/c/CSyntax.hpp"

namespace memlit::litmus {

namespace {

std::string identity(std::string_view s) { return std::string(s); }

class CFrontEnd : public FrontEnd {
public:
    Kind kind() const override { return Kind::WholeProgram; }

    std::string blankComments(std::string_view text, const std::string& file, Diagnostics& diags) const override {
        return c::blankCComments(text, file, diags);
    }

    bool parseBody(const TestBody& body, LitmusTest& t) const override {
        const SourceText& src = body.src;
        StateParser init(src, body.begin + 1, src.size(), body.file, body.diags, identity);
        if (!init.parseInit(t.init)) return false;
        std::size_t stop = 0;
        auto prog = c::parseFunctions(src, init.offset(), body.file, body.diags, stop);
        if (!prog) return false;
        t.programText = std::string(src.text().substr(0, stop));
        for (std::size_t i = 0; i < body.begin; ++i)
            if (t.programText[i] != '\n') t.programText[i] = ' ';
        if (!c::lowerProgram(*prog, src, body.file, body.diags, t, body.options.unroll)) return false;
        // herd's `regions: x:PROP` line names memory regions (attributes no model here
        // reads): skipped, as the line it is.
        std::size_t at = src.skipBlank(stop);
        if (src.text().substr(at, 8) == "regions:") stop = src.lineEnd(at);
        StateParser rest(src, stop, src.size(), body.file, body.diags, identity);
        if (!rest.parseConstraints(t)) return false;
        normalizeConstants(t);
        bool ok = true;
        const std::size_t n = t.threads.size();
        auto check = [&](const std::vector<std::pair<Place, SourceLoc>>& regs) {
            for (const auto& [p, loc] : regs)
                if (static_cast<std::size_t>(p.thread) >= n) {
                    body.diags.error(body.file, loc, "thread " + std::to_string(p.thread) + " does not exist (the test has " +
                                                         std::to_string(n) + (n == 1 ? " thread)" : " threads)"));
                    ok = false;
                }
        };
        check(init.registers());
        check(rest.registers());
        return ok;
    }
};

}  // namespace

const FrontEnd& cFrontEnd() {
    static const CFrontEnd fe;
    return fe;
}

}  // namespace memlit::litmus
