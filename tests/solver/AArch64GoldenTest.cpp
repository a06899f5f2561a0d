// Golden, differential and property tests over our own AArch64 fixtures
// (tests/litmus/AArch64), under the aarch64 model and SC.

#include "litmus/Parser.hpp"
#include "litmus/State.hpp"
#include "models/Model.hpp"
#include "solver/BruteForce.hpp"
#include "solver/Check.hpp"
#include "tests/solver/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace memlit;

namespace {

cat::Model model(const std::string& name) {
    Diagnostics d;
    auto m = cat::loadModel(name, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(m);
    return *m;
}

litmus::LitmusTest parse(const std::string& path) {
    Diagnostics d;
    auto t = litmus::loadLitmus(path, d);
    INFO(path);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    return *t;
}

std::vector<std::string> stateLines(const solver::CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& s : r.states) out.push_back(litmus::formatState(r.places, s));
    return out;
}

}  // namespace

TEST_CASE("Golden: AArch64 fixtures give the expected states and verdicts under sc and aarch64",
          "[golden]") {
    const auto files = testing::fixtures("AArch64");
    REQUIRE(files.size() >= 15);
    solver::Checker checker;
    for (const auto& name : {"sc", "aarch64"}) {
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
            }
        }
    }
}

TEST_CASE("Differential: AArch64 Z3 outcomes equal brute-force enumeration", "[differential]") {
    solver::Checker checker;
    cat::Model m = model("aarch64");
    for (const auto& f : testing::fixtures("AArch64")) {
        if (f.find("IRIW") != std::string::npos) continue;  // 4 threads: slow to brute-force
        DYNAMIC_SECTION(f) {
            litmus::LitmusTest t = parse(f);
            Diagnostics d1, d2;
            auto z = checker.check(t, m, {}, d1);
            auto b = solver::bruteForceCheck(t, m, d2);
            REQUIRE(z);
            REQUIRE(b);
            CHECK(stateLines(*z) == stateLines(*b));
            CHECK(z->ok == b->ok);
        }
    }
}

TEST_CASE("Property: every state SC allows, aarch64 allows too", "[property]") {
    solver::Checker checker;
    cat::Model sc = model("sc"), arm = model("aarch64");
    for (const auto& f : testing::fixtures("AArch64")) {
        DYNAMIC_SECTION(f) {
            litmus::LitmusTest t = parse(f);
            Diagnostics d;
            auto a = checker.check(t, sc, {}, d);
            auto b = checker.check(t, arm, {}, d);
            REQUIRE(a);
            REQUIRE(b);
            for (const auto& s : a->states)
                CHECK(std::find(b->states.begin(), b->states.end(), s) != b->states.end());
        }
    }
}
