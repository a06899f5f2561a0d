#pragma once
/// declineOwnLockEvents: herd's lock.cat (the stock linux-kernel.cat includes it) defines the
/// lock events itself: LKR, LKW, UL, LF, RL and RU are herd events outside R, W and M, which
/// the model adds (`let R = R | LKR | LF | RU`) with an rf and a co of its own making. memlit's
/// C front end makes spin_lock a read tagged LKR and a write tagged LKW, spin_unlock a write
/// tagged UL, a failed spin_trylock and spin_is_locked a read tagged LF (docs/c.md): already in
/// R, W and M, with the engines' rf and co. Such a model would judge them wrongly, so a test
/// with lock events under it is declined (docs/conformance.md counts them; unfinished).

#include "cat/Ast.hpp"
#include "engine/PreparedTest.hpp"
#include "support/Diagnostics.hpp"

#include <optional>
#include <string>

namespace memlit::engine {

/// The first top-level `let R`, `let W` or `let M` of `model` whose body names a lock event
/// set (LKR LKW UL LF RL RU), as "file:line", or nullopt.
std::optional<std::string> ownLockEventsAt(const cat::Model& model);

/// False, with `unsupported feature: ...` at the test's first lock event, when `model`
/// defines its own lock events (ownLockEventsAt) and `test` has events tagged LKR, LKW, UL or LF.
bool declineOwnLockEvents(const PreparedTest& test, const cat::Model& model, Diagnostics& diags);

}  // namespace memlit::engine
