// A `check` batch killed midway (SIGINT, SIGTERM, SIGKILL) keeps every finished result in its
// --output file, and --resume completes the run; the progress line on a terminal. Both spawn
// build/memlit, since they need a process to kill and a terminal to draw on.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <pty.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace memlit;

namespace {

std::vector<std::string> lines(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

/// The results of a log by index, without "time"; fails on a line that is not JSON.
std::map<int, std::string> byIndex(const std::string& path) {
    std::map<int, std::string> out;
    for (const auto& l : lines(path)) {
        auto j = nlohmann::json::parse(l);
        j.erase("time");
        out[j["index"].get<int>()] = j.dump();
    }
    return out;
}

/// A batch slow enough to kill midway: X86 fixtures between copies of a test that only
/// ends at its --timeout.
std::string makeBatch(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::string slow = "X86 Slow\n{ x=0; }\n P0 | P1 | P2 ;\n";
    int value = 0;
    std::string cond;
    for (const char* reg : {"EAX", "EBX", "ECX", "EDX", "ESI", "EDI"}) {
        slow += " MOV [x],$" + std::to_string(++value) + " | MOV " + reg + ",[x] | MOV " + reg + ",[x] ;\n";
        cond += std::string(cond.empty() ? "" : " /\\ ") + "1:" + reg + "=1 /\\ 2:" + reg + "=1";
    }
    slow += "exists (" + cond + ")\n";
    int n = 0;
    for (const auto& f : testing::fixtures("X86")) {
        std::filesystem::copy_file(f, dir / (std::to_string(n) + "a.litmus"));
        if (n++ % 2 == 0) std::ofstream(dir / (std::to_string(n) + "b.litmus")) << slow;
    }
    return dir.string();
}

pid_t spawn(const std::vector<std::string>& args, const std::string& stdoutFile) {
    pid_t pid = fork();
    if (pid == 0) {
        int fd = ::open(stdoutFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        int null = ::open("/dev/null", O_WRONLY);
        dup2(null, 2);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

}  // namespace

TEST_CASE("Batch: a killed batch keeps its finished results and --resume completes it", "[batch][kill]") {
    const auto root = std::filesystem::temp_directory_path() / "memlit-kill-test";
    std::filesystem::remove_all(root);
    const std::string batch = makeBatch(root / "tests");
    const std::string binary = MEMLIT_BINARY;
    auto command = [&](const std::string& log) {
        return std::vector<std::string>{binary, "check", "--jobs", "2", "--json", "--timeout", "0.3",
                                        "--output", log, batch};
    };
    const std::string whole = (root / "whole.jsonl").string();
    {
        std::ostringstream out, err;
        std::vector<std::string> args = command(whole);
        args.erase(args.begin());
        CHECK(cli::run(args, out, err) == 3);
    }
    const auto expected = byIndex(whole);
    for (int sig : {SIGINT, SIGTERM, SIGKILL}) {
        INFO("signal " << sig);
        const std::string log = (root / ("killed" + std::to_string(sig) + ".jsonl")).string();
        const std::string printed = (root / "stdout.txt").string();
        pid_t pid = spawn(command(log), printed);
        REQUIRE(pid > 0);
        for (int i = 0; i < 2000 && lines(log).size() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        kill(pid, sig);
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status));
        const auto kept = byIndex(log);  // every line whole
        CHECK(kept.size() < expected.size());
        for (const auto& l : lines(printed)) {  // each result it printed is in the log
            auto j = nlohmann::json::parse(l);
            j.erase("time");
            CHECK(kept.count(j["index"].get<int>()) == 1);
        }
        std::vector<std::string> resume = command(log);
        resume.erase(resume.begin());
        resume.push_back("--resume");
        std::ostringstream out, err;
        CHECK(cli::run(resume, out, err) == 3);
        CHECK(byIndex(log) == expected);
        CHECK(lines(log).size() == expected.size());  // nothing twice
    }
    std::filesystem::remove_all(root);
}

TEST_CASE("Batch: a terminal's stderr shows the progress line, --quiet hides it", "[batch][progress]") {
    const std::string binary = MEMLIT_BINARY;
    const std::string sb = testing::sourceDir() + "/tests/litmus/X86/SB.litmus";
    const std::string mp = testing::sourceDir() + "/tests/litmus/X86/MP.litmus";
    auto onTerminal = [&](std::vector<std::string> args) {
        int master = -1;
        pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
        if (pid == 0) {
            int null = ::open("/dev/null", O_WRONLY);
            dup2(null, 1);  // only stderr on the terminal
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        std::string seen;
        char buf[4096];
        for (ssize_t n; (n = read(master, buf, sizeof buf)) > 0;) seen.append(buf, static_cast<std::size_t>(n));
        int status = 0;
        waitpid(pid, &status, 0);
        close(master);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        return seen;
    };
    const std::string shown = onTerminal({binary, "check", "--jobs", "1", sb, mp});
    CHECK(shown.find("memlit check: 1/2 done") != std::string::npos);
    CHECK(shown.find("memlit check: 2/2 done") != std::string::npos);
    CHECK(shown.find(", slowest ") != std::string::npos);
    CHECK(shown.find("\r\033[K") != std::string::npos);
    CHECK(onTerminal({binary, "check", "--quiet", sb, mp}).find("memlit check:") == std::string::npos);
    // Not a terminal (here: a string stream): no progress line.
    std::ostringstream out, err;
    CHECK(cli::run({"check", sb, mp}, out, err) == 0);
    CHECK(err.str().empty());
}
