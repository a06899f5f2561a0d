#pragma once
/// Emit: a self-contained directory to run litmus tests on another machine: one harness
/// source per test, a Makefile that builds them and writes `results.json` (the schema of
/// `memlit run --json`, readable by `memlit compare`), and a README.

#include "runner/HarnessSource.hpp"

#include <string>
#include <vector>

namespace memlit::runner {

struct EmittedTest {
    std::string name;  // test name
    HarnessSource source;
};

/// A file-system-safe, unique stem per test ("MP+mfence" stays, "a/b" becomes "a_b").
std::vector<std::string> emitStems(const std::vector<std::string>& names);

/// Writes DIR/<stem>.cpp, DIR/Makefile and DIR/README.md; false with `error` on I/O failure.
/// A non-empty `cxx` (a cross compiler: `--target`) is the Makefile's default compiler; a
/// non-empty `emulator` (`qemu-riscv64`) is the one the Makefile and README suggest for EXEC.
bool emitDirectory(const std::string& dir, const std::vector<EmittedTest>& tests,
                   const std::vector<std::string>& cxxFlags, std::string& error,
                   const std::string& cxx = {}, const std::string& emulator = {});

/// The Makefile text for the given stems (`cxx` and `emulator` as for emitDirectory).
std::string emitMakefile(const std::vector<std::string>& stems, const std::vector<std::string>& cxxFlags,
                         const std::string& cxx = {}, const std::string& emulator = {});

}  // namespace memlit::runner
