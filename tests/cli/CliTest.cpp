// The memlit command line, run in-process through cli::run.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

std::string fixture(const std::string& name) { return testing::sourceDir() + "/tests/litmus/X86/" + name; }

/// A scratch directory removed at the end of the test.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("memlit-cli-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name) << text;
        return (path / name).string();
    }
};

std::string withoutTime(std::string s) { return std::regex_replace(s, std::regex("Time (\\S+) [0-9.]+"), "Time $1 T"); }

}  // namespace

TEST_CASE("CLI: --help, --version and check --help", "[cli]") {
    auto h = invoke({"--help"});
    CHECK(h.status == 0);
    CHECK(h.out.find("usage: memlit <command>") != std::string::npos);
    auto v = invoke({"--version"});
    CHECK(v.status == 0);
    CHECK(v.out.rfind("memlit ", 0) == 0);
    auto c = invoke({"check", "--help"});
    CHECK(c.status == 0);
    CHECK(c.out.find("usage: memlit check") != std::string::npos);
}

TEST_CASE("CLI: usage errors exit 2", "[cli]") {
    CHECK(invoke({}).status == 2);
    auto u = invoke({"frobnicate"});
    CHECK(u.status == 2);
    CHECK(u.err.find("memlit: error: unknown command 'frobnicate'") == 0);
    auto o = invoke({"check", "--bogus", fixture("SB.litmus")});
    CHECK(o.status == 2);
    CHECK(o.err.find("memlit check: error: unknown option '--bogus'") == 0);
    CHECK(invoke({"check"}).status == 2);
    CHECK(invoke({"check", "--timeout", "soon", fixture("SB.litmus")}).status == 2);
}

TEST_CASE("CLI: check prints herd's block line for line", "[cli]") {
    auto r = invoke({"check", "--model", "tso", fixture("SB.litmus")});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(withoutTime(r.out) ==
          "Test SB Allowed\n"
          "States 4\n"
          "0:EAX=0; 1:EAX=0;\n"
          "0:EAX=0; 1:EAX=1;\n"
          "0:EAX=1; 1:EAX=0;\n"
          "0:EAX=1; 1:EAX=1;\n"
          "Ok\n"
          "Witnesses\n"
          "Positive: 1 Negative: 3\n"
          "Condition exists (0:EAX=0 /\\ 1:EAX=0)\n"
          "Observation SB Sometimes 1 3\n"
          "Time SB T\n"
          "\n");
}

TEST_CASE("CLI: the default model follows the architecture", "[cli]") {
    auto r = invoke({"check", fixture("R.litmus")});
    CHECK(r.status == 0);
    CHECK(r.out.find("States 4\n") != std::string::npos);  // tso: R's weak state is allowed
    auto s = invoke({"check", "--model", "sc", fixture("R.litmus")});
    CHECK(s.out.find("States 3\n") != std::string::npos);
}

TEST_CASE("CLI: --json prints one object per test", "[cli]") {
    auto r = invoke({"check", "--json", "--model", "sc", fixture("SB.litmus"), fixture("MP.litmus")});
    CHECK(r.status == 0);
    std::istringstream lines(r.out);
    std::string line;
    std::vector<nlohmann::json> objs;
    while (std::getline(lines, line)) objs.push_back(nlohmann::json::parse(line));
    REQUIRE(objs.size() == 2);
    const auto& sb = objs[0];
    CHECK(sb["name"] == "SB");
    CHECK(sb["model"] == "sc");
    CHECK(sb["status"] == "ok");
    CHECK(sb["verdict"] == "No");
    CHECK(sb["observation"] == "Never");
    CHECK(sb["kind"] == "Allowed");
    CHECK(sb["positive"] == 0);
    CHECK(sb["negative"] == 3);
    REQUIRE(sb["states"].size() == 3);
    CHECK(sb["states"][0]["0:EAX"] == "0");
    CHECK(sb["states"][0]["1:EAX"] == "1");
    CHECK(sb["states"][0]["condition"] == false);
    CHECK(sb["errors"].empty());
    CHECK(objs[1]["name"] == "MP");
}

