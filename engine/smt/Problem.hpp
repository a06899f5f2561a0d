#pragma once
/// Problem: one prepared test encoded under one model (private to engine/smt). The program's
/// constraints, the axioms, the filter, and the observed final values as Z3 terms. For
/// queries about single outcomes every axiom sits behind a guard literal `axiom:NAME`, so that
/// a query can enforce some axioms, or ask the unsat core which ones forbid an outcome.

#include "cat/Interpreter.hpp"
#include "engine/CheckResult.hpp"
#include "engine/Execution.hpp"
#include "engine/PreparedTest.hpp"
#include "engine/smt/Encoding.hpp"
#include "engine/smt/SymbolicDomain.hpp"

#include <z3++.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {
struct Model;
}

namespace memlit::engine::smt {

/// The final values of the observed places, normalized to their types: one expression per
/// register or scalar location, one per cell for a whole array.
struct Observed {
    std::vector<z3::expr> exprs;
    std::vector<std::size_t> first;  // per place, its first expression; then the end
    std::vector<litmus::ValueType> types;

    Observed(const litmus::LitmusTest& test, const std::vector<litmus::Place>& places, const EventGraph& g,
             Encoding& enc);
    /// `place i = v`, cell by cell (false when the shapes differ).
    z3::expr equals(z3::context& ctx, std::size_t i, const std::vector<std::int64_t>& v) const;
    /// `place i = place j`, cell by cell (false when the shapes differ).
    z3::expr same(z3::context& ctx, std::size_t i, std::size_t j) const;
};

/// What the enumeration loops read from a satisfying assignment.
class Observer {
public:
    Observer(const EventGraph& g, const std::vector<litmus::Place>& places, const Observed& obs)
        : g_(g), places_(places), obs_(obs) {}

    litmus::State read(const z3::model& m) const;
    /// Some observed place differs from `s`.
    z3::expr differs(z3::context& ctx, const litmus::State& s) const;
    /// Every observed place has its value in `s`.
    z3::expr equals(z3::context& ctx, const litmus::State& s) const;

private:
    const EventGraph& g_;
    const std::vector<litmus::Place>& places_;
    const Observed& obs_;
};

/// The reportable halt sites (all but Unstarted), one per statement and reason: the unrolled
/// copies of one statement share theirs.
struct HaltGroups {
    std::vector<HaltSiteReport> reports;
    std::vector<z3::expr> fires;  // per report: some execution reaches it
    z3::expr any;                 // the execution halts somewhere

    HaltGroups(z3::context& ctx, const litmus::LitmusTest& test, const EventGraph& g, Encoding& enc);
};

/// An axiom's guard: while it is true, the axiom constrains the execution. Axioms that share a
/// name share their guard.
struct AxiomGuard {
    std::string name;
    z3::expr literal;
};

/// How a Problem states the axioms.
enum class AxiomMode {
    /// Each axiom not skipped is asserted as it is: check's formula, on which Z3's order of
    /// models (and so the halt outcomes it reports and counts past a cap) depends.
    Asserted,
    /// Each axiom is asserted behind its guard, which the query assumes or not.
    Guarded,
};

struct Problem {
    /// nullopt with diagnostics on a model error. `skip` names the axioms left out (Asserted).
    /// Building it and every check() spend from `budget` (throwing BudgetExceeded).
    static std::unique_ptr<Problem> make(z3::context& ctx, const PreparedTest& test, const cat::Model& model,
                                         AxiomMode mode, const std::vector<std::string>& skip,
                                         const Budget& budget, Diagnostics& diags);
    Problem(z3::context& ctx, const PreparedTest& test, const cat::Model& model, const Budget& budget,
            Diagnostics& diags);
    Problem(const Problem&) = delete;
    Problem& operator=(const Problem&) = delete;

    /// The solver's answer, within the budget: Z3 gets the time that remains, and an answer of
    /// unknown because the deadline passed throws BudgetExceeded, as does a spent budget.
    z3::check_result check();
    z3::check_result check(const z3::expr_vector& assumptions);
    /// The guards of every axiom not named in `ignored` (Guarded).
    z3::expr_vector guardsExcept(const std::vector<std::string>& ignored) const;
    /// The execution of a satisfying assignment, as a value.
    Execution execution(const z3::model& m) const;

    // In construction order: the model is interpreted before the observed values are encoded.
    z3::context& ctx;
    Budget budget;
    const PreparedTest& prepared;
    const EventGraph& g;
    Encoding enc;
    SymbolicDomain domain;
    std::optional<std::vector<cat::CheckResult<SymbolicDomain>>> checks;  // nullopt: model error
    Observed observed;
    Observer observer;
    z3::solver solver;  // the constraints, the guarded axioms and the filter
    std::vector<AxiomGuard> guards;  // Guarded only

private:
    void limitTime();
    void addAxioms(AxiomMode mode, const std::vector<std::string>& skip);
};

/// The condition (or filter) `p` over the observed values.
z3::expr propExpr(z3::context& ctx, const litmus::Prop& p, const std::vector<litmus::Place>& places,
                  const Observed& obs, const EventGraph& g);

/// The integer a model gives `e`.
std::int64_t intValue(const z3::model& m, const z3::expr& e);

}  // namespace memlit::engine::smt
