// The playground's JSON API over real HTTP (an in-process web::Server on a free loopback
// port, httplib's client): answers, and every kind of bad request getting a JSON error while
// the server keeps serving.

#include "cli/Cli.hpp"
#include "web/Server.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <unistd.h>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace memlit;
using nlohmann::json;

namespace {

const char* const kSB = R"(X86 SB
{ x=0; y=0; }
 P0          | P1          ;
 MOV [x],$1  | MOV [y],$1  ;
 MOV EAX,[y] | MOV EAX,[x] ;
exists (0:EAX=0 /\ 1:EAX=0)
)";

/// A server on a free port, serving on its own thread until the end of the test.
struct Running {
    web::Server server;
    int port = 0;
    std::thread thread;
    explicit Running(web::ServeOptions o) : server((o.port = 0, o)) {
        std::string error;
        auto p = server.bind(error);
        REQUIRE(p);
        port = *p;
        thread = std::thread([this] { server.listen(); });
    }
    ~Running() {
        server.stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(60, 0);
        return c;
    }
};

json post(const Running& s, const std::string& path, const std::string& body, int& status) {
    auto res = s.client().Post(path.c_str(), body, "application/json");
    REQUIRE(res);
    status = res->status;
    CHECK(res->get_header_value("Content-Type") == "application/json");
    return json::parse(res->body);
}

std::string checkBody(const std::string& source, const std::string& model) {
    return json{{"source", source}, {"model", model}}.dump();
}

}  // namespace

TEST_CASE("Web API: SB under TSO is checked, and the page and lists are served", "[web]") {
    Running s{web::ServeOptions{}};
    int status = 0;
    json doc = post(s, "/api/check", checkBody(kSB, "tso"), status);
    CHECK(status == 200);
    CHECK(doc["verdict"] == "Ok");
    CHECK(doc["states"].size() == 4);
    CHECK(doc["file"] == "input.litmus");
    doc = post(s, "/api/check", checkBody(kSB, "sc"), status);
    CHECK(doc["verdict"] == "No");
    CHECK(doc["states"].size() == 3);
    doc = post(s, "/api/check", json{{"source", kSB}}.dump(), status);  // the architecture's default
    CHECK(doc["model"] == "tso");

    auto page = s.client().Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("<script src=\"app.js\"") != std::string::npos);
    auto js = s.client().Get("/app.js");
    REQUIRE(js);
    CHECK(js->status == 200);
    CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");

    auto examples = json::parse(s.client().Get("/api/examples")->body)["examples"];
    std::vector<std::string> ids, arches;
    for (const auto& e : examples) {
        ids.push_back(e["id"]);
        arches.push_back(e["arch"]);
    }
    for (const char* id : {"SB", "aarch64/MP+dmb+addr", "go/MP+plain", "riscv/MP+fences", "ppc/MP+lwsync+addr", "c/MP+relacq"})
        CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
    for (const char* arch : {"X86", "AArch64", "Go", "RISCV", "PPC", "C"})
        CHECK(std::find(arches.begin(), arches.end(), arch) != arches.end());
    auto models = json::parse(s.client().Get("/api/models")->body);
    CHECK(models["defaults"]["X86"] == "tso");
    CHECK(models["run"] == false);
    CHECK(std::find(models["models"].begin(), models["models"].end(), "tso") != models["models"].end());
}

