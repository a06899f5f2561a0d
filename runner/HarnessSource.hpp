#pragma once
/// HarnessSource: the complete C++ program that runs one litmus test on the hardware: the
/// test's tables (locations, observed places, initial values, the model's allowed states and
/// the condition, for the emitted JSON), the fixed runtime, and one function per thread whose
/// asm statement is the test's code.

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"
#include "litmus/State.hpp"
#include "runner/ArchGenerator.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

/// What the model says, baked into the harness so an emitted one can judge its own runs.
struct ModelVerdict {
    std::string model;                   // e.g. "tso"
    std::vector<litmus::State> allowed;  // over observedPlaces(test)
    /// Some execution was cut at the unrolling bound: a state outside `allowed` may be one a
    /// longer loop reaches, so it is not judged (never reported as forbidden).
    bool cut = false;
    /// C: the model's flag saying the program is undefined (rc11's `*undef*`, lkmm's
    /// `data-race`): it races, so a state outside `allowed` is not judged either.
    std::string undefinedBy{};
    /// Go: the halts the model allows, as runner/GoHalts.hpp labels them ("panic: nil
    /// dereference", "deadlock", ...); a run's halt outside them is forbidden.
    std::vector<std::string> halts{};
};

struct HarnessSource {
    std::string code;                      // the whole program
    std::vector<litmus::Place> places;     // columns of the printed states
    std::vector<std::string> locations;    // location names, sorted; `@name` values refer to them
};

std::optional<HarnessSource> generateHarness(const litmus::LitmusTest& test,
                                             const ArchGenerator& gen, const ModelVerdict& verdict,
                                             Diagnostics& diags);

/// The function that runs thread `thread` over a batch of instances (what the golden tests
/// compare): the per-instance start line, register set-up, the asm statement, result stores.
std::optional<std::string> generateThreadFunction(const litmus::LitmusTest& test,
                                                  const ArchGenerator& gen, int thread,
                                                  Diagnostics& diags);

/// `"text"` as a C string literal.
std::string cStringLiteral(const std::string& text);

}  // namespace memlit::runner
