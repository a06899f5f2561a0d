// Golden, differential and property tests over our own fixtures (tests/litmus/<ARCH>), one
// suite per architecture: its weak model against SC.

#include "litmus/Parser.hpp"
#include "litmus/State.hpp"
#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace memlit;
using testing::model;
using testing::parse;
using testing::stateLines;

namespace {

struct Suite {
    const char* arch;
    const char* model;  // the architecture's model; every fixture also has SC expectations
    const char* slowToEnumerate;  // fixtures whose name contains this skip the brute force
};

const Suite kSuites[] = {
    {"X86", "tso", nullptr},
    {"AArch64", "aarch64", "IRIW"},  // 4 threads with dependencies: slow to enumerate
    {"RISCV", "riscv", "IRIW"},
    {"PPC", "power", "IRIW"},
};

}  // namespace

TEST_CASE("Golden: fixtures give the expected states and verdicts under sc and their model", "[golden]") {
    testing::Z3Checker checker;
    for (const auto& suite : kSuites) {
        const auto files = testing::fixtures(suite.arch);
        CHECK(files.size() >= 15);
        for (const auto& name : {std::string("sc"), std::string(suite.model)}) {
            cat::Model m = model(name);
            for (const auto& f : files) {
                DYNAMIC_SECTION(name << " " << f) {
                    auto expected = testing::readExpected(f);
                    REQUIRE(expected.count(name));
                    litmus::LitmusTest t = parse(f);
                    Diagnostics d;
                    auto r = checker.check(t, m, {}, d);
                    REQUIRE(r);
                    CHECK(stateLines(*r) == expected[name].states);
                    CHECK((r->ok ? "Ok" : "No") == expected[name].verdict);
                    CHECK(r->countsExact);
                }
            }
        }
    }
}

TEST_CASE("Differential: Z3 outcomes equal brute-force enumeration with the concrete cat evaluator",
          "[differential]") {
    testing::Z3Checker checker;
    for (const auto& suite : kSuites) {
        for (const auto& name : {std::string("sc"), std::string(suite.model)}) {
            cat::Model m = model(name);
            for (const auto& f : testing::fixtures(suite.arch)) {
                if (suite.slowToEnumerate && f.find(suite.slowToEnumerate) != std::string::npos) continue;
                DYNAMIC_SECTION(name << " " << f) {
                    litmus::LitmusTest t = parse(f);
                    Diagnostics d1, d2;
                    auto z = checker.check(t, m, {}, d1);
                    auto b = testing::bruteForce(t, m, d2);
                    REQUIRE(z);
                    REQUIRE(b);
                    CHECK(stateLines(*z) == stateLines(*b));
                    CHECK(z->ok == b->ok);
                    CHECK(z->positive == b->positive);
                    CHECK(z->negative == b->negative);
                    CHECK(z->flags == b->flags);
                }
            }
        }
    }
}

TEST_CASE("Property: every state SC allows, the architecture's model allows too", "[property]") {
    testing::Z3Checker checker;
    cat::Model sc = model("sc");
    for (const auto& suite : kSuites) {
        cat::Model weak = model(suite.model);
        for (const auto& f : testing::fixtures(suite.arch)) {
            DYNAMIC_SECTION(suite.model << " " << f) {
                litmus::LitmusTest t = parse(f);
                Diagnostics d;
                auto a = checker.check(t, sc, {}, d);
                auto b = checker.check(t, weak, {}, d);
                REQUIRE(a);
                REQUIRE(b);
                for (const auto& s : a->states)
                    CHECK(std::find(b->states.begin(), b->states.end(), s) != b->states.end());
                CHECK(a->positive + a->negative <= b->positive + b->negative);
            }
        }
    }
}
