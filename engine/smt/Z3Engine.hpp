#pragma once
/// Z3Engine: the SMT encoding as an Engine. Lists every final state the model allows, decides
/// the condition, counts witnesses, finds an execution ending in a given state and, from the
/// unsat core of the axioms' guards, the axioms that forbid one. Z3 stays behind a pimpl: one
/// Z3Engine keeps one Z3 context alive across tests (creating one costs ~20 ms).

#include "engine/Engine.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace memlit::engine::smt {

class ContextReaper;

class Z3Engine final : public Engine {
public:
    /// With a `reaper` (which must outlive the engine), a context that a `--timeout` cancelled
    /// is freed on the reaper's thread instead of holding up the test's answer.
    explicit Z3Engine(ContextReaper* reaper = nullptr);
    ~Z3Engine() override;
    Z3Engine(const Z3Engine&) = delete;
    Z3Engine& operator=(const Z3Engine&) = delete;

    std::optional<CheckResult> check(const PreparedTest& test, const cat::Model& model,
                                     const CheckOptions& options, Diagnostics& diags) override;
    std::optional<Execution> witness(const PreparedTest& test, const cat::Model& model,
                                     const litmus::State& state, const std::vector<std::string>& axiomsToIgnore,
                                     Diagnostics& diags) override;
    std::optional<std::vector<std::string>> violatedAxioms(const PreparedTest& test, const cat::Model& model,
                                                           const litmus::State& state,
                                                           Diagnostics& diags) override;

    /// Whether a context that a watchdog cancelled is still being freed in the background
    /// (engine/smt/ContextReaper.hpp): a process should then end with `std::_Exit`.
    static bool freeingContexts();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memlit::engine::smt
