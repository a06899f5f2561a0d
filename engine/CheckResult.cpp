#include "engine/CheckResult.hpp"

#include "engine/PreparedTest.hpp"

#include <algorithm>

namespace memlit::engine {

EventSite siteAt(const litmus::LitmusTest& test, int thread, SourceLoc loc) {
    EventSite s{thread, loc, {}};
    if (thread >= 0 && static_cast<std::size_t>(thread) < test.raw.size())
        for (const auto& r : test.raw[static_cast<std::size_t>(thread)])
            if (r.loc == loc) s.text = r.text;
    return s;
}

void keepShownPlaces(const PreparedTest& test, CheckResult& r) {
    if (r.places.size() <= test.shown) return;
    r.places.resize(test.shown);
    for (auto& s : r.states) s = litmus::shownPart(s, test.shown);
    r.states.erase(std::unique(r.states.begin(), r.states.end()), r.states.end());
    for (auto& f : r.flagPairs)
        if (f.witness) f.witness = litmus::shownPart(*f.witness, test.shown);
}

HaltOutcome haltOutcome(std::vector<HaltSiteReport> sites) {
    using HK = litmus::Halt::Kind;
    std::sort(sites.begin(), sites.end());
    auto has = [&](HK k) {
        return std::any_of(sites.begin(), sites.end(), [&](const HaltSiteReport& s) { return s.kind == k; });
    };
    return {has(HK::Panic) ? HK::Panic : has(HK::Cut) ? HK::Cut : HK::Blocked, std::move(sites)};
}

}  // namespace memlit::engine
