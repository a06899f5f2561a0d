#pragma once
/// Input: one entry of an expanded command line — a litmus file to read, or an input that
/// yields no test (a missing file, an index file that cannot be read or includes itself),
/// kept with the diagnostic that says why, so a batch reports a result for every input.

#include "support/Diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::litmus {

struct Input {
    std::string path;
    std::optional<Diagnostic> problem;  // set: the input yields no test, for this reason
};

/// As expandInputs (litmus/Parser.hpp), in the same order, with each input that yields no
/// test in its place; its diagnostic goes to `diags` too.
std::vector<Input> expandInputList(const std::vector<std::string>& args, Diagnostics& diags);

}  // namespace memlit::litmus
