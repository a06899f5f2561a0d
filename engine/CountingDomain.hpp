#pragma once
/// CountingDomain: the cat interpreter's Domain over one execution whose deferred reads
/// (engine/Counting.hpp) may read from several writes at once — a box of executions, one per
/// choice of a source for each such read. Every pair of a relation carries how it can be
/// derived: from the fixed part alone (`fixed`), from the fixed part and one deferred rf
/// edge (`single`, the set of such edges), or only from edges of two or more deferred reads
/// (`multi`). Derivations combining two sources of the same read are in no execution of the
/// box and are dropped. A check's outcome is the derivations of its violations: one with
/// only `single` edges is refuted by narrowing those edges away; when none is `multi`, every
/// execution of the box whose edges are not refuted is consistent. A complement or `\` of a
/// value that depends on deferred edges makes the outcome unknown (`poisoned`).

#include "cat/Vocabulary.hpp"
#include "engine/ConcreteExecution.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace memlit::engine {

/// At most this many deferred reads, each with at most kMaxSources sources, are tracked; the
/// edge of read k's i-th source is numbered k * kMaxSources + i.
constexpr std::size_t kMaxDeferredReads = 8;
constexpr std::size_t kMaxSources = 32;
/// A set of deferred edges: 32 bits per read, two reads per word.
struct EdgeSet {
    std::array<std::uint64_t, kMaxDeferredReads / 2> words{};
    bool test(std::size_t e) const { return (words[e / 64] >> (e % 64)) & 1; }
    void set(std::size_t e) { words[e / 64] |= std::uint64_t{1} << (e % 64); }
    bool any() const {
        for (auto w : words)
            if (w) return true;
        return false;
    }
    bool none() const { return !any(); }
    /// The edges of read k.
    std::uint32_t ofRead(std::size_t k) const {
        return static_cast<std::uint32_t>(words[k / 2] >> (32 * (k % 2)));
    }
    EdgeSet& operator|=(const EdgeSet& o) {
        for (std::size_t i = 0; i < words.size(); ++i) words[i] |= o.words[i];
        return *this;
    }
    friend EdgeSet operator|(EdgeSet a, const EdgeSet& b) { return a |= b; }
    friend EdgeSet operator&(EdgeSet a, const EdgeSet& b) {
        for (std::size_t i = 0; i < a.words.size(); ++i) a.words[i] &= b.words[i];
        return a;
    }
    bool operator==(const EdgeSet&) const = default;
};
static_assert(kMaxSources == 32 && kMaxDeferredReads % 2 == 0, "EdgeSet packs 32 sources per read");

/// The reads (a bit each) that edges of `s` belong to.
std::uint32_t readsOf(const EdgeSet& s);

/// How one pair (or member, or check violation) can be derived: by the fixed part alone;
/// with one deferred edge (`single`: each such edge); or with edges of two or more reads
/// (`multi`, summarised: `multiEdges` holds every edge such a way uses, `multiMust` the reads
/// every such way uses). Ways that use two sources of one read are in no execution of the box
/// and are dropped, also against a summary when it shows that each of its ways clashes.
struct Derivation {
    bool fixed = false;
    bool multi = false;
    std::uint32_t multiMust = 0;
    EdgeSet single;
    EdgeSet multiEdges;
    bool present() const { return fixed || multi || single.any(); }
    bool dynamic() const { return !fixed && (multi || single.any()); }
    Derivation& operator|=(const Derivation& o);
    /// Adds a multi way summary.
    void addMulti(const EdgeSet& edges, std::uint32_t must);
    bool operator==(const Derivation& o) const {
        return fixed == o.fixed && multi == o.multi && multiMust == o.multiMust && single == o.single &&
               multiEdges == o.multiEdges;
    }
    /// Derived without any deferred edge.
    static Derivation always() {
        Derivation d;
        d.fixed = true;
        return d;
    }
};

/// A set or relation over n events: while it depends on no deferred edge, plain bits (`set`
/// or `rel`, evaluated as the concrete domain does); else a Derivation per member or pair.
struct Derived {
    std::size_t n = 0;
    bool isSet = false;
    EventSet set;
    Relation rel;
    std::vector<Derivation> cells;   // empty while static; else n (set) or n*n (relation)
    bool dynamic() const { return !cells.empty(); }
    bool operator==(const Derived& o) const {
        return isSet == o.isSet && set == o.set && rel == o.rel && cells == o.cells;
    }
};

