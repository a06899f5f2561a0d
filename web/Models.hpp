#pragma once
/// Models: the bundled models the playground offers, loaded once and shared by every worker.
/// Only bundled names are accepted — never a path — so a request cannot make the server read
/// a file of its choosing. cat::ModelCache is not thread-safe: every lookup takes one lock;
/// a loaded model is only read afterwards, so workers share it without one.

#include "cat/ModelCache.hpp"

#include <mutex>
#include <string>
#include <vector>

namespace memlit::web {

class Models {
public:
    Models();

    /// The bundled model names, sorted (the prelude excluded).
    const std::vector<std::string>& names() const { return names_; }
    bool known(const std::string& name) const;
    /// The loaded model, or nullptr with the loader's diagnostics in `diags`.
    const cat::Model* get(const std::string& name, Diagnostics& diags);

private:
    std::vector<std::string> names_;
    std::mutex mutex_;
    cat::ModelCache cache_;
};

}  // namespace memlit::web
