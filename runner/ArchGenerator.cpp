#include "runner/ArchGenerator.hpp"

#include "litmus/Architecture.hpp"
#include "runner/AArch64Generator.hpp"
#include "runner/RiscvGenerator.hpp"
#include "runner/X86Generator.hpp"

namespace memlit::runner {

namespace {

std::unique_ptr<ArchGenerator> makeX86() { return std::make_unique<X86Generator>(); }
std::unique_ptr<ArchGenerator> makeAArch64() { return std::make_unique<AArch64Generator>(); }
std::unique_ptr<ArchGenerator> makeRiscv() { return std::make_unique<RiscvGenerator>(); }

/// How one architecture runs; `make` is set for RunKind::Harness only.
struct ArchRunner {
    litmus::ArchId arch;
    RunKind kind;
    std::unique_ptr<ArchGenerator> (*make)();
};

// The one place that ties an architecture to the way memlit runs it; an architecture not
// listed is checked by `memlit check` but not run.
const ArchRunner kRunners[] = {
    {litmus::ArchId::X86, RunKind::Harness, &makeX86},
    {litmus::ArchId::X86_64, RunKind::Harness, &makeX86},
    {litmus::ArchId::AArch64, RunKind::Harness, &makeAArch64},
    {litmus::ArchId::RISCV, RunKind::Harness, &makeRiscv},
    {litmus::ArchId::Go, RunKind::GoProgram, nullptr},
};

const ArchRunner* findRunner(const std::string& arch) {
    const litmus::Architecture* a = litmus::findArchitecture(arch);
    if (!a) return nullptr;
    for (const auto& r : kRunners)
        if (r.arch == a->id) return &r;
    return nullptr;
}

}  // namespace

RunKind runKind(const std::string& arch) {
    const ArchRunner* r = findRunner(arch);
    return r ? r->kind : RunKind::None;
}

std::unique_ptr<ArchGenerator> makeGenerator(const std::string& arch) {
    const ArchRunner* r = findRunner(arch);
    return r && r->make ? r->make() : nullptr;
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

bool runsNatively(const std::string& arch) {
    const litmus::Architecture* a = litmus::findArchitecture(arch);
    if (!a) return false;
    for (const auto& host : hostArchitectures())
        if (litmus::findArchitecture(host) == a) return true;
    return false;
}

}  // namespace memlit::runner
