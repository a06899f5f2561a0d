#pragma once
/// The file access of the cat parser: reading a model or an included file whole, and the
/// canonical path that include cycles and repeated includes are detected by.

#include <optional>
#include <string>

namespace memlit::cat {

/// The file's bytes; nullopt when it cannot be opened or is a directory.
std::optional<std::string> readFile(const std::string& path);
/// `path` made canonical where the file system allows, else `path` itself.
std::string canonical(const std::string& path);

}  // namespace memlit::cat
