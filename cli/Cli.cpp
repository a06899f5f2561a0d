#include "cli/Cli.hpp"

#include "cli/CheckCommand.hpp"
#include "cli/CompareCommand.hpp"
#include "cli/ExplainCommand.hpp"
#include "cli/MergeCommand.hpp"
#include "cli/Options.hpp"
#include "cli/RunCommand.hpp"
#include "cli/ServeCommand.hpp"
#include "support/Diagnostics.hpp"

namespace memlit::cli {

namespace {

ExitCode dispatch(const TopLevelArgs& a, std::ostream& out, std::ostream& err, Lifetime lifetime) {
    if (a.command == "check") return checkCommand(a.args, out, err, lifetime);
    if (a.command == "explain") return explainCommand(a.args, out, err);
    if (a.command == "run") return runCommand(a.args, out, err);
    if (a.command == "compare") return compareCommand(a.args, out, err);
    if (a.command == "merge") return mergeCommand(a.args, out, err);
    if (a.command == "serve") return serveCommand(a.args, out, err);
    err << "memlit: error: unknown command '" << a.command << "'\n" << usage(Command::TopLevel);
    return ExitUsage;
}

}  // namespace

ExitCode run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, Lifetime lifetime) {
    try {
        TopLevelArgs a;
        if (auto stop = parseTopLevel(args, a, out, err)) return *stop;
        return dispatch(a, out, err, lifetime);
    } catch (const InternalError& e) {
        err << "memlit: internal error: " << e.what() << '\n';
        return ExitInternal;
    } catch (const std::exception& e) {
        err << "memlit: internal error: " << e.what() << '\n';
        return ExitInternal;
    }
}

}  // namespace memlit::cli
