// The model relations that matter in a witness execution: what each axiom (and flag) of the
// model is made of — its relation's union operands, a closure opened, a derived operand
// unfolded one level, a sequence's named steps — evaluated on the execution, filtered so
// that a picture stays readable (docs/cli.md, "explain").

#include "engine/Explain.hpp"
#include "engine/ExplainExpr.hpp"

#include "cat/Ast.hpp"

#include <algorithm>

namespace memlit::engine {

namespace {

using cat::Expr;

constexpr std::size_t kMaxModelEdges = 24;

/// One relation to draw: `relation` as the model spells it, `via` the axiom's operand it
/// unfolds ("" when it is the operand), `parts` the other leaves of the same operand whose
/// pairs it does not repeat (a derived operand stands for the pairs its named parts miss).
struct Leaf {
    std::string relation, via;
    std::size_t expr = 0;           // its index in the evaluated expressions
    std::vector<std::size_t> parts;
    bool base = false;              // drawn anyway (drawnAnyway)
};

bool named(const Expr& e) { return e.op == Expr::Op::Name || e.op == Expr::Op::Call; }

/// The operands of check `c`'s relation, as engine/ExplainCycle.cpp names a cycle's edges.
std::vector<Expr> checkOperands(const cat::Check& c, const Definitions& defs) {
    const bool acyclic = c.kind == cat::CheckKind::Acyclic;
    const Expr* def = named(c.expr) ? defs.body(c.expr) : nullptr;
    const Expr& whole = def && (def->op == Expr::Op::Union || (acyclic && isClosure(*def))) ? *def : c.expr;
    std::vector<Expr> out;
    for (auto& o : unionOperands(whole)) {
        if (!isClosure(o)) out.push_back(std::move(o));
        else
            for (auto& x : unionOperands(o.args[0])) out.push_back(std::move(x));
    }
    return out;
}

bool drawnAnyway(const Expr& e, const Definitions& defs, int depth = 0);

/// The leaves of check `c`, their expressions appended to `exprs`.
std::vector<Leaf> leavesOf(const cat::Check& c, const Definitions& defs, std::vector<Expr>& exprs) {
    std::vector<Leaf> out;
    auto add = [&](const Expr& e, const std::string& via) {
        exprs.push_back(e);
        out.push_back({exprText(e), via, exprs.size() - 1, {}, drawnAnyway(e, defs)});
    };
    for (const auto& o : checkOperands(c, defs)) {
        const auto steps = seqSteps(o);
        if (!steps.empty()) {
            for (const auto& s : steps)
                if (named(s)) add(s, "");
            continue;
        }
        if (!named(o)) continue;
        const Expr* b = defs.body(o);
        std::vector<std::size_t> parts;
        if (b && b->op == Expr::Op::Union)
            for (const auto& p : unionOperands(*b))
                if (named(p)) {
                    add(p, exprText(o));
                    parts.push_back(exprs.size() - 1);
                }
        add(o, "");
        out.back().parts = std::move(parts);
    }
    return out;
}

/// What a picture draws anyway: po, rf, co, fr and their internal, external and
/// same-location parts, by name or through definitions (`let mo = co`, `let com = rf | co | fr`).
bool drawnAnyway(const Expr& e, const Definitions& defs, int depth) {
    static const std::vector<std::string> base{"po", "po-loc", "rf", "rfe", "rfi", "co",
                                               "coe", "coi", "fr", "fre", "fri"};
    if (depth > 8) return false;
    if (e.op == Expr::Op::Union)
        return std::all_of(e.args.begin(), e.args.end(), [&](const Expr& a) { return drawnAnyway(a, defs, depth + 1); });
    if (e.op != Expr::Op::Name) return false;
    if (std::find(base.begin(), base.end(), e.name) != base.end()) return true;
    const Expr* b = defs.body(e);
    return b && drawnAnyway(*b, defs, depth + 1);
}

/// The pairs of `r` a picture shows: no initial write, no event to itself, not a pair through
/// a third event of `r` (its transitive reduction), one direction of a symmetric pair, and
/// no po pair unless `r` lies within po (then the pairs are the point: ppo, bob, dob).
std::vector<std::pair<EventIndex, EventIndex>> shownPairs(const Relation& r, const Execution& x, const Relation& po) {
    const bool withinPo = (r - po).isEmpty();
    std::vector<std::pair<EventIndex, EventIndex>> out;
    r.forEachPair([&](EventIndex a, EventIndex b) {
        if (a == b || x.events[a].id.thread < 0 || x.events[b].id.thread < 0) return;
        if (!withinPo && po.contains(a, b)) return;
        if (r.contains(b, a) && b < a) return;
        for (EventIndex c = 0; c < r.size(); ++c)
            if (c != a && c != b && r.contains(a, c) && r.contains(c, b)) return;
        out.push_back({a, b});
    });
    return out;
}

}  // namespace

std::vector<ExplainEdge> modelEdges(const cat::Model& model, const Execution& x, const std::vector<std::string>& skipChecks) {
    std::vector<ExplainEdge> out;
    const Relation po = x.relation("po");
    for (std::size_t k = 0; k < model.statements.size() && out.size() < kMaxModelEdges; ++k) {
        const auto* c = std::get_if<cat::Check>(&model.statements[k].node);
        if (!c || (c->negated && !c->isFlag) || std::find(skipChecks.begin(), skipChecks.end(), c->name) != skipChecks.end()) continue;
        std::vector<Expr> exprs;
        const Definitions defs(model, k);
        const std::vector<Leaf> leaves = leavesOf(*c, defs, exprs);
        if (leaves.empty()) continue;
        Diagnostics local;  // a part that does not evaluate is left out, not an error
        auto rels = evaluateInScope(model, k, exprs, x, local);
        if (!rels) continue;
        for (const auto& leaf : leaves) {
            Relation r = (*rels)[leaf.expr];
            for (std::size_t p : leaf.parts) r -= (*rels)[p];
            if (leaf.base || r.isEmpty()) continue;
            for (const auto& pair : shownPairs(r, x, po)) {
                const auto a = pair.first, b = pair.second;  // clang 14 cannot capture a structured binding
                const bool drawn = std::any_of(out.begin(), out.end(), [&](const ExplainEdge& e) { return e.from == a && e.to == b; });
                if (!drawn && out.size() < kMaxModelEdges) out.push_back({a, b, leaf.relation, leaf.via, false});
            }
        }
    }
    return out;
}

}  // namespace memlit::engine
