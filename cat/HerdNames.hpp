#pragma once
/// herdOnlyName: the names herd7 predefines over parts of its executions that memlit's do
/// not have (register events, the events of one instruction instance, herd's split of rmw,
/// the byte events of mixed-size accesses, the virtual-memory variant). A model that uses one
/// is declined, with the reason, rather than told the name is unknown (docs/cat.md).

#include <optional>
#include <string_view>

namespace memlit::cat {

/// Why memlit cannot give `name` herd's meaning, if `name` is one of those herd names.
std::optional<std::string_view> herdOnlyName(std::string_view name);

}  // namespace memlit::cat