TEST_CASE("Web API: each bad request gets its JSON error and the server carries on", "[web]") {
    web::ServeOptions o;
    o.maxBodyBytes = 256 * 1024;
    Running s{o};
    int status = 0;
    SECTION("malformed JSON") {
        json e = post(s, "/api/check", "{\"source\": ", status);
        CHECK(status == 400);
        CHECK(e["error"] == "the request body is not JSON; send {\"source\": \"...\", \"model\": \"...\"}");
    }
    SECTION("no source") {
        json e = post(s, "/api/check", "{\"model\": \"tso\"}", status);
        CHECK(status == 400);
        CHECK(e["error"] == "the request needs a string field \"source\", the litmus test");
        e = post(s, "/api/check", checkBody(kSB, "tso").replace(0, 1, "[") + "]", status);
        CHECK(status == 400);
    }
    SECTION("a model that is not bundled, or a path") {
        json e = post(s, "/api/check", checkBody(kSB, "nosuch"), status);
        CHECK(status == 404);
        CHECK(e["error"] == "unknown model 'nosuch'; the bundled models are aarch64, go, lkmm, power, rc11, riscv, sc, tso");
        e = post(s, "/api/check", checkBody(kSB, "/etc/passwd"), status);
        CHECK(status == 404);
        e = post(s, "/api/check", json{{"source", kSB}, {"model", 3}}.dump(), status);
        CHECK(status == 400);
        CHECK(e["error"] == "the field \"model\" must be a string");
    }
    SECTION("a test that does not parse: its positioned diagnostics") {
        json e = post(s, "/api/check", checkBody("X86 SB\n{ x=0; }\n P0 ;\n FROB EAX ;\nexists (0:EAX=0)\n", "tso"),
                      status);
        CHECK(status == 422);
        CHECK(e["status"] == "error");
        REQUIRE(!e["errors"].empty());
        CHECK(e["errors"][0].get<std::string>().rfind("input.litmus:4:2: error: ", 0) == 0);
    }
    SECTION("a body of 10 MB") {
        auto res = s.client().Post("/api/check", std::string(10 << 20, 'x'), "application/json");
        if (res) {  // the server may close the connection before the client has sent it all
            CHECK(res->status == 413);
            CHECK(json::parse(res->body)["error"] ==
                  "the request body is larger than the server's limit of 262144 bytes");
        }
    }
    SECTION("wrong method, no such route, run without --allow-run") {
        auto res = s.client().Get("/api/check");
        REQUIRE(res);
        CHECK(res->status == 405);
        CHECK(json::parse(res->body)["error"] == "/api/check takes a POST with a JSON body");
        res = s.client().Get("/nope");
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(json::parse(res->body)["error"] == "no such page or API: GET /nope");
        json e = post(s, "/api/run", checkBody(kSB, "tso"), status);
        CHECK(status == 403);
        CHECK(e["error"] == "running tests is off: start the server with memlit serve --allow-run");
    }
    json doc = post(s, "/api/check", checkBody(kSB, "tso"), status);
    CHECK(status == 200);
    CHECK(doc["verdict"] == "Ok");
}

TEST_CASE("Web API: a test that outruns the time budget is Unknown (timeout)", "[web]") {
    web::ServeOptions o;
    o.timeoutSeconds = 1e-9;  // spent before the first candidate execution is looked at
    Running s{o};
    int status = 0;
    json doc = post(s, "/api/check", checkBody(kSB, "tso"), status);
    CHECK(status == 200);
    CHECK(doc["status"] == "unknown");
    CHECK(doc["verdict"] == "Unknown (timeout)");
    REQUIRE(!doc["errors"].empty());
    CHECK(doc["errors"].back() ==
          "input.litmus: error: the check took longer than the server's time budget of 1e-09 s; its verdict is "
          "Unknown (timeout)");
}

