#pragma once
/// Outcomes: the questions the Z3 engine's check asks of one Problem, in order (private to
/// engine/smt): which flags fire and on which pairs, which halt sites executions reach, and
/// the final states of the executions that end, counted one execution at a time.

#include "engine/CheckResult.hpp"
#include "engine/smt/Problem.hpp"

#include <z3++.h>

#include <string>
#include <utility>
#include <vector>

namespace memlit::engine::smt {

/// Each flag is one satisfiability question on the consistent executions.
void firingFlags(Problem& pb, const std::vector<std::pair<std::string, z3::expr>>& flags, CheckResult& result);

/// The pairs of a firing flag's relation that some allowed execution relates, one question
/// per statically possible pair; pairs with the same two source sites are reported once,
/// with the final state of an execution relating them (one that does not halt, if any does).
void flagPairs(Problem& pb, const std::string& name, const SymRel& rel, const z3::expr& halts, CheckResult& result);

/// Allowed executions that halt: for every reachable halt site, one execution reaching it
/// (unless an earlier one did), described by every site it reaches.
void haltOutcomes(Problem& pb, const HaltGroups& groups, CheckResult& result);

/// The executions that end, one at a time, while counting (herd's witnesses) against the
/// condition; then, past the cap or the time budget, only new final states: the states stay
/// exact, the counts do not.
void endStates(Problem& pb, const z3::expr& condition, const CheckOptions& options, CheckResult& result);

}  // namespace memlit::engine::smt
