#pragma once
/// Public entry points of the cat front end: parse a model text, or load a bundled model by
/// name or a .cat file by path. Includes and the prelude (stdlib.cat) are resolved here.

#include "support/Diagnostics.hpp"
#include "cat/Ast.hpp"
#include "cat/Vocabulary.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::cat {

/// Parses a model. `file` names it in diagnostics and anchors relative includes. Unless
/// `withPrelude` is false (or the file is stdlib.cat itself), the bundled stdlib.cat is
/// included first. An `include "x.cat"` not found next to the including file is looked up in
/// `searchDirs` (in order), then among the bundled models. `variants` are herd's `-variant`
/// switches that are set (`if "v"` in statements and expressions); every other is unset.
/// `bell`, when not empty, is a herd bell file parsed after the prelude and before the model
/// (its definitions visible to the model, its checks kept).
/// Returns nullopt after reporting `file:line:col: error: ...` diagnostics.
std::optional<Model> parseModel(std::string_view text, const std::string& file,
                                Diagnostics& diags, bool withPrelude = true,
                                const std::vector<std::string>& searchDirs = {},
                                const std::vector<std::string>& variants = {},
                                const std::string& bell = "");

/// `tso` finds tso.cat in the bundled models directory; a name containing '/' or ending in
/// ".cat" is a path. A name is looked up in `searchDirs` (herd's `-I DIR`) before the bundled
/// directories, and so are the model's includes. An unknown name reports the bundled names.
/// `bell` (herd's `-bell`, memlit's --bell) is loaded first; when empty, a herd configuration
/// beside a model file that names a `bell` supplies it (cat/HerdConfig.hpp).
std::optional<Model> loadModel(const std::string& nameOrPath, Diagnostics& diags,
                               const std::vector<std::string>& searchDirs = {},
                               const std::vector<std::string>& variants = {},
                               const std::string& bell = "");

/// loadModel, then cat::resolve against `vocabulary`: every name bound once, an unknown one
/// reported (once) and the model rejected. What the CLI calls, once per model per run.
std::optional<Model> loadModel(const std::string& nameOrPath, const Vocabulary& vocabulary,
                               Diagnostics& diags, const std::vector<std::string>& searchDirs = {},
                               const std::vector<std::string>& variants = {},
                               const std::string& bell = "");

/// Candidate bundled-model directories in search order: $MEMLIT_MODELS_DIR,
/// <dir of the executable>/../share/memlit/models, the install dir, the source tree's models/.
/// Only existing directories are returned.
std::vector<std::string> bundledModelDirs();

/// Names (without .cat) of the bundled models, sorted, prelude excluded.
std::vector<std::string> bundledModelNames();
/// "unknown model 'NAME' (bundled models: ...)", with the nearest bundled name when one is close.
std::string unknownModelMessage(const std::string& name);

/// Path of a `.cat` file by file name (e.g. "stdlib.cat") in `searchDirs`, then in the bundled
/// models directories, or nullopt.
std::optional<std::string> findBundledFile(const std::string& fileName,
                                           const std::vector<std::string>& searchDirs = {});

/// The library path for names and includes, before the bundled models: `searchDirs`
/// (--cat-dir, herd's -I), then the directories of $MEMLIT_CAT_PATH (':'-separated).
std::vector<std::string> catLibraryPath(const std::vector<std::string>& searchDirs);

/// Where the includes of the model in `modelFile` are looked up after the including file's own
/// directory: catLibraryPath(searchDirs), then the model's directory, then its parent when that
/// is a herd-style library (it holds herd's `stdlib.cat`, as herd's lib dir does for its
/// `lkmm/`-style subfolders: `lkmm/lock.cat` includes the library's `cross.cat`).
std::vector<std::string> includeSearchDirs(const std::string& modelFile,
                                           const std::vector<std::string>& searchDirs);

}  // namespace memlit::cat