TEST_CASE("CLI: a bad file is reported and the batch goes on", "[cli]") {
    TempDir dir;
    std::string bad = dir.write("bad.litmus", "X86 bad\n{ }\n P0 ;\n FROB [x],$1 ;\nexists (x=1)\n");
    auto r = invoke({"check", bad, fixture("SB.litmus")});
    CHECK(r.status == 1);
    CHECK(r.err == bad + ":4:2: error: unknown X86 instruction 'FROB'\n");
    CHECK(r.out.find("Test SB Allowed") != std::string::npos);

    auto j = invoke({"check", "--json", bad});
    CHECK(j.status == 1);
    auto obj = nlohmann::json::parse(j.out);
    CHECK(obj["status"] == "error");
    CHECK(obj["errors"][0] == bad + ":4:2: error: unknown X86 instruction 'FROB'");
}

TEST_CASE("CLI: a missing file or model is an input error", "[cli]") {
    auto r = invoke({"check", "/nonexistent/x.litmus", fixture("SB.litmus")});
    CHECK(r.status == 1);
    CHECK(r.out.find("Test SB") != std::string::npos);
    auto m = invoke({"check", "--model", "nosuchmodel", fixture("SB.litmus")});
    CHECK(m.status == 1);
    CHECK(m.err.find("unknown model 'nosuchmodel'") != std::string::npos);
}

TEST_CASE("CLI: a malformed model file gets a positioned error", "[cli]") {
    TempDir dir;
    std::string cat = dir.write("broken.cat", "\"broken\"\nacyclic po | as x\n");
    auto r = invoke({"check", "--model", cat, fixture("SB.litmus")});
    CHECK(r.status == 1);
    CHECK(r.err.rfind(cat + ":2:", 0) == 0);
}

TEST_CASE("CLI: a directory and an index file expand to their tests", "[cli]") {
    TempDir dir;
    std::string index = dir.write("@all", fixture("SB.litmus") + "\n" + fixture("MP.litmus") + "\n");
    auto r = invoke({"check", "--model", "sc", index});
    CHECK(r.status == 0);
    CHECK(r.out.find("Test SB Allowed") != std::string::npos);
    CHECK(r.out.find("Test MP Allowed") != std::string::npos);
}

TEST_CASE("CLI: a user-written model file is loaded by path", "[cli]") {
    TempDir dir;
    // Allow everything coherent: only per-location SC.
    std::string cat = dir.write("coherence.cat", "\"coherence only\"\nacyclic po-loc | rf | co | fr as coherence\n");
    auto r = invoke({"check", "--model", cat, fixture("MP.litmus")});
    CHECK(r.status == 0);
    CHECK(r.out.find("States 4\n") != std::string::npos);
    CHECK(r.out.find("\nOk\n") != std::string::npos);
}

TEST_CASE("CLI: a model that allows a dependency cycle still invents no values", "[cli]") {
    // Coherence alone allows LB+datas' cycle of reads-from and data dependencies; its values
    // would be unconstrained. memlit keeps value flow acyclic, so the run ends with one state.
    auto r = invoke({"check", "--model", testing::sourceDir() + "/examples/coherence.cat", fixture("LB+datas.litmus")});
    CHECK(r.status == 0);
    CHECK(r.out.find("States 1\n0:EAX=0; 1:EAX=0;\nNo\n") != std::string::npos);
}

TEST_CASE("CLI: both engines give the same answer", "[cli]") {
    for (const char* t : {"SB.litmus", "IRIW.litmus", "CAS+cmpxchgs.litmus", "MP+ctrl.litmus"}) {
        auto z = invoke({"check", "--engine", "z3", fixture(t)});
        auto e = invoke({"check", "--engine", "enumerate", fixture(t)});
        INFO(t);
        CHECK(z.status == 0);
        CHECK(withoutTime(z.out) == withoutTime(e.out));
    }
    CHECK(invoke({"check", "--engine", "magic", fixture("SB.litmus")}).status == 2);
}

