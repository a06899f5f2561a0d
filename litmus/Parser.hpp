#pragma once
/// Entry points of the litmus front end: herd7's header, shared by every architecture, then
/// the body read by the front end of the header's architecture (litmus/Architecture.hpp).

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

struct Architecture;

/// What the command line may override in a test (docs/cli.md).
struct ParseOptions {
    /// Rounds of every Go loop, instead of the test's `Unroll=K` line (0 to 16).
    std::optional<int> unroll;
    /// Go programs (`.go` files): the question, herd's `exists (...)`, instead of the file's
    /// `// memlit: exists` comment (the command line's --exists).
    std::optional<std::string> exists;
};

/// Parses one litmus test. On error, reports `file:line:col: error: ...` diagnostics and
/// returns nullopt. A well-formed test using a feature memlit declines on purpose reports
/// an error through Diagnostics::unsupported.
std::optional<LitmusTest> parseLitmus(std::string_view text, const std::string& file,
                                      Diagnostics& diags, const ParseOptions& options = {});
/// The same over `known` instead of architectures(): a test can add an architecture of its
/// own, and so shows that a record and its front end are all an architecture needs.
std::optional<LitmusTest> parseLitmus(std::string_view text, const std::string& file, Diagnostics& diags,
                                      const ParseOptions& options, const std::vector<Architecture>& known);

/// Reads and parses a file (an unreadable file is a diagnostic).
std::optional<LitmusTest> loadLitmus(const std::string& path, Diagnostics& diags,
                                     const ParseOptions& options = {});

/// Expands command-line inputs into litmus file paths, in order: a `.litmus` file is itself, a
/// directory is every `*.litmus` below it (sorted), `@INDEX` or a file whose name starts with
/// `@` is herd's index file (one path per line, relative to the index, `#` comments, may name
/// other index files). Missing inputs and index cycles are diagnostics; the rest is kept.
std::vector<std::string> expandInputs(const std::vector<std::string>& args, Diagnostics& diags);

}  // namespace memlit::litmus
