#pragma once
/// `memlit run`: runs litmus tests on this machine's hardware through generated harnesses and
/// prints litmus7's histogram block next to the model's verdict on every observed state.

#include "cli/ExitCode.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// `args` are the words after `run`. Exit: ExitOk when nothing forbidden was seen,
/// ExitForbidden when a state the model forbids was observed, ExitUsage on a bad command line
/// and ExitNotRun when a test could not be run (the batch goes on).
ExitCode runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace memlit::cli
