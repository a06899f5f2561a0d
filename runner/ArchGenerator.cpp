#include "runner/ArchGenerator.hpp"

#include "runner/X86Generator.hpp"

namespace memlit::runner {

std::unique_ptr<ArchGenerator> makeGenerator(const std::string& arch) {
    std::unique_ptr<ArchGenerator> candidates[] = {std::make_unique<X86Generator>()};
    for (auto& g : candidates)
        if (g->accepts(arch)) return std::move(g);
    return nullptr;
}

std::vector<std::string> hostArchitectures() {
#if defined(__x86_64__)
    return {"X86", "X86_64"};
#elif defined(__aarch64__)
    return {"AArch64"};
#elif defined(__riscv) && __riscv_xlen == 64
    return {"RISCV"};
#elif defined(__powerpc64__)
    return {"PPC"};
#else
    return {};
#endif
}

}  // namespace memlit::runner
