#include "litmus/Verdict.hpp"

#include <algorithm>

namespace memlit::litmus {

bool conditionHolds(Condition::Quantifier q, std::uint64_t satisfying, std::uint64_t total) {
    switch (q) {
    case Condition::Quantifier::Exists: return satisfying > 0;
    case Condition::Quantifier::NotExists: return satisfying == 0;
    case Condition::Quantifier::Forall: return satisfying == total;
    }
    return false;
}

bool conditionHolds(const Condition& c, const std::vector<Place>& places, const std::vector<State>& states) {
    const auto sat = std::count_if(states.begin(), states.end(),
                                   [&](const State& s) { return evalProp(c.prop, places, s); });
    return conditionHolds(c.quantifier, static_cast<std::uint64_t>(sat), states.size());
}

}  // namespace memlit::litmus
