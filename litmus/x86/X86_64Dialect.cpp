/// The X86_64 dialect: herd's AT&T syntax (`movq $1,(x)`, `movq (x),%rax`, `lock xaddq`).
/// Register names are lower case without '%' (`rax`); the size suffix (q/l/w/b) sets the
/// access width (8/4/2/1 bytes).

#include "litmus/table/TableFrontEnd.hpp"
#include "litmus/x86/X86Semantics.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace memlit::litmus {

namespace {

constexpr std::array<std::string_view, 42> registers = {
    "rax", "rbx", "rcx", "rdx", "rsi",  "rdi",  "rbp",  "rsp",  "r8",   "r9",   "r10",
    "r11", "r12", "r13", "r14", "r15",  "eax",  "ebx",  "ecx",  "edx",  "esi",  "edi",
    "ebp", "esp", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d", "ax",
    "bx",  "cx",  "dx",  "si",  "di",   "al",   "bl",   "cl",   "dl"};

// Mnemonics that take a size suffix.
constexpr std::array<std::string_view, 12> sized = {"mov", "xchg", "xadd", "cmpxchg", "add", "sub",
                                                    "and", "or",   "xor",  "inc",     "dec", "cmp"};

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool isRegister(std::string_view s) {
    return std::find(registers.begin(), registers.end(), s) != registers.end();
}

/// The canonical mnemonic and width of `movq`, `lock`-less; false if unknown.
bool resolve(std::string_view w, std::string& op, std::uint8_t& width) {
    std::string m = toLower(w);
    width = 0;
    if (std::find(sized.begin(), sized.end(), m) != sized.end() || isX86Op(upper(m))) {
        op = upper(m);
        return isX86Op(op);
    }
    if (m.size() < 2) return false;
    std::string base = m.substr(0, m.size() - 1);
    if (std::find(sized.begin(), sized.end(), base) == sized.end()) return false;
    switch (m.back()) {
    case 'q': width = 8; break;
    case 'l': width = 4; break;
    case 'w': width = 2; break;
    case 'b': width = 1; break;
    default: return false;
    }
    op = upper(base);
    return true;
}

/// A `%reg` term inside an address.
std::optional<Expr> regTerm(std::string_view t) {
    if (t.size() < 2 || t[0] != '%' || !isRegister(toLower(t.substr(1)))) return std::nullopt;
    return Expr::reg(toLower(t.substr(1)));
}

/// `(x)`, `(%rbx)`, `8(%rbx)`, `x(%rip)`-free forms: disp(base,index,scale).
std::optional<Expr> address(std::string_view t) {
    std::size_t open = t.find('(');
    std::size_t off = 0;
    std::string_view disp = trim(t.substr(0, open), off);
    std::vector<OperandText> parts = splitOperands(t.substr(open + 1, t.size() - open - 2), 0);
    if (parts.empty() || parts.size() > 3) return std::nullopt;
    std::optional<Expr> sum;
    auto add = [&](Expr e) {
        sum = sum ? Expr::binary(Expr::Kind::Add, std::move(*sum), std::move(e)) : std::move(e);
    };
    if (!disp.empty()) {
        if (auto n = parseInteger(disp)) add(Expr::constant(*n));
        else if (isIdentifier(disp)) add(Expr::sym(std::string(disp)));
        else return std::nullopt;
    }
    std::string_view base = parts[0].text;
    if (auto r = regTerm(base)) add(std::move(*r));
    else if (isIdentifier(base)) add(Expr::sym(std::string(base)));
    else if (!base.empty() || parts.size() == 1) return std::nullopt;
    if (parts.size() >= 2) {
        auto index = regTerm(parts[1].text);
        if (!index) return std::nullopt;
        Expr e = std::move(*index);
        if (parts.size() == 3) {
            auto scale = parseInteger(parts[2].text);
            // The SIB byte encodes only these (the assembler: "expecting scale factor of 1, 2, 4, or 8").
            if (!scale || (*scale != 1 && *scale != 2 && *scale != 4 && *scale != 8)) return std::nullopt;
            e = Expr::binary(Expr::Kind::Mul, std::move(e), Expr::constant(*scale));
        }
        add(std::move(e));
    }
    return sum;
}

std::optional<X86Operand> operand(std::string_view t) {
    X86Operand o;
    o.text = std::string(t);
    if (t.empty()) return std::nullopt;
    if (t[0] == '$') {
        std::string_view v = t.substr(1);
        if (auto n = parseInteger(v)) o.expr = Expr::constant(*n);
        else if (isIdentifier(v)) o.expr = Expr::sym(std::string(v));  // the address of v
        else return std::nullopt;
        return o;
    }
    if (t[0] == '%') {
        if (!isRegister(toLower(t.substr(1)))) return std::nullopt;
        o.kind = X86Operand::Kind::Reg;
        o.reg = toLower(t.substr(1));
        return o;
    }
    o.kind = X86Operand::Kind::Mem;
    if (t.back() == ')' && t.find('(') != std::string_view::npos) {
        auto a = address(t);
        if (!a) return std::nullopt;
        o.expr = std::move(*a);
        return o;
    }
    if (!isIdentifier(t)) return std::nullopt;
    o.expr = Expr::sym(std::string(t));  // absolute: `movq x,%rax`
    return o;
}

bool mnemonic(std::string_view written, X86Instr& in) { return resolve(written, in.op, in.width); }

bool lowerCell(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    static const X86Syntax att{"X86_64", "lock", &mnemonic, &operand, true};
    X86Instr in;
    return readX86Cell(cell, loc, att, in, out) && lowerX86(in, {"X86_64", "rax"}, out);
}

/// Empty for a name that is no X86_64 register: the state parser reports it.
std::string registerName(std::string_view name) {
    std::string r = toLower(!name.empty() && name[0] == '%' ? name.substr(1) : name);
    return isRegister(r) ? r : std::string();
}

}  // namespace

const FrontEnd& x86_64FrontEnd() {
    static const TableFrontEnd fe(Dialect{&lowerCell, &registerName});
    return fe;
}

}  // namespace memlit::litmus
