#include "cli/SharedModels.hpp"

namespace memlit::cli {

SharedModels::Lookup SharedModels::get(const std::string& nameOrPath) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto known = loadDiags_.find(nameOrPath);
    if (known == loadDiags_.end()) {
        Diagnostics diags;
        (void)cache_.get(nameOrPath, diags);
        known = loadDiags_.emplace(nameOrPath, diags.all()).first;
    }
    Diagnostics ignored;  // a failed model's later requests add only a summary line
    return {cache_.failed(nameOrPath) ? nullptr : cache_.get(nameOrPath, ignored), known->second};
}

}  // namespace memlit::cli
