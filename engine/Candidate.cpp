// What the enumerator hands its visitors (engine/BruteForce.hpp): the test of whether it
// can prune, and a candidate as a value that outlives the enumeration.
#include "engine/BruteForce.hpp"

#include "engine/Events.hpp"

namespace memlit::engine {

bool fixedShape(const EventGraph& g) {
    for (const auto& e : g.events)
        if (!e.guard.isConst() || (e.hasAddress() && !e.addr.isConst())) return false;
    return true;
}

Execution Candidate::execution() const {
    Execution x;
    for (std::size_t i : events) {
        const Event& e = test.graph.events[i];
        const std::int64_t value = e.isRead()    ? reads[i]
                                   : e.isWrite() ? evalTerm(e.value, reads, choices)
                                                 : 0;
        x.events.push_back(executionEvent(test, i, addresses[i], value));
    }
    x.base = exec;
    x.state = state;
    return x;
}

}  // namespace memlit::engine
