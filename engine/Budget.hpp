#pragma once
/// Budget: what checking one test may spend — a wall-clock deadline and a ceiling on the
/// process's resident memory, and a stop flag its caller may raise (a signal during
/// `memlit run`) — and BudgetExceeded, which ends the check when any has run out. The engines call `check()` at safe points (each candidate execution, each relation
/// the Z3 encoding builds, before each solver call) and give Z3 only the time that remains, so
/// a test stops within moments of its deadline however it is being checked.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>

namespace memlit::engine {

/// Thrown by Budget::check. The caller (cli/) turns it into the verdict `Unknown (timeout)` or
/// `Unknown (memory)`, or (Stopped) abandons the test; the engines do not catch it.
struct BudgetExceeded : std::exception {
    enum class Kind { Time, Memory, Stopped };
    explicit BudgetExceeded(Kind k) : kind(k) {}
    const char* what() const noexcept override {
        return kind == Kind::Time ? "time budget exhausted"
               : kind == Kind::Memory ? "memory budget exhausted"
                                      : "stopped";
    }
    Kind kind;
};

/// One test's budget. Unlimited by default. Not shared between threads: each worker checks its
/// own test's budget (the memory it looks at is the whole process's).
class Budget {
public:
    using Clock = std::chrono::steady_clock;

    Budget() = default;
    /// `deadline`: nullopt for none; `maxResidentBytes`: 0 for none.
    /// `stop`: a flag outliving the check, non-zero when the check must end (nullptr: none).
    Budget(std::optional<Clock::time_point> deadline, std::uint64_t maxResidentBytes,
           const std::atomic<int>* stop = nullptr)
        : deadline_(deadline), maxResident_(maxResidentBytes), stop_(stop) {}

    /// Throws BudgetExceeded when the deadline has passed or the process's resident memory is
    /// above the ceiling (read at most every few milliseconds: reading it costs a system call).
    void check() const;
    bool expired() const { return deadline_ && Clock::now() >= *deadline_; }
    const std::optional<Clock::time_point>& deadline() const { return deadline_; }
    bool stopped() const { return stop_ && stop_->load() != 0; }
    bool watchesStop() const { return stop_ != nullptr; }
    /// Whole milliseconds left, rounded up, for a solver's time limit; nullopt without deadline.
    std::optional<unsigned> remainingMs() const;
    /// This budget with its deadline brought forward to `by` if that is earlier (the same
    /// memory ceiling and stop flag): for an attempt that must leave time to what follows.
    Budget until(Clock::time_point by) const {
        Budget b = *this;
        if (!b.deadline_ || by < *b.deadline_) b.deadline_ = by;
        return b;
    }

private:
    std::optional<Clock::time_point> deadline_;
    std::uint64_t maxResident_ = 0;
    const std::atomic<int>* stop_ = nullptr;
    mutable Clock::time_point nextMemoryLook_{};
};

/// The resident memory of this process in bytes (Linux /proc/self/statm); 0 when unknown.
std::uint64_t residentBytes();

}  // namespace memlit::engine
