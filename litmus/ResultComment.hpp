#pragma once
/// resultComment: the outcome a Linux-kernel litmus test announces in a comment,
/// `Result: Never|Sometimes|Always` (the kernel's tools/memory-model convention), read from
/// the file's raw text.

#include <optional>
#include <string>
#include <string_view>

namespace memlit::litmus {

/// The word after the first `Result:` when it is Never, Sometimes or Always; nullopt when the
/// test has no such comment (or announces something else, such as DEADLOCK).
std::optional<std::string> resultComment(std::string_view text);

}  // namespace memlit::litmus
