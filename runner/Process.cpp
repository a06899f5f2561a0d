#include "runner/Process.hpp"

#include "runner/Interrupt.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

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
    case Status::Interrupted: return "was stopped: memlit received signal " + std::to_string(signal);
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

    Pipe execErr;  // the child writes errno here when exec fails; closed by a successful exec
    if (!execErr.open()) {
        r.error = std::string("pipe: ") + std::strerror(errno);
        return r;
    }
    std::vector<char*> cargv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);

    auto start = Clock::now();
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid == 0) {
        // The child: only async-signal-safe calls until exec. A fresh process group (a timeout
        // or an interrupt kills the harness and anything it forked), and death with memlit,
        // even when memlit is killed with SIGKILL.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, 0);
        ::dup2(out.fd[1], 1);
        ::dup2(err.fd[1], 2);
        if (workDir.empty() || ::chdir(workDir.c_str()) == 0) ::execvp(cargv[0], cargv.data());
        int e = errno;
        ssize_t ignored = ::write(execErr.fd[1], &e, sizeof e);
        (void)ignored;
        ::_exit(127);
    }
    out.closeEnd(1);
    err.closeEnd(1);
    execErr.closeEnd(1);
    if (pid < 0) {
        r.error = std::string("fork: ") + std::strerror(errno);
        return r;
    }
    ::setpgid(pid, pid);  // also here, so the group exists before any kill below
    setForegroundChild(pid);
    int execErrno = 0;
    ssize_t got = 0;
    while ((got = ::read(execErr.fd[0], &execErrno, sizeof execErrno)) < 0 && errno == EINTR) {
    }
    if (got == static_cast<ssize_t>(sizeof execErrno)) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        setForegroundChild(0);
        r.error = argv[0] + ": " + std::strerror(execErrno);
        return r;
    }

    bool outOpen = true, errOpen = true, timedOut = false, interrupted = false;
    while (outOpen || errOpen) {
        if (interruptSignal() != 0) {
            interrupted = true;
            break;
        }
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
    setForegroundChild(0);
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (interrupted) {
        r.status = ProcessResult::Status::Interrupted;
        r.signal = interruptSignal();
    } else if (timedOut) {
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

namespace {

/// Starts `/bin/sh` waiting for end of file on a pipe, then removing `dir`; returns the write
/// end (memlit's only copy, close-on-exec) and sets `pid`, or -1. The guard ignores SIGINT,
/// SIGTERM and SIGHUP, so a signal to the whole process group cannot stop it before memlit has
/// gone; it holds none of memlit's other descriptors.
int startGuard(const std::string& dir, int& pid) {
    int fd[2];
    if (::pipe2(fd, O_CLOEXEC) != 0) return -1;
    const char* argv[] = {"/bin/sh", "-c", "trap '' INT TERM HUP; read _; rm -rf -- \"$0\"", dir.c_str(), nullptr};
    pid = ::fork();
    if (pid == 0) {  // only async-signal-safe calls until exec
        ::dup2(fd[0], 0);
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, 1);
            ::dup2(null, 2);
        }
        ::close_range(3, ~0U, 0);
        ::execv(argv[0], const_cast<char* const*>(argv));
        ::_exit(127);
    }
    ::close(fd[0]);
    if (pid < 0) {
        ::close(fd[1]);
        return -1;
    }
    return fd[1];
}

}  // namespace

std::optional<TempDir> TempDir::create(const std::string& prefix, std::string& error) {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/" + prefix + "XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) {
        error = "cannot create a temporary directory " + tmpl + ": " + std::strerror(errno);
        return std::nullopt;
    }
    TempDir dir{std::string(buf.data())};
    dir.guardPipe_ = startGuard(dir.path_, dir.guardPid_);
    if (dir.guardPipe_ < 0) {
        error = std::string("cannot start the process that removes ") + dir.path_ + ": " + std::strerror(errno);
        return std::nullopt;
    }
    return dir;
}

void TempDir::take(TempDir& o) noexcept {
    path_ = std::move(o.path_);
    guardPipe_ = std::exchange(o.guardPipe_, -1);
    guardPid_ = std::exchange(o.guardPid_, -1);
    o.path_.clear();
}

TempDir& TempDir::operator=(TempDir&& o) noexcept {
    if (this != &o) {
        remove();
        take(o);
    }
    return *this;
}

TempDir::~TempDir() { remove(); }

void TempDir::remove() {
    if (!path_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
        path_.clear();
    }
    if (guardPipe_ >= 0) ::close(std::exchange(guardPipe_, -1));
    if (guardPid_ > 0) {
        int status = 0;
        while (::waitpid(guardPid_, &status, 0) < 0 && errno == EINTR) {
        }
        guardPid_ = -1;
    }
}

}  // namespace memlit::runner
