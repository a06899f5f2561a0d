#pragma once
/// checkMixedSize: declines a test whose accesses of different widths to one location memlit
/// would answer wrongly. A location is one cell whatever the width: a narrow load reads the
/// low bytes of the value written, which is what the hardware reads too, but a narrow store
/// replaces the whole cell, where the hardware keeps the bytes it does not write. So a store
/// narrower than another access to its location is declined unless every value written there
/// (initial value included) is known to be zero beyond the store's width.

#include "engine/Events.hpp"
#include "litmus/LitmusTest.hpp"
#include "support/Diagnostics.hpp"

namespace memlit::engine {

/// False, with `unsupported feature: mixed-size accesses: ...` at the first such store, when
/// `g` (built from `test`) has one. Only accesses at statically known addresses are compared.
bool checkMixedSize(const litmus::LitmusTest& test, const EventGraph& g, Diagnostics& diags);

}  // namespace memlit::engine
