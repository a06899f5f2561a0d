#pragma once
/// `memlit compare BASELINE.json NEW.json [--strict]`: what changed between two hardware runs.

#include "cli/ExitCode.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// `args` are the words after `compare`. Exit: ExitOk when NEW shows no forbidden state (and,
/// with --strict, no new state and no test lost); ExitForbidden or ExitRegression otherwise;
/// ExitUsage on a bad command line, ExitNotRun when a result file is unreadable.
ExitCode compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace memlit::cli
