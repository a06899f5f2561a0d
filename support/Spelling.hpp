#pragma once
/// closestName: the likely intended spelling of a misspelt name among the known ones, for
/// "did you mean ...?" in diagnostics.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit {

/// Levenshtein distance (insertions, deletions and substitutions of single bytes).
std::size_t spellingDistance(std::string_view a, std::string_view b);

/// The candidate nearest to `name`, when at most a third of its length away (so a name of one
/// or two letters gets none) and not `name` itself; ties go to the first.
std::optional<std::string> closestName(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace memlit
