#pragma once
/// Architecture: one record per litmus architecture — the header name, the front end that
/// reads its tests, the model a test of it is checked against by default, the default type of
/// its registers and locations, and the tags its front end attaches to events (which models
/// name as sets). The one registry of architectures; every lookup by name goes through it.

#include "litmus/State.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

class FrontEnd;

/// Names an architecture in code, so that layers above litmus/ (the hardware runner) key
/// their own per-architecture tables on it instead of comparing header names.
enum class ArchId { X86, X86_64, AArch64, RISCV, PPC, Go, C };

struct Architecture {
    ArchId id;
    std::string_view name;          // as written in a test's header: "X86", "AArch64", "Go"
    std::string_view defaultModel;  // bundled model name: "tso", "aarch64", "go"
    ValueType defaultType;          // of a register or location declared without a type
    /// Every tag the front end may attach to an event. A model naming an upper-case set that
    /// no architecture declares (and the model does not define) is a misspelling.
    std::vector<std::string_view> tags;
    /// Reads a test's body after the shared header (litmus/FrontEnd.hpp); never null.
    const FrontEnd* frontEnd = nullptr;
};

/// Every known architecture, in a fixed order.
const std::vector<Architecture>& architectures();
/// The record for a header's architecture name, or nullptr.
const Architecture* findArchitecture(std::string_view name);
/// The record named `name` among `known`, or nullptr.
const Architecture* findArchitecture(const std::vector<Architecture>& known, std::string_view name);
/// The names of the thread-table architectures among `known`, in order: the list an unknown
/// architecture's diagnostic gives (whole-program ones such as Go have never been in it).
std::vector<std::string_view> tableArchitectureNames(const std::vector<Architecture>& known);
/// Why the bundled model `model` does not fit a test of architecture `arch`, or nullopt: a C
/// test checked with a hardware model (the default model of X86 ... PPC), whose sets (MFENCE,
/// DMB.ISH, ...) no C event carries. A path to a .cat file is never judged.
std::optional<std::string> modelMismatch(std::string_view arch, std::string_view model);

}  // namespace memlit::litmus
