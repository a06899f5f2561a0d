#include "engine/smt/Watchdog.hpp"

#include <z3++.h>

#include <algorithm>

namespace memlit::engine::smt {

Watchdog::Watchdog(z3::context& ctx, const Budget& budget) {
    if (!budget.deadline() && !budget.watchesStop()) return;
    thread_ = std::thread([this, &ctx, &budget] {
        // With a stop flag, look at it every 20 ms (a signal handler cannot wake this thread).
        const auto poll = std::chrono::milliseconds(20);
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            auto until = budget.deadline() ? *budget.deadline() : Budget::Clock::now() + poll;
            if (budget.watchesStop()) until = std::min(until, Budget::Clock::now() + poll);
            if (wake_.wait_until(lock, until, [this] { return done_; })) return;
            if (budget.stopped() || budget.expired()) break;
        }
        fired_ = true;
        ctx.interrupt();
    });
}

void Watchdog::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

Watchdog::~Watchdog() { stop(); }

bool Watchdog::fired() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return fired_;
}

}  // namespace memlit::engine::smt
