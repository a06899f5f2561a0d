#include "runner/RiscvGenerator.hpp"

#include "litmus/Lexer.hpp"
#include "litmus/State.hpp"
#include "litmus/ThreadBuilder.hpp"
#include "litmus/riscv/RiscvLowering.hpp"
#include "litmus/riscv/RiscvSyntax.hpp"
#include "litmus/table/CellSyntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace memlit::runner {

namespace {

using litmus::RvInstr;
using litmus::RvOperand;
using OK = RvOperand::Kind;

bool starts(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

/// The mnemonic without its suffixes: `amoswap.w.aq` -> `amoswap`.
std::string baseOf(const std::string& op) { return op.substr(0, op.find('.')); }

/// LR, SC and the AMOs: their address is a register, without an offset.
bool isAtomic(const std::string& op) {
    const std::string b = baseOf(op);
    return b == "lr" || b == "sc" || starts(b, "amo");
}

bool isPlainAccess(const std::string& op) {
    static constexpr std::array<std::string_view, 11> plain = {"lb",  "lh",  "lw", "ld", "lbu", "lhu",
                                                               "lwu", "sb",  "sh", "sw", "sd"};
    return std::find(plain.begin(), plain.end(), baseOf(op)) != plain.end();
}

/// `%=` makes the label unique to one expansion of the asm statement: the compiler may copy
/// the statement (unrolling the instance loop), and two copies must not define one label.
std::string labelName(std::string_view l) {
    std::string s;
    for (char c : l) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return "memlit_" + s + "_%=";
}

/// Why a register cannot be a test register of the harness, if it cannot: the compiled
/// program needs it intact around and inside the asm statement.
std::optional<std::string> reservedRegister(const std::string& ir) {
    if (ir == "x2") return "the stack pointer sp (x2) as a test register";
    if (ir == "x3")
        return "register gp (x3): it is the harness's global pointer, which the linker's relaxed "
               "accesses to globals use";
    if (ir == "x4") return "register tp (x4): it is the harness's thread pointer (thread-local storage)";
    return std::nullopt;
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

    std::string reg(const std::string& ir, SourceLoc loc) {
        if (auto why = reservedRegister(ir)) {
            unsupported(loc, *why);
            return "?";
        }
        if (ir != "x0" && std::find(out.hwRegs.begin(), out.hwRegs.end(), ir) == out.hwRegs.end())
            out.hwRegs.push_back(ir);
        return ir;
    }

    std::string operand(const RvInstr& in, const RvOperand& o) {
        switch (o.kind) {
        case OK::Reg: return reg(o.reg, o.loc);
        case OK::Imm:
            // herd's `lui rd,imm` is imm*4096 cut to 32 bits and sign-extended, which depends only
            // on the low 20 bits of imm; the assembler takes exactly those (`lui t1,-1` is 0xfffff).
            return std::to_string(in.op == "lui" ? (o.imm & 0xfffff) : o.imm);
        case OK::Mem:
            if (isAtomic(in.op)) {
                if (o.imm != 0)
                    unsupported(o.loc, "an offset in the address of '" + in.written + "' ('" + o.text +
                                           "'): LR, SC and AMOs take the address in a register alone");
                return "(" + reg(o.reg, o.loc) + ")";
            }
            return std::to_string(o.imm) + "(" + reg(o.reg, o.loc) + ")";
        case OK::Word: return in.op == "fence" ? o.word : labelName(o.word);  // a fence set, or a label
        }
        return "?";
    }

    std::string instruction(const RvInstr& in) {
        std::string op = in.op;
        // herd also writes both annotations as `.aq.rl`; the assembler knows only `.aqrl`.
        if (auto p = op.find(".aq.rl"); p != std::string::npos) op.replace(p, 6, ".aqrl");
        for (std::size_t i = 0; i < in.operands.size(); ++i)
            op += (i == 0 ? " " : ", ") + operand(in, in.operands[i]);
        return op;
    }

    /// Registers of this thread that the harness binds outside the code: the initial state and
    /// the observed places.
    void checkBoundRegisters(int thread) {
        for (const auto& [p, loc] : harnessBoundPlaces(test)) {
            if (p.thread != thread) continue;
            if (auto r = litmus::riscvRegister(p.name); r && reservedRegister(*r)) {
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

/// Why an instruction the checker supports cannot run in the harness, if it cannot.
std::optional<std::string> declined(const RvInstr& in) {
    if (isPlainAccess(in.op) && in.op.find('.') != std::string::npos)
        return "'" + in.written + "': loads and stores with .aq/.rl (the Zalasr extension) are unknown "
               "to the assembler of binutils 2.40";
    return std::nullopt;
}

}  // namespace

bool RiscvGenerator::runsOnHost(const std::string& arch) const { return runsNatively(arch); }

int RiscvGenerator::wordWidth(const std::string&) const { return 4; }

std::optional<RegBinding> RiscvGenerator::bindRegister(const std::string&, const std::string& name) const {
    auto r = litmus::riscvRegister(name);
    if (!r || *r == "x0" || reservedRegister(*r)) return std::nullopt;
    // Observed registers are `int` unless declared otherwise, as in herd.
    return RegBinding{*r, 4};
}

std::optional<ThreadAsm> RiscvGenerator::translate(const litmus::LitmusTest& test, int thread,
                                                   Diagnostics& diags) const {
    Translation t{test, diags, {}};
    if (thread == 0) t.checkArrays();
    t.checkBoundRegisters(thread);
    // The checker's parser and lowering validate each cell; their ops are thrown away, but one
    // builder for the whole thread lets an SC find its LR as the checker does.
    litmus::ThreadBuilder scratch(thread, test.file, diags);
    for (const auto& cell : test.raw.at(static_cast<std::size_t>(thread))) {
        std::size_t rest = 0;
        std::string_view label = litmus::splitLabel(cell.text, rest);
        if (!label.empty()) t.out.lines.push_back(labelName(label) + ":");
        std::size_t off = rest;
        std::string_view text = litmus::trim(std::string_view(cell.text).substr(rest), off);
        if (text.empty()) continue;
        SourceLoc loc{cell.loc.line, cell.loc.col + static_cast<std::uint32_t>(off)};
        auto in = litmus::parseRiscv(text, loc, scratch);
        if (!in || !litmus::rv::Lowering(*in, scratch).run()) {
            t.failed = true;
            continue;
        }
        if (auto why = declined(*in)) {
            t.unsupported(in->loc, *why);
            continue;
        }
        t.out.lines.push_back(t.instruction(*in));
    }
    if (t.failed) return std::nullopt;
    return t.out;
}

}  // namespace memlit::runner
