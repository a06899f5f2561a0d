#pragma once
/// Helpers of engine/Explain: a cat expression printed back as the model spells it, where an
/// axiom stands among a model's statements, and the definitions in scope there.

#include "cat/Ast.hpp"
#include "engine/Explain.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace memlit::engine {

/// `e` as cat source: `po | rf`, `(po & (M * M)) \ (W * R)`, `rf^-1`, `[W]`, `fencerel(MFENCE)`.
std::string exprText(const cat::Expr& e);

/// The index of the top-level statement checking axiom (non-flag check) `name`, if any.
std::optional<std::size_t> topLevelAxiom(const cat::Model& model, const std::string& name);
/// The index of the top-level flag check `name`, if any.
std::optional<std::size_t> topLevelFlag(const cat::Model& model, const std::string& name);

/// Statement `k` of `model`, a check, as an AxiomSite.
AxiomSite axiomSite(const cat::Model& model, std::size_t k);

/// The plain (non-function) let bindings in force before top-level statement `k`.
class Definitions {
public:
    Definitions(const cat::Model& model, std::size_t k);
    /// The body of the definition `e` names, when `e` is a name bound by a top-level let.
    const cat::Expr* body(const cat::Expr& e) const;

private:
    std::map<std::string, const cat::Expr*, std::less<>> bodies_;
};

}  // namespace memlit::engine
