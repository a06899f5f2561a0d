#pragma once
/// PpcLowering: what Power instructions do, as IR ops (docs/power.md). Registers are the
/// 64-bit `r0`..`r31`; a base register `r0` in an address (and in `addi`/`addis`) reads as
/// 0, the ISA's `(RA|0)`. A condition-register field `cr<n>` is one IR register whose sign
/// is the result of the last comparison: negative LT, positive GT, 0 EQ (a signed compare
/// leaves the difference, so the field depends on both operands). A failed `stwcx.` leaves
/// 2: not EQ, as beq/bne need (its LT and GT, which no litmus test reads, show as GT).
/// Tags: SYNC, LWSYNC, ISYNC, EIEIO for the barriers, X for the accesses of reservations.

#include "litmus/ppc/PpcSyntax.hpp"
#include "litmus/Program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::litmus::ppc {

using EK = Expr::Kind;

inline Expr c(std::int64_t v) { return Expr::constant(v); }
inline Expr bin(EK k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }

/// What a signed comparison of a with b leaves in a condition-register field: a - b.
Expr compareCode(Expr a, Expr b);
/// What an unsigned comparison leaves: -1, 1 or 0, depending on both a and b.
Expr compareUnsigned(Expr a, Expr b);
/// 1 when a < b as unsigned 64-bit numbers, else 0.
Expr lessUnsigned(Expr a, Expr b);

/// The lowering of one instruction; the memory half lives in PpcMemory.cpp, the register half
/// in PpcCompute.cpp.
class Lowering {
public:
    Lowering(const PpcInstr& in, ThreadBuilder& out) : in_(in), out_(out) {}
    /// Emits the instruction's ops; reports bad operands and returns false on error.
    bool run();

private:
    using OK = PpcOperand::Kind;
    // Operands.
    bool arity(std::size_t n);
    bool expect(std::size_t i, OK k);
    const PpcOperand& opnd(std::size_t i) const { return in_.operands[i]; }
    Expr read(std::size_t i) const { return Expr::reg(opnd(i).reg); }
    Expr baseOrZero(const std::string& r) const { return r == "r0" ? c(0) : Expr::reg(r); }
    void write(std::size_t i, Expr v) { emit(Assign{opnd(i).reg, std::move(v)}); }
    void emit(OpKind k) { out_.emit(std::move(k), in_.loc); }
    std::string temp() { return out_.freshTemp(); }
    bool unsupported(const std::string& what);
    bool unknown();

    // PpcCompute.cpp
    bool compute();
    bool arithmetic(const std::string& op);
    bool compare(const std::string& op);
    bool branch(const std::string& op);
    bool rotate(const std::string& op);

    // PpcMemory.cpp
    /// nullopt when the mnemonic is not a memory access or barrier; else whether it lowered.
    std::optional<bool> memory();
    /// The effective address of a D-form (`d(rA)`, `d,rA`) or X-form (`rA,rB`) access whose
    /// address operands start at operand `from`; nullopt after a diagnostic.
    std::optional<Expr> address(std::size_t from, bool indexed);
    bool load(int width, bool indexed, bool signExt);
    bool store(int width, bool indexed);
    bool loadReserved(int width);
    bool storeConditional(int width);

    const PpcInstr& in_;
    ThreadBuilder& out_;
};

}  // namespace memlit::litmus::ppc
