#include "cat/HerdConfig.hpp"

#include "cat/CatFiles.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace memlit::cat {

namespace fs = std::filesystem;

namespace {

/// One `key value` line of a cfg, with the value's position.
struct CfgLine {
    std::string value;
    SourceLoc loc;      // of the value, or of the key when the value is missing
    bool present = false;
};

struct Cfg {
    CfgLine model, bell;
};

/// The `model` and `bell` lines of a cfg text (the last of each wins, as herd's options do).
Cfg readCfg(const std::string& text) {
    Cfg cfg;
    std::istringstream in(text);
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n) {
        const std::size_t k = line.find_first_not_of(" \t");
        if (k == std::string::npos || line[k] == '#') continue;
        const std::size_t kEnd = line.find_first_of(" \t\r", k);
        const std::string key = line.substr(k, kEnd == std::string::npos ? std::string::npos : kEnd - k);
        if (key != "model" && key != "bell") continue;
        CfgLine& slot = key == "model" ? cfg.model : cfg.bell;
        const std::size_t v = kEnd == std::string::npos ? std::string::npos : line.find_first_not_of(" \t\r", kEnd);
        slot.present = true;
        slot.value.clear();
        slot.loc = {n, static_cast<std::uint32_t>(k + 1)};
        if (v == std::string::npos) continue;
        const std::size_t vEnd = line.find_last_not_of(" \t\r");
        slot.value = line.substr(v, vEnd + 1 - v);
        slot.loc = {n, static_cast<std::uint32_t>(v + 1)};
    }
    return cfg;
}

std::optional<std::string> bellOf(const fs::path& cfgPath, const Cfg& cfg, const std::vector<std::string>& libraryDirs,
                                  Diagnostics& diags) {
    const std::string file = cfgPath.string();
    if (cfg.bell.value.empty()) {
        diags.error(file, cfg.bell.loc, "expected a bell file name after 'bell'");
        return std::nullopt;
    }
    std::vector<fs::path> dirs{cfgPath.parent_path()};
    for (const auto& d : libraryDirs) dirs.emplace_back(d);
    for (const auto& d : dirs) {
        std::error_code ec;
        const fs::path p = d / cfg.bell.value;
        if (fs::is_regular_file(p, ec)) return p.lexically_normal().string();
    }
    diags.error(file, cfg.bell.loc, "cannot find bell file '" + cfg.bell.value + "'");
    return std::nullopt;
}

}  // namespace

std::optional<std::string> configuredBell(const std::string& modelPath, const std::vector<std::string>& libraryDirs,
                                          Diagnostics& diags) {
    const fs::path model(modelPath);
    const fs::path dir = model.parent_path().empty() ? fs::path(".") : model.parent_path();
    const std::string own = model.filename().string();
    std::vector<fs::path> cfgs;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".cfg") cfgs.push_back(entry.path());
    std::sort(cfgs.begin(), cfgs.end());
    const fs::path beside = dir / (model.stem().string() + ".cfg");
    // X.cfg first: it is the model's own unless its `model` line names another file.
    std::stable_partition(cfgs.begin(), cfgs.end(), [&](const fs::path& p) { return p.filename() == beside.filename(); });
    for (const auto& p : cfgs) {
        auto text = readFile(p.string());
        if (!text) continue;
        const Cfg cfg = readCfg(*text);
        const bool names = cfg.model.present && fs::path(cfg.model.value).filename() == own;
        const bool ownCfg = p.filename() == beside.filename() && !cfg.model.present;
        if (!names && !ownCfg) continue;
        if (!cfg.bell.present) return std::string();
        return bellOf(p, cfg, libraryDirs, diags);
    }
    return std::string();
}

}  // namespace memlit::cat
