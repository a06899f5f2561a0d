#include "engine/EngineSelector.hpp"
#include "engine/HerdEvents.hpp"

#include "cat/Ast.hpp"
#include "engine/BruteForce.hpp"

#include <algorithm>
#include <chrono>

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
    if (!declineHerdEvents(test, model, diags)) return std::nullopt;
    Engine& chosen = select(test, model);
    if (mode_ != EngineMode::Auto || &chosen == &enumerator_) return chosen.check(test, model, options, diags);
    // A fixed-shape test above the million is tried for its exact counts only, so not when
    // counting is off, and within the counting budget. A test of values-dependent shape is
    // tried because Z3 may be far slower: always up to a million candidates, and above that
    // under a model with flags only, with few choices of read sources (EngineSelector.hpp).
    const bool counting = options.maxExecutions != 0;
    const bool fixed = fixedShape(test.graph);
    const bool bounded = test.candidates <= kTryEnumerateUnprunedAtMost;
    const bool tryIt = fixed ? counting : bounded || declaresFlag(model);
    if (!tryIt) return chosen.check(test, model, options, diags);
    // A fixed-shape attempt may spend the counting budget (exact counts are what it is for);
    // Z3 then lists the states, and counts for what is left of it, or a tenth of it if nothing
    // is. A values-dependent attempt is bounded by counts alone, never by time, so that its
    // answer and counts are the same on a slow machine (or under a sanitizer) as on a fast one.
    const auto start = Budget::Clock::now();
    const bool countAllowance = fixed && counting && options.countSeconds > 0;
    CheckOptions attemptOptions = options;
    if (countAllowance)
        attemptOptions.budget = options.budget.until(
            start + std::chrono::duration_cast<Budget::Clock::duration>(
                        std::chrono::duration<double>(options.countSeconds)));
    try {
        // Exact counts when pruning leaves few candidates (and needs few partial evaluations:
        // at most twice as many), or when few of an unpruned test's candidates are complete;
        // else Z3, as chosen (the attempt's "more than N" is dropped).
        Diagnostics attempt;
        BruteForceEngine capped(tryCompleteAtMost_, true, 2 * tryCompleteAtMost_, true,
                                fixed || bounded ? UINT64_MAX : kTrySourceChoicesAtMost);
        if (auto r = capped.check(test, model, attemptOptions, attempt)) {
            for (const auto& d : attempt.all())
                if (d.severity == Severity::Note) diags.note(d.file, d.loc, d.message);
            return r;
        }
    } catch (const BudgetExceeded& e) {
        // The attempt's own allowance ran out: Z3 checks it. The test's budget: as always.
        if (e.kind != BudgetExceeded::Kind::Time || options.budget.expired()) throw;
    }
    CheckOptions rest = options;
    if (countAllowance) {
        const double spent = std::chrono::duration<double>(Budget::Clock::now() - start).count();
        rest.countSeconds = std::max(options.countSeconds - spent, options.countSeconds / 10);
    }
    return chosen.check(test, model, rest, diags);
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
