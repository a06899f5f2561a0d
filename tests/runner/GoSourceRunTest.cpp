// memlit run on .go programs: what a run's output and stderr become (printed values, halt
// labels), how a halt is judged against the model's halts, and the example programs run on
// this machine: no outcome the model forbids, and Go's race detector fires on every racy one.

#include "cli/RunCommand.hpp"
#include "runner/GoGenerator.hpp"
#include "runner/GoHalts.hpp"
#include "runner/GoSourceRun.hpp"
#include "runner/Runner.hpp"
#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace memlit;

TEST_CASE("Go runs: printed integers and booleans are the values, string literals are skipped", "[runner][go]") {
    using V = std::vector<long long>;
    CHECK(runner::goPrintedValues("11\n") == V{11});
    CHECK(runner::goPrintedValues("1 0\ntrue false\n") == V{1, 0, 1, 0});
    CHECK(runner::goPrintedValues("x= -3, y=4\nsum: 7 (done)\n") == V{-3, 4, 7});
    CHECK(runner::goPrintedValues("").empty());
}

TEST_CASE("Go runs: Go's messages and the model's halt texts get the same label", "[runner][go]") {
    CHECK(runner::goHaltLabel("runtime error: invalid memory address or nil pointer dereference") == "panic: nil dereference");
    CHECK(runner::goRunHalt("panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: "
                            "segmentation violation]\n\ngoroutine 6 [running]:\n") == "panic: nil dereference");
    CHECK(runner::goRunHalt("fatal error: concurrent map writes\n\ngoroutine 7 [running]:\n") ==
          "panic: concurrent map writes");
    CHECK(runner::goHaltLabel("concurrent map writes") == "panic: concurrent map writes");
    CHECK(runner::goHaltLabel("runtime error: index out of range [2] with length 2") == "panic: index out of range");
    CHECK(runner::goRunHalt("panic: runtime error: index out of range [5] with length 2\n") == "panic: index out of range");
    CHECK(runner::goHaltLabel("runtime error: integer divide by zero") == "panic: integer divide by zero");
    CHECK(runner::goHaltLabel("panic: boom") == runner::goRunHalt("panic: boom\n\ngoroutine 1 [running]:\n"));
    CHECK(runner::goRunHalt("fatal error: all goroutines are asleep - deadlock!\n") == runner::kGoDeadlock);
    CHECK(runner::goHaltLabel("negative WaitGroup counter") == *runner::goRunHalt("panic: sync: negative WaitGroup counter\n"));
    CHECK_FALSE(runner::goRunHalt("exit status 1\n"));
}

TEST_CASE("Go runs: a halt is allowed when the model reaches it, FORBIDDEN when it does not", "[runner][go]") {
    Diagnostics d;
    auto t = litmus::parseLitmus("package main\nimport \"fmt\"\nfunc main() {\n\tfmt.Println(1)\n}\n", "p.go", d);
    REQUIRE(t);
    runner::HarnessRun run;
    run.iterations = 12;
    run.histogram = {{{{litmus::Value::number(1)}}, 10, ""}, {{}, 1, "panic: nil dereference"}, {{}, 1, "deadlock"}};
    runner::ModelVerdict verdict{"go", {litmus::State{{litmus::Value::number(1)}}}};
    verdict.halts = {"deadlock", "panic: index out of range"};
    const runner::RunReport r = runner::judge(*t, run, verdict);
    REQUIRE(r.observed.size() == 3);
    CHECK(r.observed[1].halt == "panic: nil dereference");
    CHECK_FALSE(r.observed[1].allowed);
    CHECK(r.observed[2].allowed);
    CHECK(r.forbiddenStates == 1);
    CHECK(r.positive + r.negative == 10);  // a halt has no final state to satisfy the condition
    REQUIRE(r.unseen.size() == 1);
    CHECK(r.unseen[0].halt == "panic: index out of range");
}

namespace {

bool goInstalled() {
    std::string error;
    return runner::goVersion("go", error).has_value();
}

}  // namespace

TEST_CASE("Go examples: memlit run observes no outcome the model forbids, and --race flags the racy ones",
          "[runner][go][examples]") {
    if (!goInstalled()) {
        WARN("go is not installed: the examples were not run");
        return;
    }
    const std::string src = MEMLIT_SOURCE_DIR;
    std::vector<std::string> examples;
    for (const auto& e : std::filesystem::directory_iterator(src + "/examples/go"))
        if (e.path().extension() == ".go") examples.push_back(e.path().string());
    std::sort(examples.begin(), examples.end());
    REQUIRE(examples.size() >= 5);
    for (const auto& f : examples) {
        // The reviewed golden says whether the model flags a data race.
        std::ifstream golden(src + "/tests/litmus/goprog/examples/" + std::filesystem::path(f).stem().string() + ".expected");
        std::stringstream g;
        g << golden.rdbuf();
        const bool racy = g.str().find("\nflag data-race\n") != std::string::npos;
        // A racy one runs once, with --race: its outputs are judged as well.
        std::vector<std::string> args = {f, "--iterations", "20", "--json", "-"};
        if (racy) args.push_back("--race");
        {
            DYNAMIC_SECTION(f << (racy ? " --race" : "")) {
                std::ostringstream out, err;
                const int rc = cli::runCommand(args, out, err);
                INFO(err.str());
                CHECK(rc == 0);
                auto doc = nlohmann::json::parse(out.str());
                REQUIRE(doc["tests"].size() == 1);
                const auto& t = doc["tests"][0];
                CHECK(t["status"] == "ok");
                CHECK(t["verdict"]["forbidden"] == 0);
                std::uint64_t total = 0;
                for (const auto& row : t["histogram"]) total += row["count"].get<std::uint64_t>();
                CHECK(total == t["iterations"].get<std::uint64_t>());
                if (racy) CHECK(t["raceDetector"]["fired"] == true);
            }
        }
    }
}
