#pragma once
/// herd's configuration files (`-conf FILE.cfg`): which bell file goes with a model file.
/// herd reads `bell FILE` and `model FILE` lines from the cfg it is given; memlit has no
/// `-conf`, so a model file's cfg is found beside it (docs/cat.md, "Bell files").

#include "support/Diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {

/// The bell named by the herd configuration of the model file `modelPath`: `X.cfg` beside
/// `X.cat` (unless its `model` line names another file), else the first `*.cfg` of that
/// directory, by name, whose `model` line names `X.cat`. The bell is looked up in the cfg's
/// directory, then in `libraryDirs`. Empty when no cfg names a bell; nullopt after a
/// positioned error (a `bell` line without a file, a bell file that is not found).
std::optional<std::string> configuredBell(const std::string& modelPath, const std::vector<std::string>& libraryDirs,
                                          Diagnostics& diags);

}  // namespace memlit::cat
