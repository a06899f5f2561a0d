#pragma once
/// CandidateValues: what a candidate's read sources make of its values, for the enumerator
/// (engine/BruteForce.cpp): the value of every read, a choice of sources whose values feed
/// each other (thin air), and, with the coherence-last write of each location, the final
/// values, the final state and the halt sites reached.

#include "engine/CheckResult.hpp"
#include "engine/Events.hpp"
#include "engine/PreparedTest.hpp"
#include "litmus/State.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace memlit::engine {

/// A read's source: the index of a write, or none (kNoSource).
constexpr int kNoSource = -1;

/// The reads a term mentions, added to `out`.
void collectReads(const Term& t, std::set<std::uint32_t>& out);

/// Whether every read of `reads` is marked in `known`.
bool allKnown(const std::set<std::uint32_t>& reads, const std::vector<bool>& known);

/// Every read's value (per graph event, into `values`) from its source's value; a read with
/// no source reads 0. False when some reads feed each other's values (no unique value).
bool readValues(const EventGraph& g, const std::vector<std::size_t>& reads, const std::vector<int>& source,
                const std::vector<std::int64_t>& choices, std::vector<std::int64_t>& values);

/// Whether, among the first k reads of `order` (each given a source), some whose values are
/// not known feed each other: their sources' values need, through other such reads, only
/// reads of that prefix, so no later choice gives them a value. `valueReads`: per event, the
/// reads its value term mentions.
bool valuesFeedEachOther(const std::vector<std::size_t>& order, std::size_t k, const std::vector<bool>& known,
                         const std::vector<int>& source, const std::vector<std::set<std::uint32_t>>& valueReads);

/// The values and sources of one candidate, and `last`, the coherence-last write of each
/// address.
struct CandidateEnd {
    const PreparedTest& test;
    const std::vector<std::int64_t>& values;
    const std::vector<std::int64_t>& choices;
    const std::map<std::int64_t, std::size_t>& last;

    /// Per location of the graph (g.locations), its final value.
    std::vector<std::int64_t> finalValues() const;
    /// The halt sites the candidate reaches, without repeats.
    std::vector<HaltSiteReport> haltedSites(const std::vector<std::int64_t>& finals) const;
    /// Its final state over the test's places.
    litmus::State finalState(const std::vector<std::int64_t>& finals) const;
};

}  // namespace memlit::engine
