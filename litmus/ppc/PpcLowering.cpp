// PpcLowering's entry point and operand helpers.

#include "litmus/ppc/PpcLowering.hpp"

namespace memlit::litmus::ppc {

namespace {

const char* kindName(PpcOperand::Kind k) {
    switch (k) {
    case PpcOperand::Kind::Reg: return "a register";
    case PpcOperand::Kind::Cr: return "a condition-register field";
    case PpcOperand::Kind::Imm: return "an immediate";
    case PpcOperand::Kind::Mem: return "a memory operand 'offset(register)'";
    case PpcOperand::Kind::Label: return "a label";
    }
    return "an operand";
}

}  // namespace

bool Lowering::run() {
    if (auto m = memory()) return *m;
    return compute();
}

bool Lowering::arity(std::size_t n) {
    if (in_.operands.size() == n) return true;
    out_.error(in_.loc, "'" + in_.written + "' takes " + std::to_string(n) + " operand" + (n == 1 ? "" : "s") +
                            ", found " + std::to_string(in_.operands.size()));
    return false;
}

bool Lowering::expect(std::size_t i, OK k) {
    if (opnd(i).kind == k) return true;
    out_.error(opnd(i).loc, "bad operand '" + opnd(i).text + "' for '" + in_.written + "': expected " + kindName(k));
    return false;
}

bool Lowering::unsupported(const std::string& what) {
    out_.unsupported(in_.loc, what);
    return false;
}

bool Lowering::unknown() {
    out_.error(in_.loc, "unknown Power instruction '" + in_.written + "'");
    return false;
}

}  // namespace memlit::litmus::ppc
