#pragma once
/// The fixed part of every generated harness: instance memory, the per-instance and per-round
/// barriers, thread pinning, the outcome hash table and the text/JSON output. Kept as text so
/// an emitted directory needs nothing but a C++ compiler.

namespace memlit::runner {

/// The harness runtime, in three pieces placed one after the other, after the generated test
/// tables and before the generated thread code: memory, barriers and the round loop; output
/// (HarnessOutput.cpp); and `main`.
const char* harnessRuntime();
const char* harnessOutput();
const char* harnessMain();

/// Version of the text protocol the harness prints (`memlit-harness N` on its first line).
inline constexpr int kHarnessProtocol = 1;

}  // namespace memlit::runner
