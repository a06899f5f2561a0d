#include "engine/CandidateValues.hpp"

#include "engine/Term.hpp"

#include <algorithm>
#include <functional>

namespace memlit::engine {

void collectReads(const Term& t, std::set<std::uint32_t>& out) {
    if (t.kind == Term::Kind::Read) out.insert(t.event);
    for (const auto& a : t.args) collectReads(a, out);
}

bool allKnown(const std::set<std::uint32_t>& reads, const std::vector<bool>& known) {
    return std::all_of(reads.begin(), reads.end(), [&](std::uint32_t d) { return known[d]; });
}

bool readValues(const EventGraph& g, const std::vector<std::size_t>& reads, const std::vector<int>& source,
                const std::vector<std::int64_t>& choices, std::vector<std::int64_t>& values) {
    values.assign(g.size(), 0);
    std::vector<int> state(g.size(), 0);  // 0 new, 1 in progress, 2 done
    std::function<bool(std::size_t)> valueOf = [&](std::size_t r) -> bool {
        if (state[r] == 2) return true;
        if (state[r] == 1) return false;
        state[r] = 1;
        const int w = source[r];
        if (w != kNoSource) {
            std::set<std::uint32_t> deps;
            collectReads(g.events[static_cast<std::size_t>(w)].value, deps);
            for (auto d : deps)
                if (!valueOf(d)) return false;
            values[r] = evalTerm(g.events[static_cast<std::size_t>(w)].value, values, choices);
        }
        state[r] = 2;
        return true;
    };
    return std::all_of(reads.begin(), reads.end(), valueOf);
}

bool valuesFeedEachOther(const std::vector<std::size_t>& order, std::size_t k, const std::vector<bool>& known,
                         const std::vector<int>& source, const std::vector<std::set<std::uint32_t>>& valueReads) {
    // A read waits when its source's value needs a read without a source yet, or one that waits.
    std::vector<char> chosen(known.size(), 0), waits(known.size(), 0);
    for (std::size_t j = 0; j < k; ++j) chosen[order[j]] = 1;
    for (bool progress = true; progress;) {
        progress = false;
        for (std::size_t j = 0; j < k; ++j) {
            const std::size_t r = order[j];
            if (known[r] || waits[r] || source[r] == kNoSource) continue;
            const auto& deps = valueReads[static_cast<std::size_t>(source[r])];
            if (std::any_of(deps.begin(), deps.end(), [&](std::uint32_t d) { return !chosen[d] || waits[d]; }))
                waits[r] = progress = true;
        }
    }
    for (std::size_t j = 0; j < k; ++j)
        if (!known[order[j]] && !waits[order[j]]) return true;
    return false;
}

std::vector<std::int64_t> CandidateEnd::finalValues() const {
    const EventGraph& g = test.graph;
    std::vector<std::int64_t> finals(g.locations.size(), 0);
    for (std::size_t i = 0; i < finals.size(); ++i) {
        auto it = last.find(g.address.at(g.locations[i]));
        if (it != last.end()) finals[i] = evalTerm(g.events[it->second].value, values, choices);
    }
    return finals;
}

std::vector<HaltSiteReport> CandidateEnd::haltedSites(const std::vector<std::int64_t>& finals) const {
    std::vector<HaltSiteReport> halted;
    for (const auto& h : test.graph.halts)
        if (h.kind != litmus::Halt::Kind::Unstarted && evalTerm(h.guard, values, choices, finals) != 0) {
            HaltSiteReport r{h.kind, siteAt(test.test, h.thread, h.loc), h.what};
            if (std::find(halted.begin(), halted.end(), r) == halted.end()) halted.push_back(r);
        }
    return halted;
}

litmus::State CandidateEnd::finalState(const std::vector<std::int64_t>& finals) const {
    const EventGraph& g = test.graph;
    litmus::State s;
    for (const auto& p : test.places) {
        const litmus::ValueType type = litmus::placeType(test.test, p);
        std::vector<std::int64_t> cells;
        if (p.isRegister()) {
            cells.push_back(litmus::normalize(type, evalTerm(g.registerTerm(p), values, choices, finals)));
        } else {
            for (const auto& cell : g.cellsOf(p)) {
                auto it = last.find(g.address.at(cell));
                std::int64_t v = it == last.end() ? 0 : evalTerm(g.events[it->second].value, values, choices);
                cells.push_back(litmus::normalize(type, v));
            }
        }
        s.values.push_back(g.observedValue(p, type, cells));
    }
    return s;
}

}  // namespace memlit::engine
