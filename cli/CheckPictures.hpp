#pragma once
/// `memlit check --svg FILE --dot FILE`: the witness of every allowed state of every test the
/// run checked, which each TestChecker found right after its check (docs/cli.md), drawn into
/// one file each.

#include "cli/ExitCode.hpp"
#include "cli/Options.hpp"
#include "cli/TestChecker.hpp"

#include <ostream>
#include <vector>

namespace memlit::cli {

/// Writes the pictures `a` asks for. ExitInputError when a picture file cannot be written,
/// else ExitOk.
ExitCode writeCheckPictures(const CheckArgs& a, const std::vector<CheckPicture>& witnesses, std::ostream& err);

}  // namespace memlit::cli
