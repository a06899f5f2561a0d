#pragma once
/// `memlit run`: runs litmus tests on this machine's hardware through generated harnesses and
/// prints litmus7's histogram block next to the model's verdict on every observed state.

#include "runner/Runner.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// `args` are the words after `run`. Exit: 0 nothing forbidden seen, 1 a state the model
/// forbids was observed, 2 usage error or a test that could not be run (the batch goes on).
int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// litmus7's block for one test (`Test`, `Histogram`, `Ok`/`No`, `Witnesses`, `Condition`,
/// `Observation`, `Time`), with `!` on states the model forbids and the model's unseen states.
void printRunReport(std::ostream& out, const runner::RunReport& report);

}  // namespace memlit::cli
