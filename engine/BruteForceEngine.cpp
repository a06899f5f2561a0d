// The enumerator as an Engine: check, witness and the axioms that forbid a state, each one
// visit of the candidates (engine/BruteForce.cpp) with the model evaluated concretely.

#include "engine/Axioms.hpp"
#include "engine/AxiomsPolarity.hpp"
#include "engine/BruteForce.hpp"
#include "engine/Counting.hpp"

#include "cat/Ast.hpp"
#include "cat/Resolve.hpp"
#include "engine/ArchVocabulary.hpp"
#include "litmus/Verdict.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace memlit::engine {

namespace {

/// The model's verdict on one candidate; false after turning a model error into errors.
bool evaluate(const cat::Model& model, const Candidate& c, const std::vector<std::string>& masked,
              Diagnostics& diags, AxiomVerdict& out, ConcreteMemo* memo = nullptr) {
    Diagnostics local;
    out = checkAxioms(model, c.exec, masked, local, memo);
    if (!local.hasErrors()) return true;
    for (const auto& dg : local.all()) diags.error(dg.file, dg.loc, dg.message);
    return false;
}

template <class T>
void addOnce(std::vector<T>& v, T x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(std::move(x));
}

/// The pairs of events a firing flag relates in some allowed execution (FlagPair), by their
/// sites, each with the least final state (litmus::stateLess) of the allowed executions that
/// relate them and end, so the witness does not depend on the enumeration order.
class FlagPairs {
public:
    void add(const PreparedTest& p, const Candidate& c, const std::string& flag, const Relation& rel) {
        rel.forEachPair([&](EventIndex i, EventIndex j) {
            if (i == j) return;
            const Event& x = p.graph.events[c.events[i]];
            const Event& y = p.graph.events[c.events[j]];
            EventSite a = siteAt(p.test, x.thread, x.loc), b = siteAt(p.test, y.thread, y.loc);
            if (b < a) std::swap(a, b);
            auto it = std::find_if(pairs_.begin(), pairs_.end(), [&](const FlagPair& f) {
                return f.flag == flag && f.a == a && f.b == b;
            });
            if (it == pairs_.end()) it = pairs_.insert(pairs_.end(), FlagPair{flag, a, b, std::nullopt});
            if (c.halted.empty() && (!it->witness || litmus::stateLess(c.state, *it->witness))) it->witness = c.state;
        });
    }
    /// The pairs, sorted by flag and sites as the Z3 engine gives them.
    std::vector<FlagPair> take() {
        std::sort(pairs_.begin(), pairs_.end(), [](const FlagPair& x, const FlagPair& y) {
            return std::tie(x.flag, x.a, x.b) < std::tie(y.flag, y.a, y.b);
        });
        return std::move(pairs_);
    }

private:
    std::vector<FlagPair> pairs_;
};

/// An allowed candidate's contribution: its flags (and their pairs), and its halt outcome or
/// its state and count.
/// Thrown out of the enumeration past the partial-evaluation cap.
struct TooManyPartial {};

/// The states seen so far, for a lookup in log time (a test of independent reads has
/// thousands: a linear search per candidate was a fifth of an LKMM check's time).
using StateSet = std::set<litmus::State, bool (*)(const litmus::State&, const litmus::State&)>;

void record(const PreparedTest& p, const Candidate& c, const AxiomVerdict& v, CheckResult& result,
            FlagPairs& pairs, StateSet& seen) {
    for (const auto& f : v.flags) addOnce(result.flags, f);
    for (const auto& [flag, rel] : v.flagRelations) pairs.add(p, c, flag, rel);
    if (!c.halted.empty()) {
        addOnce(result.halts, haltOutcome(c.halted));
        return;
    }
    if (seen.insert(c.state).second) result.states.push_back(c.state);
    // One execution per passing choice of the model's `with` (herd's count).
    if (litmus::evalProp(p.test.condition.prop, p.places, c.state)) result.positive += v.choices;
    else result.negative += v.choices;
}

/// `n` consistent executions ending as `c` does, in which no flag fires.
void recordMany(const PreparedTest& p, const Candidate& c, std::uint64_t n, CheckResult& result, StateSet& seen) {
    if (n == 0) return;
    if (!c.halted.empty()) {
        addOnce(result.halts, haltOutcome(c.halted));
        return;
    }
    if (seen.insert(c.state).second) result.states.push_back(c.state);
    if (litmus::evalProp(p.test.condition.prop, p.places, c.state)) result.positive += n;
    else result.negative += n;
}

/// A candidate's deferred reads (those `deferred` marks, per graph event) with the writes
/// each may read from, in the candidate's dense indices.
std::vector<DeferredRead> deferredReads(const PreparedTest& p, const Candidate& c, const std::vector<bool>& deferred) {
    std::vector<DeferredRead> out;
    for (std::size_t j = 0; j < c.events.size(); ++j) {
        const std::size_t r = c.events[j];
        if (!p.graph.events[r].isRead() || !deferred[r]) continue;
        DeferredRead d{static_cast<EventIndex>(j), {}};
        for (std::size_t k = 0; k < c.events.size(); ++k) {
            const std::size_t w = c.events[k];
            if (p.graph.events[w].isWrite() && c.addresses[w] == c.addresses[r])
                d.sources.push_back(static_cast<EventIndex>(k));
        }
        out.push_back(std::move(d));
    }
    return out;
}

/// The names of the model's `flag ... as NAME` checks, procedures included (as the Z3 engine
/// reports them).
void declaredFlags(const std::vector<cat::Statement>& statements, std::vector<std::string>& out) {
    for (const auto& st : statements) {
        const auto* c = std::get_if<cat::Check>(&st.node);
        if (c && c->isFlag && !c->name.empty()) addOnce(out, c->name);
        if (const auto* p = std::get_if<cat::Procedure>(&st.node)) declaredFlags(p->body, out);
    }
}

/// The model with every name resolved: resolved here once, when it was not at load, instead of
/// once per candidate execution. False (with diagnostics) when a name is unknown.
class Resolved {
public:
    Resolved(const cat::Model& model, Diagnostics& diags) : model_(&model) {
        if (model.resolved) return;
        copy_ = model;
        model_ = cat::resolve(*copy_, architectureVocabulary(), diags) ? &*copy_ : nullptr;
    }
    Resolved(const Resolved&) = delete;
    Resolved& operator=(const Resolved&) = delete;
    explicit operator bool() const { return model_ != nullptr; }
    const cat::Model& operator*() const { return *model_; }

private:
    const cat::Model* model_;
    std::optional<cat::Model> copy_;
};

}  // namespace

