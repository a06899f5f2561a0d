#include "engine/smt/Z3Engine.hpp"

#include "engine/smt/ContextReaper.hpp"
#include "engine/smt/Outcomes.hpp"
#include "engine/smt/Problem.hpp"
#include "engine/smt/Watchdog.hpp"
#include "litmus/Verdict.hpp"

#include <z3++.h>

#include <algorithm>

namespace memlit::engine::smt {

/// Owns the context's lifetime: one context, created on first use, kept across the calls of
/// one engine, and dropped when a watchdog cancelled it.
struct Z3Engine::Impl {
    ContextReaper* reaper = nullptr;
    std::unique_ptr<z3::context> ctx;

    z3::context& context() {
        if (!ctx) ctx = std::make_unique<z3::context>();
        return *ctx;
    }

    /// Runs `f(context)` under a watchdog for `budget`. An interrupted context stays
    /// cancelled, so once `f` is done with it (everything `f` built on it is gone) it is
    /// dropped, on the reaper's thread when there is one, and the next call makes a fresh one.
    template <class F>
    auto watched(const Budget& budget, F&& f) -> decltype(f(context())) {
        Watchdog dog(context(), budget);
        struct Drop {
            Impl& impl;
            Watchdog& dog;
            ~Drop() {
                dog.stop();
                if (!dog.fired()) return;
                if (impl.reaper) impl.reaper->retire(std::move(impl.ctx));
                impl.ctx.reset();
            }
        } drop{*this, dog};
        return f(*ctx);
    }
};

Z3Engine::Z3Engine(ContextReaper* reaper) : impl_(std::make_unique<Impl>()) {
    impl_->reaper = reaper;
}

Z3Engine::~Z3Engine() = default;

bool Z3Engine::freeingContexts() {
    return ContextReaper::freeing();
}

namespace {

/// Runs `f`, turning Z3's exceptions into internal errors: a formula Z3 rejects is our bug,
/// unless the budget ran out or was stopped (the watchdog's interrupt makes Z3 throw "canceled").
template <class F>
auto guarded(const Budget& budget, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const z3::exception& e) {
        if (budget.stopped()) throw BudgetExceeded(BudgetExceeded::Kind::Stopped);
        if (budget.expired()) throw BudgetExceeded(BudgetExceeded::Kind::Time);
        throw InternalError(std::string("Z3: ") + e.msg());
    }
}

std::optional<CheckResult> checkProblem(Problem& pb, const CheckOptions& options) {
    CheckResult result;
    result.places = pb.prepared.places;
    std::vector<std::pair<std::string, z3::expr>> flags;
    std::vector<std::pair<std::string, const SymRel*>> flagRels;
    for (const auto& c : *pb.checks) {
        if (!c.isFlag) continue;
        flags.emplace_back(c.name, c.holds);
        result.declaredFlags.push_back(c.name);
        if (c.rel) flagRels.emplace_back(c.name, &*c.rel);
    }
    const litmus::LitmusTest& test = pb.prepared.test;
    const z3::expr condition = propExpr(pb.ctx, test.condition.prop, pb.prepared.places, pb.observed, pb.g);

    firingFlags(pb, flags, result);
    const HaltGroups halts(pb.ctx, test, pb.g, pb.enc);
    for (const auto& [name, rel] : flagRels)
        if (std::find(result.flags.begin(), result.flags.end(), name) != result.flags.end())
            flagPairs(pb, name, *rel, halts.any, result);

    // Executions that block, panic or run out of loop rounds; then only those that end.
    haltOutcomes(pb, halts, result);
    pb.solver.add(!halts.any);
    endStates(pb, condition, options, result);
    std::sort(result.states.begin(), result.states.end(), litmus::stateLess);
    result.ok = litmus::conditionHolds(test.condition, pb.prepared.places, result.states);
    keepShownPlaces(pb.prepared, result);
    return result;
}

/// Restricts the problem to executions that end in `state`.
void endIn(Problem& pb, const litmus::State& state) {
    const HaltGroups halts(pb.ctx, pb.prepared.test, pb.g, pb.enc);
    pb.solver.add(!halts.any);
    pb.solver.add(pb.observer.equals(pb.ctx, state));
}

/// The guards, of those `core` keeps, that together still forbid the outcome, dropping each
/// one whose removal keeps the problem unsatisfiable (so every guard left is needed).
std::vector<std::string> minimalCore(Problem& pb, z3::expr_vector core) {
    for (unsigned i = 0; i < core.size();) {
        z3::expr_vector rest(pb.ctx);
        for (unsigned k = 0; k < core.size(); ++k)
            if (k != i) rest.push_back(core[k]);
        if (pb.check(rest) == z3::unsat) core = rest;
        else ++i;
    }
    std::vector<std::string> names;
    for (const auto& a : pb.guards)
        for (unsigned k = 0; k < core.size(); ++k)
            if (z3::eq(core[k], a.literal)) names.push_back(a.name);
    return names;
}

void gaveUp(const PreparedTest& test, Diagnostics& diags) {
    diags.error(test.test.file, {}, "the solver gave up (timeout)");
}

}  // namespace

std::optional<CheckResult> Z3Engine::check(const PreparedTest& test, const cat::Model& model,
                                           const CheckOptions& options, Diagnostics& diags) {
    return impl_->watched(options.budget, [&](z3::context& ctx) {
        return guarded(options.budget, [&]() -> std::optional<CheckResult> {
            auto pb = Problem::make(ctx, test, model, AxiomMode::Asserted, options.skipChecks, options.budget, diags);
            if (!pb) return std::nullopt;
            return checkProblem(*pb, options);
        });
    });
}

std::optional<Execution> Z3Engine::witness(const PreparedTest& test, const cat::Model& model,
                                           const litmus::State& state,
                                           const std::vector<std::string>& axiomsToIgnore, Diagnostics& diags) {
    return guarded(Budget(), [&]() -> std::optional<Execution> {
        auto pb = Problem::make(impl_->context(), test, model, AxiomMode::Guarded, {}, Budget(), diags);
        if (!pb) return std::nullopt;
        endIn(*pb, state);
        const z3::check_result r = pb->check(pb->guardsExcept(axiomsToIgnore));
        if (r == z3::unknown) gaveUp(test, diags);
        if (r != z3::sat) return std::nullopt;
        return pb->execution(pb->solver.get_model());
    });
}

std::optional<std::vector<std::string>> Z3Engine::violatedAxioms(const PreparedTest& test, const cat::Model& model,
                                                                 const litmus::State& state, Diagnostics& diags) {
    return guarded(Budget(), [&]() -> std::optional<std::vector<std::string>> {
        auto pb = Problem::make(impl_->context(), test, model, AxiomMode::Guarded, {}, Budget(), diags);
        if (!pb) return std::nullopt;
        endIn(*pb, state);
        const z3::check_result r = pb->check(pb->guardsExcept({}));
        if (r == z3::unknown) {
            gaveUp(test, diags);
            return std::nullopt;
        }
        if (r == z3::sat) return std::vector<std::string>{};
        return minimalCore(*pb, pb->solver.unsat_core());
    });
}

}  // namespace memlit::engine::smt
