// `--engine auto|z3|enumerate` as the engine layer decides it: the same rule and threshold as
// before, the Z3 engine made only when needed, and one prepared event graph shared by both.

#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace memlit;

namespace {

/// Stands in for the Z3 engine: answers check with the real one, recording which prepared
/// test it was handed.
class RecordingEngine final : public engine::Engine {
public:
    std::optional<engine::CheckResult> check(const engine::PreparedTest& test, const cat::Model& model,
                                             const engine::CheckOptions& options, Diagnostics& diags) override {
        seen.push_back(&test);
        return z3.check(test, model, options, diags);
    }
    std::optional<engine::Execution> witness(const engine::PreparedTest& test, const cat::Model& model,
                                             const litmus::State& state, const std::vector<std::string>& ignore,
                                             Diagnostics& diags) override {
        seen.push_back(&test);
        return z3.witness(test, model, state, ignore, diags);
    }
    std::optional<std::vector<std::string>> violatedAxioms(const engine::PreparedTest& test,
                                                           const cat::Model& model, const litmus::State& state,
                                                           Diagnostics& diags) override {
        seen.push_back(&test);
        return z3.violatedAxioms(test, model, state, diags);
    }
    std::vector<const engine::PreparedTest*> seen;
    engine::smt::Z3Engine z3;
};

struct Setup {
    engine::BruteForceEngine enumerator;
    RecordingEngine z3;
    int made = 0;  // how often the selector asked for the Z3 engine
    engine::EngineSelector selector(const char* mode, std::uint64_t tryAtMost = engine::kTryEnumerateCompleteAtMost) {
        return engine::EngineSelector(mode, enumerator, [this]() -> engine::Engine& {
            ++made;
            return z3;
        }, tryAtMost);
    }
};

engine::PreparedTest sb() {
    Diagnostics d;
    auto p = engine::prepare(testing::parse(testing::sourceDir() + "/tests/litmus/X86/SB.litmus"), d);
    REQUIRE(p);
    return *p;
}

cat::Model flagged() {
    Diagnostics d;
    auto m = cat::parseModel("acyclic po | rf | co | fr as sc\nflag ~empty (rf & ext) as talks\n", "f.cat", d);
    REQUIRE(m);
    return *m;
}

}  // namespace

TEST_CASE("EngineSelector: engine names are auto, z3 and enumerate", "[engine][selector]") {
    CHECK(engine::engineMode("auto") == engine::EngineMode::Auto);
    CHECK(engine::engineMode("z3") == engine::EngineMode::Z3);
    CHECK(engine::engineMode("enumerate") == engine::EngineMode::Enumerate);
    CHECK_FALSE(engine::engineMode("herd"));
}

TEST_CASE("EngineSelector: auto enumerates up to 4096 candidates (fixed-shape tests: a million), else asks Z3, flags or not",
          "[engine][selector]") {
    Setup s;
    auto autoSel = s.selector("auto");
    auto p = sb();
    const cat::Model sc = testing::model("sc");
    CHECK(&autoSel.select(p, sc) == &s.enumerator);
    CHECK(s.made == 0);  // no Z3 engine for a test that is enumerated
    p.candidates = engine::kEnumerateAtMost;
    CHECK(&autoSel.select(p, sc) == &s.enumerator);
    p.candidates = engine::kEnumerateAtMost + 1;   // SB's shape is fixed: the enumerator prunes
    CHECK(engine::fixedShape(p.graph));
    CHECK(&autoSel.select(p, sc) == &s.enumerator);
    p.candidates = engine::kEnumeratePrunedAtMost;
    CHECK(&autoSel.select(p, sc) == &s.enumerator);
    p.candidates = engine::kEnumeratePrunedAtMost + 1;
    CHECK(&autoSel.select(p, sc) == &s.z3);
    Diagnostics d;
    auto ctrl = engine::prepare(testing::parse(testing::sourceDir() + "/tests/litmus/X86/MP+ctrl.litmus"), d);
    REQUIRE(ctrl);
    CHECK_FALSE(engine::fixedShape(ctrl->graph));   // a read under a branch
    ctrl->candidates = engine::kEnumerateAtMost + 1;
    CHECK(&autoSel.select(*ctrl, sc) == &s.z3);
    p.candidates = 4;
    CHECK(&autoSel.select(p, flagged()) == &s.enumerator);   // the enumerator reports flags too
    CHECK(engine::declaresFlag(flagged()));
    CHECK_FALSE(engine::declaresFlag(sc));

    auto z3Sel = s.selector("z3");
    auto enumSel = s.selector("enumerate");
    p.candidates = UINT64_MAX;
    CHECK(&z3Sel.select(p, sc) == &s.z3);
    CHECK(&enumSel.select(p, flagged()) == &s.enumerator);
}

