#include "runner/Interrupt.hpp"

#include <atomic>
#include <csignal>

#include <signal.h>

namespace memlit::runner {

namespace {

// Lock-free atomics: the only things a signal handler may touch.
std::atomic<int> gSignal{0};
std::atomic<int> gChild{0};
struct sigaction gOldInt, gOldTerm;

void onSignal(int sig) {
    gSignal.store(sig);
    const int child = gChild.load();
    if (child > 0) ::kill(-child, sig);
}

}  // namespace

InterruptGuard::InterruptGuard() {
    gSignal.store(0);
    struct sigaction sa {};
    sa.sa_handler = &onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll in runProcess returns EINTR
    ::sigaction(SIGINT, &sa, &gOldInt);
    ::sigaction(SIGTERM, &sa, &gOldTerm);
}

InterruptGuard::~InterruptGuard() {
    ::sigaction(SIGINT, &gOldInt, nullptr);
    ::sigaction(SIGTERM, &gOldTerm, nullptr);
}

int interruptSignal() { return gSignal.load(); }

const std::atomic<int>& interruptFlag() { return gSignal; }

void setForegroundChild(int pgid) { gChild.store(pgid); }

}  // namespace memlit::runner
