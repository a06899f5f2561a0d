// RiscvLowering's entry point and operand helpers, and the fences.

#include "litmus/riscv/RiscvLowering.hpp"

namespace memlit::litmus::rv {

namespace {

using OK = RvOperand::Kind;

const char* kindName(OK k) {
    switch (k) {
    case OK::Reg: return "a register";
    case OK::Imm: return "an immediate";
    case OK::Mem: return "a memory operand 'offset(register)'";
    case OK::Word: return "a label";
    }
    return "an operand";
}

/// The memory accesses of a fence set (`rw`, `iorw`, `ow`): "r", "w", "rw" or "" (I/O only),
/// or nullopt when it is not a set of i, o, r, w.
std::optional<std::string> fenceSet(const std::string& s) {
    bool r = false, w = false;
    if (s.empty()) return std::nullopt;
    for (char ch : s) {
        if (ch == 'r') r = true;
        else if (ch == 'w') w = true;
        else if (ch != 'i' && ch != 'o') return std::nullopt;
    }
    return std::string(r ? "r" : "") + (w ? "w" : "");
}

}  // namespace

bool Lowering::run() {
    const std::string& op = in_.op;
    if (op == "fence" || op == "fence.tso" || op == "fence.i") return fence();
    if (auto m = memory()) return *m;
    return compute();
}

bool Lowering::arity(std::size_t n) {
    if (in_.operands.size() == n) return true;
    out_.error(in_.loc, "'" + in_.written + "' takes " + std::to_string(n) + " operand" + (n == 1 ? "" : "s") +
                            ", found " + std::to_string(in_.operands.size()));
    return false;
}

bool Lowering::bad(const RvOperand& o) {
    out_.error(o.loc, "bad operand '" + o.text + "' for '" + in_.written + "'");
    return false;
}

bool Lowering::expect(std::size_t i, OK k) {
    if (opnd(i).kind == k) return true;
    out_.error(opnd(i).loc, "bad operand '" + opnd(i).text + "' for '" + in_.written + "': expected " + kindName(k));
    return false;
}

Expr Lowering::read(std::size_t i) const {
    const std::string& r = opnd(i).reg;
    return r == "x0" ? c(0) : Expr::reg(r);
}

void Lowering::write(std::size_t i, Expr v) {
    const std::string& r = opnd(i).reg;
    if (r != "x0") emit(Assign{r, std::move(v)});
}

bool Lowering::unsupported(const std::string& what) {
    out_.unsupported(in_.loc, what);
    return false;
}

Expr Lowering::address(std::size_t i) const {
    const RvOperand& m = opnd(i);
    Expr base = m.reg == "x0" ? c(0) : Expr::reg(m.reg);
    return m.imm == 0 ? base : bin(EK::Add, std::move(base), c(m.imm));
}

// `fence pred,succ` orders the memory accesses of the predecessor set before those of the
// successor set; the device-I/O bits order nothing in a litmus test. `fence` alone is
// `fence iorw,iorw`. `fence.i` synchronises instruction fetch: an event that the model
// does not order anything by.
bool Lowering::fence() {
    const std::string& op = in_.op;
    if (op != "fence") {
        if (!arity(0)) return false;
        emit(Fence{{op == "fence.tso" ? "Fence.tso" : "Fence.i"}});
        return true;
    }
    std::string pred = "rw", succ = "rw";
    if (!in_.operands.empty()) {
        if (!arity(2)) return false;
        for (std::size_t i = 0; i < 2; ++i) {
            auto set = opnd(i).kind == OK::Word ? fenceSet(opnd(i).word) : std::nullopt;
            if (!set) {
                out_.error(opnd(i).loc, "bad fence set '" + opnd(i).text + "': expected letters of 'iorw'");
                return false;
            }
            (i == 0 ? pred : succ) = *set;
        }
    }
    std::vector<std::string> tags;
    if (!pred.empty() && !succ.empty()) tags.push_back("Fence." + pred + "." + succ);
    emit(Fence{tags});
    return true;
}

}  // namespace memlit::litmus::rv
