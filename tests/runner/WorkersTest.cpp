// Workers: a test with more threads than CPUs runs its threads' code in turn on pinned workers,
// with a full fence between two threads on one worker. These tests drive whole runs through
// `memlit run --json -` and judge every observed state by the model.

#include "cli/RunCommand.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace memlit;

namespace {

const std::string kX86Dir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/X86/";

nlohmann::json runJson(std::vector<std::string> args) {
    args.insert(args.end(), {"--json", "-"});
    std::ostringstream out, err;
    const int rc = cli::runCommand(args, out, err);
    INFO(err.str());
    REQUIRE(rc == 0);
    return nlohmann::json::parse(out.str());
}

}  // namespace

TEST_CASE("Workers: IRIW on two workers never shows the readers disagreeing", "[runner]") {
    // Without the fence between two threads' code on one worker, each reader would read its
    // co-worker's store from the shared store buffer and the TSO-forbidden state shows up in a
    // few runs per thousand.
    auto doc = runJson({kX86Dir + "IRIW.litmus", kX86Dir + "WRC.litmus", "--workers", "2", "--iterations", "200000"});
    REQUIRE(doc["tests"].size() == 2);
    for (const auto& t : doc["tests"]) {
        INFO(t["name"].get<std::string>());
        CHECK(t["status"] == "ok");
        CHECK(t["workers"].get<int>() <= 2);
        CHECK(t["workers"].get<int>() == std::min(2, t["cpus"].get<int>()));
        CHECK(t["verdict"]["forbidden"] == 0);
        std::uint64_t sum = 0;
        for (const auto& s : t["histogram"]) sum += s["count"].get<std::uint64_t>();
        CHECK(sum == 200000);
    }
}

TEST_CASE("Workers: on one worker the weak fixtures show only sequentially consistent states", "[runner]") {
    std::vector<std::string> args;
    for (const char* name : {"SB", "MP", "LB", "2+2W", "R", "S", "IRIW"}) args.push_back(kX86Dir + name + ".litmus");
    const std::size_t tests = args.size();
    args.insert(args.end(), {"--workers", "1", "--model", "sc", "--iterations", "20000"});
    auto doc = runJson(args);
    REQUIRE(doc["tests"].size() == tests);
    for (const auto& t : doc["tests"]) {
        INFO(t["name"].get<std::string>());
        CHECK(t["status"] == "ok");
        CHECK(t["workers"] == 1);
        CHECK(t["verdict"]["forbidden"] == 0);
    }
}

TEST_CASE("Workers: the text report says how the threads shared the CPUs", "[runner]") {
    std::ostringstream out, err;
    CHECK(cli::runCommand({kX86Dir + "IRIW.litmus", "--workers", "1", "--iterations", "1000"}, out, err) == 0);
    INFO(err.str());
    CHECK_THAT(out.str(), Catch::Contains(" 1 worker pinned, taking turns: each round deals the threads out anew, "
                                          "a full fence between two on one worker\n"));
}

TEST_CASE("Workers: --workers needs a whole number from 1", "[runner]") {
    for (const char* bad : {"0", "-1", "x", "1.5"}) {
        std::ostringstream out, err;
        CHECK(cli::runCommand({kX86Dir + "SB.litmus", "--workers", bad}, out, err) == 2);
        CHECK(err.str().find("--workers") != std::string::npos);
    }
}
