#pragma once
/// Progress: the one-line progress report of a `check` batch on a terminal's stderr —
/// done/total, rate, the slowest test so far, the time left — redrawn in place with `\r`.

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace memlit::cli {

class Progress {
public:
    /// `total`: the tests this run checks. Nothing is drawn unless `enabled`.
    Progress(std::ostream& err, std::size_t total, bool enabled);

    /// One more test finished (any order); redraws at most ten times a second, and always for
    /// the first and the last test.
    void finished(const std::string& name, double seconds);
    /// Erases the line, before other output goes to the terminal; `redraw()` puts it back.
    void hide();
    void redraw();
    /// The line as it would be drawn now.
    std::string line() const;

private:
    using Clock = std::chrono::steady_clock;
    std::ostream& err_;
    std::size_t total_, done_ = 0;
    bool enabled_, shown_ = false;
    Clock::time_point start_ = Clock::now(), lastDraw_{};
    std::string slowest_;
    double slowestSeconds_ = -1;
};

}  // namespace memlit::cli
