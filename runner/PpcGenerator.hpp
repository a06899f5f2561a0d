#pragma once
/// PpcGenerator: Power litmus code as GCC extended inline asm, instruction for instruction.
/// Each cell is parsed and lowered with the checker's own Power front end and printed back in
/// GNU assembler syntax (`%r3`, `%cr1`); test registers are the hardware registers of the
/// same number.

#include "runner/ArchGenerator.hpp"

namespace memlit::runner {

class PpcGenerator : public ArchGenerator {
public:
    bool runsOnHost(const std::string& arch) const override;
    /// 4: a location without a declared type is an `int`, as in herd.
    int wordWidth(const std::string& arch) const override;
    /// `r5` is the hardware register r5; `r1`, `r2` and `r13`, which the compiled harness itself
    /// depends on (stack, TOC and thread pointers), run in r28, r29 and r30.
    std::optional<RegBinding> bindRegister(const std::string& arch,
                                           const std::string& name) const override;
    std::optional<ThreadAsm> translate(const litmus::LitmusTest& test, int thread,
                                       Diagnostics& diags) const override;
};

}  // namespace memlit::runner
