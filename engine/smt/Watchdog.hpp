#pragma once
/// Watchdog: interrupts a Z3 context at a budget's deadline, or when its stop flag is raised. Solver calls get the time that
/// remains as their own limit, but Z3's work outside a check (the first `push` after the axioms
/// are asserted) does not look at that limit; the watchdog's thread calls
/// `z3::context::interrupt` when the deadline passes, which ends its simplifications.
/// An interrupted context stays cancelled, so the engine drops it after a watchdog fired
/// (on a ContextReaper's thread: freeing it can take seconds).

#include "engine/Budget.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace z3 {
class context;
}

namespace memlit::engine::smt {

class Watchdog {
public:
    /// Does nothing when `budget` has neither deadline nor stop flag; `budget` must outlive it.
    Watchdog(z3::context& ctx, const Budget& budget);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    /// Stops the thread; afterwards `fired()` no longer changes.
    void stop();
    /// Whether the deadline passed while the watchdog ran (the context is then cancelled).
    bool fired() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    bool fired_ = false;
    std::thread thread_;
};

}  // namespace memlit::engine::smt
