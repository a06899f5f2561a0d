#include "engine/EngineSelector.hpp"

#include "cat/Ast.hpp"
#include "engine/BruteForce.hpp"

namespace memlit::engine {

namespace {

bool hasFlag(const std::vector<cat::Statement>& statements) {
    for (const auto& st : statements) {
        if (const auto* c = std::get_if<cat::Check>(&st.node); c && c->isFlag) return true;
        if (const auto* p = std::get_if<cat::Procedure>(&st.node); p && hasFlag(p->body)) return true;
    }
    return false;
}

}  // namespace

std::optional<EngineMode> engineMode(std::string_view name) {
    if (name == "auto") return EngineMode::Auto;
    if (name == "z3") return EngineMode::Z3;
    if (name == "enumerate") return EngineMode::Enumerate;
    return std::nullopt;
}

bool declaresFlag(const cat::Model& model) { return hasFlag(model.statements); }

EngineSelector::EngineSelector(std::string_view mode, Engine& enumerator, SymbolicEngine z3,
                               std::uint64_t tryCompleteAtMost)
    : mode_(EngineMode::Auto), enumerator_(enumerator), z3_(std::move(z3)), tryCompleteAtMost_(tryCompleteAtMost) {
    auto m = engineMode(mode);
    MEMLIT_ASSERT(m.has_value(), "unknown engine '" + std::string(mode) + "'");
    mode_ = *m;
}

Engine& EngineSelector::select(const PreparedTest& test, const cat::Model&) {
    switch (mode_) {
    case EngineMode::Enumerate: return enumerator_;
    case EngineMode::Z3: return z3_();
    case EngineMode::Auto: break;
    }
    if (test.candidates <= kEnumerateAtMost) return enumerator_;
    if (test.candidates <= kEnumeratePrunedAtMost && fixedShape(test.graph)) return enumerator_;
    return z3_();
}

std::optional<CheckResult> EngineSelector::check(const PreparedTest& test, const cat::Model& model,
                                                 const CheckOptions& options, Diagnostics& diags) {
    Engine& chosen = select(test, model);
    const bool tryIt = fixedShape(test.graph) || test.candidates <= kTryEnumerateUnprunedAtMost;
    if (mode_ == EngineMode::Auto && &chosen != &enumerator_ && tryIt) {
        // Exact counts when pruning leaves few candidates (and needs few partial evaluations:
        // at most twice as many), or when few of an unpruned test's candidates are complete;
        // else Z3, as chosen (the attempt's "more than N" is dropped).
        Diagnostics attempt;
        BruteForceEngine capped(tryCompleteAtMost_, true, 2 * tryCompleteAtMost_);
        if (auto r = capped.check(test, model, options, attempt)) {
            for (const auto& d : attempt.all())
                if (d.severity == Severity::Note) diags.note(d.file, d.loc, d.message);
            return r;
        }
    }
    return chosen.check(test, model, options, diags);
}

std::optional<Execution> EngineSelector::witness(const PreparedTest& test, const cat::Model& model,
                                                 const litmus::State& state,
                                                 const std::vector<std::string>& axiomsToIgnore,
                                                 Diagnostics& diags) {
    return select(test, model).witness(test, model, state, axiomsToIgnore, diags);
}

std::optional<std::vector<std::string>> EngineSelector::violatedAxioms(const PreparedTest& test,
                                                                       const cat::Model& model,
                                                                       const litmus::State& state,
                                                                       Diagnostics& diags) {
    return select(test, model).violatedAxioms(test, model, state, diags);
}

}  // namespace memlit::engine
