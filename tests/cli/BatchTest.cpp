// Batches of `memlit check`: --jobs, --output/--resume, --shard, merge, and a result for
// every input.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace memlit;

namespace {

struct Run {
    int status;
    std::string out, err;
};

Run invoke(std::vector<std::string> args) {
    std::ostringstream out, err;
    int status = cli::run(args, out, err);
    return {status, out.str(), err.str()};
}

std::string dir(const std::string& arch) { return testing::sourceDir() + "/tests/litmus/" + arch; }

/// JSON lines without their "time" (the one field that differs between runs), sorted.
std::vector<std::string> timeless(const std::string& lines) {
    std::vector<std::string> out;
    std::istringstream in(lines);
    std::string line;
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line);
        j.erase("time");
        out.push_back(j.dump());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string withoutTime(std::string s) { return std::regex_replace(s, std::regex("Time (\\S+) [0-9.]+"), "Time $1 T"); }

/// A private scratch directory: ctest runs test cases in parallel processes, and other
/// checkouts on the machine run theirs too, so a fixed name would be removed under another's feet.
struct Scratch {
    std::filesystem::path path = makePath();
    static std::filesystem::path makePath() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "memlit-batch-test-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        return tmpl;
    }
    ~Scratch() { std::filesystem::remove_all(path); }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) { return testing::readFile(path); }

}  // namespace

TEST_CASE("Batch: --jobs N prints exactly what --jobs 1 prints, in input order", "[batch]") {
    for (const char* arch : {"X86", "AArch64", "go"}) {
        INFO(arch);
        auto one = invoke({"check", "--jobs", "1", "--json", dir(arch)});
        auto four = invoke({"check", "--jobs", "4", "--json", dir(arch)});
        CHECK(one.status == four.status);
        CHECK(one.err == four.err);
        std::istringstream a(one.out), b(four.out);
        std::string la, lb;
        while (std::getline(a, la) && std::getline(b, lb)) {
            auto ja = nlohmann::json::parse(la), jb = nlohmann::json::parse(lb);
            ja.erase("time");
            jb.erase("time");
            CHECK(ja == jb);  // same order, same content
        }
        CHECK(timeless(one.out).size() == timeless(four.out).size());
        auto text1 = invoke({"check", "--jobs", "1", dir(arch)}), text3 = invoke({"check", "--jobs", "3", dir(arch)});
        CHECK(withoutTime(text1.out) == withoutTime(text3.out));
    }
}

TEST_CASE("Batch: every input has a result, one that cannot be read too", "[batch]") {
    Scratch s;
    std::ofstream(s.file("@index")) << "missing.litmus\n" << dir("X86") << "/SB.litmus\n";
    auto r = invoke({"check", "--json", "/nonexistent/x.litmus", s.file("@index")});
    CHECK(r.status == 1);
    auto lines = timeless(r.out);
    REQUIRE(lines.size() == 3);
    std::istringstream in(r.out);
    std::string line;
    std::vector<nlohmann::json> objs;
    while (std::getline(in, line)) objs.push_back(nlohmann::json::parse(line));
    CHECK(objs[0]["status"] == "error");
    CHECK(objs[0]["errors"][0] == "/nonexistent/x.litmus: error: no such file or directory");
    CHECK(objs[1]["status"] == "error");
    CHECK(objs[1]["errors"][0] == s.file("@index") + ":1:1: error: no such file or directory: '" +
                                      (s.path / "missing.litmus").string() + "'");
    CHECK(objs[2]["status"] == "ok");
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(objs[i]["index"] == i);
        CHECK(objs[i]["total"] == 3);
    }
}

TEST_CASE("Batch: --output logs each result, --resume checks only the rest", "[batch]") {
    Scratch s;
    const std::string log = s.file("results.jsonl");
    auto full = invoke({"check", "--jobs", "2", "--output", log, dir("X86")});
    CHECK(full.status == 0);
    const std::string all = slurp(log);
    // Keep three results and half of a fourth, as a kill could leave them.
    std::istringstream in(all);
    std::string kept, line;
    for (int i = 0; i < 3 && std::getline(in, line); ++i) kept += line + "\n";
    std::getline(in, line);
    std::ofstream(log, std::ios::trunc) << kept << line.substr(0, line.size() / 2);
    auto resumed = invoke({"check", "--jobs", "2", "--json", "--output", log, "--resume", dir("X86")});
    CHECK(resumed.status == 0);
    CHECK(timeless(resumed.out).size() == timeless(all).size() - 3);
    CHECK(timeless(slurp(log)) == timeless(all));
    // Nothing left: a second resume checks nothing.
    auto again = invoke({"check", "--json", "--output", log, "--resume", dir("X86")});
    CHECK(again.status == 0);
    CHECK(again.out.empty());
    // Another run's log is refused.
    auto other = invoke({"check", "--output", log, "--resume", dir("AArch64")});
    CHECK(other.status == 2);
    CHECK(other.err.find(log + ": error: holds a result for ") == 0);
    CHECK(invoke({"check", "--resume", dir("X86")}).status == 2);
    std::ofstream(log, std::ios::trunc) << "{\"x\":1}\n";
    auto bad = invoke({"check", "--output", log, "--resume", dir("X86")});
    CHECK(bad.status == 2);
    CHECK(bad.err == log + ":1:1: error: not a memlit check result with an index (written by --output)\n");
}

