#pragma once
/// Outcome: the `--outcome` of `memlit explain`, herd's state syntax (`0:EAX=0; 1:EAX=0;`,
/// `[x]=1; y=2;`), a value for some or all of the shown places.

#include "litmus/State.hpp"
#include "support/Diagnostics.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlit::engine {

struct Outcome {
    std::size_t places = 0;                                   // how many shown places there are
    std::vector<std::pair<std::size_t, std::string>> values;  // place index, value as printed
    /// Every shown place is given.
    bool full() const;
    /// The state it gives (only when full()).
    litmus::State state() const;
    bool matches(const litmus::State& s) const;
};

/// Parses `text` against `places` (a place is spelt as herd prints it, `0:EAX`, `[x]`, or a
/// bare location `x`). Errors are reported at `--outcome:1:COL`.
std::optional<Outcome> parseOutcome(const std::string& text, const std::vector<litmus::Place>& places,
                                    Diagnostics& diags);

}  // namespace memlit::engine
