/// The AArch64 dialect: herd's AArch64 syntax (`LDR W0,[X1]`, `STLR W2,[X3]`, `DMB ISH`,
/// `CAS W0,W1,[X2]`). Parsing is in AArch64Syntax, lowering in AArch64Semantics.

#include "litmus/aarch64/AArch64Semantics.hpp"
#include "litmus/aarch64/AArch64Syntax.hpp"
#include "litmus/table/TableFrontEnd.hpp"

#include <cctype>

namespace memlit::litmus {

namespace {

bool lowerCell(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    auto in = parseA64(cell, loc, out);
    return in && lowerA64(*in, out);
}

// W<n> and X<n> name one register; herd prints it as X<n> whatever the condition says.
/// Empty for a name that is no AArch64 register: the state parser reports it.
std::string registerName(std::string_view name) {
    if (auto r = a64Register(name)) return r->name;
    // A system register (VNCR_EL2, ...) is a register, not a typo: the instruction that
    // uses it (MSR, MRS) is then declined as unsupported, as memlit models none of them.
    if (name.size() > 4 && name.substr(name.size() - 4, 3) == "_EL") return std::string(name);
    return {};
}

}  // namespace

const FrontEnd& aarch64FrontEnd() {
    static const TableFrontEnd fe(Dialect{&lowerCell, &registerName});
    return fe;
}

}  // namespace memlit::litmus
