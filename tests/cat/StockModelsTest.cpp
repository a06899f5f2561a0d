// herd's stock model files, when ../shared/herd-models is present beside the source tree
// (they are not part of the project): the ones docs/cat.md lists as loading load and resolve,
// and the first obstacle of those that do not is the positioned error docs/cat.md names.
#include "cat/Model.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "tests/cat/CatTestUtil.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace memlit;

namespace {

std::vector<std::string> load(const std::string& dir, const std::string& file) {
    Diagnostics d;
    auto m = cat::loadModel(dir + "/" + file, engine::architectureVocabulary(), d, {dir});
    auto out = cattest::lines(d);
    if (m && out.empty()) out.push_back("loads");
    return out;
}

}  // namespace

TEST_CASE("herd's stock models: the listed ones load, the others stop where docs/cat.md says", "[cat]") {
    const std::string dir = testing::sourceDir() + "/../shared/herd-models";
    if (!std::filesystem::is_directory(dir)) {
        WARN("skipped: " << dir << " is absent");
        return;
    }
    for (const char* f : {"x86tso.cat", "riscv.cat", "ppc.cat", "rc11.cat", "cos-opt.cat", "riscv-tso.cat"}) {
        INFO(f);
        CHECK(load(dir, f) == std::vector<std::string>{"loads"});
    }
    // linux-kernel.cfg names linux-kernel.bell, which loads first (its enum, instructions and
    // value `let rec ... in`); lock.cat's `with ... from cross(...)` and `map f (S)` load.
    CHECK(load(dir, "lkmm/linux-kernel.cat") == std::vector<std::string>{"loads"});
    // aarch64.cat: every name it needs that memlit cannot give herd's meaning is declined as
    // unsupported (herd's register-level events, instruction instances, the rmw split, sm, vmsa);
    // no name is unknown.
    const auto arm = load(dir, "aarch64.cat");
    REQUIRE_FALSE(arm.empty());
    CHECK(arm.front().find("aarch64util.cat:76:14: error: unsupported feature: herd's name 'same-instance'") !=
          std::string::npos);
    for (const auto& line : arm) {
        INFO(line);
        CHECK(line.find("error: unsupported feature: herd's name '") != std::string::npos);
    }
}

TEST_CASE("herd's stock linux-kernel.cat: our LKMM fixtures as under lkmm, lock and SRCU-unlock tests declined", "[cat]") {
    // A regression test of the bell, the value `let rec ... in`, lock.cat's `map f (S)` and the
    // kernel RMW tags: on every fixture of ours the stock model gives the states and verdict
    // our lkmm gives (docs/conformance.md), or declines it (engine/HerdEvents.hpp).
    const std::string dir = testing::sourceDir() + "/../shared/herd-models";
    if (!std::filesystem::is_directory(dir)) {
        WARN("skipped: " << dir << " is absent");
        return;
    }
    Diagnostics md;
    auto stock = cat::loadModel(dir + "/lkmm/linux-kernel.cat", engine::architectureVocabulary(), md, {});
    REQUIRE(stock);
    engine::BruteForceEngine enumerator;
    engine::smt::Z3Engine z3;
    engine::EngineSelector selector("auto", enumerator, [&z3]() -> engine::Engine& { return z3; });
    int answered = 0, declined = 0;
    for (const auto& path : testing::fixtures("LKMM")) {
        INFO(path);
        const std::string text = testing::readFile(path);
        const bool lock = text.find("spin_") != std::string::npos;
        const bool srcu = text.find("srcu_read_unlock") != std::string::npos || text.find("srcu_up_read") != std::string::npos;
        Diagnostics d;
        auto p = engine::prepare(testing::parse(path), d);
        REQUIRE(p);
        auto r = selector.check(*p, *stock, {}, d);
        if (lock || srcu) {
            CHECK_FALSE(r);
            CHECK(d.onlyUnsupported());
            ++declined;
            continue;
        }
        REQUIRE(r);
        auto expected = testing::readExpected(path);
        REQUIRE(expected.count("lkmm") == 1);
        // The states only: the flags differ where memlit's own (use-after-free, ...) fire.
        std::vector<std::string> states;
        for (const auto& line : expected["lkmm"].states)
            if (line.rfind("flag ", 0) != 0 && line.rfind("pair ", 0) != 0 && line.rfind("race ", 0) != 0)
                states.push_back(line);
        CHECK(testing::stateLines(*r) == states);
        CHECK((r->ok ? "Ok" : "No") == expected["lkmm"].verdict);
        ++answered;
    }
    CHECK(answered >= 20);
    CHECK(declined >= 5);
}
