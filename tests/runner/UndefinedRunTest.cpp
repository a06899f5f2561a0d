// A C program the model calls undefined (a data race: rc11's *undef*, lkmm's data-race) has
// its observed states outside the model's set reported as not judged, never forbidden: in the
// judged report, its text, its JSON and compare.

#include "cli/RunCommand.hpp"
#include "report/RunReport.hpp"
#include "runner/Runner.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace memlit;

namespace {

/// SB's run with both loads 0 seen five times, judged by a verdict allowing only (1,1).
runner::RunReport judged(const std::string& undefinedBy) {
    runner::HarnessRun run;
    run.iterations = 5;
    run.histogram = {{testing::state({0, 0}), 5}};
    runner::ModelVerdict verdict{"rc11", {testing::state({1, 1})}, false, undefinedBy};
    return runner::judge(testing::makeSB(), run, verdict);
}

}  // namespace

TEST_CASE("Runner: a racy program's state outside the model is not judged", "[runner][c]") {
    auto r = judged("*undef*");
    REQUIRE(r.observed.size() == 1);
    CHECK(r.observed[0].undefined);
    CHECK_FALSE(r.observed[0].allowed);
    CHECK(r.forbiddenStates == 0);
    CHECK(r.undefinedStates == 1);
    std::ostringstream text;
    report::printRunText(text, r);
    CHECK_THAT(text.str(), Catch::Contains("5      *> 0:EAX=0; 1:EAX=0;  ? outside the model of a racy program, not judged\n"));
    CHECK_THAT(text.str(), Catch::Contains("Model rc11: 1 allowed states, 0 observed; 1 state(s) outside the model, not judged\n"
                                           "Undef rc11 flags *undef*: the program has a data race, so a state outside "
                                           "the model's is not judged\n"));
    std::stringstream json;
    report::printRunJson(json, {}, {r});
    auto doc = nlohmann::json::parse(json.str());
    const auto& t = doc["tests"][0];
    CHECK(t["histogram"][0]["undefined"] == true);
    CHECK(t["verdict"]["undefined"] == "*undef*");
    CHECK(t["verdict"]["forbidden"] == 0);
    // compare counts the state as not forbidden.
    json.seekg(0);
    std::string error;
    auto results = report::readRunResults(json, error);
    REQUIRE(results);
    REQUIRE(results->at(0).states.size() == 1);
    CHECK(results->at(0).states[0].allowed);

    auto plain = judged("");
    CHECK(plain.forbiddenStates == 1);
    CHECK_FALSE(plain.observed[0].undefined);
}

TEST_CASE("run C: a racy C11 test says the model calls it undefined", "[runner][c][hardware]") {
    std::ostringstream out, err;
    int rc = cli::runCommand({std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/C11/MP+racy.litmus", "--iterations",
                              "10000", "--seconds", "0", "--json", "-"},
                             out, err);
    INFO(err.str());
    CHECK(rc == 0);
    auto doc = nlohmann::json::parse(out.str());
    REQUIRE(doc["tests"].size() == 1);
    CHECK(doc["tests"][0]["model"] == "rc11");
    CHECK(doc["tests"][0]["verdict"]["undefined"] == "*undef*");
    CHECK(doc["tests"][0]["verdict"]["forbidden"] == 0);
}
