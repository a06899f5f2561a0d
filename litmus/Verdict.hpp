#pragma once
/// Verdict: a condition's outcome (herd's Ok / No) from how many outcomes satisfy its
/// proposition. The one place that decides exists, ~exists and forall, for the engines (over
/// allowed states) and for the hardware runner (over observed counts).

#include "litmus/LitmusTest.hpp"
#include "litmus/State.hpp"

#include <cstdint>
#include <vector>

namespace memlit::litmus {

/// `exists`: some outcome satisfies the proposition; `~exists`: none does; `forall`: all do.
bool conditionHolds(Condition::Quantifier q, std::uint64_t satisfying, std::uint64_t total);

/// The same over allowed final states, each state counted once.
bool conditionHolds(const Condition& c, const std::vector<Place>& places, const std::vector<State>& states);

}  // namespace memlit::litmus
