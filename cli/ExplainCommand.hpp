#pragma once
/// `memlit explain`: why a model allows or forbids the outcomes of one test, in words, as
/// JSON and as pictures (report/Explain.hpp).

#include "cli/ExitCode.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// `args` are the words after `explain`. Exit: ExitOk, ExitInputError (the test could not be
/// explained, or a picture not written), ExitSolverUnknown (a limit was hit) or ExitUsage.
ExitCode explainCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Writes `text` to `path`; false with a message on `err` when it cannot.
bool writePicture(const std::string& path, const std::string& text, std::ostream& err);

}  // namespace memlit::cli
