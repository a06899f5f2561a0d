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

std::optional<std::vector<cat::CheckResult<ConcreteDomain>>> run(const cat::Model& model, ConcreteDomain& domain,
                                                                 Diagnostics& diags, ConcreteMemo* memo,
                                                                 const std::vector<bool>* wanted = nullptr) {
    if (memo != nullptr || wanted != nullptr) return cat::interpretWith(model, domain, diags, memo, wanted);
    return cat::interpret(model, domain, diags);
}

}  // namespace

ConcreteMemo rfCoMemo() {
    ConcreteMemo memo;
    memo.varyingRels[static_cast<std::size_t>(cat::BaseRel::Rf)] = true;
    memo.varyingRels[static_cast<std::size_t>(cat::BaseRel::Co)] = true;
    memo.varyingSets[static_cast<std::size_t>(cat::BaseSet::FW)] = true;
    return memo;
}

bool isNamed(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool mayComplete(const cat::Model& model, const ConcreteExecution& exec, const std::vector<bool>& persistent,
                 const std::vector<std::string>& masked, ConcreteMemo* memo) {
    ConcreteDomain domain(exec);
    Diagnostics ignored;
    // Only the persistent checks can reject a partial candidate: the others are not evaluated.
    auto results = model.resolved ? run(model, domain, ignored, memo, &persistent) : run(model, domain, ignored, memo);
    if (!results || results->size() != persistent.size()) return true;
    for (std::size_t i = 0; i < results->size(); ++i) {
        const auto& r = (*results)[i];
        if (persistent[i] && !r.holds && !isNamed(masked, r.name)) return false;
    }
    return true;
}

namespace {

/// One branch's verdict (the whole model's, without `with`).
template <class It>
AxiomVerdict verdictOf(It begin, It end, const std::vector<std::string>& masked) {
    AxiomVerdict verdict;
    verdict.consistent = true;
    for (auto it = begin; it != end; ++it) {
        const auto& r = *it;
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

}  // namespace

AxiomVerdict checkAxioms(const cat::Model& model, const ConcreteExecution& exec,
                         const std::vector<std::string>& masked, Diagnostics& diags, ConcreteMemo* memo) {
    ConcreteDomain domain(exec);
    auto results = run(model, domain, diags, memo);
    if (!results) return AxiomVerdict{};
    // With `with x from S`, one branch per choice: the candidate stands for one execution per
    // branch whose axioms hold (herd's count); the first such branch speaks for it, with
    // the flags of them all. With none, the first branch says why it fails.
    std::optional<AxiomVerdict> out;
    std::size_t passing = 0;
    for (auto b = results->begin(); b != results->end();) {
        auto e = std::find_if(b, results->end(), [&](const auto& r) { return r.branch != b->branch; });
        AxiomVerdict v = verdictOf(b, e, masked);
        b = e;
        if (!v.consistent) {
            if (!out) out = std::move(v);
            continue;
        }
        if (passing++ == 0 || !out->consistent) {
            out = std::move(v);
            continue;
        }
        for (std::size_t i = 0; i < v.flags.size(); ++i)
            if (!isNamed(out->flags, v.flags[i])) out->flags.push_back(v.flags[i]);
        for (auto& f : v.flagRelations) out->flagRelations.push_back(std::move(f));
    }
    if (!out) {
        out.emplace();
        out->consistent = true;
    }
    out->choices = std::max<std::size_t>(passing, 1);
    return *out;
}

}  // namespace memlit::engine
