#include "cat/Ast.hpp"

namespace memlit::cat {

const char* checkKindName(CheckKind k) {
    switch (k) {
    case CheckKind::Acyclic: return "acyclic";
    case CheckKind::Irreflexive: return "irreflexive";
    case CheckKind::Empty: return "empty";
    }
    return "?";
}

std::optional<std::uint32_t> builtinFunction(std::string_view name) {
    if (name == "domain") return static_cast<std::uint32_t>(BuiltinFn::Domain);
    if (name == "range") return static_cast<std::uint32_t>(BuiltinFn::Range);
    if (name == "map") return static_cast<std::uint32_t>(BuiltinFn::Map);
    if (name == "different-values") return static_cast<std::uint32_t>(BuiltinFn::DifferentValues);
    return std::nullopt;
}

}  // namespace memlit::cat
