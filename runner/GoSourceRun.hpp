#pragma once
/// GoSourceRun: `memlit run prog.go`. The program is built as the user wrote it (no rewriting
/// at all) and run many times, one process per iteration: each run starts from Go's own
/// initialization of the package, a fatal error ("concurrent map writes") ends only its own
/// run, and a run that does not end within goRoundTimeout is a deadlock. What each run
/// prints (main's fmt.Println/Printf of integers and booleans, the model's out1, out2, ...)
/// is its final state; a run that panics or deadlocks counts as that halt (GoHalts.hpp).

#include "litmus/LitmusTest.hpp"
#include "runner/Runner.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

/// The printed values of one run, in order: the integers and booleans (1, 0) among the words
/// of `out` (split at blanks and at `=`, `,`, `:`, `(`, `)`, `[`, `]`); other words are the
/// program's string literals and are skipped.
std::vector<long long> goPrintedValues(const std::string& out);

/// Builds and runs the `.go` program of `test` (its program text) under `options`.
HarnessRun runGoSource(const litmus::LitmusTest& test, const RunOptions& options);

}  // namespace memlit::runner
