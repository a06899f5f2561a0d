#include "cli/ServeCommand.hpp"

#include "cli/Options.hpp"
#include "web/Server.hpp"

#include <atomic>
#include <csignal>
#include <pthread.h>
#include <thread>

namespace memlit::cli {

namespace {

/// SIGINT and SIGTERM, blocked in every thread while the server runs and taken by one
/// thread with sigwait, which then stops the server: nothing runs inside a signal handler.
class StopOnSignal {
public:
    explicit StopOnSignal(web::Server& server) {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set_, &previous_);
        waiter_ = std::thread([this, &server] {
            int sig = 0;
            sigwait(&set_, &sig);
            if (!done_) server.stop();
        });
    }
    ~StopOnSignal() {
        done_ = true;
        pthread_kill(waiter_.native_handle(), SIGTERM);  // blocked: it only wakes sigwait
        waiter_.join();
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

private:
    sigset_t set_{}, previous_{};
    std::atomic<bool> done_{false};
    std::thread waiter_;
};

}  // namespace

ExitCode serveCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    web::ServeOptions options;
    if (auto stop = parseServe(args, options, out, err)) return *stop;
    // Blocked before the server starts its threads, which inherit the mask.
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGTERM);
    sigset_t before;
    pthread_sigmask(SIG_BLOCK, &blocked, &before);
    ExitCode status = ExitOk;
    {
        web::Server server(options);
        std::string error;
        if (auto port = server.bind(error)) {
            StopOnSignal stopper(server);
            out << "memlit serve: listening on http://" << options.host << ":" << *port << "/" << std::endl;
            server.listen();
            out << "memlit serve: stopped" << std::endl;
        } else {
            err << "memlit serve: error: " << error << '\n';
            status = ExitUsage;
        }
    }
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    return status;
}

}  // namespace memlit::cli
