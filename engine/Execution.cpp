#include "engine/Execution.hpp"

#include "engine/CheckResult.hpp"
#include "engine/PreparedTest.hpp"

namespace memlit::engine {

Relation Execution::relation(std::string_view name) const {
    if (const Relation* r = base.rels.find(name)) return *r;
    return Relation(events.size());
}

std::optional<std::size_t> Execution::indexOf(EventId id) const {
    for (std::size_t i = 0; i < events.size(); ++i)
        if (events[i].id == id) return i;
    return std::nullopt;
}

std::vector<EventId> Execution::ids(const std::vector<EventIndex>& indices) const {
    std::vector<EventId> out;
    for (auto i : indices) {
        MEMLIT_ASSERT(i < events.size(), "event index outside the execution");
        out.push_back(events[i].id);
    }
    return out;
}

EventId eventId(const EventGraph& g, std::size_t i) {
    const Event& e = g.events.at(i);
    if (e.thread >= 0) return {e.thread, e.poIndex};
    // Initial writes come first in the graph, one per location: their rank is their index.
    std::uint32_t rank = 0;
    for (std::size_t k = 0; k < i; ++k)
        if (g.events[k].thread < 0) ++rank;
    return {-1, rank};
}

ExecutionEvent executionEvent(const PreparedTest& p, std::size_t i, std::int64_t address, std::int64_t value) {
    const Event& e = p.graph.events.at(i);
    ExecutionEvent x;
    x.id = eventId(p.graph, i);
    x.kind = e.kind;
    if (e.hasAddress()) x.location = p.graph.locationAt(address).value_or(std::to_string(address));
    if (e.isMemory()) x.value = value;
    x.tags = e.tags;
    x.file = p.test.file;
    x.loc = e.loc;
    x.text = siteAt(p.test, e.thread, e.loc).text;
    return x;
}

}  // namespace memlit::engine
