#pragma once
/// Declines of tests whose events a herd model would read differently from memlit's
/// (docs/c.md, "The stock model's sets"; docs/conformance.md counts them; unfinished):
///
/// - herd's lock.cat (the stock linux-kernel.cat includes it) defines the lock events itself:
///   LKR, LKW, UL, LF, RL and RU are herd events outside R, W and M, which the model adds
///   (`let R = R | LKR | LF | RU`) with an rf and a co of its own making. memlit's C front end
///   makes spin_lock a read tagged LKR and a write tagged LKW, spin_unlock a write tagged UL, a
///   failed spin_trylock and spin_is_locked a read tagged LF: already in R, W and M, with the
///   engines' rf and co.
/// - herd's srcu_read_lock returns a fresh index and srcu_read_unlock's value is the index it
///   is given, which the stock bell compares with `different-values(srcu-rscs)`; memlit's SRCU
///   calls are reads of the srcu_struct (both read what it holds).

#include "cat/Ast.hpp"
#include "engine/PreparedTest.hpp"
#include "support/Diagnostics.hpp"

#include <optional>
#include <string>

namespace memlit::engine {

/// The first top-level `let R`, `let W` or `let M` of `model` whose body names a lock event
/// set (LKR LKW UL LF RL RU), as "file:line", or nullopt.
std::optional<std::string> ownLockEventsAt(const cat::Model& model);

/// The first top-level statement of `model` that calls `different-values`, as "file:line".
std::optional<std::string> differentValuesAt(const cat::Model& model);

/// False, with `unsupported feature: ...` at the test's first such event, when `model`
/// defines its own lock events (ownLockEventsAt) and `test` has events tagged LKR, LKW, UL or
/// LF, or when `model` calls different-values and `test` has events tagged Srcu-unlock.
bool declineHerdEvents(const PreparedTest& test, const cat::Model& model, Diagnostics& diags);

}  // namespace memlit::engine
