#include "engine/Counting.hpp"

#include "cat/Interpreter.hpp"
#include "engine/Axioms.hpp"
#include "engine/AxiomsPolarity.hpp"
#include "engine/BruteForce.hpp"
#include "engine/CountingDomain.hpp"
#include "support/Diagnostics.hpp"

#include <algorithm>
#include <bit>

namespace memlit::engine {

namespace {

/// Marks every read `t` mentions.
void markReads(const Term& t, std::vector<bool>& seen) {
    if (t.kind == Term::Kind::Read && t.event < seen.size()) seen[t.event] = true;
    for (const auto& a : t.args) markReads(a, seen);
}

Relation& rfOf(ConcreteExecution& x) {
    auto& rf = x.rels.base(cat::BaseRel::Rf);
    if (!rf) rf.emplace(x.size);
    return *rf;
}

/// a * b, which must not overflow (a count of executions).
std::uint64_t times(std::uint64_t a, std::uint64_t b) {
    MEMLIT_ASSERT(b == 0 || a <= UINT64_MAX / b, "execution count overflows 64 bits");
    return a * b;
}

std::uint64_t product(const std::vector<DeferredRead>& reads) {
    std::uint64_t n = 1;
    for (const auto& r : reads) n = times(n, r.sources.size());
    return n;
}

}  // namespace

std::vector<bool> unobservedReads(const PreparedTest& p) {
    const EventGraph& g = p.graph;
    std::vector<bool> out(g.size(), false);
    if (!fixedShape(g)) return out;
    std::vector<bool> observed(g.size(), false);
    for (const auto& e : g.events)
        if (e.isWrite()) markReads(e.value, observed);
    for (const auto& place : p.places)
        if (place.isRegister()) markReads(g.registerTerm(place), observed);
    for (const auto& a : g.assumptions) {
        markReads(a.guard, observed);
        markReads(a.cond, observed);
    }
    for (const auto& h : g.halts) markReads(h.guard, observed);
    for (std::size_t i = 0; i < g.size(); ++i)
        out[i] = g.events[i].isRead() && g.events[i].guard.value != 0 && !observed[i];
    return out;
}

std::optional<FactoredCount> FactoredCount::forModel(const cat::Model& model,
                                                     const std::vector<std::string>& masked) {
    PolarityDomain domain;
    Diagnostics ignored;   // a model error is reported by the concrete evaluation
    auto results = cat::interpret(model, domain, ignored);
    if (!results) return std::nullopt;
    std::vector<Use> uses;
    for (const auto& r : *results) {
        if (!r.isFlag && isNamed(masked, r.name)) uses.push_back(Use::Ignored);
        else if (!r.isFlag && r.holds != Polarity::Unknown) uses.push_back(Use::Axiom);
        // `flag ~empty r`: fires on an execution when on a part of it.
        else if (r.isFlag && r.negated && r.kind == cat::CheckKind::Empty && r.rel && *r.rel != Polarity::Unknown)
            uses.push_back(Use::Flag);
        else return std::nullopt;
    }
    return FactoredCount(model, std::move(uses));
}

std::uint64_t FactoredCount::count(const ConcreteExecution& x0, std::vector<DeferredRead> reads, const Leaf& leaf,
                                   const Tick& tick) const {
    ConcreteExecution x = x0;
    return split(x, reads, leaf, tick);
}

/// The deferred edges of `reads`, numbered as CountingDomain tracks them; empty when there
/// are more than it tracks.
/// Removes the refuted edges (numbered as CountingDomain numbers them); false when a read is
/// left with no source.
static bool dropRefuted(std::vector<DeferredRead>& reads, const EdgeSet& refuted) {
    for (std::size_t k = 0; k < reads.size(); ++k) {
        std::vector<EventIndex> kept;
        for (std::size_t i = 0; i < reads[k].sources.size(); ++i)
            if (!refuted.test(k * kMaxSources + i)) kept.push_back(reads[k].sources[i]);
        if (kept.empty()) return false;
        reads[k].sources = std::move(kept);
    }
    return true;
}

/// The deferred edges of `reads`, as CountingDomain tracks them; empty when there are more
/// reads or sources than it tracks.
static std::vector<DeferredEdge> edgesOf(const std::vector<DeferredRead>& reads) {
    std::vector<DeferredEdge> edges;
    if (reads.size() > kMaxDeferredReads) return edges;
    for (std::size_t k = 0; k < reads.size(); ++k) {
        if (reads[k].sources.size() > kMaxSources) return {};
        for (std::size_t i = 0; i < reads[k].sources.size(); ++i)
            edges.push_back({reads[k].sources[i], reads[k].read, k, i});
    }
    return edges;
}

FactoredCount::Outcome FactoredCount::narrow(const ConcreteExecution& x, std::vector<DeferredRead>& reads,
                                            const Tick& tick) const {
    for (;;) {
        const std::vector<DeferredEdge> edges = edgesOf(reads);
        if (edges.empty()) return Outcome::Unsure;
        tick();
        CountingDomain domain(x, edges);
        Diagnostics ignored;   // the leaves report model errors
        auto results = cat::interpret(*model_, domain, ignored);
        if (!results || results->size() != uses_.size() || domain.poisoned()) return Outcome::Unsure;
        EdgeSet refuted;
        bool unsure = false;
        for (std::size_t i = 0; i < uses_.size(); ++i) {
            const Derivation& d = (*results)[i].holds;
            if (uses_[i] == Use::Flag) unsure = unsure || d.present();
            if (uses_[i] != Use::Axiom) continue;
            if (d.fixed) return Outcome::Fails;
            refuted |= d.single;
            unsure = unsure || d.multi;   // a violation that may need two reads' choices
        }
        // Dropping edges drops derivations only: without a `multi` or flag one, none appears.
        if (refuted.none() || !unsure) {
            if (!dropRefuted(reads, refuted)) return Outcome::Fails;
            return unsure ? Outcome::Unsure : Outcome::Holds;
        }
        if (!dropRefuted(reads, refuted)) return Outcome::Fails;
    }
}

/// Bulk when narrowing leaves no violation that needs two reads and no flag; else the read
/// with the fewest sources is fixed to each in turn.
std::uint64_t FactoredCount::split(ConcreteExecution& x, std::vector<DeferredRead>& reads, const Leaf& leaf,
                                   const Tick& tick) const {
    if (reads.empty()) {
        leaf(x);
        return 0;
    }
    const Outcome o = narrow(x, reads, tick);
    if (o == Outcome::Fails) return 0;
    if (o == Outcome::Holds) return product(reads);
    // A read left with one source has no choice: it joins the fixed part, which the next
    // narrowing sees as such (derivations through it are then not `multi`).
    const auto single = [](const DeferredRead& r) { return r.sources.size() == 1; };
    if (std::any_of(reads.begin(), reads.end(), single)) {
        for (const auto& r : reads)
            if (single(r)) rfOf(x).set(r.sources[0], r.read);
        reads.erase(std::remove_if(reads.begin(), reads.end(), single), reads.end());
        return split(x, reads, leaf, tick);
    }
    auto fewest = std::min_element(reads.begin(), reads.end(), [](const DeferredRead& a, const DeferredRead& b) {
        return a.sources.size() < b.sources.size();
    });
    const DeferredRead chosen = *fewest;
    reads.erase(fewest);
    std::uint64_t total = 0;
    for (EventIndex w : chosen.sources) {
        ConcreteExecution y = x;
        rfOf(y).set(w, chosen.read);
        std::vector<DeferredRead> rest = reads;
        total += split(y, rest, leaf, tick);
    }
    return total;
}

}  // namespace memlit::engine
