// memlit explain's command line: its diagnostics, word for word.

#include "cli/Cli.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace {

const std::string kSB = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/X86/SB.litmus";

int run(const std::vector<std::string>& args, std::string& out, std::string& err) {
    std::ostringstream o, e;
    const int status = memlit::cli::run(args, o, e);
    out = o.str();
    err = e.str();
    return status;
}

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

TEST_CASE("Explain: a malformed --outcome is positioned in it", "[explain][cli]") {
    std::string out, err;
    CHECK(run({"explain", kSB, "--outcome", "0:EAX=0; 2:EAX=1;"}, out, err) == 1);
    CHECK(err == "--outcome:1:10: error: the test does not observe '2:EAX' (it observes 0:EAX, 1:EAX)\n");
    CHECK(run({"explain", kSB, "--outcome", "0:EAX"}, out, err) == 1);
    CHECK(err == "--outcome:1:1: error: expected PLACE=VALUE, got '0:EAX'\n");
    CHECK(run({"explain", kSB, "--outcome", " ; "}, out, err) == 1);
    CHECK(err == "--outcome:1:1: error: the outcome gives no place; expected e.g. '0:EAX=0; 1:EAX=0;'\n");
}

TEST_CASE("Explain: usage errors", "[explain][cli]") {
    std::string out, err;
    CHECK(run({"explain", kSB, kSB}, out, err) == 2);
    CHECK(firstLine(err) == "memlit explain: error: explain takes one litmus file");
    CHECK(run({"explain", kSB, "--jobs", "2"}, out, err) == 2);
    CHECK(firstLine(err) == "memlit explain: error: --jobs is an option of check, not explain");
    CHECK(run({"check", kSB, "--outcome", "0:EAX=0;"}, out, err) == 2);
    CHECK(firstLine(err) == "memlit check: error: --outcome is an option of explain");
    CHECK(run({"explain", "/no/such/file.litmus"}, out, err) == 1);
    CHECK(err == "/no/such/file.litmus: error: cannot open file\n");
}

TEST_CASE("Explain: an unknown model and a parse error are reported as check reports them", "[explain][cli]") {
    std::string out, err;
    CHECK(run({"explain", kSB, "--model", "nosuch"}, out, err) == 1);
    CHECK(err.find("error: unknown model 'nosuch'") != std::string::npos);
    CHECK(out.rfind("Test SB Allowed\n", 0) == 0);
}

TEST_CASE("Explain: --timeout ends in Unknown (timeout), exit 3", "[explain][cli]") {
    std::string out, err;
    const std::string iriw = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/X86/IRIW.litmus";
    CHECK(run({"explain", iriw, "--timeout", "0.000001"}, out, err) == 3);
    CHECK(out == "Test IRIW Allowed\nUnknown (timeout)\n");
}
