#include "runner/CrossTarget.hpp"

#include "runner/ArchGenerator.hpp"
#include "runner/Process.hpp"

#include <algorithm>
#include <iterator>
#include <sstream>

namespace memlit::runner {

namespace {

/// One `--target`: the litmus architecture it runs, the GNU triple of its Debian cross
/// compiler (`<triple>-g++` from package `g++-<triple>`) and its qemu-user emulator.
struct TargetSpec {
    const char* name;
    const char* arch;
    const char* triple;
    const char* emulator;
    const char* goArch;
};

const TargetSpec kTargets[] = {
    {"aarch64", "AArch64", "aarch64-linux-gnu", "qemu-aarch64", "arm64"},
    {"riscv64", "RISCV", "riscv64-linux-gnu", "qemu-riscv64", "riscv64"},
    {"ppc64le", "PPC", "powerpc64le-linux-gnu", "qemu-ppc64le", "ppc64le"},
};

RunReport failed(const litmus::LitmusTest& test, const ModelVerdict& verdict, const CrossTarget& target,
                  RunStatus status, std::string message) {
    RunReport r = judge(test, failedRun(status, std::move(message)), verdict);
    r.execution = target.execution();
    return r;
}

}  // namespace

std::string CrossTarget::execution() const {
    return emulated() ? "emulated (" + launcher.front() + ")" : "hardware";
}

std::vector<std::string> targetNames() {
    std::vector<std::string> names;
    for (const auto& t : kTargets) names.emplace_back(t.name);
    return names;
}

std::optional<CrossTarget> findTarget(const std::string& name) {
    const auto* spec = std::find_if(std::begin(kTargets), std::end(kTargets),
                                    [&](const TargetSpec& t) { return name == t.name; });
    if (spec == std::end(kTargets)) return std::nullopt;
    CrossTarget t;
    t.name = name;
    t.arch = spec->arch;
    t.compilerPackage = std::string("g++-") + spec->triple;
    t.emulatorPackage = "qemu-user";
    t.goArch = spec->goArch;
    if (runsNatively(t.arch)) {
        t.cxx = "g++";
        t.cxxFlags = {"-O2", "-pthread"};
    } else {
        // Static: qemu then needs no sysroot of the target, and an emitted binary copied to a
        // board needs no matching C library there.
        t.cxx = std::string(spec->triple) + "-g++";
        t.cxxFlags = {"-O2", "-pthread", "-static"};
        t.launcher = {spec->emulator};
    }
    return t;
}

void applyTarget(const CrossTarget& target, RunOptions& options, bool keepCxx) {
    if (!keepCxx) options.cxx = target.cxx;
    options.cxxFlags = target.cxxFlags;
    options.launcher = target.launcher;
    options.goArch = target.goArch;
}

namespace {

/// The emulator's problem, when the target is emulated and its emulator cannot run.
std::optional<std::string> emulatorMissing(const CrossTarget& target) {
    if (!target.emulated()) return std::nullopt;
    auto probe = runProcess({target.launcher.front(), "--version"}, 30);
    if (probe.succeeded()) return std::nullopt;
    return "cannot run the emulator '" + target.launcher.front() + "': " + probe.describe() + " (install " +
           target.emulatorPackage + ")";
}

RunReport runGoOnTarget(const litmus::LitmusTest& test, const ModelVerdict& verdict, const RunOptions& options,
                        const CrossTarget& target) {
    if (options.race)
        return failed(test, verdict, target, RunStatus::Unsupported,
                      "--race needs cgo, which a Go test cross-built for " + target.name + " does not have");
    if (auto missing = emulatorMissing(target)) return failed(test, verdict, target, RunStatus::CompilerMissing, *missing);
    RunReport r = runTest(test, verdict, options);
    r.execution = target.execution();
    return r;
}

}  // namespace

RunReport runOnTarget(const litmus::LitmusTest& test, const ModelVerdict& verdict,
                       const RunOptions& options, const CrossTarget& target) {
    if (runKind(test.arch) == RunKind::GoProgram) return runGoOnTarget(test, verdict, options, target);
    auto gen = makeGenerator(test.arch);
    if (!gen || (test.arch != target.arch && !gen->portable()))
        return failed(test, verdict, target, RunStatus::Unsupported,
                      "architecture " + test.arch + " does not run on target " + target.name + " (it runs " +
                          target.arch + " tests)");
    Diagnostics diags;
    auto source = generateHarness(test, *gen, verdict, diags);
    if (!source) {
        std::ostringstream msg;
        diags.print(msg);
        return failed(test, verdict, target, RunStatus::Unsupported, outputTail(msg.str()));
    }
    if (auto missing = emulatorMissing(target)) return failed(test, verdict, target, RunStatus::CompilerMissing, *missing);
    HarnessRun run = compileAndRun(*source, options);
    if (run.status == RunStatus::CompilerMissing)
        run.message += " (install " + target.compilerPackage + ", or run scripts/setup.sh --cross)";
    RunReport r = judge(test, run, verdict);
    r.execution = target.execution();
    return r;
}

}  // namespace memlit::runner
