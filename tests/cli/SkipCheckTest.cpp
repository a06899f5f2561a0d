// `memlit check --skip-check NAME` (herd's -skipchecks) reaches both engines.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace memlit;

namespace {

std::string checkSb(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"check", "--model", "sc", testing::sourceDir() + "/tests/litmus/X86/SB.litmus"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out, err;
    CHECK(cli::run(args, out, err) == 0);
    CHECK(err.str().empty());
    return out.str();
}

}  // namespace

TEST_CASE("CLI: --skip-check sc lets SB's both-zero state through under sc, on either engine", "[cli][skipchecks]") {
    const std::string plain = checkSb({});
    CHECK(plain.find("States 3\n") != std::string::npos);
    CHECK(plain.find("Observation SB Never 0 3\n") != std::string::npos);
    for (const char* engine : {"z3", "enumerate", "auto"}) {
        DYNAMIC_SECTION(engine) {
            const std::string skipped = checkSb({"--skip-check", "sc", "--engine", engine});
            CHECK(skipped.find("States 4\n0:EAX=0; 1:EAX=0;\n") != std::string::npos);
            CHECK(skipped.find("\nOk\n") != std::string::npos);
            CHECK(skipped.find("Observation SB Sometimes 1 3\n") != std::string::npos);
        }
    }
    // herd's spelling, and a name the model does not have changes nothing.
    CHECK(checkSb({"-skipchecks", "sc"}).find("States 4\n") != std::string::npos);
    CHECK(checkSb({"--skip-check", "tso"}).find("States 3\n") != std::string::npos);
}
