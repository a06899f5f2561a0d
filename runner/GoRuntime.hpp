#pragma once
/// The fixed part of every generated Go harness: the workers, the start lines, the round loop,
/// the watchdog that reports a blocked round and the protocol printer (Go source text).

namespace memlit::runner {

/// Go source placed after the generated test code; it refers to memlitInst, memlitReset,
/// memlitFinal, memlitBodies, memlitNObs and memlitThreads, which the generator defines.
const char* goHarnessRuntime();

/// Exit status of a Go harness whose round did not finish within its `-t` seconds.
inline constexpr int kGoBlockedExit = 3;

}  // namespace memlit::runner
