#include "cli/CompareCommand.hpp"

#include "cli/Options.hpp"
#include "report/RunReport.hpp"
#include "runner/Compare.hpp"

#include <fstream>
#include <optional>

namespace memlit::cli {

namespace {

std::optional<std::vector<runner::ResultTest>> readResults(const std::string& path, std::ostream& err) {
    std::ifstream in(path);
    if (!in) {
        err << "memlit compare: error: cannot read " << path << "\n";
        return std::nullopt;
    }
    std::string error;
    auto tests = report::readRunResults(in, error);
    if (!tests) err << "memlit compare: error: " << path << ": not a memlit run result: " << error << "\n";
    return tests;
}

void list(std::ostream& out, const char* what, const std::vector<std::string>& states) {
    for (const auto& s : states) out << "  " << what << " " << s << "\n";
}

}  // namespace

ExitCode compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CompareArgs a;
    if (auto stop = parseCompare(args, a, out, err)) return *stop;
    auto base = readResults(a.baseline, err);
    auto cur = readResults(a.current, err);
    if (!base || !cur) return ExitNotRun;

    bool forbidden = false, changed = false;
    std::size_t same = 0;
    for (const auto& d : runner::compareResults(*base, *cur)) {
        forbidden = forbidden || !d.forbidden.empty();
        if (d.empty()) {
            ++same;
            continue;
        }
        out << "Test " << d.name;
        if (d.onlyInBaseline) out << ": missing from " << a.current;
        else if (d.onlyInNew) out << ": new test";
        else if (d.statusChanged()) out << ": status " << d.baselineStatus << " -> " << d.newStatus;
        out << "\n";
        list(out, "appeared", d.appeared);
        list(out, "vanished", d.vanished);
        list(out, "FORBIDDEN", d.forbidden);
        changed = changed || !d.appeared.empty() || d.onlyInBaseline ||
                  (d.statusChanged() && d.newStatus != "ok");
    }
    out << same << " test(s) unchanged\n";
    if (forbidden) return ExitForbidden;
    return a.strict && changed ? ExitRegression : ExitOk;
}

}  // namespace memlit::cli
