#pragma once
/// AArch64Generator: AArch64 litmus code as GCC extended inline asm, instruction for
/// instruction. Each cell is parsed with the checker's own AArch64 syntax and printed back in
/// GNU assembler syntax; test registers are the hardware registers of the same number.

#include "runner/ArchGenerator.hpp"

namespace memlit::runner {

class AArch64Generator : public ArchGenerator {
public:
    bool runsOnHost(const std::string& arch) const override;
    /// 4: a location without a declared type is an `int`, as in herd.
    int wordWidth(const std::string& arch) const override;
    /// `X3` and `W3` are the hardware register x3; `XZR`, `SP` and names that are not
    /// general-purpose registers bind to nothing.
    std::optional<RegBinding> bindRegister(const std::string& arch,
                                           const std::string& name) const override;
    std::optional<ThreadAsm> translate(const litmus::LitmusTest& test, int thread,
                                       Diagnostics& diags) const override;
};

}  // namespace memlit::runner
