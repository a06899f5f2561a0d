#pragma once
/// Runner: one litmus test on the hardware. Generates the harness, compiles it with the system
/// compiler in a private temporary directory, runs it under a time limit, reads back the
/// histogram of final states and judges each state against the model's allowed states.

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"
#include "litmus/State.hpp"
#include "runner/HarnessSource.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

struct RunOptions {
    std::string cxx = "g++";
    std::vector<std::string> cxxFlags = {"-O2", "-pthread"};
    std::uint64_t iterations = 0;  // 0: as many as fit in `seconds`
    double seconds = 1.0;          // run time per test; 0 with iterations set: no time limit
    double timeout = 60;           // the harness is killed after this many seconds
    double compileTimeout = 120;
    std::uint64_t instances = 1000;  // test instances each thread works through per round
    std::uint64_t syncEvery = 32;    // instances between two start lines the threads share
    unsigned workers = 0;            // at most this many CPUs run the test's threads; 0: all
    std::string go = "go";           // Go tests: the Go toolchain
    bool race = false;               // Go tests: build with `go build -race`
    std::vector<std::string> launcher;  // runs the harness (qemu-aarch64 BIN ...); empty: directly
    std::string goArch;              // Go tests: GOARCH to build for (--target); empty: the host
    bool untilCovered = false;       // stop a test once every allowed state has been seen
    std::string cacheDir;            // compiled harnesses by source (HarnessCache); empty: none
};

enum class RunStatus {
    Ok,
    Unsupported,    // no generator, foreign architecture, or an instruction memlit cannot emit
    InputError,     // the test or the model could not be used
    CompilerMissing,
    CompileFailed,
    Crashed,        // the harness died on a signal or exited non-zero
    TimedOut,       // killed after RunOptions::timeout
    BadOutput,      // the harness printed something memlit cannot read
    Interrupted,    // memlit received SIGINT or SIGTERM while the test was built or ran
};

/// "ok", "unsupported", "input-error", "compiler-missing", "compile-error", "crash", "timeout",
/// "bad-output": the JSON spelling.
std::string statusName(RunStatus s);
std::optional<RunStatus> parseStatusName(const std::string& s);

struct ObservedState {
    litmus::State state;
    std::uint64_t count = 0;
    std::string halt{};  // Go: the runs halted so (GoHalts.hpp label) and have no state
    bool operator==(const ObservedState&) const = default;
};

/// What one harness run produced.
struct HarnessRun {
    RunStatus status = RunStatus::Ok;
    std::string message;  // why, when status is not Ok (compiler diagnostics, signal, ...)
    int threads = 0;
    int cpus = 0;
    bool pinned = false;
    int workers = 0;  // OS threads that ran the test's threads (fewer when CPUs are fewer)
    std::uint64_t iterations = 0;
    double seconds = 0;
    std::vector<ObservedState> histogram;  // in herd's state order
    std::optional<bool> raceDetected;      // Go with --race: did Go's race detector fire
};

/// Reads the harness's stdout protocol (see HarnessRuntime.cpp) into a HarnessRun.
/// The same state may come in several lines (a Go harness prints its counts as it goes):
/// their counts add up. `partial`: the output of a harness that died, which may end early.
std::optional<HarnessRun> parseHarnessOutput(const std::string& out,
                                             const std::vector<litmus::Place>& places,
                                             std::string& error, bool partial = false);

/// The compiler's first `--version` line, or nullopt with `error` set when it cannot run.
std::optional<std::string> compilerVersion(const std::string& cxx, std::string& error);

/// The compiler command line used for `source` -> `binary` (flags as recorded in the output).
std::vector<std::string> compileCommand(const RunOptions& options, const std::string& source,
                                        const std::string& binary);

/// The last `max` bytes of compiler or harness output, for messages.
std::string outputTail(const std::string& s, std::size_t max = 2000);
/// A run that did not produce a histogram.
HarnessRun failedRun(RunStatus status, std::string message);

