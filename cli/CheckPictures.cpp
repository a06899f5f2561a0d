#include "cli/CheckPictures.hpp"

#include "cat/ModelCache.hpp"
#include "cli/CheckCommand.hpp"
#include "cli/ExplainCommand.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "engine/Explain.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "litmus/Parser.hpp"
#include "report/Explain.hpp"

#include <deque>
#include <memory>

namespace memlit::cli {

namespace {

/// The witnesses of one test's allowed states, kept in `store` (pictures point into it).
void testPictures(const CheckArgs& a, const std::string& path, cat::ModelCache& models, engine::Engine& engine,
                  std::deque<engine::Execution>& store, std::vector<report::Picture>& out) {
    Diagnostics diags;  // check itself reports every problem
    auto test = litmus::loadLitmus(path, diags, a.parse);
    if (!test) return;
    const std::string modelName = a.model ? *a.model : defaultModelFor(test->arch);
    const cat::Model* model = models.get(modelName, diags);
    if (!model) return;
    auto prepared = engine::prepare(*test, diags);
    if (!prepared) return;
    engine::CheckOptions o;
    o.skipChecks = a.skipChecks;
    o.countSeconds = 0;
    auto result = engine.check(*prepared, *model, o, diags);
    if (!result) return;
    for (const auto& s : result->states) {
        auto w = engine.witness(*prepared, *model, s, a.skipChecks, diags);
        if (!w) continue;
        store.push_back(std::move(*w));
        auto edges = engine::executionEdges(store.back());
        const auto relations = engine::modelEdges(*model, store.back(), a.skipChecks);
        edges.insert(edges.end(), relations.begin(), relations.end());
        out.push_back({test->name + ": " + litmus::formatState(result->places, s) + " allowed by " + modelName,
                       &store.back(), edges, {}});
    }
}

}  // namespace

ExitCode writeCheckPictures(const CheckArgs& a, const std::vector<litmus::Input>& inputs, std::ostream& err) {
    if (a.svg.empty() && a.dot.empty()) return ExitOk;
    cat::ModelCache models(engine::architectureVocabulary(), a.catDirs, a.variants);
    engine::BruteForceEngine enumerator;
    std::unique_ptr<engine::smt::Z3Engine> z3;
    engine::EngineSelector engines(a.engine, enumerator, [&z3]() -> engine::Engine& {
        if (!z3) z3 = std::make_unique<engine::smt::Z3Engine>();
        return *z3;
    });
    std::deque<engine::Execution> store;
    std::vector<report::Picture> pictures;
    for (const auto& input : inputs) {
        if (input.problem) continue;
        try {
            testPictures(a, input.path, models, engines, store, pictures);
        } catch (const engine::BudgetExceeded&) {
        }
    }
    bool ok = true;
    if (!a.svg.empty()) ok = writePicture(a.svg, report::svgDocument(pictures), err) && ok;
    if (!a.dot.empty()) ok = writePicture(a.dot, report::dotDocument(pictures), err) && ok;
    return ok ? ExitOk : ExitInputError;
}

}  // namespace memlit::cli
