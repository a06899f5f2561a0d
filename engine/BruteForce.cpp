#include "engine/BruteForce.hpp"

#include "engine/BaseRelations.hpp"
#include "engine/CandidateValues.hpp"
#include "engine/Events.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace memlit::engine {

namespace {

/// Generates the candidates: every choice assignment, then every read source, then every
/// coherence order; each candidate that satisfies the program's assumptions and the filter
/// goes to the visitor.
class Enumerator {
public:
    Enumerator(const PreparedTest& p, Diagnostics& d, std::uint64_t cap, const CandidateVisitor& visit,
               const PartialChecks& partial, const std::vector<bool>& deferred, const EnumerationBounds& bounds)
        : prepared_(p), test_(p.test), g_(p.graph), diags_(d), cap_(cap), places_(p.places), visit_(visit),
          mayComplete_(partial.allEvents), mayCompleteSome_(partial.someEvents), deferred_(deferred), bounds_(bounds) {
        for (std::size_t i = 0; i < g_.size(); ++i)
            if (g_.events[i].isRead()) reads_.push_back(i);
        order_ = reads_;
    }

    bool run() {
        if (mayComplete_ && fixedShape(g_)) return runPruned();
        source_.assign(g_.size(), kNoSource);
        values_.assign(g_.size(), 0);
        valueReads_.assign(g_.size(), {});
        guardReads_.assign(g_.size(), {});
        addrReads_.assign(g_.size(), {});
        for (std::size_t i = 0; i < g_.size(); ++i) {
            collectReads(g_.events[i].value, valueReads_[i]);
            collectReads(g_.events[i].guard, guardReads_[i]);
            collectReads(g_.events[i].addr, addrReads_[i]);
        }
        collectEarlyAssumptions();
        return forEachChoice([this] { return chooseSources(0); });
    }

private:
    const PreparedTest& prepared_;
    const litmus::LitmusTest& test_;
    const EventGraph& g_;
    const BaseTable table_ = baseTable(g_);   // the base names' candidates, once per test
    Diagnostics& diags_;
    std::uint64_t cap_;
    std::uint64_t candidates_ = 0;
    const std::vector<litmus::Place>& places_;
    const CandidateVisitor& visit_;
    const PartialCheck& mayComplete_;       // partial candidates holding every event
    const PartialCheck& mayCompleteSome_;   // ... only the events known so far (values-dependent)
    const std::vector<bool>& deferred_;   // reads the pruned enumeration leaves unsourced
    const EnumerationBounds& bounds_;     // the budget and the bound on choices of sources
    std::uint64_t sourceChoices_ = 0;     // choices of read sources made, partial or complete
    bool deferring_ = false;              // whether it does
    bool pruned_ = false;                 // whether this is the pruned enumeration (runPruned)
    std::vector<std::size_t> reads_;
    std::vector<std::size_t> order_;      // the reads in the order their sources are chosen
    std::vector<int> source_;             // per read event: the write it reads from
    std::vector<std::int64_t> values_;    // per event: read value (reads only)
    std::vector<std::int64_t> eventValues_;   // per event: the value a memory event reads or writes
    std::vector<std::int64_t> choices_;   // per Choice term: 0 or 1
    std::vector<bool> exec_;
    std::vector<std::int64_t> addr_;
    std::vector<std::size_t> eventAt_;    // per dense index: the graph event
    // The pruned enumeration (fixed shape): the coherence order built so far, per address
    // group of writes, and the pairs it fixes (every placed write precedes the others).
    std::vector<std::vector<std::size_t>> groups_;
    std::vector<std::vector<std::size_t>> coOrder_;
    Relation coPartial_;
    std::vector<std::size_t> liveReads_;  // the executed reads, in graph order
    // For pruning on assumptions: per event, the reads its value term mentions; per assumption
    // (not waiting for final values), the reads its guard and condition mention.
    std::vector<std::set<std::uint32_t>> valueReads_;
    std::vector<std::pair<std::size_t, std::set<std::uint32_t>>> earlyAssumptions_;
    // For the unpruned enumeration: per event, the reads its guard and its address mention.
    std::vector<std::set<std::uint32_t>> guardReads_, addrReads_;

