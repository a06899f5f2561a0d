#pragma once
/// Checker: the public face of the solver. Given a parsed test and a model, lists every final
/// state the model allows, decides the condition and counts witnesses. Z3 stays behind a
/// pimpl: one Checker keeps one Z3 context alive across tests (creating one costs ~20 ms).

#include "engine/CheckResult.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {
struct Model;
}

namespace memlit::engine::smt {

class Checker {
public:
    Checker();
    ~Checker();
    Checker(const Checker&) = delete;
    Checker& operator=(const Checker&) = delete;

    /// nullopt with diagnostics when the test cannot be encoded (e.g. unsupported feature).
    std::optional<CheckResult> check(const litmus::LitmusTest& test, const cat::Model& model,
                                     const CheckOptions& options, Diagnostics& diags);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memlit::engine::smt
