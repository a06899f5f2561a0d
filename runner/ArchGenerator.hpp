#pragma once
/// ArchGenerator: turns one architecture's verbatim instruction cells into GCC extended-asm
/// templates, so the harness runs exactly the test's instructions; and the one table of how
/// each architecture runs (ArchGenerator.cpp). Adding an architecture means one new
/// class and one entry in that table.

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlit::runner {

/// A test register and the hardware register that holds it while the asm runs.
struct RegBinding {
    std::string hwReg;  // GCC's name for the full-width register ("rax", "r8", "x0")
    int width = 8;      // bytes the test register names (EAX: 4), for sign extension
    bool operator==(const RegBinding&) const = default;
};

/// One thread's code as an asm template. Test registers are the hardware registers of the
/// same name (bound with `register ... asm("rax")` variables and "+r" operands); a location
/// `x` is the memory operand `%[loc_x]` of the running instance.
/// With `source` (CGenerator), `lines` are C++ statements instead, run in a block of their
/// own where `memlit_loc_x` is an `int64_t*` to location x of the running instance; an
/// observed register is the local of its name (`hwReg`), read after the statements.
struct ThreadAsm {
    std::vector<std::string> lines;      // asm template lines, `%` already escaped
    std::vector<std::string> hwRegs;     // every hardware register the code reads or writes
    std::vector<std::string> locations;  // every location used as a memory operand
    std::vector<std::string> clobbers;   // registers the code changes beyond "cc" (Power: "cr1")
    bool source = false;                 // `lines` are C++ statements, not asm
    std::vector<std::string> preamble;   // source: definitions they need, once per harness
    bool operator==(const ThreadAsm&) const = default;
};

class ArchGenerator {
public:
    virtual ~ArchGenerator() = default;

    /// True when code for `arch` runs on the machine memlit was built for.
    virtual bool runsOnHost(const std::string& arch) const = 0;
    /// Default width in bytes of a location (X86: 4, X86_64: 8).
    virtual int wordWidth(const std::string& arch) const = 0;
    /// The hardware register behind a test register name; nullopt if it is not one.
    virtual std::optional<RegBinding> bindRegister(const std::string& arch,
                                                   const std::string& name) const = 0;
    /// Translates thread `thread`'s cells; reports unsupported instructions as diagnostics.
    virtual std::optional<ThreadAsm> translate(const litmus::LitmusTest& test, int thread,
                                               Diagnostics& diags) const = 0;
    /// True when the generated code is portable source (C), built for any `--target`.
    virtual bool portable() const { return false; }
};

/// How `memlit run` executes the tests of an architecture.
enum class RunKind {
    None,       // it cannot (yet)
    Harness,    // a C++ harness around the test's instructions (or C code), from an ArchGenerator
    GoProgram,  // a Go program made from the test's program text (GoGenerator.hpp)
};

/// How a test of architecture `arch` (its header name) runs; None for an unknown name.
RunKind runKind(const std::string& arch);

/// The generator for a test's architecture, or nullptr when memlit has none.
std::unique_ptr<ArchGenerator> makeGenerator(const std::string& arch);

/// The litmus architecture names that run natively on this build's host ("X86", "X86_64").
/// Names, not records: the host may be an architecture memlit does not read yet.
std::vector<std::string> hostArchitectures();

/// True when `arch` (a header name) is one of hostArchitectures().
bool runsNatively(const std::string& arch);

/// What every inline-assembly generator checks the same way: the registers the harness binds
/// outside a thread's code (the initial state's and the observed places), with where each is
/// named, and the arrays of the initial state, which a harness giving every location a cache
/// line of its own cannot lay out (one message per declaration).
std::vector<std::pair<litmus::Place, SourceLoc>> harnessBoundPlaces(const litmus::LitmusTest& test);
std::vector<std::pair<SourceLoc, std::string>> arrayDeclines(const litmus::LitmusTest& test);

}  // namespace memlit::runner
