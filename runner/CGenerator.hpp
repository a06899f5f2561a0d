#pragma once
/// CGenerator: a C litmus test (C11 atomics or Linux-kernel primitives) on the hardware. Each
/// thread function's body becomes C++ statements run by the same harness as the asm tests: the
/// test's own code, with its parameters bound to the running instance's locations, C11
/// atomics as GCC `__atomic` builtins with the test's memory orders and the kernel primitives
/// as their user-space equivalents (the table in docs/hardware.md, "C tests"). Plain accesses
/// stay plain. What has no faithful equivalent (RCU, SRCU) is declined at its position.

#include "runner/ArchGenerator.hpp"

namespace memlit::runner {

class CGenerator : public ArchGenerator {
public:
    bool runsOnHost(const std::string&) const override { return true; }
    /// C's `int`: a location not declared otherwise is 4 bytes.
    int wordWidth(const std::string&) const override { return 4; }
    /// A test register is the thread's local of that name.
    std::optional<RegBinding> bindRegister(const std::string& arch, const std::string& name) const override;
    std::optional<ThreadAsm> translate(const litmus::LitmusTest& test, int thread, Diagnostics& diags) const override;
    bool portable() const override { return true; }
};

/// True when a C test calls a Linux-kernel primitive (READ_ONCE, smp_mb, spin_lock, ...):
/// `memlit run` then judges it by lkmm rather than rc11.
bool usesKernelPrimitives(const litmus::LitmusTest& test);

}  // namespace memlit::runner
