#include "engine/smt/Outcomes.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <tuple>

namespace memlit::engine::smt {

namespace {

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

void addState(CheckResult& result, const litmus::State& s) {
    if (std::find(result.states.begin(), result.states.end(), s) == result.states.end()) result.states.push_back(s);
}

/// The final state of an allowed execution relating the pair (one of `either`), preferring one
/// that does not halt; nullopt when every such execution halts. Sets `r` to the first answer.
/// (The disjunction is built after the push and dropped at once, as Z3's reuse of freed term
/// ids, and so the models it finds, depend on when terms are created and freed.)
std::optional<litmus::State> pairWitness(Problem& pb, const z3::expr_vector& either, const z3::expr& halts,
                                         z3::check_result& r) {
    std::optional<litmus::State> witness;
    pb.solver.push();
    pb.solver.add(z3::mk_or(either));
    r = pb.check();
    if (r == z3::sat) {
        z3::model m = pb.solver.get_model();
        if (!m.eval(halts, true).is_true()) {
            witness = pb.observer.read(m);
        } else {
            pb.solver.push();
            pb.solver.add(!halts);
            if (pb.check() == z3::sat) witness = pb.observer.read(pb.solver.get_model());
            pb.solver.pop();
        }
    }
    pb.solver.pop();
    return witness;
}

/// Past the execution cap: the remaining final states, one question each.
void remainingStates(Problem& pb, CheckResult& result) {
    for (const auto& s : result.states) pb.solver.add(pb.observer.differs(pb.ctx, s));
    for (;;) {
        z3::check_result r = pb.check();
        if (r == z3::unsat) break;
        if (r == z3::unknown) { result.unknown = true; break; }
        litmus::State s = pb.observer.read(pb.solver.get_model());
        addState(result, s);
        pb.solver.add(pb.observer.differs(pb.ctx, s));
    }
}

}  // namespace

// The questions asked of a fresh problem are checks under assumptions, not push/add/check/pop:
// Z3's push internalizes every assertion and cannot be interrupted there, so a large formula's
// first push could overrun --timeout by many seconds (10 s past a 2 s budget on an LKMM test);
// a check honours the budget while it internalizes.
void firingFlags(Problem& pb, const std::vector<std::pair<std::string, z3::expr>>& flags, CheckResult& result) {
    for (const auto& [name, holds] : flags) {
        z3::expr_vector assume(pb.ctx);
        assume.push_back(holds);
        z3::check_result r = pb.check(assume);
        if (r == z3::sat) result.flags.push_back(name);
        else if (r == z3::unknown) result.unknown = true;
    }
}

void flagPairs(Problem& pb, const std::string& name, const SymRel& rel, const z3::expr& halts, CheckResult& result) {
    const std::size_t n = pb.g.size();
    const litmus::LitmusTest& test = pb.prepared.test;
    std::set<std::pair<EventSite, EventSite>> seen;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            if (!rel.may.contains(i, j) && !rel.may.contains(j, i)) continue;
            EventSite a = siteOf(test, pb.g.events[i]), b = siteOf(test, pb.g.events[j]);
            if (b < a) std::swap(a, b);
            if (seen.count({a, b})) continue;
            z3::expr_vector either(pb.ctx);
            if (rel.may.contains(i, j)) either.push_back(rel.cell[i * n + j]);
            if (rel.may.contains(j, i)) either.push_back(rel.cell[j * n + i]);
            z3::check_result r = z3::unknown;
            std::optional<litmus::State> witness = pairWitness(pb, either, halts, r);
            if (r == z3::unknown) result.unknown = true;
            if (r != z3::sat) continue;
            seen.insert({a, b});
            result.flagPairs.push_back({name, a, b, witness});
        }
    std::sort(result.flagPairs.begin(), result.flagPairs.end(), [](const FlagPair& x, const FlagPair& y) {
        return std::tie(x.flag, x.a, x.b) < std::tie(y.flag, y.a, y.b);
    });
}

void haltOutcomes(Problem& pb, const HaltGroups& groups, CheckResult& result) {
    const std::size_t n = groups.reports.size();
    std::vector<bool> covered(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        if (covered[i]) continue;
        z3::expr_vector assume(pb.ctx);
        assume.push_back(groups.fires[i]);
        z3::check_result r = pb.check(assume);
        if (r == z3::unknown) result.unknown = true;
        if (r == z3::sat) {
            z3::model m = pb.solver.get_model();
            std::vector<HaltSiteReport> sites;
            for (std::size_t k = 0; k < n; ++k)
                if (k == i || m.eval(groups.fires[k], true).is_true()) {
                    covered[k] = true;
                    sites.push_back(groups.reports[k]);
                }
            result.halts.push_back(haltOutcome(std::move(sites)));
        }
    }
    // In site order, as the enumerator gives them: not in the order Z3's models came.
    std::sort(result.halts.begin(), result.halts.end(),
              [](const HaltOutcome& a, const HaltOutcome& b) { return a.sites < b.sites; });
}

void endStates(Problem& pb, const z3::expr& condition, const CheckOptions& options, CheckResult& result) {
    std::uint64_t executions = 0;
    const auto countStart = std::chrono::steady_clock::now();
    auto overBudget = [&] {
        if (executions >= options.maxExecutions) return true;
        if (options.countSeconds <= 0 || executions % 16 != 0) return false;
        std::chrono::duration<double> spent = std::chrono::steady_clock::now() - countStart;
        return spent.count() > options.countSeconds;
    };
    bool capped = false;
    bool pushed = false;  // the blocking clauses go in a scope opened after the first check
    for (;;) {
        if (overBudget()) {
            capped = true;
            break;
        }
        z3::check_result r = pb.check();
        if (r == z3::unsat) break;
        if (r == z3::unknown) { result.unknown = true; break; }
        z3::model m = pb.solver.get_model();
        addState(result, pb.observer.read(m));
        if (m.eval(condition, true).is_true()) ++result.positive;
        else ++result.negative;
        ++executions;
        if (!pushed) pb.solver.push();
        pushed = true;
        pb.solver.add(blockExecution(pb.ctx, m, pb.enc.executionLiterals()));
    }
    if (pushed) pb.solver.pop();
    if (capped && !result.unknown) {
        result.countsExact = false;
        remainingStates(pb, result);
    }
}

}  // namespace memlit::engine::smt
