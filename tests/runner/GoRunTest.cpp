#include "cli/RunCommand.hpp"
#include "litmus/Parser.hpp"
#include "runner/GoGenerator.hpp"
#include "runner/GoRuntime.hpp"
#include "runner/Process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

const std::string kGoDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/go/";
const std::string kGolden = std::string(MEMLIT_SOURCE_DIR) + "/tests/runner/golden/";

std::string readFile(const std::string& path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

/// The Go program for a test given as text (T.litmus).
std::string generate(const std::string& text) {
    Diagnostics diags;
    auto test = litmus::parseLitmus(text, "T.litmus", diags);
    std::ostringstream msg;
    diags.print(msg);
    INFO(msg.str());
    REQUIRE(test);
    auto program = runner::generateGoProgram(*test, diags);
    REQUIRE(program);
    return program->code;
}

/// The diagnostics of a test the Go runner refuses.
std::string refusal(const std::string& text) {
    Diagnostics diags;
    auto test = litmus::parseLitmus(text, "T.litmus", diags);
    REQUIRE(test);
    CHECK_FALSE(runner::generateGoProgram(*test, diags));
    std::ostringstream msg;
    diags.print(msg);
    return msg.str();
}

/// Fails (never skips) when the Go toolchain is missing: CI installs it via scripts/setup.sh.
void requireGo() {
    std::string error;
    auto v = runner::goVersion("go", error);
    INFO("the Go toolchain is needed for memlit run on Go tests (apt-get install golang-go, "
         "scripts/setup.sh): " << error);
    REQUIRE(v.has_value());
}

/// `memlit run FILE --iterations 200 --json - [extra]`: the one test's JSON report.
nlohmann::json runGo(const std::string& fixture, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{kGoDir + fixture, "--iterations", "200", "--json", "-"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out, err;
    int rc = cli::runCommand(args, out, err);
    INFO(err.str());
    CHECK(rc == 0);
    auto doc = nlohmann::json::parse(out.str());
    REQUIRE(doc["tests"].size() == 1);
    return doc["tests"][0];
}

}  // namespace

TEST_CASE("the Go program for MP plain matches the golden text", "[runner][go]") {
    Diagnostics diags;
    auto test = litmus::loadLitmus(kGoDir + "G01-MP-plain.litmus", diags);
    REQUIRE(test);
    auto program = runner::generateGoProgram(*test, diags);
    REQUIRE(program);
    CHECK(program->goroutines == 2);
    // The golden holds the test-specific part; the fixed runtime follows it unchanged.
    CHECK(program->code == readFile(kGolden + "G01-MP-plain.go") + runner::goHarnessRuntime());
}

TEST_CASE("the Go programs for channels, structs, go statements and once match the golden text",
          "[runner][go]") {
    // The part before the runtime, as in every golden.
    for (const char* name : {"C06-chan-mutex", "A04-go-arg-publish", "W01-waitgroup", "O01-once"}) {
        DYNAMIC_SECTION(name) {
            Diagnostics diags;
            auto test = litmus::loadLitmus(kGoDir + name + ".litmus", diags);
            REQUIRE(test);
            auto program = runner::generateGoProgram(*test, diags);
            REQUIRE(program);
            const std::string& code = program->code;
            CHECK(code.substr(0, code.find("// ---- memlit runtime ----")) == readFile(kGolden + name + ".go"));
        }
    }
}

TEST_CASE("Go rewriting: every local is used, scoped ones where they are in scope", "[runner][go]") {
    auto code = generate("Go T\n"
                         "{ var x int; var c = make(chan int, 1); var d = make(chan int) }\n"
                         "func P0() {\n"
                         "\tif x == 0 {\n\t\tv := x\n\t}\n"
                         "\tselect {\n\tcase w, ok := <-c:\n\t\tx = 1\n\tcase <-d:\n\t}\n"
                         "\tfor i := 0; i < 2; i++ {\n\t}\n"
                         "\tc <- 1\n"
                         "\tr := len(c)\n"
                         "}\n"
                         "exists (0:r=1)\n");
    CHECK(code.find("\t\tv := in.x; _ = v\n") != std::string::npos);
    CHECK(code.find("\tcase w, ok := <-in.c: _ = w; _ = ok;\n\t\tin.x = 1\n") != std::string::npos);
    CHECK(code.find("\tfor i := 0; i < 2; i++ { _ = i;\n") != std::string::npos);
    CHECK(code.find("\tr := len(in.c)\n\tin.memlitObs[0] = memlitInt(r)\n}") != std::string::npos);
}

TEST_CASE("Go rewriting: a goroutine a helper runs is started for the harness to wait for", "[runner][go]") {
    auto code = generate("Go T\n{ var x int }\nfunc f() { x = 1 }\nfunc P0() { go f() }\nexists (x=1)\n");
    CHECK(code.find("func f(in *memlitInst) {\n\tin.x = 1\n}") != std::string::npos);
    CHECK(code.find("memlitDone.Add(1); go func() { defer memlitDone.Done(); f(in) }()") != std::string::npos);
    CHECK(code.find("in.memlitObs[0] = memlitInt(in.x)") != std::string::npos);
}

TEST_CASE("Go constructs the runner cannot run faithfully are unsupported, with the reason", "[runner][go]") {
    SECTION("a local declared in a block") {
        CHECK(refusal("Go T\n{ var x int }\nfunc P0() {\n\tif x == 0 {\n\t\tr := 1\n\t}\n}\nexists (0:r=1)\n") ==
              "T.litmus:5:3: error: unsupported feature: observing 'r', which goroutine 0 declares in an inner block, "
              "not at the top level of its body (memlit run)\n");
    }
    SECTION("a local a func literal goroutine shares with a later write") {
        CHECK(refusal("Go T\n{ var x int }\nfunc P0() {\n\tr := 1\n\tgo func() {\n\t\tx = r\n\t}()\n\tr = 2\n}\n"
                      "exists (x=1)\n") ==
              "T.litmus:6:7: error: unsupported feature: a func literal goroutine using 'r', which is written after its "
              "go statement (Go shares the variable, memlit copies it at the go statement) (memlit run)\n");
    }
    SECTION("a pointer") {
        CHECK(refusal("Go T\n{ type S struct { x int }; var g *S }\nfunc P0() { g = new(S) }\nexists (g=0)\n") ==
              "T.litmus:4:1: error: unsupported feature: observing 'g', which is not an integer variable (memlit run)\n");
    }
}

TEST_CASE("atomic MP on Go: no state the go model forbids, every run counted", "[runner][go]") {
    requireGo();
    auto t = runGo("G02-MP-atomic.litmus");
    CHECK(t["status"] == "ok");
    CHECK(t["verdict"]["forbidden"] == 0);
    CHECK(t["iterations"] == 200);
    std::uint64_t sum = 0;
    for (const auto& row : t["histogram"]) {
        CHECK(row["allowed"] == true);
        sum += row["count"].get<std::uint64_t>();
    }
    CHECK(sum == 200);
    CHECK_FALSE(t.contains("raceDetector"));
}

TEST_CASE("Go race detector (run with --race) fires on racy MP and agrees with the model", "[runner][go]") {
    requireGo();
    auto t = runGo("G01-MP-plain.litmus", {"--race"});
    CHECK(t["status"] == "ok");
    CHECK(t["raceDetector"]["fired"] == true);
    CHECK(t["raceDetector"]["modelRace"] == true);
    CHECK(t["raceDetector"]["disagreement"] == false);
}

TEST_CASE("Go race detector (run with --race) stays silent on race-free publication", "[runner][go]") {
    requireGo();
    auto t = runGo("G03-MP-publish.litmus", {"--race"});
    CHECK(t["status"] == "ok");
    CHECK(t["raceDetector"]["fired"] == false);
    CHECK(t["raceDetector"]["modelRace"] == false);
    CHECK(t["raceDetector"]["disagreement"] == false);
}

TEST_CASE("a channel test runs on Go: every instance counted, nothing the go model forbids", "[runner][go]") {
    requireGo();
    auto t = runGo("C05-rendezvous.litmus");
    CHECK(t["status"] == "ok");
    CHECK(t["iterations"] == 200);
    CHECK(t["verdict"]["forbidden"] == 0);
    std::uint64_t sum = 0;
    for (const auto& row : t["histogram"]) sum += row["count"].get<std::uint64_t>();
    CHECK(sum == 200);
}

TEST_CASE("racy publication of a new struct runs on Go, and Go's race detector agrees with the model",
          "[runner][go]") {
    requireGo();
    auto t = runGo("A02-racy-publish.litmus", {"--race"});
    CHECK(t["status"] == "ok");
    CHECK(t["verdict"]["forbidden"] == 0);
    CHECK(t["raceDetector"]["fired"] == true);
    CHECK(t["raceDetector"]["modelRace"] == true);
}

TEST_CASE("go f(a, b) and pointers run on Go: the arguments are evaluated at the go statement", "[runner][go]") {
    requireGo();
    for (const char* name : {"X09-go-args.litmus", "A07-new-int.litmus"}) {
        INFO(name);
        auto t = runGo(name, {"--race"});
        CHECK(t["status"] == "ok");
        CHECK(t["verdict"]["forbidden"] == 0);
        CHECK(t["raceDetector"]["fired"] == false);
    }
}

TEST_CASE("a Go test that can block counts the deadlock in its histogram instead of hanging", "[runner][go]") {
    requireGo();
    std::string error;
    auto dir = runner::TempDir::create("memlit-gotest-", error);
    REQUIRE(dir);
    const std::string file = dir->path() + "/B.litmus";
    std::ofstream(file) << "Go B\n{ var c = make(chan int) }\nfunc P0() { c <- 1 }\n"
                           "func P1() { r1 := <-c; r2 := <-c }\nexists (1:r1=1)\n";
    std::ostringstream out, err;
    // --timeout 4: a round may take a second; the model says P1 waits forever, so the
    // deadlock the watchdog sees is an allowed outcome.
    CHECK(cli::runCommand({file, "--iterations", "100", "--timeout", "4"}, out, err) == 0);
    CHECK(out.str().find(":> halt deadlock\n") != std::string::npos);
    CHECK(out.str().find("forbidden") == std::string::npos);
}

TEST_CASE("a Go test that panics counts the panic in its histogram, judged by the model's halts", "[runner][go]") {
    requireGo();
    std::string error;
    auto dir = runner::TempDir::create("memlit-gotest-", error);
    REQUIRE(dir);
    const std::string file = dir->path() + "/P.litmus";
    std::ofstream(file) << "Go P\n{ var c = make(chan int, 1) }\nfunc P0() { close(c) }\nfunc P1() { close(c) }\n"
                           "exists (true)\n";
    std::ostringstream out, err;
    CHECK(cli::runCommand({file, "--iterations", "100"}, out, err) == 0);
    CHECK(out.str().find(":> halt panic: close of closed channel\n") != std::string::npos);
    CHECK(out.str().find("forbidden") == std::string::npos);
}

TEST_CASE("a missing Go toolchain is a clear compiler-missing error", "[runner][go]") {
    std::ostringstream out, err;
    CHECK(cli::runCommand({kGoDir + "G02-MP-atomic.litmus", "--iterations", "10", "--go", "/nonexistent/go"},
                          out, err) == 2);
    CHECK(err.str().find("compiler-missing: cannot run the Go toolchain '/nonexistent/go'") != std::string::npos);
    CHECK(err.str().find("(install golang-go)") != std::string::npos);
}