TEST_CASE("Batch: the shards of a run merge into the unsharded run", "[batch]") {
    Scratch s;
    auto whole = invoke({"check", "--json", dir("go")});
    std::vector<std::string> parts;
    for (int k = 1; k <= 3; ++k) {
        parts.push_back(s.file("s" + std::to_string(k) + ".jsonl"));
        auto r = invoke({"check", "--shard", std::to_string(k) + "/3", "--output", parts.back(), dir("go")});
        CHECK(r.status == whole.status);
    }
    std::vector<std::string> merge = {"merge", "--json"};
    merge.insert(merge.end(), parts.begin(), parts.end());
    auto m = invoke(merge);
    CHECK(m.status == whole.status);
    CHECK(timeless(m.out) == timeless(whole.out));
    // merge's text is check's text: herd's blocks rebuilt from the JSON, races and halts too.
    merge.erase(merge.begin() + 1);
    CHECK(withoutTime(invoke(merge).out) == withoutTime(invoke({"check", dir("go")}).out));
    auto x86 = invoke({"check", "--json", dir("X86")});
    std::ofstream(s.file("x86.jsonl")) << x86.out;
    CHECK(withoutTime(invoke({"merge", s.file("x86.jsonl")}).out) == withoutTime(invoke({"check", dir("X86")}).out));

    auto gap = invoke({"merge", parts[0], parts[2]});
    CHECK(gap.status == 2);
    CHECK(gap.err.rfind("memlit merge: error: ", 0) == 0);
    CHECK(gap.err.find("inputs have no result (input 2, 5,") != std::string::npos);
    auto dup = invoke({"merge", parts[0], parts[1], parts[2], parts[1]});
    CHECK(dup.status == 2);
    // --output logs results as they finish, so the first line of a shard may be any of its inputs.
    CHECK(dup.err.rfind(parts[1] + ":1:1: error: input ", 0) == 0);
    CHECK(dup.err.find("has a result already, at " + parts[1] + ":1\n") != std::string::npos);
    CHECK(invoke({"check", "--shard", "4/3", dir("go")}).status == 2);
    CHECK(invoke({"merge"}).status == 2);
}

TEST_CASE("Batch: four shards run by GNU parallel merge into the unsharded run", "[batch]") {
    if (std::system("command -v parallel > /dev/null 2>&1") != 0) {
        WARN("GNU parallel is not installed (Debian package parallel): skipped");
        return;
    }
    Scratch s;
    const std::string cmd = std::string("parallel -j 2 '") + MEMLIT_BINARY + " check --quiet --shard {}/4 --output " +
                            s.file("part{}.jsonl") + " " + dir("X86") + " > /dev/null' ::: 1 2 3 4";
    CHECK(std::system(cmd.c_str()) == 0);
    std::vector<std::string> merge = {"merge", "--json"};
    for (int k = 1; k <= 4; ++k) merge.push_back(s.file("part" + std::to_string(k) + ".jsonl"));
    auto m = invoke(merge);
    CHECK(m.status == 0);
    CHECK(timeless(m.out) == timeless(invoke({"check", "--json", dir("X86")}).out));
}

TEST_CASE("Batch: run --output logs each test, --resume skips those logged", "[batch]") {
    Scratch s;
    const std::string log = s.file("run.jsonl"), bad = s.file("bad.litmus");
    std::ofstream(bad) << "X86 bad\n{ }\n P0 ;\n FROB ;\nexists (x=1)\n";
    const std::string foreign = dir("PPC") + "/" + std::filesystem::path(testing::fixtures("PPC")[0]).filename().string();
    auto first = invoke({"run", "--output", log, bad, foreign});
    CHECK(first.status == 2);
    auto logged = timeless(slurp(log));
    REQUIRE(logged.size() == 2);
    std::ifstream in(log);
    std::string line;
    std::getline(in, line);
    auto j = nlohmann::json::parse(line);
    CHECK(j["index"] == 0);
    CHECK(j["total"] == 2);
    CHECK(j["file"] == bad);
    auto again = invoke({"run", "--output", log, "--resume", bad, foreign});
    CHECK(again.status == 0);  // nothing left to run
    CHECK(timeless(slurp(log)) == logged);
    CHECK(invoke({"run", "--resume", bad}).status == 2);
}
