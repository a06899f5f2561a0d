// The C fixtures (tests/litmus/C11 under models/rc11.cat, tests/litmus/LKMM under
// models/lkmm.cat, both also under sc): golden states, verdicts (Undef for undefined
// behaviour), flags, the racing pairs and the freed-memory pairs; Z3 against brute force; allowed(SC) within the model.

#include "report/Report.hpp"
#include "litmus/Parser.hpp"
#include "litmus/State.hpp"
#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>

using namespace memlit;
using testing::model;
using testing::parse;
using testing::stateLines;

namespace {

struct CExpected {
    std::vector<std::string> states;
    std::string verdict;
    std::vector<std::string> flags;  // `flag NAME` lines
    std::vector<std::string> races;  // `race P0:... (L:C) / P1:... (L:C)` lines
    std::vector<std::string> pairs;  // `pair use-after-free P0:... / P1:...` (and double-free)
};

/// `<name>.expected`: per `model M` block the state lines, `verdict Ok|No|Undef`, then
/// `flag NAME`, `race A / B` and `pair FLAG A / B` (the freed-memory flags) lines.
std::map<std::string, CExpected> readCExpected(const std::string& litmusPath) {
    std::ifstream in(litmusPath.substr(0, litmusPath.size() - 7) + ".expected");
    std::map<std::string, CExpected> out;
    std::string line, m;
    while (std::getline(in, line)) {
        if (line.rfind("model ", 0) == 0) m = line.substr(6);
        else if (line.rfind("verdict ", 0) == 0) out[m].verdict = line.substr(8);
        else if (line.rfind("flag ", 0) == 0) out[m].flags.push_back(line.substr(5));
        else if (line.rfind("race ", 0) == 0) out[m].races.push_back(line.substr(5));
        else if (line.rfind("pair ", 0) == 0) out[m].pairs.push_back(line.substr(5));
        else if (!line.empty()) out[m].states.push_back(line);
    }
    return out;
}

std::string site(const engine::EventSite& s) {
    return "P" + std::to_string(s.thread) + ":" + s.text + " (" + std::to_string(s.loc.line) + ":" +
           std::to_string(s.loc.col) + ")";
}

std::vector<std::string> races(const engine::CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.flagPairs)
        if (report::isRaceFlag(p.flag)) out.push_back(site(p.a) + " / " + site(p.b));
    return out;
}

std::vector<std::string> memoryPairs(const engine::CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.flagPairs)
        if (p.flag == report::kUseAfterFree || p.flag == report::kDoubleFree)
            out.push_back(p.flag + " " + site(p.a) + " / " + site(p.b));
    return out;
}

struct Suite {
    const char* dir;
    const char* model;
};
const Suite kSuites[] = {{"C11", "rc11"}, {"LKMM", "lkmm"}};

}  // namespace

TEST_CASE("C golden: fixtures give the expected states, verdicts, flags and races", "[golden][c]") {
    testing::Z3Checker checker;
    for (const auto& suite : kSuites) {
        const auto files = testing::fixtures(suite.dir);
        CHECK(files.size() >= 8);
        for (const auto& name : {std::string("sc"), std::string(suite.model)}) {
            cat::Model m = model(name);
            for (const auto& f : files) {
                DYNAMIC_SECTION(name << " " << f) {
                    auto expected = readCExpected(f);
                    REQUIRE(expected.count(name));
                    const CExpected& want = expected[name];
                    litmus::LitmusTest t = parse(f);
                    Diagnostics d;
                    auto r = checker.check(t, m, {}, d);
                    REQUIRE(r);
                    CHECK(stateLines(*r) == want.states);
                    CHECK(report::verdictName(*r) == want.verdict);
                    CHECK(r->flags == want.flags);
                    if (name != "sc") CHECK(races(*r) == want.races);
                    if (name != "sc") CHECK(memoryPairs(*r) == want.pairs);
                }
            }
        }
    }
}

TEST_CASE("C differential: Z3 equals brute force on the C fixtures", "[differential][c]") {
    testing::Z3Checker checker;
    for (const auto& suite : kSuites) {
        cat::Model m = model(suite.model);
        for (const auto& f : testing::fixtures(suite.dir)) {
            DYNAMIC_SECTION(suite.model << " " << f) {
                litmus::LitmusTest t = parse(f);
                Diagnostics d1, d2;
                auto z = checker.check(t, m, {}, d1);
                auto b = testing::bruteForce(t, m, d2);
                REQUIRE(z);
                REQUIRE(b);
                CHECK(stateLines(*z) == stateLines(*b));
                CHECK(z->ok == b->ok);
                CHECK(z->flags == b->flags);
            }
        }
    }
}

TEST_CASE("C property: every state SC allows, rc11 and lkmm allow too", "[property][c]") {
    testing::Z3Checker checker;
    cat::Model sc = model("sc");
    for (const auto& suite : kSuites) {
        cat::Model weak = model(suite.model);
        for (const auto& f : testing::fixtures(suite.dir)) {
            DYNAMIC_SECTION(suite.model << " " << f) {
                litmus::LitmusTest t = parse(f);
                Diagnostics d;
                auto a = checker.check(t, sc, {}, d);
                auto b = checker.check(t, weak, {}, d);
                REQUIRE(a);
                REQUIRE(b);
                for (const auto& s : a->states)
                    CHECK(std::find(b->states.begin(), b->states.end(), s) != b->states.end());
            }
        }
    }
}
