#include "engine/CountingDomain.hpp"

#include "cat/InterpreterImpl.hpp"
#include "engine/ArchVocabulary.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace memlit::engine {

namespace {

/// The reads of `mask` with exactly one bit: that read, else none.
std::uint32_t onlyRead(std::uint32_t mask) { return std::popcount(mask) == 1 ? mask : 0; }

/// Whether every multi way summarised by (edges, must) uses another source of a read that
/// `e`'s ways use: each of them then clashes with each of e's.
bool clashes(const EdgeSet& e, std::uint32_t eMust, const EdgeSet& edges, std::uint32_t must) {
    const std::uint32_t common = eMust & must;
    for (std::size_t k = 0; k < kMaxDeferredReads; ++k)
        if ((common >> k) & 1 && (e.ofRead(k) & edges.ofRead(k)) == 0) return true;
    return false;
}

}  // namespace

std::uint32_t readsOf(const EdgeSet& s) {
    std::uint32_t out = 0;
    for (std::size_t k = 0; k < kMaxDeferredReads; ++k)
        if (s.ofRead(k) != 0) out |= std::uint32_t{1} << k;
    return out;
}

void Derivation::addMulti(const EdgeSet& edges, std::uint32_t must) {
    if (fixed) return;
    if (!multi) {
        multi = true;
        multiEdges = edges;
        multiMust = must;
        return;
    }
    multiEdges |= edges;
    multiMust &= must;
}

Derivation& Derivation::operator|=(const Derivation& o) {
    if (fixed) return *this;
    if (o.fixed) return *this = always();
    single |= o.single;
    if (o.multi) addMulti(o.multiEdges, o.multiMust);
    return *this;
}

Derivation CountingDomain::both(const Derivation& x, const Derivation& y) {
    Derivation out;
    if (!x.present() || !y.present()) return out;
    if (x.fixed) return y;
    if (y.fixed) return x;
    out.single = x.single & y.single;   // the same edge on both sides
    const std::uint32_t rx = readsOf(x.single), ry = readsOf(y.single);
    // An edge of one read with an edge of another (two sources of one read: dropped).
    if (rx != 0 && ry != 0 && !(rx == ry && std::popcount(rx) == 1))
        out.addMulti(x.single | y.single, onlyRead(rx) | onlyRead(ry));
    // Single edges against the other side's multi ways, keeping the edges that do not clash.
    const auto withMulti = [&](const EdgeSet& singles, const Derivation& m) {
        if (!m.multi || singles.none()) return;
        EdgeSet kept;
        for (std::size_t k = 0; k < kMaxDeferredReads; ++k) {
            std::uint64_t mine = singles.ofRead(k);
            if (mine == 0) continue;
            if ((m.multiMust >> k) & 1) mine &= m.multiEdges.ofRead(k);
            kept.words[k / 2] |= mine << (32 * (k % 2));
        }
        if (kept.any()) out.addMulti(m.multiEdges | kept, m.multiMust | onlyRead(readsOf(kept)));
    };
    withMulti(x.single, y);
    withMulti(y.single, x);
    if (x.multi && y.multi && !clashes(x.multiEdges, x.multiMust, y.multiEdges, y.multiMust))
        out.addMulti(x.multiEdges | y.multiEdges, x.multiMust | y.multiMust);
    return out;
}

std::vector<Derivation> CountingDomain::cellsOf(const Derived& a) {
    if (a.dynamic()) return a.cells;
    const std::size_t n = a.n;
    std::vector<Derivation> out(a.isSet ? n : n * n);
    for (std::size_t i = 0; i < n; ++i) {
        if (a.isSet) {
            if (a.set.contains(static_cast<EventIndex>(i))) out[i] = Derivation::always();
            continue;
        }
        for (std::size_t j = 0; j < n; ++j)
            if (a.rel.contains(static_cast<EventIndex>(i), static_cast<EventIndex>(j)))
                out[i * n + j] = Derivation::always();
    }
    return out;
}

