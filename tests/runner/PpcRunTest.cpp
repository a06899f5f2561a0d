// `memlit run --target ppc64le`: Power harnesses cross-compiled and run under qemu-ppc64le (or
// natively on a little-endian Power host), judged by the power model; and `--emit DIR --target
// ppc64le`.

#include "cli/RunCommand.hpp"
#include "runner/ArchGenerator.hpp"
#include "runner/CrossTarget.hpp"
#include "runner/Process.hpp"
#include "tests/runner/CrossToolchain.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

const std::string kPpcDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/PPC/";

}  // namespace

TEST_CASE("CrossTarget: ppc64le is cross-compiled statically and emulated unless the host is Power",
          "[runner][ppc]") {
    auto t = runner::findTarget("ppc64le");
    REQUIRE(t);
    CHECK(t->arch == "PPC");
    CHECK(t->compilerPackage == "g++-powerpc64le-linux-gnu");
    if (runner::runsNatively("PPC")) {
        CHECK(t->cxx == "g++");
        CHECK(t->execution() == "hardware");
    } else {
        CHECK(t->cxx == "powerpc64le-linux-gnu-g++");
        CHECK(t->cxxFlags == std::vector<std::string>{"-O2", "-pthread", "-static"});
        CHECK(t->launcher == std::vector<std::string>{"qemu-ppc64le"});
        CHECK(t->execution() == "emulated (qemu-ppc64le)");
    }
}

TEST_CASE("CrossTarget: ppc64le refuses a test of another architecture", "[runner][ppc]") {
    auto t = runner::findTarget("ppc64le");
    REQUIRE(t);
    auto x86 = runner::runOnTarget(testing::makeSB(), {"tso", {}}, {}, *t);
    CHECK(x86.status == runner::RunStatus::Unsupported);
    CHECK(x86.message == "architecture X86 does not run on target ppc64le (it runs PPC tests)");
}

TEST_CASE("run command --target ppc64le: the fixtures run and show only states the power model allows",
          "[runner][ppc]") {
    if (!testing::haveCrossToolchain("ppc64le")) return;
    const std::vector<std::string> names = {"MP",           "SB+lwsyncs", "SB+syncs",         "LB+datas",
                                            "MP+lwsync+addr", "MP+sync+ctrlisync", "IRIW+syncs", "2+2W+lwsyncs",
                                            "Atomic+lwarx", "MP+sync+lwarx-addr", "WRC+addrs"};
    std::vector<std::string> args;
    for (const auto& n : names) args.push_back(kPpcDir + n + ".litmus");
    args.insert(args.end(), {"--target", "ppc64le", "--iterations", "400", "--json", "-"});
    std::ostringstream out, err;
    int rc = cli::runCommand(args, out, err);
    INFO(err.str());
    CHECK(rc == 0);
    auto doc = nlohmann::json::parse(out.str());
    auto target = runner::findTarget("ppc64le");
    CHECK(doc["target"]["name"] == "ppc64le");
    CHECK(doc["target"]["execution"] == target->execution());
    CHECK(doc["compiler"]["command"] == target->cxx);
    REQUIRE(doc["tests"].size() == names.size());
    for (const auto& t : doc["tests"]) {
        INFO(t["name"].get<std::string>() << ": " << t["message"].get<std::string>());
        CHECK(t["status"] == "ok");
        CHECK(t["model"] == "power");
        CHECK(t["execution"] == target->execution());
        std::uint64_t sum = 0;
        for (const auto& s : t["histogram"]) {
            INFO(s["state"].get<std::string>());
            CHECK(s["allowed"] == true);
            sum += s["count"].get<std::uint64_t>();
        }
        CHECK(sum == 400);
        CHECK(t["verdict"]["forbidden"] == 0);
    }
}

TEST_CASE("run command --target ppc64le: the text report says how the harness ran", "[runner][ppc]") {
    if (!testing::haveCrossToolchain("ppc64le")) return;
    std::ostringstream out, err;
    CHECK(cli::runCommand({kPpcDir + "SB+syncs.litmus", "--target", "ppc64le", "--iterations", "200"}, out, err) ==
          0);
    INFO(err.str());
    CHECK_THAT(out.str(), Catch::Contains("Observation SB+syncs Never 0 200\n"));
    if (runner::runsNatively("PPC")) {
        CHECK_THAT(out.str(), !Catch::Contains("Execution "));
    } else {
        CHECK_THAT(out.str(), Catch::Contains("; target ppc64le, emulated (qemu-ppc64le)\n"));
        CHECK_THAT(out.str(), Catch::Contains("\nExecution emulated (qemu-ppc64le): the host's memory ordering, "
                                              "not the target's\n"));
    }
}

TEST_CASE("Emit --target ppc64le: the Makefile cross-compiles and its results say how they ran", "[runner][ppc]") {
    if (!testing::haveCrossToolchain("ppc64le")) return;
    std::string error;
    auto dir = runner::TempDir::create("memlit-emit-ppc-", error);
    REQUIRE(dir);
    std::ostringstream out, err;
    REQUIRE(cli::runCommand({kPpcDir + "MP.litmus", "--emit", dir->path(), "--target", "ppc64le"}, out, err) == 0);
    auto target = runner::findTarget("ppc64le");
    std::ifstream mk(dir->path() + "/Makefile");
    std::stringstream makefile;
    makefile << mk.rdbuf();
    CHECK_THAT(makefile.str(), Catch::Contains("ifeq ($(origin CXX),default)\nCXX = " + target->cxx + "\nendif\n"));
    std::vector<std::string> make{"make", "-s", "-C", dir->path(), "run", "RUNFLAGS=-n 300"};
    if (target->emulated()) make.push_back("EXEC=" + target->launcher.front());
    auto made = runner::runProcess(make, 300);
    INFO(made.out << made.err);
    REQUIRE(made.succeeded());
    std::ifstream in(dir->path() + "/results.json");
    auto doc = nlohmann::json::parse(in);
    REQUIRE(doc["tests"].size() == 1);
    CHECK(doc["tests"][0]["arch"] == "PPC");
    CHECK(doc["tests"][0]["execution"] == target->execution());
    CHECK(doc["tests"][0]["iterations"] == 300);
    CHECK(doc["tests"][0]["verdict"]["forbidden"] == 0);
}
