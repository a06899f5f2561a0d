// explain: which states to explain (the condition's, or --outcome's), and for each one a
// witness (allowed) or its rejected candidates grouped by axiom and cycle (forbidden).

#include "engine/Explain.hpp"
#include "engine/ExplainExpr.hpp"

#include "cat/Resolve.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/Axioms.hpp"
#include "engine/BruteForce.hpp"
#include "engine/ExplainOutcome.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace memlit::engine {

namespace {

bool sameShown(const litmus::State& full, const litmus::State& shown) {
    return litmus::shownPart(full, shown.values.size()) == shown;
}

/// The final states candidate executions (that end) reach, over the shown places, sorted.
std::vector<litmus::State> candidateStates(const PreparedTest& p, const ExplainOptions& o, Diagnostics& diags) {
    std::set<std::vector<std::string>> seen;
    std::vector<litmus::State> out;
    forEachCandidate(p, o.maxCandidates, diags, [&](const Candidate& c) {
        o.budget.check();
        if (!c.halted.empty()) return true;
        litmus::State s = litmus::shownPart(c.state, p.shown);
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
        return true;
    }, {}, {}, {&o.budget});
    std::sort(out.begin(), out.end(), litmus::stateLess);
    return out;
}

/// The states the condition asks about: those satisfying it for exists and ~exists, those
/// not satisfying it (the counterexamples) for forall.
bool asked(const litmus::LitmusTest& t, const std::vector<litmus::Place>& places, const litmus::State& s) {
    const bool holds = litmus::evalProp(t.condition.prop, places, s);
    return t.condition.quantifier == litmus::Condition::Quantifier::Forall ? !holds : holds;
}

std::string groupKey(const Rejection& r) {
    std::string key = r.axiom.name;
    for (const auto& e : r.cycle) {
        const auto& a = r.execution.events[e.from].id;
        const auto& b = r.execution.events[e.to].id;
        key += "|" + std::to_string(a.thread) + "." + std::to_string(a.index) + ">" + std::to_string(b.thread) + "." +
               std::to_string(b.index) + ":" + e.relation;
    }
    return key;
}

/// The rejection of one candidate, or the bare axiom when it is not a top-level check.
Rejection rejectionOf(const cat::Model& model, const Execution& exec, const AxiomVerdict& v, Diagnostics& diags) {
    if (auto r = explainRejection(model, exec, *v.failed, diags)) return *r;
    Rejection r;
    r.axiom.name = *v.failed;
    r.shape = "cycle";
    for (std::size_t i = 0; i < v.cycle.size(); ++i)
        r.cycle.push_back({v.cycle[i], v.cycle[(i + 1) % v.cycle.size()], *v.failed, "", false});
    r.execution = exec;
    return r;
}

void addRejection(StateExplanation& s, std::map<std::string, std::size_t>& groups, Rejection r,
                  std::size_t maxGroups) {
    const std::string key = groupKey(r);
    auto it = groups.find(key);
    if (it != groups.end()) {
        ++s.rejections[it->second].candidates;
        return;
    }
    r.candidates = 1;
    groups[key] = s.rejections.size();
    s.rejections.push_back(std::move(r));
    (void)maxGroups;
}

/// Every candidate ending in `s.state`, judged by the model: the rejections by group.
void enumerateRejections(const PreparedTest& p, const cat::Model& model, const ExplainOptions& o,
                         StateExplanation& s, Diagnostics& diags) {
    std::map<std::string, std::size_t> groups;
    forEachCandidate(p, o.maxCandidates, diags, [&](const Candidate& c) {
        o.budget.check();
        if (!c.halted.empty() || !sameShown(c.state, s.state)) return true;
        ++s.candidates;
        AxiomVerdict v = checkAxioms(model, c.exec, o.skipChecks, diags);
        if (v.consistent || !v.failed) return true;
        addRejection(s, groups, rejectionOf(model, c.execution(), v, diags), o.maxGroups);
        return true;
    }, {}, {}, {&o.budget});
    std::stable_sort(s.rejections.begin(), s.rejections.end(),
                     [](const Rejection& a, const Rejection& b) { return a.candidates > b.candidates; });
    if (s.rejections.size() > o.maxGroups) {
        s.moreGroups = s.rejections.size() - o.maxGroups;
        s.rejections.resize(o.maxGroups);
    }
    s.enumerated = true;
}

/// Every axiom of the model (non-flag checks, in procedures too), for a witness query that
/// ignores them all.
void axiomNames(const std::vector<cat::Statement>& statements, std::vector<std::string>& out) {
    for (const auto& s : statements) {
        if (const auto* c = std::get_if<cat::Check>(&s.node)) {
            if (!c->isFlag && !isNamed(out, c->name)) out.push_back(c->name);
        } else if (const auto* proc = std::get_if<cat::Procedure>(&s.node)) {
            axiomNames(proc->body, out);
        }
    }
}

/// Too many candidates to enumerate: one candidate from the engine, ignoring every axiom.
void oneRejection(const PreparedTest& p, const cat::Model& model, Engine& engine, const ExplainOptions& o,
                  StateExplanation& s, Diagnostics& diags) {
    std::vector<std::string> all;
    axiomNames(model.statements, all);
    auto exec = engine.witness(p, model, s.state, all, diags);
    if (!exec) return;
    s.candidates = 1;
    AxiomVerdict v = checkAxioms(model, exec->base, o.skipChecks, diags);
    if (!v.consistent && v.failed) s.rejections.push_back(rejectionOf(model, *exec, v, diags));
    if (!s.rejections.empty()) s.rejections.back().candidates = 1;
}

/// The race flag's relation `A \ B \ C`: A relates the pair, B and C do not.
RaceExplanation raceOf(const cat::Model& model, const FlagPair& pair) {
    RaceExplanation r{pair, pair.flag, {}};
    const auto k = topLevelFlag(model, pair.flag);
    if (!k) return r;
    const Definitions defs(model, *k);
    const cat::Expr* e = &std::get<cat::Check>(model.statements[*k].node).expr;
    if (const cat::Expr* b = defs.body(*e)) e = b;
    std::vector<std::string> absent;
    while (e->op == cat::Expr::Op::Diff && e->args.size() == 2) {
        absent.insert(absent.begin(), exprText(e->args[1]));
        const cat::Expr* left = &e->args[0];
        const cat::Expr* b = defs.body(*left);
        e = left->op == cat::Expr::Op::Name && b && b->op == cat::Expr::Op::Diff ? b : left;
    }
    r.related = exprText(*e);
    r.absent = absent;
    return r;
}

const cat::Model* resolvedModel(const cat::Model& model, std::optional<cat::Model>& copy, Diagnostics& diags) {
    if (model.resolved) return &model;
    copy = model;
    return cat::resolve(*copy, architectureVocabulary(), diags) ? &*copy : nullptr;
}

}  // namespace

