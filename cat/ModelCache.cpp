#include "cat/ModelCache.hpp"

#include "cat/Model.hpp"

namespace memlit::cat {

ModelCache::ModelCache(Vocabulary vocabulary, std::vector<std::string> searchDirs,
                       std::vector<std::string> variants, std::string bell)
    : vocabulary_(std::move(vocabulary)), searchDirs_(std::move(searchDirs)),
      variants_(std::move(variants)), bell_(std::move(bell)) {}

const Model* ModelCache::get(const std::string& nameOrPath, Diagnostics& diags) {
    auto it = models_.find(nameOrPath);
    if (it == models_.end()) {
        it = models_.emplace(nameOrPath, loadModel(nameOrPath, vocabulary_, diags, searchDirs_, variants_, bell_)).first;
    } else if (!it->second) {
        diags.error("", {}, "model '" + nameOrPath + "' could not be loaded");
    }
    return it->second ? &*it->second : nullptr;
}

bool ModelCache::failed(const std::string& nameOrPath) const {
    auto it = models_.find(nameOrPath);
    return it != models_.end() && !it->second;
}

}  // namespace memlit::cat
