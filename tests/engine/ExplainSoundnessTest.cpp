// Soundness of `memlit explain` over every fixture (tests/litmus/*, those with few candidate
// executions, under their architecture's model): each witness is consistent and ends in its
// state; each rejection's execution ends in its state and fails the axiom named; its cycle
// (reflexive pair, pair) is a cycle (pair) of that axiom's relation as the concrete evaluator
// computes it from the whole model, and each edge is in the relation its label names; each
// model relation edge a witness shows is in the relation it names.

#include "tests/engine/Fixtures.hpp"

#include "cat/Interpreter.hpp"
#include "cat/Resolve.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/Axioms.hpp"
#include "engine/ConcreteDomain.hpp"
#include "engine/Explain.hpp"
#include "litmus/Architecture.hpp"

namespace {

using namespace memlit;
using engine::Relation;

constexpr std::uint64_t kMaxCandidates = 600;

/// The relation of the check `name` of `model` on `exec`.
std::optional<Relation> axiomRelation(const cat::Model& model, const engine::Execution& exec, const std::string& name) {
    engine::ConcreteDomain d(exec.base);
    Diagnostics diags;
    auto results = cat::interpret(model, d, diags);
    REQUIRE(results);
    for (const auto& r : *results)
        if (!r.isFlag && r.name == name) {
            CHECK_FALSE(r.holds);
            return r.rel;
        }
    return std::nullopt;
}

/// The relation cat text `label` denotes where axiom `name` stands: the label parsed again
/// (so the printer is checked too) and evaluated on a copy of the model cut at the axiom.
Relation labelRelation(const cat::Model& model, const engine::Execution& exec, const std::string& name,
                       const std::string& label) {
    Diagnostics diags;
    auto snippet = cat::parseModel("flag ~empty (" + label + ") as label", "label.cat", diags, false);
    INFO(label << '\n' << diags.all().size());
    REQUIRE(snippet);
    cat::Model cut = model;
    std::size_t k = 0;
    while (k < cut.statements.size()) {
        const auto* c = std::get_if<cat::Check>(&cut.statements[k].node);
        if (c && !c->isFlag && c->name == name) break;
        ++k;
    }
    REQUIRE(k < cut.statements.size());
    cut.statements.resize(k);
    cut.statements.push_back(snippet->statements.back());
    cut.statements.back().file = 0;
    cut.resolved = false;
    engine::ConcreteDomain d(exec.base);
    auto results = cat::interpret(cut, d, diags);
    REQUIRE(results);
    REQUIRE(results->back().rel);
    return *results->back().rel;
}

/// The relation cat text `label` denotes after the whole model (where a witness's model
/// edges are named: no model of ours binds a name twice).
Relation relationAtEnd(const cat::Model& model, const engine::Execution& exec, const std::string& label) {
    Diagnostics diags;
    auto snippet = cat::parseModel("flag ~empty (" + label + ") as label", "label.cat", diags, false);
    INFO(label);
    REQUIRE(snippet);
    cat::Model all = model;
    all.statements.push_back(snippet->statements.back());
    all.statements.back().file = 0;
    all.resolved = false;
    engine::ConcreteDomain d(exec.base);
    auto results = cat::interpret(all, d, diags);
    REQUIRE(results);
    REQUIRE(results->back().rel);
    return *results->back().rel;
}

/// A witness's model edges: each pair in the relation it names (and in the operand it
/// unfolds), between two thread events.
void checkModelEdges(const cat::Model& model, const engine::Execution& x, const std::vector<engine::ExplainEdge>& edges) {
    for (const auto& e : edges) {
        INFO(e.relation << (e.via.empty() ? "" : " via " + e.via) << ": " << e.from << " -> " << e.to);
        CHECK(e.from != e.to);
        CHECK(x.events[e.from].id.thread >= 0);
        CHECK(x.events[e.to].id.thread >= 0);
        CHECK(relationAtEnd(model, x, e.relation).contains(e.from, e.to));
        if (!e.via.empty()) CHECK(relationAtEnd(model, x, e.via).contains(e.from, e.to));
    }
}

void checkRejection(const cat::Model& model, const engine::Rejection& r) {
    const auto& x = r.execution;
    Diagnostics diags;
    const auto v = engine::checkAxioms(model, x.base, {}, diags);
    CHECK_FALSE(v.consistent);
    const auto rel = axiomRelation(model, x, r.axiom.name);
    if (!rel || r.shape == "holds") return;
    REQUIRE_FALSE(r.cycle.empty());
    // The operand-level pairs: a sequence operand's steps joined into one pair.
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0; i < r.cycle.size(); ++i) {
        const auto& e = r.cycle[i];
        if (i > 0) CHECK(r.cycle[i - 1].to == e.from);  // a path
        CHECK(labelRelation(model, x, r.axiom.name, e.relation).contains(e.from, e.to));
        const bool joins = e.step && i > 0 && r.cycle[i - 1].step && r.cycle[i - 1].via == e.via;
        if (joins) pairs.back().second = e.to;
        else pairs.push_back({e.from, e.to});
    }
    if (r.shape == "pair") {
        REQUIRE(pairs.size() == 1);
        CHECK(rel->contains(pairs[0].first, pairs[0].second));
        return;
    }
    CHECK(r.cycle.back().to == r.cycle.front().from);  // closed
    for (auto [a, b] : pairs) {
        INFO(r.axiom.name << ": " << a << " -> " << b);
        // acyclic: each pair is in the axiom's relation or in the body of its closure, whose
        // cycles are the same; irreflexive: the one pair is reflexive and in the relation.
        if (r.shape == "reflexive") CHECK(rel->contains(a, b));
        else CHECK((rel->contains(a, b) || engine::plus(*rel).contains(a, b)));
    }
    if (r.shape == "reflexive") CHECK(pairs.size() == 1);
}

}  // namespace

