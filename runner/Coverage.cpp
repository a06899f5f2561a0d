#include "runner/Coverage.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace memlit::runner {

std::string testFamily(const std::string& name) {
    const std::size_t plus = name.find('+');
    if (plus == std::string::npos) return name;
    const std::string first = name.substr(0, plus);
    const bool count = !first.empty() && std::all_of(first.begin(), first.end(),
                                                     [](unsigned char c) { return std::isdigit(c); });
    if (!count) return first;
    const std::size_t next = name.find('+', plus + 1);
    return name.substr(0, next);
}

CoverageSummary coverage(const std::vector<RunReport>& reports) {
    CoverageSummary s;
    s.total.key = "total";
    std::map<int, CoverageCount> threads;
    std::map<std::string, CoverageCount> families;
    for (const auto& r : reports) {
        if (r.status != RunStatus::Ok) {
            ++s.notRun;
            continue;
        }
        const std::size_t seen = static_cast<std::size_t>(
            std::count_if(r.observed.begin(), r.observed.end(), [](const StateRow& row) { return row.allowed; }));
        const std::size_t allowed = seen + r.unseen.size();
        CoverageCount& byThread = threads[r.threads];
        byThread.key = std::to_string(r.threads) + (r.threads == 1 ? " thread" : " threads");
        for (CoverageCount* c : {&s.total, &byThread}) {
            ++c->tests;
            c->allowed += allowed;
            c->seen += seen;
        }
        if (r.unseen.empty()) continue;
        CoverageCount& family = families[testFamily(r.name)];
        family.key = testFamily(r.name);
        ++family.tests;
        family.allowed += allowed;
        family.seen += seen;
        for (const auto& row : r.unseen) s.unseen.push_back({r.name, litmus::formatState(r.places, row.state)});
    }
    for (auto& [n, c] : threads) s.byThreads.push_back(c);
    for (auto& [n, c] : families) s.unseenByFamily.push_back(c);
    return s;
}

}  // namespace memlit::runner