std::optional<Explanation> explain(const PreparedTest& p, const cat::Model& unresolved, Engine& engine,
                                   const ExplainOptions& o, Diagnostics& diags) {
    std::optional<cat::Model> copy;
    const cat::Model* model = resolvedModel(unresolved, copy, diags);
    if (!model) return std::nullopt;
    Explanation x;
    x.places.assign(p.places.begin(), p.places.begin() + static_cast<std::ptrdiff_t>(p.shown));
    CheckOptions co;
    co.skipChecks = o.skipChecks;
    co.budget = o.budget;
    co.countSeconds = 0;
    auto checked = engine.check(p, *model, co, diags);
    if (!checked) return std::nullopt;
    x.check = std::move(*checked);
    std::optional<Outcome> outcome;
    if (o.outcome) {
        outcome = parseOutcome(*o.outcome, x.places, diags);
        if (!outcome) return std::nullopt;
    }
    x.targetsFrom = outcome ? "outcome" : "condition";
    x.candidatesCapped = p.candidates > o.maxCandidates;
    std::vector<litmus::State> states = x.candidatesCapped ? x.check.states : candidateStates(p, o, diags);
    if (outcome && outcome->full() && std::find(states.begin(), states.end(), outcome->state()) == states.end())
        states.push_back(outcome->state());
    for (const auto& s : states) {
        if (!o.everyState && (outcome ? !outcome->matches(s) : !asked(p.test, x.places, s))) continue;
        if (x.states.size() == o.maxStates) {
            ++x.moreStates;
            continue;
        }
        StateExplanation e;
        e.state = s;
        e.allowed = std::find(x.check.states.begin(), x.check.states.end(), s) != x.check.states.end();
        if (e.allowed) {
            e.witness = engine.witness(p, *model, s, o.skipChecks, diags);
            if (e.witness) e.witnessEdges = modelEdges(*model, *e.witness, o.skipChecks);
        }
        else if (!x.candidatesCapped) enumerateRejections(p, *model, o, e, diags);
        else oneRejection(p, *model, engine, o, e, diags);
        x.states.push_back(std::move(e));
    }
    for (const auto& f : x.check.flagPairs) x.races.push_back(raceOf(*model, f));
    if (diags.hasErrors()) return std::nullopt;
    return x;
}

