#pragma once
/// GoGenerator: turns a Go litmus test back into a real Go program that runs its goroutines on
/// many instances of its variables and prints the harness protocol (see HarnessRuntime.cpp),
/// then builds it with the Go toolchain (`go build`, optionally `-race`) and runs it.

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"
#include "runner/Runner.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

struct GoProgram {
    std::string code;                   // main.go
    std::vector<litmus::Place> places;  // columns of the printed states
    int goroutines = 0;                 // declared goroutines (P0, P1, ...)
};

/// The Go program for `test` (arch "Go"); what it cannot run faithfully (observing a pointer, or
/// a local of a goroutine started in a loop, ...) is reported as `unsupported feature`.
std::optional<GoProgram> generateGoProgram(const litmus::LitmusTest& test, Diagnostics& diags);

/// `go build [-race] -o binary source`.
std::vector<std::string> goBuildCommand(const RunOptions& options, const std::string& source,
                                        const std::string& binary);

/// `go version`'s line, or nullopt with `error` set when the toolchain cannot run.
std::optional<std::string> goVersion(const std::string& go, std::string& error);

/// Seconds a round of the Go harness may take before the test counts as blocked.
double goRoundTimeout(const RunOptions& options);

/// Builds and runs `program` in a fresh temporary directory; with `options.race` the result's
/// `raceDetected` says whether Go's race detector reported a race. A round that does not end
/// within goRoundTimeout is a `TimedOut` run saying that the test can block.
HarnessRun buildAndRunGo(const GoProgram& program, const RunOptions& options);

/// Generate, build, run and judge a Go test.
RunReport runGoTest(const litmus::LitmusTest& test, const ModelVerdict& verdict,
                     const RunOptions& options);

}  // namespace memlit::runner
