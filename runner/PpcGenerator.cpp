#include "runner/PpcGenerator.hpp"

#include "litmus/Lexer.hpp"
#include "litmus/ThreadBuilder.hpp"
#include "litmus/ppc/PpcLowering.hpp"
#include "litmus/ppc/PpcSyntax.hpp"
#include "litmus/table/CellSyntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace memlit::runner {

namespace {

using litmus::PpcInstr;
using litmus::PpcOperand;
using OK = PpcOperand::Kind;

/// `%=` makes the label unique to one expansion of the asm statement: the compiler may copy
/// the statement (unrolling the instance loop), and two copies must not define one label.
std::string labelName(std::string_view l) {
    std::string s;
    for (char c : l) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return "memlit_" + s + "_%=";
}

/// The hardware register that holds test register `ir` while the asm runs: the same one,
/// except for the ELFv2 ABI's dedicated registers, which the compiled harness needs intact
/// around and inside the asm statement (r1 the stack pointer, r2 the TOC pointer through
/// which it reaches its globals, r13 the thread pointer). herd's tests use r1 and r2 freely,
/// so those run in registers such tests rarely name.
std::string hardwareFor(const std::string& ir) {
    if (ir == "r1") return "r28";
    if (ir == "r2") return "r29";
    if (ir == "r13") return "r30";
    return ir;
}

/// herd's D-form written with a comma (`lwz r3,0,r6`), which the assembler knows only as
/// `lwz r3,0(r6)`: a D-form load or store with an immediate then a register as address.
bool commaDisplacement(const PpcInstr& in) {
    static constexpr std::array<std::string_view, 9> dForm = {"lbz", "lhz", "lwz", "ld", "lwa",
                                                              "stb", "sth", "stw", "std"};
    return std::find(dForm.begin(), dForm.end(), in.op) != dForm.end() && in.operands.size() == 3 &&
           in.operands[1].kind == OK::Imm && in.operands[2].kind == OK::Reg;
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
        noteRegister(ir, loc);
        const std::string hw = hardwareFor(ir);
        if (std::find(out.hwRegs.begin(), out.hwRegs.end(), hw) == out.hwRegs.end()) out.hwRegs.push_back(hw);
        return "%%" + hw;
    }

    /// Two test registers of one thread must not share a hardware register (r1 and r28).
    std::vector<std::pair<std::string, std::string>> named;  // hardware register, test register
    void noteRegister(const std::string& ir, SourceLoc loc) {
        const std::string hw = hardwareFor(ir);
        for (const auto& [h, t] : named) {
            if (h != hw || t == ir) continue;
            unsupported(loc, "registers " + t + " and " + ir + " in one thread: the harness runs " +
                                 (t == hw ? ir : t) + " in " + hw +
                                 " (r1, r2 and r13 are the harness's own; they run in r28, r29 and r30)");
            return;
        }
        if (std::find(named.begin(), named.end(), std::make_pair(hw, ir)) == named.end()) named.emplace_back(hw, ir);
    }

    std::string field(const std::string& cr) {
        // cr0 is GCC's "cc"; another field the code sets is clobbered by name.
        if (cr != "cr0" && std::find(out.clobbers.begin(), out.clobbers.end(), cr) == out.clobbers.end())
            out.clobbers.push_back(cr);
        return "%%" + cr;
    }

    std::string operand(const PpcOperand& o) {
        switch (o.kind) {
        case OK::Reg: return reg(o.reg, o.loc);
        case OK::Cr: return field(o.reg);
        case OK::Imm: return std::to_string(o.imm);
        case OK::Mem: return std::to_string(o.imm) + "(" + reg(o.reg, o.loc) + ")";
        case OK::Label: return labelName(o.label);
        }
        return "?";
    }

    std::string instruction(const PpcInstr& in) {
        std::vector<std::string> ops;
        if (commaDisplacement(in)) {
            ops = {operand(in.operands[0]),
                   std::to_string(in.operands[1].imm) + "(" + reg(in.operands[2].reg, in.operands[2].loc) + ")"};
        } else {
            for (const auto& o : in.operands) ops.push_back(operand(o));
        }
        std::string line = in.op;
        for (std::size_t i = 0; i < ops.size(); ++i) line += (i == 0 ? " " : ", ") + ops[i];
        return line;
    }

    /// Registers of this thread that the harness binds outside the code: the initial state and
    /// the observed places.
    void noteBoundRegisters(int thread) {
        for (const auto& [p, loc] : harnessBoundPlaces(test))
            if (p.thread == thread)
                if (auto r = litmus::ppcRegister(p.name)) noteRegister(*r, loc);
    }

    /// Arrays need their cells side by side; the harness's memory has one cache line per
    /// location. Reported once, with thread 0.
    void checkArrays() {
        for (const auto& [loc, what] : arrayDeclines(test)) unsupported(loc, what);
    }
};

}  // namespace

bool PpcGenerator::runsOnHost(const std::string& arch) const { return runsNatively(arch); }

int PpcGenerator::wordWidth(const std::string&) const { return 4; }

std::optional<RegBinding> PpcGenerator::bindRegister(const std::string&, const std::string& name) const {
    auto r = litmus::ppcRegister(name);
    if (!r) return std::nullopt;
    // Observed registers are `int` unless declared otherwise, as in herd.
    return RegBinding{hardwareFor(*r), 4};
}

std::optional<ThreadAsm> PpcGenerator::translate(const litmus::LitmusTest& test, int thread,
                                                 Diagnostics& diags) const {
    Translation t{test, diags, {}, false, {}};
    if (thread == 0) t.checkArrays();
    t.noteBoundRegisters(thread);
    // The checker's parser and lowering validate each cell; their ops are thrown away, but one
    // builder for the whole thread lets a stwcx. find its lwarx as the checker does.
    litmus::ThreadBuilder scratch(thread, test.file, diags);
    for (const auto& cell : test.raw.at(static_cast<std::size_t>(thread))) {
        std::size_t rest = 0;
        std::string_view label = litmus::splitLabel(cell.text, rest);
        if (!label.empty()) t.out.lines.push_back(labelName(label) + ":");
        std::size_t off = rest;
        std::string_view text = litmus::trim(std::string_view(cell.text).substr(rest), off);
        if (text.empty()) continue;
        SourceLoc loc{cell.loc.line, cell.loc.col + static_cast<std::uint32_t>(off)};
        auto in = litmus::parsePpc(text, loc, scratch);
        if (!in || !litmus::ppc::Lowering(*in, scratch).run()) {
            t.failed = true;
            continue;
        }
        t.out.lines.push_back(t.instruction(*in));
    }
    if (t.failed) return std::nullopt;
    return t.out;
}

}  // namespace memlit::runner
