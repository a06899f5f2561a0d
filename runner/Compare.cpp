#include "runner/Compare.hpp"

#include <algorithm>

namespace memlit::runner {

namespace {

const ResultTest* find(const std::vector<ResultTest>& v, const std::string& name) {
    auto it = std::find_if(v.begin(), v.end(), [&](const ResultTest& t) { return t.name == name; });
    return it == v.end() ? nullptr : &*it;
}

bool has(const ResultTest& t, const std::string& state) {
    return std::any_of(t.states.begin(), t.states.end(),
                       [&](const ResultState& s) { return s.state == state && s.count > 0; });
}

}  // namespace

std::vector<TestDiff> compareResults(const std::vector<ResultTest>& baseline,
                                     const std::vector<ResultTest>& current) {
    std::vector<TestDiff> out;
    for (const auto& cur : current) {
        TestDiff d;
        d.name = cur.name;
        d.newStatus = cur.status;
        for (const auto& s : cur.states)
            if (s.count > 0 && !s.allowed) d.forbidden.push_back(s.state);
        const ResultTest* base = find(baseline, cur.name);
        if (!base) {
            d.onlyInNew = true;
            d.baselineStatus = d.newStatus;
        } else {
            d.baselineStatus = base->status;
            for (const auto& s : cur.states)
                if (s.count > 0 && !has(*base, s.state)) d.appeared.push_back(s.state);
            // A test that did not run says nothing about vanished states.
            if (cur.status == "ok")
                for (const auto& s : base->states)
                    if (s.count > 0 && !has(cur, s.state)) d.vanished.push_back(s.state);
        }
        out.push_back(std::move(d));
    }
    for (const auto& base : baseline) {
        if (find(current, base.name)) continue;
        TestDiff d;
        d.name = base.name;
        d.onlyInBaseline = true;
        d.baselineStatus = base.status;
        d.newStatus = "missing";
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace memlit::runner
