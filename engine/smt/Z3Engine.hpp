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

class Z3Engine final : public Engine {
public:
    Z3Engine();
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

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memlit::engine::smt
