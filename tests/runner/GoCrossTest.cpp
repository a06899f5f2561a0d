// Go tests under --target: built with the target's GOARCH (no cgo) and run under qemu-user.

#include "cli/RunCommand.hpp"
#include "runner/CrossTarget.hpp"
#include "runner/Process.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace memlit;

namespace {

const std::string kMP = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/go/G02-MP-atomic.litmus";

bool haveGoAndQemu(const char* qemu) {
    for (const char* tool : {"go", qemu}) {
        const bool ok = runner::runProcess({tool, tool == std::string("go") ? "version" : "--version"}, 30).succeeded();
        if (!ok) {
            WARN("skipped: '" << tool << "' cannot run (apt-get install golang-go qemu-user)");
            return false;
        }
    }
    return true;
}

}  // namespace

TEST_CASE("a Go test with --target aarch64 is built for arm64 and runs emulated", "[runner][go][cross]") {
    auto target = runner::findTarget("aarch64");
    REQUIRE(target);
    CHECK(target->goArch == "arm64");
    runner::RunOptions o;
    runner::applyTarget(*target, o, false);
    CHECK(o.goArch == "arm64");
    if (!target->emulated() || !haveGoAndQemu("qemu-aarch64")) return;
    std::ostringstream out, err;
    int rc = cli::runCommand({kMP, "--target", "aarch64", "--iterations", "500"}, out, err);
    INFO(out.str() << err.str());
    CHECK(rc == 0);
    CHECK_THAT(out.str(), Catch::Contains("# memlit run (Go tests): GOARCH=arm64 go build"));
    CHECK_THAT(out.str(), Catch::Contains("Execution emulated (qemu-aarch64)"));
    CHECK_THAT(out.str(), Catch::Contains("Witnesses\nPositive: 0, Negative: 500\n"));
    CHECK_THAT(out.str(), !Catch::Contains("forbidden by"));
}

TEST_CASE("a Go test with --target and --race is refused: the race detector needs cgo", "[runner][go][cross]") {
    std::ostringstream out, err;
    int rc = cli::runCommand({kMP, "--target", "aarch64", "--race", "--iterations", "10"}, out, err);
    CHECK(rc == 2);
    CHECK_THAT(err.str(), Catch::Contains(": unsupported: --race needs cgo, which a Go test cross-built for aarch64 "
                                          "does not have\n"));
}