TEST_CASE("Explain: witnesses and cycles are sound on every small fixture", "[explain][property]") {
    std::size_t explained = 0, cycles = 0, modelEdges = 0;
    for (const char* arch : {"X86", "AArch64", "RISCV", "PPC", "C11", "LKMM", "go"})
        for (const auto& path : testing::fixtures(arch)) {
            Diagnostics diags;
            auto test = litmus::loadLitmus(path, diags);
            if (!test) continue;
            auto prepared = engine::prepare(*test, diags);
            if (!prepared || prepared->candidates > kMaxCandidates) continue;
            const auto* a = litmus::findArchitecture(test->arch);
            auto model = cat::loadModel(std::string(a ? a->defaultModel : "sc"), engine::architectureVocabulary(), diags);
            REQUIRE(model);
            engine::BruteForceEngine enumerator;
            engine::ExplainOptions o;
            o.everyState = true;
            o.maxStates = 64;
            o.maxGroups = 64;
            auto x = engine::explain(*prepared, *model, enumerator, o, diags);
            INFO(path << '\n' << (diags.all().empty() ? "" : Diagnostics::format(diags.all().front())));
            REQUIRE(x);
            ++explained;
            for (const auto& s : x->states) {
                if (s.allowed) {
                    REQUIRE(s.witness);
                    CHECK(engine::checkAxioms(*model, s.witness->base, {}, diags).consistent);
                    CHECK(litmus::shownPart(s.witness->state, prepared->shown) == s.state);
                    checkModelEdges(*model, *s.witness, s.witnessEdges);
                    modelEdges += s.witnessEdges.size();
                    continue;
                }
                CHECK((s.candidates == 0 || !s.rejections.empty()));
                for (const auto& r : s.rejections) {
                    CHECK(litmus::shownPart(r.execution.state, prepared->shown) == s.state);
                    checkRejection(*model, r);
                    cycles += r.cycle.empty() ? 0 : 1;
                }
            }
        }
    CHECK(explained > 40);
    CHECK(cycles > 40);
    CHECK(modelEdges > 40);
}
