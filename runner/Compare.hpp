#pragma once
/// Compare: two hardware-run results (`memlit run --json` files) test by test: which final
/// states appeared or vanished, which observed states the model forbids, which tests stopped
/// running. The JSON reading lives in report/; this is the logic on plain values.

#include <cstdint>
#include <string>
#include <vector>

namespace memlit::runner {

struct ResultState {
    std::string state;  // "0:EAX=0; 1:EAX=0;"
    std::uint64_t count = 0;
    bool allowed = true;
};

struct ResultTest {
    std::string name;
    std::string status = "ok";
    std::vector<ResultState> states;  // observed, count > 0
};

struct TestDiff {
    std::string name;
    bool onlyInBaseline = false;
    bool onlyInNew = false;
    std::string baselineStatus, newStatus;
    std::vector<std::string> appeared;   // observed in new, not in baseline
    std::vector<std::string> vanished;   // observed in baseline, not in new
    std::vector<std::string> forbidden;  // observed in new and forbidden by the model

    bool statusChanged() const { return baselineStatus != newStatus; }
    bool empty() const {
        return !onlyInBaseline && !onlyInNew && !statusChanged() && appeared.empty() &&
               vanished.empty() && forbidden.empty();
    }
};

/// One entry per test of either side, in the new run's order, then tests only in the baseline.
std::vector<TestDiff> compareResults(const std::vector<ResultTest>& baseline,
                                     const std::vector<ResultTest>& current);

}  // namespace memlit::runner
