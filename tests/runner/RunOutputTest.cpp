// Where `memlit run` writes: an unwritable --json file is found before anything runs, the JSON
// file is a whole document after every finished test.

#include "cli/RunCommand.hpp"
#include "runner/Process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

const std::string kSB = std::string(MEMLIT_SOURCE_DIR) + "/examples/SB.litmus";

}  // namespace

TEST_CASE("run command: an unwritable --json file is an error before any test runs", "[runner]") {
    std::ostringstream out, err;
    CHECK(cli::runCommand({kSB, "--iterations", "100", "--json", "/nonexistent-memlit-dir/run.json"}, out, err) == 2);
    CHECK(err.str() == "memlit run: error: cannot write /nonexistent-memlit-dir/run.json\n");
    CHECK_THAT(out.str(), !Catch::Contains("Test SB"));  // nothing ran
}

TEST_CASE("run command: the --json file holds every finished test and no partial file is left", "[runner]") {
    std::string error;
    auto dir = runner::TempDir::create("memlit-json-", error);
    REQUIRE(dir);
    const std::string json = dir->path() + "/run.json";
    std::ostringstream out, err;
    CHECK(cli::runCommand({kSB, kSB, "--iterations", "100", "--json", json}, out, err) == 0);
    INFO(err.str());
    std::ifstream in(json);
    auto doc = nlohmann::json::parse(in);
    CHECK(doc["tests"].size() == 2);
    CHECK_FALSE(std::filesystem::exists(json + ".part"));
    CHECK_THAT(out.str(), Catch::Contains("Observation SB "));  // text output stays on with a file
}
