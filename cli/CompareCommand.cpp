#include "cli/CompareCommand.hpp"

#include "cli/Cli.hpp"
#include "runner/Compare.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>

namespace memlit::cli {

namespace {

const char* const kCompareUsage =
    "usage: memlit compare BASELINE.json NEW.json [--strict]\n"
    "\n"
    "Compares two `memlit run --json` (or emitted results.json) files test by test.\n"
    "exit status: 1 when NEW shows a state the model forbids, or with --strict any state\n"
    "             not in BASELINE or a test that no longer runs; 2 usage or unreadable input\n";

std::optional<std::vector<runner::ResultTest>> readResults(const std::string& path, std::ostream& err) {
    std::ifstream in(path);
    if (!in) {
        err << "memlit compare: error: cannot read " << path << "\n";
        return std::nullopt;
    }
    try {
        auto doc = nlohmann::json::parse(in);
        std::vector<runner::ResultTest> tests;
        for (const auto& t : doc.at("tests")) {
            runner::ResultTest r;
            r.name = t.at("name").get<std::string>();
            r.status = t.value("status", std::string("ok"));
            if (t.contains("histogram"))
                for (const auto& s : t.at("histogram"))
                    r.states.push_back({s.at("state").get<std::string>(),
                                        s.at("count").get<std::uint64_t>(), s.value("allowed", true)});
            tests.push_back(std::move(r));
        }
        return tests;
    } catch (const nlohmann::json::exception& e) {
        err << "memlit compare: error: " << path << ": not a memlit run result: " << e.what() << "\n";
        return std::nullopt;
    }
}

void list(std::ostream& out, const char* what, const std::vector<std::string>& states) {
    for (const auto& s : states) out << "  " << what << " " << s << "\n";
}

}  // namespace

int compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> files;
    bool strict = false;
    for (const auto& a : args) {
        if (a == "--help" || a == "-h") {
            out << kCompareUsage;
            return ExitOk;
        }
        if (a == "--strict") strict = true;
        else if (a.rfind("--", 0) == 0) {
            err << "memlit compare: error: unknown option " << a << "\n" << kCompareUsage;
            return ExitUsage;
        } else files.push_back(a);
    }
    if (files.size() != 2) {
        err << "memlit compare: error: expected two result files\n" << kCompareUsage;
        return ExitUsage;
    }
    auto base = readResults(files[0], err);
    auto cur = readResults(files[1], err);
    if (!base || !cur) return ExitUsage;

    bool forbidden = false, changed = false;
    std::size_t same = 0;
    for (const auto& d : runner::compareResults(*base, *cur)) {
        forbidden = forbidden || !d.forbidden.empty();
        if (d.empty()) {
            ++same;
            continue;
        }
        out << "Test " << d.name;
        if (d.onlyInBaseline) out << ": missing from " << files[1];
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
    if (forbidden) return 1;
    return strict && changed ? 1 : ExitOk;
}

}  // namespace memlit::cli
