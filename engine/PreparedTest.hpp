#pragma once
/// PreparedTest: one litmus test made ready for the engines. Its event graph, observed places
/// and candidate count are built once, and whichever engine runs (or both) reads them.

#include "engine/Events.hpp"
#include "litmus/LitmusTest.hpp"
#include "support/Diagnostics.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace memlit::engine {

struct PreparedTest {
    litmus::LitmusTest test;
    EventGraph graph;
    /// evaluatedPlaces(test): the columns of every state an engine computes; the first `shown`
    /// are observedPlaces(test), the rest only the filter reads (keepShownPlaces drops them).
    std::vector<litmus::Place> places;
    std::size_t shown = 0;
    /// Candidate executions the enumerator tries (read sources x coherence orders x choices),
    /// saturating at UINT64_MAX: what `--engine auto` decides by.
    std::uint64_t candidates = 0;
};

/// Builds the event graph; nullopt with diagnostics when the test cannot be unrolled.
std::optional<PreparedTest> prepare(litmus::LitmusTest test, Diagnostics& diags);

/// The candidate count of a graph (PreparedTest::candidates).
std::uint64_t candidateCount(const EventGraph& g);

}  // namespace memlit::engine
