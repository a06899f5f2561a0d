#include "cli/CompareCommand.hpp"
#include "runner/Emit.hpp"
#include "runner/Process.hpp"
#include "runner/X86Generator.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace memlit;

TEST_CASE("Emit: test names become unique, file-system-safe stems", "[runner]") {
    CHECK(runner::emitStems({"MP+mfence", "a/b", "SB", "SB", ".x"}) ==
          std::vector<std::string>{"MP+mfence", "a_b", "SB", "SB_2", "t.x"});
}

TEST_CASE("Emit: the directory builds with make and writes results memlit compare reads", "[runner]") {
    std::string error;
    auto dir = runner::TempDir::create("memlit-emit-", error);
    REQUIRE(dir);
    Diagnostics diags;
    auto sb = runner::generateHarness(testing::makeSB(), runner::X86Generator(),
                                      {"tso", testing::allFourStates()}, diags);
    REQUIRE(sb);
    REQUIRE(runner::emitDirectory(dir->path(), {{"SB", *sb}}, {"-O2", "-pthread"}, error));
    CHECK(std::filesystem::exists(dir->path() + "/SB.cpp"));
    CHECK(std::filesystem::exists(dir->path() + "/README.md"));

    auto make = runner::runProcess({"make", "-s", "-C", dir->path(), "run", "RUNFLAGS=-n 500"}, 120);
    INFO(make.out << make.err);
    REQUIRE(make.succeeded());
    std::string results = dir->path() + "/results.json";
    REQUIRE(std::filesystem::exists(results));
    std::ostringstream out, err;
    CHECK(cli::compareCommand({results, results, "--strict"}, out, err) == 0);
    CHECK(out.str() == "1 test(s) unchanged\n");
}
