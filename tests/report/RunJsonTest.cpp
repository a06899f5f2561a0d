// The JSON of `memlit run`, written by report::printRunJson and read back for `compare`.

#include "report/RunReport.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace memlit;

namespace {

runner::RunReport mpReport() {
    runner::RunReport r;
    r.name = "MP";
    r.file = "MP.litmus";
    r.arch = "X86_64";
    r.model = "tso";
    r.places = {litmus::Place{1, "rax"}, litmus::Place{1, "rbx"}};
    r.observed = {{testing::state({0, 0}), 7, true, false}, {testing::state({1, 0}), 2, false, true}};
    r.forbiddenStates = 1;
    return r;
}

}  // namespace

TEST_CASE("Run JSON: what printRunJson writes, readRunResults reads back", "[report]") {
    runner::RunReport crashed;
    crashed.name = "SB";
    crashed.status = runner::RunStatus::Crashed;
    std::stringstream json;
    report::printRunJson(json, report::RunSummary{}, {mpReport(), crashed});
    std::string error;
    auto tests = report::readRunResults(json, error);
    INFO(error);
    REQUIRE(tests);
    REQUIRE(tests->size() == 2);
    const auto& mp = (*tests)[0];
    CHECK(mp.name == "MP");
    CHECK(mp.status == "ok");
    REQUIRE(mp.states.size() == 2);
    CHECK(mp.states[0].state == litmus::formatState(mpReport().places, testing::state({0, 0})));
    CHECK(mp.states[0].count == 7);
    CHECK(mp.states[0].allowed);
    CHECK_FALSE(mp.states[1].allowed);
    CHECK((*tests)[1].status == "crash");
    CHECK((*tests)[1].states.empty());
}

TEST_CASE("Run JSON: a document without tests is not a run result", "[report]") {
    std::istringstream in("{\"memlit\": \"0.1.0\"}");
    std::string error;
    CHECK_FALSE(report::readRunResults(in, error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("Run text: a forbidden observed state is marked with the model's name", "[report]") {
    std::ostringstream out;
    report::printRunText(out, mpReport());
    CHECK_THAT(out.str(), Catch::Contains("! forbidden by tso\n"));
    CHECK_THAT(out.str(), Catch::Contains("1 FORBIDDEN state(s) observed\n"));
}
