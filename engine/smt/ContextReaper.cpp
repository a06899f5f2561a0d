#include "engine/smt/ContextReaper.hpp"

#include <z3++.h>

#include <atomic>

namespace memlit::engine::smt {

namespace {
/// Contexts retired and not yet freed, over every reaper of the process.
std::atomic<int> pending{0};
}  // namespace

ContextReaper::ContextReaper() = default;

ContextReaper::~ContextReaper() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ContextReaper::retire(std::unique_ptr<z3::context> ctx) {
    if (!ctx) return;
    ++pending;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(ctx));
        if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
    }
    wake_.notify_all();
}

bool ContextReaper::freeing() {
    return pending.load() > 0;
}

void ContextReaper::loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return done_ || !queue_.empty(); });
        if (queue_.empty()) return;  // done, and nothing left to free
        std::unique_ptr<z3::context> next = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        next.reset();
        --pending;
        lock.lock();
    }
}

}  // namespace memlit::engine::smt
