#pragma once
/// GoHalts: the ways a Go program stops without a final state (a panic of each kind, a
/// deadlock) as outcome labels that a real run and the model's halts share, so a run's
/// histogram can count them and judge them against the model.

#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

/// The label of a deadlock: every goroutine asleep, or a wait the watchdog saw never end.
inline constexpr const char* kGoDeadlock = "deadlock";

/// `panic: nil dereference`, `panic: index out of range`, `panic: integer divide by zero`,
/// `panic: concurrent map writes`, `panic: boom` (an explicit panic("boom")), ... from Go's
/// message or the model's halt text (with or without `panic: `, `fatal error: `,
/// `runtime error: `, `sync: `); Go's "all goroutines are asleep" is kGoDeadlock.
std::string goHaltLabel(const std::string& message);

/// The halt a Go process's stderr reports (its first `panic: ` or `fatal error: `), or
/// nullopt when it reports none.
std::optional<std::string> goRunHalt(const std::string& err);

}  // namespace memlit::runner
