#pragma once
/// `memlit check --svg FILE --dot FILE`: a witness execution of every allowed state of every
/// input test, drawn after the check itself (docs/cli.md).

#include "cli/ExitCode.hpp"
#include "cli/Options.hpp"
#include "litmus/Inputs.hpp"

#include <ostream>
#include <vector>

namespace memlit::cli {

/// Draws the pictures `a` asks for; a test that cannot be checked is left out (check reports
/// it). ExitInputError when a picture file cannot be written, else ExitOk.
ExitCode writeCheckPictures(const CheckArgs& a, const std::vector<litmus::Input>& inputs, std::ostream& err);

}  // namespace memlit::cli
