#pragma once
/// Coverage: over a batch of hardware runs, how many of the states the model allows were
/// observed at least once — in total, by thread count, and, for the states never seen, by
/// test family (the name up to its first `+`: SB, MP, 2+2W, Z6.4, ...).

#include "runner/Runner.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace memlit::runner {

struct CoverageCount {
    std::string key;             // "2 threads", or a family name
    std::size_t tests = 0;       // tests counted here
    std::size_t allowed = 0;     // states the model allows, summed over those tests
    std::size_t seen = 0;        // ... of which observed at least once
    bool operator==(const CoverageCount&) const = default;
};

struct UnseenState {
    std::string test;   // the test's name
    std::string state;  // herd's spelling of the state
    bool operator==(const UnseenState&) const = default;
};

struct CoverageSummary {
    CoverageCount total;                   // key "total"
    std::vector<CoverageCount> byThreads;  // ascending thread count
    std::vector<CoverageCount> unseenByFamily;  // families with an unseen state, by name
    std::vector<UnseenState> unseen;       // every allowed state never observed, in run order
    std::size_t notRun = 0;                // tests without a histogram (errors, unsupported)
};

/// The family of a test name: the part before the first `+`, with a leading count kept
/// (`2+2W+mfences` is `2+2W`, `SB+mfence+po` is `SB`).
std::string testFamily(const std::string& name);

/// Coverage of the runs that produced a histogram; the others are counted as not run.
CoverageSummary coverage(const std::vector<RunReport>& reports);

}  // namespace memlit::runner
