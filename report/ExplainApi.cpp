#include "report/ExplainApi.hpp"

#include "cat/ModelCache.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/Explain.hpp"
#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"
#include "litmus/State.hpp"
#include "report/Explain.hpp"

#include <chrono>
#include <new>

namespace memlit::report {

namespace {

engine::Budget budgetOf(double seconds) {
    if (seconds <= 0) return {};
    const auto d = std::chrono::duration_cast<engine::Budget::Clock::duration>(std::chrono::duration<double>(seconds));
    return engine::Budget(engine::Budget::Clock::now() + d, 0);
}

}  // namespace

void explainInto(const ExplainInput& in, engine::Engine& engine, ExplainRun& run) {
    Diagnostics diags;
    run.report.file = in.file;
    litmus::ParseOptions parse;
    parse.unroll = in.unroll;
    run.test = litmus::parseLitmus(in.text, in.file, diags, parse);
    if (run.test) {
        run.report.test = &*run.test;
        const litmus::Architecture* arch = litmus::findArchitecture(run.test->arch);
        run.report.model = !in.model.empty() ? in.model : arch ? std::string(arch->defaultModel) : "sc";
        cat::ModelCache models(engine::architectureVocabulary(), in.catDirs, in.variants, in.bell);
        const cat::Model* model = models.get(run.report.model, diags);
        try {
            auto prepared = model ? engine::prepare(*run.test, diags) : std::nullopt;
            if (prepared) {
                engine::ExplainOptions o;
                o.outcome = in.outcome;
                o.skipChecks = in.skipChecks;
                o.budget = budgetOf(in.timeoutSeconds);
                run.explanation = engine::explain(*prepared, *model, engine, o, diags);
                if (run.explanation) run.report.explanation = &*run.explanation;
            }
        } catch (const engine::BudgetExceeded& e) {
            run.report.limit = e.kind == engine::BudgetExceeded::Kind::Time ? "timeout" : "memory";
        } catch (const std::bad_alloc&) {
            run.report.limit = "memory";
        } catch (const InternalError& e) {
            diags.error(in.file, {}, std::string("internal error: ") + e.what());
        }
    }
    for (const auto& d : diags.all()) run.report.errors.push_back(Diagnostics::format(d));
}

std::string explainJson(const ExplainInput& input, engine::Engine& engine) {
    ExplainRun run;
    explainInto(input, engine, run);
    return explainJsonText(run.report, true);
}

WitnessSvg checkWitnessSvg(const ExplainInput& input, engine::Engine& engine) {
    WitnessSvg out;
    if (!input.outcome) {
        out.errors.push_back("--outcome: error: no state given");
        return out;
    }
    ExplainRun run;
    explainInto(input, engine, run);
    out.errors = run.report.errors;
    if (!run.report.limit.empty()) out.errors.push_back(input.file + ": error: the test ran out of its " + run.report.limit);
    if (!run.report.explanation) return out;
    for (const auto& s : run.report.explanation->states) {
        if (!s.allowed || !s.witness) continue;
        auto edges = engine::executionEdges(*s.witness);
        edges.insert(edges.end(), s.witnessEdges.begin(), s.witnessEdges.end());
        Picture p{litmus::formatState(run.report.explanation->places, s.state) + " allowed: a witness", &*s.witness, edges, {}};
        out.svg = svgDocument({p});
        return out;
    }
    out.errors.push_back("--outcome: error: the model allows no state matching '" + *input.outcome + "'");
    return out;
}

}  // namespace memlit::report
