#pragma once
/// ConcreteDomain: the cat interpreter's Domain over one ConcreteExecution (bit matrices,
/// Bool = bool), and evaluateConcrete, which decides that execution's consistency.

#include "support/Diagnostics.hpp"
#include "cat/Ast.hpp"
#include "cat/Vocabulary.hpp"
#include "engine/ConcreteExecution.hpp"
#include "engine/Relation.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::engine {

class ConcreteDomain {
public:
    using Set = EventSet;
    using Rel = Relation;
    using Bool = bool;
    /// Runs `with x from S` once per choice (cat::CheckResult::branch).
    static constexpr bool kChoices = true;

    explicit ConcreteDomain(const ConcreteExecution& exec) : exec_(exec) {}

    /// The execution's set, or an empty set when not given.
    Set baseSet(cat::BaseSet s);
    /// The execution's relation, or an empty one when not given (`id`: the identity).
    Rel baseRel(cat::BaseRel r);
    /// The events carrying `tag`: none when the execution does not list it.
    Set tagSet(std::string_view tag);
    /// A relation the execution adds beyond the base ones (hand-built executions).
    Rel extraRel(std::string_view name);
    /// Every architecture's tags plus the execution's own extra sets and relations.
    cat::Vocabulary vocabulary();

    /// By name, for callers that hold one: a base or extra name, else nullopt.
    std::optional<Set> baseSet(std::string_view name);
    std::optional<Rel> baseRel(std::string_view name);

    Set emptySet() { return EventSet(exec_.size); }
    Set universe() { return EventSet::full(exec_.size); }
    Rel emptyRel() { return Relation(exec_.size); }
    Set setUnion(const Set& a, const Set& b) { return a | b; }
    Set setInter(const Set& a, const Set& b) { return a & b; }
    Set setDiff(const Set& a, const Set& b) { return a - b; }
    Set setComplement(const Set& a) { return a.complement(); }
    Rel relUnion(const Rel& a, const Rel& b) { return a | b; }
    Rel relInter(const Rel& a, const Rel& b) { return a & b; }
    Rel relDiff(const Rel& a, const Rel& b) { return a - b; }
    Rel relComplement(const Rel& a) { return a.complement(); }
    Rel seq(const Rel& a, const Rel& b) { return engine::seq(a, b); }
    Rel inverse(const Rel& a) { return engine::inverse(a); }
    Rel plus(const Rel& a) { return engine::plus(a); }
    Rel star(const Rel& a) { return engine::star(a); }
    Rel opt(const Rel& a) { return engine::opt(a); }
    Rel cross(const Set& a, const Set& b) { return engine::cross(a, b); }
    Rel toId(const Set& a) { return engine::toId(a); }
    Set domain(const Rel& r) { return engine::domain(r); }
    Set range(const Rel& r) { return engine::range(r); }
    /// herd's different-values(r): the pairs of r between accesses with different values.
    Rel differentValues(const Rel& r) {
        Rel out(exec_.size);
        if (exec_.values.size() != exec_.size) return out;
        r.forEachPair([&](EventIndex i, EventIndex j) {
            if (exec_.values[i] && exec_.values[j] && *exec_.values[i] != *exec_.values[j]) out.set(i, j);
        });
        return out;
    }
    Bool acyclic(const Rel& r) { return r.isAcyclic(); }
    Bool irreflexive(const Rel& r) { return r.isIrreflexive(); }
    Bool isEmptyRel(const Rel& r) { return r.isEmpty(); }
    Bool isEmptySet(const Set& s) { return s.isEmpty(); }
    Bool negate(const Bool& b) { return !b; }
    bool sameRel(const Rel& a, const Rel& b) { return a == b; }
    bool sameSet(const Set& a, const Set& b) { return a == b; }
    /// The singletons of a set / relation, in event order: what `match` and `map` take apart.
    std::vector<Set> setElements(const Set& s) {
        std::vector<Set> out;
        for (EventIndex i : s.elements()) out.emplace_back(exec_.size).insert(i);
        return out;
    }
    std::vector<Rel> relElements(const Rel& r) {
        std::vector<Rel> out;
        r.forEachPair([&](EventIndex i, EventIndex j) { out.emplace_back(exec_.size).set(i, j); });
        return out;
    }
    /// Monotone Kleene iteration over n events adds a pair per round: n*n + 2 rounds suffice.
    std::size_t fixpointBound() { return exec_.size * exec_.size + 2; }

private:
    const ConcreteExecution& exec_;
};

}  // namespace memlit::engine

namespace memlit::cat {

struct ConcreteVerdict {
    bool consistent = false;            // every axiom (non-flag check) holds
    std::vector<std::string> failed;    // names of the axioms that do not hold
    std::vector<std::string> flags;     // names of the flags that fire
    /// For the first failed acyclic (or irreflexive) axiom: a cycle of its relation (a
    /// reflexive event as a one-event cycle). Negated checks give no cycle.
    std::optional<std::vector<std::size_t>> cycle;
};

/// Evaluates `model` on one execution. A model not resolved at load is resolved first,
/// against every architecture's tags and the execution's own names (an unknown name is then
/// reported here). On a model error the diagnostics say why and the verdict is inconsistent
/// with no failed axioms.
ConcreteVerdict evaluateConcrete(const Model& model, const engine::ConcreteExecution& exec,
                                 Diagnostics& diags);

}  // namespace memlit::cat
