#pragma once
/// haveCrossToolchain: whether this host can build and run the harnesses of a `--target`
/// (its cross compiler, and qemu-user when emulated), shared by the per-architecture run tests.

#include "runner/CrossTarget.hpp"
#include "runner/Process.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace memlit::testing {

/// True when the target's tools run here; otherwise says why (a Catch warning naming the
/// packages) so the caller can skip instead of passing as if it had run.
inline bool haveCrossToolchain(const std::string& targetName) {
    auto target = runner::findTarget(targetName);
    REQUIRE(target);
    std::vector<std::string> tools{target->cxx};
    if (target->emulated()) tools.push_back(target->launcher.front());
    for (const auto& tool : tools) {
        if (!runner::runProcess({tool, "--version"}, 30).succeeded()) {
            WARN("skipped: '" << tool << "' cannot run (apt-get install " << target->compilerPackage
                              << " qemu-user, or scripts/setup.sh --cross)");
            return false;
        }
    }
    return true;
}

}  // namespace memlit::testing
