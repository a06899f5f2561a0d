#pragma once
/// RiscvGenerator: RISC-V litmus code as GCC extended inline asm, instruction for instruction.
/// Each cell is parsed and lowered with the checker's own RISC-V front end and printed back in
/// GNU assembler syntax; test registers are the hardware registers of the same number.

#include "runner/ArchGenerator.hpp"

namespace memlit::runner {

class RiscvGenerator : public ArchGenerator {
public:
    bool runsOnHost(const std::string& arch) const override;
    /// 4: a location without a declared type is an `int`, as in herd.
    int wordWidth(const std::string& arch) const override;
    /// `x5` and `t0` are the hardware register x5; `zero`, and the registers the compiled
    /// harness itself depends on (`sp`, `gp`, `tp`), bind to nothing.
    std::optional<RegBinding> bindRegister(const std::string& arch,
                                           const std::string& name) const override;
    std::optional<ThreadAsm> translate(const litmus::LitmusTest& test, int thread,
                                       Diagnostics& diags) const override;
};

}  // namespace memlit::runner
