// The Go fixtures (tests/litmus/go) under models/go.cat: golden states and race reports, the
// verdicts of the catalogue (/work/shared/go/TESTS.md section 2), Z3 against brute force,
// and the sanity properties DRF => SC and "atomics never add an outcome".

#include "cli/Cli.hpp"
#include "report/Report.hpp"
#include "litmus/Parser.hpp"
#include "litmus/State.hpp"
#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace memlit;
using testing::model;
using testing::parse;
using testing::stateLines;

namespace {

bool racy(const engine::CheckResult& r) {
    return std::find(r.flags.begin(), r.flags.end(), "data-race") != r.flags.end();
}

std::string site(const engine::EventSite& s) {
    return "P" + std::to_string(s.thread) + ":" + s.text + " (" + std::to_string(s.loc.line) + ":" +
           std::to_string(s.loc.col) + ")";
}

/// What a Go `.expected` holds per model: states, verdict, the executions that halt (one
/// `deadlock|leak|panic|cut SITE; SITE...` line each), and for go the race report (`race-free`, or
/// `flag data-race` and one `race A / B` line per racing pair).
struct GoExpected {
    std::vector<std::string> states, report, halts;
    std::string verdict;
};

bool isHaltLine(const std::string& line) {
    for (const char* k : {"deadlock ", "leak ", "panic ", "cut "})
        if (line.rfind(k, 0) == 0) return true;
    return false;
}

/// Where a fixture's `.expected` is: beside it, or for an example program (examples/go/N.go)
/// under tests/litmus/goprog/examples/, since examples/ holds programs only.
std::string expectedPath(const std::string& fixture) {
    std::filesystem::path p(fixture);
    if (p.parent_path().filename() == "go" && p.parent_path().parent_path().filename() == "examples")
        return testing::sourceDir() + "/tests/litmus/goprog/examples/" + p.stem().string() + ".expected";
    return p.replace_extension(".expected").string();
}

std::map<std::string, GoExpected> readGoExpected(const std::string& fixture) {
    std::ifstream in(expectedPath(fixture));
    std::map<std::string, GoExpected> out;
    std::string line, m;
    while (std::getline(in, line)) {
        if (line.rfind("model ", 0) == 0) m = line.substr(6);
        else if (line.rfind("verdict ", 0) == 0) out[m].verdict = line.substr(8);
        else if (line == "race-free" || line.rfind("flag ", 0) == 0 || line.rfind("race ", 0) == 0)
            out[m].report.push_back(line);
        else if (isHaltLine(line)) out[m].halts.push_back(line);
        else if (!line.empty()) out[m].states.push_back(line);
    }
    return out;
}

std::vector<std::string> raceReport(const engine::CheckResult& r) {
    if (!racy(r)) return {"race-free"};
    std::vector<std::string> out{"flag data-race"};
    for (const auto& p : r.flagPairs)
        if (p.flag == "data-race") out.push_back("race " + site(p.a) + " / " + site(p.b));
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// The halted executions as `.expected` lines: how the execution ends (`deadlock`, `leak`,
/// `panic`, `cut`), then every site with why it stopped (`blocked`, `panic`, `cut`).
std::vector<std::string> haltReport(const engine::CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.halts) {
        std::string sites;
        for (const auto& s : h.sites) {
            sites += (sites.empty() ? "" : "; ") + site(s.site) + " " + lower(report::haltKindName(s.kind));
            if (!s.what.empty()) sites += ": " + s.what;
        }
        out.push_back(lower(report::haltOutcomeName(h)) + " " + sites);
    }
    return out;
}

/// Every plain access of the test made a sync/atomic one.
litmus::LitmusTest atomized(litmus::LitmusTest t) {
    auto plainAccess = [](const std::vector<std::string>& tags, const litmus::Expr& addr) {
        // Not the go statement's own locations (%go1, %go1.p), which are not shared variables.
        return tags.empty() && !(addr.kind == litmus::Expr::Kind::Sym && addr.name[0] == '%');
    };
    for (auto& th : t.threads)
        for (auto& op : th.ops) {
            if (auto* l = std::get_if<litmus::Load>(&op.kind); l && plainAccess(l->tags, l->addr)) l->tags = {"AT"};
            if (auto* s = std::get_if<litmus::Store>(&op.kind); s && plainAccess(s->tags, s->addr)) s->tags = {"AT"};
        }
    return t;
}

struct Catalogue {
    const char* file;
    bool allowed;  // the asked outcome
    bool racy;
};

// /work/shared/go/TESTS.md section 2, the entries phase 1 covers.
const Catalogue kCatalogue[] = {
    {"G01-MP-plain", true, true},        {"G02-MP-atomic", false, false},
    {"G03-MP-publish", false, false},    {"G04-MP-flag-plain", true, true},
    {"G05-SB-plain", true, true},        {"G06-SB-atomic", false, false},
    {"G07-LB-plain", true, true},        {"G08-LB-atomic", false, false},
    {"G09-IRIW-plain", true, true},      {"G10-IRIW-atomic", false, false},
    {"G11-CoRR-plain", true, true},      {"G12-CoRR-atomic", false, false},
    {"G17-OOTA-racy", false, true},      {"G20-go-create", false, false},
    {"G21-go-create-rev", true, true},   {"M01-spec-lock", false, false},
    {"M02-MP-in-CS", false, false},      {"M03-SB-two-locks", false, false},
    {"O01-once", false, false},          {"W01-waitgroup", false, false},
    {"A02-racy-publish", true, true},    {"A03-atomic-publish", false, false},
    {"A04-go-arg-publish", false, false},
    {"C01-send-recv", false, false},     {"C02-close", false, false},
    {"C03-unbuffered-rev", false, false}, {"C04-buffered-rev", true, true},
    {"C05-rendezvous", false, false},    {"C05b-rendezvous-cap1", true, true},
    {"C06-chan-mutex", true, false},
};

/// The Go fixtures: the dialect's (tests/litmus/go/*.litmus), the `.go` programs
/// (tests/litmus/goprog/*.go) and the example programs (examples/go/*.go).
std::vector<std::string> goFixtures() {
    std::vector<std::string> out = testing::fixtures("go");
    for (const std::string dir : {"/tests/litmus/goprog", "/examples/go"}) {
        std::vector<std::string> programs;
        for (const auto& e : std::filesystem::directory_iterator(testing::sourceDir() + dir))
            if (e.path().extension() == ".go") programs.push_back(e.path().string());
        std::sort(programs.begin(), programs.end());
        out.insert(out.end(), programs.begin(), programs.end());
    }
    return out;
}

std::string goFixture(const std::string& name) {
    return testing::sourceDir() + "/tests/litmus/go/" + name + ".litmus";
}

}  // namespace

