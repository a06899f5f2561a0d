// The concrete enumerator's size estimate, which decides when `--engine auto` enumerates.

#include "litmus/Parser.hpp"
#include "engine/PreparedTest.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

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