TEST_CASE("CLI: ~exists is Forbidden and its witnesses count validating executions", "[cli]") {
    TempDir dir;
    std::string sb = testing::readFile(fixture("SB.litmus"));
    sb.replace(sb.find("exists ("), 8, "~exists (");
    std::string file = dir.write("SB-not.litmus", sb);
    auto r = invoke({"check", "--model", "tso", file});
    CHECK(r.status == 0);
    CHECK(r.out.find("Test SB Forbidden\n") != std::string::npos);
    CHECK(r.out.find("\nNo\nWitnesses\nPositive: 3 Negative: 1\n") != std::string::npos);
    CHECK(r.out.find("Condition ~exists (0:EAX=0 /\\ 1:EAX=0)\n") != std::string::npos);
    CHECK(r.out.find("Observation SB Sometimes 1 3\n") != std::string::npos);
}

TEST_CASE("CLI: every command's --help is its usage on stdout", "[cli]") {
    for (const char* command : {"check", "run", "compare"}) {
        auto r = invoke({command, "--help"});
        INFO(command);
        CHECK(r.status == 0);
        CHECK(r.out.rfind(std::string("usage: memlit ") + command, 0) == 0);
        CHECK(r.err.empty());
    }
}

TEST_CASE("CLI: herd7's -model and -cat print exactly what --model prints", "[cli]") {
    auto ours = invoke({"check", "--model", "sc", fixture("SB.litmus")});
    auto model = invoke({"check", "-model", "sc", fixture("SB.litmus")});
    auto cat = invoke({"check", "-cat", "sc", fixture("SB.litmus")});
    CHECK(ours.status == 0);
    CHECK(model.status == 0);
    CHECK(withoutTime(model.out) == withoutTime(ours.out));
    CHECK(withoutTime(cat.out) == withoutTime(ours.out));
    CHECK(model.err == ours.err);
}

TEST_CASE("CLI: -I DIR finds a model by name in DIR, and its includes", "[cli]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path / "lib");
    dir.write("lib/coh.cat", "\"coherence axiom\"\nacyclic po-loc | rf | co | fr as coherence\n");
    dir.write("mymodel.cat", "\"mine\"\ninclude \"coh.cat\"\n");
    const std::string d = dir.path.string();
    auto r = invoke({"check", "-I", d, "-I", d + "/lib", "-model", "mymodel", fixture("MP.litmus")});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("States 4\n") != std::string::npos);  // coherence alone allows MP's weak state
    auto libdir = invoke({"check", "-set-libdir", d, "--cat-dir=" + d + "/lib", "--model", "mymodel",
                          fixture("MP.litmus")});
    CHECK(withoutTime(libdir.out) == withoutTime(r.out));
    auto without = invoke({"check", "-model", "mymodel", fixture("MP.litmus")});
    CHECK(without.status == 1);
    CHECK(without.err.find("unknown model 'mymodel'") != std::string::npos);
}

TEST_CASE("CLI: a model that fails to load is reported once on stderr, in every result that needs it", "[cli]") {
    auto r = invoke({"check", "--json", "--model", "nosuchmodel", fixture("SB.litmus"), fixture("MP.litmus")});
    CHECK(r.status == 1);
    std::istringstream lines(r.out);
    std::string line;
    std::vector<nlohmann::json> objs;
    while (std::getline(lines, line)) objs.push_back(nlohmann::json::parse(line));
    REQUIRE(objs.size() == 2);
    CHECK(objs[0]["errors"][0].get<std::string>().rfind("memlit: error: unknown model 'nosuchmodel'", 0) == 0);
    // Each result stands alone (a shard or a resumed run may start anywhere).
    CHECK(objs[1]["errors"] == objs[0]["errors"]);
    // stderr carries the loader's diagnostic once.
    CHECK(r.err.find("unknown model 'nosuchmodel'") == r.err.rfind("unknown model 'nosuchmodel'"));
    CHECK(r.err.find("could not be loaded") == std::string::npos);
}

TEST_CASE("CLI: run and compare reject unknown single-dash options", "[cli]") {
    auto r = invoke({"run", "-a", "2"});
    CHECK(r.status == 2);
    CHECK(r.err.rfind("memlit run: error: unknown option '-a'\n", 0) == 0);
    auto c = invoke({"compare", "-x", "a.json", "b.json"});
    CHECK(c.status == 2);
    CHECK(c.err.rfind("memlit compare: error: unknown option '-x'\n", 0) == 0);
}