/// What differs between building and starting a C++ harness and a Go program.
struct HarnessBuild {
    std::string code;                        // the program's source text
    std::string sourceName;                  // its file name: "harness.cpp", "main.go"
    std::vector<litmus::Place> places;       // the columns its output reports
    std::vector<std::string> buildCommand;   // with SRC and BIN standing for the two paths
    std::string builderName;                 // in messages: "compiler", "go build"
    std::string missingBuilder;              // message when the builder cannot be started
    std::string what;                        // in messages: "the harness", "the Go harness"
    std::vector<std::string> runArgs;        // after the binary
    int raceExitCode = -1;                   // >= 0: the exit status of a run whose race detector fired
    /// A harness that exits non-zero or is killed keeps the states it printed before
    /// (HarnessRun::histogram of a Crashed or TimedOut run); the Go harness prints as it goes.
    bool keepPartial = false;
};

/// Builds and runs a harness in a fresh temporary directory (always removed); with
/// `options.cacheDir`, a binary already compiled from the same source is run instead.
HarnessRun buildAndRun(const HarnessBuild& build, const RunOptions& options);

/// How a generated C++ harness is built and started under `options`.
HarnessBuild cxxHarnessBuild(const HarnessSource& source, const RunOptions& options);

/// Compiles and runs a generated C++ harness.
HarnessRun compileAndRun(const HarnessSource& source, const RunOptions& options);

/// One row of the judged histogram.
struct StateRow {
    litmus::State state;
    std::uint64_t count = 0;
    bool allowed = true;     // the model allows it
    bool satisfies = false;  // the condition's proposition holds
    bool beyondBound = false;  // not allowed, but the model cut a loop: not judged
    bool undefined = false;    // not allowed, but the program races (ModelVerdict::undefinedBy): not judged
    std::string halt{};        // Go: runs that halted so (a panic kind, "deadlock"), without a state
    bool operator==(const StateRow&) const = default;
};

/// A judged run: litmus7's histogram and verdict plus the model's classification.
struct RunReport {
    std::string name, file, arch, model;
    std::string execution = "hardware";  // or "emulated (qemu-aarch64)" (CrossTarget)
    RunStatus status = RunStatus::Ok;
    std::string message;
    litmus::Condition condition;
    std::vector<litmus::Place> places;
    std::vector<StateRow> observed;  // herd's order
    std::vector<StateRow> unseen;    // allowed by the model but never observed (count 0)
    int threads = 0, cpus = 0;
    bool pinned = false;
    int workers = 0;  // as HarnessRun::workers
    std::uint64_t iterations = 0;
    double seconds = 0;
    bool ok = false;                // litmus7's Ok / No
    std::uint64_t positive = 0;     // runs whose final state satisfies the proposition
    std::uint64_t negative = 0;
    std::size_t forbiddenStates = 0;  // distinct observed states (and halts) the model forbids
    std::size_t unjudgedStates = 0;   // distinct observed states beyond the unrolling bound
    std::size_t undefinedStates = 0;  // distinct observed states outside the model of a racy program
    std::string undefinedBy;          // ModelVerdict::undefinedBy
    std::optional<bool> raceDetected;  // Go with --race: Go's race detector fired
    std::optional<bool> modelRace;     // Go with --race: the model flags data-race

    /// True when both race verdicts are known and differ.
    bool raceDisagreement() const { return raceDetected && modelRace && *raceDetected != *modelRace; }

    /// "Never", "Sometimes" or "Always", from positive and negative.
    std::string observation() const;
};

/// Classifies a run's states with the model's allowed set and decides the condition.
RunReport judge(const litmus::LitmusTest& test, const HarnessRun& run, const ModelVerdict& verdict);

/// Generate, compile, run and judge; failures become a report with a non-Ok status.
RunReport runTest(const litmus::LitmusTest& test, const ModelVerdict& verdict,
                   const RunOptions& options);

}  // namespace memlit::runner