TEST_CASE("Go golden: fixtures give the expected states, verdicts and races under go and sc", "[go][golden]") {
    const auto files = goFixtures();
    REQUIRE(files.size() >= 20);
    testing::Z3Checker checker;
    for (const auto& name : {"go", "sc"}) {
        cat::Model m = model(name);
        for (const auto& f : files) {
            DYNAMIC_SECTION(name << " " << f) {
                auto expected = readGoExpected(f);
                REQUIRE(expected.count(name));
                litmus::LitmusTest t = parse(f);
                Diagnostics d;
                auto r = checker.check(t, m, {}, d);
                REQUIRE(r);
                CHECK(stateLines(*r) == expected[name].states);
                CHECK((r->ok ? "Ok" : "No") == expected[name].verdict);
                CHECK(haltReport(*r) == expected[name].halts);
                if (std::string(name) == "go") CHECK(raceReport(*r) == expected[name].report);
            }
        }
    }
}

TEST_CASE("Go catalogue: allowed/forbidden and racy/race-free as TESTS.md section 2 says", "[go]") {
    testing::Z3Checker checker;
    cat::Model go = model("go");
    for (const auto& c : kCatalogue) {
        DYNAMIC_SECTION(c.file) {
            litmus::LitmusTest t = parse(goFixture(c.file));
            REQUIRE(t.condition.quantifier == litmus::Condition::Quantifier::Exists);
            Diagnostics d;
            auto r = checker.check(t, go, {}, d);
            REQUIRE(r);
            CHECK(r->ok == c.allowed);
            CHECK(racy(*r) == c.racy);
        }
    }
}

