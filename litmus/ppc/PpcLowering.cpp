// PpcLowering's entry point and operand helpers.

#include "litmus/ppc/PpcLowering.hpp"
#include "support/Spelling.hpp"

#include <string_view>
#include <vector>

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
    // The common supported mnemonics, for "did you mean".
    static const std::vector<std::string_view> known = {
        "lbz", "lhz", "lwz", "ld", "lwa", "lwzx", "ldx", "stb", "sth", "stw", "std", "stwx", "stdx", "lwarx",
        "ldarx", "stwcx.", "stdcx.", "sync", "hwsync", "lwsync", "isync", "eieio", "li", "lis", "mr", "add",
        "addi", "subf", "xor", "xori", "or", "ori", "and", "cmpw", "cmpwi", "cmpd", "cmpdi", "b", "beq", "bne"};
    auto best = closestName(in_.op, known);
    out_.error(in_.loc, "unknown Power instruction '" + in_.written + "'" + (best ? "; did you mean '" + *best + "'?" : ""));
    return false;
}

}  // namespace memlit::litmus::ppc
