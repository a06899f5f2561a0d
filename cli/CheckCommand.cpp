#include "cli/CheckCommand.hpp"

#include "cli/CheckBatch.hpp"
#include "cli/CheckPictures.hpp"
#include "cli/Options.hpp"
#include "cli/Progress.hpp"
#include "cli/ResultLog.hpp"
#include "litmus/Architecture.hpp"
#include "litmus/Inputs.hpp"

#include <memory>
#include <unistd.h>

namespace memlit::cli {

namespace {

/// The exit status a result line stands for (docs/cli.md).
ExitCode statusOf(const std::string& status) {
    if (status == "ok") return ExitOk;
    if (status == "unknown") return ExitSolverUnknown;
    return ExitInputError;
}

/// The tests this run checks: its shard of the inputs, less those --resume finds done, whose
/// statuses go into `previous`. False with diagnostics when the log belongs to another run.
bool selectItems(const CheckArgs& a, const std::vector<litmus::Input>& inputs, const ResultLog* log,
                 std::vector<BatchItem>& items, ExitCode& previous, Diagnostics& diags) {
    auto mine = [&](std::size_t i) { return i % a.shardCount == a.shardIndex - 1; };
    if (log)
        for (const auto& [i, r] : log->previous())
            if (r.total != inputs.size() || !mine(i) || inputs[i].path != r.file) {
                diags.error(log->path(), {}, "holds a result for '" + r.file + "' (input " + std::to_string(i + 1) +
                                                 " of " + std::to_string(r.total) +
                                                 ") that is not one of this run's; --resume needs the same inputs "
                                                 "and --shard");
                return false;
            }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (!mine(i)) continue;
        if (log) {
            auto done = log->previous().find(i);
            if (done != log->previous().end()) {
                previous = worseCheckStatus(previous, statusOf(done->second.status));
                continue;
            }
        }
        items.push_back({inputs[i], i});
    }
    return true;
}

}  // namespace

std::string defaultModelFor(const std::string& arch) {
    const litmus::Architecture* a = litmus::findArchitecture(arch);
    return a ? std::string(a->defaultModel) : "sc";
}

ExitCode checkCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                      Lifetime lifetime) {
    CheckArgs a;
    if (auto stop = parseCheck(args, a, out, err)) return *stop;
    Diagnostics inputDiags;  // each input that yields no test reports its problem as its result
    const std::vector<litmus::Input> inputs = litmus::expandInputList(a.inputs, inputDiags);
    Diagnostics diags;
    std::unique_ptr<ResultLog> log;
    if (!a.output.empty() && !(log = ResultLog::open(a.output, a.resume, diags))) {
        diags.print(err);
        return ExitUsage;
    }
    std::vector<BatchItem> items;
    ExitCode previous = ExitOk;
    if (!selectItems(a, inputs, log.get(), items, previous, diags)) {
        diags.print(err);
        return ExitUsage;
    }
    const bool terminal = lifetime == Lifetime::Process && !a.quiet && ::isatty(STDERR_FILENO);
    Progress progress(err, items.size(), terminal);
    CheckBatch batch(a, std::move(items), inputs.size(), log.get(), &progress, out, err);
    const ExitCode status = batch.run(lifetime);
    if (status == ExitInternal) return status;
    const ExitCode drawn = writeCheckPictures(a, batch.pictures(), err);
    return worseCheckStatus(worseCheckStatus(previous, status), drawn);
}

}  // namespace memlit::cli
