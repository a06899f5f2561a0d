#include "litmus/aarch64/AArch64Semantics.hpp"

#include "litmus/aarch64/AArch64Helpers.hpp"
#include "support/Spelling.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <vector>

namespace memlit::litmus {
namespace a64 {

namespace {

// Instructions herd knows that memlit declines, with the reason shown to the user.
struct Declined {
    std::string_view op;
    std::string_view why;
};
constexpr std::array<Declined, 20> declined = {{
    {"CLZ", "count leading zeros (CLZ)"},
    {"BL", "branch with link (code addresses as values)"},
    {"BLR", "branch to register (code addresses as values)"},
    {"BR", "branch to register (code addresses as values)"},
    {"RET", "return (code addresses as values)"},
    {"ADR", "code and data addresses as register values (ADR)"},
    {"ADRP", "code and data addresses as register values (ADRP)"},
    {"MSR", "system registers (MSR)"},
    {"MRS", "system registers (MRS)"},
    {"SVC", "exceptions (SVC)"},
    {"UDF", "exceptions (UDF)"},
    {"HVC", "exceptions (HVC)"},
    {"LDG", "memory tagging (LDG)"},
    {"STG", "memory tagging (STG)"},
    {"STZG", "memory tagging (STZG)"},
    {"ALIGND", "Morello capabilities (ALIGND)"},
    {"ALIGNU", "Morello capabilities (ALIGNU)"},
    {"DC", "cache maintenance (DC)"},
    {"IC", "cache maintenance (IC)"},
    {"TLBI", "TLB maintenance (TLBI)"},
}};

/// "; did you mean 'LDR'?" for a misspelt mnemonic among the common supported ones, else "".
std::string nearestMnemonic(const std::string& op) {
    static const std::vector<std::string_view> known = {
        "LDR", "STR", "LDRB", "STRB", "LDRH", "STRH", "LDAR", "STLR", "LDAPR", "LDXR", "STXR", "LDAXR", "STLXR",
        "LDP", "STP", "CAS", "CASA", "CASL", "CASAL", "SWP", "SWPAL", "LDADD", "LDADDAL", "STADD", "DMB", "DSB",
        "ISB", "MOV", "MOVZ", "MOVK", "ADD", "SUB", "CMP", "AND", "ORR", "EOR", "CBZ", "CBNZ", "CSEL", "CSINC",
        "MUL", "NEG", "LSL", "LSR", "ASR"};
    auto best = closestName(op, known);
    return best ? "; did you mean '" + *best + "'?" : "";
}

}  // namespace

Expr signExtend(Expr e, int bits) {
    if (bits >= 64) return e;
    const std::int64_t mask = lowMask(bits);
    const std::int64_t sign = static_cast<std::int64_t>(std::uint64_t{1} << (bits - 1));
    if (e.kind == EK::Const) {
        std::int64_t v = e.value & mask;
        return c((v ^ sign) - sign);
    }
    return bin(EK::Sub, bin(EK::Xor, bin(EK::And, std::move(e), c(mask)), c(sign)), c(sign));
}

Expr wrap32(Expr e) {
    if (e.kind == EK::Const) return signExtend(std::move(e), 32);
    constexpr std::int64_t two32 = std::int64_t{1} << 32;
    Expr low = Expr::ite(bin(EK::Lt, e, c(INT32_MIN)), bin(EK::Add, e, c(two32)), e);
    return Expr::ite(bin(EK::Gt, e, c(INT32_MAX)), bin(EK::Sub, e, c(two32)), std::move(low));
}

Expr zeroExtend(Expr e, int bits) {
    if (bits >= 64) return e;
    if (e.kind == EK::Const) return c(e.value & lowMask(bits));
    return bin(EK::And, std::move(e), c(lowMask(bits)));
}

Expr condition(const std::string& code) {
    Expr n = Expr::reg("%N"), z = Expr::reg("%Z"), cy = Expr::reg("%C"), v = Expr::reg("%V");
    Expr ge = bin(EK::Eq, n, v);
    // Conjunctions of 0/1 flags as comparisons, so that a branch on them keeps the
    // dependencies of every flag (a selection would keep only the selected side's).
    Expr hi = bin(EK::Gt, cy, z);  // C && !Z
    Expr gt = bin(EK::Gt, ge, z);  // N == V && !Z
    if (code == "EQ") return z;
    if (code == "NE") return lnot(z);
    if (code == "CS" || code == "HS") return cy;
    if (code == "CC" || code == "LO") return lnot(cy);
    if (code == "MI") return n;
    if (code == "PL") return lnot(n);
    if (code == "VS") return v;
    if (code == "VC") return lnot(v);
    if (code == "HI") return hi;
    if (code == "LS") return lnot(hi);
    if (code == "GE") return ge;
    if (code == "LT") return lnot(ge);
    if (code == "GT") return gt;
    if (code == "LE") return lnot(gt);
    return c(1);  // AL, NV
}

bool Lowering::bad(const A64Operand& o) {
    out_.error(o.loc, "bad operand '" + o.text + "' for '" + in_.written + "'");
    return false;
}

bool Lowering::arity(std::size_t lo, std::size_t hi) {
    std::size_t n = in_.operands.size();
    if (n >= lo && n <= hi) return true;
    std::string want = lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
    out_.error(in_.loc, "'" + in_.written + "' takes " + want + (hi == 1 ? " operand" : " operands"));
    return false;
}

bool Lowering::isReg(std::size_t i) const {
    return i < in_.operands.size() && in_.operands[i].kind == OK::Reg;
}

bool Lowering::unsupported(const std::string& what) {
    out_.unsupported(in_.loc, what);
    return false;
}

// A register holds its architectural 64-bit value: a write through the W view zero-extends.
// Every write also sets a shadow register `%s<name>` to the value sign-extended from 32 bits,
// which is what W-view reads (and the 32-bit flags) use: for a W write that is the result as
// computed, so the common case stays a plain register (cheaper for the solver, same
// dependencies); and since every path sets it, it is right after a branch merge too.
namespace {
std::string shadow(const std::string& name) { return "%s" + name; }
}  // namespace

Expr Lowering::read(const A64Reg& r) {
    if (r.isZero()) return c(0);
    if (r.wide) return Expr::reg(r.name);
    for (const auto& op : out_.ops())
        if (const auto* as = std::get_if<Assign>(&op.kind); as && as->dst == shadow(r.name))
            return Expr::reg(shadow(r.name));
    return signExtend(Expr::reg(r.name), 32);  // only the initial value
}

void Lowering::write(const A64Reg& r, Expr v, bool canonical) {
    if (r.isZero()) return;
    if (r.wide) {
        emit(Assign{r.name, std::move(v)});
        emit(Assign{shadow(r.name), signExtend(Expr::reg(r.name), 32)});
        return;
    }
    if (!canonical || v.kind == EK::Const) v = signExtend(std::move(v), 32);
    emit(Assign{shadow(r.name), std::move(v)});
    emit(Assign{r.name, zeroExtend(Expr::reg(shadow(r.name)), 32)});
}

std::optional<Expr> Lowering::operand2(std::size_t i, bool wide, bool& canonical) {
    if (i >= in_.operands.size()) {
        arity(i + 1, i + 2);
        return std::nullopt;
    }
    const A64Operand& o = in_.operands[i];
    std::optional<A64Modifier> mod;
    if (i + 1 < in_.operands.size()) {
        if (in_.operands[i + 1].kind != OK::Modifier) {
            bad(in_.operands[i + 1]);
            return std::nullopt;
        }
        mod = in_.operands[i + 1].modifier;
    }
    if (o.kind == OK::Imm) {
        std::int64_t v = o.imm;
        if (mod && (mod->kind != "LSL" || mod->amount < 0 || mod->amount > 48)) {
            bad(in_.operands[i + 1]);
            return std::nullopt;
        }
        if (mod) v = static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << mod->amount);
        canonical = wide || fitsInt32(v);
        return c(v);
    }
    if (o.kind != OK::Reg) {
        bad(o);
        return std::nullopt;
    }
    Expr v = read(o.reg);
    canonical = true;
    if (!mod) return v;
    const int width = wide ? 64 : 32;
    const std::int64_t n = mod->amount;
    const std::string& k = mod->kind;
    if (n < 0 || n >= width) {
        bad(in_.operands[i + 1]);
        return std::nullopt;
    }
    canonical = false;
    if (k == "LSL") return bin(EK::Shl, std::move(v), c(n));
    if (k == "ROR" && n > 0) {
        Expr z = zeroExtend(std::move(v), width);
        return zeroExtend(bin(EK::Or, bin(EK::Shr, z, c(n)), bin(EK::Shl, z, c(width - n))), width);
    }
    if (k == "LSR") return bin(EK::Shr, zeroExtend(std::move(v), width), c(n));
    if (k == "ASR") {
        canonical = true;  // of a sign-extended value: stays sign-extended
        return n == 0 ? v : signExtend(bin(EK::Shr, std::move(v), c(n)), 64 - static_cast<int>(n));
    }
    Expr e;
    if (k == "SXTW" || k == "SXTX") e = k == "SXTW" ? signExtend(std::move(v), 32) : std::move(v);
    else if (k == "UXTW") e = zeroExtend(std::move(v), 32);
    else if (k == "UXTX") e = std::move(v);
    else if (k == "SXTB") e = signExtend(std::move(v), 8);
    else if (k == "SXTH") e = signExtend(std::move(v), 16);
    else if (k == "UXTB") e = zeroExtend(std::move(v), 8);
    else if (k == "UXTH") e = zeroExtend(std::move(v), 16);
    else {
        bad(in_.operands[i + 1]);
        return std::nullopt;
    }
    return n == 0 ? e : bin(EK::Shl, std::move(e), c(n));
}

void Lowering::setFlagsNZ(const Expr& result, bool wide) {
    Expr r = wide ? result : signExtend(result, 32);
    emit(Assign{"%N", bin(EK::Lt, r, c(0))});
    emit(Assign{"%Z", bin(EK::Eq, r, c(0))});
}

// ADD, SUB, ADDS, SUBS, CMP, CMN, NEG, NEGS.
bool Lowering::arithmetic() {
    const std::string& op = in_.op;
    bool compare = op == "CMP" || op == "CMN";
    bool negate = op == "NEG" || op == "NEGS";
    if (!arity(compare || negate ? 2 : 3, compare || negate ? 3 : 4)) return false;
    if (!isReg(0)) return bad(opnd(0));
    bool wide = opnd(0).reg.wide;
    std::size_t src2 = compare || negate ? 1 : 2;
    Expr a = c(0);
    if (!negate) {
        const A64Operand& n = compare ? opnd(0) : opnd(1);
        if (n.kind != OK::Reg) return bad(n);
        a = read(n.reg);
    }
    bool canonical = true;
    auto b = operand2(src2, wide, canonical);
    if (!b) return false;
    if (!wide && !canonical) *b = signExtend(std::move(*b), 32);
    bool sub = op == "SUB" || op == "SUBS" || op == "CMP" || negate;
    bool flags = compare || op == "ADDS" || op == "SUBS" || op == "NEGS";
    Expr r = bin(sub ? EK::Sub : EK::Add, a, *b);
    if (flags) {
        // Both operands hold sign-extended values of the operation's width.
        Expr rw = wide ? r : wrap32(r);
        emit(Assign{"%N", bin(EK::Lt, rw, c(0))});
        emit(Assign{"%Z", sub ? bin(EK::Eq, a, *b) : bin(EK::Eq, rw, c(0))});
        if (wide) {
            Expr ua = bin(EK::Xor, a, c(kMin64)), ub = bin(EK::Xor, *b, c(kMin64));
            Expr ur = bin(EK::Xor, r, c(kMin64));
            emit(Assign{"%C", sub ? bin(EK::Ge, ua, ub) : bin(EK::Lt, ur, ua)});
            Expr ov = sub ? bin(EK::And, bin(EK::Xor, a, *b), bin(EK::Xor, a, r))
                          : bin(EK::And, bin(EK::Xor, a, r), bin(EK::Xor, *b, r));
            emit(Assign{"%V", bin(EK::Lt, ov, c(0))});
        } else {
            Expr za = zeroExtend(a, 32), zb = zeroExtend(*b, 32);
            emit(Assign{"%C", sub ? bin(EK::Ge, za, zb) : bin(EK::Gt, bin(EK::Add, za, zb), c(0xffffffffLL))});
            emit(Assign{"%V", bin(EK::Ne, r, rw)});
        }
    }
    if (!compare) write(opnd(0).reg, wide ? r : wrap32(r), true);
    return true;
}

// AND, ORR, EOR, BIC, ORN, EON, ANDS, BICS, TST, MVN.
bool Lowering::logical() {
    const std::string& op = in_.op;
    bool test = op == "TST";
    bool mvn = op == "MVN";
    if (!arity(test || mvn ? 2 : 3, test || mvn ? 3 : 4)) return false;
    if (!isReg(0)) return bad(opnd(0));
    bool wide = opnd(0).reg.wide;
    Expr a = c(-1);
    if (!mvn) {
        const A64Operand& n = test ? opnd(0) : opnd(1);
        if (n.kind != OK::Reg) return bad(n);
        a = read(n.reg);
    }
    bool canonical = true;
    auto b = operand2(test || mvn ? 1 : 2, wide, canonical);
    if (!b) return false;
    if (op == "BIC" || op == "BICS" || op == "ORN" || op == "EON" || mvn) *b = bitNot(std::move(*b));
    EK k = EK::And;
    if (op == "ORR" || op == "ORN") k = EK::Or;
    if (op == "EOR" || op == "EON" || mvn) k = EK::Xor;
    if (mvn) a = c(0);
    Expr r = bin(k, a, *b);
    if (op == "ANDS" || op == "BICS" || test) {
        setFlagsNZ(r, wide);
        emit(Assign{"%C", c(0)});
        emit(Assign{"%V", c(0)});
    }
    if (!test) write(opnd(0).reg, r, canonical);
    return true;
}

// MOV, MOVZ, MOVN, MOVK, SXTW and the shifts LSL, LSR, ASR with an immediate amount.
bool Lowering::moves() {
    const std::string& op = in_.op;
    if (!isReg(0)) return in_.operands.empty() ? arity(2, 2) : bad(opnd(0));
    const A64Reg& d = opnd(0).reg;
    const int width = d.wide ? 64 : 32;
    if (op == "MOV") {
        if (!arity(2, 2)) return false;
        if (opnd(1).kind == OK::Imm) write(d, c(opnd(1).imm));
        else if (isReg(1)) write(d, read(opnd(1).reg), true);
        else return bad(opnd(1));
        return true;
    }
    if (op == "SXTW" || op == "SXTB" || op == "SXTH" || op == "UXTB" || op == "UXTH") {
        if (!arity(2, 2)) return false;
        if (!isReg(1)) return bad(opnd(1));
        Expr v = read(opnd(1).reg);
        if (op == "SXTB") v = signExtend(std::move(v), 8);
        if (op == "SXTH") v = signExtend(std::move(v), 16);
        if (op == "UXTB") v = zeroExtend(std::move(v), 8);
        if (op == "UXTH") v = zeroExtend(std::move(v), 16);
        write(d, std::move(v), true);
        return true;
    }
    if (op == "MOVZ" || op == "MOVN" || op == "MOVK") {
        if (!arity(2, 3)) return false;
        if (opnd(1).kind != OK::Imm) return bad(opnd(1));
        std::int64_t shift = 0;
        if (in_.operands.size() == 3) {
            const A64Operand& m = opnd(2);
            if (m.kind != OK::Modifier || m.modifier.kind != "LSL" || m.modifier.amount % 16 != 0 ||
                m.modifier.amount >= width)
                return bad(m);
            shift = m.modifier.amount;
        }
        auto imm = static_cast<std::int64_t>(static_cast<std::uint64_t>(opnd(1).imm & 0xffff) << shift);
        if (op == "MOVZ") write(d, c(imm));
        else if (op == "MOVN") write(d, c(~imm));
        else {
            Expr old = d.wide ? Expr::reg(d.name) : zeroExtend(read(d), 32);
            Expr keep = bin(EK::And, std::move(old), c(~(std::int64_t{0xffff} << shift)));
            write(d, bin(EK::Or, std::move(keep), c(imm)));
        }
        return true;
    }
    // LSL, LSR, ASR, ROR
    if (!arity(3, 3)) return false;
    if (!isReg(1)) return bad(opnd(1));
    if (opnd(2).kind != OK::Imm) {
        // By a register: the amount is taken modulo the width.
        if (!isReg(2)) return bad(opnd(2));
        Expr v = read(opnd(1).reg);
        Expr n = bin(EK::And, read(opnd(2).reg), c(width - 1));
        Expr z = zeroExtend(v, width);
        if (op == "LSL") write(d, bin(EK::Shl, std::move(v), std::move(n)));
        else if (op == "LSR") write(d, bin(EK::Shr, std::move(z), std::move(n)));
        else if (op == "ROR")
            write(d, zeroExtend(bin(EK::Or, bin(EK::Shr, z, n), bin(EK::Shl, z, bin(EK::Sub, c(width), n))), width));
        else  // ASR: v >> n = ~(~v >> n) for negative v
            write(d, Expr::ite(bin(EK::Lt, v, c(0)), bitNot(bin(EK::Shr, bitNot(v), n)), bin(EK::Shr, v, n)), true);
        return true;
    }
    std::int64_t n = opnd(2).imm;
    if (n < 0 || n >= width || op == "ROR") return op == "ROR" ? unsupported("rotation (ROR)") : bad(opnd(2));
    Expr v = read(opnd(1).reg);
    if (op == "LSL") write(d, bin(EK::Shl, std::move(v), c(n)));
    else if (op == "LSR") write(d, bin(EK::Shr, zeroExtend(std::move(v), width), c(n)));
    else write(d, n == 0 ? v : signExtend(bin(EK::Shr, std::move(v), c(n)), 64 - static_cast<int>(n)), true);
    return true;
}

bool Lowering::run() {
    const std::string& op = in_.op;
    for (const Declined& d : declined)
        if (op == d.op) return unsupported(std::string(d.why));
    if (op == "NOP") return arity(0, 0);
    if (op == "ISB") {
        if (!arity(0, 1)) return false;
        emit(Fence{{"ISB"}});
        return true;
    }
    if (op.rfind("DMB", 0) == 0 || op.rfind("DSB", 0) == 0) {
        std::string kind = op.substr(0, 3);
        std::string opt = op.substr(3);
        if (!opt.empty() && opt[0] == '.') opt = opt.substr(1);
        if (opt.empty()) {
            if (!arity(1, 1)) return false;
            const A64Operand& o = opnd(0);
            if (o.kind != OK::Label) return bad(o);
            for (char ch : o.word) opt += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        } else if (!arity(0, 0)) {
            return false;
        }
        static constexpr std::array<std::string_view, 12> options = {
            "SY", "ST", "LD", "ISH", "ISHST", "ISHLD", "OSH", "OSHST", "OSHLD", "NSH", "NSHST", "NSHLD"};
        if (std::find(options.begin(), options.end(), opt) == options.end()) {
            out_.error(in_.loc, "unknown barrier option '" + opt + "' for '" + kind + "'");
            return false;
        }
        emit(Fence{{kind + "." + opt}});
        return true;
    }
    if (op == "B" || op.rfind("B.", 0) == 0 || op == "CBZ" || op == "CBNZ" || op == "TBZ" || op == "TBNZ")
        return branch();
    if (op == "ADD" || op == "SUB" || op == "ADDS" || op == "SUBS" || op == "CMP" || op == "CMN" ||
        op == "NEG" || op == "NEGS")
        return arithmetic();
    if (op == "AND" || op == "ORR" || op == "EOR" || op == "BIC" || op == "ORN" || op == "EON" ||
        op == "ANDS" || op == "BICS" || op == "TST" || op == "MVN")
        return logical();
    if (op == "MOV" || op == "MOVZ" || op == "MOVN" || op == "MOVK" || op == "LSL" || op == "LSR" ||
        op == "ASR" || op == "ROR" || op == "SXTW" || op == "SXTB" || op == "SXTH" || op == "UXTB" ||
        op == "UXTH")
        return moves();
    if (op == "CSEL" || op == "CSINC" || op == "CSINV" || op == "CSNEG" || op == "CSET" ||
        op == "CSETM" || op == "CINC" || op == "CINV" || op == "CNEG")
        return conditional();
    if (op == "UBFM" || op == "SBFM") return bitfield();
    if (op == "REV" || op == "REV16" || op == "REV32" || op == "REV64" || op == "RBIT") return reverse();
    if (op == "ABS") {
        if (!arity(2, 2)) return false;
        if (!isReg(0)) return bad(opnd(0));
        if (!isReg(1)) return bad(opnd(1));
        Expr v = read(opnd(1).reg);
        write(opnd(0).reg, Expr::ite(bin(EK::Lt, v, c(0)), bin(EK::Sub, c(0), v), v));
        return true;
    }
    if (op == "MUL" || op == "MADD" || op == "MSUB" || op == "MNEG" || op == "SMULL" || op == "UMULL" ||
        op == "SMADDL" || op == "UMADDL" || op == "SMSUBL" || op == "UMSUBL" || op == "SMNEGL" ||
        op == "UMNEGL")
        return multiply();
    if (isMemoryOp(op)) return memoryOp();
    out_.error(in_.loc, "unknown AArch64 instruction '" + in_.written + "'" + nearestMnemonic(op));
    return false;
}

}  // namespace a64

bool lowerA64(const A64Instr& in, ThreadBuilder& out) { return a64::Lowering(in, out).run(); }

}  // namespace memlit::litmus
