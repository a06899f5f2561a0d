// Why one candidate execution is rejected by one axiom: a shortest cycle (BFS), reflexive pair
// or non-empty pair of the axiom's relation, each edge named by the operand of that relation
// (a union split into its operands, a sequence into its steps, a derived name unfolded one
// level) that holds it. Sub-expressions are evaluated by the concrete interpreter on a copy
// of the model cut after the axiom, with one `flag ~empty SUB` check per sub-expression.

#include "engine/Explain.hpp"
#include "engine/ExplainExpr.hpp"

#include <algorithm>
#include <deque>
#include <map>

namespace memlit::engine {

namespace {

using cat::Expr;

/// The sub-expressions to label edges with, evaluated in the axiom's scope.
struct Parts {
    Expr cycleRel;                       // the relation whose cycle (pair) is shown
    std::vector<Expr> operands;          // its union operands (one: itself)
    std::vector<std::vector<Expr>> unfolded;  // per operand: its definition's union operands
    std::vector<std::vector<Expr>> steps;     // per operand: its sequence steps (or none)
    std::vector<std::string> names;           // per operand: what its edges are called
};

/// `a | b | c` as the parser builds it: binary, nested to the left.
Expr unionOf(const std::vector<Expr>& ops, SourceLoc loc) {
    Expr u = ops.front();
    for (std::size_t i = 1; i < ops.size(); ++i) {
        Expr next;
        next.op = Expr::Op::Union;
        next.args = {std::move(u), ops[i]};
        next.loc = loc;
        u = std::move(next);
    }
    return u;
}

Parts partsOf(const cat::Check& c, const Definitions& defs) {
    const bool acyclic = c.kind == cat::CheckKind::Acyclic;
    // The operands: of the relation's union, or of its definition's when it is a derived
    // union (or closure, for acyclic); acyclic (a+ | b) holds iff acyclic (a | b), so a
    // closure operand of an acyclic check is replaced by its own operands.
    const Expr* def = c.expr.op == Expr::Op::Name ? defs.body(c.expr) : nullptr;
    std::vector<Expr> ops;
    if (def && (def->op == Expr::Op::Union || (acyclic && isClosure(*def)))) ops = unionOperands(*def);
    else ops = unionOperands(c.expr);
    if (acyclic) {
        std::vector<Expr> open;
        for (const auto& o : ops) {
            if (!isClosure(o)) open.push_back(o);
            else
                for (auto& x : unionOperands(o.args[0])) open.push_back(std::move(x));
        }
        ops = std::move(open);
    }
    // A union restricted by an intersection, `(po | rf | co | fr) & (SYNC * SYNC)`: the same
    // as the union of each operand so restricted, each edge named by its operand (`po`).
    Parts p;
    if (ops.size() == 1 && ops[0].op == Expr::Op::Inter && ops[0].args.size() == 2 &&
        ops[0].args[0].op == Expr::Op::Union) {
        const Expr within = ops[0].args[1];
        std::vector<Expr> restricted;
        for (auto& u : unionOperands(ops[0].args[0])) {
            p.names.push_back(exprText(u));
            Expr r;
            r.op = Expr::Op::Inter;
            r.args = {std::move(u), within};
            r.loc = c.expr.loc;
            restricted.push_back(std::move(r));
        }
        ops = std::move(restricted);
    } else {
        for (const auto& o : ops) p.names.push_back(exprText(o));
    }
    p.cycleRel = ops.size() == 1 && !acyclic ? c.expr : unionOf(ops, c.expr.loc);
    p.operands = ops;
    for (const auto& o : p.operands) {
        const Expr* b = defs.body(o);
        p.unfolded.push_back(b && b->op == Expr::Op::Union ? unionOperands(*b) : std::vector<Expr>{});
        p.steps.push_back(seqSteps(o));
    }
    return p;
}

/// Shortest cycle of `r` by BFS from each event; nullopt when acyclic. Starts at its
/// smallest event.
std::optional<std::vector<EventIndex>> shortestCycle(const Relation& r) {
    std::optional<std::vector<EventIndex>> best;
    const std::size_t n = r.size();
    for (EventIndex s = 0; s < n; ++s) {
        std::vector<std::ptrdiff_t> parent(n, -1);
        std::vector<bool> seen(n, false);
        std::deque<EventIndex> queue{s};
        seen[s] = true;
        while (!queue.empty()) {
            const EventIndex u = queue.front();
            queue.pop_front();
            if (r.contains(u, s)) {
                std::vector<EventIndex> cycle;
                for (std::ptrdiff_t v = static_cast<std::ptrdiff_t>(u); v != -1; v = parent[v])
                    cycle.push_back(static_cast<EventIndex>(v));
                std::reverse(cycle.begin(), cycle.end());
                if (!best || cycle.size() < best->size()) best = cycle;
                break;
            }
            for (EventIndex v : r.successors(u).elements())
                if (!seen[v] && v > s) {  // cycles through smaller events were found from them
                    seen[v] = true;
                    parent[v] = static_cast<std::ptrdiff_t>(u);
                    queue.push_back(v);
                }
        }
    }
    return best;
}

/// A path from `from` to `to` through `steps` (relations in order), one event per step
/// boundary; steps that stay on one event (identities, `?`) are dropped from the edges.
std::vector<ExplainEdge> stepPath(const std::vector<Relation>& steps, const std::vector<std::string>& names,
                                  EventIndex from, EventIndex to) {
    const std::size_t n = steps.front().size();
    std::vector<EventSet> reach{EventSet(n)};
    reach[0].insert(from);
    for (const auto& s : steps) {
        EventSet next(n);
        for (EventIndex u : reach.back().elements()) next |= s.successors(u);
        reach.push_back(next);
    }
    if (!reach.back().contains(to)) return {};
    std::vector<EventIndex> at(steps.size() + 1);
    at.back() = to;
    for (std::size_t i = steps.size(); i > 0; --i)
        for (EventIndex u : reach[i - 1].elements())
            if (steps[i - 1].contains(u, at[i])) {
                at[i - 1] = u;
                break;
            }
    std::vector<ExplainEdge> out;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (at[i] != at[i + 1]) out.push_back({at[i], at[i + 1], names[i], "", true});
    return out;
}

/// The sub-expressions of an axiom and where their relations sit in the evaluated list.
struct Layout {
    const Parts& parts;
    const std::vector<Relation>& rels;
    std::vector<std::size_t> base;  // per operand: the index of its relation
    explicit Layout(const Parts& p, const std::vector<Relation>& r) : parts(p), rels(r) {
        std::size_t at = 2;
        for (std::size_t i = 0; i < p.operands.size(); ++i) {
            base.push_back(at);
            at += 1 + p.unfolded[i].size() + p.steps[i].size();
        }
    }
    const Relation& operand(std::size_t i) const { return rels[base[i]]; }
    const Relation& unfolded(std::size_t i, std::size_t j) const { return rels[base[i] + 1 + j]; }
    std::vector<Relation> steps(std::size_t i) const {
        const std::size_t from = base[i] + 1 + parts.unfolded[i].size();
        return {rels.begin() + static_cast<std::ptrdiff_t>(from),
                rels.begin() + static_cast<std::ptrdiff_t>(from + parts.steps[i].size())};
    }
};

/// The edges naming pair (a, b): the first operand holding it, by its definition's operand
/// when it is a derived union, or as the path through its steps when it is a sequence.
std::vector<ExplainEdge> labelPair(EventIndex a, EventIndex b, const Layout& l) {
    const auto& ops = l.parts.operands;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        if (!l.operand(i).contains(a, b)) continue;
        const std::string& name = l.parts.names[i];
        for (std::size_t j = 0; j < l.parts.unfolded[i].size(); ++j)
            if (l.unfolded(i, j).contains(a, b)) return {{a, b, exprText(l.parts.unfolded[i][j]), name, false}};
        if (!l.parts.steps[i].empty()) {
            std::vector<std::string> names;
            for (const auto& s : l.parts.steps[i]) names.push_back(exprText(s));
            auto path = stepPath(l.steps(i), names, a, b);
            for (auto& e : path) {
                e.via = name;
                e.step = true;
            }
            if (!path.empty()) return path;
        }
        return {{a, b, name, "", false}};
    }
    return {{a, b, exprText(l.parts.cycleRel), "", false}};
}

void labelViolation(const cat::Check& check, const Layout& l, Rejection& out) {
    if (check.negated) {
        out.shape = "holds";
        return;
    }
    std::vector<std::pair<EventIndex, EventIndex>> pairs;
    if (check.kind == cat::CheckKind::Acyclic) {
        out.shape = "cycle";
        if (auto c = shortestCycle(l.rels[1]))
            for (std::size_t i = 0; i < c->size(); ++i) pairs.push_back({(*c)[i], (*c)[(i + 1) % c->size()]});
    } else {
        out.shape = check.kind == cat::CheckKind::Irreflexive ? "reflexive" : "pair";
        l.rels[0].forEachPair([&](EventIndex a, EventIndex b) {
            if (pairs.empty() && (out.shape == "pair" || a == b)) pairs.push_back({a, b});
        });
    }
    // An irreflexive or empty check's pair is in the whole relation: split it as a sequence
    // when the relation is one, else by its operands.
    for (auto [a, b] : pairs)
        for (auto& e : labelPair(a, b, l)) out.cycle.push_back(std::move(e));
}

}  // namespace

std::optional<Rejection> explainRejection(const cat::Model& model, const Execution& exec, const std::string& axiom,
                                          Diagnostics& diags) {
    const auto k = topLevelAxiom(model, axiom);
    if (!k) return std::nullopt;
    const auto& stmt = model.statements[*k];
    const auto& check = std::get<cat::Check>(stmt.node);
    const Definitions defs(model, *k);
    const Parts parts = partsOf(check, defs);
    // The expressions evaluated: the whole checked relation, the cycle relation, operands,
    // each operand's unfolded operands and steps.
    std::vector<Expr> exprs{check.expr, parts.cycleRel};
    for (std::size_t i = 0; i < parts.operands.size(); ++i) {
        exprs.push_back(parts.operands[i]);
        exprs.insert(exprs.end(), parts.unfolded[i].begin(), parts.unfolded[i].end());
        exprs.insert(exprs.end(), parts.steps[i].begin(), parts.steps[i].end());
    }
    auto rels = evaluateInScope(model, *k, exprs, exec, diags);
    if (!rels) return std::nullopt;
    Rejection out;
    out.axiom = axiomSite(model, *k);
    out.execution = exec;
    labelViolation(check, Layout(parts, *rels), out);
    return out;
}

}  // namespace memlit::engine
