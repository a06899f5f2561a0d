#include "litmus/x86/X86Semantics.hpp"

#include "support/Spelling.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace memlit::litmus {

namespace {

using Kind = X86Operand::Kind;
using EK = Expr::Kind;

constexpr std::array<std::string_view, 5> jumps = {"JE", "JZ", "JNE", "JNZ", "JMP"};
constexpr std::array<std::string_view, 15> others = {
    "MOV", "XCHG", "XADD", "CMPXCHG", "ADD",    "SUB",    "AND",   "OR",
    "XOR", "INC",  "DEC",  "CMP",     "MFENCE", "LFENCE", "SFENCE"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& a, std::string_view s) {
    return std::find(a.begin(), a.end(), s) != a.end();
}

EK arithmetic(std::string_view op) {
    if (op == "SUB" || op == "DEC") return EK::Sub;
    if (op == "AND") return EK::And;
    if (op == "OR") return EK::Or;
    if (op == "XOR") return EK::Xor;
    return EK::Add;
}

class Lowering {
public:
    Lowering(const X86Instr& in, const X86Flavour& fl, ThreadBuilder& out)
        : in_(in), fl_(fl), out_(out) {}

    bool run();

private:
    bool bad(const X86Operand& o) {
        out_.error(o.loc, "bad operand '" + o.text + "' for '" + in_.written + "'");
        return false;
    }
    void emit(OpKind k) { out_.emit(std::move(k), in_.loc); }
    std::vector<std::string> tags(bool locked) const {
        return locked ? std::vector<std::string>{"X"} : std::vector<std::string>{};
    }
    /// The value of a source operand; a memory operand is read by a plain load into a temporary.
    Expr value(const X86Operand& o) {
        if (o.kind == Kind::Imm) return o.expr;
        if (o.kind == Kind::Reg) return Expr::reg(o.reg);
        std::string t = out_.freshTemp();
        emit(Load{t, o.expr, {}, -1, in_.width});
        return Expr::reg(t);
    }
    void setZero(Expr result) {
        emit(Assign{zeroFlag, Expr::binary(EK::Eq, std::move(result), Expr::constant(0))});
    }
    bool mov();
    bool xchg();
    bool xadd();
    bool cmpxchg();
    bool arith();

