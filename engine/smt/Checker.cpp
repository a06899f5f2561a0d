#include "engine/smt/Checker.hpp"

#include "cat/Interpreter.hpp"
#include "engine/smt/Encoding.hpp"
#include "engine/Events.hpp"
#include "engine/smt/SymbolicDomain.hpp"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <tuple>

namespace memlit::engine::smt {

struct Checker::Impl {
    z3::context ctx;
};

Checker::Checker() : impl_(std::make_unique<Impl>()) {}

Checker::~Checker() = default;

namespace {

/// The final values of the observed places, normalized to their types: one expression per
/// register or scalar location, one per cell for a whole array.
struct Observed {
    std::vector<z3::expr> exprs;
    std::vector<std::size_t> first;  // per place, its first expression; then the end
    std::vector<litmus::ValueType> types;

    Observed(const litmus::LitmusTest& test, const std::vector<litmus::Place>& places, const EventGraph& g,
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
    /// `place i = v`, cell by cell (false when the shapes differ).
    z3::expr equals(z3::context& ctx, std::size_t i, const std::vector<std::int64_t>& v) const {
        if (v.size() != first[i + 1] - first[i]) return ctx.bool_val(false);
        z3::expr_vector ands(ctx);
        for (std::size_t k = 0; k < v.size(); ++k)
            ands.push_back(exprs[first[i] + k] == ctx.int_val(static_cast<int64_t>(v[k])));
        return z3::mk_and(ands);
    }
};

/// What the enumeration loops read from a satisfying assignment.
class Observer {
public:
    Observer(const EventGraph& g, const std::vector<litmus::Place>& places, const Observed& obs)
        : g_(g), places_(places), obs_(obs) {}

    litmus::State read(const z3::model& m) const {
        litmus::State s;
        for (std::size_t i = 0; i < places_.size(); ++i) {
            std::vector<std::int64_t> cells;
            for (std::size_t k = obs_.first[i]; k < obs_.first[i + 1]; ++k) {
                z3::expr v = m.eval(obs_.exprs[k], true);
                std::int64_t x = 0;
                if (!v.is_numeral_i64(x)) x = std::stoll(v.get_decimal_string(0));
                cells.push_back(x);
            }
            s.values.push_back(g_.observedValue(places_[i], obs_.types[i], cells));
        }
        return s;
    }

    z3::expr differs(z3::context& ctx, const litmus::State& s) const {
        z3::expr_vector ors(ctx);
        for (std::size_t i = 0; i < places_.size(); ++i) ors.push_back(!obs_.equals(ctx, i, g_.cellValues(s.values[i])));
        return ors.empty() ? ctx.bool_val(false) : z3::mk_or(ors);
    }

private:
    const EventGraph& g_;
    const std::vector<litmus::Place>& places_;
    const Observed& obs_;
};

z3::expr propExpr(z3::context& ctx, const litmus::Prop& p, const std::vector<litmus::Place>& places,
                  const Observed& obs, const EventGraph& g) {
    using PK = litmus::Prop::Kind;
    switch (p.kind) {
    case PK::True: return ctx.bool_val(true);
    case PK::False: return ctx.bool_val(false);
    case PK::Atom: {
        auto it = std::find(places.begin(), places.end(), p.place);
        MEMLIT_ASSERT(it != places.end(), "condition place is not observed");
        return obs.equals(ctx, static_cast<std::size_t>(it - places.begin()), g.cellValues(p.value));
    }
    case PK::Not: return !propExpr(ctx, p.args[0], places, obs, g);
    case PK::And: return propExpr(ctx, p.args[0], places, obs, g) && propExpr(ctx, p.args[1], places, obs, g);
    case PK::Or: return propExpr(ctx, p.args[0], places, obs, g) || propExpr(ctx, p.args[1], places, obs, g);
    case PK::Implies:
        return z3::implies(propExpr(ctx, p.args[0], places, obs, g), propExpr(ctx, p.args[1], places, obs, g));
    }
    return ctx.bool_val(false);
}

/// Blocks the current execution: some identifying literal must change.
z3::expr blockExecution(z3::context& ctx, const z3::model& m, const z3::expr_vector& lits) {
    z3::expr_vector ors(ctx);
    for (unsigned i = 0; i < lits.size(); ++i) {
        z3::expr v = m.eval(lits[i], true);
        ors.push_back(v.is_true() ? !lits[i] : lits[i]);
    }
    return ors.empty() ? ctx.bool_val(false) : z3::mk_or(ors);
}

EventSite siteOf(const litmus::LitmusTest& test, const Event& e) { return siteAt(test, e.thread, e.loc); }

/// The reportable halt sites (all but Unstarted), one per statement and reason: the unrolled
/// copies of one statement share theirs.
struct HaltGroups {
    std::vector<HaltSiteReport> reports;
    std::vector<z3::expr> fires;  // per report: some execution reaches it
    z3::expr any;                 // the execution halts somewhere

