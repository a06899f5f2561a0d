#pragma once
/// herd's bell statements (docs/cat.md, "Bell files"): `enum NAME = 'a || 'b ...`, which
/// declares tags, and `instructions KIND[...]`, which says which tags events of a kind carry.

#include "cat/Ast.hpp"
#include "cat/TokenCursor.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::cat {

/// herd's name for the set of the events carrying a tag: the tag with its first letter in
/// upper case (`once` -> `Once`, `rcu-lock` -> `Rcu-lock`).
std::string capitalizedTag(std::string_view tag);

/// What the `enum` statements of a model (its bell and cat files) have declared so far.
struct BellDecls {
    std::map<std::string, std::vector<std::string>, std::less<>> enums;   // name -> its tags
    std::set<std::string, std::less<>> tags;                              // every declared tag
};

/// After the keyword `enum`: `NAME = 'a || 'b ...`. Declares the tags and, per tag, appends
/// `let Tag = try Tag with emptyset` to `out`: the events the front end gives that
/// annotation (cat/Vocabulary.hpp tags), none when it never does. False after an error.
bool parseEnum(TokenCursor& in, BellDecls& decls, FileId file, SourceLoc loc, std::vector<Statement>& out);

/// After the keyword `instructions`: `KIND[{'a, 'b}]` or `KIND[ENUM]`. herd checks a test's
/// annotations against it; memlit's front ends attach only the tags they declare, so it is
/// checked for being well formed (each tag and enum declared) and then has no effect.
bool parseInstructions(TokenCursor& in, const BellDecls& decls);

}  // namespace memlit::cat