Derived CountingDomain::compact(Derived a) {
    if (!a.dynamic()) return a;
    for (const auto& c : a.cells)
        if (c.dynamic()) return a;
    const std::size_t n = a.n;
    if (a.isSet) {
        a.set = EventSet(n);
        for (std::size_t i = 0; i < n; ++i)
            if (a.cells[i].fixed) a.set.insert(static_cast<EventIndex>(i));
    } else {
        a.rel = Relation(n);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                if (a.cells[i * n + j].fixed) a.rel.set(static_cast<EventIndex>(i), static_cast<EventIndex>(j));
    }
    a.cells.clear();
    return a;
}

Derived CountingDomain::baseSet(cat::BaseSet s) {
    const auto& given = exec_.sets.base(s);
    return given ? ofSet(*given) : emptySet();
}

Derived CountingDomain::baseRel(cat::BaseRel r) {
    const auto& given = exec_.rels.base(r);
    Derived d = ofRel(given ? *given : r == cat::BaseRel::Id ? Relation::identity(exec_.size) : Relation(exec_.size));
    if (r != cat::BaseRel::Rf || edges_.empty()) return d;
    d.cells = cellsOf(d);
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        Derivation& c = d.cells[edges_[e].from * exec_.size + edges_[e].read];
        if (!c.fixed) c.single.set(edges_[e].reader * kMaxSources + edges_[e].source);
    }
    return d;
}

Derived CountingDomain::tagSet(std::string_view tag) {
    const EventSet* given = exec_.sets.find(tag);
    return given ? ofSet(*given) : emptySet();
}

Derived CountingDomain::extraRel(std::string_view name) {
    const Relation* given = exec_.rels.find(name);
    return given ? ofRel(*given) : emptyRel();
}

cat::Vocabulary CountingDomain::vocabulary() { return architectureVocabulary(); }

Derived CountingDomain::unite(const Derived& a, const Derived& b) {
    if (!a.dynamic() && !b.dynamic()) {
        Derived out = a;
        if (a.isSet) out.set |= b.set;
        else out.rel |= b.rel;
        return out;
    }
    Derived out = a;
    out.cells = cellsOf(a);
    const std::vector<Derivation> other = cellsOf(b);
    for (std::size_t i = 0; i < out.cells.size(); ++i) out.cells[i] |= other[i];
    return out;
}

Derived CountingDomain::intersect(const Derived& a, const Derived& b) {
    if (!a.dynamic() && !b.dynamic()) {
        Derived out = a;
        if (a.isSet) out.set &= b.set;
        else out.rel &= b.rel;
        return out;
    }
    Derived out = a;
    out.cells = cellsOf(a);
    const std::vector<Derivation> other = cellsOf(b);
    for (std::size_t i = 0; i < out.cells.size(); ++i) {
        Derivation none;
        addBoth(none, out.cells[i], other[i]);
        out.cells[i] = none;
    }
    return compact(std::move(out));
}

Derived CountingDomain::subtract(Derived a, const Derived& b) {
    if (b.dynamic()) {
        poisoned_ = true;
        return a;
    }
    if (!a.dynamic()) {
        if (a.isSet) a.set -= b.set;
        else a.rel -= b.rel;
        return a;
    }
    const std::vector<Derivation> other = cellsOf(b);
    for (std::size_t i = 0; i < a.cells.size(); ++i)
        if (other[i].fixed) a.cells[i] = Derivation{};
    return compact(std::move(a));
}

Derived CountingDomain::complement(const Derived& a) {
    if (a.dynamic()) {
        poisoned_ = true;
        return a;
    }
    Derived out = a;
    if (a.isSet) out.set = a.set.complement();
    else out.rel = a.rel.complement();
    return out;
}

Derived CountingDomain::withIdentity(Derived a) {
    if (!a.dynamic()) {
        a.rel = engine::opt(a.rel);
        return a;
    }
    for (std::size_t i = 0; i < a.n; ++i) a.cells[i * a.n + i] = Derivation::always();
    return a;
}

