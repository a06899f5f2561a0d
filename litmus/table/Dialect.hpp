#pragma once
/// Dialect: what one architecture's front end provides (lowering one thread-table cell to IR
/// ops), the per-thread builder it lowers into, and the registry of known dialects.
/// Adding a dialect = one new file defining `const Dialect& fooDialect()` plus its line in
/// the registry in Dialect.cpp.

#include "support/Diagnostics.hpp"
#include "litmus/Program.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

/// Per-thread lowering state: the ops emitted so far, fresh temporaries, labels and rmw ids.
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

/// One architecture's syntax. Plain function pointers: a dialect has no state of its own.
struct Dialect {
    /// The architecture name of the header line ("X86", "X86_64", ...).
    std::string_view name;
    /// Lowers one non-empty cell of the thread table, starting at `loc` (a label `L:` in front
    /// of it is already handled). Reports diagnostics through `out`; returns false on error.
    bool (*lowerCell)(std::string_view cell, SourceLoc loc, ThreadBuilder& out);
    /// The IR name of a register written `name` in the init or the condition (`EAX`, `rax`).
    std::string (*registerName)(std::string_view name);
};

/// The dialect for a header's architecture name, or nullptr.
const Dialect* findDialect(std::string_view arch);
std::vector<std::string_view> dialectNames();

/// Splits a leading `L:` label off a cell: returns the label name (empty if none) and sets
/// `rest` to the offset of what follows it.
std::string_view splitLabel(std::string_view cell, std::size_t& rest);

}  // namespace memlit::litmus
