// Per-test limits: the wall-clock budget (--timeout), --max-events and --max-memory, at the
// engines (a spent budget throws) and through the command line (the verdict Unknown (LIMIT)).

#include "cli/Cli.hpp"
#include "engine/Budget.hpp"
#include "engine/smt/ContextReaper.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

struct Run {
    int status;
    std::string out, err;
};

Run invoke(std::vector<std::string> args) {
    std::ostringstream out, err;
    int status = cli::run(args, out, err);
    return {status, out.str(), err.str()};
}

std::string fixture(const std::string& name) { return testing::sourceDir() + "/tests/litmus/X86/" + name; }

/// A test with so many candidate executions and final states that neither engine finishes it
/// in minutes: one thread stores 1 to 6 to x, two others read x six times each (C(12,6)^2
/// final states, 7^12 candidates).
std::string writeHugeTest(const std::filesystem::path& dir) {
    std::string text = "X86 Huge\n{ x=0; }\n P0 | P1 | P2 ;\n";
    int value = 0;
    std::string condition;  // names every register, so that each is observed
    for (const char* reg : {"EAX", "EBX", "ECX", "EDX", "ESI", "EDI"}) {
        text += " MOV [x],$" + std::to_string(++value) + " | MOV " + reg + ",[x] | MOV " + reg + ",[x] ;\n";
        condition += std::string(condition.empty() ? "" : " /\\ ") + "1:" + reg + "=1 /\\ 2:" + reg + "=1";
    }
    text += "exists (" + condition + ")\n";
    const auto path = dir / "Huge.litmus";
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST_CASE("Budget: a spent budget stops both engines", "[budget]") {
    const litmus::LitmusTest test = testing::parse(fixture("SB.litmus"));
    Diagnostics d;
    auto prepared = engine::prepare(test, d);
    REQUIRE(prepared);
    const cat::Model model = testing::model("tso");
    engine::CheckOptions spent;
    spent.budget = engine::Budget(engine::Budget::Clock::now(), 0);
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    auto kind = [](auto&& f) {
        try {
            f();
        } catch (const engine::BudgetExceeded& e) {
            return e.kind == engine::BudgetExceeded::Kind::Time ? 1 : 2;
        }
        return 0;
    };
    CHECK(kind([&] { (void)enumerator.check(*prepared, model, spent, d); }) == 1);
    CHECK(kind([&] { (void)z3.check(*prepared, model, spent, d); }) == 1);
    engine::CheckOptions tiny;
    tiny.budget = engine::Budget(std::nullopt, 1);  // one byte: always over
    CHECK(kind([&] { (void)z3.check(*prepared, model, tiny, d); }) == 2);
    // An unlimited budget changes nothing.
    auto fine = z3.check(*prepared, model, engine::CheckOptions{}, d);
    REQUIRE(fine);
    CHECK(fine->states.size() == 4);
    CHECK(engine::residentBytes() > 0);
}

TEST_CASE("Budget: a context cancelled at the deadline goes to the reaper; the next check gets a fresh one",
          "[budget]") {
    const auto dir = std::filesystem::temp_directory_path() / "memlit-budget-reaper";
    std::filesystem::create_directories(dir);
    Diagnostics d;
    const litmus::LitmusTest huge = testing::parse(writeHugeTest(dir));
    const litmus::LitmusTest sb = testing::parse(fixture("SB.litmus"));
    auto hugePrepared = engine::prepare(huge, d);
    auto sbPrepared = engine::prepare(sb, d);
    REQUIRE(hugePrepared);
    REQUIRE(sbPrepared);
    const cat::Model model = testing::model("tso");
    {
        engine::smt::ContextReaper reaper;
        engine::smt::Z3Engine z3(&reaper);
        for (int round = 0; round < 2; ++round) {  // twice: a second cancelled context queues up
            engine::CheckOptions soon;
            soon.maxExecutions = 0;
            soon.budget = engine::Budget(engine::Budget::Clock::now() + std::chrono::milliseconds(300), 0);
            CHECK_THROWS_AS(z3.check(*hugePrepared, model, soon, d), engine::BudgetExceeded);
            auto fine = z3.check(*sbPrepared, model, engine::CheckOptions{}, d);
            REQUIRE(fine);
            CHECK(fine->states.size() == 4);
        }
    }
    // The reaper's destructor waited for every context it was handed.
    CHECK_FALSE(engine::smt::Z3Engine::freeingContexts());
    std::filesystem::remove_all(dir);
}

TEST_CASE("Budget: --timeout is each test's wall-clock deadline: Unknown (timeout), exit 3", "[budget]") {
    const auto dir = std::filesystem::temp_directory_path() / "memlit-budget-test";
    std::filesystem::create_directories(dir);
    const std::string huge = writeHugeTest(dir);
    for (const char* engine : {"z3", "enumerate"}) {
        INFO(engine);
        auto r = invoke({"check", "--engine", engine, "--timeout", "0.5", "--max-executions", "0", huge,
                         fixture("SB.litmus")});
        CHECK(r.status == 3);
        CHECK(r.err == huge + ": error: the test took longer than --timeout 0.5 s; its verdict is Unknown (timeout)\n");
        CHECK(r.out.rfind("Test Huge Allowed\nUnknown (timeout)\nCondition exists (1:EAX=1 /\\ 2:EAX=1 /\\ ", 0) == 0);
        CHECK(r.out.find("Test SB Allowed\nStates 4\n") != std::string::npos);  // the next test is checked

        auto j = invoke({"check", "--json", "--engine", engine, "--timeout", "0.5", "--max-executions", "0", huge});
        CHECK(j.status == 3);
        auto obj = nlohmann::json::parse(j.out);
        CHECK(obj["status"] == "unknown");
        CHECK(obj["verdict"] == "Unknown (timeout)");
        CHECK(obj["limit"] == "timeout");
        CHECK(obj["name"] == "Huge");
        CHECK(obj["errors"].size() == 1);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("Budget: --max-events and --max-memory make a test Unknown with a clear message", "[budget]") {
    auto e = invoke({"check", "--max-events", "5", fixture("SB.litmus"), fixture("CoWW.litmus")});
    CHECK(e.status == 3);
    CHECK(e.err == fixture("SB.litmus") +
                       ": error: the test has 6 events, more than --max-events 5; its verdict is Unknown (max-events)\n");
    CHECK(e.out.rfind("Test SB Allowed\nUnknown (max-events)\n", 0) == 0);
    CHECK(e.out.find("Test CoWW") != std::string::npos);
    CHECK(invoke({"check", "--max-events", "6", fixture("SB.litmus")}).status == 0);

    auto m = invoke({"check", "--json", "--engine", "z3", "--max-memory", "1", fixture("SB.litmus")});
    CHECK(m.status == 3);
    CHECK(m.err == fixture("SB.litmus") +
                       ": error: memlit's memory use passed --max-memory 1 MB while checking the test; its "
                       "verdict is Unknown (memory)\n");
    CHECK(nlohmann::json::parse(m.out)["verdict"] == "Unknown (memory)");

    CHECK(invoke({"check", "--max-events", "many", fixture("SB.litmus")}).status == 2);
    CHECK(invoke({"check", "--max-memory", "-1", fixture("SB.litmus")}).status == 2);
    CHECK(invoke({"check", "--timeout", "-1", fixture("SB.litmus")}).status == 2);
}
