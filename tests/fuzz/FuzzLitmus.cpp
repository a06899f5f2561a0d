// libFuzzer target: one front end. The input is a test's body; the header `ARCH fuzz` of the
// architecture this target is built for (MEMLIT_FUZZ_ARCH) is put in front of it, so every
// execution reaches that front end. A parsed test is also unrolled into events.

#include "engine/PreparedTest.hpp"
#include "litmus/Parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = std::string(MEMLIT_FUZZ_ARCH) + " fuzz\n";
    text.append(reinterpret_cast<const char*>(data), size);
    memlit::Diagnostics diags;
    auto test = memlit::litmus::parseLitmus(text, "fuzz.litmus", diags);
    if (test) (void)memlit::engine::prepare(std::move(*test), diags);
    return 0;
}
