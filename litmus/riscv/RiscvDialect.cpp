/// The RISC-V dialect: herd's RISC-V syntax (`lw x5,0(x6)`, `sw.rl x7,0(x8)`, `fence rw,rw`,
/// `lr.w`/`sc.w`, `amoswap.w.aq.rl`). Parsing is in RiscvSyntax, lowering in RiscvLowering.

#include "litmus/riscv/RiscvLowering.hpp"
#include "litmus/riscv/RiscvSyntax.hpp"
#include "litmus/table/TableFrontEnd.hpp"

namespace memlit::litmus {

namespace {

bool lowerCell(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    auto in = parseRiscv(cell, loc, out);
    return in && rv::Lowering(*in, out).run();
}

// `a0` and `x10` name one register; herd prints it as x10 whatever the test wrote.
/// Empty for a name that is no RISC-V register: the state parser reports it.
std::string registerName(std::string_view name) {
    if (auto r = riscvRegister(name)) return *r;
    return {};
}

}  // namespace

const FrontEnd& riscvFrontEnd() {
    static const TableFrontEnd fe(Dialect{&lowerCell, &registerName});
    return fe;
}

}  // namespace memlit::litmus
