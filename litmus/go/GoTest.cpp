// parseGoTest: a Go litmus test (or a .go program reshaped by GoProgram.cpp) as a LitmusTest:
// the program parsed and lowered, then the condition, whose names are checked against the
// program as the Go compiler would.

#include "litmus/StateParser.hpp"
#include "litmus/go/GoSyntax.hpp"

#include <algorithm>
#include <variant>

namespace memlit::litmus::go {

namespace {

std::string identity(std::string_view s) { return std::string(s); }

/// Whether some op of `th` writes the register `name`: a goroutine's variables are the
/// registers its lowering assigns.
bool assigns(const Thread& th, const std::string& name) {
    return std::any_of(th.ops.begin(), th.ops.end(), [&](const Op& op) {
        return std::visit(
            [&](const auto& o) {
                if constexpr (requires { o.dst; }) return o.dst == name;
                else return false;
            },
            op.kind);
    });
}

}  // namespace

bool parseGoTest(const SourceText& src, std::size_t begin, const std::string& file, Diagnostics& diags,
                 LitmusTest& t, std::optional<int> unroll) {
    std::size_t stop = 0;
    auto parsed = parseGoProgram(src, begin, file, diags, stop);
    if (!parsed) return false;
    const Program& prog = *parsed;
    // Everything before the block is blanked (newlines kept) so positions stay those of the file.
    t.programText = std::string(src.text().substr(0, stop));
    for (std::size_t i = 0; i < begin; ++i)
        if (t.programText[i] != '\n') t.programText[i] = ' ';
    t.init = prog.init;
    if (!lowerProgram(prog, src, file, diags, t, unroll)) return false;
    StateParser rest(src, stop, src.size(), file, diags, identity);
    if (!rest.parseConstraints(t)) return false;
    bool ok = true;
    for (const auto& [p, loc] : rest.registers())
        if (static_cast<std::size_t>(p.thread) >= t.threads.size()) {
            const std::size_t n = t.threads.size();
            diags.error(file, loc, "goroutine " + std::to_string(p.thread) + " does not exist (the test has " +
                                       std::to_string(n) + (n == 1 ? " goroutine)" : " goroutines)"));
            ok = false;
        } else if (assigns(t.threads[static_cast<std::size_t>(p.thread)], "&" + p.name)) {
            diags.error(file, loc, "'" + p.name + "' of goroutine " + std::to_string(p.thread) +
                                       " has its address taken, so it lives in memory: copy it to a local to "
                                       "name it here");
            ok = false;
        } else if (!assigns(t.threads[static_cast<std::size_t>(p.thread)], p.name)) {
            diags.error(file, loc, "undefined: '" + p.name + "' is not a variable of goroutine " +
                                       std::to_string(p.thread));
            ok = false;
        }
    // As the Go compiler would: a name the program does not declare is undefined.
    for (const auto& [p, loc] : rest.locationsNamed())
        if (auto g = prog.globals.find(p.name.substr(0, p.name.find_first_of("[."))); g != prog.globals.end() &&
            (g->second.kind == GlobalKind::Map || g->second.type == "atomic.Value")) {
            diags.unsupported(file, loc, "a " + g->second.type + " in the condition (copy its value to a local and name that)");
            ok = false;
        } else if (!prog.globals.count(p.name.substr(0, p.name.find_first_of("[.")))) {
            diags.error(file, loc, "undefined: '" + p.name + "' is not a variable of the program");
            ok = false;
        }
    return ok;
}

}  // namespace memlit::litmus::go