    bool runPruned() {
        pruned_ = true;
        const std::size_t n = g_.size();
        source_.assign(n, kNoSource);
        values_.assign(n, 0);
        exec_.assign(n, false);
        addr_.assign(n, 0);
        std::map<std::int64_t, std::vector<std::size_t>> byAddr;
        for (std::size_t i = 0; i < n; ++i) {
            const Event& e = g_.events[i];
            exec_[i] = e.guard.value != 0;
            if (e.hasAddress()) addr_[i] = e.addr.value;
            if (!exec_[i]) continue;
            if (e.kind == EventKind::Write) byAddr[addr_[i]].push_back(i);
            const bool defer = i < deferred_.size() && deferred_[i];
            if (e.isRead() && !defer) liveReads_.push_back(i);
            deferring_ = deferring_ || (e.isRead() && defer);
        }
        coPartial_ = Relation(n);
        for (std::size_t i = 0; i < n; ++i)   // initial writes come first
            if (exec_[i] && g_.events[i].kind == EventKind::Init)
                for (std::size_t w : byAddr[addr_[i]]) coPartial_.set(i, w);
        for (auto& [a, ws] : byAddr) groups_.push_back(ws);
        coOrder_.assign(groups_.size(), {});
        valueReads_.assign(n, {});
        for (std::size_t i = 0; i < n; ++i) collectReads(g_.events[i].value, valueReads_[i]);
        collectEarlyAssumptions();
        return forEachChoice([this] { return placeCoherence(0); });
    }

