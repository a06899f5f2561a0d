// `memlit check --expect-from-comments` against the kernel's `Result:` comments, and the
// `Undef` verdict of a racy C11 test, through the command line.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

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

TEST_CASE("CLI: --expect-from-comments reports matches and exits 4 on a mismatch", "[cli][c]") {
    std::string out;
    CHECK(check({"--model", "lkmm", "--expect-from-comments", fixture("LKMM/MP+wmb+rmb.litmus"),
                 fixture("LKMM/LB+onces.litmus")},
                out) == 0);
    CHECK(out.find("Expect MP+wmb+rmb Never: match\n") != std::string::npos);
    CHECK(out.find("Expect LB+onces Sometimes: match\n") != std::string::npos);
    // Under SC, load buffering never happens: the comment's Sometimes is not what we observe.
    CHECK(check({"--model", "sc", "--expect-from-comments", fixture("LKMM/LB+onces.litmus")}, out) == 4);
    CHECK(out.find("Expect LB+onces Sometimes: MISMATCH, observed Never\n") != std::string::npos);
    // A test without the comment is reported, not failed.
    CHECK(check({"--model", "rc11", "--expect-from-comments", fixture("C11/SB+sc.litmus")}, out) == 0);
    CHECK(out.find("Expect SB+sc none:") != std::string::npos);
}

TEST_CASE("CLI: a racy C11 test is Undef with both racing accesses' positions", "[cli][c]") {
    std::string out;
    CHECK(check({"--model", "rc11", fixture("C11/MP+racy.litmus")}, out) == 0);
    CHECK(out.find("\nUndef\n") != std::string::npos);
    CHECK(out.find("Flag *undef*\n") != std::string::npos);
    CHECK(out.find("Race P0:*x = 1; (" + fixture("C11/MP+racy.litmus") + ":6:3) / P1:int r1 = *x; (") !=
          std::string::npos);
}
