// The Z3 engine runs what herd's stock linux-kernel.cat needs on a test without lock events:
// `map` over a set nothing may be in, `with x from S` when S has one element (the rest of the
// model runs once, as the enumerator does), and different-values. Z3 and the enumerator agree;
// a `with` of several choices, or `map` over events that may exist, stays declined in Z3.

#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace memlit;

namespace {

cat::Model parsed(const std::string& text) { return testing::modelFromText(text, "s.cat"); }

}  // namespace

TEST_CASE("Z3: map over an empty may-set, a with of one choice and different-values, as the enumerator", "[engine]") {
    const cat::Model m = parsed(
        "let none = map (fun e -> {e}) (R & W)\n"
        "let one = none ++ 0\n"
        "with x from one\n"
        "acyclic po | rf | co | fr | x as sc\n"
        "flag ~empty different-values(rf) as dv-rf\n"
        "flag ~empty different-values(po & loc) as dv-po\n");
    for (const char* f : {"/tests/litmus/LKMM/MP+onces.litmus", "/tests/litmus/LKMM/Plain+coherence+ext.litmus",
                          "/tests/litmus/X86/SB.litmus"}) {
        INFO(f);
        const auto test = testing::parse(testing::sourceDir() + f);
        Diagnostics dz, de;
        auto z = testing::Z3Checker().check(test, m, {}, dz);
        auto e = testing::bruteForce(test, m, de);
        for (const auto& x : dz.all()) INFO(Diagnostics::format(x));
        REQUIRE(z);
        REQUIRE(e);
        CHECK(testing::stateLines(*z) == testing::stateLines(*e));
        CHECK(z->ok == e->ok);
        std::vector<std::string> fz = z->flags, fe = e->flags;
        std::sort(fz.begin(), fz.end());
        std::sort(fe.begin(), fe.end());
        CHECK(fz == fe);
    }
    Diagnostics d;
    const auto mp = testing::parse(testing::sourceDir() + "/tests/litmus/LKMM/MP+onces.litmus");
    CHECK_FALSE(testing::Z3Checker().check(mp, parsed("with x from {0, po}\nacyclic x as a\n"), {}, d));
    CHECK_FALSE(testing::Z3Checker().check(mp, parsed("let s = map (fun e -> {e}) W\nacyclic po as a\nempty s as b\n"), {}, d));
    CHECK(d.onlyUnsupported());
}
