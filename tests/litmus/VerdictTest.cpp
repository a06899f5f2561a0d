// The condition's verdict from its satisfying outcomes, shared by the engines and the runner.

#include "litmus/Verdict.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using Q = litmus::Condition::Quantifier;

TEST_CASE("Verdict: exists needs one satisfying outcome, ~exists none, forall all", "[litmus][verdict]") {
    CHECK(litmus::conditionHolds(Q::Exists, 1, 4));
    CHECK_FALSE(litmus::conditionHolds(Q::Exists, 0, 4));
    CHECK(litmus::conditionHolds(Q::NotExists, 0, 4));
    CHECK_FALSE(litmus::conditionHolds(Q::NotExists, 1, 4));
    CHECK(litmus::conditionHolds(Q::Forall, 4, 4));
    CHECK_FALSE(litmus::conditionHolds(Q::Forall, 3, 4));
}

TEST_CASE("Verdict: over states, each allowed state counts once", "[litmus][verdict]") {
    litmus::Place eax;
    eax.thread = 0;
    eax.name = "EAX";
    litmus::Condition c;
    c.prop.kind = litmus::Prop::Kind::Atom;
    c.prop.place = eax;
    c.prop.value = litmus::Value::number(1);
    auto state = [](std::int64_t v) { return litmus::State{{litmus::Value::number(v)}}; };
    const std::vector<litmus::State> states = {state(0), state(1)};
    c.quantifier = Q::Exists;
    CHECK(litmus::conditionHolds(c, {eax}, states));
    c.quantifier = Q::Forall;
    CHECK_FALSE(litmus::conditionHolds(c, {eax}, states));
    CHECK(litmus::conditionHolds(c, {eax}, {state(1)}));
    c.quantifier = Q::NotExists;
    CHECK(litmus::conditionHolds(c, {eax}, {state(0)}));
    CHECK(litmus::conditionHolds(c, {eax}, {}));
}
