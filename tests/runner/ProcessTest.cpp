#include "runner/Process.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace memlit::runner;

namespace {

/// True once /proc/PID is gone or a zombie, waiting up to two seconds.
bool gone(const std::string& pid) {
    for (int i = 0; i < 200; ++i) {
        std::ifstream stat("/proc/" + pid + "/stat");
        std::string line;
        if (!std::getline(stat, line)) return true;
        auto close = line.rfind(')');
        if (close != std::string::npos && line.size() > close + 2 && line[close + 2] == 'Z') return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace

TEST_CASE("Process: output and exit status are captured", "[runner]") {
    auto r = runProcess({"sh", "-c", "echo out; echo err >&2; exit 3"}, 10);
    CHECK(r.status == ProcessResult::Status::Exited);
    CHECK(r.exitCode == 3);
    CHECK(r.out == "out\n");
    CHECK(r.err == "err\n");
}

TEST_CASE("Process: a timeout kills the whole process group", "[runner]") {
    auto r = runProcess({"sh", "-c", "sleep 30 & echo $!; wait"}, 0.3);
    CHECK(r.status == ProcessResult::Status::TimedOut);
    CHECK(r.seconds < 10);
    std::string grandchild = r.out.substr(0, r.out.find('\n'));
    REQUIRE_FALSE(grandchild.empty());
    CHECK(gone(grandchild));
}

TEST_CASE("Process: a missing program is a spawn failure", "[runner]") {
    auto r = runProcess({"/nonexistent/tool"}, 10);
    CHECK(r.status == ProcessResult::Status::SpawnFailed);
    CHECK(r.describe() == "could not be started: /nonexistent/tool: No such file or directory");
}

TEST_CASE("Process: a temporary directory is removed with its contents", "[runner]") {
    std::string error, path;
    {
        auto dir = TempDir::create("memlit-test-", error);
        REQUIRE(dir);
        path = dir->path();
        std::ofstream(path + "/f") << "x";
        CHECK(std::filesystem::exists(path + "/f"));
    }
    CHECK_FALSE(std::filesystem::exists(path));
}
