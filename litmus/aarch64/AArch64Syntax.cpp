#include "litmus/aarch64/AArch64Syntax.hpp"

#include "litmus/Lexer.hpp"
#include "litmus/table/CellSyntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace memlit::litmus {

namespace {

constexpr std::array<std::string_view, 18> conditions = {"EQ", "NE", "CS", "HS", "CC", "LO",
                                                         "MI", "PL", "VS", "VC", "HI", "LS",
                                                         "GE", "LT", "GT", "LE", "AL", "NV"};
constexpr std::array<std::string_view, 12> modifiers = {"LSL",  "LSR",  "ASR",  "ROR",
                                                        "SXTW", "UXTW", "SXTX", "UXTX",
                                                        "SXTB", "UXTB", "SXTH", "UXTH"};

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// `#12`, `#-1`, `#0x10`, or a bare integer.
std::optional<std::int64_t> immediate(std::string_view t) {
    std::size_t off = 0;
    if (!t.empty() && t[0] == '#') t = trim(t.substr(1), off);
    return parseInteger(t);
}

/// `LSL #2`, `LSL 2`, `LSL#2`, `SXTW`: a modifier word and an optional amount.
std::optional<A64Modifier> modifier(std::string_view t) {
    std::size_t i = 0;
    while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i])) != 0) ++i;
    std::string kind = upper(t.substr(0, i));
    if (std::find(modifiers.begin(), modifiers.end(), kind) == modifiers.end()) return std::nullopt;
    std::size_t off = 0;
    std::string_view rest = trim(t.substr(i), off);
    A64Modifier m{kind, 0};
    if (rest.empty()) return m;
    auto n = immediate(rest);
    if (!n) return std::nullopt;
    m.amount = *n;
    return m;
}

std::optional<A64Mem> memory(std::string_view inner) {
    std::vector<OperandText> parts = splitOperands(inner, 0);
    if (parts.empty() || parts.size() > 3) return std::nullopt;
    A64Mem m;
    auto base = a64Register(parts[0].text);
    if (!base || !base->wide) return std::nullopt;
    m.base = *base;
    if (parts.size() >= 2) {
        if (auto r = a64Register(parts[1].text)) m.index = *r;
        else if (auto n = immediate(parts[1].text)) m.offset = *n;
        else return std::nullopt;
    }
    if (parts.size() == 3) {
        if (!m.index) return std::nullopt;
        m.modifier = modifier(parts[2].text);
        if (!m.modifier) return std::nullopt;
    }
    return m;
}

std::optional<A64Operand> operand(std::string_view t) {
    A64Operand o;
    o.text = std::string(t);
    if (!t.empty() && t.front() == '[') {
        bool pre = t.back() == '!';
        std::string_view body = pre ? t.substr(0, t.size() - 1) : t;
        std::size_t off = 0;
        body = trim(body, off);
        if (body.size() < 2 || body.back() != ']') return std::nullopt;
        auto m = memory(body.substr(1, body.size() - 2));
        if (!m || (pre && !m->offset)) return std::nullopt;
        m->preIndex = pre;
        o.kind = A64Operand::Kind::Mem;
        o.mem = std::move(*m);
        return o;
    }
    if (auto r = a64Register(t)) {
        o.kind = A64Operand::Kind::Reg;
        o.reg = *r;
        return o;
    }
    if (auto n = immediate(t)) {
        o.imm = *n;
        return o;
    }
    if (auto m = modifier(t)) {
        o.kind = A64Operand::Kind::Modifier;
        o.modifier = *m;
        return o;
    }
    if (isA64Condition(upper(t))) {
        o.kind = A64Operand::Kind::Cond;
        o.word = upper(t);
        return o;
    }
    if (isIdentifier(t)) {
        o.kind = A64Operand::Kind::Label;
        o.word = std::string(t);
        return o;
    }
    return std::nullopt;
}

}  // namespace

std::optional<A64Reg> a64Register(std::string_view s) {
    std::string u = upper(s);
    if (u == "XZR" || u == "WZR") return A64Reg{"XZR", u[0] == 'X'};
    if (u == "SP" || u == "WSP") return A64Reg{"SP", u == "SP"};
    if (u.size() < 2 || u.size() > 3 || (u[0] != 'X' && u[0] != 'W')) return std::nullopt;
    if (!std::all_of(u.begin() + 1, u.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
        return std::nullopt;
    int n = std::stoi(u.substr(1));
    if (n > 30 || (u.size() == 3 && u[1] == '0')) return std::nullopt;
    return A64Reg{"X" + std::to_string(n), u[0] == 'X'};
}

bool isA64Condition(std::string_view s) {
    return std::find(conditions.begin(), conditions.end(), s) != conditions.end();
}

std::optional<A64Instr> parseA64(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    auto at = [&](std::size_t off) {
        return SourceLoc{loc.line, loc.col + static_cast<std::uint32_t>(off)};
    };
    std::size_t pos = 0;
    while (pos < cell.size() && std::isspace(static_cast<unsigned char>(cell[pos])) != 0) ++pos;
    std::size_t start = pos;
    while (pos < cell.size() &&
           (std::isalnum(static_cast<unsigned char>(cell[pos])) != 0 || cell[pos] == '.' || cell[pos] == '_'))
        ++pos;
    A64Instr in;
    in.loc = at(start);
    in.written = std::string(cell.substr(start, pos - start));
    in.op = upper(in.written);
    if (in.op.empty()) {
        out.error(in.loc, "expected an AArch64 instruction, found '" + std::string(firstWord(cell.substr(start))) + "'");
        return std::nullopt;
    }
    // splitOperands counts leading blanks twice in its offsets: start at the first operand.
    while (pos < cell.size() && std::isspace(static_cast<unsigned char>(cell[pos])) != 0) ++pos;
    for (const OperandText& t : splitOperands(cell.substr(pos), pos)) {
        auto o = operand(t.text);
        if (!o && (t.text.find('%') != std::string_view::npos || t.text.front() == '.')) {
            out.unsupported(at(t.offset), t.text.front() == '.'
                                              ? "PC-relative address '" + std::string(t.text) + "'"
                                              : "symbolic register '" + std::string(t.text) + "'");
            return std::nullopt;
        }
        if (!o && t.text.size() > 2 && t.text[0] == '[' && (t.text[1] == 'C' || t.text[1] == 'c') &&
            std::isdigit(static_cast<unsigned char>(t.text[2])) != 0) {
            out.unsupported(at(t.offset), "Morello capability registers ('" + std::string(t.text) + "')");
            return std::nullopt;
        }
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
