#include "runner/Process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace memlit::runner {

namespace {

using Clock = std::chrono::steady_clock;

/// Both ends of a pipe, closed on scope exit.
struct Pipe {
    int fd[2] = {-1, -1};
    bool open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
    void closeEnd(int i) {
        if (fd[i] >= 0) ::close(fd[i]);
        fd[i] = -1;
    }
    ~Pipe() {
        closeEnd(0);
        closeEnd(1);
    }
};

/// Reads what is available on `fd` into `into`; false at end of file or error.
bool drain(int fd, std::string& into) {
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
        into.append(buf, static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && (errno == EINTR || errno == EAGAIN);
}

}  // namespace

std::string ProcessResult::describe() const {
    switch (status) {
    case Status::Exited: return "exited with status " + std::to_string(exitCode);
    case Status::Signaled:
        return "killed by signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
    case Status::TimedOut: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3g", seconds);
        return std::string("timed out after ") + buf + " s and was killed";
    }
    case Status::SpawnFailed: return "could not be started: " + error;
    }
    return "unknown";
}

ProcessResult runProcess(const std::vector<std::string>& argv, double timeoutSeconds,
                         const std::string& workDir) {
    ProcessResult r;
    if (argv.empty()) {
        r.error = "empty command";
        return r;
    }
    Pipe out, err;
    if (!out.open() || !err.open()) {
        r.error = std::string("pipe: ") + std::strerror(errno);
        return r;
    }

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
    if (!workDir.empty()) posix_spawn_file_actions_addchdir_np(&actions, workDir.c_str());
    // A fresh process group: a timeout kills the harness and anything it forked.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t none, dflt;
    sigemptyset(&none);
    sigemptyset(&dflt);
    sigaddset(&dflt, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &dflt);

    std::vector<char*> cargv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);

    auto start = Clock::now();
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, cargv[0], &actions, &attr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    out.closeEnd(1);
    err.closeEnd(1);
    if (rc != 0) {
        r.error = argv[0] + ": " + std::strerror(rc);
        return r;
    }

    bool outOpen = true, errOpen = true, timedOut = false;
    while (outOpen || errOpen) {
        int waitMs = -1;
        if (timeoutSeconds > 0) {
            double left = timeoutSeconds -
                          std::chrono::duration<double>(Clock::now() - start).count();
            if (left <= 0) {
                timedOut = true;
                break;
            }
            waitMs = static_cast<int>(left * 1000) + 1;
        }
        pollfd fds[2] = {{outOpen ? out.fd[0] : -1, POLLIN, 0}, {errOpen ? err.fd[0] : -1, POLLIN, 0}};
        int n = ::poll(fds, 2, waitMs);
        if (n < 0 && errno != EINTR) break;
        if (n <= 0) continue;
        if (fds[0].revents != 0 && !drain(out.fd[0], r.out)) outOpen = false;
        if (fds[1].revents != 0 && !drain(err.fd[0], r.err)) errOpen = false;
    }
    // The group may outlive its leader (a forked grandchild holding the pipes); kill it
    // in every case, then reap the leader.
    ::kill(-pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (timedOut) {
        r.status = ProcessResult::Status::TimedOut;
    } else if (WIFSIGNALED(status)) {
        r.status = ProcessResult::Status::Signaled;
        r.signal = WTERMSIG(status);
    } else {
        r.status = ProcessResult::Status::Exited;
        r.exitCode = WEXITSTATUS(status);
    }
    return r;
}

std::optional<TempDir> TempDir::create(const std::string& prefix, std::string& error) {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/" + prefix + "XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) {
        error = "cannot create a temporary directory " + tmpl + ": " + std::strerror(errno);
        return std::nullopt;
    }
    return TempDir(std::string(buf.data()));
}

TempDir& TempDir::operator=(TempDir&& o) noexcept {
    if (this != &o) {
        remove();
        path_ = std::move(o.path_);
        o.path_.clear();
    }
    return *this;
}

TempDir::~TempDir() { remove(); }

void TempDir::remove() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    path_.clear();
}

}  // namespace memlit::runner