std::optional<CheckResult> BruteForceEngine::check(const PreparedTest& p, const cat::Model& unresolved,
                                                   const CheckOptions& options, Diagnostics& diags) {
    const Resolved model(unresolved, diags);
    if (!model) return std::nullopt;
    CheckResult result;
    result.places = p.places;
    // Only consistent candidates count, so a partial one that a persistent axiom forbids
    // needs no completion.
    const std::vector<bool> persistent = prune_ ? persistentChecks(*model) : std::vector<bool>{};
    PartialCheck mayCompleteTo;
    FlagPairs pairs;
    StateSet seen(&litmus::stateLess);
    std::uint64_t evaluations = 0;   // of partial candidates, and of the counter's
    // Every candidate of a fixed-shape test has the same events: what does not depend on rf
    // and co is evaluated once (cat/StaticMemo.hpp).
    std::optional<ConcreteMemo> memo;
    if (fixedShape(p.graph)) memo = rfCoMemo();
    ConcreteMemo* shared = memo ? &*memo : nullptr;
    if (std::find(persistent.begin(), persistent.end(), true) != persistent.end())
        mayCompleteTo = [&, counted = fixedShape(p.graph)](const ConcreteExecution& x) {
            // A test of values-dependent shape prunes only coherence orders, with its read
            // sources chosen: at most about twice as many evaluations as the complete
            // candidates they replace, which maxCandidates bounds already.
            options.budget.check();
            if (counted && ++evaluations > maxPartial_) throw TooManyPartial{};
            return mayComplete(*model, x, persistent, options.skipChecks, shared);
        };
    // A values-dependent test is also pruned while its read sources are chosen, on the events
    // known so far, by the checks whose failure persists as events are added too.
    const std::vector<bool> persistentSome =
        prune_ && !fixedShape(p.graph) ? persistentChecks(*model, true) : std::vector<bool>{};
    PartialCheck mayCompleteSome;
    if (std::find(persistentSome.begin(), persistentSome.end(), true) != persistentSome.end())
        mayCompleteSome = [&](const ConcreteExecution& x) {
            options.budget.check();
            return mayComplete(*model, x, persistentSome, options.skipChecks, nullptr);
        };
    // Reads nothing observes are counted, not enumerated, when the model allows it.
    const auto counter = mayCompleteTo && factor_ ? FactoredCount::forModel(*model, options.skipChecks) : std::nullopt;
    const std::vector<bool> deferred = counter ? unobservedReads(p) : std::vector<bool>{};
    const FactoredCount::Tick tick = [&] {
        options.budget.check();
        if (++evaluations > maxPartial_) throw TooManyPartial{};
    };
    bool done = false, modelError = false;
    const auto one = [&](const Candidate& c) {
        options.budget.check();  // the per-test deadline and memory ceiling (engine/Budget.hpp)
        AxiomVerdict v;
        if (!evaluate(*model, c, options.skipChecks, diags, v, shared)) return !(modelError = true);
        if (v.consistent) record(p, c, v, result, pairs, seen);
        return true;
    };
    try {
        done = forEachCandidate(p, maxCandidates_, diags, [&](const Candidate& c) {
            if (!c.deferred) return one(c);
            const auto bulk = counter->count(c.exec, deferredReads(p, c, deferred), [&](const ConcreteExecution& x) {
                if (!modelError) one(Candidate{c.test, x, c.events, c.reads, c.choices, c.addresses, c.state, c.halted});
            }, tick);
            recordMany(p, c, bulk, result, seen);
            return !modelError;
        }, {mayCompleteTo, mayCompleteSome}, deferred, {&options.budget, maxSourceChoices_});
    } catch (const TooManyPartial&) {
        diags.error(p.test.file, {}, "brute force: more than " + std::to_string(maxPartial_) +
                                         " partial candidate evaluations");
    }
    if (!done) return std::nullopt;
    std::sort(result.states.begin(), result.states.end(), litmus::stateLess);
    result.ok = litmus::conditionHolds(p.test.condition, p.places, result.states);
    std::sort(result.flags.begin(), result.flags.end());
    result.flagPairs = pairs.take();
    std::sort(result.halts.begin(), result.halts.end(),
              [](const HaltOutcome& a, const HaltOutcome& b) { return a.sites < b.sites; });
    declaredFlags(unresolved.statements, result.declaredFlags);
    keepShownPlaces(p, result);
    return result;
}

