// The Engine interface on SB under SC, through both engines: witnesses as Execution values
// whose cycles map back to source lines, the axioms that forbid a state, skipped axioms.

#include "cat/Interpreter.hpp"
#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "engine/ConcreteDomain.hpp"
#include "engine/Engine.hpp"
#include "engine/PreparedTest.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <tuple>

using namespace memlit;

namespace {

std::string sbPath() { return testing::sourceDir() + "/tests/litmus/X86/SB.litmus"; }

engine::PreparedTest prepared(const std::string& path) {
    Diagnostics d;
    auto p = engine::prepare(testing::parse(path), d);
    REQUIRE(p);
    return *p;
}

/// SB's state with `0:EAX=a; 1:EAX=b;`.
litmus::State sbState(std::int64_t a, std::int64_t b) {
    return {{litmus::Value::number(a), litmus::Value::number(b)}};
}

/// The cycle of the axiom `name` of `model`, evaluated concretely on `x`, as events.
std::vector<engine::ExecutionEvent> axiomCycle(const cat::Model& model, const engine::Execution& x,
                                               const std::string& name) {
    engine::ConcreteDomain domain(x.base);
    Diagnostics d;
    auto checks = cat::interpret(model, domain, d);
    REQUIRE(checks);
    auto it = std::find_if(checks->begin(), checks->end(), [&](const auto& c) { return c.name == name; });
    REQUIRE(it != checks->end());
    REQUIRE(it->rel);
    auto cycle = it->rel->findCycle();
    REQUIRE(cycle);
    std::vector<engine::ExecutionEvent> out;
    for (auto i : *cycle) out.push_back(x.events.at(i));
    return out;
}

/// Thread, line, column and text of each event, sorted.
std::vector<std::tuple<int, std::uint32_t, std::uint32_t, std::string>> sites(
    const std::vector<engine::ExecutionEvent>& events) {
    std::vector<std::tuple<int, std::uint32_t, std::uint32_t, std::string>> out;
    for (const auto& e : events) out.emplace_back(e.id.thread, e.loc.line, e.loc.col, e.text);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("Engine: SB's witness with the sc axiom masked has an sc cycle through its four instructions",
          "[engine][witness]") {
    const auto p = prepared(sbPath());
    const cat::Model sc = testing::model("sc");
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    for (engine::Engine* e : {static_cast<engine::Engine*>(&enumerator), static_cast<engine::Engine*>(&z3)}) {
        DYNAMIC_SECTION((e == &z3 ? "z3" : "enumerator")) {
            Diagnostics d;
            auto x = e->witness(p, sc, sbState(0, 0), {"sc"}, d);
            REQUIRE_FALSE(d.hasErrors());
            REQUIRE(x);
            CHECK(x->state == sbState(0, 0));
            const auto cycle = axiomCycle(sc, *x, "sc");
            CHECK(cycle.size() == 4);
            std::set<engine::EventId> ids;
            for (const auto& ev : cycle) {
                CHECK(ev.file == sbPath());
                ids.insert(ev.id);
            }
            CHECK(ids == std::set<engine::EventId>{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
            using Site = std::tuple<int, std::uint32_t, std::uint32_t, std::string>;
            CHECK(sites(cycle) == std::vector<Site>{{0, 5, 2, "MOV [x],$1"},
                                                    {0, 6, 2, "MOV EAX,[y]"},
                                                    {1, 5, 16, "MOV [y],$1"},
                                                    {1, 6, 16, "MOV EAX,[x]"}});
        }
    }
}

TEST_CASE("Engine: without masking, SB's both-zero state has no SC witness on either engine",
          "[engine][witness]") {
    const auto p = prepared(sbPath());
    const cat::Model sc = testing::model("sc");
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    Diagnostics d;
    CHECK_FALSE(enumerator.witness(p, sc, sbState(0, 0), {}, d));
    CHECK_FALSE(z3.witness(p, sc, sbState(0, 0), {}, d));
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("Engine: both engines give the same witness for an allowed state with one execution",
          "[engine][witness]") {
    const auto p = prepared(sbPath());
    const cat::Model sc = testing::model("sc");
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    Diagnostics d;
    auto a = enumerator.witness(p, sc, sbState(1, 1), {}, d);
    auto b = z3.witness(p, sc, sbState(1, 1), {}, d);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->state == sbState(1, 1));
    CHECK(a->events == b->events);
    CHECK(a->events.size() == 6);  // two initial writes and the four instructions
    CHECK(a->rf() == b->rf());
    CHECK(a->co() == b->co());
    for (const char* r : {"po", "loc", "int", "ext", "id"}) {
        INFO(r);
        CHECK(a->relation(r) == b->relation(r));
    }
    // Each read reads the other thread's write: 1 on both sides.
    for (const auto& e : a->events)
        if (e.kind == engine::EventKind::Read) CHECK(e.value == 1);
    const auto w = a->indexOf({1, 0});  // P1's write to y
    const auto r = a->indexOf({0, 1});  // P0's read of y
    REQUIRE(w);
    REQUIRE(r);
    CHECK(a->events[*w].location == "y");
    CHECK(a->rf().contains(*w, *r));
    CHECK(a->ids({*w, *r}) == std::vector<engine::EventId>{{1, 0}, {0, 1}});
}

TEST_CASE("Engine: the sc axiom is the one that forbids SB's both-zero state", "[engine][axioms]") {
    const auto p = prepared(sbPath());
    const cat::Model sc = testing::model("sc");
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    Diagnostics d;
    CHECK(enumerator.violatedAxioms(p, sc, sbState(0, 0), d) == std::vector<std::string>{"sc"});
    CHECK(z3.violatedAxioms(p, sc, sbState(0, 0), d) == std::vector<std::string>{"sc"});
    CHECK(enumerator.violatedAxioms(p, sc, sbState(0, 1), d) == std::vector<std::string>{});
    CHECK(z3.violatedAxioms(p, sc, sbState(0, 1), d) == std::vector<std::string>{});
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("Engine: the enumerator's violation names the failing axiom and its cycle by event id",
          "[engine][axioms]") {
    const auto p = prepared(sbPath());
    engine::BruteForceEngine enumerator;
    Diagnostics d;
    auto v = enumerator.violations(p, testing::model("sc"), sbState(0, 0), d);
    REQUIRE(v);
    REQUIRE(v->size() == 1);  // one candidate ends in both zeros
    CHECK((*v)[0].axiom == "sc");
    std::set<engine::EventId> ids((*v)[0].cycle.begin(), (*v)[0].cycle.end());
    CHECK(ids == std::set<engine::EventId>{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    CHECK((*v)[0].cycle.size() == 4);
}

TEST_CASE("Engine: skipChecks with the sc axiom makes SB's both-zero state allowed on both engines",
          "[engine][skipchecks]") {
    const auto p = prepared(sbPath());
    const cat::Model sc = testing::model("sc");
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    engine::CheckOptions skip;
    skip.skipChecks = {"sc"};
    Diagnostics d;
    auto plain = z3.check(p, sc, {}, d);
    auto a = enumerator.check(p, sc, skip, d);
    auto b = z3.check(p, sc, skip, d);
    REQUIRE(plain);
    REQUIRE(a);
    REQUIRE(b);
    CHECK_FALSE(plain->ok);
    CHECK(testing::stateLines(*a) == std::vector<std::string>{"0:EAX=0; 1:EAX=0;", "0:EAX=0; 1:EAX=1;",
                                                              "0:EAX=1; 1:EAX=0;", "0:EAX=1; 1:EAX=1;"});
    CHECK(testing::stateLines(*b) == testing::stateLines(*a));
    CHECK(a->ok);
    CHECK(b->ok);
    CHECK(a->positive == 1);
    CHECK(b->positive == 1);
}
