// FinalLoad and Halt in the solver, on programs written directly in the IR: a thread that
// blocks forever, one that panics, and the reports both engines give for them.

#include "litmus/Parser.hpp"
#include "engine/BruteForce.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using litmus::Expr;
using HK = litmus::Halt::Kind;
using K = Expr::Kind;

namespace {

/// A two-thread test over locations m and x whose threads' ops the caller writes.
litmus::LitmusTest skeleton(const std::string& condition) {
    Diagnostics d;
    auto t = litmus::parseLitmus("X86 halt\n{ m=0; x=0; }\n P0 | P1 ;\n MFENCE | MFENCE ;\nexists (" + condition + ")\n",
                                 "halt.litmus", d);
    REQUIRE(t);
    for (auto& th : t->threads) th.ops.clear();
    return *t;
}

litmus::Op at(litmus::OpKind k, int line) { return {std::move(k), SourceLoc{static_cast<std::uint32_t>(line), 1}}; }

/// `lock m` that may instead block forever: taken iff m is free when it runs, blocked iff m is
/// still held at the end. The lock is never released.
void lockForever(litmus::Thread& th, int line) {
    const std::string c = "c" + std::to_string(line), acquire = "acquire" + std::to_string(line);
    th.ops.push_back(at(litmus::Choice{c}, line));
    th.ops.push_back(at(litmus::Branch{Expr::binary(K::Eq, Expr::reg(c), Expr::constant(0)), acquire, true}, line));
    th.ops.push_back(at(litmus::FinalLoad{"held", Expr::sym("m")}, line));
    th.ops.push_back(at(litmus::Assume{Expr::binary(K::Ne, Expr::reg("held"), Expr::constant(0))}, line));
    th.ops.push_back(at(litmus::Halt{HK::Blocked, ""}, line));
    th.ops.push_back(at(litmus::Label{acquire}, line));
    th.ops.push_back(at(litmus::Load{"r", Expr::sym("m"), {}, 0, 0}, line));
    th.ops.push_back(at(litmus::Assume{Expr::binary(K::Eq, Expr::reg("r"), Expr::constant(0))}, line));
    th.ops.push_back(at(litmus::Store{Expr::sym("m"), Expr::constant(1), {}, 0, 0}, line));
    th.ops.push_back(at(litmus::Assign{"EAX", Expr::constant(1)}, line));
}

/// Both engines under sc; their states and reachable halt sites must agree.
engine::CheckResult checkBoth(const litmus::LitmusTest& t) {
    const auto m = testing::model("sc");
    Diagnostics d;
    testing::Z3Checker checker;
    auto z3 = checker.check(t, m, {}, d);
    auto brute = testing::bruteForce(t, m, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(z3);
    REQUIRE(brute);
    CHECK(testing::stateLines(*z3) == testing::stateLines(*brute));
    CHECK(testing::haltSites(*z3) == testing::haltSites(*brute));
    CHECK(z3->positive == brute->positive);
    CHECK(z3->negative == brute->negative);
    return *z3;
}

}  // namespace

TEST_CASE("Halt: two threads locking a mutex nobody releases: one takes it, the other blocks", "[solver][halt]") {
    auto t = skeleton("0:EAX=1");
    lockForever(t.threads[0], 10);
    lockForever(t.threads[1], 20);
    auto r = checkBoth(t);
    CHECK(r.states.empty());  // every execution has a thread blocked forever
    REQUIRE(r.halts.size() == 2);
    CHECK(r.halts[0].kind == HK::Blocked);
    REQUIRE(r.halts[0].sites.size() == 1);
    REQUIRE(r.halts[1].sites.size() == 1);
    CHECK(r.halts[0].sites[0].site.thread != r.halts[1].sites[0].site.thread);
    CHECK(r.positive + r.negative == 0);
}

TEST_CASE("Halt: a lone locker never blocks, since the mutex is free at the end only if it was never taken",
          "[solver][halt]") {
    auto t = skeleton("0:EAX=1");
    lockForever(t.threads[0], 10);
    auto r = checkBoth(t);
    CHECK(testing::stateLines(r) == std::vector<std::string>{"0:EAX=1;"});
    CHECK(r.halts.empty());
}

TEST_CASE("Halt: a panic ends the execution without a final state, and is reported where it is", "[solver][halt]") {
    auto t = skeleton("1:EAX=0");
    t.threads[0].ops.push_back(at(litmus::Store{Expr::sym("x"), Expr::constant(1), {}, -1, 0}, 5));
    auto& p1 = t.threads[1].ops;
    p1.push_back(at(litmus::Load{"EAX", Expr::sym("x"), {}, -1, 0}, 7));
    p1.push_back(at(litmus::Branch{Expr::binary(K::Eq, Expr::reg("EAX"), Expr::constant(0)), "fine", false}, 8));
    p1.push_back(at(litmus::Halt{HK::Panic, "saw x set"}, 8));
    p1.push_back(at(litmus::Label{"fine"}, 9));
    auto r = checkBoth(t);
    CHECK(testing::stateLines(r) == std::vector<std::string>{"1:EAX=0;"});
    REQUIRE(r.halts.size() == 1);
    CHECK(r.halts[0].kind == HK::Panic);
    REQUIRE(r.halts[0].sites.size() == 1);
    CHECK(r.halts[0].sites[0].site.thread == 1);
    CHECK(r.halts[0].sites[0].site.loc.line == 8);
    CHECK(r.halts[0].sites[0].what == "saw x set");
    CHECK(r.ok);
    CHECK(r.positive == 1);
    CHECK(r.negative == 0);
}

TEST_CASE("Halt: an Unstarted halt is silent and the thread's registers keep their initial values",
          "[solver][halt]") {
    auto t = skeleton("1:EAX=0");
    t.threads[0].ops.push_back(at(litmus::Store{Expr::sym("x"), Expr::constant(1), {}, -1, 0}, 5));
    auto& p1 = t.threads[1].ops;
    p1.push_back(at(litmus::Choice{"s"}, 6));
    p1.push_back(at(litmus::Branch{Expr::reg("s"), "start", true}, 6));
    p1.push_back(at(litmus::FinalLoad{"fx", Expr::sym("x")}, 6));
    p1.push_back(at(litmus::Assume{Expr::binary(K::Eq, Expr::reg("fx"), Expr::constant(0))}, 6));
    p1.push_back(at(litmus::Halt{HK::Unstarted, ""}, 6));
    p1.push_back(at(litmus::Label{"start"}, 6));
    p1.push_back(at(litmus::Assign{"EAX", Expr::constant(2)}, 7));
    auto r = checkBoth(t);
    // x is always 1 at the end, so P1 always starts.
    CHECK(testing::stateLines(r) == std::vector<std::string>{"1:EAX=2;"});
    CHECK(r.halts.empty());
}

TEST_CASE("Halt: an event may not depend on a final value", "[solver][halt]") {
    auto t = skeleton("1:EAX=0");
    auto& p1 = t.threads[1].ops;
    p1.push_back(at(litmus::FinalLoad{"fx", Expr::sym("x")}, 3));
    p1.push_back(at(litmus::Store{Expr::sym("m"), Expr::reg("fx"), {}, -1, 0}, 4));
    Diagnostics d;
    testing::Z3Checker checker;
    CHECK_FALSE(checker.check(t, testing::model("sc"), {}, d));
    REQUIRE(d.hasErrors());
    CHECK(Diagnostics::format(d.all()[0]) ==
          "halt.litmus:4:1: error: an event depends on a location's final value (only Assume and Halt may)");
}

TEST_CASE("Halt: a final value that only a halt's guard reads is still the final value", "[solver][halt]") {
    auto t = skeleton("1:EAX=0");
    auto& p0 = t.threads[0].ops;
    p0.push_back(at(litmus::FinalLoad{"f", Expr::sym("x")}, 3));
    p0.push_back(at(litmus::Branch{Expr::binary(K::Ne, Expr::reg("f"), Expr::constant(0)), "late", true}, 3));
    p0.push_back(at(litmus::Halt{HK::Blocked, ""}, 4));
    p0.push_back(at(litmus::Label{"late"}, 5));
    p0.push_back(at(litmus::Halt{HK::Panic, "x is set"}, 5));
    t.threads[1].ops.push_back(at(litmus::Store{Expr::sym("x"), Expr::constant(1), {}, -1, 0}, 7));
    auto r = checkBoth(t);  // x ends 1: P0 always panics, never blocks
    REQUIRE(r.halts.size() == 1);
    CHECK(r.halts[0].kind == HK::Panic);
    REQUIRE(r.halts[0].sites.size() == 1);
    CHECK(r.halts[0].sites[0].site.loc.line == 5);
}

TEST_CASE("Halt: a choice on a path not taken does not count its execution twice", "[solver][halt]") {
    auto t = skeleton("0:EAX=0");
    auto& p0 = t.threads[0].ops;
    p0.push_back(at(litmus::Load{"EAX", Expr::sym("x"), {}, -1, 0}, 3));
    p0.push_back(at(litmus::Branch{Expr::binary(K::Eq, Expr::reg("EAX"), Expr::constant(0)), "skip", false}, 3));
    p0.push_back(at(litmus::Choice{"c"}, 4));
    p0.push_back(at(litmus::Label{"skip"}, 5));
    t.threads[1].ops.push_back(at(litmus::Store{Expr::sym("x"), Expr::constant(1), {}, -1, 0}, 7));
    auto r = checkBoth(t);
    CHECK(r.positive == 1);  // EAX=0: the choice is not made
    CHECK(r.negative == 2);  // EAX=1: it is 0 or 1
}
