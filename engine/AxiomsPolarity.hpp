#pragma once
/// AxiomsPolarity: which of a model's checks may reject a *partial* candidate execution, one
/// whose rf and co hold only some of their final pairs. A cat expression is evaluated over an
/// abstract domain that records how its value depends on rf and co: not at all (Static), only
/// growing with them (Increasing: built from rf and co by union, intersection, sequence,
/// closures, inverse, cross, domain, range and `\` of a static right operand), or in a way not
/// known (Unknown: complements or `\` of a dynamic operand, and FW, which shrinks as co grows).
/// An axiom over a Static or Increasing relation that fails on a partial execution fails on
/// every completion of it, so the enumerator may skip them all.
///
/// With `someEvents`, a partial execution also holds only some of the events (those whose
/// guard and address are known while the read sources of a test of values-dependent shape
/// are chosen). Static then means *pointwise*: a base set or a relation of the graph (po,
/// loc, rmw, ...) restricted to the events present, so that complements and differences of
/// them stay exact; a sequence, a closure, a domain or a range of them may gain pairs through
/// events still missing, so it is Increasing, and a negated check is never persistent.

#include "cat/Ast.hpp"
#include "cat/Vocabulary.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::engine {

enum class Polarity : std::uint8_t { Static, Increasing, Unknown };

/// The interpreter's Domain over polarities: one value stands for a set, a relation or a
/// check's outcome, and says how it depends on rf and co.
class PolarityDomain {
public:
    explicit PolarityDomain(bool someEvents = false) : someEvents_(someEvents) {}

    using Set = Polarity;
    using Rel = Polarity;
    using Bool = Polarity;

    Set baseSet(cat::BaseSet s) { return s == cat::BaseSet::FW ? Polarity::Unknown : Polarity::Static; }
    Rel baseRel(cat::BaseRel r);
    Set tagSet(std::string_view) { return Polarity::Static; }
    /// Another relation the architecture defines: not known to be pointwise.
    Rel extraRel(std::string_view) { return someEvents_ ? Polarity::Increasing : Polarity::Static; }
    cat::Vocabulary vocabulary();

    Set emptySet() { return Polarity::Static; }
    Set universe() { return Polarity::Static; }
    Rel emptyRel() { return Polarity::Static; }
    Set setUnion(Set a, Set b) { return join(a, b); }
    Set setInter(Set a, Set b) { return join(a, b); }
    Set setDiff(Set a, Set b) { return difference(a, b); }
    Set setComplement(Set a) { return complement(a); }
    Rel relUnion(Rel a, Rel b) { return join(a, b); }
    Rel relInter(Rel a, Rel b) { return join(a, b); }
    Rel relDiff(Rel a, Rel b) { return difference(a, b); }
    Rel relComplement(Rel a) { return complement(a); }
    Rel seq(Rel a, Rel b) { return grown(join(a, b)); }
    Rel inverse(Rel a) { return a; }
    Rel plus(Rel a) { return grown(a); }
    Rel star(Rel a) { return grown(a); }
    Rel opt(Rel a) { return a; }
    Rel cross(Set a, Set b) { return join(a, b); }
    Rel toId(Set a) { return a; }
    Set domain(Rel r) { return grown(r); }
    Set range(Rel r) { return grown(r); }
    /// A check's outcome: Static or Increasing when its failure persists as rf and co grow.
    Bool acyclic(Rel r) { return r; }
    Bool irreflexive(Rel r) { return r; }
    Bool isEmptyRel(Rel r) { return r; }
    Bool isEmptySet(Set s) { return s; }
    /// `~empty r` may fail on a part and hold on the whole.
    Bool negate(Bool b) { return someEvents_ ? Polarity::Unknown : complement(b); }
    bool sameRel(Rel a, Rel b) { return a == b; }
    bool sameSet(Set a, Set b) { return a == b; }
    /// The values only climb Static < Increasing < Unknown, and the iteration stops when they
    /// are stable; the bound only guards against a model too large to converge in it.
    std::size_t fixpointBound() { return 100000; }

private:
    bool someEvents_;
    /// What may gain pairs through events a partial execution does not hold yet.
    Polarity grown(Polarity a) const { return someEvents_ && a == Polarity::Static ? Polarity::Increasing : a; }
    static Polarity join(Polarity a, Polarity b) { return a < b ? b : a; }
    static Polarity complement(Polarity a) { return a == Polarity::Static ? a : Polarity::Unknown; }
    static Polarity difference(Polarity a, Polarity b) { return b == Polarity::Static ? a : Polarity::Unknown; }
};

/// Per check the interpreter reports for `model` (in its order, flags included): whether a
/// failure on a partial execution persists in every completion. False for flags, for negated
/// checks over dynamic relations and for anything Unknown; all false when the model does
/// not evaluate (its errors are reported when it is evaluated concretely). With `someEvents`,
/// for partial executions that also hold only some of the events (PolarityDomain).
std::vector<bool> persistentChecks(const cat::Model& model, bool someEvents = false);

}  // namespace memlit::engine
