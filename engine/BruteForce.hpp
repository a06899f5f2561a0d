#pragma once
/// BruteForce: the reference enumerator. Lists every candidate execution of a small test
/// (each read's source, each coherence order), evaluates the cat model concretely on it, and
/// collects states and witness counts. Exponential: for small tests (`--engine auto` picks it
/// below a candidate count), differential tests against the Z3 encoding, and explaining
/// single executions.

#include "engine/Budget.hpp"
#include "engine/CheckResult.hpp"
#include "engine/ConcreteExecution.hpp"
#include "engine/Engine.hpp"
#include "engine/Execution.hpp"
#include "engine/PreparedTest.hpp"
#include "support/Diagnostics.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlit::cat {
struct Model;
}

namespace memlit::engine {

/// One candidate execution that satisfies the program's assumptions and the test's filter,
/// as the enumerator holds it while the visitor runs.
struct Candidate {
    const PreparedTest& test;
    const ConcreteExecution& exec;            // over the executed events, numbered densely
    const std::vector<std::size_t>& events;   // per dense index: the graph event
    const std::vector<std::int64_t>& reads;   // per graph event: the value a read returns
    const std::vector<std::int64_t>& choices; // per Choice term: 0 or 1
    const std::vector<std::int64_t>& addresses;  // per graph event: the address it accesses
    const litmus::State& state;               // its final state
    const std::vector<HaltSiteReport>& halted;   // the halt sites it reaches (empty: it ends)
    /// Whether the reads forEachCandidate was asked to defer are left without a source.
    bool deferred = false;

    /// The candidate as a value that outlives the enumeration.
    Execution execution() const;
};

/// Returns false to stop the enumeration.
using CandidateVisitor = std::function<bool(const Candidate&)>;

/// Whether a partial candidate — every event and address fixed, rf and co holding only some
/// of their pairs — may still complete to one the visitor wants; false skips every completion.
using PartialCheck = std::function<bool(const ConcreteExecution&)>;

/// The partial checks of an enumeration. `allEvents` sees partial candidates that hold every
/// event (a fixed-shape test, or a values-dependent one with its read sources chosen);
/// `someEvents` sees, while a values-dependent test's read sources are chosen, the events
/// whose guard and address are known so far, the sources chosen among them and the initial
/// writes first in co, and may only reject what every larger execution fails too
/// (persistentChecks with someEvents).
struct PartialChecks {
    PartialCheck allEvents;
    PartialCheck someEvents;
    PartialChecks() = default;
    PartialChecks(PartialCheck all, PartialCheck some = {}) : allEvents(std::move(all)), someEvents(std::move(some)) {}
};

/// What else ends an enumeration: a budget (BudgetExceeded), and at most this many choices of
/// read sources, partial or complete, in a values-dependent enumeration (then false, with an
/// error).
struct EnumerationBounds {
    const Budget* budget = nullptr;
    std::uint64_t maxSourceChoices = UINT64_MAX;
};

/// Whether no event's guard or address depends on a value read: then forEachCandidate
/// can prune partial candidates.
bool fixedShape(const EventGraph& g);

/// Calls `visit` on every candidate. False when the visitor stopped it, or past
/// `maxCandidates` candidates (with an error). With `partial.allEvents`, and when no event's
/// guard or address depends on a value read, the coherence orders are built write by write
/// and the read sources read by read, and a partial candidate it rejects is not completed:
/// the visitor then sees only the candidates whose every partial candidate it accepted. A
/// test of values-dependent shape has its read sources chosen read by read, each prefix
/// checked by `partial.someEvents` (and by the assumptions its known values decide), then
/// its coherence orders built write by write, checked by `partial.allEvents`.
/// In that pruned enumeration the reads marked in `deferred` (per graph event; see
/// unobservedReads, engine/Counting.hpp) get no source: the visitor counts their choices.
/// `bounds` are checked at every choice of read sources of a values-dependent test, partial
/// or complete, most of which may be rejected before any candidate is built.
bool forEachCandidate(const PreparedTest& test, std::uint64_t maxCandidates, Diagnostics& diags,
                      const CandidateVisitor& visit, const PartialChecks& partial = {},
                      const std::vector<bool>& deferred = {}, const EnumerationBounds& bounds = {});

/// An axiom that forbids one candidate: its name and a cycle of its relation, by event id
/// (empty when the axiom is not a cycle check).
struct Violation {
    std::string axiom;
    std::vector<EventId> cycle;
    bool operator==(const Violation&) const = default;
};

/// The enumerator as an Engine. It lists states and counts exactly: CheckOptions' limits
/// (maxExecutions, countSeconds) are the Z3 engine's; skipChecks and the budget apply.
class BruteForceEngine final : public Engine {
public:
    /// Gives up (nullopt and an error) past `maxCandidates` candidate executions. With
    /// `prune`, check() skips the completions of a partial candidate that an axiom whose
    /// failure persists (persistentChecks) already forbids.
    /// `maxPartial` bounds check()'s evaluations of partial candidates the same way.
    /// With `factor` (and `prune`), check() counts the reads nothing observes in bulk
    /// (engine/Counting.hpp) where the model allows it. `maxSourceChoices`: as in
    /// EnumerationBounds, for check().
    explicit BruteForceEngine(std::uint64_t maxCandidates = 2000000, bool prune = true,
                              std::uint64_t maxPartial = UINT64_MAX, bool factor = true,
                              std::uint64_t maxSourceChoices = UINT64_MAX)
        : maxCandidates_(maxCandidates), prune_(prune), maxPartial_(maxPartial), factor_(factor),
          maxSourceChoices_(maxSourceChoices) {}

    std::optional<CheckResult> check(const PreparedTest& test, const cat::Model& model,
                                     const CheckOptions& options, Diagnostics& diags) override;
    std::optional<Execution> witness(const PreparedTest& test, const cat::Model& model,
                                     const litmus::State& state, const std::vector<std::string>& axiomsToIgnore,
                                     Diagnostics& diags) override;
    std::optional<std::vector<std::string>> violatedAxioms(const PreparedTest& test, const cat::Model& model,
                                                           const litmus::State& state,
                                                           Diagnostics& diags) override;

    /// For every candidate that ends in `state` and that the model forbids: its first failing
    /// axiom and that axiom's cycle, without repeats, in enumeration order. Empty when some
    /// candidate ending in `state` is allowed (or none ends in it); nullopt on an error.
    std::optional<std::vector<Violation>> violations(const PreparedTest& test, const cat::Model& model,
                                                     const litmus::State& state, Diagnostics& diags);

private:
    std::uint64_t maxCandidates_;
    bool prune_;
    std::uint64_t maxPartial_;
    bool factor_;
    std::uint64_t maxSourceChoices_;
    /// violations(), also giving every axiom's name in model order.
    std::optional<std::vector<Violation>> violations(const PreparedTest& test, const cat::Model& model,
                                                     const litmus::State& state, Diagnostics& diags,
                                                     std::vector<std::string>& axioms);
};

}  // namespace memlit::engine
