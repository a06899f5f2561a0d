#include "cli/MergeCommand.hpp"

#include "cli/CheckBatch.hpp"
#include "cli/Options.hpp"
#include "report/Report.hpp"

#include <fstream>
#include <optional>

namespace memlit::cli {

namespace {

/// One result line and where it was read.
struct Held {
    std::string line;
    std::string where;  // FILE:LINE
    ExitCode status = ExitOk;
};

ExitCode statusOfLine(const std::string& status) {
    if (status == "ok") return ExitOk;
    if (status == "unknown") return ExitSolverUnknown;
    return ExitInputError;
}

/// Reads every line of `file` into `held`, by index; false with diagnostics on a bad line, a
/// result of another run (another total) or a test already held.
bool readFile(const std::string& file, std::vector<std::optional<Held>>& held, std::size_t& total,
              Diagnostics& diags) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        diags.error(file, {}, "cannot open result file");
        return false;
    }
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n) {
        std::string error;
        auto r = report::readResultLine(line, error);
        if (!r) {
            diags.error(file, {n, 1}, error);
            return false;
        }
        if (total == 0) {
            total = r->total;
            held.resize(total);
        } else if (r->total != total) {
            diags.error(file, {n, 1}, "a result of a run of " + std::to_string(r->total) +
                                          " inputs, not " + std::to_string(total) + " as the others");
            return false;
        }
        const std::string where = file + ":" + std::to_string(n);
        if (held[r->index]) {
            diags.error(file, {n, 1}, "input " + std::to_string(r->index + 1) + " ('" + r->file +
                                          "') has a result already, at " + held[r->index]->where);
            return false;
        }
        held[r->index] = Held{line, where, statusOfLine(r->status)};
    }
    return true;
}

/// Reports the inputs no file holds; false when there is one.
bool complete(const std::vector<std::optional<Held>>& held, std::ostream& err) {
    std::size_t missing = 0;
    std::string first;
    for (std::size_t i = 0; i < held.size(); ++i)
        if (!held[i] && missing++ < 10) first += (first.empty() ? "" : ", ") + std::to_string(i + 1);
    if (missing == 0) return true;
    err << "memlit merge: error: " << missing << " of " << held.size() << " inputs have no result (input "
        << first << (missing > 10 ? ", ..." : "") << "): a shard is missing or did not finish\n";
    return false;
}

}  // namespace

ExitCode mergeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    MergeArgs a;
    if (auto stop = parseMerge(args, a, out, err)) return *stop;
    std::vector<std::optional<Held>> held;
    std::size_t total = 0;
    Diagnostics diags;
    for (const auto& f : a.files)
        if (!readFile(f, held, total, diags)) {
            diags.print(err);
            return ExitUsage;
        }
    if (!complete(held, err)) return ExitUsage;
    ExitCode status = ExitOk;
    for (const auto& h : held) {
        status = worseCheckStatus(status, h->status);
        if (a.json) out << h->line << '\n';
        else if (!report::printTextFromJson(out, h->line)) return ExitInternal;  // read as JSON above
    }
    return status;
}

}  // namespace memlit::cli
