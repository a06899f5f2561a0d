#include "runner/ArchGenerator.hpp"

#include "litmus/State.hpp"

#include "litmus/Architecture.hpp"
#include "runner/AArch64Generator.hpp"
#include "runner/CGenerator.hpp"
#include "runner/PpcGenerator.hpp"
#include "runner/RiscvGenerator.hpp"
#include "runner/X86Generator.hpp"

namespace memlit::runner {

namespace {

std::unique_ptr<ArchGenerator> makeX86() { return std::make_unique<X86Generator>(); }
std::unique_ptr<ArchGenerator> makeAArch64() { return std::make_unique<AArch64Generator>(); }
std::unique_ptr<ArchGenerator> makeRiscv() { return std::make_unique<RiscvGenerator>(); }
std::unique_ptr<ArchGenerator> makePpc() { return std::make_unique<PpcGenerator>(); }
std::unique_ptr<ArchGenerator> makeC() { return std::make_unique<CGenerator>(); }

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
    {litmus::ArchId::PPC, RunKind::Harness, &makePpc},
    {litmus::ArchId::C, RunKind::Harness, &makeC},
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
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
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

std::vector<std::pair<litmus::Place, SourceLoc>> harnessBoundPlaces(const litmus::LitmusTest& test) {
    std::vector<std::pair<litmus::Place, SourceLoc>> places;
    for (const auto& e : test.init) places.emplace_back(e.place, e.loc);
    for (const auto& p : litmus::observedPlaces(test)) places.emplace_back(p, test.condition.loc);
    return places;
}

std::vector<std::pair<SourceLoc, std::string>> arrayDeclines(const litmus::LitmusTest& test) {
    std::vector<std::pair<SourceLoc, std::string>> out;
    for (const auto& e : test.init)
        if (e.cells > 0)
            out.emplace_back(e.loc, "arrays ('" + e.type + " " + e.place.name + "[" + std::to_string(e.cells) +
                                        "]'): the harness gives every location a cache line of its own");
    return out;
}

}  // namespace memlit::runner