std::vector<std::string> eventNames(const Execution& exec) {
    std::vector<std::string> out;
    std::size_t letter = 0;
    for (const auto& e : exec.events) {
        if (e.id.thread < 0) {
            out.push_back("i" + std::to_string(e.id.index));
            continue;
        }
        std::string name(1, static_cast<char>('a' + letter % 26));
        if (letter >= 26) name += std::to_string(letter / 26);
        out.push_back(name);
        ++letter;
    }
    return out;
}

std::string eventLabel(const ExecutionEvent& e) {
    const std::string v = std::to_string(e.value);
    switch (e.kind) {
    case EventKind::Init: return "W[" + e.location + "]=" + v;
    case EventKind::Read: return "R[" + e.location + "]=" + v;
    case EventKind::Write: return "W[" + e.location + "]=" + v;
    case EventKind::Fence: {
        std::string tags;
        for (const auto& t : e.tags) tags += (tags.empty() ? "" : ",") + t;
        return "F[" + tags + "]";
    }
    case EventKind::Alloc: return "Alloc[" + e.location + "]";
    case EventKind::Free: return "Free[" + e.location + "]";
    }
    return "?";
}

std::vector<ExplainEdge> executionEdges(const Execution& exec) {
    std::vector<ExplainEdge> out;
    const std::size_t n = exec.events.size();
    const Relation po = exec.relation("po"), rf = exec.rf(), co = exec.co();
    // Immediate po and co: a pair with nothing between.
    auto immediate = [&](const Relation& r, const char* name) {
        r.forEachPair([&](EventIndex a, EventIndex b) {
            for (EventIndex c = 0; c < n; ++c)
                if (r.contains(a, c) && r.contains(c, b)) return;
            out.push_back({a, b, name, "", false});
        });
    };
    immediate(po, "po");
    rf.forEachPair([&](EventIndex a, EventIndex b) { out.push_back({a, b, "rf", "", false}); });
    immediate(co, "co");
    // fr: each read before the co-first write after the one it reads from.
    rf.forEachPair([&](EventIndex w, EventIndex r) {
        for (EventIndex x = 0; x < n; ++x) {
            if (!co.contains(w, x)) continue;
            bool first = true;
            for (EventIndex y = 0; y < n; ++y)
                if (co.contains(w, y) && co.contains(y, x)) first = false;
            if (first && x != r) out.push_back({r, x, "fr", "", false});
        }
    });
    return out;
}

}  // namespace memlit::engine
