#include "engine/smt/Watchdog.hpp"

#include <z3++.h>

namespace memlit::engine::smt {

Watchdog::Watchdog(z3::context& ctx, const Budget& budget) {
    const auto& deadline = budget.deadline();
    if (!deadline) return;
    thread_ = std::thread([this, &ctx, at = *deadline] {
        std::unique_lock<std::mutex> lock(mutex_);
        if (wake_.wait_until(lock, at, [this] { return done_; })) return;
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
