#include "engine/ConcreteDomain.hpp"

#include "cat/Interpreter.hpp"

#include <array>
#include <string_view>

namespace memlit::engine {

namespace {

constexpr std::array<std::string_view, 6> kStandardSets = {"R", "W", "M", "F", "IW", "FW"};
constexpr std::array<std::string_view, 11> kStandardRels = {
    "po", "rf", "co", "loc", "int", "ext", "id", "rmw", "addr", "data", "ctrl"};

template <class A>
bool contains(const A& names, std::string_view name) {
    for (auto n : names)
        if (n == name) return true;
    return false;
}

}  // namespace

std::optional<EventSet> ConcreteDomain::baseSet(std::string_view name) {
    if (auto it = exec_.sets.find(name); it != exec_.sets.end()) return it->second;
    if (contains(kStandardSets, name)) return EventSet(exec_.size);
    return std::nullopt;
}

std::optional<Relation> ConcreteDomain::baseRel(std::string_view name) {
    if (auto it = exec_.rels.find(name); it != exec_.rels.end()) return it->second;
    if (name == "id") return Relation::identity(exec_.size);
    if (contains(kStandardRels, name)) return Relation(exec_.size);
    return std::nullopt;
}

}  // namespace memlit::engine

namespace memlit::cat {

ConcreteVerdict evaluateConcrete(const Model& model, const engine::ConcreteExecution& exec,
                                 Diagnostics& diags) {
    engine::ConcreteDomain domain(exec);
    ConcreteVerdict verdict;
    auto results = interpret(model, domain, diags);
    if (!results) return verdict;
    verdict.consistent = true;
    for (const auto& r : *results) {
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
