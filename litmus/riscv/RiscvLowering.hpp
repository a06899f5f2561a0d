#pragma once
/// RiscvLowering: what RISC-V instructions do, as IR ops (docs/riscv.md). Registers are the
/// 64-bit `x0`..`x31` (x0 reads 0, writes to it vanish). Tags: AQ and RL for the `.aq`/`.rl`
/// annotations, X for the accesses of LR, SC and AMOs, fences `Fence.<pred>.<succ>`,
/// `Fence.tso`, `Fence.i`.

#include "litmus/riscv/RiscvSyntax.hpp"
#include "litmus/table/Dialect.hpp"
#include "litmus/Program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::litmus::rv {

using EK = Expr::Kind;

inline Expr c(std::int64_t v) { return Expr::constant(v); }
inline Expr bin(EK k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }
/// The value `e` truncated to its low `bits` bits and sign-extended back (bits < 64).
Expr signExtend(Expr e, int bits);
/// The value `e` truncated to its low `bits` bits (bits < 64).
Expr zeroExtend(Expr e, int bits);
/// signExtend(e, 32) for a sum or difference of two 32-bit values, with comparisons instead
/// of bit operations, which the solver finds far cheaper.
Expr wrap32(Expr e);
/// 1 when a < b as unsigned 64-bit numbers, else 0.
Expr lessUnsigned(Expr a, Expr b);

/// The lowering of one instruction; the memory half lives in RiscvMemory.cpp, the rest in
/// RiscvCompute.cpp.
class Lowering {
public:
    Lowering(const RvInstr& in, ThreadBuilder& out) : in_(in), out_(out) {}
    /// Emits the instruction's ops; reports bad operands and returns false on error.
    bool run();

private:
    // Operands.
    bool arity(std::size_t n);
    bool bad(const RvOperand& o);
    bool expect(std::size_t i, RvOperand::Kind k);
    const RvOperand& opnd(std::size_t i) const { return in_.operands[i]; }
    Expr read(std::size_t i) const;  // a register operand's value (x0 is 0)
    void write(std::size_t i, Expr v);  // to a register operand (x0: nothing)
    void emit(OpKind k) { out_.emit(std::move(k), in_.loc); }
    std::string temp() { return out_.freshTemp(); }
    bool unsupported(const std::string& what);

    // RiscvCompute.cpp
    bool compute();
    bool registerOp(const std::string& op);
    bool immediateOp(const std::string& op);
    bool branch(const std::string& op);

    // RiscvMemory.cpp
    /// nullopt when the mnemonic is not a memory access; else whether it lowered.
    std::optional<bool> memory();
    bool loadStore(bool load, int width, bool zeroExt, const std::vector<std::string>& tags);
    bool loadReserved(int width, std::vector<std::string> tags);
    bool storeConditional(int width, std::vector<std::string> tags);
    bool amo(const std::string& kind, int width, const std::vector<std::string>& tags);
    bool fence();
    Expr address(std::size_t i) const;  // of a Mem operand

    const RvInstr& in_;
    ThreadBuilder& out_;
};

}  // namespace memlit::litmus::rv
