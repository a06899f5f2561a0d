#include "cli/CompareCommand.hpp"
#include "runner/Compare.hpp"
#include "runner/Process.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;
using runner::ResultTest;

namespace {

std::vector<ResultTest> baseline() {
    return {{"SB", "ok", {{"0:EAX=0; 1:EAX=1;", 10, true}, {"0:EAX=1; 1:EAX=1;", 5, true}}},
            {"MP", "ok", {{"1:rax=0; 1:rbx=0;", 7, true}}}};
}

const char* const kBaseline = R"({"tests": [
  {"name": "SB", "status": "ok", "histogram": [
    {"state": "0:EAX=0; 1:EAX=1;", "count": 10, "allowed": true, "condition": false},
    {"state": "0:EAX=1; 1:EAX=1;", "count": 5, "allowed": true, "condition": false}]},
  {"name": "MP", "status": "ok", "histogram": [
    {"state": "1:rax=0; 1:rbx=0;", "count": 7, "allowed": true, "condition": false}]}]})";

struct Files {
    std::string error;
    std::optional<runner::TempDir> dir = runner::TempDir::create("memlit-compare-", error);
    std::string write(const std::string& name, const std::string& text) {
        std::string p = dir->path() + "/" + name;
        std::ofstream(p) << text;
        return p;
    }
};

}  // namespace

TEST_CASE("Compare: appeared and vanished states per test", "[runner]") {
    auto cur = baseline();
    cur[0].states = {{"0:EAX=0; 1:EAX=1;", 3, true}, {"0:EAX=0; 1:EAX=0;", 1, true}};
    auto diffs = runner::compareResults(baseline(), cur);
    REQUIRE(diffs.size() == 2);
    CHECK(diffs[0].appeared == std::vector<std::string>{"0:EAX=0; 1:EAX=0;"});
    CHECK(diffs[0].vanished == std::vector<std::string>{"0:EAX=1; 1:EAX=1;"});
    CHECK(diffs[0].forbidden.empty());
    CHECK(diffs[1].empty());
}

TEST_CASE("Compare: forbidden states, missing and new tests", "[runner]") {
    std::vector<ResultTest> cur{{"SB", "ok", {{"0:EAX=0; 1:EAX=1;", 10, true}, {"0:EAX=1; 1:EAX=1;", 5, true},
                                              {"0:EAX=2; 1:EAX=2;", 1, false}}},
                                {"LB", "ok", {}}};
    auto diffs = runner::compareResults(baseline(), cur);
    REQUIRE(diffs.size() == 3);
    CHECK(diffs[0].forbidden == std::vector<std::string>{"0:EAX=2; 1:EAX=2;"});
    CHECK(diffs[1].name == "LB");
    CHECK(diffs[1].onlyInNew);
    CHECK(diffs[2].name == "MP");
    CHECK(diffs[2].onlyInBaseline);
}

TEST_CASE("Compare: a test that stopped running reports its status, not vanished states", "[runner]") {
    auto cur = baseline();
    cur[1].status = "crash";
    cur[1].states.clear();
    auto diffs = runner::compareResults(baseline(), cur);
    CHECK(diffs[1].statusChanged());
    CHECK(diffs[1].vanished.empty());
}

TEST_CASE("Compare command: exit status and report", "[runner]") {
    Files f;
    REQUIRE(f.dir);
    std::string base = f.write("base.json", kBaseline);
    std::ostringstream out, err;
    SECTION("identical runs") {
        CHECK(cli::compareCommand({base, base, "--strict"}, out, err) == 0);
        CHECK(out.str() == "2 test(s) unchanged\n");
    }
    SECTION("a new state is fine, except with --strict") {
        std::string text = kBaseline;
        text.replace(text.find("1:rax=0; 1:rbx=0;"), 17, "1:rax=1; 1:rbx=1;");
        std::string cur = f.write("new.json", text);
        CHECK(cli::compareCommand({base, cur}, out, err) == 0);
        CHECK(out.str() ==
              "Test MP\n  appeared 1:rax=1; 1:rbx=1;\n  vanished 1:rax=0; 1:rbx=0;\n1 test(s) unchanged\n");
        CHECK(cli::compareCommand({base, cur, "--strict"}, out, err) == 1);
    }
    SECTION("a forbidden state fails") {
        std::string text = kBaseline;
        text.replace(text.find("\"count\": 7, \"allowed\": true"), 27, "\"count\": 7, \"allowed\": false");
        std::string cur = f.write("new.json", text);
        CHECK(cli::compareCommand({base, cur}, out, err) == 1);
        CHECK(out.str() == "Test MP\n  FORBIDDEN 1:rax=0; 1:rbx=0;\n1 test(s) unchanged\n");
    }
    SECTION("unreadable input is a usage error") {
        std::string bad = f.write("bad.json", "{\"tests\": 3");
        CHECK(cli::compareCommand({base, bad}, out, err) == 2);
        CHECK_THAT(err.str(), Catch::StartsWith("memlit compare: error: " + bad + ": not a memlit run result"));
        CHECK(cli::compareCommand({base}, out, err) == 2);
    }
}
