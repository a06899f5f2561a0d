#pragma once
/// BodyScan: how far one herd expression reaches, found by counting brackets and blocks, so
/// the parser can step over bodies that compute on sets of sets or relations (docs/cat.md).

#include "cat/TokenCursor.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {

struct BodyExtent {
    std::size_t tokens = 0;              // how many tokens from the cursor the body spans
    std::optional<std::string> opaque;   // the first construct memlit does not evaluate
    SourceLoc opaqueLoc;
};

/// Scans, without consuming, the expression at the cursor: it ends, outside any bracket,
/// `let ... in` or `match ... end`, before a statement keyword, `and`, `in`, `end`, `else`,
/// `as` or the end of the file.
BodyExtent scanBody(const TokenCursor& in);

/// After `if`: herd's condition on its `-variant` switches, `"v"`, `not c`, `c && c`,
/// `c || c` and brackets (`not` binds tightest, then `&&`, then `||`), read and evaluated
/// with exactly the variants in `variants` set. nullopt (reported) when it is anything else.
std::optional<bool> variantCondition(TokenCursor& in, const std::vector<std::string>& variants);

/// Steps over an `if`'s then branch to its `else` or `end` (left unread), past nested blocks.
bool skipToElseOrEnd(TokenCursor& in);

}  // namespace memlit::cat
