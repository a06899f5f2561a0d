#pragma once
/// ContextReaper: frees retired Z3 contexts on a thread of its own. A context the watchdog
/// interrupted at a test's `--timeout` stays cancelled and is dropped; freeing it can take
/// several times the whole timeout (seconds, all inside `Z3_del_context`, for a large
/// cancelled formula), so the engine hands it over and the test's answer is not held up.
/// Destroying the reaper waits until every retired context is freed. A process that ends
/// without destroying it (cli's Lifetime::Process) asks `freeing()` first and, while a
/// context is still being freed, ends with `std::_Exit`, so that no Z3 code runs while the
/// process tears down (cli/main.cpp).

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace z3 {
class context;
}

namespace memlit::engine::smt {

class ContextReaper {
public:
    ContextReaper();
    ~ContextReaper();
    ContextReaper(const ContextReaper&) = delete;
    ContextReaper& operator=(const ContextReaper&) = delete;

    /// Takes `ctx` (nothing else may refer to it any more) and frees it in the background.
    void retire(std::unique_ptr<z3::context> ctx);

    /// Whether any reaper of the process still has a context to free.
    static bool freeing();

private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<z3::context>> queue_;
    bool done_ = false;
    std::thread thread_;  // started by the first `retire`
};

}  // namespace memlit::engine::smt
