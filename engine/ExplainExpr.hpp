#pragma once
/// Helpers of engine/Explain: a cat expression printed back as the model spells it, its
/// union operands and sequence steps, where an axiom stands among a model's statements, the
/// definitions in scope there, and sub-expressions evaluated there on one execution.

#include "cat/Ast.hpp"
#include "engine/Explain.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memlit::engine {

/// `e` as cat source: `po | rf`, `(po & (M * M)) \ (W * R)`, `rf^-1`, `[W]`, `fencerel(MFENCE)`.
std::string exprText(const cat::Expr& e);

/// The operands of a union (nested unions flattened); `{e}` when `e` is no union.
std::vector<cat::Expr> unionOperands(const cat::Expr& e);
/// The steps of a sequence (nested sequences flattened); empty when `e` is no sequence.
std::vector<cat::Expr> seqSteps(const cat::Expr& e);
/// `r+` or `r*`.
bool isClosure(const cat::Expr& e);

/// The index of the top-level statement checking axiom (non-flag check) `name`, if any.
std::optional<std::size_t> topLevelAxiom(const cat::Model& model, const std::string& name);
/// The index of the top-level flag check `name`, if any.
std::optional<std::size_t> topLevelFlag(const cat::Model& model, const std::string& name);

/// Statement `k` of `model`, a check, as an AxiomSite.
AxiomSite axiomSite(const cat::Model& model, std::size_t k);

/// The plain (non-function) let bindings in force before top-level statement `k`.
class Definitions;

/// The relation of each of `exprs` in `exec`, evaluated by the concrete interpreter where
/// top-level statement `k` stands (on a copy of the model cut before it, with one
/// `flag ~empty E` check per expression); nullopt on a model error.
std::optional<std::vector<Relation>> evaluateInScope(const cat::Model& model, std::size_t k,
                                                     const std::vector<cat::Expr>& exprs, const Execution& exec,
                                                     Diagnostics& diags);

class Definitions {
public:
    Definitions(const cat::Model& model, std::size_t k);
    /// The body of the definition `e` names, when `e` is a name bound by a top-level let.
    const cat::Expr* body(const cat::Expr& e) const;

private:
    std::map<std::string, const cat::Expr*, std::less<>> bodies_;
};

}  // namespace memlit::engine
