#pragma once
/// Architecture: one record per litmus architecture — the header name, the model a test of it
/// is checked against by default, the default type of its registers and locations, and the
/// tags its front end attaches to events (which models name as sets). Looked up in one place.

#include "litmus/State.hpp"

#include <string_view>
#include <vector>

namespace memlit::litmus {

struct Architecture {
    std::string_view name;          // as written in a test's header: "X86", "AArch64", "Go"
    std::string_view defaultModel;  // bundled model name: "tso", "aarch64", "go"
    ValueType defaultType;          // of a register or location declared without a type
    /// Every tag the front end may attach to an event. A model naming an upper-case set that
    /// no architecture declares (and the model does not define) is a misspelling.
    std::vector<std::string_view> tags;
};

/// Every known architecture, in a fixed order.
const std::vector<Architecture>& architectures();
/// The record for a header's architecture name, or nullptr.
const Architecture* findArchitecture(std::string_view name);

}  // namespace memlit::litmus
