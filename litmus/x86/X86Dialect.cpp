/// The X86 dialect: herd's Intel syntax (`MOV EAX,[x]`, `MOV [x],$1`, `LOCK XADD [x],EAX`).
/// Register names are upper-cased (`EAX`); an access is the architecture's word, or the width
/// of an 8- or 16-bit register operand (`MOV [x],AL`: one byte).

#include "litmus/table/TableFrontEnd.hpp"
#include "litmus/x86/X86Semantics.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace memlit::litmus {

namespace {

constexpr std::array<std::string_view, 36> registers = {
    "EAX", "EBX", "ECX", "EDX", "ESI", "EDI", "EBP", "ESP", "RAX", "RBX", "RCX", "RDX",
    "RSI", "RDI", "RBP", "RSP", "R8",  "R9",  "R10", "R11", "R12", "R13", "R14", "R15",
    "AX",  "BX",  "CX",  "DX",  "SI",  "DI",  "AL",  "BL",  "CL",  "DL",  "AH",  "BH"};

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool isRegister(std::string_view s) {
    return std::find(registers.begin(), registers.end(), upper(s)) != registers.end();
}

/// `[x]`, `[EBX]`, `[x+EAX]`, `[EBX+4]`: a sum of locations, registers and integers.
std::optional<Expr> address(std::string_view inner) {
    std::optional<Expr> sum;
    std::size_t i = 0;
    while (i <= inner.size()) {
        bool minus = i > 0 && inner[i - 1] == '-';
        std::size_t j = inner.find_first_of("+-", i);
        // A '-' right after the start of a term is the sign of an integer.
        if (j == i && inner[j] == '-') j = inner.find_first_of("+-", i + 1);
        if (j == std::string_view::npos) j = inner.size();
        std::size_t off = 0;
        std::string_view term = trim(inner.substr(i, j - i), off);
        Expr e;
        if (auto n = parseInteger(term)) e = Expr::constant(minus ? -*n : *n);
        else if (minus) return std::nullopt;
        else if (isRegister(term)) e = Expr::reg(upper(term));
        else if (isIdentifier(term)) e = Expr::sym(std::string(term));
        else return std::nullopt;
        sum = sum ? Expr::binary(Expr::Kind::Add, std::move(*sum), std::move(e)) : std::move(e);
        i = j + 1;
    }
    return sum;
}

std::optional<X86Operand> operand(std::string_view t) {
    X86Operand o;
    o.text = std::string(t);
    if (t.size() >= 2 && t.front() == '[' && t.back() == ']') {
        auto a = address(t.substr(1, t.size() - 2));
        if (!a) return std::nullopt;
        o.kind = X86Operand::Kind::Mem;
        o.expr = std::move(*a);
        return o;
    }
    std::string_view v = !t.empty() && t[0] == '$' ? t.substr(1) : t;
    if (auto n = parseInteger(v)) {
        o.expr = Expr::constant(*n);
        return o;
    }
    if (v.size() < t.size() && isIdentifier(v) && !isRegister(v)) {  // `$x`: the address of x
        o.expr = Expr::sym(std::string(v));
        return o;
    }
    if (v.size() == t.size() && isRegister(t)) {
        o.kind = X86Operand::Kind::Reg;
        o.reg = upper(t);
        return o;
    }
    return std::nullopt;
}

bool mnemonic(std::string_view written, X86Instr& in) {
    in.op = upper(written);
    return isX86Op(in.op);
}

/// The bytes a memory access through an 8- or 16-bit register touches (`MOV [x],AL`: 1), or
/// 0 for the word: Intel syntax has no size suffix, the register says the width.
std::uint8_t accessWidth(const X86Instr& in) {
    bool memory = false;
    std::uint8_t width = 0;
    for (const auto& o : in.operands) {
        memory = memory || o.kind == X86Operand::Kind::Mem;
        if (o.kind != X86Operand::Kind::Reg) continue;
        if (o.reg.size() == 2 && (o.reg[1] == 'L' || o.reg[1] == 'H')) width = 1;
        else if (o.reg.size() == 2 && o.reg[0] != 'R') width = 2;
    }
    return memory ? width : 0;
}

bool lowerCell(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    static const X86Syntax intel{"X86", "LOCK", &mnemonic, &operand, false};
    X86Instr in;
    if (!readX86Cell(cell, loc, intel, in, out)) return false;
    in.width = accessWidth(in);
    return lowerX86(in, {"X86", "EAX"}, out);
}

/// Empty for a name that is no X86 register: the state parser reports it.
std::string registerName(std::string_view name) { return isRegister(name) ? upper(name) : std::string(); }

}  // namespace

const FrontEnd& x86FrontEnd() {
    static const TableFrontEnd fe(Dialect{&lowerCell, &registerName});
    return fe;
}

}  // namespace memlit::litmus
