#include "cat/HerdNames.hpp"

#include <array>
#include <utility>

namespace memlit::cat {

namespace {

constexpr std::string_view kRegister =
    "herd's register-level events, which memlit's executions do not have: a 'catdep' model "
    "(aarch64.cat) computes addr, data and ctrl from them";
constexpr std::string_view kInstance =
    "herd's relation between the events of one instruction instance, which memlit's "
    "executions do not record";
constexpr std::string_view kRmwSplit =
    "herd's split of rmw into load/store-exclusive pairs (lxsx) and single-instruction "
    "atomics (amo), which memlit's executions do not record";
constexpr std::string_view kMixed =
    "herd's relations between the byte events of mixed-size accesses, which memlit's "
    "executions do not have";
constexpr std::string_view kVmsa =
    "herd's virtual-memory (vmsa) names: page-table entries and output addresses";

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kNames = {{
    {"rf-reg", kRegister},       {"iico_data", kRegister}, {"iico_ctrl", kRegister},
    {"iico_order", kRegister},   {"Rreg", kRegister},      {"Wreg", kRegister},
    {"DATA", kRegister},         {"BCC", kRegister},       {"B", kRegister},
    {"same-instance", kInstance}, {"lxsx", kRmwSplit},     {"amo", kRmwSplit},
    {"sm", kMixed},              {"si", kMixed},           {"same-oa", kVmsa},
    {"oa-changes", kVmsa},       {"at-least-one-writable", kVmsa},
    {"same-low-order-bits", kVmsa},
}};

}  // namespace

std::optional<std::string_view> herdOnlyName(std::string_view name) {
    for (const auto& [n, why] : kNames)
        if (n == name) return why;
    return std::nullopt;
}

}  // namespace memlit::cat
