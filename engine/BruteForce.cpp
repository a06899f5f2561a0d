#include "engine/BruteForce.hpp"

#include "cat/Resolve.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/BaseRelations.hpp"
#include "engine/ConcreteDomain.hpp"
#include "engine/Events.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace memlit::engine {

namespace {

constexpr int kNoSource = -1;

class Enumerator {
public:
    Enumerator(const litmus::LitmusTest& t, const EventGraph& g, const cat::Model& m, Diagnostics& d,
               std::uint64_t cap)
        : test_(t), g_(g), model_(m), diags_(d), cap_(cap), places_(litmus::observedPlaces(t)) {
        for (std::size_t i = 0; i < g.size(); ++i)
            if (g.events[i].isRead()) reads_.push_back(i);
        result_.places = places_;
    }

    std::optional<CheckResult> run() {
        source_.assign(g_.size(), kNoSource);
        // Every assignment of the free 0/1 choices (e.g. store-exclusive success).
        for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << g_.choices); ++bits) {
            choices_.assign(g_.choices, 0);
            for (std::uint32_t c = 0; c < g_.choices; ++c) choices_[c] = (bits >> c) & 1;
            if (!chooseSources(0)) return std::nullopt;
        }
        std::sort(result_.states.begin(), result_.states.end(), litmus::stateLess);
        std::size_t sat = 0;
        for (const auto& s : result_.states)
            if (litmus::evalProp(test_.condition.prop, places_, s)) ++sat;
        switch (test_.condition.quantifier) {
        case litmus::Condition::Quantifier::Exists: result_.ok = sat > 0; break;
        case litmus::Condition::Quantifier::NotExists: result_.ok = sat == 0; break;
        case litmus::Condition::Quantifier::Forall: result_.ok = sat == result_.states.size(); break;
        }
        std::sort(result_.flags.begin(), result_.flags.end());
        std::sort(result_.halts.begin(), result_.halts.end(),
                  [](const HaltOutcome& a, const HaltOutcome& b) { return a.sites < b.sites; });
        return result_;
    }

