/// loadModel: a model by bundled name or path, with its herd bell (explicit, or named by a
/// herd configuration beside the model file), parsed and optionally resolved.

#include "cat/CatFiles.hpp"
#include "cat/HerdConfig.hpp"
#include "cat/Model.hpp"
#include "cat/Resolve.hpp"

#include <filesystem>

namespace memlit::cat {

namespace fs = std::filesystem;

namespace {

/// The bell to load with the model file `path`: `bell` when given (it must be readable), else
/// the one its herd configuration names (or none). nullopt after an error.
std::optional<std::string> bellFor(const std::string& path, const std::string& bell,
                                   const std::vector<std::string>& searchDirs, Diagnostics& diags) {
    if (bell.empty()) return configuredBell(path, catLibraryPath(searchDirs), diags);
    std::error_code ec;
    if (!fs::is_regular_file(bell, ec)) {
        diags.error("", {}, "cannot read bell file '" + bell + "'");
        return std::nullopt;
    }
    return bell;
}

}  // namespace

std::optional<Model> loadModel(const std::string& nameOrPath, Diagnostics& diags,
                               const std::vector<std::string>& searchDirs,
                               const std::vector<std::string>& variants, const std::string& bell) {
    const bool isPath = nameOrPath.find('/') != std::string::npos ||
                        (nameOrPath.size() >= 4 &&
                         nameOrPath.compare(nameOrPath.size() - 4, 4, ".cat") == 0);
    std::optional<std::string> path;
    if (isPath) {
        path = nameOrPath;
    } else {
        path = findBundledFile(nameOrPath + ".cat", catLibraryPath(searchDirs));
        if (!path) {
            diags.error("", {}, unknownModelMessage(nameOrPath));
            return std::nullopt;
        }
    }
    auto text = readFile(*path);
    if (!text) {
        std::error_code ec;
        diags.error("", {}, "cannot read model file '" + *path + "'" + (fs::is_directory(*path, ec) ? ": it is a directory" : ""));
        return std::nullopt;
    }
    const auto bellFile = bellFor(*path, bell, searchDirs, diags);
    if (!bellFile) return std::nullopt;
    return parseModel(*text, *path, diags, true, searchDirs, variants, *bellFile);
}

std::optional<Model> loadModel(const std::string& nameOrPath, const Vocabulary& vocabulary,
                               Diagnostics& diags, const std::vector<std::string>& searchDirs,
                               const std::vector<std::string>& variants, const std::string& bell) {
    auto model = loadModel(nameOrPath, diags, searchDirs, variants, bell);
    if (!model || !resolve(*model, vocabulary, diags)) return std::nullopt;
    return model;
}

}  // namespace memlit::cat
