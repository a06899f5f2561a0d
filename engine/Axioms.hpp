#pragma once
/// Axioms: a cat model's checks evaluated on one concrete execution, some axioms masked
/// (herd's -skipchecks): whether the execution is consistent, which flags fire, and the first
/// axiom that forbids it with a cycle of that axiom's relation.

#include "cat/Ast.hpp"
#include "cat/StaticMemo.hpp"
#include "engine/ConcreteDomain.hpp"
#include "engine/ConcreteExecution.hpp"
#include "engine/Relation.hpp"
#include "support/Diagnostics.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlit::engine {

struct AxiomVerdict {
    bool consistent = false;            // every axiom not masked holds
    std::vector<std::string> axioms;    // names of every axiom (non-flag check), in model order
    std::vector<std::string> flags;     // names of the flags that fire, in model order
    /// For each firing flag over a relation (e.g. `flag ~empty race`): its name and that
    /// relation, in dense indices, so the enumerator can name the related events.
    std::vector<std::pair<std::string, Relation>> flagRelations;
    /// The first axiom not masked that does not hold; nullopt when consistent.
    std::optional<std::string> failed;
    /// For that axiom, when it is an acyclic (irreflexive) check: a cycle (a reflexive event)
    /// of its relation, in the execution's dense indices. Empty for negated and empty checks.
    std::vector<EventIndex> cycle;
    /// With `with x from S`: how many of the model's choices pass (herd counts one execution
    /// per passing choice); 1 otherwise.
    std::size_t choices = 1;
};

/// What the evaluations of one test's candidates share (cat/StaticMemo.hpp).
using ConcreteMemo = cat::StaticMemo<ConcreteDomain>;

/// Evaluates `model` on `exec`, ignoring the axioms named in `masked`. On a model error the
/// diagnostics say why and the verdict is inconsistent with no failed axiom. With `memo`, the
/// values that do not vary between the executions sharing it are computed once (the model
/// must then be resolved, and every execution of the same events).
AxiomVerdict checkAxioms(const cat::Model& model, const ConcreteExecution& exec,
                         const std::vector<std::string>& masked, Diagnostics& diags,
                         ConcreteMemo* memo = nullptr);

/// A memo for the candidates of a test whose events and addresses are fixed (fixedShape):
/// they differ in rf, co and so FW only.
ConcreteMemo rfCoMemo();

/// Whether `exec`, a partial candidate (rf and co holding only some of their pairs), may still
/// complete to a consistent execution: false when an axiom not masked, marked in `persistent`
/// (persistentChecks, by check index), already fails. True on a model error (the complete
/// candidates report it).
bool mayComplete(const cat::Model& model, const ConcreteExecution& exec, const std::vector<bool>& persistent,
                 const std::vector<std::string>& masked, ConcreteMemo* memo = nullptr);

/// Whether `name` is among `names`.
bool isNamed(const std::vector<std::string>& names, const std::string& name);

}  // namespace memlit::engine
