#pragma once
/// StaticMemo: what one evaluation of a model over a domain may hand to the next one over
/// the same events — the values of the expressions, `let rec` groups and checks that do not
/// depend on the base names said to vary between them. The enumerator evaluates the same
/// model on thousands of candidates of one test that differ only in rf and co (and FW): the
/// rf/co-independent part of the model (fences, dependencies, lock matching, most of ppo) is
/// then computed once per test instead of once per candidate (docs/performance.md).
///
/// Soundness: the interpreter (cat/InterpreterImpl.hpp, through cat/MemoTracker.hpp) records
/// a value only when nothing that went into it varies: no varying base name, no let-bound
/// name whose value varied, no function argument that did, and no name of a `let rec` group
/// still being iterated; and only for a node evaluated at most once per evaluation of the
/// model (not inside a function's or a procedure's body, which run once per call with other
/// arguments). A memo belongs to one model (its keys are that model's nodes) and one set of
/// events: the caller keeps it per test and model, and says which base names vary.

#include "cat/Vocabulary.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <unordered_map>

namespace memlit::cat {

template <class D>
struct StaticMemo {
    /// Which base names differ between the evaluations sharing this memo (everything else —
    /// the other base sets and relations, the tags and extra relations — must not).
    std::array<bool, kBaseSetCount> varyingSets{};
    std::array<bool, kBaseRelCount> varyingRels{};

    /// A remembered value: a set, a relation, or neither (the empty value `{}` that adopts
    /// its type).
    struct Stored {
        std::optional<typename D::Set> set;
        std::optional<typename D::Rel> rel;
    };
    /// A node's entry; `varying`: seen to vary, so evaluated every time.
    struct Value {
        bool varying = false;
        Stored value;
    };
    /// By the node evaluated: an Expr, or a Binding of a `let rec` group.
    std::unordered_map<const void*, Value> values;
    /// A check's outcome by its Statement: whether it holds, negation applied, and its relation.
    struct Outcome {
        bool varying = false;
        std::optional<typename D::Bool> holds;
        std::optional<typename D::Rel> rel;
    };
    std::unordered_map<const void*, Outcome> checks;

    std::size_t hits = 0;   // nodes answered from the memo, for tests and profiling
};

}  // namespace memlit::cat