/// One deferred rf edge: write `from` to read `read` (dense indices), read number `reader`
/// (below kMaxDeferredReads), its source number `source` (below kMaxSources).
struct DeferredEdge {
    std::size_t from = 0, read = 0, reader = 0, source = 0;
};

class CountingDomain {
public:
    using Set = Derived;
    using Rel = Derived;
    using Bool = Derivation;   // the derivations of the check's violations

    /// `fixed`: the execution without the deferred edges; `edges`: at most kMaxDeferredEdges.
    CountingDomain(const ConcreteExecution& fixed, std::vector<DeferredEdge> edges)
        : exec_(fixed), edges_(std::move(edges)) {}

    /// Whether a value depending on deferred edges was complemented or subtracted.
    bool poisoned() const { return poisoned_; }

    Set baseSet(cat::BaseSet s);
    Rel baseRel(cat::BaseRel r);
    Set tagSet(std::string_view tag);
    Rel extraRel(std::string_view name);
    cat::Vocabulary vocabulary();

    Set emptySet() { return ofSet(EventSet(exec_.size)); }
    Set universe() { return ofSet(EventSet::full(exec_.size)); }
    Rel emptyRel() { return ofRel(Relation(exec_.size)); }
    Set setUnion(const Set& a, const Set& b) { return unite(a, b); }
    Set setInter(const Set& a, const Set& b) { return intersect(a, b); }
    Set setDiff(const Set& a, const Set& b) { return subtract(a, b); }
    Set setComplement(const Set& a) { return complement(a); }
    Rel relUnion(const Rel& a, const Rel& b) { return unite(a, b); }
    Rel relInter(const Rel& a, const Rel& b) { return intersect(a, b); }
    Rel relDiff(const Rel& a, const Rel& b) { return subtract(a, b); }
    Rel relComplement(const Rel& a) { return complement(a); }
    Rel seq(const Rel& a, const Rel& b);
    Rel inverse(const Rel& a);
    Rel plus(const Rel& a);
    Rel star(const Rel& a) { return withIdentity(plus(a)); }
    Rel opt(const Rel& a) { return withIdentity(a); }
    Rel cross(const Set& a, const Set& b);
    Rel toId(const Set& a);
    Set domain(const Rel& r);
    Set range(const Rel& r);
    Bool acyclic(const Rel& r);
    Bool irreflexive(const Rel& r);
    Bool isEmptyRel(const Rel& r) { return any(r); }
    Bool isEmptySet(const Set& s) { return any(s); }
    /// `~empty r` is only counted as a flag, which fires with r's pairs: its derivations are
    /// r's (FactoredCount::forModel admits no other negated check).
    Bool negate(const Bool& b) { return b; }
    bool sameRel(const Rel& a, const Rel& b) { return a == b; }
    bool sameSet(const Set& a, const Set& b) { return a == b; }
    std::size_t fixpointBound() { return 100000; }

    /// Both derived: the derivations of x and y combined.
    static Derivation both(const Derivation& x, const Derivation& y);
    /// out |= both(x, y), without building a Derivation when neither depends on deferred edges.
    static void addBoth(Derivation& out, const Derivation& x, const Derivation& y) {
        if (!x.dynamic() && !y.dynamic()) {
            if (x.fixed && y.fixed && !out.fixed) out = Derivation::always();
        } else {
            out |= both(x, y);
        }
    }

private:
    Derived ofSet(EventSet s) const { return Derived{exec_.size, true, std::move(s), Relation(), {}}; }
    Derived ofRel(Relation r) const { return Derived{exec_.size, false, EventSet(), std::move(r), {}}; }
    /// The cells of a value, static or not.
    static std::vector<Derivation> cellsOf(const Derived& a);
    /// Back to bits when no cell depends on a deferred edge.
    static Derived compact(Derived a);
    static Derived unite(const Derived& a, const Derived& b);
    static Derived intersect(const Derived& a, const Derived& b);
    Derived subtract(Derived a, const Derived& b);
    Derived complement(const Derived& a);
    static Derived withIdentity(Derived a);
    static Derivation any(const Derived& a);

    const ConcreteExecution& exec_;
    std::vector<DeferredEdge> edges_;
    bool poisoned_ = false;
};

}  // namespace memlit::engine
