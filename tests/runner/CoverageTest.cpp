#include "cli/RunCommand.hpp"
#include "runner/Coverage.hpp"
#include "runner/HarnessCache.hpp"
#include "runner/Process.hpp"

#include "tests/runner/RunFiles.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

using testing::kRunSB;

struct Dir : testing::RunDir {
    Dir() : RunDir("memlit-coverage-") {}
};

const char* const kMP = "X86_64 MP+two\n{ }\n"
                        " P0          | P1            ;\n"
                        " movq $1,(x) | movq (y),%rax ;\n"
                        " movq $1,(y) | movq (x),%rbx ;\n"
                        "exists (1:rax=1 /\\ 1:rbx=0)\n";

runner::StateRow row(std::int64_t v, bool allowed) {
    litmus::State s;
    s.values.push_back(litmus::Value::number(v));
    return {s, allowed ? 5u : 1u, allowed, false};
}

std::size_t filesIn(const std::string& dir, const std::string& ext) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.path().extension() == ext;
    return n;
}

}  // namespace

TEST_CASE("coverage: test families keep a leading count", "[runner][coverage]") {
    CHECK(runner::testFamily("SB+mfence+po") == "SB");
    CHECK(runner::testFamily("2+2W+mfences") == "2+2W");
    CHECK(runner::testFamily("2+2W") == "2+2W");
    CHECK(runner::testFamily("Z6.4+po+po+po") == "Z6.4");
    CHECK(runner::testFamily("CoRR") == "CoRR");
}

TEST_CASE("coverage: allowed states seen, by thread count, unseen by family", "[runner][coverage]") {
    runner::RunReport a, b, c;
    a.name = "SB+x";
    a.threads = 2;
    a.places = {{0, "EAX"}};
    a.observed = {row(0, true), row(1, true), row(7, false)};  // a forbidden state is not coverage
    b.name = "IRIW+y";
    b.threads = 4;
    b.places = {{0, "EAX"}};
    b.observed = {row(0, true)};
    b.unseen = {row(1, true), row(2, true)};
    c.name = "broken";
    c.status = runner::RunStatus::CompileFailed;
    auto s = runner::coverage({a, b, c});
    CHECK(s.total == runner::CoverageCount{"total", 2, 5, 3});
    CHECK(s.notRun == 1);
    REQUIRE(s.byThreads.size() == 2);
    CHECK(s.byThreads[0] == runner::CoverageCount{"2 threads", 1, 2, 2});
    CHECK(s.byThreads[1] == runner::CoverageCount{"4 threads", 1, 3, 1});
    REQUIRE(s.unseenByFamily.size() == 1);
    CHECK(s.unseenByFamily[0] == runner::CoverageCount{"IRIW", 1, 3, 1});
    REQUIRE(s.unseen.size() == 2);
    CHECK(s.unseen[0] == runner::UnseenState{"IRIW+y", "0:EAX=1;"});
}

TEST_CASE("harness cache: a binary is found only for the same command and source", "[runner][coverage]") {
    Dir d;
    REQUIRE(d.dir);
    runner::HarnessBuild b;
    b.code = "int main() { return 0; }\n";
    b.sourceName = "harness.cpp";
    b.buildCommand = {"g++", "-O2", "-o", "BIN", "SRC"};
    const std::string bin = d.write("built", "binary bytes");
    runner::HarnessCache cache(d.dir->path() + "/cache");
    CHECK(!cache.find(b));
    REQUIRE(cache.store(b, bin));
    auto hit = cache.find(b);
    REQUIRE(hit);
    std::ifstream in(*hit);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text == "binary bytes");
    runner::HarnessBuild other = b;
    other.code += "// changed\n";
    CHECK(!cache.find(other));
    other = b;
    other.buildCommand[1] = "-O1";
    CHECK(!cache.find(other));
}

TEST_CASE("run --until-covered ends a test once every allowed state was seen", "[runner][coverage]") {
    Dir d;
    REQUIRE(d.dir);
    std::string mp = d.write("MP.litmus", kMP);
    std::ostringstream out, err;
    // MP under TSO allows three states, all common; a billion iterations would take minutes.
    int rc = cli::runCommand({mp, "--iterations", "1000000000", "--until-covered", "--coverage"}, out, err);
    INFO(out.str() << err.str());
    CHECK(rc == 0);
    CHECK_THAT(out.str(), Catch::Contains("Model tso: 3 allowed states, 3 observed\n"));
    CHECK_THAT(out.str(), !Catch::Contains("Negative: 1000000000"));
    CHECK_THAT(out.str(), Catch::Contains("Coverage total: 3 of 3 allowed states seen (100.0%) in 1 test\n"));
    CHECK_THAT(out.str(), Catch::Contains("Coverage 2 threads: 3 of 3 allowed states seen (100.0%) in 1 test\n"));
}

TEST_CASE("run --jobs compiles ahead into --cache; a rerun compiles nothing new", "[runner][coverage]") {
    Dir d;
    REQUIRE(d.dir);
    std::string sb = d.write("SB.litmus", kRunSB), mp = d.write("MP.litmus", kMP);
    const std::string cache = d.dir->path() + "/cache";
    const std::string json = d.dir->path() + "/run.json";
    for (int round = 0; round < 2; ++round) {
        std::ostringstream out, err;
        int rc = cli::runCommand({sb, mp, "--iterations", "3000", "--jobs", "2", "--cache", cache, "--coverage",
                                  "--json", json},
                                 out, err);
        INFO(out.str() << err.str());
        CHECK(rc == 0);
        CHECK_THAT(out.str(), Catch::Contains("Observation MP+two Never 0 3000\n"));
        CHECK(filesIn(cache, ".bin") == 2);
        std::ifstream in(json);
        auto doc = nlohmann::json::parse(in);
        CHECK(doc["coverage"]["total"]["tests"] == 2);
        CHECK(doc["coverage"]["byThreads"][0]["key"] == "2 threads");
    }
}

TEST_CASE("run --jobs: a bad value is a usage error", "[runner][coverage]") {
    std::ostringstream out, err;
    CHECK(cli::runCommand({"x.litmus", "--jobs", "0"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("memlit run: error: bad value '0' for --jobs\n"));
}
