#pragma once
/// EngineSelector: which engine checks a test, as `--engine auto|z3|enumerate` says. `auto`
/// enumerates tests with few candidate executions (microseconds per candidate) and asks Z3
/// for the others; both report flags with their event pairs. engine/ does not see Z3: the caller hands the
/// Z3 engine in, made on first need only (creating a Z3 context is costly).

#include "engine/Engine.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::engine {

enum class EngineMode { Auto, Z3, Enumerate };

/// "auto", "z3" or "enumerate"; nullopt for any other name.
std::optional<EngineMode> engineMode(std::string_view name);

/// With `auto`, tests with at most this many candidate executions are enumerated.
constexpr std::uint64_t kEnumerateAtMost = 4096;
/// And tests of a fixed shape (engine/BruteForce.hpp: fixedShape), whose partial candidates
/// the enumerator prunes, with at most this many (docs/performance.md: the measurements).
constexpr std::uint64_t kEnumeratePrunedAtMost = 1000000;

/// Past that, a fixed-shape test is still tried by the enumerator, which gives up past this
/// many complete (unpruned) candidates or twice as many partial ones; Z3 then checks it. Pruning often leaves few: X86
/// CoStress-2-4 has over a million candidates and 182 complete ones (docs/performance.md).
constexpr std::uint64_t kTryEnumerateCompleteAtMost = 20000;
/// A test whose events depend on values read (no pruning) is tried by the enumerator the same
/// way when it has at most this many candidates: the enumerator walks their read sources
/// cheaply and evaluates the model only on the consistent-looking complete ones, which is
/// far faster than Z3 on the LKMM's RCU tests with a dereference (docs/performance.md).
constexpr std::uint64_t kTryEnumerateUnprunedAtMost = 1000000;
/// Above that, under a model with flags, the attempt is also made, and given up after this
/// many complete choices of read sources (most of which may be rejected before a candidate
/// is built): the candidate count is a poor estimate there, the values read deciding most
/// guards and addresses, and Z3 also has to find the flags' event pairs. LKMM
/// C-PaulEMcKenney-psc+sr-mbonce, 16.6 million candidates: at most 300 choices, 0.15 s,
/// where Z3 takes over 20 s; the Go fixtures C06, R01, X09: millions of choices, Z3's. Without
/// flags Z3 is kept (RISCV's lr/sc tests of 1.2 million candidates: Z3 0.3 s, the enumerator
/// 0.7 s; docs/performance.md).
constexpr std::uint64_t kTrySourceChoicesAtMost = 2000;

/// Whether a model declares a `flag` (in procedures too).
bool declaresFlag(const cat::Model& model);

/// An Engine that hands every call to the engine the mode picks for that test and model.
class EngineSelector final : public Engine {
public:
    using SymbolicEngine = std::function<Engine&()>;
    /// `mode` is an engine name (engineMode); `z3` is called when the Z3 engine is first needed.
    /// `tryCompleteAtMost`: the enumerator's attempt on a fixed-shape test above the million
    /// gives up past this many complete candidates (kTryEnumerateCompleteAtMost).
    EngineSelector(std::string_view mode, Engine& enumerator, SymbolicEngine z3,
                   std::uint64_t tryCompleteAtMost = kTryEnumerateCompleteAtMost);

    /// The engine that runs `test` under `model`.
    Engine& select(const PreparedTest& test, const cat::Model& model);

    std::optional<CheckResult> check(const PreparedTest& test, const cat::Model& model,
                                     const CheckOptions& options, Diagnostics& diags) override;
    std::optional<Execution> witness(const PreparedTest& test, const cat::Model& model,
                                     const litmus::State& state, const std::vector<std::string>& axiomsToIgnore,
                                     Diagnostics& diags) override;
    std::optional<std::vector<std::string>> violatedAxioms(const PreparedTest& test, const cat::Model& model,
                                                           const litmus::State& state,
                                                           Diagnostics& diags) override;

private:
    EngineMode mode_;
    Engine& enumerator_;
    SymbolicEngine z3_;
    std::uint64_t tryCompleteAtMost_;
};

}  // namespace memlit::engine
