#pragma once
/// ServeOptions: how `memlit serve` runs — where it listens and what one request may cost.

#include <cstddef>
#include <string>

namespace memlit::web {

struct ServeOptions {
    std::string host = "127.0.0.1";  // loopback unless asked otherwise
    int port = 8080;                 // 0: any free port (printed when listening)
    double timeoutSeconds = 10;      // each check's wall-clock budget (engine/Budget)
    unsigned workers = 2;            // checks running at once
    std::size_t queue = 8;           // checks waiting; more get 503
    std::size_t maxBodyBytes = 256 * 1024;  // larger requests get 413
    bool allowRun = false;           // serve /api/run: compile and run tests on this host
    double runSeconds = 0.5;         // --allow-run: each hardware run's length
};

}  // namespace memlit::web
