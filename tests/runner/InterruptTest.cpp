// A `memlit run` batch (build/memlit, spawned) stopped midway with SIGINT, SIGTERM or SIGKILL:
// the finished tests are in the --json file and the text output, the running harness does
// not outlive memlit, and (SIGINT, SIGTERM) no temporary directory is left.

#include "runner/Process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace memlit;

namespace {

const std::string kSB = std::string(MEMLIT_SOURCE_DIR) + "/examples/SB.litmus";

std::size_t finishedTests(const std::string& json) {
    std::ifstream in(json);
    auto doc = nlohmann::json::parse(in, nullptr, false);
    return doc.is_discarded() ? 0 : doc["tests"].size();
}

/// A child of `parent` running the harness, or 0.
pid_t harnessOf(pid_t parent) {
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
        std::ifstream stat(e.path() / "stat");
        std::string pid, comm, state;
        pid_t ppid = 0;
        if (stat >> pid >> comm >> state >> ppid && ppid == parent && comm == "(harness)") return std::stoi(pid);
    }
    return 0;
}

/// Waits (up to a generous bound, not a timing assertion) until `done` holds.
template <class F>
bool waitFor(F done, int seconds) {
    for (int i = 0; i < seconds * 20; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

}  // namespace

TEST_CASE("run: a batch stopped by a signal keeps what finished and leaves no harness", "[runner][interrupt]") {
    for (int sig : {SIGINT, SIGTERM, SIGKILL}) {
        DYNAMIC_SECTION("signal " << sig) {
            std::string error;
            auto dir = runner::TempDir::create("memlit-interrupt-", error);
            REQUIRE(dir);
            const std::string json = dir->path() + "/run.json", text = dir->path() + "/run.txt";
            const std::string tmp = dir->path() + "/tmp";
            std::filesystem::create_directory(tmp);
            pid_t pid = ::fork();
            REQUIRE(pid >= 0);
            if (pid == 0) {
                ::setenv("TMPDIR", tmp.c_str(), 1);
                int fd = ::open(text.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
                ::dup2(fd, 1);
                ::execl(MEMLIT_BINARY, MEMLIT_BINARY, "run", kSB.c_str(), kSB.c_str(), kSB.c_str(), "--seconds",
                        "2", "--json", json.c_str(), static_cast<char*>(nullptr));
                ::_exit(127);
            }
            // Midway: one test finished and the next one's harness running.
            pid_t harness = 0;
            bool midway = waitFor([&] { return finishedTests(json) >= 1 && (harness = harnessOf(pid)) != 0; }, 120);
            ::kill(pid, sig);
            int status = 0;
            ::waitpid(pid, &status, 0);
            REQUIRE(midway);
            if (sig == SIGKILL) {
                CHECK(WIFSIGNALED(status));
            } else {
                REQUIRE(WIFEXITED(status));
                CHECK(WEXITSTATUS(status) == 128 + sig);
            }
            const std::size_t n = finishedTests(json);
            CHECK(n >= 1);
            CHECK(n < 3);
            std::ifstream t(text);
            std::stringstream s;
            s << t.rdbuf();
            CHECK_THAT(s.str(), Catch::Contains("Observation SB "));
            // The harness dies with memlit (forwarded signal, or PR_SET_PDEATHSIG on SIGKILL).
            CHECK(waitFor([&] { return ::kill(harness, 0) != 0; }, 10));
            if (sig != SIGKILL) CHECK(std::filesystem::is_empty(tmp));
        }
    }
}
