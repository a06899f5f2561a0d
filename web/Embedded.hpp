#pragma once
/// Embedded: the files compiled into memlit for the playground — the page (web/assets/) and
/// the bundled examples (examples/) — as bytes, named by their path in the repository. The
/// table is generated at build time by scripts/embed-files.cmake; nothing is read at run time.

#include <string_view>
#include <vector>

namespace memlit::web {

struct EmbeddedFile {
    std::string_view name;   // "web/assets/index.html", "examples/SB.litmus"
    std::string_view bytes;
};

/// Every embedded file, sorted by name (the generated source).
const std::vector<EmbeddedFile>& embeddedFiles();

/// The file named `name`, or nullptr.
const EmbeddedFile* findEmbedded(std::string_view name);

/// The Content-Type of a page asset by its extension ("text/html; charset=utf-8", ...).
std::string_view contentType(std::string_view name);

}  // namespace memlit::web
