#include "cli/RunCommand.hpp"
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
    Dir() : RunDir("memlit-runcmd-") {}
};

const char* const kMP = "X86_64 MP\n{ }\n"
                        " P0          | P1            ;\n"
                        " movq $1,(x) | movq (y),%rax ;\n"
                        " movq $1,(y) | movq (x),%rbx ;\n"
                        "exists (1:rax=1 /\\ 1:rbx=0)\n";

const char* const kArm = "AArch64 MP\n{ 0:X1=x; 1:X1=x; }\n"
                         " P0          | P1          ;\n"
                         " MOV W0,#1   | LDR W0,[X1] ;\n"
                         " STR W0,[X1] |             ;\n"
                         "exists (1:X0=1)\n";

}  // namespace

TEST_CASE("run command: SB and MP against tso, JSON histogram sums to the runs", "[runner]") {
    Dir d;
    REQUIRE(d.dir);
    std::string sb = d.write("SB.litmus", kRunSB), mp = d.write("MP.litmus", kMP);
    std::string json = d.dir->path() + "/out.json";
    std::ostringstream out, err;
    int rc = cli::runCommand({sb, mp, "--iterations", "2000", "--json", json}, out, err);
    INFO(err.str());
    CHECK(rc == 0);
    CHECK_THAT(out.str(), Catch::Contains("Test SB Allowed\nHistogram ("));
    CHECK_THAT(out.str(), Catch::Contains("Observation MP Never 0 2000\n"));
    CHECK_THAT(out.str(), !Catch::Contains("forbidden by"));

    std::ifstream in(json);
    auto doc = nlohmann::json::parse(in);
    CHECK(doc["compiler"]["flags"] == "-O2 -pthread");
    REQUIRE(doc["tests"].size() == 2);
    for (const auto& t : doc["tests"]) {
        std::uint64_t sum = 0;
        for (const auto& s : t["histogram"]) {
            sum += s["count"].get<std::uint64_t>();
            CHECK(s["allowed"] == true);
        }
        CHECK(sum == 2000);
        CHECK(t["verdict"]["forbidden"] == 0);
    }
    CHECK(doc["tests"][1]["histogram"].size() + doc["tests"][1]["unseen"].size() == 3);
}

TEST_CASE("run command: a missing compiler is reported for each test and the batch goes on", "[runner]") {
    Dir d;
    REQUIRE(d.dir);
    std::string sb = d.write("SB.litmus", kRunSB), mp = d.write("MP.litmus", kMP);
    std::ostringstream out, err;
    CHECK(cli::runCommand({sb, mp, "--iterations", "10", "--cxx", "/nonexistent/c++"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("memlit run: error: compiler '/nonexistent/c++' could not be started"));
    CHECK_THAT(err.str(), Catch::Contains(sb + ": compiler-missing: cannot run the compiler"));
    CHECK_THAT(err.str(), Catch::Contains(mp + ": compiler-missing: cannot run the compiler"));
}

TEST_CASE("run command: a non-x86 test is refused without --emit", "[runner]") {
    Dir d;
    REQUIRE(d.dir);
    std::string arm = d.write("MP-arm.litmus", kArm);
    std::ostringstream out, err;
    CHECK(cli::runCommand({arm, "--iterations", "10"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("AArch64"));
}

TEST_CASE("run command: usage errors", "[runner]") {
    std::ostringstream out, err;
    CHECK(cli::runCommand({}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::StartsWith("memlit run: error: no litmus file given\n"));
    CHECK(cli::runCommand({"x.litmus", "--iterations", "many"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("bad value 'many' for --iterations"));
}

TEST_CASE("run command: --emit writes sources and a Makefile instead of running", "[runner]") {
    Dir d;
    REQUIRE(d.dir);
    std::string sb = d.write("SB.litmus", kRunSB);
    std::string target = d.dir->path() + "/emit";
    std::ostringstream out, err;
    CHECK(cli::runCommand({sb, "--emit", target}, out, err) == 0);
    CHECK(std::filesystem::exists(target + "/SB.cpp"));
    CHECK(std::filesystem::exists(target + "/Makefile"));
    CHECK(out.str() == "emitted 1 test(s) to " + target +
                           "; build and run there with `make run` (writes results.json)\n");
}
