#pragma once
/// ConcreteExecution: one candidate execution (rf and co chosen) as bit matrices, the input
/// of the concrete cat evaluation.

#include "engine/Relation.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace memlit::engine {

/// Events are 0..size-1. Sets and relations that are not given are empty (`id` defaults to
/// the identity).
struct ConcreteExecution {
    std::size_t size = 0;
    /// "R", "W", "M", "F", "IW", "FW" and every tag name ("MFENCE", "X", ...).
    std::map<std::string, EventSet, std::less<>> sets;
    /// Base relations: "po", "rf", "co", "loc", "int", "ext", "id", "rmw", "addr", "data", "ctrl".
    std::map<std::string, Relation, std::less<>> rels;
    std::vector<std::string> eventNames;   // for explanations, e.g. "a: W[x]=1 (P0)"
};

}  // namespace memlit::engine
