#include "engine/Axioms.hpp"

#include "cat/Interpreter.hpp"
#include "engine/ConcreteDomain.hpp"

#include <algorithm>

namespace memlit::engine {

namespace {

std::vector<EventIndex> cycleOf(const cat::CheckResult<ConcreteDomain>& r) {
    if (r.negated || !r.rel) return {};
    if (r.kind == cat::CheckKind::Acyclic) return r.rel->findCycle().value_or(std::vector<EventIndex>{});
    if (r.kind == cat::CheckKind::Irreflexive)
        for (EventIndex i = 0; i < r.rel->size(); ++i)
            if (r.rel->contains(i, i)) return {i};
    return {};
}

}  // namespace

bool isNamed(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool mayComplete(const cat::Model& model, const ConcreteExecution& exec, const std::vector<bool>& persistent,
                 const std::vector<std::string>& masked) {
    ConcreteDomain domain(exec);
    Diagnostics ignored;
    auto results = cat::interpret(model, domain, ignored);
    if (!results || results->size() != persistent.size()) return true;
    for (std::size_t i = 0; i < results->size(); ++i) {
        const auto& r = (*results)[i];
        if (persistent[i] && !r.holds && !isNamed(masked, r.name)) return false;
    }
    return true;
}

AxiomVerdict checkAxioms(const cat::Model& model, const ConcreteExecution& exec,
                         const std::vector<std::string>& masked, Diagnostics& diags) {
    ConcreteDomain domain(exec);
    AxiomVerdict verdict;
    auto results = cat::interpret(model, domain, diags);
    if (!results) return verdict;
    verdict.consistent = true;
    for (const auto& r : *results) {
        if (r.isFlag) {
            if (!r.holds) continue;
            verdict.flags.push_back(r.name);
            if (r.rel) verdict.flagRelations.emplace_back(r.name, *r.rel);
            continue;
        }
        verdict.axioms.push_back(r.name);
        if (r.holds || isNamed(masked, r.name)) continue;
        if (verdict.consistent) {
            verdict.failed = r.name;
            verdict.cycle = cycleOf(r);
        }
        verdict.consistent = false;
    }
    return verdict;
}

}  // namespace memlit::engine
