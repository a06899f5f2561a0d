#include "litmus/riscv/RiscvSyntax.hpp"

#include "litmus/Lexer.hpp"
#include "litmus/x86/X86Semantics.hpp"  // splitOperands, parseInteger, isIdentifier, firstWord

#include <array>
#include <cctype>

namespace memlit::litmus {

namespace {

/// `imm(reg)` or `(reg)`.
std::optional<RvOperand> memory(std::string_view t) {
    auto d = splitDisplacement(t);
    auto r = d ? riscvRegister(d->base) : std::nullopt;
    if (!r) return std::nullopt;
    RvOperand o;
    o.kind = RvOperand::Kind::Mem;
    o.imm = d->offset;
    o.reg = *r;
    return o;
}

std::optional<RvOperand> operand(std::string_view t) {
    std::optional<RvOperand> o;
    if (t.find('(') != std::string_view::npos) {
        o = memory(t);
    } else if (auto r = riscvRegister(t)) {
        o = RvOperand{RvOperand::Kind::Reg, *r, 0, {}, {}, {}};
    } else if (auto n = parseInteger(t)) {
        o = RvOperand{RvOperand::Kind::Imm, {}, *n, {}, {}, {}};
    } else if (isIdentifier(t)) {
        o = RvOperand{RvOperand::Kind::Word, {}, 0, std::string(t), {}, {}};
    }
    if (o) o->text = std::string(t);
    return o;
}

}  // namespace

std::optional<std::string> riscvRegister(std::string_view s) {
    // The ABI names, by register number (x8 is both s0 and fp).
    static constexpr std::array<std::string_view, 32> abi = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
        "a6",   "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
    std::string l = toLower(s);
    if (l == "fp") return "x8";
    for (std::size_t i = 0; i < abi.size(); ++i)
        if (l == abi[i]) return "x" + std::to_string(i);
    if (l.size() < 2 || l.size() > 3 || l[0] != 'x') return std::nullopt;
    for (std::size_t i = 1; i < l.size(); ++i)
        if (std::isdigit(static_cast<unsigned char>(l[i])) == 0) return std::nullopt;
    if (l.size() == 3 && l[1] == '0') return std::nullopt;  // x05 is not a register name
    int n = std::stoi(l.substr(1));
    if (n > 31) return std::nullopt;
    return "x" + std::to_string(n);
}

std::optional<RvInstr> parseRiscv(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    auto at = [&](std::size_t off) { return SourceLoc{loc.line, loc.col + static_cast<std::uint32_t>(off)}; };
    // A trailing comment, as diy's generated tests write them: `lr.w x5,0(x6) (* R x=0 *)`.
    if (std::size_t c = cell.find("(*"); c != std::string_view::npos) {
        std::size_t e = cell.find("*)", c + 2);
        if (e == std::string_view::npos) {
            out.error(at(c), "unterminated comment in the instruction");
            return std::nullopt;
        }
        std::size_t rest = e + 2;
        while (rest < cell.size() && std::isspace(static_cast<unsigned char>(cell[rest])) != 0) ++rest;
        if (rest < cell.size()) {
            out.error(at(rest), "unexpected text after a comment: '" + std::string(cell.substr(rest)) + "'");
            return std::nullopt;
        }
        cell = cell.substr(0, c);
        while (!cell.empty() && std::isspace(static_cast<unsigned char>(cell.back())) != 0) cell.remove_suffix(1);
    }
    std::size_t pos = 0;
    while (pos < cell.size() && std::isspace(static_cast<unsigned char>(cell[pos])) != 0) ++pos;
    std::size_t start = pos;
    while (pos < cell.size() &&
           (std::isalnum(static_cast<unsigned char>(cell[pos])) != 0 || cell[pos] == '.' || cell[pos] == '_'))
        ++pos;
    RvInstr in;
    in.loc = at(start);
    in.written = std::string(cell.substr(start, pos - start));
    in.op = toLower(in.written);
    if (in.op.empty()) {
        out.error(in.loc, "expected a RISC-V instruction, found '" + std::string(firstWord(cell.substr(start))) + "'");
        return std::nullopt;
    }
    while (pos < cell.size() && std::isspace(static_cast<unsigned char>(cell[pos])) != 0) ++pos;
    for (const OperandText& t : splitOperands(cell.substr(pos), pos)) {
        auto o = operand(t.text);
        if (!o) {
            out.error(at(t.offset), "bad operand '" + std::string(t.text) + "' for '" + in.written + "'");
            return std::nullopt;
        }
        o->loc = at(t.offset);
        in.operands.push_back(std::move(*o));
    }
    return in;
}

}  // namespace memlit::litmus
