#pragma once
/// Dialect: what one table architecture supplies to the table front end (TableFrontEnd.hpp) —
/// lowering one thread-table cell to IR ops, and the IR spelling of its register names.
/// Adding a table architecture = a Dialect in `litmus/<arch>/` and its record in
/// litmus/Architecture.cpp.

#include "litmus/ThreadBuilder.hpp"

#include <string>
#include <string_view>

namespace memlit::litmus {

/// One architecture's instruction syntax. Plain function pointers: a dialect has no state.
struct Dialect {
    /// Lowers one non-empty cell of the thread table, starting at `loc` (a label `L:` in front
    /// of it is already handled). Reports diagnostics through `out`; returns false on error.
    bool (*lowerCell)(std::string_view cell, SourceLoc loc, ThreadBuilder& out);
    /// The IR name of a register written `name` in the init or the condition (`EAX`, `rax`).
    std::string (*registerName)(std::string_view name);
    /// Whether herd's symbolic registers (`%x0`, one per thread) are registers of the dialect.
    bool symbolicRegisters = false;
};

}  // namespace memlit::litmus