TEST_CASE("Go differential: Z3 equals brute-force enumeration under go and sc", "[go][differential]") {
    testing::Z3Checker checker;
    for (const auto& name : {"go", "sc"}) {
        cat::Model m = model(name);
        for (const auto& f : goFixtures()) {
            DYNAMIC_SECTION(name << " " << f) {
                litmus::LitmusTest t = parse(f);
                Diagnostics d1, d2;
                auto z = checker.check(t, m, {}, d1);
                REQUIRE(z);
                // Lock-heavy tests (M03) have too many candidate executions to enumerate.
                auto prepared = engine::prepare(t, d2);
                REQUIRE(prepared);
                if (prepared->candidates > 200000) {
                    WARN("too many candidates for brute force: " << f);
                    continue;
                }
                auto b = testing::bruteForce(t, m, d2);
                REQUIRE(b);
                CHECK(stateLines(*z) == stateLines(*b));
                CHECK(z->ok == b->ok);
                CHECK(z->positive == b->positive);
                CHECK(z->negative == b->negative);
                CHECK(z->flags == b->flags);
                CHECK(testing::haltSites(*z) == testing::haltSites(*b));
            }
        }
    }
}

TEST_CASE("Go property: race-free programs have exactly the SC outcomes, racy ones at least those",
          "[go][property]") {
    testing::Z3Checker checker;
    cat::Model go = model("go"), sc = model("sc");
    for (const auto& f : goFixtures()) {
        DYNAMIC_SECTION(f) {
            litmus::LitmusTest t = parse(f);
            Diagnostics d;
            auto g = checker.check(t, go, {}, d);
            auto s = checker.check(t, sc, {}, d);
            REQUIRE(g);
            REQUIRE(s);
            if (!racy(*g)) {
                CHECK(stateLines(*g) == stateLines(*s));
            } else {
                for (const auto& st : s->states)
                    CHECK(std::find(g->states.begin(), g->states.end(), st) != g->states.end());
            }
        }
    }
}

TEST_CASE("Go property: making every shared access atomic never adds an outcome, and removes every race",
          "[go][property]") {
    testing::Z3Checker checker;
    cat::Model go = model("go");
    for (const auto& f : goFixtures()) {
        DYNAMIC_SECTION(f) {
            litmus::LitmusTest t = parse(f);
            Diagnostics d;
            auto plain = checker.check(t, go, {}, d);
            auto atomic = checker.check(atomized(t), go, {}, d);
            REQUIRE(plain);
            REQUIRE(atomic);
            CHECK_FALSE(racy(*atomic));
            for (const auto& st : atomic->states)
                CHECK(std::find(plain->states.begin(), plain->states.end(), st) != plain->states.end());
        }
    }
}

