#pragma once
/// BruteForce: the reference enumerator. Lists every candidate execution of a small test
/// (each read's source, each coherence order), evaluates the cat model concretely on it, and
/// collects states and witness counts. Exponential: for differential tests against the Z3
/// encoding and for explaining single executions, not for production checks.

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"
#include "engine/CheckResult.hpp"

#include <cstdint>
#include <optional>

namespace memlit::cat {
struct Model;
}

namespace memlit::engine {

/// Same result shape as Checker::check. Gives up (nullopt and an error) past `maxCandidates`
/// candidate executions.
std::optional<CheckResult> bruteForceCheck(const litmus::LitmusTest& test, const cat::Model& model,
                                           Diagnostics& diags, std::uint64_t maxCandidates = 2000000);

/// The number of candidate executions bruteForceCheck would try (read sources x coherence
/// orders x choices), saturating at UINT64_MAX; nullopt when the test has no event graph.
std::optional<std::uint64_t> candidateCount(const litmus::LitmusTest& test, Diagnostics& diags);

}  // namespace memlit::engine
