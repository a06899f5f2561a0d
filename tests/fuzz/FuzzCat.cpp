// libFuzzer target: the cat parser and name resolution, on a model text (with the prelude).

#include "cat/Model.hpp"
#include "cat/Resolve.hpp"
#include "engine/ArchVocabulary.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    memlit::Diagnostics diags;
    auto model = memlit::cat::parseModel(text, "fuzz.cat", diags);
    if (model) (void)memlit::cat::resolve(*model, memlit::engine::architectureVocabulary(), diags);
    return 0;
}
