#pragma once
/// The result of checking one test under one model, whichever engine computed it: the allowed
/// final states, the verdict, witness counts, the flags that fire with their event pairs, and
/// the executions that halt instead of ending.

#include "engine/Budget.hpp"
#include "litmus/LitmusTest.hpp"
#include "litmus/State.hpp"
#include "support/Diagnostics.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlit::engine {

/// What a check may spend (the counting limits are the Z3 engine's: the enumerator counts
/// exactly; the budget binds both) and which axioms it ignores (both engines).
struct CheckOptions {
    /// Count executions (herd's Positive/Negative) up to this many; 0 turns counting off.
    std::uint64_t maxExecutions = 100000;
    /// ... and for at most this many seconds (0: no limit). States are listed exactly anyway.
    double countSeconds = 5.0;
    /// The test's wall-clock deadline and memory ceiling: past either, the engine throws
    /// BudgetExceeded (engine/Budget.hpp); Z3 calls get the time that remains.
    Budget budget;
    /// Axioms (by their `as` name) that do not constrain the executions, as herd's -skipchecks.
    std::vector<std::string> skipChecks;
};

/// Where an event of a flagged pair comes from: its goroutine/thread, source position and the
/// source text of its instruction (empty when the front end kept none).
struct EventSite {
    int thread = -1;
    SourceLoc loc;
    std::string text;
    bool operator==(const EventSite&) const = default;
    auto operator<=>(const EventSite&) const = default;
};

/// Two events the relation of a firing flag relates in some allowed execution (for
/// `flag ~empty race as data-race`: the two racing accesses), `a` before `b` in site order.
struct FlagPair {
    std::string flag;
    EventSite a, b;
    /// The final state of an allowed execution that relates them; nullopt when every such
    /// execution halts (blocks, panics or is cut) before its end.
    std::optional<litmus::State> witness;
    bool operator==(const FlagPair&) const = default;
};

/// A place where a thread stops for good in some allowed execution (litmus::Halt).
struct HaltSiteReport {
    litmus::Halt::Kind kind = litmus::Halt::Kind::Blocked;
    EventSite site;
    std::string what;  // why, when the site's text does not say it ("close of closed channel")
    bool operator==(const HaltSiteReport&) const = default;
    auto operator<=>(const HaltSiteReport&) const = default;
};

/// An allowed execution that never reaches a final state, by the halt sites it reaches:
/// Panic if one of them panics, else Cut if a loop ran out of rounds, else Blocked (every
/// thread has ended or waits forever: a deadlock).
struct HaltOutcome {
    litmus::Halt::Kind kind = litmus::Halt::Kind::Blocked;
    std::vector<HaltSiteReport> sites;  // sorted
    bool operator==(const HaltOutcome&) const = default;
};

struct CheckResult {
    std::vector<litmus::Place> places;   // observed places, the columns of every state
    std::vector<litmus::State> states;   // allowed final states, in herd's order
    bool ok = false;                     // the condition's verdict (herd's Ok / No)
    std::uint64_t positive = 0;          // executions satisfying the condition's proposition
    std::uint64_t negative = 0;          // executions not satisfying it
    bool countsExact = true;             // false when counting stopped at maxExecutions
    std::vector<std::string> flags;      // names of cat `flag` checks that fire in some execution
    std::vector<std::string> declaredFlags;  // names of every `flag` check of the model
    std::vector<FlagPair> flagPairs;     // per firing flag over a relation: its possible pairs
    /// Executions that halt instead of ending, at least one per reachable halt site; their
    /// states are not in `states` and they are not counted as witnesses.
    std::vector<HaltOutcome> halts;
    bool unknown = false;                // the solver gave up (timeout): states may be incomplete
};

/// Cuts `r`'s places and states (and flag witnesses) to the places `test` prints, its first
/// `test.shown` columns, merging states that differed only in places the filter alone reads.
/// Both engines call it last: their states stay in herd's order, a prefix of a sorted order.
struct PreparedTest;
void keepShownPlaces(const PreparedTest& test, CheckResult& r);

/// The site of thread `thread`'s statement at `loc`, with its source text.
EventSite siteAt(const litmus::LitmusTest& test, int thread, SourceLoc loc);
/// The outcome of an execution reaching `sites`, classified as HaltOutcome says.
HaltOutcome haltOutcome(std::vector<HaltSiteReport> sites);

}  // namespace memlit::engine
