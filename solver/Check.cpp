#include "solver/Check.hpp"

#include "models/Interpreter.hpp"
#include "solver/Encoding.hpp"
#include "solver/Events.hpp"
#include "solver/SymbolicDomain.hpp"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <set>

namespace memlit::solver {

struct Checker::Impl {
    z3::context ctx;
};

Checker::Checker() : impl_(std::make_unique<Impl>()) {}
Checker::~Checker() = default;

namespace {

/// What the enumeration loops read from a satisfying assignment.
class Observer {
public:
    Observer(const EventGraph& g, z3::expr_vector exprs) : g_(g), exprs_(std::move(exprs)) {}

    litmus::State read(const z3::model& m) const {
        litmus::State s;
        for (unsigned i = 0; i < exprs_.size(); ++i) {
            z3::expr v = m.eval(exprs_[i], true);
            std::int64_t x = 0;
            if (!v.is_numeral_i64(x)) x = std::stoll(v.get_decimal_string(0));
            if (auto name = g_.locationAt(x)) s.values.push_back(litmus::Value::address(*name));
            else s.values.push_back(litmus::Value::number(x));
        }
        return s;
    }

    z3::expr differs(z3::context& ctx, const litmus::State& s) const {
        z3::expr_vector ors(ctx);
        for (unsigned i = 0; i < exprs_.size(); ++i) {
            const auto& v = s.values[i];
            std::int64_t x = v.isSym() ? g_.address.at(v.sym) : v.num;
            ors.push_back(exprs_[i] != ctx.int_val(static_cast<int64_t>(x)));
        }
        return ors.empty() ? ctx.bool_val(false) : z3::mk_or(ors);
    }

private:
    const EventGraph& g_;
    z3::expr_vector exprs_;
};

z3::expr propExpr(z3::context& ctx, const litmus::Prop& p, const std::vector<litmus::Place>& places,
                  const z3::expr_vector& obs, const EventGraph& g) {
    using PK = litmus::Prop::Kind;
    switch (p.kind) {
    case PK::True: return ctx.bool_val(true);
    case PK::False: return ctx.bool_val(false);
    case PK::Atom: {
        auto it = std::find(places.begin(), places.end(), p.place);
        MEMLIT_ASSERT(it != places.end(), "condition place is not observed");
        std::int64_t x = p.value.isSym() ? g.address.at(p.value.sym) : p.value.num;
        return obs[static_cast<unsigned>(it - places.begin())] == ctx.int_val(static_cast<int64_t>(x));
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
        z3::expr_vector obsExprs(ctx);
        for (const auto& p : result.places)
            obsExprs.push_back(p.isRegister() ? enc.translate(g.registerTerm(p)) : enc.finalLocation(p.name));
        Observer observer(g, obsExprs);

        z3::solver solver(ctx, z3::solver::simple());
        if (options.timeoutMs > 0) {
            z3::params params(ctx);
            params.set("timeout", options.timeoutMs);
            solver.set(params);
        }
        for (unsigned i = 0; i < enc.constraints().size(); ++i) solver.add(enc.constraints()[i]);
        std::vector<std::pair<std::string, z3::expr>> flags;
        for (const auto& c : *checks) {
            if (c.isFlag) flags.emplace_back(c.name, c.holds);
            else solver.add(c.holds);
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

}  // namespace memlit::solver
