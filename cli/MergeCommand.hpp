#pragma once
/// `memlit merge`: the JSON-lines results of several `check --output` runs (the shards of one
/// batch, a resumed run) as one report, in input order.

#include "cli/ExitCode.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// `args` are the words after `merge`. Exit: as check for the merged results (ExitOk,
/// ExitInputError, ExitSolverUnknown), or ExitUsage for a bad command line, an unreadable
/// file, a test that appears twice or a test of the run that no file holds.
ExitCode mergeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace memlit::cli