Derived CountingDomain::seq(const Derived& a, const Derived& b) {
    if (!a.dynamic() && !b.dynamic()) return ofRel(engine::seq(a.rel, b.rel));
    const std::size_t n = a.n;
    const std::vector<Derivation> x = cellsOf(a), y = cellsOf(b);
    Derived out = ofRel(Relation(n));
    out.cells.assign(n * n, Derivation{});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < n; ++k) {
            if (!x[i * n + k].present()) continue;
            for (std::size_t j = 0; j < n; ++j)
                if (y[k * n + j].present()) addBoth(out.cells[i * n + j], x[i * n + k], y[k * n + j]);
        }
    return compact(std::move(out));
}

Derived CountingDomain::inverse(const Derived& a) {
    if (!a.dynamic()) return ofRel(engine::inverse(a.rel));
    Derived out = a;
    for (std::size_t i = 0; i < a.n; ++i)
        for (std::size_t j = 0; j < a.n; ++j) out.cells[j * a.n + i] = a.cells[i * a.n + j];
    return out;
}

/// Paths of one or more steps, by Warshall's order of intermediate events: every simple path
/// is one of the combinations, which is all a cycle or a pair needs.
Derived CountingDomain::plus(const Derived& a) {
    if (!a.dynamic()) return ofRel(engine::plus(a.rel));
    const std::size_t n = a.n;
    Derived r = a;
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = 0; i < n; ++i) {
            const Derivation x = r.cells[i * n + k];
            if (!x.present()) continue;
            for (std::size_t j = 0; j < n; ++j)
                if (r.cells[k * n + j].present()) addBoth(r.cells[i * n + j], x, r.cells[k * n + j]);
        }
    return r;
}

Derived CountingDomain::cross(const Derived& a, const Derived& b) {
    if (!a.dynamic() && !b.dynamic()) return ofRel(engine::cross(a.set, b.set));
    const std::size_t n = a.n;
    const std::vector<Derivation> x = cellsOf(a), y = cellsOf(b);
    Derived out = ofRel(Relation(n));
    out.cells.assign(n * n, Derivation{});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) addBoth(out.cells[i * n + j], x[i], y[j]);
    return compact(std::move(out));
}

Derived CountingDomain::toId(const Derived& a) {
    if (!a.dynamic()) return ofRel(engine::toId(a.set));
    Derived out = ofRel(Relation(a.n));
    out.cells.assign(a.n * a.n, Derivation{});
    for (std::size_t i = 0; i < a.n; ++i) out.cells[i * a.n + i] = a.cells[i];
    return out;
}

Derived CountingDomain::domain(const Derived& r) {
    if (!r.dynamic()) return ofSet(engine::domain(r.rel));
    Derived out = ofSet(EventSet(r.n));
    out.cells.assign(r.n, Derivation{});
    for (std::size_t i = 0; i < r.n; ++i)
        for (std::size_t j = 0; j < r.n; ++j) out.cells[i] |= r.cells[i * r.n + j];
    return out;
}

Derived CountingDomain::range(const Derived& r) { return domain(inverse(r)); }

Derivation CountingDomain::acyclic(const Derived& r) {
    if (!r.dynamic()) return r.rel.isAcyclic() ? Derivation{} : Derivation::always();
    return irreflexive(plus(r));
}

Derivation CountingDomain::irreflexive(const Derived& r) {
    if (!r.dynamic()) return r.rel.isIrreflexive() ? Derivation{} : Derivation::always();
    Derivation out;
    for (std::size_t i = 0; i < r.n; ++i) out |= r.cells[i * r.n + i];
    return out;
}

Derivation CountingDomain::any(const Derived& a) {
    if (!a.dynamic()) return (a.isSet ? a.set.isEmpty() : a.rel.isEmpty()) ? Derivation{} : Derivation::always();
    Derivation out;
    for (const auto& c : a.cells) out |= c;
    return out;
}

}  // namespace memlit::engine

namespace memlit::cat {

template std::optional<std::vector<CheckResult<engine::CountingDomain>>>
interpret<engine::CountingDomain>(const Model&, engine::CountingDomain&, Diagnostics&);

}  // namespace memlit::cat