TEST_CASE("Go CLI: races print after the flag as source positions, race-free tests say so", "[go][cli]") {
    auto run = [](std::vector<std::string> args) {
        std::ostringstream out, err;
        int status = cli::run(args, out, err);
        CHECK(status == 0);
        return out.str();
    };
    SECTION("text") {
        const std::string f = goFixture("G01-MP-plain");
        std::string out = run({"check", f});
        CHECK(out.find("Flag data-race\n"
                       "Race P0:x = 1 (" + f + ":4:13) / P1:r2 := x (" + f + ":5:22) in 1:r1=") != std::string::npos);
        CHECK(out.find("\nRace P0:y = 1 (" + f + ":4:20) / P1:r1 := y (" + f + ":5:13) in 1:r1=") != std::string::npos);
        CHECK(out.find(";\nCondition exists") != std::string::npos);
        std::string drf = run({"check", goFixture("G03-MP-publish")});
        CHECK(drf.find("Negative: 2\nNo data race\nCondition") != std::string::npos);
        std::string enumerated = run({"check", "--engine", "enumerate", goFixture("G03-MP-publish")});
        CHECK(enumerated.find("Negative: 2\nNo data race\nCondition") != std::string::npos);
    }
    SECTION("json") {
        const std::string f = goFixture("G21-go-create-rev");
        std::string out = run({"check", "--json", f});
        CHECK(out.find("\"flags\":[\"data-race\"],\"dataRaceFree\":false,\"races\":[{\"accesses\":[{\"thread\":0,"
                       "\"text\":\"a = 1\",\"line\":6,\"col\":2,\"where\":\"P0:a = 1 (" + f + ":6:2)\"},{\"thread\":1,"
                       "\"text\":\"r := a\",\"line\":8,\"col\":13,\"where\":\"P1:r := a (" + f + ":8:13)\"}],"
                       "\"witness\":{\"1:r\":\"") != std::string::npos);
        CHECK(out.find("\"}}],\"halts\":[]") != std::string::npos);
        std::string drf = run({"check", "--json", goFixture("G20-go-create")});
        CHECK(drf.find("\"dataRaceFree\":true,\"races\":[]") != std::string::npos);
    }
    SECTION("halted executions") {
        const std::string f = goFixture("D01-lock-order");
        std::string out = run({"check", f});
        CHECK(out.find("No data race\nDeadlock P0:b.Lock() (" + f + ":6:2) blocks forever; P1:a.Lock() (" + f +
                       ":13:2) blocks forever\nCondition") != std::string::npos);
        std::string json = run({"check", "--json", goFixture("P01-double-close")});
        CHECK(json.find("\"halts\":[{\"kind\":\"Panic\",\"sites\":[{\"thread\":") != std::string::npos);
        CHECK(json.find("\"halt\":\"Panic\",\"what\":\"close of closed channel\"}") != std::string::npos);
        std::string cut = run({"check", goFixture("K02-counted-short")});
        CHECK(cut.find("\nCut P0:for i := 0; i < 3; i++ (") != std::string::npos);
        CHECK(cut.find("States 0\n") != std::string::npos);
        std::string more = run({"check", "--unroll", "3", goFixture("K02-counted-short")});
        CHECK(more.find("States 1\n[x]=3;\nOk\n") != std::string::npos);
        CHECK(more.find("Cut") == std::string::npos);
    }
    SECTION("X86 output has no race lines") {
        std::string out = run({"check", testing::sourceDir() + "/tests/litmus/X86/SB.litmus"});
        CHECK(out.find("race") == std::string::npos);
    }
}

TEST_CASE("Go CLI: --unroll overrides the test's bound, a cut loop is reported", "[go][cli]") {
    const std::string f = goFixture("K02-counted-short");
    std::ostringstream out, err;
    CHECK(cli::run({"check", f}, out, err) == 0);
    CHECK(out.str().find("States 0\n") != std::string::npos);
    CHECK(out.str().find("Cut P0:for i := 0; i < 3; i++ (" + f + ":5:2) needs more loop rounds: more than 2 (--unroll)\n") !=
          std::string::npos);
    std::ostringstream out3, err3;
    CHECK(cli::run({"check", "--unroll", "3", f}, out3, err3) == 0);
    CHECK(out3.str().find("States 1\n[x]=3;\nOk\n") != std::string::npos);
    CHECK(out3.str().find("Cut ") == std::string::npos);
    std::ostringstream bad, badErr;
    CHECK(cli::run({"check", "--unroll", "17", f}, bad, badErr) == 2);
    CHECK(badErr.str().find("memlit check: error: --unroll needs a whole number from 0 to 16") != std::string::npos);
}
