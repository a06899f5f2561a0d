#include "web/Server.hpp"

#include "web/Api.hpp"
#include "web/Checker.hpp"
#include "web/Embedded.hpp"
#include "web/Models.hpp"
#include "web/WorkerPool.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

namespace memlit::web {

namespace {

constexpr const char* kJson = "application/json";

void send(httplib::Response& res, const Reply& r) {
    res.status = r.status;
    res.set_content(r.body, kJson);
}

/// The text of an HTTP error httplib answers itself (a body too large, no such route).
std::string errorMessage(const httplib::Request& req, const httplib::Response& res, std::size_t maxBody) {
    switch (res.status) {
    case 413: return "the request body is larger than the server's limit of " + std::to_string(maxBody) + " bytes";
    case 404: return "no such page or API: " + req.method + " " + req.path;
    case 400: return "malformed HTTP request";
    default: return "HTTP error " + std::to_string(res.status);
    }
}

}  // namespace

struct Server::Impl {
    ServeOptions options;
    Models models;
    WorkerPool<Checker> pool;
    httplib::Server http;
    std::mutex stopping;  // guards stopRequested and entered; see Server::listen
    bool stopRequested = false;
    bool entered = false;
    std::atomic<bool> returned = false;

    explicit Impl(ServeOptions o)
        : options(std::move(o)), pool(options.workers, options.queue, [this] {
              return std::make_unique<Checker>(models, options);
          }) {
        // SO_REUSEADDR (a restart may bind while old connections linger) but not httplib's
        // default SO_REUSEPORT, with which a second server would share a port in use silently.
        http.set_socket_options([](int sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });
        http.set_payload_max_length(options.maxBodyBytes);
        http.set_read_timeout(5, 0);
        http.set_write_timeout(5, 0);
        http.set_keep_alive_timeout(2);
        http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (res.body.empty()) res.set_content(errorReply(res.status, errorMessage(req, res, options.maxBodyBytes)).body, kJson);
        });
        http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send(res, errorReply(500, "internal error while answering the request"));
        });
        http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                  {"Content-Security-Policy",
                                   "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"}});
        routes();
    }

    void routes() {
        http.Get("/", [](const httplib::Request&, httplib::Response& res) { asset(res, "index.html"); });
        http.Get(R"(/([a-z]+\.(?:html|css|js)))", [](const httplib::Request& req, httplib::Response& res) {
            asset(res, req.matches[1].str());
        });
        http.Get("/api/examples", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(examplesDocument(), kJson);
        });
        http.Get("/api/models", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(modelsDocument(models, options.allowRun), kJson);
        });
        post("/api/check", [](Checker& c, const CheckRequest& r) { return c.check(r); });
        post("/api/explain", [](Checker& c, const CheckRequest& r) { return c.explain(r); });
        if (options.allowRun) post("/api/run", [](Checker& c, const CheckRequest& r) { return c.run(r); });
        else
            http.Post("/api/run", [](const httplib::Request&, httplib::Response& res) {
                send(res, errorReply(403, "running tests is off: start the server with memlit serve --allow-run"));
            });
        for (const char* path : {"/api/check", "/api/explain", "/api/run"})
            http.Get(path, [](const httplib::Request& req, httplib::Response& res) {
                send(res, errorReply(405, req.path + " takes a POST with a JSON body"));
            });
    }

    static void asset(httplib::Response& res, const std::string& name) {
        const EmbeddedFile* f = findEmbedded("web/assets/" + name);
        if (!f) {
            res.status = 404;
            return;
        }
        res.set_content(std::string(f->bytes), std::string(contentType(f->name)).c_str());
    }

    /// A POST route whose work runs on the pool; a full queue is 503 at once.
    template <typename Work>
    void post(const char* path, Work work) {
        http.Post(path, [this, work](const httplib::Request& req, httplib::Response& res) {
            Reply error;
            auto request = readCheckRequest(req.body, models, error);
            if (!request) return send(res, error);
            auto answer = std::make_shared<std::promise<Reply>>();
            std::future<Reply> reply = answer->get_future();
            bool queued = pool.offer([answer, work, r = *request](Checker& c) {
                try {
                    answer->set_value(work(c, r));
                } catch (const std::exception& e) {
                    answer->set_value(errorReply(500, std::string("internal error: ") + e.what()));
                }
            });
            if (!queued)
                return send(res, errorReply(503, "the server is busy: every worker is checking and the queue is "
                                                 "full; try again in a moment"));
            try {
                send(res, reply.get());
            } catch (const std::future_error&) {
                send(res, errorReply(503, "the server is stopping"));
            }
        });
    }
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() = default;

std::optional<int> Server::bind(std::string& error) {
    const ServeOptions& o = impl_->options;
    int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host) : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port < 0) {
        error = "cannot listen on " + o.host + ":" + std::to_string(o.port);
        return std::nullopt;
    }
    return port;
}

// httplib's stop() does nothing until its listen loop has begun, so a stop() that comes
// between bind and that moment (a test that only binds, a signal at start-up) would be lost
// and listen() would serve forever. A stop before listen() makes listen() return at once; a
// stop after it waits, briefly, for httplib's loop to be running and then ends it.
void Server::listen() {
    {
        std::lock_guard<std::mutex> lock(impl_->stopping);
        if (impl_->stopRequested) return;
        impl_->entered = true;
    }
    impl_->http.listen_after_bind();
    impl_->returned = true;
}

void Server::stop() {
    {
        std::lock_guard<std::mutex> lock(impl_->stopping);
        impl_->stopRequested = true;
        if (!impl_->entered) return;
    }
    while (!impl_->http.is_running() && !impl_->returned) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    impl_->http.stop();
}

}  // namespace memlit::web
