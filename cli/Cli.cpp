#include "cli/Cli.hpp"

#include "cli/CheckCommand.hpp"
#include "cli/CompareCommand.hpp"
#include "cli/RunCommand.hpp"
#include "support/Diagnostics.hpp"

namespace memlit::cli {

namespace {
const char* const kUsage =
    "usage: memlit <command> [options] [args]\n"
    "\n"
    "commands:\n"
    "  check     list the outcomes a memory model allows for litmus tests\n"
    "  run       compile tests, run them on this machine, judge what it did by the model\n"
    "  compare   compare two `run --json` results (CI regression)\n"
    "\n"
    "`memlit <command> --help` describes a command.\n"
    "\n"
    "options:\n"
    "  --help      show this help\n"
    "  --version   show the version\n";
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, Lifetime lifetime) {
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
    std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (args[0] == "check") return checkCommand(rest, out, err, lifetime);
        if (args[0] == "run") return runCommand(rest, out, err);
        if (args[0] == "compare") return compareCommand(rest, out, err);
    } catch (const InternalError& e) {
        err << "memlit: internal error: " << e.what() << '\n';
        return ExitInternal;
    } catch (const std::exception& e) {
        err << "memlit: internal error: " << e.what() << '\n';
        return ExitInternal;
    }
    err << "memlit: error: unknown command '" << args[0] << "'\n" << kUsage;
    return ExitUsage;
}

}  // namespace memlit::cli
