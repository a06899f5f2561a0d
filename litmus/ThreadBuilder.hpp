#pragma once
/// ThreadBuilder: the per-thread state a front end lowers one thread into (a Dialect cell by
/// cell, Go a goroutine at a time) — the ops emitted so far, fresh temporaries, labels and
/// rmw ids, and positioned diagnostics.

#include "support/Diagnostics.hpp"
#include "litmus/Program.hpp"

#include <string>
#include <vector>

namespace memlit::litmus {

/// Internal names start with '%', which no user register or label can.
class ThreadBuilder {
public:
    ThreadBuilder(int thread, const std::string& file, Diagnostics& diags);

    int thread() const { return thread_; }
    void emit(OpKind op, SourceLoc loc) { ops_.push_back({std::move(op), loc}); }
    std::string freshTemp() { return "%t" + std::to_string(temps_++); }   // %t0, %t1, ...
    std::string freshLabel() { return "%L" + std::to_string(labels_++); } // %L0, %L1, ...
    int freshRmw() { return rmws_++; }
    void error(SourceLoc loc, std::string message) { diags_.error(file_, loc, std::move(message)); }
    void unsupported(SourceLoc loc, const std::string& what) { diags_.unsupported(file_, loc, what); }
    const std::vector<Op>& ops() const { return ops_; }
    Thread take();

private:
    int thread_;
    const std::string& file_;
    Diagnostics& diags_;
    std::vector<Op> ops_;
    int temps_ = 0;
    int labels_ = 0;
    int rmws_ = 0;
};

}  // namespace memlit::litmus
