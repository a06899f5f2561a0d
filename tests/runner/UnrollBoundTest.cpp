// A state the model did not reach because it cut a loop at the unrolling bound is "beyond the
// bound, not judged", never forbidden: in the judged report, its text, its JSON and compare.

#include "cli/RunCommand.hpp"
#include "report/RunReport.hpp"
#include "runner/Compare.hpp"
#include "runner/GoGenerator.hpp"
#include "runner/Runner.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace memlit;

namespace {

/// SB's run with both loads 0 seen five times, judged by a verdict allowing only (1,1).
runner::RunReport judged(bool cut) {
    runner::HarnessRun run;
    run.iterations = 5;
    run.histogram = {{testing::state({0, 0}), 5}};
    runner::ModelVerdict verdict{"m", {testing::state({1, 1})}, cut};
    return runner::judge(testing::makeSB(), run, verdict);
}

}  // namespace

TEST_CASE("Runner: a state outside a cut model's set is beyond the bound, not forbidden", "[runner]") {
    auto cut = judged(true);
    REQUIRE(cut.observed.size() == 1);
    CHECK(cut.observed[0].beyondBound);
    CHECK_FALSE(cut.observed[0].allowed);
    CHECK(cut.forbiddenStates == 0);
    CHECK(cut.unjudgedStates == 1);
    std::ostringstream text;
    report::printRunText(text, cut);
    CHECK_THAT(text.str(), Catch::Contains("5      *> 0:EAX=0; 1:EAX=0;  ? beyond the unrolling bound, not judged\n"));
    CHECK_THAT(text.str(), Catch::Contains("Model m: 1 allowed states, 0 observed; 1 state(s) beyond the unrolling "
                                           "bound, not judged (raise it with --unroll)\n"));
    CHECK_THAT(text.str(), !Catch::Contains("FORBIDDEN"));

    std::stringstream json;
    report::printRunJson(json, {}, {cut});
    auto doc = nlohmann::json::parse(json.str());
    CHECK(doc["tests"][0]["histogram"][0]["beyondBound"] == true);
    CHECK(doc["tests"][0]["verdict"]["forbidden"] == 0);
    CHECK(doc["tests"][0]["verdict"]["beyondBound"] == 1);
    std::string error;
    json.seekg(0);
    auto results = report::readRunResults(json, error);
    REQUIRE(results);
    auto diff = runner::compareResults(*results, *results);
    REQUIRE(diff.size() == 1);
    CHECK(diff[0].forbidden.empty());

    // Without a cut, the same state is forbidden.
    auto whole = judged(false);
    CHECK_FALSE(whole.observed[0].beyondBound);
    CHECK(whole.forbiddenStates == 1);
    CHECK(whole.unjudgedStates == 0);
}

TEST_CASE("run command: a Go loop longer than the unrolling bound is not a false alarm", "[runner][go]") {
    std::string error;
    auto v = runner::goVersion("go", error);
    INFO("the Go toolchain is needed (apt-get install golang-go, scripts/setup.sh): " << error);
    REQUIRE(v.has_value());
    // K02: a loop of three rounds, checked with the default bound of two.
    const std::string file = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/go/K02-counted-short.litmus";
    std::ostringstream out, err;
    CHECK(cli::runCommand({file, "--iterations", "100"}, out, err) == 0);
    INFO(err.str());
    CHECK_THAT(out.str(), Catch::Contains("100    *> [x]=3;  ? beyond the unrolling bound, not judged\n"));
    CHECK_THAT(out.str(), !Catch::Contains("FORBIDDEN"));
    std::ostringstream out3, err3;
    CHECK(cli::runCommand({file, "--iterations", "100", "--unroll", "3"}, out3, err3) == 0);
    CHECK_THAT(out3.str(), Catch::Contains("100    *> [x]=3;\n"));
}
