// AArch64 lowering of the register-only instructions: conditional selects, branches,
// bitfields, multiplies and bit reversal (loads, stores, moves and arithmetic are in
// AArch64Semantics.cpp and AArch64Memory.cpp).

#include "litmus/aarch64/AArch64Helpers.hpp"
#include "litmus/aarch64/AArch64Semantics.hpp"

#include <algorithm>
#include <cstdint>

namespace memlit::litmus {
namespace a64 {

// CSEL, CSINC, CSINV, CSNEG, CSET, CSETM, CINC, CINV, CNEG.
bool Lowering::conditional() {
    const std::string& op = in_.op;
    bool set = op == "CSET" || op == "CSETM";
    bool unary = op == "CINC" || op == "CINV" || op == "CNEG";
    std::size_t n = set ? 2 : unary ? 3 : 4;
    if (!arity(n, n)) return false;
    for (std::size_t i = 0; i + 1 < n; ++i)
        if (!isReg(i)) return bad(opnd(i));
    if (opnd(n - 1).kind != OK::Cond) return bad(opnd(n - 1));
    const A64Reg& d = opnd(0).reg;
    Expr cond = condition(opnd(n - 1).word);
    // CSET and CSETM select between constants: like herd, no dependency on the flags.
    if (op == "CSET" || op == "CSETM") {
        write(d, Expr::ite(std::move(cond), c(op == "CSET" ? 1 : -1), c(0)), true);
        return true;
    }
    Expr a = read(opnd(1).reg);
    Expr b = unary ? a : read(opnd(2).reg);
    if (unary) cond = lnot(std::move(cond));  // CINC d,n,cc = CSINC d,n,n,invert(cc)
    std::string base = unary ? "CS" + op.substr(1) : op;
    if (base == "CSINC") b = bin(EK::Add, std::move(b), c(1));
    if (base == "CSINV") b = bitNot(std::move(b));
    if (base == "CSNEG") b = bin(EK::Sub, c(0), std::move(b));
    write(d, Expr::ite(std::move(cond), std::move(a), std::move(b)), base == "CSEL" || base == "CSINV");
    return true;
}

// B, B.cond, CBZ, CBNZ, TBZ, TBNZ.
bool Lowering::branch() {
    const std::string& op = in_.op;
    std::size_t n = op == "TBZ" || op == "TBNZ" ? 3 : op == "CBZ" || op == "CBNZ" ? 2 : 1;
    if (!arity(n, n)) return false;
    const A64Operand& target = opnd(n - 1);
    if (target.kind != OK::Label) return bad(target);
    Expr cond = c(1);
    if (op.rfind("B.", 0) == 0) {
        if (!isA64Condition(op.substr(2))) {
            out_.error(in_.loc, "unknown condition '" + in_.written.substr(2) + "' in '" + in_.written + "'");
            return false;
        }
        cond = condition(op.substr(2));
    } else if (op != "B") {
        if (!isReg(0)) return bad(opnd(0));
        Expr v = read(opnd(0).reg);
        if (n == 3) {
            if (opnd(1).kind != OK::Imm || opnd(1).imm < 0 || opnd(1).imm >= 64) return bad(opnd(1));
            v = bin(EK::And, bin(EK::Shr, std::move(v), c(opnd(1).imm)), c(1));
        }
        bool zero = op == "CBZ" || op == "TBZ";
        cond = bin(zero ? EK::Eq : EK::Ne, std::move(v), c(0));
    }
    emit(Branch{std::move(cond), target.word});
    return true;
}

// UBFM, SBFM: extract a bit field, or insert the low bits at the top (immr > imms).
bool Lowering::bitfield() {
    if (!arity(4, 4)) return false;
    if (!isReg(0)) return bad(opnd(0));
    if (!isReg(1)) return bad(opnd(1));
    const A64Reg& d = opnd(0).reg;
    const int width = d.wide ? 64 : 32;
    for (std::size_t i = 2; i < 4; ++i)
        if (opnd(i).kind != OK::Imm || opnd(i).imm < 0 || opnd(i).imm >= width) return bad(opnd(i));
    const int immr = static_cast<int>(opnd(2).imm), imms = static_cast<int>(opnd(3).imm);
    bool sign = in_.op == "SBFM";
    Expr src = zeroExtend(read(opnd(1).reg), width);
    Expr r;
    if (imms >= immr) {
        int len = imms - immr + 1;
        Expr field = bin(EK::Shr, std::move(src), c(immr));
        r = sign ? signExtend(std::move(field), len) : zeroExtend(std::move(field), len);
    } else {
        Expr low = sign ? signExtend(std::move(src), imms + 1) : zeroExtend(std::move(src), imms + 1);
        r = bin(EK::Shl, std::move(low), c(width - immr));
    }
    write(d, zeroExtend(std::move(r), width));
    return true;
}

// MUL, MADD, MSUB, MNEG and the long forms SMULL, UMULL, SMADDL, ...
bool Lowering::multiply() {
    const std::string& op = in_.op;
    bool accumulate = op.find("ADD") != std::string::npos || op.find("SUB") != std::string::npos;
    std::size_t n = accumulate ? 4 : 3;
    if (!arity(n, n)) return false;
    for (std::size_t i = 0; i < n; ++i)
        if (!isReg(i)) return bad(opnd(i));
    bool isLong = op.back() == 'L';
    bool unsignedLong = isLong && op[0] == 'U';
    auto src = [&](std::size_t i) {
        Expr v = read(opnd(i).reg);
        return unsignedLong ? zeroExtend(std::move(v), 32) : v;
    };
    Expr p = bin(EK::Mul, src(1), src(2));
    if (accumulate) p = bin(op.find("ADD") != std::string::npos ? EK::Add : EK::Sub, read(opnd(3).reg), std::move(p));
    else if (op.find("NEG") != std::string::npos) p = bin(EK::Sub, c(0), std::move(p));
    write(opnd(0).reg, std::move(p));
    return true;
}

// REV, REV16, REV32, REV64, RBIT: reverse the order of `chunk`-bit pieces inside each
// `group`-bit part of the value.
bool Lowering::reverse() {
    const std::string& op = in_.op;
    if (!arity(2, 2)) return false;
    if (!isReg(0)) return bad(opnd(0));
    if (!isReg(1)) return bad(opnd(1));
    const A64Reg& d = opnd(0).reg;
    const int width = d.wide ? 64 : 32;
    int chunk = 8, group = width;
    if (op == "RBIT") chunk = 1;
    else if (op == "REV16") group = 16;
    else if (op == "REV32") group = 32;
    if ((op == "REV32" || op == "REV64") && !d.wide) return bad(opnd(0));
    Expr v = zeroExtend(read(opnd(1).reg), width);
    Expr r = c(0);
    for (int g = 0; g < width; g += group)
        for (int i = 0; i < group; i += chunk) {
            int from = g + i, to = g + group - chunk - i;
            Expr piece = bin(EK::And, bin(EK::Shr, v, c(from)), c(lowMask(chunk)));
            r = bin(EK::Or, std::move(r), bin(EK::Shl, std::move(piece), c(to)));
        }
    write(d, std::move(r));
    return true;
}

}  // namespace a64
}  // namespace memlit::litmus
