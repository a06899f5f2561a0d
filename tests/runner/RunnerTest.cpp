#include "runner/Runner.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <numeric>

using namespace memlit;
using memlit::testing::makeTest;

namespace {

runner::RunOptions quick() {
    runner::RunOptions o;
    o.iterations = 2000;
    o.seconds = 0;
    o.timeout = 30;
    return o;
}

std::uint64_t total(const runner::RunReport& r) {
    return std::accumulate(r.observed.begin(), r.observed.end(), std::uint64_t{0},
                           [](std::uint64_t s, const runner::StateRow& row) { return s + row.count; });
}

/// What x86-TSO allows for MP: every state but the message-passing violation.
std::vector<litmus::State> mpAllowed() {
    return {testing::state({0, 0}), testing::state({0, 1}), testing::state({1, 1})};
}

}  // namespace

TEST_CASE("Runner: SB runs on the hardware and its histogram sums to the runs", "[runner]") {
    auto r = runner::runTest(testing::makeSB(), {"tso", testing::allFourStates()}, quick());
    REQUIRE(r.status == runner::RunStatus::Ok);
    CHECK(r.iterations == 2000);
    CHECK(total(r) == 2000);
    CHECK(r.positive + r.negative == 2000);
    CHECK(r.forbiddenStates == 0);
    CHECK(r.threads == 2);
    CHECK(r.observed.size() + r.unseen.size() == 4);
}

TEST_CASE("Runner: MP never shows the TSO-forbidden state", "[runner]") {
    auto r = runner::runTest(testing::makeMP(), {"tso", mpAllowed()}, quick());
    REQUIRE(r.status == runner::RunStatus::Ok);
    CHECK(total(r) == 2000);
    CHECK(r.forbiddenStates == 0);
    CHECK(r.positive == 0);
    CHECK_FALSE(r.ok);
    CHECK(r.observation() == "Never");
}

TEST_CASE("Runner: a state outside the model's set is marked forbidden", "[runner]") {
    // Pretend the model allows nothing but (1,1): whatever SB shows first is then forbidden.
    auto r = runner::runTest(testing::makeSB(), {"strict", {testing::state({1, 1})}}, quick());
    REQUIRE(r.status == runner::RunStatus::Ok);
    std::size_t marked = 0;
    for (const auto& row : r.observed) marked += row.allowed ? 0 : 1;
    CHECK(marked == r.forbiddenStates);
    CHECK(r.forbiddenStates >= 1);
}

TEST_CASE("Runner: four threads on fewer CPUs share pinned workers (one per CPU)", "[runner]") {
    auto t = makeTest("X86", "IRIW",
                      {{"MOV [x],$1"}, {"MOV EAX,[x]", "MOV EBX,[y]"}, {"MOV EAX,[y]", "MOV EBX,[x]"},
                       {"MOV [y],$1"}},
                      testing::conj(testing::atom(1, "EAX", 1), testing::atom(2, "EAX", 1)), "");
    auto r = runner::runTest(t, {"tso", {}}, quick());
    REQUIRE(r.status == runner::RunStatus::Ok);
    CHECK(total(r) == 2000);
    CHECK(r.threads == 4);
    CHECK(r.pinned);
    CHECK(r.workers == std::min(4, r.cpus));
}

TEST_CASE("Runner: a register holding an address reads back as the location's name", "[runner]") {
    auto t = makeTest("X86", "PTR", {{"MOV [x],$7", "MOV EAX,[EBX]"}},
                      testing::conj(testing::atom(0, "EAX", 7), testing::atom(0, "EBX", 0)), "");
    t.init.push_back({{0, "EBX"}, litmus::Value::address("x"), "", {}});
    t.condition.prop.args[1].value = litmus::Value::address("x");
    auto r = runner::runTest(t, {"tso", {}}, quick());
    REQUIRE(r.status == runner::RunStatus::Ok);
    REQUIRE(r.observed.size() == 1);
    CHECK(litmus::formatState(r.places, r.observed[0].state) == "0:EAX=7; 0:EBX=x;");
    CHECK(r.observed[0].satisfies);
}

TEST_CASE("Runner: failures are reported and carry a status", "[runner]") {
    auto options = quick();
    SECTION("compiler missing") {
        options.cxx = "/nonexistent/g++";
        auto r = runner::runTest(testing::makeSB(), {"tso", {}}, options);
        CHECK(r.status == runner::RunStatus::CompilerMissing);
        CHECK(r.message == "cannot run the compiler: /nonexistent/g++: No such file or directory");
    }
    SECTION("compile failure") {
        auto t = makeTest("X86", "BAD", {{"FROB [x]"}}, testing::atom(-1, "x", 0), "");
        auto r = runner::runTest(t, {"tso", {}}, options);
        CHECK(r.status == runner::RunStatus::CompileFailed);
        CHECK_THAT(r.message, Catch::Contains("frobl"));
    }
    SECTION("harness crash") {
        auto t = makeTest("X86", "CRASH", {{"MOV EAX,[EBX]"}}, testing::atom(0, "EAX", 0), "");
        auto r = runner::runTest(t, {"tso", {}}, options);
        CHECK(r.status == runner::RunStatus::Crashed);
        CHECK(r.message == "the harness was killed by signal 11 (Segmentation fault)");
    }
    SECTION("harness hang killed by the timeout") {
        auto t = makeTest("X86", "HANG", {{"LC00:", "JMP LC00"}}, testing::atom(0, "EAX", 0), "");
        options.timeout = 0.3;
        auto r = runner::runTest(t, {"tso", {}}, options);
        CHECK(r.status == runner::RunStatus::TimedOut);
        CHECK_THAT(r.message, Catch::StartsWith("the harness timed out after"));
    }
    SECTION("an architecture without a generator") {
        auto t = makeTest("MIPS", "MP", {{"li r1,1"}}, testing::atom(0, "r1", 0), "");
        auto r = runner::runTest(t, {"mips", {}}, options);
        CHECK(r.status == runner::RunStatus::Unsupported);
        CHECK(r.message == "no hardware harness for architecture MIPS");
    }
}

TEST_CASE("Runner: the harness protocol is parsed, pointers included", "[runner]") {
    std::vector<litmus::Place> places{{0, "EAX"}, {0, "EBX"}};
    std::string error;
    auto r = runner::parseHarnessOutput("memlit-harness 1\nthreads 1 cpus 2 pinned 1\niterations 5\n"
                                        "seconds 0.5\nstate 3 1 @x\nstate 2 0 @x\nend\n",
                                        places, error);
    REQUIRE(r);
    CHECK(r->iterations == 5);
    CHECK(r->pinned);
    REQUIRE(r->histogram.size() == 2);
    CHECK(r->histogram[0].count == 2);  // herd order: 0 before 1
    CHECK(r->histogram[0].state.values[1] == litmus::Value::address("x"));
    CHECK_FALSE(runner::parseHarnessOutput("memlit-harness 1\nstate 3 1\n", places, error));
    CHECK(error == "unreadable harness output at line 2: 'state 3 1'");
}