private:
    const litmus::LitmusTest& test_;
    const EventGraph& g_;
    const BaseTable table_ = baseTable(g_);   // the base names' candidates, once per test
    const cat::Model& model_;
    Diagnostics& diags_;
    std::uint64_t cap_;
    std::uint64_t candidates_ = 0;
    std::vector<litmus::Place> places_;
    std::vector<std::size_t> reads_;
    std::vector<int> source_;             // per read event: the write it reads from
    std::vector<std::int64_t> values_;    // per event: read value (reads only)
    std::vector<std::int64_t> choices_;   // per Choice term: 0 or 1
    std::vector<bool> exec_;
    std::vector<std::int64_t> addr_;
    CheckResult result_;

    bool chooseSources(std::size_t k) {
        if (k == reads_.size()) return evaluateCandidate();
        std::size_t r = reads_[k];
        if (!g_.events[r].guard.isConst()) {
            source_[r] = kNoSource;
            if (!chooseSources(k + 1)) return false;
        }
        for (std::size_t w = 0; w < g_.size(); ++w) {
            if (!g_.events[w].isWrite() || !g_.mayAlias.contains(w, r)) continue;
            source_[r] = static_cast<int>(w);
            if (!chooseSources(k + 1)) return false;
        }
        return true;
    }

    /// Read values follow the sources; a cycle of reads feeding each other (thin air) has no
    /// unique value and is not a candidate here.
    bool computeValues() {
        values_.assign(g_.size(), 0);
        std::vector<int> state(g_.size(), 0);  // 0 new, 1 in progress, 2 done
        std::function<bool(std::size_t)> valueOf = [&](std::size_t r) -> bool {
            if (state[r] == 2) return true;
            if (state[r] == 1) return false;
            state[r] = 1;
            int w = source_[r];
            if (w != kNoSource) {
                std::set<std::uint32_t> deps;
                collectReads(g_.events[static_cast<std::size_t>(w)].value, deps);
                for (auto d : deps)
                    if (!valueOf(d)) return false;
                values_[r] = evalTerm(g_.events[static_cast<std::size_t>(w)].value, values_, choices_);
            }
            state[r] = 2;
            return true;
        };
        for (auto r : reads_)
            if (!valueOf(r)) return false;
        return true;
    }

    static void collectReads(const Term& t, std::set<std::uint32_t>& out) {
        if (t.kind == Term::Kind::Read) out.insert(t.event);
        for (const auto& a : t.args) collectReads(a, out);
    }

    bool evaluateCandidate() {
        if (!computeValues()) return true;
        exec_.assign(g_.size(), false);
        addr_.assign(g_.size(), 0);
        for (std::size_t i = 0; i < g_.size(); ++i) {
            exec_[i] = evalTerm(g_.events[i].guard, values_, choices_) != 0;
            if (g_.events[i].isMemory()) addr_[i] = evalTerm(g_.events[i].addr, values_, choices_);
        }
        // Conditions on final values wait for the coherence order (evaluateExecution).
        for (const auto& a : g_.assumptions)
            if (!mentionsFinal(a.guard) && !mentionsFinal(a.cond) && evalTerm(a.guard, values_, choices_) != 0 &&
                evalTerm(a.cond, values_, choices_) == 0)
                return true;
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
        return chooseCoherence(groups, 0);
    }

    bool chooseCoherence(std::vector<std::vector<std::size_t>>& groups, std::size_t k) {
        if (k == groups.size()) return evaluateExecution(groups);
        auto& ws = groups[k];
        std::sort(ws.begin(), ws.end());
        do {
            if (!chooseCoherence(groups, k + 1)) return false;
        } while (std::next_permutation(ws.begin(), ws.end()));
        return true;
    }

    bool evaluateExecution(const std::vector<std::vector<std::size_t>>& groups) {
        if (++candidates_ > cap_) {
            diags_.error(test_.file, {}, "brute force: more than " + std::to_string(cap_) + " candidate executions");
            return false;
        }
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
        std::vector<std::int64_t> finals(g_.locations.size(), 0);
        for (std::size_t i = 0; i < finals.size(); ++i) {
            auto it = last.find(g_.address.at(g_.locations[i]));
            if (it != last.end()) finals[i] = evalTerm(g_.events[it->second].value, values_, choices_);
        }
        for (const auto& a : g_.assumptions)
            if (evalTerm(a.guard, values_, choices_, finals) != 0 && evalTerm(a.cond, values_, choices_, finals) == 0)
                return true;
        std::vector<HaltSiteReport> halted;
        for (const auto& h : g_.halts)
            if (h.kind != litmus::Halt::Kind::Unstarted && evalTerm(h.guard, values_, choices_, finals) != 0) {
                HaltSiteReport r{h.kind, siteAt(test_, h.thread, h.loc), h.what};
                if (std::find(halted.begin(), halted.end(), r) == halted.end()) halted.push_back(r);
            }

        const ConcreteExecution x = concreteExecution(table_, {exec_, addr_, source_, co});

        litmus::State s;
        for (const auto& p : places_) {
            const litmus::ValueType type = litmus::placeType(test_, p);
            std::vector<std::int64_t> cells;
            if (p.isRegister()) {
                cells.push_back(litmus::normalize(type, evalTerm(g_.registerTerm(p), values_, choices_, finals)));
            } else {
                for (const auto& cell : g_.cellsOf(p)) {
                    auto it = last.find(g_.address.at(cell));
                    std::int64_t v = it == last.end() ? 0 : evalTerm(g_.events[it->second].value, values_, choices_);
                    cells.push_back(litmus::normalize(type, v));
                }
            }
            s.values.push_back(g_.observedValue(p, type, cells));
        }
        if (test_.filter && !litmus::evalProp(*test_.filter, places_, s)) return true;

        Diagnostics local;
        cat::ConcreteVerdict verdict = cat::evaluateConcrete(model_, x, local);
        if (local.hasErrors()) {
            for (const auto& dg : local.all()) diags_.error(dg.file, dg.loc, dg.message);
            return false;
        }
        if (!verdict.consistent) return true;
        for (const auto& f : verdict.flags)
            if (std::find(result_.flags.begin(), result_.flags.end(), f) == result_.flags.end())
                result_.flags.push_back(f);
        if (!halted.empty()) {
            HaltOutcome out = haltOutcome(std::move(halted));
            if (std::find(result_.halts.begin(), result_.halts.end(), out) == result_.halts.end())
                result_.halts.push_back(std::move(out));
            return true;
        }
        if (std::find(result_.states.begin(), result_.states.end(), s) == result_.states.end())
            result_.states.push_back(s);
        if (litmus::evalProp(test_.condition.prop, places_, s)) ++result_.positive;
        else ++result_.negative;
        return true;
    }
};

