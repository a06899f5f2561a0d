// libFuzzer target: `check` end to end on small inputs — parse (any architecture), unroll,
// and enumerate every candidate execution under the architecture's default model. Tests with
// more than kMaxCandidates candidates are skipped, so that each input takes milliseconds.

#include "cat/Model.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/BruteForce.hpp"
#include "engine/PreparedTest.hpp"
#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace {

constexpr std::uint64_t kMaxCandidates = 2000;

const memlit::cat::Model* modelFor(const std::string& name) {
    static std::map<std::string, std::optional<memlit::cat::Model>> cache;
    auto it = cache.find(name);
    if (it == cache.end()) {
        memlit::Diagnostics diags;
        it = cache.emplace(name, memlit::cat::loadModel(name, memlit::engine::architectureVocabulary(), diags)).first;
    }
    return it->second ? &*it->second : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    memlit::Diagnostics diags;
    auto test = memlit::litmus::parseLitmus(text, "fuzz.litmus", diags);
    if (!test) return 0;
    const memlit::litmus::Architecture* arch = memlit::litmus::findArchitecture(test->arch);
    if (!arch) return 0;
    auto prepared = memlit::engine::prepare(std::move(*test), diags);
    if (!prepared || prepared->candidates > kMaxCandidates) return 0;
    const memlit::cat::Model* model = modelFor(std::string(arch->defaultModel));
    if (!model) return 0;
    memlit::engine::BruteForceEngine engine(kMaxCandidates);
    (void)engine.check(*prepared, *model, {}, diags);
    return 0;
}
