// `memlit check --variant NAME` (herd's -variant) chooses the branches of a model's
// `if "NAME"` on both engines.

#include "cli/Cli.hpp"
#include "tests/cat/CatTestUtil.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace memlit;

namespace {

struct Result {
    int status;
    std::string out, err;
};

Result checkSb(const std::string& model, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"check", "--model", model,
                                     testing::sourceDir() + "/tests/litmus/X86/SB.litmus"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out, err;
    const int status = cli::run(args, out, err);
    return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("CLI: --variant sets herd's variants for the model's if-expressions and if-statements",
          "[cli][variant]") {
    cattest::TempDir dir;
    // With "weak", no axiom: SB's both-zero state is allowed; without it, sequential consistency.
    const std::string model = dir.write(
        "v.cat", "\"variants\"\nlet order = if \"weak\" then 0 else po | rf | co | fr\n"
                 "if not \"weak\"\n  acyclic order as sc\nelse\n  acyclic order as none\nend\n");
    for (const char* engine : {"z3", "enumerate"}) {
        DYNAMIC_SECTION(engine) {
            auto strong = checkSb(model, {"--engine", engine});
            INFO(strong.err);
            CHECK(strong.status == 0);
            CHECK(strong.out.find("States 3\n") != std::string::npos);
            auto weak = checkSb(model, {"--engine", engine, "--variant", "weak"});
            CHECK(weak.status == 0);
            CHECK(weak.out.find("States 4\n0:EAX=0; 1:EAX=0;\n") != std::string::npos);
            // herd's spelling, with a comma-separated list.
            auto herd = checkSb(model, {"--engine", engine, "-variant", "other,weak"});
            CHECK(herd.out.substr(0, herd.out.find("Time")) == weak.out.substr(0, weak.out.find("Time")));
        }
    }
}

TEST_CASE("CLI: --variant without a name is a usage error", "[cli][variant]") {
    std::ostringstream out, err;
    const int status = cli::run({"check", "--variant"}, out, err);
    CHECK(status == 2);
    CHECK(err.str().find("--variant") != std::string::npos);
}
