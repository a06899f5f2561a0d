#pragma once
/// CPrimitives: what each name a C litmus test calls or declares becomes in the harness
/// (CGenerator): C11 atomics as GCC `__atomic` builtins with the test's orders, the Linux
/// kernel's primitives as their user-space equivalents, the C types as C++ typedefs. Each is
/// a macro of the same name, so the thread's code is compiled as written. The one table of
/// the mapping; docs/hardware.md ("C tests") prints it.

#include <optional>
#include <string>
#include <vector>

namespace memlit::runner {

struct CPrimitive {
    std::vector<std::string> definitions;  // the `#define` / `typedef` lines it needs
    bool kernel = false;                   // a Linux-kernel primitive (or kernel type)
    std::string declined;                  // non-empty: why it cannot run on hardware
};

/// The function `name` a thread calls (`atomic_load_explicit`, `smp_mb`, `xchg_relaxed`, ...),
/// exactly as the C front end reads it; nullopt when it is none memlit knows.
std::optional<CPrimitive> cCall(const std::string& name);

/// A type word (`atomic_int`, `spinlock_t`, `_Atomic`) or constant (`memory_order_acquire`)
/// that needs a definition; nullopt for C++'s own (`int`, `int64_t`) and every other name.
std::optional<CPrimitive> cName(const std::string& name);

}  // namespace memlit::runner
