#include "cat/Model.hpp"
#include "cat/Vocabulary.hpp"
#include "support/Spelling.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace memlit::cat {

namespace fs = std::filesystem;

std::vector<std::string> bundledModelDirs() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("MEMLIT_MODELS_DIR"); env != nullptr && *env != '\0')
        candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back((exe.parent_path() / ".." / "share" / "memlit" / "models").string());
#ifdef MEMLIT_MODELS_INSTALL_DIR
    candidates.emplace_back(MEMLIT_MODELS_INSTALL_DIR);
#endif
#ifdef MEMLIT_MODELS_BUILD_DIR
    candidates.emplace_back(MEMLIT_MODELS_BUILD_DIR);
#endif
    std::vector<std::string> dirs;
    for (auto& c : candidates) {
        std::error_code e2;
        if (fs::is_directory(c, e2) &&
            std::find(dirs.begin(), dirs.end(), c) == dirs.end())
            dirs.push_back(std::move(c));
    }
    return dirs;
}

std::optional<std::string> findBundledFile(const std::string& fileName,
                                           const std::vector<std::string>& searchDirs) {
    std::vector<std::string> dirs = searchDirs;
    for (auto& dir : bundledModelDirs()) dirs.push_back(std::move(dir));
    for (const auto& dir : dirs) {
        const fs::path p = fs::path(dir) / fileName;
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.lexically_normal().string();
    }
    return std::nullopt;
}

std::vector<std::string> catLibraryPath(const std::vector<std::string>& searchDirs) {
    std::vector<std::string> dirs = searchDirs;
    const char* env = std::getenv("MEMLIT_CAT_PATH");
    std::string_view rest = env == nullptr ? "" : env;
    while (!rest.empty()) {
        const std::size_t colon = rest.find(':');
        const std::string_view dir = rest.substr(0, colon);
        if (!dir.empty()) dirs.emplace_back(dir);
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
    return dirs;
}

std::vector<std::string> includeSearchDirs(const std::string& modelFile,
                                           const std::vector<std::string>& searchDirs) {
    std::vector<std::string> dirs = catLibraryPath(searchDirs);
    const fs::path own = fs::path(modelFile).parent_path();
    dirs.push_back(own.empty() ? std::string(".") : own.string());
    std::error_code ec;
    const fs::path parent = fs::absolute(own.empty() ? fs::path(".") : own, ec).lexically_normal().parent_path();
    if (!ec && fs::is_regular_file(parent / "stdlib.cat", ec)) dirs.push_back(parent.string());
    return dirs;
}

std::vector<std::string> bundledModelNames() {
    std::vector<std::string> names;
    for (const auto& dir : bundledModelDirs()) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const fs::path& p = entry.path();
            if (p.extension() != ".cat" || p.stem() == "stdlib") continue;
            if (std::find(names.begin(), names.end(), p.stem().string()) == names.end())
                names.push_back(p.stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string unknownModelMessage(const std::string& name) {
    const std::vector<std::string> names = bundledModelNames();
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    const std::string nearest = closestName(name, {names.begin(), names.end()}).value_or("");
    return "unknown model '" + name + "' (bundled models: " + (known.empty() ? std::string("none found") : known) +
           ")" + (nearest.empty() ? "" : "; did you mean '" + nearest + "'?");
}

}  // namespace memlit::cat
