#pragma once
/// Interrupt: SIGINT and SIGTERM during `memlit run`. While an InterruptGuard lives, either
/// signal is recorded and forwarded to the process group of the child runProcess is waiting
/// for (a harness, a compiler), which then ends; the run stops after it. Signals are
/// process-wide, so this is the one piece of process-global state of the runner.

#include <atomic>

namespace memlit::runner {

class InterruptGuard {
public:
    InterruptGuard();   // installs the handlers
    ~InterruptGuard();  // restores the previous ones
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
};

/// The signal received while a guard was installed, or 0.
int interruptSignal();

/// The same, as the flag a check's engine::Budget watches, so a long model check ends too.
const std::atomic<int>& interruptFlag();

/// The process group runProcess waits for (0: none), where the handler forwards a signal.
void setForegroundChild(int pgid);

}  // namespace memlit::runner
