#pragma once
/// `memlit serve`: the web playground (web/Server.hpp) until SIGINT or SIGTERM.

#include "cli/ExitCode.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

ExitCode serveCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace memlit::cli
