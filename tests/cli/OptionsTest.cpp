// The command-line parsers of cli/Options.hpp: spellings, herd7 aliases, help texts.

#include "cli/Options.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

using namespace memlit;
using cli::Command;

namespace {

/// Whether `text` names `spelling` as an option: preceded by a blank or a comma and followed
/// by a blank, a comma or the end of the line.
bool namesOption(const std::string& text, const std::string& spelling) {
    const std::regex re("(^|[ ,])" + std::regex_replace(spelling, std::regex("[-]"), "\\-") + "([ ,\n]|$)");
    return std::regex_search(text, re);
}

struct Parsed {
    std::optional<cli::ExitCode> stop;
    std::string out, err;
};

Parsed check(const std::vector<std::string>& args, cli::CheckArgs& a) {
    std::ostringstream out, err;
    auto stop = cli::parseCheck(args, a, out, err);
    return {stop, out.str(), err.str()};
}

Parsed run(const std::vector<std::string>& args, cli::RunArgs& a) {
    std::ostringstream out, err;
    auto stop = cli::parseRun(args, a, out, err);
    return {stop, out.str(), err.str()};
}

}  // namespace

TEST_CASE("Options: every --help names every spelling its parser accepts", "[cli]") {
    for (Command c : {Command::TopLevel, Command::Check, Command::Run, Command::Compare, Command::Merge,
                      Command::Serve}) {
        const std::string help = cli::usage(c);
        const auto spellings = cli::optionSpellings(c);
        CHECK(spellings.size() >= 2);  // at least -h and --help
        for (const auto& s : spellings) {
            INFO(help << "\nmissing: " << s);
            CHECK(namesOption(help, s));
        }
    }
}

TEST_CASE("Options: the herd7 aliases are accepted spellings of check and run", "[cli]") {
    const auto check = cli::optionSpellings(Command::Check);
    for (const char* s : {"--model", "-model", "-cat", "-I", "--cat-dir", "-set-libdir", "--skip-check", "-skipchecks"})
        CHECK(std::find(check.begin(), check.end(), s) != check.end());
    const auto run = cli::optionSpellings(Command::Run);
    for (const char* s : {"--model", "-model", "-cat", "-I", "--cat-dir", "-set-libdir"})
        CHECK(std::find(run.begin(), run.end(), s) != run.end());
}

TEST_CASE("Options: --opt=V and --opt V are the same", "[cli]") {
    cli::CheckArgs a, b;
    CHECK_FALSE(check({"--model=sc", "--timeout=2", "--engine=z3", "f.litmus"}, a).stop);
    CHECK_FALSE(check({"--model", "sc", "--timeout", "2", "--engine", "z3", "f.litmus"}, b).stop);
    CHECK(a.model == b.model);
    CHECK(a.model == std::optional<std::string>("sc"));
    CHECK(a.timeoutSeconds == 2);
    CHECK(b.timeoutSeconds == 2);
    CHECK(a.engine == "z3");
    CHECK(a.inputs == b.inputs);
}

TEST_CASE("Options: the last of a repeated option wins, list options collect every value", "[cli]") {
    cli::CheckArgs a;
    CHECK_FALSE(check({"--model", "tso", "-model", "sc", "-I", "d1", "-Id2", "-set-libdir", "d3", "--cat-dir=d4",
                       "-skipchecks", "sc,tso", "--skip-check", "x", "f.litmus", "g.litmus"},
                      a)
                    .stop);
    CHECK(a.model == std::optional<std::string>("sc"));
    CHECK(a.catDirs == std::vector<std::string>{"d1", "d2", "d3", "d4"});
    CHECK(a.skipChecks == std::vector<std::string>{"sc", "tso", "x"});
    CHECK(a.inputs == std::vector<std::string>{"f.litmus", "g.litmus"});
}

TEST_CASE("Options: a list option without a value is a usage error", "[cli]") {
    cli::CheckArgs a;
    auto p = check({"f.litmus", "--skip-check"}, a);
    CHECK(p.stop == std::optional<cli::ExitCode>(cli::ExitUsage));
    CHECK(p.err.rfind("memlit check: error: --skip-check needs a check name\n", 0) == 0);
    auto q = check({"f.litmus", "-I"}, a);
    CHECK(q.err.rfind("memlit check: error: --cat-dir needs a directory\n", 0) == 0);
}

TEST_CASE("Options: an unknown single-dash word is an option error, not an input file", "[cli]") {
    cli::RunArgs r;
    auto p = run({"-a", "2"}, r);
    CHECK(p.stop == std::optional<cli::ExitCode>(cli::ExitUsage));
    CHECK(p.err.rfind("memlit run: error: unknown option '-a'\n", 0) == 0);
    CHECK(r.inputs.empty());
    cli::CheckArgs c;
    CHECK(check({"-frob", "f.litmus"}, c).err.rfind("memlit check: error: unknown option '-frob'\n", 0) == 0);
}

