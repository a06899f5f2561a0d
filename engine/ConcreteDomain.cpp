#include "engine/ConcreteDomain.hpp"

#include <algorithm>

#include "cat/InterpreterImpl.hpp"
#include "engine/ArchVocabulary.hpp"

namespace memlit::engine {

EventSet ConcreteDomain::baseSet(cat::BaseSet s) {
    const auto& given = exec_.sets.base(s);
    return given ? *given : EventSet(exec_.size);
}

Relation ConcreteDomain::baseRel(cat::BaseRel r) {
    if (const auto& given = exec_.rels.base(r)) return *given;
    return r == cat::BaseRel::Id ? Relation::identity(exec_.size) : Relation(exec_.size);
}

EventSet ConcreteDomain::tagSet(std::string_view tag) {
    const EventSet* given = exec_.sets.find(tag);
    return given ? *given : EventSet(exec_.size);
}

Relation ConcreteDomain::extraRel(std::string_view name) {
    const Relation* given = exec_.rels.find(name);
    return given ? *given : Relation(exec_.size);
}

cat::Vocabulary ConcreteDomain::vocabulary() {
    std::vector<std::string> tags = architectureVocabulary().tags();
    std::vector<std::string> rels;
    for (const auto& [name, set] : exec_.sets.extra()) tags.push_back(name);
    for (const auto& [name, rel] : exec_.rels.extra()) rels.push_back(name);
    return cat::Vocabulary(std::move(tags), std::move(rels));
}

std::optional<EventSet> ConcreteDomain::baseSet(std::string_view name) {
    if (const EventSet* given = exec_.sets.find(name)) return *given;
    if (auto s = cat::baseSetNamed(name)) return baseSet(*s);
    return std::nullopt;
}

std::optional<Relation> ConcreteDomain::baseRel(std::string_view name) {
    if (const Relation* given = exec_.rels.find(name)) return *given;
    if (auto r = cat::baseRelNamed(name)) return baseRel(*r);
    return std::nullopt;
}

}  // namespace memlit::engine

namespace memlit::cat {

template std::optional<std::vector<CheckResult<engine::ConcreteDomain>>>
interpret<engine::ConcreteDomain>(const Model&, engine::ConcreteDomain&, Diagnostics&);
template std::optional<std::vector<CheckResult<engine::ConcreteDomain>>>
interpretWith<engine::ConcreteDomain>(const Model&, engine::ConcreteDomain&, Diagnostics&,
                                      StaticMemo<engine::ConcreteDomain>*, const std::vector<bool>*);

ConcreteVerdict evaluateConcrete(const Model& model, const engine::ConcreteExecution& exec,
                                 Diagnostics& diags) {
    engine::ConcreteDomain domain(exec);
    ConcreteVerdict verdict;
    auto all = interpret(model, domain, diags);
    if (!all) return verdict;
    // With `with x from S`: the first branch whose axioms all hold, else the first branch.
    std::uint32_t chosen = 0;
    std::vector<std::uint32_t> failing;
    for (const auto& r : *all)
        if (!r.isFlag && !r.holds && (failing.empty() || failing.back() != r.branch)) failing.push_back(r.branch);
    for (const auto& r : *all)
        if (std::find(failing.begin(), failing.end(), r.branch) == failing.end()) {
            chosen = r.branch;
            break;
        }
    std::vector<CheckResult<engine::ConcreteDomain>> results;
    for (auto& r : *all)
        if (r.branch == chosen) results.push_back(std::move(r));
    verdict.consistent = true;
    for (const auto& r : results) {
        if (r.isFlag) {
            if (r.holds) verdict.flags.push_back(r.name);
            continue;
        }
        if (r.holds) continue;
        verdict.consistent = false;
        verdict.failed.push_back(r.name);
        if (verdict.cycle || r.negated || !r.rel) continue;
        if (r.kind == CheckKind::Acyclic) {
            verdict.cycle = r.rel->findCycle();
        } else if (r.kind == CheckKind::Irreflexive) {
            for (std::size_t i = 0; i < r.rel->size(); ++i)
                if (r.rel->contains(i, i)) {
                    verdict.cycle = std::vector<std::size_t>{i};
                    break;
                }
        }
    }
    return verdict;
}

}  // namespace memlit::cat
