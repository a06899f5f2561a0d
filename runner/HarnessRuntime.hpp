#pragma once
/// The fixed part of every generated harness: instance memory, the per-instance and per-round
/// barriers, thread pinning, the outcome hash table and the text/JSON output. Kept as text so
/// an emitted directory needs nothing but a C++ compiler.

namespace memlit::runner {

/// C++ source placed after the generated test tables and before the generated thread code.
const char* harnessRuntime();

/// Version of the text protocol the harness prints (`memlit-harness N` on its first line).
inline constexpr int kHarnessProtocol = 1;

}  // namespace memlit::runner