TEST_CASE("Web API: 50 concurrent checks each get a result or a JSON 503", "[web]") {
    // 50 curl processes at once (curl, as another client than the tests' own).
    if (std::system("command -v curl >/dev/null 2>&1") != 0) {
        WARN("skipped: curl is not installed");
        return;
    }
    web::ServeOptions o;
    o.workers = 2;
    o.queue = 1;
    Running s{o};
    const auto dir = std::filesystem::temp_directory_path() / ("memlit-burst-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "body.json") << checkBody(kSB, "tso");
    const std::string cmd = "cd " + dir.string() + " && seq 50 | xargs -P 50 -I{} curl -s -o {}.out -w '%{http_code}\\n' "
                            "-X POST --data-binary @body.json http://127.0.0.1:" + std::to_string(s.port) +
                            "/api/check > codes.txt";
    REQUIRE(std::system(cmd.c_str()) == 0);
    int results = 0, busy = 0;
    for (int i = 1; i <= 50; ++i) {
        std::ifstream in(dir / (std::to_string(i) + ".out"));
        json doc = json::parse(in, nullptr, false);
        INFO(i);
        REQUIRE(!doc.is_discarded());
        if (doc.contains("verdict")) {
            CHECK(doc["verdict"] == "Ok");
            ++results;
        } else {
            CHECK(doc["error"] == "the server is busy: every worker is checking and the queue is full; try again in a moment");
            ++busy;
        }
    }
    std::ifstream codes(dir / "codes.txt");
    int code = 0, n200 = 0, n503 = 0;
    while (codes >> code) (code == 200 ? n200 : code == 503 ? n503 : code) += 1;
    CHECK(n200 == results);
    CHECK(n503 == busy);
    CHECK(results + busy == 50);
    CHECK(results > 0);
    std::filesystem::remove_all(dir);
    int status = 0;
    json doc = post(s, "/api/check", checkBody(kSB, "tso"), status);
    CHECK(status == 200);
}

TEST_CASE("Web API: a stop that comes before listen ends the server at once", "[web]") {
    // httplib ignores a stop before its loop runs; the server must not, or a test (or a
    // signal at start-up) that stops it early leaves listen() serving forever.
    web::ServeOptions o;
    o.port = 0;
    web::Server server(o);
    std::string error;
    REQUIRE(server.bind(error));
    server.stop();
    auto done = std::async(std::launch::async, [&server] { server.listen(); });
    CHECK(done.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    if (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) std::_Exit(1);
}

TEST_CASE("Web API: serve on a port in use is a usage error", "[web]") {
    Running s{web::ServeOptions{}};
    std::ostringstream out, err;
    CHECK(cli::run({"serve", "--port", std::to_string(s.port)}, out, err) == cli::ExitUsage);
    CHECK(err.str() == "memlit serve: error: cannot listen on 127.0.0.1:" + std::to_string(s.port) + "\n");
    CHECK(out.str().empty());
}

TEST_CASE("Web API: with --allow-run, /api/run runs SB on this machine and judges it by the model", "[web][run]") {
    web::ServeOptions o;
    o.allowRun = true;
    o.runSeconds = 0.05;
    Running s{o};
    auto models = json::parse(s.client().Get("/api/models")->body);
    CHECK(models["run"] == true);
    const bool x86 = std::find(models["runs"].begin(), models["runs"].end(), "X86") != models["runs"].end();
    int status = 0;
    json doc = post(s, "/api/run", checkBody(kSB, "tso"), status);
    CHECK(status == 200);
    CHECK(doc["check"]["verdict"] == "Ok");
    if (!x86) {
        CHECK(doc["run"]["status"] == "unsupported");
        return;
    }
    REQUIRE(doc["run"]["status"] == "ok");
    std::uint64_t runs = 0;
    for (const auto& row : doc["run"]["histogram"]) {
        CHECK(row["allowed"] == true);  // TSO allows every state of SB
        runs += row["count"].get<std::uint64_t>();
    }
    CHECK(runs == doc["run"]["iterations"].get<std::uint64_t>());
    CHECK(doc["run"]["model"] == "tso");
}

TEST_CASE("Web API: /api/explain names the axiom and the cycle of SB under SC, with its picture", "[web]") {
    Running s{web::ServeOptions{}};
    int status = 0;
    json doc = post(s, "/api/explain", checkBody(kSB, "sc"), status);
    CHECK(status == 200);
    REQUIRE(doc["states"].size() == 1);
    const json& st = doc["states"][0];
    CHECK(st["state"] == "0:EAX=0; 1:EAX=0;");
    CHECK(st["allowed"] == false);
    REQUIRE(st["rejections"].size() == 1);
    const json& r = st["rejections"][0];
    CHECK(r["axiom"]["name"] == "sc");
    CHECK(r["cycle"].size() == 4);
    const std::string svg = r["execution"]["svg"];
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find("</svg>") != std::string::npos);
    CHECK(svg.find(">fr<") != std::string::npos);
    auto models = json::parse(s.client().Get("/api/models")->body);
    CHECK(models["explain"] == true);
    json bad = post(s, "/api/explain", checkBody("X86 SB\n{ x=0; }\n P0 ;\n FROB EAX ;\nexists (0:EAX=0)\n", "tso"), status);
    CHECK(status == 422);
    REQUIRE(!bad["errors"].empty());
    CHECK(bad["errors"][0].get<std::string>().rfind("input.litmus:4:2: error: ", 0) == 0);
    bad = post(s, "/api/explain", checkBody(kSB, "nosuch"), status);
    CHECK(status == 404);
}

TEST_CASE("Web API: /api/explain takes an outcome and skipChecks, as --outcome and --skip-check", "[web]") {
    Running s{web::ServeOptions{}};
    int status = 0;
    auto body = [](const std::string& model, json extra) {
        extra["source"] = kSB;
        extra["model"] = model;
        return extra.dump();
    };
    // An outcome other than the condition's: the SC state where both loads read 1.
    json doc = post(s, "/api/explain", body("sc", {{"outcome", "0:EAX=1; 1:EAX=1;"}}), status);
    CHECK(status == 200);
    CHECK(doc["targets"] == "outcome");
    REQUIRE(doc["states"].size() == 1);
    CHECK(doc["states"][0]["state"] == "0:EAX=1; 1:EAX=1;");
    CHECK(doc["states"][0]["allowed"] == true);
    CHECK(doc["states"][0]["witness"]["svg"].get<std::string>().find("<svg") != std::string::npos);
    // A part of the places selects every reachable state agreeing on them.
    doc = post(s, "/api/explain", body("sc", {{"outcome", "0:EAX=0;"}}), status);
    CHECK(status == 200);
    REQUIRE(doc["states"].size() == 2);
    CHECK(doc["states"][0]["allowed"] == false);
    CHECK(doc["states"][1]["allowed"] == true);
    // Relaxing SC's only axiom allows the weak state, which then has a witness.
    doc = post(s, "/api/explain", body("sc", {{"skipChecks", json::array({"sc"})}}), status);
    CHECK(status == 200);
    REQUIRE(doc["states"].size() == 1);
    CHECK(doc["states"][0]["state"] == "0:EAX=0; 1:EAX=0;");
    CHECK(doc["states"][0]["allowed"] == true);
    CHECK(doc["verdict"] == "Ok");
    // /api/check relaxes it too.
    doc = post(s, "/api/check", body("sc", {{"skipChecks", json::array({"sc"})}}), status);
    CHECK(status == 200);
    CHECK(doc["verdict"] == "Ok");
    CHECK(doc["states"].size() == 4);
    // A malformed outcome is the request's fault: 422 with the positioned diagnostic.
    doc = post(s, "/api/explain", body("sc", {{"outcome", "2:EAX=0;"}}), status);
    CHECK(status == 422);
    CHECK(doc["errors"] == json::array({"--outcome:1:1: error: the test does not observe '2:EAX' (it observes 0:EAX, 1:EAX)"}));
    doc = post(s, "/api/explain", body("sc", {{"outcome", 0}}), status);
    CHECK(status == 400);
    CHECK(doc["error"] == "the field \"outcome\" must be a string, e.g. \"0:EAX=0; 1:EAX=0;\"");
    doc = post(s, "/api/explain", body("sc", {{"skipChecks", "sc"}}), status);
    CHECK(status == 400);
    CHECK(doc["error"] == "the field \"skipChecks\" must be an array of axiom names");
    doc = post(s, "/api/explain", body("sc", {{"skipChecks", json::array({"sc", 1})}}), status);
    CHECK(status == 400);
    CHECK(doc["error"] == "the field \"skipChecks\" must be an array of axiom names");
    // And the server carries on.
    doc = post(s, "/api/explain", body("tso", {}), status);
    CHECK(status == 200);
    CHECK(doc["states"][0]["allowed"] == true);
}