std::optional<Execution> BruteForceEngine::witness(const PreparedTest& p, const cat::Model& unresolved,
                                                   const litmus::State& state,
                                                   const std::vector<std::string>& axiomsToIgnore,
                                                   Diagnostics& diags) {
    const Resolved model(unresolved, diags);
    if (!model) return std::nullopt;
    std::optional<Execution> found;
    const bool done = forEachCandidate(p, maxCandidates_, diags, [&](const Candidate& c) {
        if (!c.halted.empty() || !(litmus::shownPart(c.state, state.values.size()) == state)) return true;
        AxiomVerdict v;
        if (!evaluate(*model, c, axiomsToIgnore, diags, v)) return false;
        if (!v.consistent) return true;
        found = c.execution();
        return false;
    });
    // Stopped without a witness: a model error or too many candidates, as diags says.
    if (!done && !found) return std::nullopt;
    return found;
}

std::optional<std::vector<Violation>> BruteForceEngine::violations(const PreparedTest& p,
                                                                   const cat::Model& model,
                                                                   const litmus::State& state,
                                                                   Diagnostics& diags) {
    std::vector<std::string> order;
    return violations(p, model, state, diags, order);
}

std::optional<std::vector<Violation>> BruteForceEngine::violations(const PreparedTest& p,
                                                                   const cat::Model& unresolved,
                                                                   const litmus::State& state,
                                                                   Diagnostics& diags,
                                                                   std::vector<std::string>& axioms) {
    const Resolved model(unresolved, diags);
    if (!model) return std::nullopt;
    std::vector<Violation> out;
    bool allowed = false;
    const bool done = forEachCandidate(p, maxCandidates_, diags, [&](const Candidate& c) {
        if (!c.halted.empty() || !(litmus::shownPart(c.state, state.values.size()) == state)) return true;
        AxiomVerdict v;
        if (!evaluate(*model, c, {}, diags, v)) return false;
        axioms = v.axioms;
        if (v.consistent) return !(allowed = true);
        Violation why{*v.failed, {}};
        for (EventIndex i : v.cycle) why.cycle.push_back(eventId(p.graph, c.events.at(i)));
        addOnce(out, std::move(why));
        return true;
    });
    if (!done && !allowed) return std::nullopt;  // an error, as for witness
    if (allowed) out.clear();
    return out;
}

std::optional<std::vector<std::string>> BruteForceEngine::violatedAxioms(const PreparedTest& p,
                                                                         const cat::Model& model,
                                                                         const litmus::State& state,
                                                                         Diagnostics& diags) {
    std::vector<std::string> order;
    auto found = violations(p, model, state, diags, order);
    if (!found) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& axiom : order)
        if (std::any_of(found->begin(), found->end(), [&](const Violation& v) { return v.axiom == axiom; }))
            addOnce(names, axiom);
    return names;
}

}  // namespace memlit::engine