    const X86Instr& in_;
    const X86Flavour& fl_;
    ThreadBuilder& out_;
};

bool Lowering::mov() {
    const X86Operand& d = in_.operands[0];
    const X86Operand& s = in_.operands[1];
    if (d.kind == Kind::Imm) return bad(d);
    if (d.kind == Kind::Mem) {
        if (s.kind == Kind::Mem) return bad(s);
        emit(Store{d.expr, value(s), {}, -1, in_.width});
    } else if (s.kind == Kind::Mem) {
        emit(Load{d.reg, s.expr, {}, -1, in_.width});
    } else {
        emit(Assign{d.reg, value(s)});
    }
    return true;
}

// XCHG with memory is locked whether or not it says so.
bool Lowering::xchg() {
    const X86Operand& a = in_.operands[0];
    const X86Operand& b = in_.operands[1];
    if (a.kind == Kind::Imm) return bad(a);
    if (b.kind == Kind::Imm) return bad(b);
    std::string t = out_.freshTemp();
    if (a.kind == Kind::Reg && b.kind == Kind::Reg) {
        emit(Assign{t, Expr::reg(a.reg)});
        emit(Assign{a.reg, Expr::reg(b.reg)});
        emit(Assign{b.reg, Expr::reg(t)});
        return true;
    }
    if (a.kind == Kind::Mem && b.kind == Kind::Mem) return bad(b);
    const X86Operand& m = a.kind == Kind::Mem ? a : b;
    const X86Operand& r = a.kind == Kind::Mem ? b : a;
    int k = out_.freshRmw();
    emit(Load{t, m.expr, tags(true), k, in_.width});
    emit(Store{m.expr, Expr::reg(r.reg), tags(true), k, in_.width});
    emit(Assign{r.reg, Expr::reg(t)});
    return true;
}

bool Lowering::xadd() {
    const X86Operand& d = in_.operands[0];
    const X86Operand& s = in_.operands[1];
    if (d.kind == Kind::Imm) return bad(d);
    if (s.kind != Kind::Reg) return bad(s);
    std::string t = out_.freshTemp();
    Expr sum = Expr::binary(EK::Add, Expr::reg(t), Expr::reg(s.reg));
    if (d.kind == Kind::Mem) {
        int k = in_.lock ? out_.freshRmw() : -1;
        emit(Load{t, d.expr, tags(in_.lock), k, in_.width});
        emit(Store{d.expr, sum, tags(in_.lock), k, in_.width});
    } else {
        emit(Assign{t, Expr::reg(d.reg)});
        emit(Assign{d.reg, sum});
    }
    setZero(sum);
    emit(Assign{s.reg, Expr::reg(t)});
    return true;
}

// Compares the accumulator with the destination; stores the source only when they are equal,
// and leaves the old value in the accumulator either way.
bool Lowering::cmpxchg() {
    const X86Operand& d = in_.operands[0];
    const X86Operand& s = in_.operands[1];
    if (d.kind == Kind::Imm) return bad(d);
    if (s.kind != Kind::Reg) return bad(s);
    std::string t = out_.freshTemp();
    Expr acc = Expr::reg(fl_.accumulator);
    if (d.kind == Kind::Mem) {
        int k = in_.lock ? out_.freshRmw() : -1;
        std::string skip = out_.freshLabel();
        emit(Load{t, d.expr, tags(in_.lock), k, in_.width});
        emit(Assign{zeroFlag, Expr::binary(EK::Eq, Expr::reg(t), acc)});
        emit(Branch{Expr::unary(EK::Not, Expr::reg(zeroFlag)), skip});
        emit(Store{d.expr, Expr::reg(s.reg), tags(in_.lock), k, in_.width});
        emit(Label{skip});
    } else {
        emit(Assign{t, Expr::reg(d.reg)});
        emit(Assign{zeroFlag, Expr::binary(EK::Eq, Expr::reg(t), acc)});
        emit(Assign{d.reg, Expr::ite(Expr::reg(zeroFlag), Expr::reg(s.reg), Expr::reg(t))});
    }
    emit(Assign{fl_.accumulator, Expr::reg(t)});
    return true;
}

bool Lowering::arith() {
    const X86Operand& d = in_.operands[0];
    bool unary = in_.op == "INC" || in_.op == "DEC";
    if (d.kind == Kind::Imm) return bad(d);
    if (!unary && d.kind == Kind::Mem && in_.operands[1].kind == Kind::Mem) return bad(in_.operands[1]);
    EK op = arithmetic(in_.op);
    if (d.kind == Kind::Mem) {
        Expr src = unary ? Expr::constant(1) : value(in_.operands[1]);
        int k = in_.lock ? out_.freshRmw() : -1;
        std::string t = out_.freshTemp();
        Expr result = Expr::binary(op, Expr::reg(t), src);
        emit(Load{t, d.expr, tags(in_.lock), k, in_.width});
        emit(Store{d.expr, result, tags(in_.lock), k, in_.width});
        setZero(result);
    } else {
        Expr src = unary ? Expr::constant(1) : value(in_.operands[1]);
        emit(Assign{d.reg, Expr::binary(op, Expr::reg(d.reg), src)});
        setZero(Expr::reg(d.reg));
    }
    return true;
}

bool Lowering::run() {
    const std::string& op = in_.op;
    std::size_t arity = 2;
    if (op == "INC" || op == "DEC") arity = 1;
    if (op == "MFENCE" || op == "LFENCE" || op == "SFENCE" || isX86Jump(op)) arity = 0;
    if (in_.operands.size() != arity) {
        out_.error(in_.loc, "'" + in_.written + "' takes " + std::to_string(arity) +
                                (arity == 1 ? " operand" : " operands"));
        return false;
    }
    bool rmw = op != "MOV" && op != "CMP" && arity > 0;
    if (in_.lock && (!rmw || in_.operands[0].kind != Kind::Mem)) {
        out_.error(in_.loc, "LOCK prefix needs a read-modify-write instruction with a memory "
                            "destination");
        return false;
    }
    if (op == "MFENCE" || op == "LFENCE" || op == "SFENCE") {
        emit(Fence{{op}});
        return true;
    }
    if (op == "JMP") {
        emit(Branch{Expr::constant(1), in_.target});
        return true;
    }
    if (op == "JE" || op == "JZ") {
        emit(Branch{Expr::reg(zeroFlag), in_.target});
        return true;
    }
    if (op == "JNE" || op == "JNZ") {
        emit(Branch{Expr::unary(EK::Not, Expr::reg(zeroFlag)), in_.target});
        return true;
    }
    if (op == "MOV") return mov();
    if (op == "XCHG") return xchg();
    if (op == "XADD") return xadd();
    if (op == "CMPXCHG") return cmpxchg();
    if (op == "CMP") {
        const X86Operand& a = in_.operands[0];
        const X86Operand& b = in_.operands[1];
        if (a.kind == Kind::Mem && b.kind == Kind::Mem) return bad(b);
        Expr va = value(a);
        Expr vb = value(b);
        emit(Assign{zeroFlag, Expr::binary(EK::Eq, std::move(va), std::move(vb))});
        return true;
    }
    return arith();
}

}  // namespace

