// The freed-memory flags through the command line: `memlit check` prints each use-after-free
// and double-free pair with both positions, in text and in JSON (`memoryErrors`), and
// `memlit merge` prints them back from the JSON lines.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

using namespace memlit;

namespace {

int check(const std::vector<std::string>& args, std::string& out) {
    std::vector<std::string> all = {"check"};
    all.insert(all.end(), args.begin(), args.end());
    std::ostringstream o, e;
    const int code = cli::run(all, o, e);
    out = o.str();
    return code;
}

std::string fixture(const std::string& rel) { return testing::sourceDir() + "/tests/litmus/" + rel; }

}  // namespace

TEST_CASE("CLI: a free racing with a reader is a use-after-free with both positions", "[cli][c]") {
    const std::string f = fixture("C11/Free+racy.litmus");
    std::string out;
    CHECK(check({f}, out) == 0);
    CHECK(out.find("Flag use-after-free\nUse-after-free P0:free(p); (" + f + ":9:3) / P1:") != std::string::npos);
    CHECK(out.find(" in 1:r2=1;\n") != std::string::npos);
    CHECK(check({"--json", f}, out) == 0);
    const auto j = nlohmann::json::parse(out);
    REQUIRE(j.at("memoryErrors").size() == 1);
    const auto& e = j.at("memoryErrors").at(0);
    CHECK(e.at("flag") == "use-after-free");
    CHECK(e.at("events").at(0).at("line") == 9);
    CHECK(e.at("events").at(0).at("text") == "free(p);");
    CHECK(e.at("events").at(1).at("thread") == 1);
    CHECK(e.at("witness").at("1:r2") == "1");
}

TEST_CASE("CLI: two kfrees of one object are a double free; a clean handshake has no memory error", "[cli][c]") {
    const std::string f = fixture("LKMM/Kfree+double.litmus");
    std::string out;
    CHECK(check({"--model", "lkmm", f}, out) == 0);
    CHECK(out.find("Flag double-free\nDouble-free P0:kfree(p); (" + f + ":9:2) / P1:kfree(r1); (" + f +
                   ":15:2) in 1:r1=alloc1;\n") != std::string::npos);
    CHECK(check({"--model", "lkmm", "--json", fixture("LKMM/Kfree+handshake.litmus")}, out) == 0);
    const auto j = nlohmann::json::parse(out);
    CHECK(j.at("flags").empty());
    CHECK(j.at("memoryErrors").empty());
}

TEST_CASE("CLI: merge prints the use-after-free pairs back from the result lines", "[cli][c]") {
    std::string dir = (std::filesystem::temp_directory_path() / "memlit-free-test-XXXXXX").string();
    REQUIRE(::mkdtemp(dir.data()) != nullptr);
    const std::string log = dir + "/r.jsonl", f = fixture("C11/Free+racy.litmus");
    std::string direct, merged;
    CHECK(check({"--output", log, f}, direct) == 0);
    std::ostringstream o, e;
    CHECK(cli::run({"merge", log}, o, e) == 0);
    merged = o.str();
    const auto line = [](const std::string& text) {
        const auto at = text.find("Use-after-free ");
        return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
    };
    CHECK_FALSE(line(direct).empty());
    CHECK(line(merged) == line(direct));
    std::filesystem::remove_all(dir);
}
