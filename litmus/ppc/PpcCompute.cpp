// The register half of PpcLowering: moves, arithmetic, logic, rotations, comparisons into
// a condition-register field, and branches on it.

#include "litmus/ppc/PpcLowering.hpp"

#include <algorithm>
#include <array>
#include <climits>

namespace memlit::litmus::ppc {

namespace {

/// The low 32 bits of v, sign-extended (exact, by bit operations: for the rare word-only
/// instructions).
Expr signExtend32(Expr v) {
    const std::int64_t sign = std::int64_t{1} << 31;
    return bin(EK::Sub, bin(EK::Xor, bin(EK::And, std::move(v), c(0xffffffffLL)), c(sign)), c(sign));
}

/// The 64-bit mask with ones from bit mb to bit me in the ISA's numbering (bit 0 is the most
/// significant); wraps around when mb > me.
std::int64_t maskBits(int mb, int me) {
    std::uint64_t m = 0;
    for (int i = mb;; i = (i + 1) % 64) {
        m |= std::uint64_t{1} << (63 - i);
        if (i == me) break;
    }
    return static_cast<std::int64_t>(m);
}

}  // namespace

Expr compareCode(Expr a, Expr b) { return bin(EK::Sub, std::move(a), std::move(b)); }

Expr compareUnsigned(Expr a, Expr b) {
    // A selection depends only on what it selects (Events.cpp): the product with 0 carries
    // the dependency on both operands that a branch on the field must keep.
    Expr carry = bin(EK::Mul, bin(EK::Add, a, b), c(0));
    Expr code = Expr::ite(lessUnsigned(a, b), c(-1), Expr::ite(lessUnsigned(b, a), c(1), c(0)));
    return bin(EK::Add, std::move(code), std::move(carry));
}

Expr lessUnsigned(Expr a, Expr b) {
    // Same sign: the signed order. Otherwise the non-negative one is the smaller.
    Expr sameSign = bin(EK::Eq, bin(EK::Lt, a, c(0)), bin(EK::Lt, b, c(0)));
    return Expr::ite(std::move(sameSign), bin(EK::Lt, a, b), bin(EK::Ge, a, c(0)));
}

// `op rD,rA,rB` and `op rD,rA,imm`. Word arithmetic (mullw) computes on the values as they
// are: litmus values fit in 32 bits.
bool Lowering::arithmetic(const std::string& op) {
    static constexpr std::array<std::string_view, 10> regs = {"add", "subf", "sub", "xor", "or", "and",
                                                              "mullw", "mulld", "nor", "andc"};
    static constexpr std::array<std::string_view, 7> imms = {"addi", "addis", "xori", "ori", "andi.", "mulli", "subi"};
    const bool reg = std::find(regs.begin(), regs.end(), op) != regs.end();
    if (!reg && std::find(imms.begin(), imms.end(), op) == imms.end()) return unknown();
    if (!arity(3) || !expect(0, OK::Reg) || !expect(1, OK::Reg) || !expect(2, reg ? OK::Reg : OK::Imm)) return false;
    Expr a = read(1);
    Expr b = reg ? read(2) : c(opnd(2).imm);
    Expr v;
    if (op == "add") v = bin(EK::Add, a, b);
    else if (op == "subf") v = bin(EK::Sub, b, a);
    else if (op == "sub") v = bin(EK::Sub, a, b);
    else if (op == "xor" || op == "xori") v = bin(EK::Xor, a, b);
    else if (op == "or" || op == "ori") v = bin(EK::Or, a, b);
    else if (op == "and" || op == "andi.") v = bin(EK::And, a, b);
    else if (op == "nor") v = bin(EK::Xor, bin(EK::Or, a, b), c(-1));
    else if (op == "andc") v = bin(EK::And, a, bin(EK::Xor, b, c(-1)));
    else if (op == "mullw" || op == "mulld" || op == "mulli") v = bin(EK::Mul, a, b);
    // addi and addis read r0 as 0: `addi rD,0,v` is `li`.
    else if (op == "addi") v = bin(EK::Add, baseOrZero(opnd(1).reg), b);
    else if (op == "subi") v = bin(EK::Sub, baseOrZero(opnd(1).reg), b);
    else v = bin(EK::Add, baseOrZero(opnd(1).reg), c(opnd(2).imm * 65536));
    write(0, v);
    // The record form sets CR0 from the result compared with 0.
    if (op == "andi.") emit(Assign{"cr0", Expr::reg(opnd(0).reg)});
    return true;
}

// `cmpw [crN,] rA,rB`, `cmpwi [crN,] rA,imm`, and the doubleword and logical (unsigned) forms.
bool Lowering::compare(const std::string& op) {
    const bool field = !in_.operands.empty() && opnd(0).kind == OK::Cr;
    const std::size_t f = field ? 1 : 0;
    const bool imm = op.back() == 'i';
    if (!arity(f + 2) || !expect(f, OK::Reg) || !expect(f + 1, imm ? OK::Imm : OK::Reg)) return false;
    Expr a = read(f);
    Expr b = imm ? c(opnd(f + 1).imm) : read(f + 1);
    Expr code = op.rfind("cmpl", 0) == 0 ? compareUnsigned(a, b) : compareCode(a, b);
    emit(Assign{field ? opnd(0).reg : "cr0", std::move(code)});
    return true;
}

// `b L`, `beq [crN,] L`, ...: forward branches to labels of the thread.
bool Lowering::branch(const std::string& op) {
    if (op == "b") {
        if (!arity(1) || !expect(0, OK::Label)) return false;
        emit(Branch{c(1), opnd(0).label});
        return true;
    }
    const bool field = !in_.operands.empty() && opnd(0).kind == OK::Cr;
    const std::size_t f = field ? 1 : 0;
    if (!arity(f + 1) || !expect(f, OK::Label)) return false;
    Expr cr = Expr::reg(field ? opnd(0).reg : "cr0");
    Expr cond = op == "beq"   ? bin(EK::Eq, cr, c(0))
                : op == "bne" ? bin(EK::Ne, cr, c(0))
                : op == "blt" ? bin(EK::Lt, cr, c(0))
                : op == "bgt" ? bin(EK::Gt, cr, c(0))
                : op == "bge" ? bin(EK::Ge, cr, c(0))
                              : bin(EK::Le, cr, c(0));  // ble
    emit(Branch{std::move(cond), opnd(f).label});
    return true;
}

// `rlwinm rA,rS,SH,MB,ME`: the low word of rS rotated left by SH (replicated in both halves
// of the doubleword), under the mask MB..ME of the low word; `rlwimi` inserts it into rA
// under the mask. `clrldi rA,rS,n` clears the n high bits.
bool Lowering::rotate(const std::string& op) {
    if (op == "clrldi") {
        if (!arity(3) || !expect(0, OK::Reg) || !expect(1, OK::Reg) || !expect(2, OK::Imm)) return false;
        const std::int64_t n = opnd(2).imm;
        if (n < 0 || n > 63) return unsupported("'clrldi' by " + std::to_string(n) + " bits");
        write(0, n == 0 ? read(1) : bin(EK::And, read(1), c(static_cast<std::int64_t>(~std::uint64_t{0} >> n))));
        return true;
    }
    if (!arity(5) || !expect(0, OK::Reg) || !expect(1, OK::Reg))
        return false;
    for (std::size_t i = 2; i < 5; ++i)
        if (!expect(i, OK::Imm)) return false;
    const std::int64_t sh = opnd(2).imm, mb = opnd(3).imm, me = opnd(4).imm;
    if (sh < 0 || sh > 31 || mb < 0 || mb > 31 || me < 0 || me > 31) {
        out_.error(in_.loc, "'" + in_.written + "' takes shift and mask bounds between 0 and 31");
        return false;
    }
    Expr w = bin(EK::And, read(1), c(0xffffffffLL));
    Expr rot = sh == 0 ? w
                       : bin(EK::And, bin(EK::Or, bin(EK::Shl, w, c(sh)), bin(EK::Shr, w, c(32 - sh))), c(0xffffffffLL));
    Expr both = bin(EK::Or, rot, bin(EK::Shl, rot, c(32)));
    const std::int64_t m = maskBits(static_cast<int>(mb + 32), static_cast<int>(me + 32));
    Expr v = bin(EK::And, both, c(m));
    if (op == "rlwimi") v = bin(EK::Or, v, bin(EK::And, read(0), c(~m)));
    write(0, std::move(v));
    return true;
}

bool Lowering::compute() {
    const std::string& op = in_.op;
    if (op == "nop") return arity(0);
    if (op == "li" || op == "lis") {
        if (!arity(2) || !expect(0, OK::Reg) || !expect(1, OK::Imm)) return false;
        write(0, c(op == "li" ? opnd(1).imm : opnd(1).imm * 65536));
        return true;
    }
    if (op == "mr" || op == "extsw" || op == "neg" || op == "not") {
        if (!arity(2) || !expect(0, OK::Reg) || !expect(1, OK::Reg)) return false;
        write(0, op == "mr"      ? read(1)
                 : op == "extsw" ? signExtend32(read(1))
                 : op == "neg"   ? bin(EK::Sub, c(0), read(1))
                                 : bin(EK::Xor, read(1), c(-1)));
        return true;
    }
    static constexpr std::array<std::string_view, 8> compares = {"cmpw", "cmpwi", "cmpd", "cmpdi",
                                                                 "cmplw", "cmplwi", "cmpld", "cmpldi"};
    if (std::find(compares.begin(), compares.end(), op) != compares.end()) return compare(op);
    static constexpr std::array<std::string_view, 7> branches = {"b", "beq", "bne", "blt", "bgt", "bge", "ble"};
    if (std::find(branches.begin(), branches.end(), op) != branches.end()) return branch(op);
    if (op == "rlwinm" || op == "rlwimi" || op == "clrldi") return rotate(op);
    static constexpr std::array<std::string_view, 8> declined = {"blr", "bctr", "bl", "mtctr", "mflr", "mtlr", "divw", "divd"};
    if (std::find(declined.begin(), declined.end(), op) != declined.end())
        return unsupported("'" + in_.written + "': " +
                           (op.rfind("div", 0) == 0 ? "division" : "the link and count registers (calls and indirect jumps)"));
    return arithmetic(op);
}

}  // namespace memlit::litmus::ppc
