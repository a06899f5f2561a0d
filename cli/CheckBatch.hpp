#pragma once
/// CheckBatch: the tests of one `check` run, checked by N worker threads (one TestChecker,
/// so one Z3 context, each) and printed in input order as soon as each is next. Workers run at
/// most a window of tests ahead of the printer, so a batch of any size holds only a few
/// dozen results at once. Each result goes to the --output log the moment it is ready.

#include "cli/Cli.hpp"
#include "cli/Options.hpp"
#include "cli/Progress.hpp"
#include "cli/ResultLog.hpp"
#include "cli/SharedModels.hpp"
#include "cli/TestChecker.hpp"
#include "litmus/Inputs.hpp"

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace memlit::cli {

/// One test to check: its input and its place in the whole input list.
struct BatchItem {
    litmus::Input input;
    std::size_t index = 0;
};

class CheckBatch {
public:
    /// `log` and `progress` may be null (no --output; no terminal).
    CheckBatch(const CheckArgs& args, std::vector<BatchItem> items, std::size_t total, ResultLog* log,
               Progress* progress, std::ostream& out, std::ostream& err);

    /// Checks every item; the worst status of its tests (an input error over a limit).
    ExitCode run(Lifetime lifetime);
    /// --svg/--dot: the witnesses of the tests checked, in input order (after run).
    const std::vector<CheckPicture>& pictures() const { return pictures_; }

private:
    void work(TestChecker& checker);
    bool claim(std::size_t& slot);
    void deliver(std::size_t slot, Finished f);
    void print(Finished& f);

    const CheckArgs& args_;
    std::vector<BatchItem> items_;
    std::size_t total_;
    ResultLog* log_;
    Progress* progress_;
    std::ostream& out_;
    std::ostream& err_;
    SharedModels models_;
    unsigned jobs_;
    std::size_t window_;

    std::mutex mutex_;                   // guards everything below, and the streams
    std::condition_variable room_;       // the printer moved on
    std::size_t next_ = 0, printed_ = 0;
    std::map<std::size_t, Finished> ready_;
    std::set<std::string> modelsReported_;
    ExitCode status_ = ExitOk;
    bool mismatch_ = false;  // --expect-from-comments found a test that disagrees
    std::vector<CheckPicture> pictures_;
};

/// The worse of two check statuses: an input error (1) wins over a limit or give-up (3).
ExitCode worseCheckStatus(ExitCode a, ExitCode b);

}  // namespace memlit::cli
