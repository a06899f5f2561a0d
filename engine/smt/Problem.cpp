#include "engine/smt/Problem.hpp"

#include "engine/Axioms.hpp"

#include <algorithm>

namespace memlit::engine::smt {

Observed::Observed(const litmus::LitmusTest& test, const std::vector<litmus::Place>& places, const EventGraph& g,
                   Encoding& enc) {
    for (const auto& p : places) {
        first.push_back(exprs.size());
        types.push_back(litmus::placeType(test, p));
        if (p.isRegister()) exprs.push_back(enc.normalize(enc.translate(g.registerTerm(p)), types.back()));
        else
            for (const auto& cell : g.cellsOf(p))
                exprs.push_back(enc.normalize(enc.finalLocation(cell), types.back()));
    }
    first.push_back(exprs.size());
}

z3::expr Observed::equals(z3::context& ctx, std::size_t i, const std::vector<std::int64_t>& v) const {
    if (v.size() != first[i + 1] - first[i]) return ctx.bool_val(false);
    z3::expr_vector ands(ctx);
    for (std::size_t k = 0; k < v.size(); ++k)
        ands.push_back(exprs[first[i] + k] == ctx.int_val(static_cast<int64_t>(v[k])));
    return z3::mk_and(ands);
}

z3::expr Observed::same(z3::context& ctx, std::size_t i, std::size_t j) const {
    const std::size_t n = first[i + 1] - first[i];
    if (n != first[j + 1] - first[j]) return ctx.bool_val(false);
    z3::expr_vector ands(ctx);
    for (std::size_t k = 0; k < n; ++k) ands.push_back(exprs[first[i] + k] == exprs[first[j] + k]);
    return z3::mk_and(ands);
}

std::int64_t intValue(const z3::model& m, const z3::expr& e) {
    z3::expr v = m.eval(e, true);
    std::int64_t x = 0;
    if (v.is_numeral_i64(x)) return x;
    // A value outside int64 (an integer term the encoding did not wrap) is read modulo 2^64,
    // two's complement, as the machine holds it: never an exception on a big numeral.
    const std::string digits = v.get_decimal_string(0);
    std::uint64_t bits = 0;
    const bool negative = !digits.empty() && digits[0] == '-';
    for (char c : digits)
        if (c >= '0' && c <= '9') bits = bits * 10 + static_cast<std::uint64_t>(c - '0');
    return static_cast<std::int64_t>(negative ? ~bits + 1 : bits);
}

litmus::State Observer::read(const z3::model& m) const {
    litmus::State s;
    for (std::size_t i = 0; i < places_.size(); ++i) {
        std::vector<std::int64_t> cells;
        for (std::size_t k = obs_.first[i]; k < obs_.first[i + 1]; ++k) cells.push_back(intValue(m, obs_.exprs[k]));
        s.values.push_back(g_.observedValue(places_[i], obs_.types[i], cells));
    }
    return s;
}

z3::expr Observer::differs(z3::context& ctx, const litmus::State& s) const {
    z3::expr_vector ors(ctx);
    // A state may give only the shown places (a prefix): the filter's own are then free.
    for (std::size_t i = 0; i < s.values.size() && i < places_.size(); ++i)
        ors.push_back(!obs_.equals(ctx, i, g_.cellValues(s.values[i])));
    return ors.empty() ? ctx.bool_val(false) : z3::mk_or(ors);
}

z3::expr Observer::equals(z3::context& ctx, const litmus::State& s) const {
    MEMLIT_ASSERT(s.values.size() <= places_.size(), "a state with a value per observed place");
    return !differs(ctx, s);
}

z3::expr propExpr(z3::context& ctx, const litmus::Prop& p, const std::vector<litmus::Place>& places,
                  const Observed& obs, const EventGraph& g) {
    using PK = litmus::Prop::Kind;
    switch (p.kind) {
    case PK::True: return ctx.bool_val(true);
    case PK::False: return ctx.bool_val(false);
    case PK::Atom: {
        auto index = [&](const litmus::Place& place) {
            auto it = std::find(places.begin(), places.end(), place);
            MEMLIT_ASSERT(it != places.end(), "condition place is not observed");
            return static_cast<std::size_t>(it - places.begin());
        };
        if (p.other) return obs.same(ctx, index(p.place), index(*p.other));
        return obs.equals(ctx, index(p.place), g.cellValues(p.value));
    }
    case PK::Not: return !propExpr(ctx, p.args[0], places, obs, g);
    case PK::And: return propExpr(ctx, p.args[0], places, obs, g) && propExpr(ctx, p.args[1], places, obs, g);
    case PK::Or: return propExpr(ctx, p.args[0], places, obs, g) || propExpr(ctx, p.args[1], places, obs, g);
    case PK::Implies:
        return z3::implies(propExpr(ctx, p.args[0], places, obs, g), propExpr(ctx, p.args[1], places, obs, g));
    }
    return ctx.bool_val(false);
}

HaltGroups::HaltGroups(z3::context& ctx, const litmus::LitmusTest& test, const EventGraph& g, Encoding& enc)
    : any(ctx.bool_val(false)) {
    for (const auto& h : g.halts) {
        if (h.kind == litmus::Halt::Kind::Unstarted) continue;
        HaltSiteReport r{h.kind, siteAt(test, h.thread, h.loc), h.what};
        auto it = std::find(reports.begin(), reports.end(), r);
        const std::size_t i = static_cast<std::size_t>(it - reports.begin());
        if (it == reports.end()) {
            reports.push_back(r);
            fires.push_back(ctx.bool_val(false));
        }
        const z3::expr reached = enc.halted(h);
        fires[i] = fires[i] || reached;
        any = any || reached;
    }
}

Problem::Problem(z3::context& c, const PreparedTest& test, const cat::Model& model, const Budget& b,
                 Diagnostics& diags)
    : ctx(c), budget(b), prepared(test), g(test.graph), enc(c, test.graph), domain(c, enc.base(), budget),
      checks(cat::interpret(model, domain, diags)), observed(test.test, test.places, test.graph, enc),
      observer(test.graph, test.places, observed), solver(c, z3::solver::simple()) {}

std::unique_ptr<Problem> Problem::make(z3::context& ctx, const PreparedTest& test, const cat::Model& model,
                                       AxiomMode mode, const std::vector<std::string>& skip,
                                       const Budget& budget, Diagnostics& diags) {
    budget.check();
    auto pb = std::make_unique<Problem>(ctx, test, model, budget, diags);
    if (!pb->checks) return nullptr;
    pb->budget.check();
    for (unsigned i = 0; i < pb->enc.constraints().size(); ++i) pb->solver.add(pb->enc.constraints()[i]);
    pb->addAxioms(mode, skip);
    if (test.test.filter) pb->solver.add(propExpr(ctx, *test.test.filter, test.places, pb->observed, pb->g));
    return pb;
}

void Problem::limitTime() {
    budget.check();
    z3::params params(ctx);
    // Z3 would take SIGINT for itself during a call (the call gives up, and memlit never sees
    // the signal): Ctrl-C stops `memlit check` and reaches `memlit run`'s handler instead.
    params.set("ctrl_c", false);
    if (auto ms = budget.remainingMs()) params.set("timeout", *ms);
    solver.set(params);
}

z3::check_result Problem::check() {
    limitTime();
    const z3::check_result r = solver.check();
    if (r == z3::unknown) budget.check();  // the time limit ended the call
    return r;
}

z3::check_result Problem::check(const z3::expr_vector& assumptions) {
    limitTime();
    const z3::check_result r = solver.check(assumptions);
    if (r == z3::unknown) budget.check();
    return r;
}

void Problem::addAxioms(AxiomMode mode, const std::vector<std::string>& skip) {
    for (const auto& c : *checks) {
        if (c.isFlag) continue;
        if (mode == AxiomMode::Asserted) {
            if (!isNamed(skip, c.name)) solver.add(c.holds);
            continue;
        }
        auto it = std::find_if(guards.begin(), guards.end(), [&](const AxiomGuard& a) { return a.name == c.name; });
        if (it == guards.end()) it = guards.insert(guards.end(), {c.name, ctx.bool_const(("axiom:" + c.name).c_str())});
        solver.add(z3::implies(it->literal, c.holds));
    }
}

z3::expr_vector Problem::guardsExcept(const std::vector<std::string>& ignored) const {
    z3::expr_vector out(ctx);
    for (const auto& a : guards)
        if (!isNamed(ignored, a.name)) out.push_back(a.literal);
    return out;
}

Execution Problem::execution(const z3::model& m) const {
    const SymbolicBase& base = enc.base();
    Execution x;
    std::vector<int> dense(base.n, -1);
    for (std::size_t i = 0; i < base.n; ++i) {
        if (!m.eval(base.exec[i], true).is_true()) continue;
        dense[i] = static_cast<int>(x.events.size());
        const bool addressed = g.events[i].hasAddress(), memory = g.events[i].isMemory();
        x.events.push_back(executionEvent(prepared, i, addressed ? intValue(m, enc.address(i)) : 0,
                                          memory ? intValue(m, enc.value(i)) : 0));
    }
    const std::size_t n = x.events.size();
    x.base.size = n;
    auto d = [&](std::size_t i) { return static_cast<std::size_t>(dense[i]); };
    auto set = [&](const SymSet& sym) {
        EventSet s(n);
        for (auto i : sym.may.elements())
            if (dense[i] >= 0 && m.eval(sym.cell[i], true).is_true()) s.insert(d(i));
        return s;
    };
    for (cat::BaseSet b : cat::allBaseSets()) x.base.sets.base(b) = set(base.sets[static_cast<std::size_t>(b)]);
    for (const auto& [tag, sym] : base.tags) x.base.sets[tag] = set(sym);
    for (cat::BaseRel b : cat::allBaseRels()) {
        const SymRel& rel = base.rels[static_cast<std::size_t>(b)];
        Relation r(n);
        rel.may.forEachPair([&](std::size_t i, std::size_t j) {
            if (dense[i] >= 0 && dense[j] >= 0 && m.eval(rel.cell[i * base.n + j], true).is_true()) r.set(d(i), d(j));
        });
        x.base.rels.base(b) = std::move(r);
    }
    x.state = observer.read(m);
    return x;
}

}  // namespace memlit::engine::smt
