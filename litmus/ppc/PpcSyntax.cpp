#include "litmus/ppc/PpcSyntax.hpp"

#include "litmus/Lexer.hpp"
#include "litmus/table/CellSyntax.hpp"

#include <algorithm>
#include <cctype>

namespace memlit::litmus {

namespace {

/// `<prefix><n>` with 0 <= n <= max, no leading zero: the number, else nullopt.
std::optional<int> numbered(std::string_view s, std::string_view prefix, int max) {
    std::string l = toLower(s);
    if (l.size() <= prefix.size() || l.size() > prefix.size() + 2 || l.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    for (std::size_t i = prefix.size(); i < l.size(); ++i)
        if (std::isdigit(static_cast<unsigned char>(l[i])) == 0) return std::nullopt;
    if (l.size() == prefix.size() + 2 && l[prefix.size()] == '0') return std::nullopt;
    int n = std::stoi(l.substr(prefix.size()));
    if (n > max) return std::nullopt;
    return n;
}

/// `d(rA)` or `(rA)`.
std::optional<PpcOperand> memory(std::string_view t) {
    auto d = splitDisplacement(t);
    auto r = d ? ppcRegister(d->base) : std::nullopt;
    if (!r) return std::nullopt;
    PpcOperand o;
    o.kind = PpcOperand::Kind::Mem;
    o.imm = d->offset;
    o.reg = *r;
    return o;
}

std::optional<PpcOperand> operand(std::string_view t) {
    using K = PpcOperand::Kind;
    std::optional<PpcOperand> o;
    if (t.find('(') != std::string_view::npos) {
        o = memory(t);
    } else if (auto r = ppcRegister(t)) {
        o = PpcOperand{K::Reg, *r, 0, {}, {}, {}};
    } else if (auto cr = numbered(t, "cr", 7)) {
        o = PpcOperand{K::Cr, "cr" + std::to_string(*cr), 0, {}, {}, {}};
    } else if (auto n = parseInteger(t)) {
        o = PpcOperand{K::Imm, {}, *n, {}, {}, {}};
    } else if (isIdentifier(t)) {
        o = PpcOperand{K::Label, {}, 0, std::string(t), {}, {}};
    }
    if (o) o->text = std::string(t);
    return o;
}

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::optional<std::string> ppcRegister(std::string_view s) {
    if (auto n = numbered(s, "r", 31)) return "r" + std::to_string(*n);
    // herd's symbolic registers `%x0`, a register of their own in each thread; `%s_x0` in the
    // IR, apart from the builder's temporaries (`%t0`, `%L0`, `%ra0`).
    if (s.size() > 1 && s[0] == '%' &&
        std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }))
        return "%s_" + std::string(s.substr(1));
    return std::nullopt;
}

std::optional<PpcInstr> parsePpc(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    auto at = [&](std::size_t off) { return SourceLoc{loc.line, loc.col + static_cast<std::uint32_t>(off)}; };
    // A trailing comment, as diy's generated tests write them.
    if (std::size_t c = cell.find("(*"); c != std::string_view::npos) {
        std::size_t e = cell.find("*)", c + 2);
        if (e == std::string_view::npos) {
            out.error(at(c), "unterminated comment in the instruction");
            return std::nullopt;
        }
        std::size_t rest = e + 2;
        while (rest < cell.size() && isSpace(cell[rest])) ++rest;
        if (rest < cell.size()) {
            out.error(at(rest), "unexpected text after a comment: '" + std::string(cell.substr(rest)) + "'");
            return std::nullopt;
        }
        cell = cell.substr(0, c);
        while (!cell.empty() && isSpace(cell.back())) cell.remove_suffix(1);
    }
    std::size_t pos = 0;
    while (pos < cell.size() && isSpace(cell[pos])) ++pos;
    std::size_t start = pos;
    while (pos < cell.size() && (std::isalnum(static_cast<unsigned char>(cell[pos])) != 0 || cell[pos] == '_')) ++pos;
    if (pos < cell.size() && cell[pos] == '.' && pos > start) ++pos;  // record forms: `stwcx.`, `andi.`
    PpcInstr in;
    in.loc = at(start);
    in.written = std::string(cell.substr(start, pos - start));
    in.op = toLower(in.written);
    if (in.op.empty()) {
        out.error(in.loc, "expected a Power instruction, found '" + std::string(firstWord(cell.substr(start))) + "'");
        return std::nullopt;
    }
    if (pos < cell.size() && !isSpace(cell[pos])) {
        out.error(in.loc, "unknown Power instruction '" + std::string(firstWord(cell.substr(start))) + "'");
        return std::nullopt;
    }
    while (pos < cell.size() && isSpace(cell[pos])) ++pos;
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
