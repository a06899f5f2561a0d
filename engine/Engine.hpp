#pragma once
/// Engine: the one interface of the checkers (the concrete enumerator in engine/, the Z3
/// encoding in engine/smt/). Each takes a PreparedTest, so a test's event graph is built once
/// whichever engine, or both, then run.

#include "engine/CheckResult.hpp"
#include "engine/Execution.hpp"
#include "engine/PreparedTest.hpp"
#include "litmus/State.hpp"
#include "support/Diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {
struct Model;
}

namespace memlit::engine {

class Engine {
public:
    virtual ~Engine() = default;

    /// Every allowed final state, the verdict and the counts; nullopt with diagnostics when the
    /// test cannot be checked under `model` (e.g. a model error).
    virtual std::optional<CheckResult> check(const PreparedTest& test, const cat::Model& model,
                                             const CheckOptions& options, Diagnostics& diags) = 0;

    /// An execution that ends in `state` (and passes the test's filter) and that every axiom but
    /// those named in `axiomsToIgnore` allows; nullopt when there is none, or with diagnostics
    /// on an error.
    virtual std::optional<Execution> witness(const PreparedTest& test, const cat::Model& model,
                                             const litmus::State& state,
                                             const std::vector<std::string>& axiomsToIgnore,
                                             Diagnostics& diags) = 0;

    /// The axioms that forbid `state`, in model order: empty when the model allows it or when no
    /// candidate execution ends in it at all; nullopt with diagnostics on an error. The
    /// enumerator names the first failing axiom of every candidate ending in `state`; the Z3
    /// engine names a minimal set of axioms that together forbid it (an unsat core).
    virtual std::optional<std::vector<std::string>> violatedAxioms(const PreparedTest& test,
                                                                   const cat::Model& model,
                                                                   const litmus::State& state,
                                                                   Diagnostics& diags) = 0;

protected:
    Engine() = default;
    Engine(const Engine&) = default;
    Engine& operator=(const Engine&) = default;
};

}  // namespace memlit::engine