TEST_CASE("EngineSelector: both engines check the prepared graph, never one rebuilt from the test",
          "[engine][selector]") {
    Setup s;
    auto autoSel = s.selector("auto");
    auto p = sb();
    // Change P0's store in the prepared graph only: x=2 instead of x=1. An engine that rebuilt
    // the graph from the test would still see 1.
    bool changed = false;
    for (auto& e : p.graph.events)
        if (e.thread == 0 && e.kind == engine::EventKind::Write) {
            e.value = engine::Term::constant(2);
            changed = true;
        }
    REQUIRE(changed);
    const std::vector<std::string> expected = {"0:EAX=0; 1:EAX=2;", "0:EAX=1; 1:EAX=0;", "0:EAX=1; 1:EAX=2;"};
    Diagnostics d;
    auto enumerated = autoSel.check(p, testing::model("sc"), {}, d);  // 4 candidates: enumerated
    REQUIRE(enumerated);
    CHECK(testing::stateLines(*enumerated) == expected);
    CHECK(s.z3.seen.empty());
    // Above the million, a fixed-shape test is still tried by the enumerator first: SB's
    // pruning leaves 4 complete candidates, so Z3 is not asked.
    p.candidates = engine::kEnumeratePrunedAtMost + 1;
    auto tried = autoSel.check(p, flagged(), {}, d);
    REQUIRE(tried);
    CHECK(testing::stateLines(*tried) == expected);
    CHECK(s.z3.seen.empty());
    auto z3Sel = s.selector("z3");
    auto solved = z3Sel.check(p, flagged(), {}, d);
    REQUIRE(solved);
    CHECK(testing::stateLines(*solved) == expected);
    REQUIRE(s.z3.seen.size() == 1);
    CHECK(s.z3.seen[0] == &p);
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("EngineSelector: auto's enumerator attempt above the million falls back to Z3 past its cap",
          "[engine][selector]") {
    Setup s;
    auto p = sb();
    p.candidates = engine::kEnumeratePrunedAtMost + 1;
    Diagnostics d;
    auto capped = s.selector("auto", 2);   // SB has 3 complete candidates under SC: the attempt gives up
    auto r = capped.check(p, testing::model("sc"), {}, d);
    REQUIRE(r);
    CHECK(s.z3.seen.size() == 1);
    CHECK(testing::stateLines(*r) == std::vector<std::string>{"0:EAX=0; 1:EAX=1;", "0:EAX=1; 1:EAX=0;", "0:EAX=1; 1:EAX=1;"});
    CHECK_FALSE(d.hasErrors());   // the attempt's "more than 2 candidate executions" is dropped
    auto roomy = s.selector("auto", 3);
    REQUIRE(roomy.check(p, testing::model("sc"), {}, d));
    CHECK(s.z3.seen.size() == 1);   // enumerated
}

TEST_CASE("EngineSelector: auto's attempt above the million is for exact counts: not made with counting off, and "
          "bounded by the counting budget", "[engine][selector]") {
    Setup s;
    auto p = sb();
    p.candidates = engine::kEnumeratePrunedAtMost + 1;
    Diagnostics d;
    auto roomy = s.selector("auto", 3);   // room for SB's 3 complete candidates: it would enumerate
    engine::CheckOptions off;
    off.maxExecutions = 0;
    auto r = roomy.check(p, testing::model("sc"), off, d);
    REQUIRE(r);
    CHECK(s.z3.seen.size() == 1);   // counting off: straight to Z3
    CHECK(testing::stateLines(*r) == std::vector<std::string>{"0:EAX=0; 1:EAX=1;", "0:EAX=1; 1:EAX=0;", "0:EAX=1; 1:EAX=1;"});
    engine::CheckOptions hurried;
    hurried.countSeconds = 1e-9;   // the attempt's allowance is over before its first candidate
    REQUIRE(roomy.check(p, testing::model("sc"), hurried, d));
    CHECK(s.z3.seen.size() == 2);   // Z3 after all, and the test's own budget is not touched
    REQUIRE(roomy.check(p, testing::model("sc"), {}, d));
    CHECK(s.z3.seen.size() == 2);   // with the default budget the attempt enumerates it
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("EngineSelector: auto tries the enumerator on a test of values-dependent shape up to a million candidates",
          "[engine][selector]") {
    Setup s;
    Diagnostics d;
    auto ctrl = engine::prepare(testing::parse(testing::sourceDir() + "/tests/litmus/X86/MP+ctrl.litmus"), d);
    REQUIRE(ctrl);
    REQUIRE_FALSE(engine::fixedShape(ctrl->graph));
    ctrl->candidates = engine::kTryEnumerateUnprunedAtMost;   // select() says Z3, check() tries first
    auto autoSel = s.selector("auto");
    CHECK(&autoSel.select(*ctrl, testing::model("tso")) == &s.z3);
    auto enumerated = autoSel.check(*ctrl, testing::model("tso"), {}, d);
    REQUIRE(enumerated);
    CHECK(s.z3.seen.empty());
    auto tiny = s.selector("auto", 1);   // past its cap of complete candidates: Z3 after all
    auto solved = tiny.check(*ctrl, testing::model("tso"), {}, d);
    REQUIRE(solved);
    CHECK(testing::stateLines(*solved) == testing::stateLines(*enumerated));
    CHECK(s.z3.seen.size() == 1);
    ctrl->candidates = engine::kTryEnumerateUnprunedAtMost + 1;   // above it: Z3 for a model without flags
    REQUIRE(autoSel.check(*ctrl, testing::model("tso"), {}, d));
    CHECK(s.z3.seen.size() == 2);
    // With flags: tried, with few choices of read sources.
    const cat::Model withFlag = flagged();
    auto enumeratedFlag = autoSel.check(*ctrl, withFlag, {}, d);
    REQUIRE(enumeratedFlag);
    CHECK(s.z3.seen.size() == 2);
    auto solvedFlag = tiny.check(*ctrl, withFlag, {}, d);   // past the cap: Z3 after all
    REQUIRE(solvedFlag);
    CHECK(testing::stateLines(*solvedFlag) == testing::stateLines(*enumeratedFlag));
    CHECK(s.z3.seen.size() == 3);
    // Bounded by counts, not time: a counting budget over before the first candidate changes nothing.
    engine::CheckOptions hurried;
    hurried.countSeconds = 1e-9;
    auto hurriedFlag = autoSel.check(*ctrl, withFlag, hurried, d);
    REQUIRE(hurriedFlag);
    CHECK(s.z3.seen.size() == 3);
    CHECK(testing::stateLines(*hurriedFlag) == testing::stateLines(*enumeratedFlag));
    CHECK(hurriedFlag->positive == enumeratedFlag->positive);
    CHECK(hurriedFlag->negative == enumeratedFlag->negative);
    CHECK_FALSE(d.hasErrors());
    // The test's own budget spent: the attempt does not swallow it, nor does Z3 get asked.
    engine::CheckOptions spent;
    spent.budget = engine::Budget(engine::Budget::Clock::now() - std::chrono::seconds(1), 0);
    CHECK_THROWS_AS(autoSel.check(*ctrl, withFlag, spent, d), engine::BudgetExceeded);
    CHECK(s.z3.seen.size() == 3);
}
