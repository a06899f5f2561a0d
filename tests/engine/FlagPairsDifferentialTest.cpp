// The enumerator reports flags as the Z3 engine does: which flags fire, and for a flag over a
// relation (a data race) the same pairs of source sites, on the C11, LKMM and Go fixtures.

#include "tests/engine/Fixtures.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace memlit;

namespace {

struct FlagSuite {
    const char* dir;
    const char* model;
};
const FlagSuite kFlagSuites[] = {{"C11", "rc11"}, {"LKMM", "lkmm"}, {"go", "go"}};

std::vector<std::string> pairSites(const engine::CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.flagPairs)
        out.push_back(p.flag + " P" + std::to_string(p.a.thread) + ":" + p.a.text + " / P" +
                      std::to_string(p.b.thread) + ":" + p.b.text);
    return out;
}

}  // namespace

TEST_CASE("Differential: the enumerator's flags and flagged pairs equal the Z3 engine's", "[differential][flags]") {
    testing::Z3Checker checker;
    std::size_t withPairs = 0;
    for (const auto& suite : kFlagSuites) {
        cat::Model m = testing::model(suite.model);
        for (const auto& f : testing::fixtures(suite.dir)) {
            INFO(suite.model << " " << f);
            litmus::LitmusTest t = testing::parse(f);
            Diagnostics d1, d2;
            auto prepared = engine::prepare(t, d2);
            CHECK(prepared);
            if (!prepared || prepared->candidates > 200000) continue;   // too slow to enumerate unpruned
            auto z = checker.check(t, m, {}, d1);
            auto b = testing::bruteForce(t, m, d2);
            CHECK(z);
            CHECK(b);
            if (!z || !b) continue;
            CHECK(testing::stateLines(*z) == testing::stateLines(*b));
            CHECK(z->flags == b->flags);
            CHECK(pairSites(*z) == pairSites(*b));
            for (std::size_t i = 0; i < z->flagPairs.size() && i < b->flagPairs.size(); ++i)
                CHECK(z->flagPairs[i].witness.has_value() == b->flagPairs[i].witness.has_value());
            if (!b->flagPairs.empty()) ++withPairs;
        }
    }
    CHECK(withPairs >= 1);   // some fixture races, so the comparison is not vacuous
}
