#pragma once
/// Server: `memlit serve`, the playground — one page and a JSON API over HTTP (cpp-httplib),
/// docs/web.md. Requests are read with a size limit; checks run on a bounded WorkerPool,
/// each within the time budget; whatever a request holds gets a JSON answer, and the server
/// carries on. httplib is included by Server.cpp alone.

#include "web/ServeOptions.hpp"

#include <memory>
#include <optional>
#include <string>

namespace memlit::web {

class Server {
public:
    explicit Server(ServeOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds options.host:options.port (port 0: any free port). The port bound, or nullopt
    /// with `error` set.
    std::optional<int> bind(std::string& error);
    /// Serves until stop(); call after bind.
    void listen();
    /// Ends listen() (from any thread; before listen() too, which then returns at once);
    /// requests being answered finish first.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memlit::web
