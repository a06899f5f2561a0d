#pragma once
/// Run reports: how `memlit run` prints a judged hardware run (litmus7's block per test, or
/// the whole run as one JSON document, docs/hardware.md), and reading that JSON back for
/// `memlit compare`.

#include "runner/Compare.hpp"
#include "runner/Coverage.hpp"
#include "runner/HostInfo.hpp"
#include "runner/Runner.hpp"

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace memlit::report {

/// What the JSON document records about the run as a whole.
struct RunSummary {
    runner::HostInfo host;
    std::string compiler, compilerVersion, compilerFlags;  // command, `--version` line, flags
    std::string model;                                      // --model, or "default"
    std::string targetName, targetArch, targetExecution;    // --target, if given
    std::uint64_t iterations = 0;
    double seconds = 0;
    double wallSeconds = 0;
    std::optional<runner::CoverageSummary> coverage;  // --coverage
};

/// litmus7's block for one test (`Test`, `Histogram`, `Ok`/`No`, `Witnesses`, `Condition`,
/// `Observation`, `Time`), with `!` on states the model forbids and the model's unseen states.
void printRunText(std::ostream& out, const runner::RunReport& report);

/// After a batch with --coverage: the allowed states seen, in total and by thread count, and
/// the families and states never seen.
void printCoverageText(std::ostream& out, const runner::CoverageSummary& coverage);

/// The whole run as one JSON document (indented, newline-terminated).
/// One test of a run as one JSON line (its object in printRunJson's `tests`, plus `index` and
/// `total`, its place in the run's inputs): `memlit run --output`, read back by --resume.
std::string runTestJsonLine(const runner::RunReport& r, std::size_t index, std::size_t total);
void printRunJson(std::ostream& out, const RunSummary& summary, const std::vector<runner::RunReport>& reports);

/// The tests of a `memlit run --json` document or an emitted results.json. Returns nullopt
/// with `error` set (the JSON reader's own message) when the text is not such a document.
std::optional<std::vector<runner::ResultTest>> readRunResults(std::istream& in, std::string& error);

}  // namespace memlit::report
