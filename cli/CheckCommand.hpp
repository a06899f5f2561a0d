#pragma once
/// `memlit check`: every allowed outcome of each input test under a model.

#include "cli/Cli.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// `args` are the words after `check`. Exit: ExitOk, ExitInputError (some input could not be
/// checked), ExitSolverUnknown (the solver gave up on some test) or ExitUsage.
ExitCode checkCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                      Lifetime lifetime = Lifetime::Library);

/// The model a test of this architecture is checked against when --model is not given.
std::string defaultModelFor(const std::string& arch);

}  // namespace memlit::cli
