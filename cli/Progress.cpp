#include "cli/Progress.hpp"

#include <cstdio>

namespace memlit::cli {

Progress::Progress(std::ostream& err, std::size_t total, bool enabled)
    : err_(err), total_(total), enabled_(enabled && total > 0) {}

void Progress::finished(const std::string& name, double seconds) {
    ++done_;
    if (seconds > slowestSeconds_) {
        slowestSeconds_ = seconds;
        slowest_ = name;
    }
    if (!enabled_) return;
    const Clock::time_point now = Clock::now();
    if (done_ != 1 && done_ != total_ && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    redraw();
}

std::string Progress::line() const {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu/%zu done, %.1f tests/s", done_, total_, rate);
    std::string out = std::string("memlit check: ") + buf;
    if (done_ > 0) {
        std::snprintf(buf, sizeof buf, ", slowest %.2f s (", slowestSeconds_);
        out += buf + slowest_ + ")";
    }
    if (done_ > 0 && done_ < total_ && rate > 0) {
        std::snprintf(buf, sizeof buf, ", ETA %.0f s", static_cast<double>(total_ - done_) / rate);
        out += buf;
    }
    return out;
}

void Progress::hide() {
    if (!shown_) return;
    err_ << "\r\033[K" << std::flush;
    shown_ = false;
}

void Progress::redraw() {
    if (!enabled_ || done_ == 0) return;
    err_ << "\r\033[K" << line() << std::flush;
    shown_ = true;
}

}  // namespace memlit::cli
