#pragma once
/// CrossTarget: `memlit run --target NAME` builds harnesses for another architecture with a
/// cross compiler and runs them under qemu-user, or natively when the host is that
/// architecture. An emulated run shows the host's memory ordering, not the target's.

#include "litmus/LitmusTest.hpp"
#include "runner/HarnessSource.hpp"
#include "runner/Runner.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

struct CrossTarget {
    std::string name;                   // as `--target` names it: "aarch64", "riscv64"
    std::string arch;                   // the litmus architecture it runs: "AArch64"
    std::string cxx;                    // "aarch64-linux-gnu-g++", or "g++" on a matching host
    std::vector<std::string> cxxFlags;  // static when cross-compiled, so qemu needs no sysroot
    std::vector<std::string> launcher;  // {"qemu-aarch64"} when emulated, empty natively
    std::string goArch;                 // GOARCH of Go tests built for it: "arm64"
    std::string compilerPackage;        // Debian packages, named in messages
    std::string emulatorPackage;

    bool emulated() const { return !launcher.empty(); }
    /// "emulated (qemu-aarch64)" or "hardware": how the text output and the JSON say it ran.
    std::string execution() const;
};

/// The target called `name` as seen from this host, or nullopt for an unknown name.
std::optional<CrossTarget> findTarget(const std::string& name);
/// Every name `--target` accepts.
std::vector<std::string> targetNames();

/// The options of a run for `target`: its compiler (unless `keepCxx`), flags and launcher.
void applyTarget(const CrossTarget& target, RunOptions& options, bool keepCxx);

/// Generate, compile, run (through the target's launcher) and judge, with options from
/// applyTarget. A Go test is built with the target's GOARCH (without cgo, so not with
/// --race). A test of another architecture is refused as unsupported; a missing cross
/// compiler or emulator is `compiler-missing` with the Debian package to install.
RunReport runOnTarget(const litmus::LitmusTest& test, const ModelVerdict& verdict,
                       const RunOptions& options, const CrossTarget& target);

}  // namespace memlit::runner
