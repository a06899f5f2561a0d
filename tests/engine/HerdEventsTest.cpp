// Tests whose events a herd model reads differently (engine/HerdEvents.hpp) are declined: a
// model that defines its own lock events (herd's lock.cat adds LKR, LKW, UL, LF, RL, RU to R,
// W or M itself) a test with memlit's lock events, which are already reads and writes; a model
// that calls different-values a test with srcu_read_unlock. A positioned `unsupported`, never
// an answer; other tests and other models are unaffected.

#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "engine/HerdEvents.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

using namespace memlit;

namespace {

cat::Model ownLocks() {
    Diagnostics d;
    auto m = cat::parseModel("let LF = LF | RL\nlet W = W | LKW\nacyclic po | rf | co | fr as sc\n", "own.cat", d);
    REQUIRE(m);
    return *m;
}

std::optional<engine::CheckResult> check(const std::string& fixture, const cat::Model& model, Diagnostics& d) {
    auto p = engine::prepare(testing::parse(testing::sourceDir() + "/tests/litmus/LKMM/" + fixture), d);
    REQUIRE(p);
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    engine::EngineSelector selector("auto", enumerator, [&z3]() -> engine::Engine& { return z3; });
    return selector.check(*p, model, {}, d);
}

}  // namespace

TEST_CASE("lock events: a model that adds them to R, W or M declines a test that has them", "[engine]") {
    const cat::Model own = ownLocks();
    CHECK(engine::ownLockEventsAt(own) == std::optional<std::string>("own.cat:2"));
    CHECK_FALSE(engine::ownLockEventsAt(testing::model("lkmm")));   // names LKR, never in R/W/M

    Diagnostics d;
    CHECK_FALSE(check("Lock+counter.litmus", own, d));
    REQUIRE(d.all().size() == 1);
    const std::string line = Diagnostics::format(d.all()[0]);
    INFO(line);
    CHECK(line.find("Lock+counter.litmus:7:2: error: unsupported feature: a lock event (LKR) under a model that "
                    "defines its own lock events (own.cat:2 adds them") != std::string::npos);
    CHECK(d.onlyUnsupported());

    Diagnostics ok;
    CHECK(check("Lock+counter.litmus", testing::model("lkmm"), ok));
    CHECK(check("RCU+plain.litmus", own, ok));   // no lock events
    CHECK(ok.all().empty());
}

TEST_CASE("SRCU events: a model that calls different-values declines a test with srcu_read_unlock", "[engine]") {
    Diagnostics d;
    auto dv = cat::parseModel("acyclic po | rf | co | fr as sc\nflag ~empty different-values(rf) as dv\n", "dv.cat", d);
    REQUIRE(dv);
    CHECK(engine::differentValuesAt(*dv) == std::optional<std::string>("dv.cat:2"));
    CHECK_FALSE(engine::differentValuesAt(testing::model("lkmm")));
    CHECK_FALSE(check("SRCU+misnest.litmus", *dv, d));
    REQUIRE(d.all().size() == 1);
    const std::string line = Diagnostics::format(d.all()[0]);
    INFO(line);
    CHECK(line.find("SRCU+misnest.litmus:9:2: error: unsupported feature: srcu_read_unlock under a model that "
                    "compares SRCU values with different-values (dv.cat:2;") != std::string::npos);
    Diagnostics ok;
    CHECK(check("SRCU+misnest.litmus", testing::model("lkmm"), ok));
    CHECK(check("RCU+plain.litmus", *dv, ok));
    CHECK(ok.all().empty());
}