TEST_CASE("Options: `-` is an input and words after `--` are inputs even when they look like options", "[cli]") {
    cli::CheckArgs a;
    CHECK_FALSE(check({"-", "--", "-model", "-x"}, a).stop);
    CHECK(a.inputs == std::vector<std::string>{"-", "-model", "-x"});
    CHECK_FALSE(a.model);
}

TEST_CASE("Options: run reads its numbers and flags as before", "[cli]") {
    cli::RunArgs a;
    CHECK_FALSE(run({"t.litmus", "--iterations=500", "--race", "--unroll", "3", "--cxx", "clang++"}, a).stop);
    CHECK(a.run.iterations == 500);
    CHECK(a.run.seconds == 0);  // --iterations alone: no time limit
    CHECK(a.run.race);
    CHECK(a.parse.unroll == std::optional<int>(3));
    CHECK(a.run.cxx == "clang++");
    cli::RunArgs b;
    CHECK_FALSE(run({"t.litmus", "--iterations", "500", "--seconds", "2"}, b).stop);
    CHECK(b.run.seconds == 2);
    cli::RunArgs c;
    auto p = run({"t.litmus", "--unroll", "2.5"}, c);
    CHECK(p.err.rfind("memlit run: error: bad value '2.5' for --unroll\n", 0) == 0);
    auto q = run({"t.litmus", "--json"}, c);
    CHECK(q.err.rfind("memlit run: error: option --json needs a value\n", 0) == 0);
}

TEST_CASE("Options: help goes to stdout with status 0, wherever it is asked for", "[cli]") {
    cli::CheckArgs a;
    auto p = check({"--bogus", "-h"}, a);
    CHECK(p.stop == std::optional<cli::ExitCode>(cli::ExitOk));
    CHECK(p.out == cli::usage(Command::Check));
    CHECK(p.err.empty());
    cli::CompareArgs c;
    std::ostringstream out, err;
    CHECK(cli::parseCompare({"a.json", "--help"}, c, out, err) == std::optional<cli::ExitCode>(cli::ExitOk));
    CHECK(out.str() == cli::usage(Command::Compare));
}

TEST_CASE("Options: the top level leaves the command's own options to the command", "[cli]") {
    cli::TopLevelArgs a;
    std::ostringstream out, err;
    CHECK_FALSE(cli::parseTopLevel({"check", "--help", "-model", "sc"}, a, out, err));
    CHECK(a.command == "check");
    CHECK(a.args == std::vector<std::string>{"--help", "-model", "sc"});
    CHECK(out.str().empty());
}

TEST_CASE("Options: serve's values and their usage errors", "[cli]") {
    auto serve = [](const std::vector<std::string>& args, web::ServeOptions& o) {
        std::ostringstream out, err;
        auto stop = cli::parseServe(args, o, out, err);
        return std::make_pair(stop, err.str().substr(0, err.str().find('\n')));
    };
    web::ServeOptions o;
    auto [stop, line] = serve({"--host", "0.0.0.0", "--port", "0", "--timeout", "2.5", "--workers", "3", "--allow-run"}, o);
    CHECK(!stop);
    CHECK(o.host == "0.0.0.0");
    CHECK(o.port == 0);
    CHECK(o.timeoutSeconds == 2.5);
    CHECK(o.workers == 3);
    CHECK(o.allowRun);
    web::ServeOptions d;
    CHECK(!serve({}, d).first);
    CHECK(d.host == "127.0.0.1");
    CHECK(d.port == 8080);
    CHECK(!d.allowRun);
    const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
        {{"--port", "99999"}, "memlit serve: error: --port needs a port number (0 to 65535; 0: any free port)"},
        {{"--timeout", "0"}, "memlit serve: error: --timeout needs a number of seconds (more than 0, at most 3600)"},
        {{"--workers", "0"}, "memlit serve: error: --workers needs a number from 1 to 64"},
        {{"--host", ""}, "memlit serve: error: --host needs an address, e.g. 127.0.0.1"},
        {{"x.litmus"}, "memlit serve: error: serve takes no files ('x.litmus')"},
        {{"--frob"}, "memlit serve: error: unknown option '--frob'"},
    };
    for (const auto& [args, want] : bad) {
        web::ServeOptions b;
        auto [s, l] = serve(args, b);
        CHECK(s == cli::ExitUsage);
        CHECK(l == want);
    }
}
