#pragma once
/// Real Go programs: a `package main` file (imports, package-level `var`/`const`/`type`,
/// functions, `func main()`) read by the same front end as the `Go NAME` dialect. Its
/// declarations become the dialect's declaration block, `main` its goroutine P0 (docs/go.md).

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"
#include "litmus/Parser.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace memlit::litmus::go {

/// Whether `text` is a Go source file: its first token (after blanks and Go comments) is
/// `package`, or `file` ends in `.go`.
bool isGoSource(std::string_view text, const std::string& file);

/// Parses and lowers a `package main` file. The question is an optional `// memlit: exists
/// (...)` comment (herd's condition syntax over main's locals `0:r`, the printed values
/// `0:out1`, ..., and package-level variables); without one, every final state is listed.
std::optional<LitmusTest> parseGoSource(std::string_view text, const std::string& file, Diagnostics& diags,
                                        const ParseOptions& options);

}  // namespace memlit::litmus::go
