#pragma once
/// X86Generator: x86 litmus code as GCC AT&T inline asm. Herd's Intel-syntax X86 cells
/// (`MOV [x],$1`, `LOCK XADD [x],EAX`) are translated operand by operand; X86_64 cells are
/// already AT&T (`movq $1,(x)`) and only get their operands bound.

#include "runner/ArchGenerator.hpp"

namespace memlit::runner {

class X86Generator : public ArchGenerator {
public:
    bool runsOnHost(const std::string& arch) const override;
    int wordWidth(const std::string& arch) const override;
    std::optional<RegBinding> bindRegister(const std::string& arch,
                                           const std::string& name) const override;
    std::optional<ThreadAsm> translate(const litmus::LitmusTest& test, int thread,
                                       Diagnostics& diags) const override;
};

}  // namespace memlit::runner
