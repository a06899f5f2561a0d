#include "web/Models.hpp"

#include "cat/Model.hpp"
#include "engine/ArchVocabulary.hpp"

#include <algorithm>

namespace memlit::web {

Models::Models() : names_(cat::bundledModelNames()), cache_(engine::architectureVocabulary()) {}

bool Models::known(const std::string& name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
}

const cat::Model* Models::get(const std::string& name, Diagnostics& diags) {
    if (!known(name)) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    return cache_.get(name, diags);
}

}  // namespace memlit::web
