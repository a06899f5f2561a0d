// End to end in a real browser: starts `memlit serve` on a free loopback port, loads the page
// in headless Chromium with `?example=SB&model=tso&action=...` (the page runs the action on
// load), and reads the DOM the page built: the outcome table of SB under TSO, and once
// explained (SB+mfences under TSO), the axiom, the cycle and its picture. Screenshots are kept in the build directory. Skipped,
// with a message, only where Chromium is not installed (scripts/setup.sh installs it).

#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

/// `memlit serve --port 0` as a child process; the port read from its first line.
struct ServeProcess {
    pid_t pid = -1;
    int port = 0;
    FILE* out = nullptr;

    ServeProcess() {
        int pipeFds[2];
        REQUIRE(pipe(pipeFds) == 0);
        pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            dup2(pipeFds[1], STDOUT_FILENO);
            close(pipeFds[0]);
            close(pipeFds[1]);
            execl(MEMLIT_BINARY, MEMLIT_BINARY, "serve", "--port", "0", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(pipeFds[1]);
        out = fdopen(pipeFds[0], "r");
        char line[256] = {};
        REQUIRE(std::fgets(line, sizeof line, out));
        std::smatch m;
        std::string text = line;
        REQUIRE(std::regex_search(text, m, std::regex("^memlit serve: listening on http://127\\.0\\.0\\.1:([0-9]+)/")));
        port = std::stoi(m[1]);
    }

    /// SIGTERM, and the rest of what it printed; its exit status in `status`.
    std::string stop(int& status) {
        kill(pid, SIGTERM);
        std::string rest;
        char buf[256];
        while (std::fgets(buf, sizeof buf, out)) rest += buf;
        waitpid(pid, &status, 0);
        pid = -1;
        return rest;
    }

    ~ServeProcess() {
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        if (out) std::fclose(out);
    }
};

bool haveChromium() { return std::system("command -v chromium >/dev/null 2>&1") == 0; }

/// Headless Chromium on `url`: `mode` is `--dump-dom` (the DOM goes to `output`) or
/// `--screenshot=FILE`. A temporary profile; `timeout` kills its whole process group.
int chromium(const std::string& url, const std::string& mode, const std::string& output) {
    const std::string profile = std::filesystem::temp_directory_path() / ("memlit-chromium-" + std::to_string(getpid()));
    std::string cmd = "timeout -k 5 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage"
                      " --no-first-run --disable-extensions --hide-scrollbars --window-size=1500,1000"
                      " --virtual-time-budget=30000 --user-data-dir=" + profile + " " + mode + " '" + url + "' > " +
                      output + " 2>/dev/null";
    int status = std::system(cmd.c_str());
    std::filesystem::remove_all(profile);
    return status;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("Browser: SB under TSO through the page shows the outcome table, and explained, the cycle", "[web][browser]") {
    if (!haveChromium()) {
        WARN("skipped: chromium is not installed (scripts/setup.sh installs Debian's chromium)");
        return;
    }
    ServeProcess server;
    const std::string base = "http://127.0.0.1:" + std::to_string(server.port) + "/";
    const std::string dir = std::filesystem::path(MEMLIT_BINARY).parent_path();
    const std::string dom = dir + "/browser-check.html";
    REQUIRE(chromium(base + "?example=SB&model=tso&action=check", "--dump-dom", dom) == 0);
    const std::string html = slurp(dom);
    INFO(html);
    CHECK(html.find("data-done=\"check\"") != std::string::npos);
    CHECK(html.find("<h2 id=\"title\">Test SB under tso</h2>") != std::string::npos);
    // The four allowed states, the weak one marked as satisfying the condition.
    CHECK(std::regex_search(html, std::regex("<tr class=\"allowed asked\"><td>0</td><td>0</td><td class=\"kind\">allowed</td><td>satisfies</td>"
                                             "<td><button class=\"why\" type=\"button\" data-outcome=\"0:EAX=0; 1:EAX=0;\">why\\?</button></td></tr>")));
    CHECK(std::regex_search(html, std::regex("(<tr class=\"allowed\">.*?){3}")));
    CHECK(html.find("<b class=\"ok\">Ok</b>") != std::string::npos);
    REQUIRE(chromium(base + "?example=SB&model=tso&action=check", "--screenshot=" + dir + "/browser-check.png",
                     dir + "/browser-check.log") == 0);
    CHECK(std::filesystem::file_size(dir + "/browser-check.png") > 10000);
    // Explain: SB+mfences under TSO is forbidden; the page shows the axiom, the cycle edge by
    // edge, and the picture with the cycle's fr edges.
    const std::string explained = dir + "/browser-explain.html";
    REQUIRE(chromium(base + "?example=SB%2Bmfences&model=tso&action=explain", "--dump-dom", explained) == 0);
    const std::string ex = slurp(explained);
    INFO(ex);
    CHECK(ex.find("data-done=\"explain\"") != std::string::npos);
    CHECK(ex.find("<h2 id=\"title\">Test SB+mfences under tso</h2>") != std::string::npos);
    CHECK(ex.find("<code>acyclic ghb as tso</code>") != std::string::npos);
    CHECK(ex.find("a: W[x]=1 (P0, input.litmus:5) -mfence-&gt; c: R[y]=0 (P0, input.litmus:7) -fr-&gt; d: W[y]=1") !=
          std::string::npos);
    const auto svg = ex.find("<svg");
    REQUIRE(svg != std::string::npos);
    CHECK(ex.find(">fr<", svg) != std::string::npos);  // an edge label of the cycle, in the picture
    REQUIRE(chromium(base + "?example=SB%2Bmfences&model=tso&action=explain",
                     "--screenshot=" + dir + "/browser-explain.png", dir + "/browser-explain.log") == 0);
    // One outcome, typed into the page (here from the query string): SB's 1/1 state under TSO
    // is allowed and gets its witness picture; with the tso axiom skipped, SB+mfences's weak
    // state is allowed too.
    const std::string one = dir + "/browser-outcome.html";
    REQUIRE(chromium(base + "?example=SB&model=tso&outcome=0:EAX%3D1%3B%201:EAX%3D1%3B&action=explain", "--dump-dom", one) == 0);
    const std::string o = slurp(one);
    INFO(o);
    CHECK(o.find("<b class=\"ok\">0:EAX=1; 1:EAX=1;</b> is allowed; a witness execution is drawn.") != std::string::npos);
    CHECK(o.find("<svg", o.find("id=\"pictures\"")) != std::string::npos);
    const std::string skip = dir + "/browser-skip.html";
    REQUIRE(chromium(base + "?example=SB%2Bmfences&model=tso&skip=tso&action=check", "--dump-dom", skip) == 0);
    const std::string k = slurp(skip);
    INFO(k);
    CHECK(std::regex_search(k, std::regex("<tr class=\"allowed asked\"><td>0</td><td>0</td>")));
    CHECK(k.find("<b class=\"ok\">Ok</b>") != std::string::npos);
    int status = 0;
    CHECK(server.stop(status) == "memlit serve: stopped\n");
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
