#include "engine/PreparedTest.hpp"

#include "engine/MixedSize.hpp"
#include "litmus/State.hpp"

#include <map>

namespace memlit::engine {

std::optional<PreparedTest> prepare(litmus::LitmusTest test, Diagnostics& diags) {
    auto graph = buildEvents(test, diags);
    if (!graph || !checkMixedSize(test, *graph, diags)) return std::nullopt;
    PreparedTest p{std::move(test), std::move(*graph), {}, 0, 0};
    p.places = litmus::evaluatedPlaces(p.test);
    p.shown = litmus::observedPlaces(p.test).size();
    p.candidates = candidateCount(p.graph);
    return p;
}

std::uint64_t candidateCount(const EventGraph& g) {
    const std::uint64_t kMax = UINT64_MAX;
    std::uint64_t n = 1;
    auto times = [&](std::uint64_t k) { n = (k != 0 && n > kMax / k) ? kMax : n * k; };
    std::map<std::int64_t, std::uint64_t> writesAt;  // statically known address -> writes
    for (std::size_t r = 0; r < g.size(); ++r) {
        const Event& e = g.events[r];
        if (e.kind == EventKind::Write) {
            // A write whose address is not a constant may go anywhere: count it everywhere.
            if (e.addr.isConst()) ++writesAt[e.addr.value];
            else for (const auto& [name, a] : g.address) ++writesAt[a];
        }
        if (!e.isRead()) continue;
        std::uint64_t sources = e.guard.isConst() ? 0 : 1;
        for (std::size_t w = 0; w < g.size(); ++w)
            if (g.events[w].isWrite() && g.mayAlias.contains(w, r)) ++sources;
        times(sources);
    }
    for (const auto& [a, k] : writesAt)
        for (std::uint64_t i = 2; i <= k; ++i) times(i);
    for (std::uint32_t c = 0; c < g.choices; ++c) times(2);
    return n;
}

}  // namespace memlit::engine
