#include "cli/RunCommand.hpp"
#include "litmus/Parser.hpp"
#include "runner/GoGenerator.hpp"
#include "runner/Process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

const std::string kGoDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/go/";

std::string readFile(const std::string& path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
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
    CHECK(program->code == readFile(std::string(MEMLIT_SOURCE_DIR) + "/tests/runner/golden/G01-MP-plain.go"));
}

TEST_CASE("Go constructs the runner cannot run yet are unsupported, with the reason", "[runner][go]") {
    Diagnostics diags;
    auto test = litmus::loadLitmus(kGoDir + "C01-send-recv.litmus", diags);
    REQUIRE(test);
    CHECK_FALSE(runner::generateGoProgram(*test, diags));
    std::ostringstream msg;
    diags.print(msg);
    CHECK(msg.str().find("unsupported feature: channels (memlit run)") != std::string::npos);
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

TEST_CASE("a missing Go toolchain is a clear compiler-missing error", "[runner][go]") {
    std::ostringstream out, err;
    CHECK(cli::runCommand({kGoDir + "G02-MP-atomic.litmus", "--iterations", "10", "--go", "/nonexistent/go"},
                          out, err) == 2);
    CHECK(err.str().find("compiler-missing: cannot run the Go toolchain '/nonexistent/go'") != std::string::npos);
    CHECK(err.str().find("(install golang-go)") != std::string::npos);
}
