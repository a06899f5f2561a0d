#include "cli/Cli.hpp"

namespace memlit::cli {

namespace {
const char* const kUsage =
    "usage: memlit <command> [options] [args]\n"
    "\n"
    "commands:\n"
    "  check   list the outcomes a memory model allows for litmus tests\n"
    "\n"
    "options:\n"
    "  --help      show this help\n"
    "  --version   show the version\n";
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        err << kUsage;
        return ExitUsage;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        out << kUsage;
        return ExitOk;
    }
    if (args[0] == "--version") {
        out << "memlit " << MEMLIT_VERSION << '\n';
        return ExitOk;
    }
    err << "memlit: error: unknown command '" << args[0] << "'\n" << kUsage;
    return ExitUsage;
}

}  // namespace memlit::cli
