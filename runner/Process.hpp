#pragma once
/// Child processes for the hardware runner: run a command with a time limit in its own process
/// group (so a hung harness and everything it started can be killed), and a private temporary
/// directory that removes itself.

#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

struct ProcessResult {
    enum class Status { Exited, Signaled, TimedOut, SpawnFailed, Interrupted };
    Status status = Status::SpawnFailed;
    int exitCode = -1;    // Exited
    int signal = 0;       // Signaled; Interrupted: the signal memlit received
    std::string out;      // captured stdout
    std::string err;      // captured stderr
    std::string error;    // SpawnFailed: why (e.g. "No such file or directory")
    double seconds = 0;   // wall time

    bool succeeded() const { return status == Status::Exited && exitCode == 0; }
    /// "exited with status 3", "killed by signal 11 (Segmentation fault)", "timed out after 2 s", ...
    std::string describe() const;
};

/// Runs `argv` (argv[0] looked up in PATH) in a new process group, capturing stdout and stderr.
/// After `timeoutSeconds` (<= 0: no limit) the whole group is killed with SIGKILL. Every path
/// reaps the child; the group is also killed when the child exits, so no stray process remains.
ProcessResult runProcess(const std::vector<std::string>& argv, double timeoutSeconds,
                         const std::string& workDir = {});

/// A directory made by mkdtemp under $TMPDIR (or /tmp), removed with its contents on destruction.
/// A guard process (`/bin/sh`, waiting on a pipe only memlit holds) removes it too when memlit
/// dies without running the destructor (SIGKILL, a crash): no directory is left behind.
class TempDir {
public:
    static std::optional<TempDir> create(const std::string& prefix, std::string& error);
    TempDir(TempDir&& o) noexcept { take(o); }
    TempDir& operator=(TempDir&& o) noexcept;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    const std::string& path() const { return path_; }

private:
    explicit TempDir(std::string p) : path_(std::move(p)) {}
    void take(TempDir& o) noexcept;
    void remove();
    std::string path_;
    int guardPipe_ = -1;  // the write end; closing it lets the guard run
    int guardPid_ = -1;
};

}  // namespace memlit::runner
