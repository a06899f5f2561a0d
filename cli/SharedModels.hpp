#pragma once
/// SharedModels: the models of one `check` run, loaded once and then read by every worker
/// thread at the same time. cat::ModelCache is not safe to call from several threads, so
/// every lookup goes through one lock; a loaded cat::Model is never changed afterwards (the
/// interpreters only read it), so the workers share it without one. A model that fails to
/// load keeps its loader's diagnostics, and every test that needs it reports them: each
/// result stands alone, whichever tests ran before it, in this process or another shard.

#include "cat/ModelCache.hpp"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace memlit::cli {

class SharedModels {
public:
    SharedModels(cat::Vocabulary vocabulary, std::vector<std::string> searchDirs,
                 std::vector<std::string> variants = {}, std::string bell = "")
        : cache_(std::move(vocabulary), std::move(searchDirs), std::move(variants), std::move(bell)) {}

    struct Lookup {
        const cat::Model* model = nullptr;  // null: it could not be loaded
        std::vector<Diagnostic> diags;      // the loader's diagnostics (errors when it failed)
    };
    Lookup get(const std::string& nameOrPath);

private:
    std::mutex mutex_;
    cat::ModelCache cache_;
    std::map<std::string, std::vector<Diagnostic>> loadDiags_;
};

}  // namespace memlit::cli