    HaltGroups(z3::context& ctx, const litmus::LitmusTest& test, const EventGraph& g, Encoding& enc)
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
};

/// Allowed executions that halt: for every reachable halt site, one execution reaching it
/// (unless an earlier one did), described by every site it reaches.
void haltOutcomes(z3::solver& solver, const HaltGroups& groups, CheckResult& result) {
    const std::size_t n = groups.reports.size();
    std::vector<bool> covered(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        if (covered[i]) continue;
        solver.push();
        solver.add(groups.fires[i]);
        z3::check_result r = solver.check();
        if (r == z3::unknown) result.unknown = true;
        if (r == z3::sat) {
            z3::model m = solver.get_model();
            std::vector<HaltSiteReport> sites;
            for (std::size_t k = 0; k < n; ++k)
                if (k == i || m.eval(groups.fires[k], true).is_true()) {
                    covered[k] = true;
                    sites.push_back(groups.reports[k]);
                }
            result.halts.push_back(haltOutcome(std::move(sites)));
        }
        solver.pop();
    }
}

/// The pairs of a firing flag's relation that some allowed execution relates, one question
/// per statically possible pair; pairs with the same two source sites are reported once,
/// with the final state of an execution relating them (one that does not halt, if any does).
void flagPairs(z3::context& ctx, z3::solver& solver, const litmus::LitmusTest& test, const EventGraph& g,
               const std::string& name, const SymRel& rel, const Observer& observer, const z3::expr& halts,
               CheckResult& result) {
    const std::size_t n = g.size();
    std::set<std::pair<EventSite, EventSite>> seen;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            if (!rel.may.contains(i, j) && !rel.may.contains(j, i)) continue;
            EventSite a = siteOf(test, g.events[i]), b = siteOf(test, g.events[j]);
            if (b < a) std::swap(a, b);
            if (seen.count({a, b})) continue;
            z3::expr_vector either(ctx);
            if (rel.may.contains(i, j)) either.push_back(rel.cell[i * n + j]);
            if (rel.may.contains(j, i)) either.push_back(rel.cell[j * n + i]);
            solver.push();
            solver.add(z3::mk_or(either));
            z3::check_result r = solver.check();
            std::optional<litmus::State> witness;
            if (r == z3::sat) {
                z3::model m = solver.get_model();
                if (!m.eval(halts, true).is_true()) {
                    witness = observer.read(m);
                } else {
                    solver.push();
                    solver.add(!halts);
                    if (solver.check() == z3::sat) witness = observer.read(solver.get_model());
                    solver.pop();
                }
            }
            solver.pop();
            if (r == z3::unknown) result.unknown = true;
            if (r != z3::sat) continue;
            seen.insert({a, b});
            result.flagPairs.push_back({name, a, b, witness});
        }
    std::sort(result.flagPairs.begin(), result.flagPairs.end(), [](const FlagPair& x, const FlagPair& y) {
        return std::tie(x.flag, x.a, x.b) < std::tie(y.flag, y.a, y.b);
    });
}

}  // namespace

std::optional<CheckResult> Checker::check(const litmus::LitmusTest& test, const cat::Model& model,
                                          const CheckOptions& options, Diagnostics& diags) {
    z3::context& ctx = impl_->ctx;
    try {
        auto graph = buildEvents(test, diags);
        if (!graph) return std::nullopt;
        const EventGraph& g = *graph;

        Encoding enc(ctx, g);
        SymbolicDomain domain(ctx, enc.base());
        auto checks = cat::interpret(model, domain, diags);
        if (!checks) return std::nullopt;

        CheckResult result;
        result.places = litmus::observedPlaces(test);
        const Observed obsExprs(test, result.places, g, enc);
        Observer observer(g, result.places, obsExprs);

        z3::solver solver(ctx, z3::solver::simple());
        if (options.timeoutMs > 0) {
            z3::params params(ctx);
            params.set("timeout", options.timeoutMs);
            solver.set(params);
        }
        for (unsigned i = 0; i < enc.constraints().size(); ++i) solver.add(enc.constraints()[i]);
        std::vector<std::pair<std::string, z3::expr>> flags;
        std::vector<std::pair<std::string, const SymRel*>> flagRels;
        for (const auto& c : *checks) {
            if (c.isFlag) {
                flags.emplace_back(c.name, c.holds);
                result.declaredFlags.push_back(c.name);
                if (c.rel) flagRels.emplace_back(c.name, &*c.rel);
            } else {
                solver.add(c.holds);
            }
        }
        if (test.filter) solver.add(propExpr(ctx, *test.filter, result.places, obsExprs, g));
        const z3::expr condition = propExpr(ctx, test.condition.prop, result.places, obsExprs, g);

        // Flags first: each is one satisfiability question on the consistent executions.
        for (const auto& [name, holds] : flags) {
            solver.push();
            solver.add(holds);
            z3::check_result r = solver.check();
            solver.pop();
            if (r == z3::sat) result.flags.push_back(name);
            else if (r == z3::unknown) result.unknown = true;
        }
        const HaltGroups halts(ctx, test, g, enc);
        for (const auto& [name, rel] : flagRels)
            if (std::find(result.flags.begin(), result.flags.end(), name) != result.flags.end())
                flagPairs(ctx, solver, test, g, name, *rel, observer, halts.any, result);

        // Executions that block, panic or run out of loop rounds; then only those that end.
        haltOutcomes(solver, halts, result);
        solver.add(!halts.any);

        // Executions, one at a time, while counting (herd's witnesses); then, past the cap or
        // the time budget, only new final states: the states stay exact, the counts do not.
        auto addState = [&](const litmus::State& s) {
            if (std::find(result.states.begin(), result.states.end(), s) == result.states.end())
                result.states.push_back(s);
        };
        std::uint64_t executions = 0;
        const auto countStart = std::chrono::steady_clock::now();
        auto overBudget = [&] {
            if (executions >= options.maxExecutions) return true;
            if (options.countSeconds <= 0 || executions % 16 != 0) return false;
            std::chrono::duration<double> spent = std::chrono::steady_clock::now() - countStart;
            return spent.count() > options.countSeconds;
        };
        bool capped = false;
        solver.push();
        for (;;) {
            if (overBudget()) {
                capped = true;
                break;
            }
            z3::check_result r = solver.check();
            if (r == z3::unsat) break;
            if (r == z3::unknown) { result.unknown = true; break; }
            z3::model m = solver.get_model();
            litmus::State s = observer.read(m);
            addState(s);
            if (m.eval(condition, true).is_true()) ++result.positive;
            else ++result.negative;
            ++executions;
            solver.add(blockExecution(ctx, m, enc.executionLiterals()));
        }
        solver.pop();
        if (capped && !result.unknown) {
            result.countsExact = false;
            for (const auto& s : result.states) solver.add(observer.differs(ctx, s));
            for (;;) {
                z3::check_result r = solver.check();
                if (r == z3::unsat) break;
                if (r == z3::unknown) { result.unknown = true; break; }
                litmus::State s = observer.read(solver.get_model());
                addState(s);
                solver.add(observer.differs(ctx, s));
            }
        }
        std::sort(result.states.begin(), result.states.end(), litmus::stateLess);

        std::size_t sat = 0;
        for (const auto& s : result.states)
            if (litmus::evalProp(test.condition.prop, result.places, s)) ++sat;
        switch (test.condition.quantifier) {
        case litmus::Condition::Quantifier::Exists: result.ok = sat > 0; break;
        case litmus::Condition::Quantifier::NotExists: result.ok = sat == 0; break;
        case litmus::Condition::Quantifier::Forall: result.ok = sat == result.states.size(); break;
        }
        return result;
    } catch (const z3::exception& e) {
        throw InternalError(std::string("Z3: ") + e.msg());
    }
}

}  // namespace memlit::engine::smt
