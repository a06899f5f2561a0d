#pragma once
/// resolve: binds every free name of a model, once, at load time — to a let (or parameter,
/// or procedure) in scope, a base set, a base relation or a tag of the vocabulary — so that
/// a misspelt name is one diagnostic per model and the interpreter never looks names up.

#include "support/Diagnostics.hpp"
#include "cat/Ast.hpp"
#include "cat/Vocabulary.hpp"

namespace memlit::cat {

/// Fills every Name and Call's NameRef and the model's tag and extra-relation tables, and
/// sets `model.resolved`. An unknown name is reported once per model, at its first use,
/// with the closest known name when one is close (`unknown name 'MFENSE'; did you mean
/// 'MFENCE'?`); so are calls of unknown functions or procedures and calls of base names.
/// Returns false (the model must then not be interpreted) after reporting errors.
bool resolve(Model& model, const Vocabulary& vocabulary, Diagnostics& diags);

}  // namespace memlit::cat
