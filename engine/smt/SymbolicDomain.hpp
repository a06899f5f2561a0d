#pragma once
/// SymbolicDomain: the cat operators over Z3 Boolean matrices (private to engine/smt/). A cell is
/// a literal only where the pair may be related in some execution: outside the may-set it is
/// false, so the interpreter's work and the formula size follow the static analysis.

#include "cat/Vocabulary.hpp"
#include "engine/Budget.hpp"
#include "engine/Relation.hpp"

#include <z3++.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::engine::smt {

struct SymSet {
    EventSet may;
    std::vector<z3::expr> cell;  // size n; cell[i] is meaningful only where may contains i
};

struct SymRel {
    Relation may;
    std::vector<z3::expr> cell;  // n*n, row-major
};

/// The base sets and relations of one test, as the encoder built them.
struct SymbolicBase {
    std::size_t n = 0;
    std::vector<z3::expr> exec;                        // event i happens
    std::array<SymSet, cat::kBaseSetCount> sets;       // by cat::BaseSet
    std::array<SymRel, cat::kBaseRelCount> rels;       // by cat::BaseRel
    std::vector<std::pair<std::string, SymSet>> tags;  // the events' tags, sorted by name
    std::vector<std::optional<z3::expr>> values;       // the value a memory event reads or writes
};

class SymbolicDomain {
public:
    using Set = SymSet;
    using Rel = SymRel;
    using Bool = z3::expr;

    /// Building relations spends from `budget` (a large closure takes a while).
    SymbolicDomain(z3::context& ctx, const SymbolicBase& base, const Budget& budget)
        : ctx_(ctx), base_(base), budget_(budget) {}

    Set baseSet(cat::BaseSet s);
    Rel baseRel(cat::BaseRel r);
    /// The events carrying `tag`; empty when none of this test's events does.
    Set tagSet(std::string_view tag);
    /// The encoding adds no relations of its own: never asked (the vocabulary has none).
    Rel extraRel(std::string_view name);
    /// Every architecture's tags (engine/ArchVocabulary.hpp).
    cat::Vocabulary vocabulary();
    Set emptySet();
    Set universe();
    Rel emptyRel();
    Set setUnion(const Set& a, const Set& b);
    Set setInter(const Set& a, const Set& b);
    Set setDiff(const Set& a, const Set& b);
    Set setComplement(const Set& a);
    Rel relUnion(const Rel& a, const Rel& b);
    Rel relInter(const Rel& a, const Rel& b);
    Rel relDiff(const Rel& a, const Rel& b);
    Rel relComplement(const Rel& a);
    Rel seq(const Rel& a, const Rel& b);
    Rel inverse(const Rel& a);
    Rel plus(const Rel& a);
    Rel star(const Rel& a);
    Rel opt(const Rel& a);
    Rel cross(const Set& a, const Set& b);
    Rel toId(const Set& a);
    Set domain(const Rel& a);
    Set range(const Rel& a);
    Bool acyclic(const Rel& a);
    Bool irreflexive(const Rel& a);
    Bool isEmptyRel(const Rel& a);
    Bool isEmptySet(const Set& a);
    Bool negate(const Bool& b);
    bool sameRel(const Rel& a, const Rel& b);
    bool sameSet(const Set& a, const Set& b);
    std::size_t fixpointBound();
    /// herd's different-values(r): the pairs of r between accesses whose values differ.
    Rel differentValues(const Rel& r);
    /// The elements of a set / relation when they are the same in every execution: none when
    /// nothing may be in it; else nullopt (`map`, `match` and `with` need the enumerator).
    std::optional<std::vector<Set>> staticSetElements(const Set& s);
    std::optional<std::vector<Rel>> staticRelElements(const Rel& r);

private:
    z3::context& ctx_;
    const SymbolicBase& base_;
    const Budget& budget_;
    unsigned clockCounter_ = 0;
    std::size_t n() const { return base_.n; }
    Rel relOf(Relation may);
    Set setOf(EventSet may);
};

}  // namespace memlit::engine::smt
