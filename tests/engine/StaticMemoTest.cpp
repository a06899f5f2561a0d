// The memo of what does not vary between one test's candidates (cat/StaticMemo.hpp): every
// candidate's verdict with the memo equals its verdict without, for the bundled models on the
// fixtures and for hand-written models that stress the taint rules (let rec, functions,
// procedures, checks), and the memo answers something.

#include "cat/Model.hpp"
#include "cat/Resolve.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/Axioms.hpp"
#include "engine/BruteForce.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

using namespace memlit;

namespace {

cat::Model resolvedModel(const std::string& text) {
    cat::Model m = testing::modelFromText(text, "memo.cat");
    Diagnostics d;
    REQUIRE(cat::resolve(m, engine::architectureVocabulary(), d));
    return m;
}

/// Checks every candidate of `fixture` under `m` with one memo against a fresh evaluation;
/// returns the memo's hits.
std::size_t sameWithMemo(const std::string& fixture, const cat::Model& m) {
    auto t = testing::parse(testing::sourceDir() + "/tests/litmus/" + fixture);
    Diagnostics d;
    auto p = engine::prepare(t, d);
    REQUIRE(p);
    REQUIRE(engine::fixedShape(p->graph));
    engine::ConcreteMemo memo = engine::rfCoMemo();
    std::size_t candidates = 0;
    engine::forEachCandidate(*p, 2000000, d, [&](const engine::Candidate& c) {
        Diagnostics d1, d2;
        const auto plain = engine::checkAxioms(m, c.exec, {}, d1);
        const auto memoised = engine::checkAxioms(m, c.exec, {}, d2, &memo);
        INFO(fixture << " candidate " << candidates);
        CHECK(plain.consistent == memoised.consistent);
        CHECK(plain.failed == memoised.failed);
        CHECK(plain.cycle == memoised.cycle);
        CHECK(plain.flags == memoised.flags);
        CHECK(plain.flagRelations.size() == memoised.flagRelations.size());
        for (std::size_t i = 0; i < plain.flagRelations.size() && i < memoised.flagRelations.size(); ++i)
            CHECK(plain.flagRelations[i].second == memoised.flagRelations[i].second);
        ++candidates;
        return true;
    });
    CHECK(candidates > 0);
    return memo.hits;
}

std::string fixtureName(const std::string& path) { return path.substr(path.rfind("/tests/litmus/") + 14); }

}  // namespace

TEST_CASE("StaticMemo: lkmm and rc11 decide every candidate of the fixtures as without it", "[memo]") {
    for (const auto& [arch, model] : {std::pair{"LKMM", "lkmm"}, std::pair{"C11", "rc11"}}) {
        cat::Model m = testing::model(model);
        Diagnostics d;
        REQUIRE(cat::resolve(m, engine::architectureVocabulary(), d));
        for (const auto& f : testing::fixtures(arch)) {
            auto t = testing::parse(f);
            Diagnostics d;
            auto p = engine::prepare(t, d);
            if (!p || !engine::fixedShape(p->graph)) continue;
            CHECK(sameWithMemo(fixtureName(f), m) > 0);
        }
    }
}

TEST_CASE("StaticMemo: the taint rules on models of our own", "[memo]") {
    // A recursive relation over rf next to a static one; a function applied to rf and to po;
    // a procedure whose body checks its argument; a check over a static relation.
    const char* models[] = {
        "let rec r = po | (r ; rf) | (rf ; r)\nacyclic r as grows\nlet rec s = po | s ; s\nacyclic s as fixed\n",
        "let f(x) = x ; po\nlet a = f(rf)\nlet b = f(po)\nacyclic a | b as calls\nempty b & a as mixed\n",
        "procedure p(x) = acyclic x as inner end\ncall p(po | rf)\ncall p(po)\nflag ~empty rf & po as aFlag\n",
        "let g = let h = po in h ; h\nirreflexive g as letIn\nlet k = let h = rf in h ; po\nacyclic k | g as letInRf\n",
        "let rec even = po | odd ; rf and odd = even ; co\nacyclic even | odd as mutual\nempty FW \\ W as final\n",
    };
    for (const char* text : models) {
        INFO(text);
        const cat::Model m = resolvedModel(text);
        sameWithMemo("X86/SB.litmus", m);
        sameWithMemo("X86/MP.litmus", m);
    }
}
