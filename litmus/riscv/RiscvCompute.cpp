// The register half of RiscvLowering: moves, arithmetic, logic, shifts, comparisons and
// branches. Values are 64-bit (RV64); the `w` forms compute on 32 bits and sign-extend.

#include "litmus/riscv/RiscvLowering.hpp"
#include "support/Diagnostics.hpp"
#include "support/Spelling.hpp"

#include <algorithm>
#include <array>
#include <climits>

namespace memlit::litmus::rv {

namespace {

using OK = RvOperand::Kind;

std::int64_t lowMask(int bits) { return static_cast<std::int64_t>((std::uint64_t{1} << bits) - 1); }

/// Arithmetic shift right: the IR's Shr is logical, so shift the complement of a negative value.
Expr shiftRightArith(Expr v, Expr n) {
    Expr flipped = bin(EK::Xor, bin(EK::Shr, bin(EK::Xor, v, c(-1)), n), c(-1));
    return Expr::ite(bin(EK::Lt, v, c(0)), std::move(flipped), bin(EK::Shr, v, n));
}

/// The value of `op a, b` for the register-register and register-immediate forms (`addi` is
/// `add`, `addiw` is `addw`), or nullopt for an unknown operation.
std::optional<Expr> operate(std::string op, Expr a, Expr b) {
    const bool word = op.size() > 1 && op.back() == 'w';
    if (word) op.pop_back();
    Expr shamt = bin(EK::And, b, c(word ? 31 : 63));
    Expr v;
    if (op == "add") v = bin(EK::Add, a, b);
    else if (op == "sub") v = bin(EK::Sub, a, b);
    else if (op == "mul") v = bin(EK::Mul, a, b);
    else if (op == "sll") v = bin(EK::Shl, a, shamt);
    else if (op == "srl") v = bin(EK::Shr, word ? zeroExtend(a, 32) : a, shamt);
    else if (op == "sra") v = shiftRightArith(word ? signExtend(a, 32) : a, shamt);
    else if (word) return std::nullopt;
    else if (op == "xor") v = bin(EK::Xor, a, b);
    else if (op == "and") v = bin(EK::And, a, b);
    else if (op == "or") v = bin(EK::Or, a, b);
    else if (op == "slt") v = bin(EK::Lt, a, b);
    else if (op == "sltu") v = lessUnsigned(a, b);
    else return std::nullopt;
    if (!word) return v;
    return op == "add" || op == "sub" ? wrap32(std::move(v)) : signExtend(std::move(v), 32);
}

}  // namespace

Expr signExtend(Expr e, int bits) {
    if (bits >= 64) return e;
    const std::int64_t mask = lowMask(bits);
    const std::int64_t sign = static_cast<std::int64_t>(std::uint64_t{1} << (bits - 1));
    if (e.kind == EK::Const) return c(((e.value & mask) ^ sign) - sign);
    return bin(EK::Sub, bin(EK::Xor, bin(EK::And, std::move(e), c(mask)), c(sign)), c(sign));
}

Expr zeroExtend(Expr e, int bits) {
    if (bits >= 64) return e;
    if (e.kind == EK::Const) return c(e.value & lowMask(bits));
    return bin(EK::And, std::move(e), c(lowMask(bits)));
}

Expr wrap32(Expr e) {
    if (e.kind == EK::Const) return signExtend(std::move(e), 32);
    constexpr std::int64_t two32 = std::int64_t{1} << 32;
    Expr low = Expr::ite(bin(EK::Lt, e, c(INT32_MIN)), bin(EK::Add, e, c(two32)), e);
    return Expr::ite(bin(EK::Gt, e, c(INT32_MAX)), bin(EK::Sub, e, c(two32)), std::move(low));
}

Expr lessUnsigned(Expr a, Expr b) {
    // Same sign: the signed order. Otherwise the non-negative one is the smaller.
    Expr sameSign = bin(EK::Eq, bin(EK::Lt, a, c(0)), bin(EK::Lt, b, c(0)));
    return Expr::ite(std::move(sameSign), bin(EK::Lt, a, b), bin(EK::Ge, a, c(0)));
}

bool Lowering::registerOp(const std::string& op) {
    if (!arity(3) || !expect(0, OK::Reg) || !expect(1, OK::Reg) || !expect(2, OK::Reg)) return false;
    auto v = operate(op, read(1), read(2));
    MEMLIT_ASSERT(v, "RISC-V operation '" + op + "' is listed but not computed");
    write(0, std::move(*v));
    return true;
}

bool Lowering::immediateOp(const std::string& op) {
    if (!arity(3) || !expect(0, OK::Reg) || !expect(1, OK::Reg) || !expect(2, OK::Imm)) return false;
    // addi -> add, addiw -> addw, sltiu -> sltu, slli -> sll.
    std::string base = op;
    base.erase(base.find('i'), 1);
    auto v = operate(base, read(1), c(opnd(2).imm));
    MEMLIT_ASSERT(v, "RISC-V operation '" + op + "' is listed but not computed");
    write(0, std::move(*v));
    return true;
}

bool Lowering::branch(const std::string& op) {
    if (op == "j") {
        if (!arity(1) || !expect(0, OK::Word)) return false;
        emit(Branch{c(1), opnd(0).word});
        return true;
    }
    const bool zero = op.size() > 1 && op.back() == 'z';  // beqz, bnez, ...
    const std::size_t n = zero ? 2 : 3;
    if (!arity(n) || !expect(0, OK::Reg) || (!zero && !expect(1, OK::Reg)) || !expect(n - 1, OK::Word)) return false;
    Expr a = read(0);
    Expr b = zero ? c(0) : read(1);
    std::string k = zero ? op.substr(0, op.size() - 1) : op;
    // The pseudo-instructions with swapped operands.
    if (k == "bgt" || k == "ble" || k == "bgtu" || k == "bleu") {
        std::swap(a, b);
        k = k == "bgt" ? "blt" : k == "ble" ? "bge" : k == "bgtu" ? "bltu" : "bgeu";
    }
    Expr cond;
    if (k == "beq") cond = bin(EK::Eq, a, b);
    else if (k == "bne") cond = bin(EK::Ne, a, b);
    else if (k == "blt") cond = bin(EK::Lt, a, b);
    else if (k == "bge") cond = bin(EK::Ge, a, b);
    else if (k == "bltu") cond = lessUnsigned(a, b);
    else if (k == "bgeu") cond = Expr::unary(EK::Not, lessUnsigned(a, b));
    else return false;
    emit(Branch{std::move(cond), opnd(n - 1).word});
    return true;
}

bool Lowering::compute() {
    const std::string& op = in_.op;
    if (op == "nop") return arity(0);
    if (op == "li") {
        if (!arity(2) || !expect(0, OK::Reg) || !expect(1, OK::Imm)) return false;
        write(0, c(opnd(1).imm));
        return true;
    }
    if (op == "lui") {
        if (!arity(2) || !expect(0, OK::Reg) || !expect(1, OK::Imm)) return false;
        write(0, signExtend(c(opnd(1).imm * 4096), 32));
        return true;
    }
    static constexpr std::array<std::string_view, 8> unary = {"mv", "neg", "negw", "not", "sext.w", "seqz", "snez", "sltz"};
    if (std::find(unary.begin(), unary.end(), op) != unary.end()) {
        if (!arity(2) || !expect(0, OK::Reg) || !expect(1, OK::Reg)) return false;
        Expr a = read(1);
        Expr v = op == "mv"     ? a
                 : op == "neg"  ? bin(EK::Sub, c(0), a)
                 : op == "negw" ? wrap32(bin(EK::Sub, c(0), a))
                 : op == "not"  ? bin(EK::Xor, a, c(-1))
                 : op == "seqz" ? bin(EK::Eq, a, c(0))
                 : op == "snez" ? bin(EK::Ne, a, c(0))
                 : op == "sltz" ? bin(EK::Lt, a, c(0))
                                : signExtend(a, 32);
        write(0, std::move(v));
        return true;
    }
    static constexpr std::array<std::string_view, 14> branches = {
        "beq", "bne", "blt", "bge", "bltu", "bgeu", "bgt", "ble", "bgtu", "bleu", "beqz", "bnez", "bltz", "bgez"};
    if (op == "j" || std::find(branches.begin(), branches.end(), op) != branches.end()) return branch(op);
    static constexpr std::array<std::string_view, 7> declined = {"jal", "jalr", "jr", "ret", "call", "auipc", "la"};
    if (std::find(declined.begin(), declined.end(), op) != declined.end())
        return unsupported("'" + in_.written + "': code addresses and indirect jumps");
    static constexpr std::array<std::string_view, 13> immediates = {
        "addi", "xori", "ori", "andi", "slli", "srli", "srai", "slti", "sltiu", "addiw", "slliw", "srliw", "sraiw"};
    static constexpr std::array<std::string_view, 17> registers = {
        "add", "sub", "xor", "or", "and", "sll", "srl", "sra", "slt", "sltu",
        "mul", "addw", "subw", "sllw", "srlw", "sraw", "mulw"};
    if (std::find(immediates.begin(), immediates.end(), op) != immediates.end()) return immediateOp(op);
    if (std::find(registers.begin(), registers.end(), op) != registers.end()) return registerOp(op);
    std::vector<std::string_view> known = {"nop", "li", "lui", "j", "fence", "fence.tso", "lb", "lh", "lw", "ld",
                                           "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd", "lr.w", "lr.d", "sc.w",
                                           "sc.d", "amoswap.w", "amoadd.w", "amoor.w", "amoswap.d", "amoadd.d"};
    known.insert(known.end(), unary.begin(), unary.end());
    known.insert(known.end(), branches.begin(), branches.end());
    known.insert(known.end(), immediates.begin(), immediates.end());
    known.insert(known.end(), registers.begin(), registers.end());
    auto best = closestName(op, known);
    out_.error(in_.loc, "unknown RISC-V instruction '" + in_.written + "'" + (best ? "; did you mean '" + *best + "'?" : ""));
    return false;
}

}  // namespace memlit::litmus::rv
