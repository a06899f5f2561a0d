#pragma once
/// AArch64Semantics: what AArch64 instructions do, as IR ops. Conventions (docs/aarch64.md):
/// - W<n> and X<n> are one IR register `X<n>`. A W-view result is kept sign-extended from
///   32 bits, which is how herd prints registers and locations of the default type `int`.
/// - The flags live in pseudo-registers %N %Z %C %V (0 or 1).
/// - Tags: A (acquire), Q (acquire-PC), L (release), X (exclusive or atomic), NoRet (the read
///   of an atomic whose destination is the zero register); fences `DMB.<opt>`, `DSB.<opt>`, `ISB`.

#include "litmus/aarch64/AArch64Syntax.hpp"
#include "litmus/ThreadBuilder.hpp"
#include "litmus/Program.hpp"

#include <string>
#include <vector>

namespace memlit::litmus {

/// Emits the ops of one instruction; reports bad operands and returns false on error.
bool lowerA64(const A64Instr& in, ThreadBuilder& out);

namespace a64 {

using EK = Expr::Kind;

/// The value `e` truncated to `bits` and sign-extended back (bits < 64).
Expr signExtend(Expr e, int bits);
/// signExtend(e, 32) for |e| < 2^32 + 2^31 (a sum or difference of two 32-bit values),
/// with comparisons instead of bit operations: far cheaper for the solver.
Expr wrap32(Expr e);
/// The value `e` truncated to its low `bits` bits (bits < 64).
Expr zeroExtend(Expr e, int bits);

/// Shared state and helpers of one instruction's lowering; the memory half lives in
/// AArch64Memory.cpp, the rest in AArch64Semantics.cpp.
class Lowering {
public:
    Lowering(const A64Instr& in, ThreadBuilder& out) : in_(in), out_(out) {}
    bool run();

    // Operand access.
    bool bad(const A64Operand& o);
    bool arity(std::size_t lo, std::size_t hi);
    bool isReg(std::size_t i) const;
    const A64Operand& opnd(std::size_t i) const { return in_.operands[i]; }
    /// The value of a register operand in its view (W: sign-extended 32-bit value).
    Expr read(const A64Reg& r);
    /// Writes a register in its view; `canonical` says the value is already what the view
    /// holds (so no sign-extension is needed). Writes to the zero register vanish.
    void write(const A64Reg& r, Expr v, bool canonical = false);
    void emit(OpKind k) { out_.emit(std::move(k), in_.loc); }
    std::string temp() { return out_.freshTemp(); }
    /// Reports "unsupported feature: ..." for this instruction.
    bool unsupported(const std::string& what);

    // Memory instructions (AArch64Memory.cpp).
    bool memoryOp();
    static bool isMemoryOp(const std::string& op);

private:
    bool arithmetic();
    bool logical();
    bool moves();
    bool conditional();
    bool branch();
    bool bitfield();
    bool multiply();
    bool reverse();
    /// The second source operand (register with optional shift/extension, or immediate)
    /// starting at index i; `canonical` tells whether it is a W-canonical value.
    std::optional<Expr> operand2(std::size_t i, bool wide, bool& canonical);
    void setFlagsNZ(const Expr& result, bool wide);

    // Memory helpers.
    std::optional<Expr> address(const A64Operand& m, std::optional<Expr>& writeback);
    bool loadStore(const std::string& op);
    bool pair(const std::string& op);
    bool exclusive(const std::string& op);
    bool atomic(const std::string& op);
    bool cas(const std::string& op);
    bool casPair(const std::string& op);
    bool exclusivePair(const std::string& op);

    const A64Instr& in_;
    ThreadBuilder& out_;
};

/// The IR condition for a condition code over the flag registers (EQ -> %Z, ...).
Expr condition(const std::string& code);

}  // namespace a64
}  // namespace memlit::litmus
