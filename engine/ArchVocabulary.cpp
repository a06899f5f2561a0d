#include "engine/ArchVocabulary.hpp"

#include "litmus/Architecture.hpp"

#include <string>
#include <vector>

namespace memlit::engine {

const cat::Vocabulary& architectureVocabulary() {
    static const cat::Vocabulary vocabulary = [] {
        std::vector<std::string> tags;
        for (const auto& a : litmus::architectures())
            for (auto t : a.tags) tags.emplace_back(t);
        return cat::Vocabulary(std::move(tags));
    }();
    return vocabulary;
}

}  // namespace memlit::engine
