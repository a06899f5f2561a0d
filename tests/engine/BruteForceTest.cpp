// The concrete enumerator's size estimate, which decides when `--engine auto` enumerates, and
// the bounds that end an enumeration.

#include "litmus/Parser.hpp"
#include "engine/BruteForce.hpp"
#include "engine/PreparedTest.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace memlit;

namespace {
std::uint64_t count(const std::string& name) {
    Diagnostics d;
    auto t = litmus::loadLitmus(testing::sourceDir() + "/tests/litmus/X86/" + name, d);
    REQUIRE(t);
    auto prepared = engine::prepare(*t, d);
    REQUIRE(prepared);
    return prepared->candidates;
}
}  // namespace

TEST_CASE("BruteForce: candidate count multiplies read sources and coherence orders", "[solver]") {
    CHECK(count("SB.litmus") == 4);       // two reads, each: initial value or the other store
    CHECK(count("2+2W.litmus") == 4);     // no reads; two orders of the two writes per location
    CHECK(count("CoWW.litmus") == 2);     // one location, two writes
    CHECK(count("IRIW.litmus") == 16);    // four reads with two sources each
    CHECK(count("MP+ctrl.litmus") == 6);  // the guarded read may also not happen: 2 x 3
}

TEST_CASE("BruteForce: a values-dependent enumeration ends at its bound on choices of read sources, "
          "and when its budget is spent", "[solver]") {
    Diagnostics d;
    auto t = litmus::loadLitmus(testing::sourceDir() + "/tests/litmus/X86/MP+ctrl.litmus", d);
    REQUIRE(t);
    auto p = engine::prepare(*t, d);
    REQUIRE(p);
    REQUIRE_FALSE(engine::fixedShape(p->graph));
    const auto visit = [](const engine::Candidate&) { return true; };
    REQUIRE(engine::forEachCandidate(*p, 100, d, visit));   // unbounded: every choice made
    CHECK_FALSE(d.hasErrors());
    engine::EnumerationBounds one;
    one.maxSourceChoices = 1;
    CHECK_FALSE(engine::forEachCandidate(*p, 100, d, visit, {}, {}, one));
    REQUIRE(d.hasErrors());
    CHECK(d.all().back().message == "brute force: more than 1 choices of read sources");
    const engine::Budget spent(engine::Budget::Clock::now() - std::chrono::seconds(1), 0);
    int visited = 0;
    CHECK_THROWS_AS(engine::forEachCandidate(*p, 100, d, [&](const engine::Candidate&) { return ++visited > 0; },
                                             {}, {}, {&spent}),
                    engine::BudgetExceeded);
    CHECK(visited == 0);   // before the first candidate
}
