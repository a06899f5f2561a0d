#pragma once
/// The generic cat interpreter's interface: evaluates a resolved Model over any Domain (bit
/// matrices for one concrete execution, Z3 terms for the symbolic encoding) and returns every
/// check's verdict. The body is in cat/InterpreterImpl.hpp, instantiated once per domain.
/// See docs/cat.md for the language and the name-resolution rules.

#include "support/Diagnostics.hpp"
#include "cat/Ast.hpp"
#include "cat/StaticMemo.hpp"
#include "cat/Vocabulary.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {

/// What a Domain provides (D::Set, D::Rel, D::Bool and these members):
///   Set baseSet(BaseSet); Rel baseRel(BaseRel);         // by enum, asked once per run
///   Set tagSet(std::string_view);                       // empty when no event carries it
///   Rel extraRel(std::string_view);                     // a Vocabulary extra relation
///   Vocabulary vocabulary();                            // to resolve a model not resolved yet
///   Set emptySet(); Set universe(); Rel emptyRel();
///   Set setUnion/setInter/setDiff(const Set&, const Set&); Set setComplement(const Set&);
///   Rel relUnion/relInter/relDiff(const Rel&, const Rel&); Rel relComplement(const Rel&);
///   Rel seq(a, b); Rel inverse(a); Rel plus(a); Rel star(a); Rel opt(a);
///   Rel cross(const Set&, const Set&); Rel toId(const Set&); Set domain(r); Set range(r);
///   Bool acyclic(r); Bool irreflexive(r); Bool isEmptyRel(r); Bool isEmptySet(s);
///   Bool negate(const Bool&); bool sameRel(a, b); bool sameSet(a, b);
///   std::size_t fixpointBound();   // max Kleene iterations of a `let rec`
///   static constexpr bool kChoices;  // runs `with x from S` (branches of the results)
/// and, optionally, std::vector<Set> setElements(s) / std::vector<Rel> relElements(r): the
/// singletons of a set or relation, for `match` and `map` over events (the enumerator's).

/// The verdict of one `acyclic`/`irreflexive`/`empty` statement (axiom or flag).
template <class D>
struct CheckResult {
    std::string name;       // the `as` name, else the expression's source text
    CheckKind kind = CheckKind::Acyclic;
    bool negated = false;
    bool isFlag = false;
    std::string file;       // where the check is written
    SourceLoc loc;
    /// True when the check passes, negation applied. For an axiom, the execution must
    /// satisfy it; a flag *fires* when it holds (`flag ~empty race` fires on a race).
    typename D::Bool holds;
    std::optional<typename D::Rel> rel;   // the checked relation (nullopt for a set)
    /// With `with x from S` (a domain with D::kChoices only): the run of the model this
    /// check belongs to, one per choice. An execution is consistent when, in some branch,
    /// every axiom holds.
    std::uint32_t branch = 0;
};

/// Evaluates every statement of `model` over `domain`. Returns the checks in model order
/// (flags included), or nullopt after reporting positioned diagnostics (type errors such as
/// a set where a relation is needed). A model not resolved at load time (cat::resolve) is
/// resolved here, against `domain.vocabulary()`, at the cost of a copy per call.
/// Instantiated for engine::ConcreteDomain and engine::smt::SymbolicDomain only.
template <class D>
std::optional<std::vector<CheckResult<D>>> interpret(const Model& model, D& domain,
                                                     Diagnostics& diags);

/// interpret for a `model` resolved at load, handing what does not vary to the next
/// evaluation through `memo` (cat/StaticMemo.hpp; null: none): every evaluation sharing one
/// memo must be of this model, over executions of the same events that differ only in the
/// base names the memo marks varying. With `wanted` (by check index, flags included), only
/// the checks it marks are evaluated; the others come back holding, with no relation.
/// Instantiated for engine::ConcreteDomain only.
template <class D>
std::optional<std::vector<CheckResult<D>>> interpretWith(const Model& model, D& domain, Diagnostics& diags,
                                                         StaticMemo<D>* memo,
                                                         const std::vector<bool>* wanted = nullptr);

}  // namespace memlit::cat
