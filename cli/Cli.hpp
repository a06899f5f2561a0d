#pragma once
/// The `memlit` command line: `run` parses arguments, dispatches to a subcommand and returns
/// the exit status; it never ends the process itself, so every path is testable in-process.

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// Exit statuses of the memlit command.
enum ExitCode : int {
    ExitOk = 0,
    ExitInputError = 1,  // a file could not be checked (parse error, missing model, ...)
    ExitUsage = 2,
    ExitSolverUnknown = 3,
    ExitInternal = 70,
};

/// How the caller lives on after `run`.
enum class Lifetime {
    Library,  // in-process callers (tests): free everything
    Process,  // `main`: the process ends right after; skip freeing the Z3 context, which costs
              // as much as checking a small test (the OS reclaims the memory anyway)
};

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        Lifetime lifetime = Lifetime::Library);

}  // namespace memlit::cli
