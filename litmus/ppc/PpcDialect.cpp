/// The Power dialect: herd's PPC syntax (`lwz r1,0(r2)`, `stwx r3,r4,r5`, `lwsync`,
/// `cmpw r1,r1` + `beq L`, `lwarx`/`stwcx.`). Parsing is in PpcSyntax, lowering in PpcLowering.

#include "litmus/ppc/PpcLowering.hpp"
#include "litmus/ppc/PpcSyntax.hpp"
#include "litmus/table/TableFrontEnd.hpp"

namespace memlit::litmus {

namespace {

bool lowerCell(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    auto in = parsePpc(cell, loc, out);
    return in && ppc::Lowering(*in, out).run();
}

// `R5` and `r5` name one register; herd prints it as r5.
/// Empty for a name that is no Power register: the state parser reports it.
std::string registerName(std::string_view name) {
    if (auto r = ppcRegister(name)) return *r;
    return {};
}

}  // namespace

const FrontEnd& ppcFrontEnd() {
    static const TableFrontEnd fe(Dialect{&lowerCell, &registerName, true});
    return fe;
}

}  // namespace memlit::litmus
