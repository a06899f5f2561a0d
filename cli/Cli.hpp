#pragma once
/// The `memlit` command line: `run` parses arguments, dispatches to a subcommand and returns
/// the exit status; it never ends the process itself, so every path is testable in-process.

#include "cli/ExitCode.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// How the caller lives on after `run`.
enum class Lifetime {
    Library,  // in-process callers (tests): free everything
    Process,  // `main`: the process ends right after; skip freeing the Z3 context, which costs
              // as much as checking a small test (the OS reclaims the memory anyway)
};

ExitCode run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             Lifetime lifetime = Lifetime::Library);

}  // namespace memlit::cli
