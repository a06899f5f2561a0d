#include "cli/CompareCommand.hpp"
#include "cli/RunCommand.hpp"
#include "runner/ArchGenerator.hpp"
#include "runner/CrossTarget.hpp"
#include "runner/Emit.hpp"
#include "runner/Process.hpp"
#include "tests/runner/CrossToolchain.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

const std::string kArmDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/AArch64/";

bool hostIsAArch64() { return runner::runsNatively("AArch64"); }

}  // namespace

TEST_CASE("CrossTarget: aarch64 is cross-compiled statically and emulated unless the host is AArch64",
          "[runner][aarch64]") {
    auto t = runner::findTarget("aarch64");
    REQUIRE(t);
    CHECK(t->arch == "AArch64");
    if (hostIsAArch64()) {
        CHECK(t->cxx == "g++");
        CHECK_FALSE(t->emulated());
        CHECK(t->execution() == "hardware");
    } else {
        CHECK(t->cxx == "aarch64-linux-gnu-g++");
        CHECK(t->cxxFlags == std::vector<std::string>{"-O2", "-pthread", "-static"});
        CHECK(t->launcher == std::vector<std::string>{"qemu-aarch64"});
        CHECK(t->execution() == "emulated (qemu-aarch64)");
    }
    CHECK_FALSE(runner::findTarget("riscv"));
    CHECK(runner::targetNames() == std::vector<std::string>{"aarch64", "riscv64", "ppc64le"});

    runner::RunOptions options;
    options.cxx = "clang++";
    runner::applyTarget(*t, options, true);
    CHECK(options.cxx == "clang++");  // an explicit --cxx wins
    CHECK(options.launcher == t->launcher);
    runner::applyTarget(*t, options, false);
    CHECK(options.cxx == t->cxx);
}

TEST_CASE("CrossTarget: a test of another architecture is refused; a missing emulator is named",
          "[runner][aarch64]") {
    auto t = runner::findTarget("aarch64");
    REQUIRE(t);
    auto x86 = runner::runOnTarget(testing::makeSB(), {"tso", {}}, {}, *t);
    CHECK(x86.status == runner::RunStatus::Unsupported);
    CHECK(x86.message == "architecture X86 does not run on target aarch64 (it runs AArch64 tests)");

    t->launcher = {"/nonexistent/qemu-aarch64"};
    auto mp = testing::makeTest("AArch64", "MP", {{"MOV W0,#1"}}, testing::atom(0, "X0", 1), "");
    auto r = runner::runOnTarget(mp, {"aarch64", {}}, {}, *t);
    CHECK(r.status == runner::RunStatus::CompilerMissing);
    CHECK_THAT(r.message, Catch::StartsWith("cannot run the emulator '/nonexistent/qemu-aarch64': could not be started"));
    CHECK_THAT(r.message, Catch::EndsWith("(install qemu-user)"));
    CHECK(r.execution == "emulated (/nonexistent/qemu-aarch64)");
}