    /// `go` under every assignment of the free 0/1 choices (e.g. store-exclusive success), in
    /// choices_; false as soon as one call is.
    template <class F>
    bool forEachChoice(const F& go) {
        for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << g_.choices); ++bits) {
            choices_.assign(g_.choices, 0);
            for (std::uint32_t c = 0; c < g_.choices; ++c) choices_[c] = (bits >> c) & 1;
            if (!go()) return false;
        }
        return true;
    }

    /// The assumptions that do not wait for final values, with the reads they mention.
    void collectEarlyAssumptions() {
        for (std::size_t i = 0; i < g_.assumptions.size(); ++i) {
            const auto& a = g_.assumptions[i];
            if (mentionsFinal(a.guard) || mentionsFinal(a.cond)) continue;
            std::set<std::uint32_t> reads;
            collectReads(a.guard, reads);
            collectReads(a.cond, reads);
            earlyAssumptions_.emplace_back(i, std::move(reads));
        }
    }

    bool mayComplete() {
        return mayComplete_(concreteExecution(table_, {exec_, addr_, source_, coPartial_}));
    }

    /// The next write of group k's coherence order, each unplaced one in turn.
    bool placeCoherence(std::size_t k) {
        if (k == groups_.size()) return chooseLiveSources(0);
        auto& order = coOrder_[k];
        const auto& ws = groups_[k];
        if (order.size() + 1 >= ws.size()) {   // the last one has no choice left
            const std::size_t before = order.size();
            for (std::size_t w : ws)
                if (std::find(order.begin(), order.end(), w) == order.end()) order.push_back(w);
            const bool go = placeCoherence(k + 1);
            order.resize(before);
            return go;
        }
        for (std::size_t w : ws) {
            if (std::find(order.begin(), order.end(), w) != order.end()) continue;
            std::vector<std::size_t> added;
            for (std::size_t u : ws)
                if (u != w && std::find(order.begin(), order.end(), u) == order.end()) {
                    coPartial_.set(w, u);
                    added.push_back(u);
                }
            const bool complete = lastChoice(k, order.size());
            order.push_back(w);
            const bool go = (!complete && !mayComplete()) || placeCoherence(k);
            order.pop_back();
            for (std::size_t u : added) coPartial_.reset(w, u);
            if (!go) return false;
        }
        return true;
    }

    /// The source of the k-th executed read, each write to its address in turn.
    bool chooseLiveSources(std::size_t k) {
        if (k == liveReads_.size()) return evaluateFixed();
        const std::size_t r = liveReads_[k];
        for (std::size_t w = 0; w < g_.size(); ++w) {
            if (!exec_[w] || !g_.events[w].isWrite() || addr_[w] != addr_[r]) continue;
            source_[r] = static_cast<int>(w);
            const bool go = assumptionFails(k) || (!completeNext(k) && !mayComplete()) || chooseLiveSources(k + 1);
            source_[r] = kNoSource;
            if (!go) return false;
        }
        return true;
    }

    /// Whether the k-th live read is the last choice, so that its partial candidate is the
    /// complete one: then the visitor's full evaluation decides it, and checking the persistent
    /// axioms first would evaluate the model twice (the most frequent case on small tests).
    /// Not when reads are deferred (the counter's evaluation costs more than this check), nor
    /// when the candidate cap could be reached (pruned candidates are not counted against it).
    bool completeNext(std::size_t k) const {
        return k + 1 == liveReads_.size() && !deferring_ && capUnreachable();
    }

    /// The same for the write placed next in group k (`placed` placed already) when no read
    /// is left to choose: whether it completes the candidate.
    bool lastChoice(std::size_t k, std::size_t placed) const {
        if (!liveReads_.empty() || deferring_ || placed + 2 != groups_[k].size()) return false;
        for (std::size_t j = k + 1; j < groups_.size(); ++j)
            if (groups_[j].size() > 1) return false;
        return capUnreachable();
    }

    /// Whether counting a candidate the partial check would have pruned cannot make the
    /// candidate cap fire. The unpruned enumeration counted every candidate anyway.
    bool capUnreachable() const {
        return !pruned_ || (prepared_.candidates != 0 && prepared_.candidates <= cap_);
    }

    /// Whether an assumption already fails on the values of the first k+1 reads that their
    /// sources fix (a read whose source's value needs an unplaced read is not known yet):
    /// every completion has the same values there, and evaluateFixed would drop it.
    bool assumptionFails(std::size_t k) {
        if (earlyAssumptions_.empty()) return false;
        const std::vector<bool> known = knownValues(liveReads_, k + 1);
        for (const auto& [i, reads] : earlyAssumptions_) {
            if (!allKnown(reads, known)) continue;
            const auto& a = g_.assumptions[i];
            if (evalTerm(a.guard, values_, choices_) != 0 && evalTerm(a.cond, values_, choices_) == 0) return true;
        }
        return false;
    }

    /// The reads among the first `count` of `reads` whose values their sources fix already (a
    /// read without a source reads nothing: 0), set in values_; a read whose source's value
    /// needs a read not known yet stays unknown. Every completion has these same values.
    std::vector<bool> knownValues(const std::vector<std::size_t>& reads, std::size_t count) {
        std::vector<bool> known(g_.size(), false);
        for (bool progress = true; progress;) {
            progress = false;
            for (std::size_t i = 0; i < count; ++i) {
                const std::size_t r = reads[i];
                if (known[r]) continue;
                if (source_[r] == kNoSource) {
                    values_[r] = 0;
                    known[r] = progress = true;
                    continue;
                }
                const auto w = static_cast<std::size_t>(source_[r]);
                if (!allKnown(valueReads_[w], known)) continue;
                values_[r] = evalTerm(g_.events[w].value, values_, choices_);
                known[r] = progress = true;
            }
        }
        return known;
    }

    /// A complete candidate of the pruned enumeration: its values, assumptions and the rest.
    bool evaluateFixed() {
        if (bounds_.budget) bounds_.budget->check();
        if (!computeValues() || !assumptionsHold()) return true;
        if (++candidates_ > cap_) {
            diags_.error(test_.file, {}, "brute force: more than " + std::to_string(cap_) + " candidate executions");
            return false;
        }
        return evaluateExecution(coOrder_);
    }

    /// The assumptions that do not wait for final values.
    bool assumptionsHold() const {
        for (const auto& a : g_.assumptions)
            if (!mentionsFinal(a.guard) && !mentionsFinal(a.cond) && evalTerm(a.guard, values_, choices_) != 0 &&
                evalTerm(a.cond, values_, choices_) == 0)
                return false;
        return true;
    }

    /// The source of a k-th read, each write that may alias it in turn, and none if it may not
    /// execute. The read is the one left with the fewest such choices (the first in graph
    /// order among equals): the sources chosen already fix the values some guards and
    /// addresses need, and the choices evaluateCandidate would reject are not made (a source
    /// for a read that does not execute, none for one that does, a write that does not
    /// execute or has another address). Only whole candidates are counted, so no count moves.
    bool chooseSources(std::size_t k) {
        if (k == order_.size()) return evaluateCandidate();
        // The sources first: the recursion below overwrites values_.
        const std::vector<bool> known = knownValues(order_, k);
        if (k > 0 && !countSourceChoice()) return false;
        if (k > 0 && knownPartFails(k, known)) return true;
        std::vector<int> sources = sourcesOf(order_[k], known);
        for (std::size_t i = k + 1; i < order_.size() && sources.size() > 1; ++i) {
            std::vector<int> other = sourcesOf(order_[i], known);
            if (other.size() >= sources.size()) continue;
            std::swap(order_[k], order_[i]);
            sources = std::move(other);
        }
        const std::size_t r = order_[k];
        for (int w : sources) {
            source_[r] = w;
            if (!chooseSources(k + 1)) return false;
        }
        source_[r] = kNoSource;
        return true;
    }

    /// The sources read r may still have, given the known reads.
    std::vector<int> sourcesOf(std::size_t r, const std::vector<bool>& known) {
        const int executes = knownTruth(g_.events[r].guard, guardReads_[r], known);
        const bool addrKnown = allKnown(addrReads_[r], known);
        const std::int64_t addr = addrKnown ? evalTerm(g_.events[r].addr, values_, choices_) : 0;
        std::vector<int> sources;
        if (executes != 1 && !g_.events[r].guard.isConst()) sources.push_back(kNoSource);
        for (std::size_t w = 0; w < g_.size() && executes != 0; ++w) {
            if (!g_.events[w].isWrite() || !g_.mayAlias.contains(w, r)) continue;
            if (knownTruth(g_.events[w].guard, guardReads_[w], known) == 0) continue;
            if (addrKnown && allKnown(addrReads_[w], known) && evalTerm(g_.events[w].addr, values_, choices_) != addr)
                continue;
            sources.push_back(static_cast<int>(w));
        }
        return sources;
    }

    /// Whether the first k reads' sources already rule out every completion: a read whose
    /// guard and source's guard and both addresses are known that evaluateCandidate would
    /// reject, an assumption the known values fail, or the events whose guard and address are
    /// known, with those sources and the initial writes first in co, failing an axiom of
    /// the model that persists (mayCompleteSome_).
    bool knownPartFails(std::size_t k, const std::vector<bool>& known) {
        std::vector<bool> present(g_.size(), false);
        std::vector<std::int64_t> addr(g_.size(), 0);
        for (std::size_t i = 0; i < g_.size(); ++i) {
            const Event& e = g_.events[i];
            if (knownTruth(e.guard, guardReads_[i], known) != 1) continue;
            if (e.hasAddress() && !allKnown(addrReads_[i], known)) continue;
            present[i] = true;
            if (e.hasAddress()) addr[i] = evalTerm(e.addr, values_, choices_);
        }
        for (std::size_t j = 0; j < k; ++j) {
            const std::size_t r = order_[j];
            const int w = source_[r];
            if (w == kNoSource) {
                if (present[r]) return true;
                continue;
            }
            const auto wi = static_cast<std::size_t>(w);
            if (knownTruth(g_.events[r].guard, guardReads_[r], known) == 0 ||
                knownTruth(g_.events[wi].guard, guardReads_[wi], known) == 0)
                return true;
            if (present[r] && present[wi] && addr[r] != addr[wi]) return true;
        }
        for (const auto& [i, reads] : earlyAssumptions_) {
            if (!allKnown(reads, known)) continue;
            const auto& a = g_.assumptions[i];
            if (evalTerm(a.guard, values_, choices_) != 0 && evalTerm(a.cond, values_, choices_) == 0) return true;
        }
        if (valuesFeedEachOther(order_, k, known, source_, valueReads_)) return true;
        if (!mayCompleteSome_) return false;
        Relation co(g_.size());
        for (std::size_t i = 0; i < g_.size(); ++i)
            if (present[i] && g_.events[i].kind == EventKind::Init)
                for (std::size_t w = 0; w < g_.size(); ++w)
                    if (present[w] && g_.events[w].kind == EventKind::Write && addr[w] == addr[i]) co.set(i, w);
        return !mayCompleteSome_(concreteExecution(table_, {present, addr, source_, co}));
    }

    /// A guard's truth where the known reads decide it: 1 or 0; -1 where they do not.
    int knownTruth(const Term& guard, const std::set<std::uint32_t>& reads, const std::vector<bool>& known) {
        if (!allKnown(reads, known)) return -1;
        return evalTerm(guard, values_, choices_) != 0 ? 1 : 0;
    }

    /// Read values follow the sources; a cycle of reads feeding each other (thin air) has no
    /// unique value and is not a candidate here.
    bool computeValues() { return readValues(g_, reads_, source_, choices_, values_); }

    /// The budget and the bound, at each choice of read sources, partial or complete: most
    /// of them may be rejected before a candidate is built (values that fail an assumption,
    /// guards, addresses, the model on the events known), so the visitor's polling and the
    /// candidate cap are not enough.
    bool countSourceChoice() {
        if (bounds_.budget) bounds_.budget->check();
        if (++sourceChoices_ <= bounds_.maxSourceChoices) return true;
        diags_.error(test_.file, {}, "brute force: more than " + std::to_string(bounds_.maxSourceChoices) +
                                         " choices of read sources");
        return false;
    }

    bool evaluateCandidate() {
        if (!countSourceChoice()) return false;
        if (!computeValues()) return true;
        exec_.assign(g_.size(), false);
        addr_.assign(g_.size(), 0);
        for (std::size_t i = 0; i < g_.size(); ++i) {
            exec_[i] = evalTerm(g_.events[i].guard, values_, choices_) != 0;
            if (g_.events[i].hasAddress()) addr_[i] = evalTerm(g_.events[i].addr, values_, choices_);
        }
        // Conditions on final values wait for the coherence order (evaluateExecution).
        if (!assumptionsHold()) return true;
        for (auto r : reads_) {
            int w = source_[r];
            if (!exec_[r]) {
                if (w != kNoSource) return true;
                continue;
            }
            if (w == kNoSource) return true;
            auto wi = static_cast<std::size_t>(w);
            if (!exec_[wi] || addr_[wi] != addr_[r]) return true;
        }
        // Coherence: per address, every order of the executed non-initial writes after the
        // initial one.
        std::map<std::int64_t, std::vector<std::size_t>> byAddr;
        for (std::size_t i = 0; i < g_.size(); ++i)
            if (exec_[i] && g_.events[i].kind == EventKind::Write) byAddr[addr_[i]].push_back(i);
        std::vector<std::vector<std::size_t>> groups;
        for (auto& [a, ws] : byAddr) groups.push_back(ws);
        if (mayComplete_) return placeCoherenceOf(std::move(groups), byAddr);
        return chooseCoherence(groups, 0);
    }

    /// With the read sources chosen, this candidate's events are fixed: its coherence orders
    /// are built one write at a time as in the pruned enumeration, a partial order that a
    /// persistent axiom forbids dropping every completion (rf no longer grows, co does).
    bool placeCoherenceOf(std::vector<std::vector<std::size_t>> groups,
                          std::map<std::int64_t, std::vector<std::size_t>>& byAddr) {
        groups_ = std::move(groups);
        coOrder_.assign(groups_.size(), {});
        liveReads_.clear();
        coPartial_ = Relation(g_.size());
        for (std::size_t i = 0; i < g_.size(); ++i)   // initial writes come first
            if (exec_[i] && g_.events[i].kind == EventKind::Init)
                for (std::size_t w : byAddr[addr_[i]]) coPartial_.set(i, w);
        return placeCoherence(0);
    }

    bool chooseCoherence(std::vector<std::vector<std::size_t>>& groups, std::size_t k) {
        if (k == groups.size()) {
            if (++candidates_ > cap_) {
                diags_.error(test_.file, {}, "brute force: more than " + std::to_string(cap_) + " candidate executions");
                return false;
            }
            return evaluateExecution(groups);
        }
        auto& ws = groups[k];
        std::sort(ws.begin(), ws.end());
        do {
            if (!chooseCoherence(groups, k + 1)) return false;
        } while (std::next_permutation(ws.begin(), ws.end()));
        return true;
    }

    bool evaluateExecution(const std::vector<std::vector<std::size_t>>& groups) {
        // Coherence order (initial write first) and final writes.
        Relation co(g_.size());
        std::map<std::int64_t, std::size_t> last;  // address -> final write
        for (std::size_t i = 0; i < g_.size(); ++i)
            if (g_.events[i].kind == EventKind::Init) last[addr_[i]] = i;
        std::map<std::int64_t, std::size_t> initAt = last;
        for (const auto& ws : groups) {
            if (ws.empty()) continue;
            std::int64_t a = addr_[ws[0]];
            std::vector<std::size_t> order;
            if (initAt.count(a)) order.push_back(initAt[a]);
            order.insert(order.end(), ws.begin(), ws.end());
            for (std::size_t i = 0; i < order.size(); ++i)
                for (std::size_t j = i + 1; j < order.size(); ++j) co.set(order[i], order[j]);
            last[a] = order.back();
        }
        const CandidateEnd end{prepared_, values_, choices_, last};
        const std::vector<std::int64_t> finals = end.finalValues();
        for (const auto& a : g_.assumptions)
            if (evalTerm(a.guard, values_, choices_, finals) != 0 && evalTerm(a.cond, values_, choices_, finals) == 0)
                return true;
        const std::vector<HaltSiteReport> halted = end.haltedSites(finals);

        eventValues_.assign(g_.size(), 0);
        for (std::size_t i = 0; i < g_.size(); ++i)
            if (exec_[i] && g_.events[i].isMemory())
                eventValues_[i] = g_.events[i].isRead() ? values_[i] : evalTerm(g_.events[i].value, values_, choices_);
        const ConcreteExecution x = concreteExecution(table_, {exec_, addr_, source_, co, &eventValues_});

        const litmus::State s = end.finalState(finals);
        if (test_.filter && !litmus::evalProp(*test_.filter, places_, s)) return true;
        // The dense numbering concreteExecution uses: the executed events in graph order.
        eventAt_.clear();
        for (std::size_t i = 0; i < g_.size(); ++i)
            if (exec_[i]) eventAt_.push_back(i);
        return visit_(Candidate{prepared_, x, eventAt_, values_, choices_, addr_, s, halted, deferring_});
    }
};

}  // namespace

bool forEachCandidate(const PreparedTest& test, std::uint64_t maxCandidates, Diagnostics& diags,
                      const CandidateVisitor& visit, const PartialChecks& partial,
                      const std::vector<bool>& deferred, const EnumerationBounds& bounds) {
    return Enumerator(test, diags, maxCandidates, visit, partial, deferred, bounds).run();
}

}  // namespace memlit::engine
