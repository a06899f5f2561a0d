#include "runner/AArch64Generator.hpp"

#include "litmus/Lexer.hpp"
#include "litmus/State.hpp"
#include "litmus/aarch64/AArch64Semantics.hpp"
#include "litmus/aarch64/AArch64Syntax.hpp"
#include "litmus/ThreadBuilder.hpp"
#include "litmus/table/CellSyntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace memlit::runner {

namespace {

using litmus::A64Instr;
using litmus::A64Mem;
using litmus::A64Modifier;
using litmus::A64Operand;
using litmus::A64Reg;
using OK = A64Operand::Kind;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool starts(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

bool isBranch(const std::string& op) {
    return op == "B" || starts(op, "B.") || op == "CBZ" || op == "CBNZ" || op == "TBZ" || op == "TBNZ";
}

/// `%=` makes the label unique to one expansion of the asm statement: the compiler may copy
/// the statement (unrolling the instance loop), and two copies must not define one label.
std::string labelName(std::string_view l) {
    std::string s;
    for (char c : l) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return "memlit_" + s + "_%=";
}

/// The N of armv8.N-a an instruction needs (0: the base ISA). The harness states it with an
/// `.arch` directive in the asm statement instead of compiling everything with -march, so its
/// own code keeps to the base ISA and runs on any AArch64 machine; only a test that uses LSE
/// or RCPC instructions needs a CPU that has them.
int archLevel(const std::string& op) {
    static constexpr std::array<std::string_view, 8> atomics = {"ADD", "CLR", "EOR", "SET",
                                                                "SMAX", "SMIN", "UMAX", "UMIN"};
    if (starts(op, "LDAPUR") || starts(op, "STLUR")) return 4;  // FEAT_LRCPC2
    if (starts(op, "LDAPR")) return 3;                          // FEAT_LRCPC
    if (starts(op, "CAS") || starts(op, "SWP") || starts(op, "LDLAR") || starts(op, "STLLR"))
        return 1;                                               // FEAT_LSE, FEAT_LOR
    for (std::string_view a : atomics)
        if (starts(op, "LD" + std::string(a)) || starts(op, "ST" + std::string(a))) return 1;
    return 0;
}

/// Why an instruction the checker supports cannot run in the harness, if it cannot.
std::optional<std::string> declined(const std::string& op) {
    static constexpr std::array<std::string_view, 9> pairs = {
        "LDP", "STP", "LDNP", "STNP", "LDPSW", "LDXP", "STXP", "LDAXP", "STLXP"};
    if (starts(op, "LDIAPP") || starts(op, "STILP"))
        return op + " (FEAT_LRCPC3): the assembler of binutils 2.40 does not know it";
    if (op == "ABS") return "ABS (FEAT_CSSC): the assembler of binutils 2.40 does not know it";
    if (std::find(pairs.begin(), pairs.end(), op) != pairs.end() || starts(op, "CASP"))
        return "register pairs (" + op + "): a pair accesses two adjacent cells, and the harness "
               "gives every location a cache line of its own";
    return std::nullopt;
}

/// Bytes a load or store with a register offset accesses: the B/H/SW suffix, else the view of
/// the data register.
int accessSize(const A64Instr& in) {
    const std::string& op = in.op;
    if (op.back() == 'B') return 1;
    if (op.back() == 'H') return 2;
    if (op == "LDRSW") return 4;
    return !in.operands.empty() && in.operands[0].kind == OK::Reg && !in.operands[0].reg.wide ? 4 : 8;
}

/// A register offset shifted by other than 0 or log2(size) has no A64 encoding, though herd
/// computes its address.
std::optional<std::string> unencodableShift(const A64Instr& in) {
    for (const auto& o : in.operands) {
        if (o.kind != OK::Mem || !o.mem.modifier || o.mem.modifier->amount == 0) continue;
        int size = accessSize(in), amount = static_cast<int>(o.mem.modifier->amount);
        if ((1 << amount) != size)
            return "an index shifted by " + std::to_string(amount) + " for a " + std::to_string(size) +
                   "-byte access ('" + o.text + "'): A64 encodes only 0 or log2 of the access size";
    }
    return std::nullopt;
}

std::string modifierText(const A64Modifier& m) {
    const bool shift = m.kind == "LSL" || m.kind == "LSR" || m.kind == "ASR" || m.kind == "ROR";
    return lower(m.kind) + (shift || m.amount != 0 ? " #" + std::to_string(m.amount) : "");
}

/// One thread's translation: the asm lines and the registers they name.
struct Translation {
    const litmus::LitmusTest& test;
    Diagnostics& diags;
    ThreadAsm out;
    bool failed = false;

    void unsupported(SourceLoc loc, const std::string& what) {
        diags.unsupported(test.file, loc, what + " (memlit run)");
        failed = true;
    }

    std::string reg(const A64Reg& r, SourceLoc loc) {
        if (r.isZero()) return r.wide ? "xzr" : "wzr";
        if (r.name == "SP" || r.name == "X29") {
            unsupported(loc, r.name == "SP" ? "the stack pointer SP as a test register"
                                            : "register X29: it is the harness's frame pointer");
            return "?";
        }
        std::string n = r.name.substr(1);
        std::string hw = "x" + n;
        if (std::find(out.hwRegs.begin(), out.hwRegs.end(), hw) == out.hwRegs.end())
            out.hwRegs.push_back(hw);
        return (r.wide ? "x" : "w") + n;
    }

    std::string mem(const A64Mem& m, SourceLoc loc) {
        std::string s = "[" + reg(m.base, loc);
        if (m.offset) s += ", #" + std::to_string(*m.offset);
        // `[X1,X2,SXTW]` (herd) extends the low word of X2: the assembler wants it written W2.
        const bool extend = m.modifier && (m.modifier->kind == "SXTW" || m.modifier->kind == "UXTW");
        if (m.index) s += ", " + reg(extend ? A64Reg{m.index->name, false} : *m.index, loc);
        if (m.modifier) s += ", " + modifierText(*m.modifier);
        return s + "]" + (m.preIndex ? "!" : "");
    }

    std::string operand(const A64Operand& o, bool branch) {
        switch (o.kind) {
        case OK::Reg: return reg(o.reg, o.loc);
        case OK::Imm: return "#" + std::to_string(o.imm);
        case OK::Mem: return mem(o.mem, o.loc);
        case OK::Cond: return lower(o.word);
        case OK::Modifier: return modifierText(o.modifier);
        case OK::Label: return branch ? labelName(o.word) : lower(o.word);  // DMB SY, PRFM PLDL1KEEP
        }
        return "?";
    }

    std::string instruction(const A64Instr& in) {
        // REV64 of a general-purpose register is REV (64-bit); binutils 2.40 knows only the latter.
        std::string op = in.op == "REV64" ? "rev" : lower(in.op);
        // herd also writes barriers as one word, `DMB.SY` or `DMBSY`; the assembler wants `dmb sy`.
        if ((starts(in.op, "DMB") || starts(in.op, "DSB")) && in.op.size() > 3)
            op = op.substr(0, 3) + " " + op.substr(op[3] == '.' ? 4 : 3);
        const bool branch = isBranch(in.op);
        for (std::size_t i = 0; i < in.operands.size(); ++i)
            op += (i == 0 ? " " : ", ") + operand(in.operands[i], branch);
        return op;
    }

    /// Registers of this thread that the harness binds outside the code: the initial state and
    /// the observed places.
    void checkBoundRegisters(int thread) {
        for (const auto& [p, loc] : harnessBoundPlaces(test)) {
            if (p.thread != thread) continue;
            if (auto r = litmus::a64Register(p.name); r && (r->name == "SP" || r->name == "X29")) {
                reg(*r, loc);
                return;
            }
        }
    }

    /// Arrays need their cells side by side; the harness's memory has one cache line per
    /// location. Reported once, with thread 0.
    void checkArrays() {
        for (const auto& [loc, what] : arrayDeclines(test)) unsupported(loc, what);
    }
};

}  // namespace

bool AArch64Generator::runsOnHost(const std::string& arch) const { return runsNatively(arch); }

int AArch64Generator::wordWidth(const std::string&) const { return 4; }

std::optional<RegBinding> AArch64Generator::bindRegister(const std::string&,
                                                         const std::string& name) const {
    auto r = litmus::a64Register(name);
    if (!r || r->isZero() || r->name == "SP") return std::nullopt;
    // Observed registers are `int` unless declared otherwise, so 4 bytes for both views.
    return RegBinding{lower(r->name), 4};
}

std::optional<ThreadAsm> AArch64Generator::translate(const litmus::LitmusTest& test, int thread,
                                                     Diagnostics& diags) const {
    Translation t{test, diags, {}};
    if (thread == 0) t.checkArrays();
    t.checkBoundRegisters(thread);
    // The checker's parser and lowering validate each cell; their ops are thrown away.
    litmus::ThreadBuilder scratch(thread, test.file, diags);
    int level = 0;
    for (const auto& cell : test.raw.at(static_cast<std::size_t>(thread))) {
        std::size_t rest = 0;
        std::string_view label = litmus::splitLabel(cell.text, rest);
        if (!label.empty()) t.out.lines.push_back(labelName(label) + ":");
        std::size_t off = rest;
        std::string_view text = litmus::trim(std::string_view(cell.text).substr(rest), off);
        if (text.empty()) continue;
        SourceLoc loc{cell.loc.line, cell.loc.col + static_cast<std::uint32_t>(off)};
        auto in = litmus::parseA64(text, loc, scratch);
        if (!in || !litmus::lowerA64(*in, scratch)) {
            t.failed = true;
            continue;
        }
        auto why = declined(in->op);
        if (!why) why = unencodableShift(*in);
        if (why) {
            t.unsupported(in->loc, *why);
            continue;
        }
        level = std::max(level, archLevel(in->op));
        t.out.lines.push_back(t.instruction(*in));
    }
    if (level > 0) t.out.lines.insert(t.out.lines.begin(), ".arch armv8." + std::to_string(level) + "-a");
    if (t.failed) return std::nullopt;
    return t.out;
}

}  // namespace memlit::runner