TEST_CASE("run command: an AArch64 test without --target is refused on a host that is not AArch64",
          "[runner][aarch64]") {
    if (hostIsAArch64()) {
        WARN("skipped: this host runs AArch64 natively");
        return;
    }
    std::ostringstream out, err;
    CHECK(cli::runCommand({kArmDir + "MP.litmus", "--iterations", "10"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains(kArmDir + "MP.litmus: unsupported: architecture AArch64 does not run "
                                                    "on this host"));
    CHECK_THAT(out.str(), !Catch::Contains("Test MP"));
}

TEST_CASE("run command: an unknown --target is a usage error", "[runner][aarch64]") {
    std::ostringstream out, err;
    CHECK(cli::runCommand({kArmDir + "MP.litmus", "--target", "riscv"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::StartsWith("memlit run: error: unknown target 'riscv' (known: aarch64, riscv64, ppc64le)\n"));
}

TEST_CASE("run command --target aarch64: the fixtures run and show only states the aarch64 model allows",
          "[runner][aarch64]") {
    if (!testing::haveCrossToolchain("aarch64")) return;
    const std::vector<std::string> names = {
        "MP",           "SB",           "SB+dmb.sys",     "LB",      "IRIW+dmb.sys",       "2+2W+dmb.sys",
        "MP+popl+poap", "MP+dmb.sy+addr", "WRC+addrs",    "Counter+exclusives", "CAS+cas",
        "MP+rel+ldadd-dmb.ld", "Typed+values"};
    std::vector<std::string> args;
    for (const auto& n : names) args.push_back(kArmDir + n + ".litmus");
    args.insert(args.end(), {"--target", "aarch64", "--iterations", "400", "--json", "-"});
    std::ostringstream out, err;
    int rc = cli::runCommand(args, out, err);
    INFO(err.str());
    CHECK(rc == 0);
    auto doc = nlohmann::json::parse(out.str());
    auto target = runner::findTarget("aarch64");
    CHECK(doc["target"]["execution"] == target->execution());
    CHECK(doc["compiler"]["command"] == target->cxx);
    REQUIRE(doc["tests"].size() == names.size());
    for (const auto& t : doc["tests"]) {
        INFO(t["name"].get<std::string>());
        CHECK(t["status"] == "ok");
        CHECK(t["model"] == "aarch64");
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

TEST_CASE("run command --target aarch64: the text report says how the harness ran", "[runner][aarch64]") {
    if (!testing::haveCrossToolchain("aarch64")) return;
    std::ostringstream out, err;
    CHECK(cli::runCommand({kArmDir + "SB+dmb.sys.litmus", "--target", "aarch64", "--iterations", "200"}, out, err) == 0);
    INFO(err.str());
    CHECK_THAT(out.str(), Catch::Contains("Observation SB+dmb.sys Never 0 200\n"));
    if (hostIsAArch64()) {
        CHECK_THAT(out.str(), !Catch::Contains("Execution "));
    } else {
        CHECK_THAT(out.str(), Catch::Contains("; target aarch64, emulated (qemu-aarch64)\n"));
        CHECK_THAT(out.str(), Catch::Contains("\nExecution emulated (qemu-aarch64): the host's memory ordering, "
                                              "not the target's\n"));
    }
}

TEST_CASE("Emit: a cross compiler replaces make's default CXX; EXEC runs the harnesses through an emulator",
          "[runner][aarch64]") {
    std::string cross = runner::emitMakefile({"MP"}, {"-O2", "-static"}, "aarch64-linux-gnu-g++");
    // make defines CXX itself, so `CXX ?= ...` would never take effect.
    CHECK_THAT(cross, Catch::Contains("\nifeq ($(origin CXX),default)\nCXX = aarch64-linux-gnu-g++\nendif\n"));
    CHECK_THAT(cross, Catch::Contains("CXXFLAGS = -O2 -static\n"));
    CHECK_THAT(cross, Catch::Contains("$(EXEC) ./$$t $(RUNFLAGS) -x '$(EXECUTION)' --json-test"));
    CHECK_THAT(cross, Catch::Contains("EXECUTION = $(if $(EXEC),emulated ($(notdir $(firstword $(EXEC)))),hardware)\n"));
    std::string native = runner::emitMakefile({"MP"}, {"-O2"});
    CHECK_THAT(native, Catch::Contains("\nCXX ?= g++\n"));
    CHECK_THAT(native, !Catch::Contains("origin CXX"));
}

TEST_CASE("Emit --target aarch64: the Makefile cross-compiles and its results say how they ran",
          "[runner][aarch64]") {
    if (!testing::haveCrossToolchain("aarch64")) return;
    std::string error;
    auto dir = runner::TempDir::create("memlit-emit-arm-", error);
    REQUIRE(dir);
    std::ostringstream out, err;
    REQUIRE(cli::runCommand({kArmDir + "MP.litmus", "--emit", dir->path(), "--target", "aarch64"}, out, err) == 0);
    auto target = runner::findTarget("aarch64");
    std::ifstream mk(dir->path() + "/Makefile");
    std::stringstream makefile;
    makefile << mk.rdbuf();
    CHECK_THAT(makefile.str(), Catch::Contains("ifeq ($(origin CXX),default)\nCXX = " + target->cxx + "\nendif\n"));
    CHECK_THAT(makefile.str(), Catch::Contains("CXXFLAGS = -O2 -pthread"));

    std::vector<std::string> make{"make", "-s", "-C", dir->path(), "run", "RUNFLAGS=-n 300"};
    if (target->emulated()) make.push_back("EXEC=" + target->launcher.front());
    auto made = runner::runProcess(make, 300);
    INFO(made.out << made.err);
    REQUIRE(made.succeeded());
    std::ifstream in(dir->path() + "/results.json");
    auto doc = nlohmann::json::parse(in);
    REQUIRE(doc["tests"].size() == 1);
    CHECK(doc["tests"][0]["execution"] == target->execution());
    CHECK(doc["tests"][0]["iterations"] == 300);
    CHECK(doc["tests"][0]["verdict"]["forbidden"] == 0);
    std::ostringstream cout, cerr;
    CHECK(cli::compareCommand({dir->path() + "/results.json", dir->path() + "/results.json"}, cout, cerr) == 0);
}
