// Alloc in the event builder, on programs written directly in the IR: each Alloc op is a
// fresh zeroed object of its own, distinct from every other location, usable through the
// register that holds its address, and published like any other address; Free is an event on
// the object it points to.

#include "litmus/Parser.hpp"
#include "engine/BruteForce.hpp"
#include "engine/Events.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using litmus::Expr;
using K = Expr::Kind;

namespace {

litmus::LitmusTest skeleton(const std::string& condition) {
    Diagnostics d;
    auto t = litmus::parseLitmus("X86 alloc\n{ x=0; }\n P0 | P1 ;\n MFENCE | MFENCE ;\nexists (" + condition + ")\n",
                                 "alloc.litmus", d);
    REQUIRE(t);
    for (auto& th : t->threads) th.ops.clear();
    return *t;
}

litmus::Op at(litmus::OpKind k, int line) { return {std::move(k), SourceLoc{static_cast<std::uint32_t>(line), 1}}; }

/// Both engines under `model`; their states must agree.
std::vector<std::string> statesOf(const litmus::LitmusTest& t, const char* model) {
    const auto m = testing::model(model);
    Diagnostics d;
    testing::Z3Checker checker;
    auto z3 = checker.check(t, m, {}, d);
    auto brute = testing::bruteForce(t, m, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(z3);
    REQUIRE(brute);
    CHECK(testing::stateLines(*z3) == testing::stateLines(*brute));
    return testing::stateLines(*z3);
}

}  // namespace

TEST_CASE("Alloc: two allocations are two distinct zeroed objects", "[solver][alloc]") {
    auto t = skeleton("0:EAX=0 /\\ 0:EBX=0 /\\ 0:ECX=1 /\\ 0:EDX=0");
    auto& p0 = t.threads[0].ops;
    p0.push_back(at(litmus::Alloc{"a", 1, {}}, 3));
    p0.push_back(at(litmus::Alloc{"b", 2, {}}, 4));
    p0.push_back(at(litmus::Store{Expr::reg("a"), Expr::constant(1), {}, -1, 0}, 5));
    p0.push_back(at(litmus::Load{"EAX", Expr::reg("b"), {}, -1, 0}, 6));
    p0.push_back(at(litmus::Load{"EBX", Expr::binary(K::Add, Expr::reg("b"), Expr::constant(4)), {}, -1, 0}, 7));
    p0.push_back(at(litmus::Load{"ECX", Expr::reg("a"), {}, -1, 0}, 8));
    p0.push_back(at(litmus::Assign{"EDX", Expr::binary(K::Eq, Expr::reg("a"), Expr::reg("b"))}, 9));
    CHECK(statesOf(t, "sc") == std::vector<std::string>{"0:EAX=0; 0:EBX=0; 0:ECX=1; 0:EDX=0;"});
}

TEST_CASE("Alloc: an object published through a location is read through its address", "[solver][alloc]") {
    // P0: p := new; *p = 1; x = p.   P1: q := x; if q != 0 { EAX := *q }
    auto t = skeleton("1:EBX=0 /\\ 1:EAX=0");
    auto& p0 = t.threads[0].ops;
    p0.push_back(at(litmus::Alloc{"p", 1, {}}, 3));
    p0.push_back(at(litmus::Store{Expr::reg("p"), Expr::constant(1), {}, -1, 0}, 4));
    p0.push_back(at(litmus::Store{Expr::sym("x"), Expr::reg("p"), {}, -1, 0}, 5));
    auto& p1 = t.threads[1].ops;
    p1.push_back(at(litmus::Load{"q", Expr::sym("x"), {}, -1, 0}, 3));
    p1.push_back(at(litmus::Assign{"EBX", Expr::binary(K::Ne, Expr::reg("q"), Expr::constant(0))}, 3));
    p1.push_back(at(litmus::Assign{"EAX", Expr::constant(7)}, 3));
    p1.push_back(at(litmus::Branch{Expr::binary(K::Eq, Expr::reg("q"), Expr::constant(0)), "done", false}, 4));
    p1.push_back(at(litmus::Load{"EAX", Expr::reg("q"), {}, -1, 0}, 4));
    p1.push_back(at(litmus::Label{"done"}, 5));
    // Under SC (and TSO) a reader that sees the pointer sees the object's contents.
    const std::vector<std::string> sc{"1:EAX=1; 1:EBX=1;", "1:EAX=7; 1:EBX=0;"};
    CHECK(statesOf(t, "sc") == sc);
    CHECK(statesOf(t, "tso") == sc);
}

TEST_CASE("Alloc: Free is an event on the object, in loc with its accesses; a free of 0 is none", "[solver][alloc]") {
    auto t = skeleton("0:EAX=0");
    t.threads[0].ops.push_back(at(litmus::Alloc{"p", 1, {}}, 3));
    t.threads[0].ops.push_back(at(litmus::Store{Expr::reg("p"), Expr::constant(1), {}, -1, 0}, 4));
    t.threads[0].ops.push_back(at(litmus::Free{Expr::reg("p"), {}}, 5));
    t.threads[0].ops.push_back(at(litmus::Free{Expr::constant(0), {}}, 6));
    // P1 frees what it reads from x: only where that is not 0.
    t.threads[1].ops.push_back(at(litmus::Load{"q", Expr::sym("x"), {}, -1, 0}, 3));
    t.threads[1].ops.push_back(at(litmus::Free{Expr::reg("q"), {}}, 4));
    Diagnostics d;
    auto g = engine::buildEvents(t, d);
    REQUIRE(g);
    std::vector<const engine::Event*> frees;
    const engine::Event* store = nullptr;
    for (const auto& e : g->events) {
        if (e.kind == engine::EventKind::Free) frees.push_back(&e);
        if (e.kind == engine::EventKind::Write) store = &e;
    }
    REQUIRE(frees.size() == 2);
    REQUIRE(store);
    CHECK(frees[0]->addr == store->addr);
    CHECK(frees[0]->guard == engine::Term::constant(1));
    CHECK(frees[0]->hasAddress());
    CHECK_FALSE(frees[0]->isMemory());
    CHECK(g->mayAlias.contains(frees[0]->index, store->index));
    CHECK(g->mayAlias.contains(frees[1]->index, store->index));   // the address is read at run time
    CHECK(frees[1]->loc.line == 4);
    CHECK_FALSE(frees[1]->guard.isConst());
    CHECK(g->addr.contains(frees[1]->index - 1, frees[1]->index));  // the free depends on the read
}
