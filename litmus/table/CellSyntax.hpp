#pragma once
/// CellSyntax: reading helpers every table dialect shares for the text of one thread-table
/// cell — a leading label, operands split at top-level commas, integers, identifiers.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

/// Splits a leading `L:` label off a cell: returns the label name (empty if none) and sets
/// `rest` to the offset of what follows it.
std::string_view splitLabel(std::string_view cell, std::size_t& rest);

/// One operand of an instruction, as written.
struct OperandText {
    std::string_view text;  // trimmed
    std::size_t offset;     // of its first character, in the cell
};
/// Splits at commas outside brackets and parentheses; "" gives no operands.
std::vector<OperandText> splitOperands(std::string_view s, std::size_t offset);
std::optional<std::int64_t> parseInteger(std::string_view s);  // decimal or 0x, maybe negative
bool isIdentifier(std::string_view s);
std::string_view firstWord(std::string_view s);  // up to the first blank
std::string toLower(std::string_view s);

/// A memory operand `d(base)` or `(base)` (RISC-V, Power): the displacement, 0 when absent, and
/// the base register's text, trimmed; nullopt when `t` is not of that form.
struct Displacement {
    std::int64_t offset = 0;
    std::string_view base;
};
std::optional<Displacement> splitDisplacement(std::string_view t);

}  // namespace memlit::litmus
