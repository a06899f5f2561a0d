// `memlit run --target riscv64`: RISC-V harnesses cross-compiled and run under qemu-riscv64 (or
// natively on a RISC-V host), judged by the riscv model; and `--emit DIR --target riscv64`.

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

const std::string kRvDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/RISCV/";

}  // namespace

TEST_CASE("CrossTarget: riscv64 is cross-compiled statically and emulated unless the host is RISC-V",
          "[runner][riscv]") {
    auto t = runner::findTarget("riscv64");
    REQUIRE(t);
    CHECK(t->arch == "RISCV");
    CHECK(t->compilerPackage == "g++-riscv64-linux-gnu");
    if (runner::runsNatively("RISCV")) {
        CHECK(t->cxx == "g++");
        CHECK(t->execution() == "hardware");
    } else {
        CHECK(t->cxx == "riscv64-linux-gnu-g++");
        CHECK(t->cxxFlags == std::vector<std::string>{"-O2", "-pthread", "-static"});
        CHECK(t->launcher == std::vector<std::string>{"qemu-riscv64"});
        CHECK(t->execution() == "emulated (qemu-riscv64)");
    }
}

TEST_CASE("CrossTarget: riscv64 refuses a test of another architecture", "[runner][riscv]") {
    auto t = runner::findTarget("riscv64");
    REQUIRE(t);
    auto x86 = runner::runOnTarget(testing::makeSB(), {"tso", {}}, {}, *t);
    CHECK(x86.status == runner::RunStatus::Unsupported);
    CHECK(x86.message == "architecture X86 does not run on target riscv64 (it runs RISCV tests)");
}

TEST_CASE("run command --target riscv64: the fixtures run and show only states the riscv model allows",
          "[runner][riscv]") {
    if (!testing::haveCrossToolchain("riscv64")) return;
    const std::vector<std::string> names = {"MP",          "SB",          "LB",           "SB+fence.rw.rws",
                                            "SB+fence.tsos", "Counter+lrsc", "Counter+amoadd", "SB+amoswap.aqrls",
                                            "MP+fence.w.w+ctrl", "2+2W+fence.w.ws", "Widths"};
    std::vector<std::string> args;
    for (const auto& n : names) args.push_back(kRvDir + n + ".litmus");
    args.insert(args.end(), {"--target", "riscv64", "--iterations", "400", "--json", "-"});
    std::ostringstream out, err;
    int rc = cli::runCommand(args, out, err);
    INFO(err.str());
    CHECK(rc == 0);
    auto doc = nlohmann::json::parse(out.str());
    auto target = runner::findTarget("riscv64");
    CHECK(doc["target"]["name"] == "riscv64");
    CHECK(doc["target"]["execution"] == target->execution());
    CHECK(doc["compiler"]["command"] == target->cxx);
    REQUIRE(doc["tests"].size() == names.size());
    for (const auto& t : doc["tests"]) {
        INFO(t["name"].get<std::string>() << ": " << t["message"].get<std::string>());
        CHECK(t["status"] == "ok");
        CHECK(t["model"] == "riscv");
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

TEST_CASE("run command --target riscv64: the text report says how the harness ran", "[runner][riscv]") {
    if (!testing::haveCrossToolchain("riscv64")) return;
    std::ostringstream out, err;
    CHECK(cli::runCommand({kRvDir + "SB+fence.rw.rws.litmus", "--target", "riscv64", "--iterations", "200"}, out,
                          err) == 0);
    INFO(err.str());
    CHECK_THAT(out.str(), Catch::Contains("Observation SB+fence.rw.rws Never 0 200\n"));
    if (runner::runsNatively("RISCV")) {
        CHECK_THAT(out.str(), !Catch::Contains("Execution "));
    } else {
        CHECK_THAT(out.str(), Catch::Contains("; target riscv64, emulated (qemu-riscv64)\n"));
        CHECK_THAT(out.str(), Catch::Contains("\nExecution emulated (qemu-riscv64): the host's memory ordering, "
                                              "not the target's\n"));
    }
}

TEST_CASE("run command --target riscv64: a declined instruction is reported and the batch goes on",
          "[runner][riscv]") {
    std::ostringstream out, err;
    // MP+rl+aq uses lw.aq and sw.rl, which binutils 2.40 does not assemble.
    int rc = cli::runCommand({kRvDir + "MP+rl+aq.litmus", "--target", "riscv64", "--iterations", "10", "--json", "-"},
                             out, err);
    CHECK(rc == 2);
    auto doc = nlohmann::json::parse(out.str());
    REQUIRE(doc["tests"].size() == 1);
    CHECK(doc["tests"][0]["status"] == "unsupported");
    CHECK_THAT(doc["tests"][0]["message"].get<std::string>(),
               Catch::Contains("unsupported feature: 'sw.rl': loads and stores with .aq/.rl"));
}

TEST_CASE("Emit --target riscv64: the Makefile cross-compiles and its results say how they ran",
          "[runner][riscv]") {
    if (!testing::haveCrossToolchain("riscv64")) return;
    std::string error;
    auto dir = runner::TempDir::create("memlit-emit-rv-", error);
    REQUIRE(dir);
    std::ostringstream out, err;
    REQUIRE(cli::runCommand({kRvDir + "SB.litmus", "--emit", dir->path(), "--target", "riscv64"}, out, err) == 0);
    auto target = runner::findTarget("riscv64");
    std::ifstream mk(dir->path() + "/Makefile");
    std::stringstream makefile;
    makefile << mk.rdbuf();
    CHECK_THAT(makefile.str(), Catch::Contains("ifeq ($(origin CXX),default)\nCXX = " + target->cxx + "\nendif\n"));
    if (target->emulated()) CHECK_THAT(makefile.str(), Catch::Contains("make run EXEC=qemu-riscv64 "));

    std::vector<std::string> make{"make", "-s", "-C", dir->path(), "run", "RUNFLAGS=-n 300"};
    if (target->emulated()) make.push_back("EXEC=" + target->launcher.front());
    auto made = runner::runProcess(make, 300);
    INFO(made.out << made.err);
    REQUIRE(made.succeeded());
    std::ifstream in(dir->path() + "/results.json");
    auto doc = nlohmann::json::parse(in);
    REQUIRE(doc["tests"].size() == 1);
    CHECK(doc["tests"][0]["arch"] == "RISCV");
    CHECK(doc["tests"][0]["execution"] == target->execution());
    CHECK(doc["tests"][0]["iterations"] == 300);
    CHECK(doc["tests"][0]["verdict"]["forbidden"] == 0);
}
