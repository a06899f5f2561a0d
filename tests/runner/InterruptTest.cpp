// A `memlit run` batch (build/memlit, spawned) stopped midway with SIGINT, SIGTERM or SIGKILL:
// the finished tests are in the --json file and the text output, or in the --output log that
// --resume completes; the running harness does not outlive memlit, and no temporary directory
// is left (on SIGKILL, TempDir's guard process removes it).

#include "runner/Process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
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

/// Whether some process's command line names something under `dir` (a harness, a guard).
bool processUnder(const std::string& dir) {
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
        std::ifstream cmd(e.path() / "cmdline");
        std::string all((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
        if (all.find(dir) != std::string::npos) return true;
    }
    return false;
}

std::vector<std::string> lines(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

/// What a run's --output log says that does not depend on the hardware, by index: the test,
/// its status and the model's allowed states (observed or not); counts and times vary.
std::map<int, std::string> modelSide(const std::string& log) {
    std::map<int, std::string> out;
    for (const auto& l : lines(log)) {
        auto j = nlohmann::json::parse(l);
        std::set<std::string> allowed;
        for (const auto& h : j["histogram"])
            if (h["allowed"].get<bool>()) allowed.insert(h["state"].get<std::string>());
        for (const auto& u : j["unseen"]) allowed.insert(u["state"].get<std::string>());
        nlohmann::json k = {{"name", j["name"]}, {"file", j["file"]}, {"model", j["model"]},
                            {"status", j["status"]}, {"condition", j["condition"]}, {"allowed", allowed}};
        out[j["index"].get<int>()] = k.dump();
    }
    return out;
}

/// `memlit ARGS...` with TMPDIR=tmp and stdout to /dev/null; its pid.
pid_t spawnRun(const std::vector<std::string>& args, const std::string& tmp) {
    pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("TMPDIR", tmp.c_str(), 1);
        int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> argv{const_cast<char*>(MEMLIT_BINARY)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(MEMLIT_BINARY, argv.data());
        ::_exit(127);
    }
    return pid;
}

int exitOf(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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

TEST_CASE("run: a batch killed midway keeps its --output results and --resume completes them", "[runner][interrupt]") {
    std::string error;
    auto dir = runner::TempDir::create("memlit-resume-", error);
    REQUIRE(dir);
    const std::string tmp = dir->path() + "/tmp";
    std::filesystem::create_directory(tmp);
    auto command = [&](const std::string& log) {
        return std::vector<std::string>{"run", "--seconds", "0.3", "--output", log, kSB, kSB, kSB};
    };
    const std::string whole = dir->path() + "/whole.jsonl";
    REQUIRE(exitOf(spawnRun(command(whole), tmp)) == 0);
    const auto expected = modelSide(whole);
    REQUIRE(expected.size() == 3);
    for (int sig : {SIGINT, SIGTERM, SIGKILL}) {
        INFO("signal " << sig);
        const std::string log = dir->path() + "/killed" + std::to_string(sig) + ".jsonl";
        const pid_t pid = spawnRun(command(log), tmp);
        pid_t harness = 0;
        const bool midway = waitFor([&] { return lines(log).size() >= 1 && (harness = harnessOf(pid)) != 0; }, 120);
        ::kill(pid, sig);
        const int status = exitOf(pid);
        REQUIRE(midway);
        CHECK(status == 128 + sig);
        const auto kept = lines(log);
        CHECK(kept.size() >= 1);
        CHECK(kept.size() < 3);
        // Nothing left behind: no harness, no guard, no temporary directory.
        CHECK(waitFor([&] { return !processUnder(tmp); }, 10));
        CHECK(waitFor([&] { return std::filesystem::is_empty(tmp); }, 10));
        std::vector<std::string> resume = command(log);
        resume.push_back("--resume");
        CHECK(exitOf(spawnRun(resume, tmp)) == 0);
        const auto after = lines(log);
        CHECK(std::vector<std::string>(after.begin(), after.begin() + static_cast<long>(kept.size())) == kept);
        CHECK(modelSide(log) == expected);
        CHECK(after.size() == expected.size());  // nothing twice
        CHECK(std::filesystem::is_empty(tmp));
    }
}

TEST_CASE("run: a signal during a long model check ends the run", "[runner][interrupt]") {
    // Forty threads writing one location: the model check before any compilation runs for
    // far longer than this test waits, so the signal comes while the engine works.
    std::string error;
    auto dir = runner::TempDir::create("memlit-interrupt-check-", error);
    REQUIRE(dir);
    std::string header, row;
    for (int i = 0; i < 40; ++i) {
        header += (i ? " | P" : " P") + std::to_string(i);
        row += std::string(i ? " |" : "") + " MOV [x],$" + std::to_string(i + 1);
    }
    const std::string file = dir->path() + "/many.litmus";
    std::ofstream(file) << "X86 many\n{ x=0; }\n" << header << " ;\n" << row << " ;\nexists (x=1)\n";
    const std::string tmp = dir->path() + "/tmp";
    std::filesystem::create_directory(tmp);
    for (int sig : {SIGINT, SIGTERM}) {
        DYNAMIC_SECTION("signal " << sig) {
            const pid_t pid = spawnRun({"run", file, "--seconds", "1"}, tmp);
            REQUIRE(pid > 0);
            std::this_thread::sleep_for(std::chrono::seconds(2));
            ::kill(pid, sig);
            int status = 0;
            const bool ended = waitFor([&] { return ::waitpid(pid, &status, WNOHANG) == pid; }, 60);
            if (!ended) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, &status, 0);
            }
            REQUIRE(ended);
            REQUIRE(WIFEXITED(status));
            CHECK(WEXITSTATUS(status) == 128 + sig);
            CHECK(std::filesystem::is_empty(tmp));
        }
    }
}
