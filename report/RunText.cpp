#include "report/Report.hpp"
#include "report/RunReport.hpp"
#include "litmus/Architecture.hpp"

#include <cstdio>

namespace memlit::report {

namespace {

/// The lines after litmus7's block: threads and pinning, the model's summary, unseen states
/// and, with --race, the race detector against the model.
void printRunNotes(std::ostream& out, const runner::RunReport& r) {
    const litmus::Architecture* arch = litmus::findArchitecture(r.arch);
    if (arch && arch->id == litmus::ArchId::Go)
        out << "Goroutines " << r.threads << " on " << r.cpus << " CPUs, "
            << (r.pinned ? "each worker locked to its own thread and CPU" : "scheduled by the Go runtime") << "\n";
    else if (r.workers > 0 && r.workers < r.threads)
        out << "Threads " << r.threads << " on " << r.cpus << " CPUs, " << r.workers
            << (r.workers == 1 ? " worker" : " workers") << (r.pinned ? " pinned" : "")
            << ", taking turns: each round deals the threads out anew, a full fence between two on one worker\n";
    else
        out << "Threads " << r.threads << " on " << r.cpus << " CPUs, " << (r.pinned ? "pinned" : "not pinned") << "\n";
    if (r.execution != "hardware")
        out << "Execution " << r.execution << ": the host's memory ordering, not the target's\n";
    const std::size_t seen = r.observed.size() - r.forbiddenStates - r.unjudgedStates - r.undefinedStates;
    out << "Model " << r.model << ": " << r.unseen.size() + seen << " allowed states, " << seen << " observed";
    if (r.forbiddenStates > 0) out << "; " << r.forbiddenStates << " FORBIDDEN state(s) observed";
    if (r.unjudgedStates > 0)
        out << "; " << r.unjudgedStates << " state(s) beyond the unrolling bound, not judged (raise it with --unroll)";
    if (r.undefinedStates > 0) out << "; " << r.undefinedStates << " state(s) outside the model, not judged";
    out << "\n";
    if (!r.undefinedBy.empty())
        out << "Undef " << r.model << " flags " << r.undefinedBy
            << ": the program has a data race, so a state outside the model's is not judged\n";
    for (const auto& row : r.unseen) {
        char bound[32];
        std::snprintf(bound, sizeof bound, "%.3g", r.iterations ? 3.0 / static_cast<double>(r.iterations) : 1.0);
        out << "Unseen " << (row.halt.empty() ? litmus::formatState(r.places, row.state) : "halt " + row.halt) << " runs " << r.iterations
            << ", per-run probability < " << bound << " (95%)\n";
    }
    if (r.raceDetected) {
        out << "Race detector " << (*r.raceDetected ? "fired" : "silent") << "; model " << r.model << ": "
            << (r.modelRace ? (*r.modelRace ? "data-race" : "race-free") : "unknown") << "\n";
        if (r.raceDisagreement())
            out << "Race DISAGREEMENT: "
                << (*r.raceDetected ? "Go's race detector fired on a program the model calls race-free"
                                    : "the model flags a data race Go's race detector did not see in "
                                      "these runs")
                << "\n";
    }
}

}  // namespace

void printRunText(std::ostream& out, const runner::RunReport& r) {
    out << "Test " << r.name << " " << conditionKind(r.condition) << "\n";
    out << "Histogram (" << r.observed.size() << " states)\n";
    for (const auto& row : r.observed) {
        char count[32];
        std::snprintf(count, sizeof count, "%-6llu", static_cast<unsigned long long>(row.count));
        out << count << " " << (row.satisfies ? "*>" : ":>") << " "
            << (row.halt.empty() ? litmus::formatState(r.places, row.state) : "halt " + row.halt);
        if (row.beyondBound) out << "  ? beyond the unrolling bound, not judged";
        else if (row.undefined) out << "  ? outside the model of a racy program, not judged";
        else if (!row.allowed) out << "  ! forbidden by " << r.model;
        out << "\n";
    }
    out << (r.ok ? "Ok" : "No") << "\n\nWitnesses\n";
    out << "Positive: " << r.positive << ", Negative: " << r.negative << "\n";
    out << "Condition " << r.condition.text << " is " << (r.ok ? "" : "NOT ") << "validated\n";
    out << "Observation " << r.name << " " << r.observation() << " " << r.positive << " "
        << r.negative << "\n";
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
    out << "Time " << r.name << " " << secs << "\n";
    printRunNotes(out, r);
    out << "\n";
}

namespace {

std::string percent(std::size_t seen, std::size_t allowed) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", allowed == 0 ? 100.0 : 100.0 * static_cast<double>(seen) / static_cast<double>(allowed));
    return buf;
}

void printCount(std::ostream& out, const char* lead, const runner::CoverageCount& c) {
    out << lead << c.key << ": " << c.seen << " of " << c.allowed << " allowed states seen ("
        << percent(c.seen, c.allowed) << ") in " << c.tests << (c.tests == 1 ? " test" : " tests") << "\n";
}

}  // namespace

void printCoverageText(std::ostream& out, const runner::CoverageSummary& c) {
    printCount(out, "Coverage ", c.total);
    if (c.notRun > 0) out << "Coverage not run: " << c.notRun << (c.notRun == 1 ? " test" : " tests") << "\n";
    for (const auto& t : c.byThreads) printCount(out, "Coverage ", t);
    for (const auto& f : c.unseenByFamily) printCount(out, "Unseen family ", f);
    for (const auto& u : c.unseen) out << "Unseen " << u.test << " " << u.state << "\n";
}

}  // namespace memlit::report