/// The names of the model's `flag ... as NAME` checks, procedures included (as the Z3 engine
/// reports them; only the Z3 engine lists the racing pairs).
void declaredFlags(const std::vector<cat::Statement>& statements, std::vector<std::string>& out) {
    for (const auto& st : statements) {
        const auto* c = std::get_if<cat::Check>(&st.node);
        if (c && c->isFlag && !c->name.empty() && std::find(out.begin(), out.end(), c->name) == out.end())
            out.push_back(c->name);
        if (const auto* p = std::get_if<cat::Procedure>(&st.node)) declaredFlags(p->body, out);
    }
}

}  // namespace

std::optional<std::uint64_t> candidateCount(const litmus::LitmusTest& test, Diagnostics& diags) {
    auto g = buildEvents(test, diags);
    if (!g) return std::nullopt;
    const std::uint64_t kMax = UINT64_MAX;
    std::uint64_t n = 1;
    auto times = [&](std::uint64_t k) { n = (k != 0 && n > kMax / k) ? kMax : n * k; };
    std::map<std::int64_t, std::uint64_t> writesAt;  // statically known address -> writes
    for (std::size_t r = 0; r < g->size(); ++r) {
        const Event& e = g->events[r];
        if (e.kind == EventKind::Write) {
            // A write whose address is not a constant may go anywhere: count it everywhere.
            if (e.addr.isConst()) ++writesAt[e.addr.value];
            else for (const auto& [name, a] : g->address) ++writesAt[a];
        }
        if (!e.isRead()) continue;
        std::uint64_t sources = e.guard.isConst() ? 0 : 1;
        for (std::size_t w = 0; w < g->size(); ++w)
            if (g->events[w].isWrite() && g->mayAlias.contains(w, r)) ++sources;
        times(sources);
    }
    for (const auto& [a, k] : writesAt)
        for (std::uint64_t i = 2; i <= k; ++i) times(i);
    for (std::uint32_t c = 0; c < g->choices; ++c) times(2);
    return n;
}

std::optional<CheckResult> bruteForceCheck(const litmus::LitmusTest& test, const cat::Model& model,
                                           Diagnostics& diags, std::uint64_t maxCandidates) {
    auto g = buildEvents(test, diags);
    if (!g) return std::nullopt;
    // Resolve a model not resolved at load once here, not once per candidate execution.
    std::optional<cat::Model> resolved;
    if (!model.resolved) {
        resolved = model;
        if (!cat::resolve(*resolved, architectureVocabulary(), diags)) return std::nullopt;
    }
    auto result = Enumerator(test, *g, resolved ? *resolved : model, diags, maxCandidates).run();
    if (result) declaredFlags(model.statements, result->declaredFlags);
    return result;
}

}  // namespace memlit::engine
