#include "litmus/Architecture.hpp"

#include "litmus/FrontEnd.hpp"

#include <string>

namespace memlit::litmus {

// Each front end is defined in its architecture's folder (litmus/<arch>/); its record below
// is the only place that names it.
const FrontEnd& x86FrontEnd();
const FrontEnd& x86_64FrontEnd();
const FrontEnd& aarch64FrontEnd();
const FrontEnd& riscvFrontEnd();
const FrontEnd& ppcFrontEnd();
const FrontEnd& goFrontEnd();
const FrontEnd& cFrontEnd();

namespace {

/// Fence tags: `DMB.ISH`, `DSB.SY`, ... for every barrier option, then `ISB`.
std::vector<std::string_view> aarch64Tags() {
    static const std::vector<std::string> fences = [] {
        std::vector<std::string> out;
        for (const char* kind : {"DMB", "DSB"})
            for (const char* opt : {"SY", "ST", "LD", "ISH", "ISHST", "ISHLD", "OSH", "OSHST", "OSHLD", "NSH",
                                    "NSHST", "NSHLD"})
                out.push_back(std::string(kind) + "." + opt);
        return out;
    }();
    // A: acquire, Q: acquire-PC, L: release, X: exclusive or atomic, NoRet: result discarded.
    std::vector<std::string_view> tags = {"A", "Q", "L", "X", "NoRet", "ISB"};
    tags.insert(tags.end(), fences.begin(), fences.end());
    return tags;
}

}  // namespace

const std::vector<Architecture>& architectures() {
    // X: a locked (atomic) access; the fences by their mnemonics.
    static const std::vector<std::string_view> x86 = {"X", "MFENCE", "LFENCE", "SFENCE"};
    static const std::vector<Architecture> all = {
        {ArchId::X86, "X86", "tso", {64, true}, x86, &x86FrontEnd()},
        {ArchId::X86_64, "X86_64", "tso", {64, true}, x86, &x86_64FrontEnd()},
        // herd's default type is `int`: AArch64's W results are 32-bit.
        {ArchId::AArch64, "AArch64", "aarch64", {32, true}, aarch64Tags(), &aarch64FrontEnd()},
        // AQ, RL: the .aq/.rl annotations; X: LR, SC and AMO accesses (AMO: an AMO's); fences by their sets.
        {ArchId::RISCV, "RISCV", "riscv", {32, true},
         {"AQ", "RL", "X", "AMO", "Fence.r.r", "Fence.r.w", "Fence.r.rw", "Fence.w.r", "Fence.w.w", "Fence.w.rw",
          "Fence.rw.r", "Fence.rw.w", "Fence.rw.rw", "Fence.tso", "Fence.i"},
         &riscvFrontEnd()},
        // Registers are 64-bit, but herd prints an undeclared place as `int`, as for AArch64.
        // The barriers by their mnemonics (hwsync is SYNC); X: lwarx/stwcx. accesses.
        {ArchId::PPC, "PPC", "power", {32, true}, {"SYNC", "LWSYNC", "ISYNC", "EIEIO", "X"}, &ppcFrontEnd()},
        // The Go lowering's synchronisation tags (litmus/go/GoLowering.hpp, docs/go.md).
        {ArchId::Go, "Go", "go", {64, true},
         {"AT", "LOCK", "UNLOCK", "WG", "ONCE", "GO", "CHAN", "CHIDX", "RLOCK", "RUNLOCK", "PROBE"},
         &goFrontEnd()},
        // C11 memory orders (NA: a plain access, A: an atomic one; RMW: both halves of a kernel
        // read-modify-write, herd's set) and the Linux-kernel primitives' tags (litmus/c/CLowering.hpp,
        // docs/c.md; RL/RU, herd's spin_is_locked reads, are declared for the stock bell and
        // never attached); herd's default type is `int`.
        {ArchId::C, "C", "rc11", {32, true},
         {"A", "RMW", "NA", "RLX", "ACQ", "REL", "ACQ_REL", "SC", "Once", "Acquire", "Release", "Noreturn", "Mb", "Rmb", "Wmb",
          "Barrier", "Before-atomic", "After-atomic", "After-spinlock", "After-unlock-lock", "Rcu-lock",
          "Rcu-unlock", "Sync-rcu", "Srcu-lock", "Srcu-unlock", "Sync-srcu", "After-srcu-read-unlock", "LKR", "LKW", "UL", "LF",
          "RL", "RU"},
         &cFrontEnd()},
    };
    return all;
}

const Architecture* findArchitecture(const std::vector<Architecture>& known, std::string_view name) {
    for (const auto& a : known)
        if (a.name == name) return &a;
    return nullptr;
}

const Architecture* findArchitecture(std::string_view name) { return findArchitecture(architectures(), name); }

std::vector<std::string_view> tableArchitectureNames(const std::vector<Architecture>& known) {
    std::vector<std::string_view> out;
    for (const auto& a : known)
        if (a.frontEnd->kind() == FrontEnd::Kind::Table) out.push_back(a.name);
    return out;
}

std::optional<std::string> modelMismatch(std::string_view arch, std::string_view model) {
    const Architecture* test = findArchitecture(arch);
    if (!test || test->id != ArchId::C) return std::nullopt;
    std::string users;  // the hardware architectures whose default model this is
    for (const auto& a : architectures())
        if (a.frontEnd->kind() == FrontEnd::Kind::Table && a.id != ArchId::C && a.defaultModel == model)
            users += (users.empty() ? "" : ", ") + std::string(a.name);
    if (users.empty()) return std::nullopt;
    return "model '" + std::string(model) + "' is a model of " + users +
           " hardware, not of C; check a C test with rc11 (C11 atomics) or lkmm (Linux-kernel primitives)";
}

}  // namespace memlit::litmus