bool isX86Jump(std::string_view op) { return contains(jumps, op); }

/// "; did you mean 'MOV'?" for a misspelt mnemonic (AT&T syntax: lower case), else "".
static std::string nearestMnemonic(const std::string& written, bool att) {
    std::string up = written;
    for (char& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::vector<std::string_view> all(jumps.begin(), jumps.end());
    all.insert(all.end(), others.begin(), others.end());
    auto best = closestName(up, all);
    if (!best) return {};
    if (att)
        for (char& ch : *best) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return "; did you mean '" + *best + "'?";
}

bool isX86Op(std::string_view op) { return contains(jumps, op) || contains(others, op); }

bool lowerX86(const X86Instr& in, const X86Flavour& flavour, ThreadBuilder& out) {
    return Lowering(in, flavour, out).run();
}

bool readX86Cell(std::string_view cell, SourceLoc loc, const X86Syntax& syntax, X86Instr& in,
                 ThreadBuilder& out) {
    auto at = [&](std::size_t off) {
        return SourceLoc{loc.line, loc.col + static_cast<std::uint32_t>(off)};
    };
    auto word = [&](std::size_t& pos) {
        while (pos < cell.size() && std::isspace(static_cast<unsigned char>(cell[pos]))) ++pos;
        std::size_t start = pos;
        while (pos < cell.size() && std::isalnum(static_cast<unsigned char>(cell[pos]))) ++pos;
        return cell.substr(start, pos - start);
    };
    auto sameWord = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
               });
    };
    std::size_t pos = 0;
    std::string_view w = word(pos);
    if (sameWord(w, syntax.lockWord)) {
        in.lock = true;
        w = word(pos);
        if (w.empty()) {
            out.error(at(0), "'" + std::string(syntax.lockWord) + "' must prefix an instruction");
            return false;
        }
    }
    std::size_t start = pos - w.size();
    in.loc = at(start);
    in.written = std::string(w);
    if (w.empty() || !syntax.mnemonic(w, in)) {
        const std::string word(firstWord(cell.substr(start)));
        out.error(in.loc, "unknown " + std::string(syntax.arch) + " instruction '" + word + "'" +
                              nearestMnemonic(word, syntax.sourceFirst));
        return false;
    }
    for (const OperandText& t : splitOperands(cell.substr(pos), pos)) {
        if (isX86Jump(in.op) && isIdentifier(t.text)) {
            in.target = std::string(t.text);
            continue;
        }
        auto o = isX86Jump(in.op) ? std::nullopt : syntax.operand(t.text);
        if (!o) {
            out.error(at(t.offset), "bad operand '" + std::string(t.text) + "' for '" + in.written + "'");
            return false;
        }
        o->loc = at(t.offset);
        in.operands.push_back(std::move(*o));
    }
    if (isX86Jump(in.op) && in.target.empty()) {
        out.error(in.loc, "'" + in.written + "' needs a label");
        return false;
    }
    if (syntax.sourceFirst) std::reverse(in.operands.begin(), in.operands.end());
    return true;
}

}  // namespace memlit::litmus
