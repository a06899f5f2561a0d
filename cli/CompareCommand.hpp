#pragma once
/// `memlit compare BASELINE.json NEW.json [--strict]`: what changed between two hardware runs.

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

/// `args` are the words after `compare`. Exit: 0 no forbidden state in NEW (and, with
/// --strict, no new state and no test lost), 1 otherwise, 2 usage or unreadable JSON.
int compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace memlit::cli
