#pragma once
/// ModelCache: the models of one run, each loaded once by name or path. A model that fails to
/// load is remembered, so its diagnostics are reported once and later tests fail fast.

#include "cat/Ast.hpp"
#include "cat/Vocabulary.hpp"
#include "support/Diagnostics.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {

class ModelCache {
public:
    /// Every model is resolved against `vocabulary` as it loads (cat/Resolve.hpp).
    /// `searchDirs`: where model names and includes are looked up before the bundled models;
    /// `variants`: herd's `-variant` switches set for every model (cat/Model.hpp); `bell`:
    /// herd's `-bell` file loaded before every model (empty: each model file's configured one).
    explicit ModelCache(Vocabulary vocabulary, std::vector<std::string> searchDirs = {},
                        std::vector<std::string> variants = {}, std::string bell = "");

    /// The model, loaded on the first request for `nameOrPath`; nullptr when it cannot be
    /// loaded. The first failing request adds the loader's diagnostics to `diags`; later
    /// requests add only "model 'X' could not be loaded" (the details were reported once).
    const Model* get(const std::string& nameOrPath, Diagnostics& diags);

    /// True once a request for `nameOrPath` has failed.
    bool failed(const std::string& nameOrPath) const;

private:
    Vocabulary vocabulary_;
    std::vector<std::string> searchDirs_;
    std::vector<std::string> variants_;
    std::string bell_;
    std::map<std::string, std::optional<Model>> models_;  // nullopt: failed to load
};

}  // namespace memlit::cat
