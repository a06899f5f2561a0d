// Lowering of AArch64 instructions to IR, one instruction form per section, and the exact
// diagnostics of the AArch64 front end.

#include "litmus/aarch64/AArch64Semantics.hpp"
#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::litmus;

namespace {

using EK = Expr::Kind;

std::string program(const std::string& cells) {
    std::string text = "AArch64 T\n{ 0:X1=x; }\n P0 ;\n";
    std::size_t b = 0;
    while (b < cells.size()) {
        std::size_t e = cells.find('\n', b);
        if (e == std::string::npos) e = cells.size();
        text += " " + cells.substr(b, e - b) + " ;\n";
        b = e + 1;
    }
    return text + "exists (0:X0=0)\n";
}

/// The IR of a one-thread AArch64 test whose only thread is `cells` (one cell per line).
std::vector<OpKind> lowerAll(const std::string& cells) {
    std::string text = program(cells);
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d);
    INFO(text);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    REQUIRE(t->threads.size() == 1);
    std::vector<OpKind> out;
    for (const auto& o : t->threads[0].ops) out.push_back(o.kind);
    return out;
}

/// lowerAll without the writes of the W-view shadow registers `%sX<n>` (tested on their own).
std::vector<OpKind> lower(const std::string& cells) {
    std::vector<OpKind> out;
    for (auto& k : lowerAll(cells)) {
        const auto* as = std::get_if<Assign>(&k);
        if (!as || as->dst.rfind("%s", 0) != 0) out.push_back(std::move(k));
    }
    return out;
}

/// The diagnostics of a one-thread test, formatted.
std::vector<std::string> diagnostics(const std::string& cells) {
    Diagnostics d;
    auto t = parseLitmus(program(cells), "t.litmus", d);
    CHECK_FALSE(t);
    std::vector<std::string> out;
    for (const auto& x : d.all()) out.push_back(Diagnostics::format(x));
    return out;
}

Expr reg(const char* r) { return Expr::reg(r); }
Expr c(std::int64_t v) { return Expr::constant(v); }
Expr bin(EK k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }
Expr add(Expr a, std::int64_t v) { return bin(EK::Add, std::move(a), c(v)); }
Expr sext32(Expr e) { return a64::signExtend(std::move(e), 32); }
Expr zext32(Expr e) { return a64::zeroExtend(std::move(e), 32); }
/// The two ops of a W-view write of a non-constant `v` to `x`: its 32-bit result in the shadow
/// register `%s<x>`, and the zero-extended architectural value in `x`.
Assign shadowOf(const std::string& x, Expr v) { return Assign{"%s" + x, std::move(v)}; }
Assign zeroExtended(const std::string& x) { return Assign{x, zext32(Expr::reg("%s" + x))}; }
using Tags = std::vector<std::string>;

}  // namespace

TEST_CASE("AArch64: W and X views name one register", "[litmus][aarch64]") {
    CHECK(lower("MOV W0,#1\nMOV X2,X0\nMOV w3,wzr") ==
          std::vector<OpKind>{zeroExtended("X0"), Assign{"X2", reg("X0")}, zeroExtended("X3")});
    SECTION("a W-view result is zero-extended; W-view reads use its sign-extended shadow") {
        CHECK(lowerAll("ADD W0,W1,#1\nADD W2,W0,W0\nMOV X3,X0\nMOV W4,W3") ==
              std::vector<OpKind>{shadowOf("X0", a64::wrap32(add(sext32(reg("X1")), 1))), zeroExtended("X0"),
                                  shadowOf("X2", a64::wrap32(bin(EK::Add, reg("%sX0"), reg("%sX0")))),
                                  zeroExtended("X2"), Assign{"X3", reg("X0")}, shadowOf("X3", sext32(reg("X3"))),
                                  shadowOf("X4", reg("%sX3")), zeroExtended("X4")});
    }
    SECTION("constants are sign-extended in the shadow, zero-extended in the register") {
        CHECK(lowerAll("MOV W0,#0xffffffff") ==
              std::vector<OpKind>{shadowOf("X0", c(-1)), zeroExtended("X0")});
    }
    SECTION("a register never written is read through the W view by sign-extending it") {
        CHECK(lower("ADD W0,W1,W1") ==
              std::vector<OpKind>{zeroExtended("X0")});
        CHECK(std::get<Assign>(lowerAll("ADD W0,W1,W1")[0]).value ==
              a64::wrap32(bin(EK::Add, sext32(reg("X1")), sext32(reg("X1")))));
    }
}

TEST_CASE("AArch64: loads and stores in every addressing form", "[litmus][aarch64]") {
    SECTION("base register, immediate offset, widths") {
        CHECK(lower("LDR W0,[X1]\nLDR X2,[X1,#8]\nSTRB W0,[X1]\nSTRH W0,[X1]\nSTR X2,[X1]") ==
              std::vector<OpKind>{Load{"%t0", reg("X1"), {}, -1, 4}, zeroExtended("X0"),
                                  Load{"%t1", add(reg("X1"), 8), {}, -1, 8}, Assign{"X2", reg("%t1")},
                                  Store{reg("X1"), bin(EK::And, reg("%sX0"), c(0xff)), {}, -1, 1},
                                  Store{reg("X1"), bin(EK::And, reg("%sX0"), c(0xffff)), {}, -1, 2},
                                  Store{reg("X1"), reg("X2"), {}, -1, 8}});
    }
    SECTION("register offsets: plain, SXTW, UXTW, LSL") {
        CHECK(lower("LDR W0,[X1,X2]\nLDR W0,[X1,W2,SXTW]\nLDR W0,[X1,W2,UXTW]\nLDR W0,[X1,X2,LSL #2]") ==
              std::vector<OpKind>{
                  Load{"%t0", bin(EK::Add, reg("X1"), reg("X2")), {}, -1, 4}, zeroExtended("X0"),
                  Load{"%t1", bin(EK::Add, reg("X1"), sext32(reg("X2"))), {}, -1, 4}, zeroExtended("X0"),
                  Load{"%t2", bin(EK::Add, reg("X1"), a64::zeroExtend(sext32(reg("X2")), 32)), {}, -1, 4},
                  zeroExtended("X0"),
                  Load{"%t3", bin(EK::Add, reg("X1"), bin(EK::Shl, reg("X2"), c(2))), {}, -1, 4},
                  zeroExtended("X0")});
    }
    SECTION("post-index and pre-index write back the base") {
        CHECK(lower("LDR X0,[X1],#8\nSTR X0,[X1,#8]!") ==
              std::vector<OpKind>{Load{"%t0", reg("X1"), {}, -1, 8}, Assign{"X0", reg("%t0")},
                                  Assign{"X1", add(reg("X1"), 8)}, Store{add(reg("X1"), 8), reg("X0"), {}, -1, 8},
                                  Assign{"X1", add(reg("X1"), 8)}});
    }
    SECTION("acquire, acquire-PC and release") {
        CHECK(lower("LDAR W0,[X1]\nLDAPR W0,[X1]\nSTLR W0,[X1]") ==
              std::vector<OpKind>{Load{"%t0", reg("X1"), Tags{"A"}, -1, 4}, zeroExtended("X0"), Load{"%t1", reg("X1"), Tags{"Q"}, -1, 4},
                                  zeroExtended("X0"),
                                  Store{reg("X1"), reg("%sX0"), Tags{"L"}, -1, 4}});
    }
    SECTION("sign-extending loads") {
        CHECK(lower("LDRSB X0,[X1]") ==
              std::vector<OpKind>{Load{"%t0", reg("X1"), {}, -1, 1},
                                  Assign{"X0", a64::signExtend(reg("%t0"), 8)}});
    }
    SECTION("pairs") {
        CHECK(lower("STP X2,X3,[X1]") ==
              std::vector<OpKind>{Store{reg("X1"), reg("X2"), {}, -1, 8},
                                  Store{add(reg("X1"), 8), reg("X3"), {}, -1, 8}});
    }
}

TEST_CASE("AArch64: exclusives pair by rmw id and the store may fail", "[litmus][aarch64]") {
    CHECK(lower("LDXR W0,[X1]\nSTXR W2,W0,[X1]") ==
          std::vector<OpKind>{Assign{"%xa0", reg("X1")}, Load{"%t0", reg("X1"), Tags{"X"}, 0, 4},
                              zeroExtended("X0"), Choice{"%t1"},
                              Assign{"%t1", Expr::ite(reg("%t1"), bin(EK::Eq, reg("%xa0"), reg("X1")), c(0))},
                              Branch{Expr::unary(EK::Not, reg("%t1")), "%L0", true},
                              Store{reg("X1"), reg("%sX0"), Tags{"X"}, 0, 4}, Label{"%L0"},
                              zeroExtended("X2")});
    SECTION("acquire and release exclusives") {
        auto ops = lower("LDAXR W0,[X1]\nSTLXR W2,W0,[X1]");
        CHECK(std::get<Load>(ops[1]).tags == Tags{"A", "X"});
        CHECK(std::get<Store>(ops[6]).tags == Tags{"L", "X"});
    }
    SECTION("a store-exclusive without a load-exclusive fails") {
        CHECK(lower("STXR W2,W0,[X1]") == std::vector<OpKind>{zeroExtended("X2")});
    }
}

TEST_CASE("AArch64: atomics SWP, LD<op>, ST<op>, CAS", "[litmus][aarch64]") {
    SECTION("SWPAL reads with A and writes with L") {
        CHECK(lower("SWPAL X2,X0,[X1]") ==
              std::vector<OpKind>{Load{"%t0", reg("X1"), Tags{"X", "A"}, 0, 8},
                                  Store{reg("X1"), reg("X2"), Tags{"X", "L"}, 0, 8}, Assign{"X0", reg("%t0")}});
    }
    SECTION("LDADD adds, STADD discards the old value and marks the read NoRet") {
        CHECK(lower("MOV W2,#1\nSTADD W2,[X1]") ==
              std::vector<OpKind>{zeroExtended("X2"), Load{"%t0", reg("X1"), Tags{"X", "NoRet"}, 0, 4},
                                  Store{reg("X1"), a64::wrap32(bin(EK::Add, reg("%t0"), reg("%sX2"))), Tags{"X"}, 0, 4}});
        auto ops = lower("LDCLRL X2,X0,[X1]");
        CHECK(std::get<Store>(ops[1]).value ==
              bin(EK::And, reg("%t0"), bin(EK::Xor, reg("X2"), c(-1))));
        CHECK(std::get<Store>(ops[1]).tags == Tags{"X", "L"});
    }
    SECTION("CAS writes only when the value read equals Rs; Rs gets the value read") {
        CHECK(lower("CASA X0,X2,[X1]") ==
              std::vector<OpKind>{Load{"%t0", reg("X1"), Tags{"X", "A"}, 0, 8},
                                  Branch{bin(EK::Ne, reg("%t0"), reg("X0")), "%L0", true},
                                  Store{reg("X1"), bin(EK::Add, reg("X2"), bin(EK::And, reg("%t0"), c(0))),
                                        Tags{"X"}, 0, 8},
                                  Label{"%L0"}, Assign{"X0", reg("%t0")}});
    }
}

TEST_CASE("AArch64: barriers", "[litmus][aarch64]") {
    CHECK(lower("DMB SY\nDMB ISHLD\nDMB.ST\nDSB ISH\nISB") ==
          std::vector<OpKind>{Fence{{"DMB.SY"}}, Fence{{"DMB.ISHLD"}}, Fence{{"DMB.ST"}}, Fence{{"DSB.ISH"}},
                              Fence{{"ISB"}}});
}

TEST_CASE("AArch64: flags, conditional select and branches", "[litmus][aarch64]") {
    SECTION("CMP sets the four flags; B.EQ branches on Z") {
        auto ops = lower("CMP X0,#1\nB.EQ L0\nL0:");
        REQUIRE(ops.size() == 6);  // the flags, the branch and the label
        CHECK(ops[1] == OpKind{Assign{"%Z", bin(EK::Eq, reg("X0"), c(1))}});
        CHECK(ops[4] == OpKind{Branch{reg("%Z"), "L0"}});
    }
    SECTION("CSEL selects; CSET selects between constants") {
        CHECK(lower("CSEL X0,X2,X3,NE\nCSET X4,EQ") ==
              std::vector<OpKind>{Assign{"X0", Expr::ite(Expr::unary(EK::Not, reg("%Z")), reg("X2"), reg("X3"))},
                                  Assign{"X4", Expr::ite(reg("%Z"), c(1), c(0))}});
    }
    SECTION("CBZ, CBNZ, TBNZ, B") {
        CHECK(lower("CBZ X0,L0\nCBNZ X0,L0\nTBNZ X0,#3,L0\nB L0\nL0:") ==
              std::vector<OpKind>{Branch{bin(EK::Eq, reg("X0"), c(0)), "L0"},
                                  Branch{bin(EK::Ne, reg("X0"), c(0)), "L0"},
                                  Branch{bin(EK::Ne, bin(EK::And, bin(EK::Shr, reg("X0"), c(3)), c(1)), c(0)), "L0"},
                                  Branch{c(1), "L0"}, Label{"L0"}});
    }
}

TEST_CASE("AArch64: arithmetic and moves", "[litmus][aarch64]") {
    CHECK(lower("EOR X2,X0,X0\nADD X3,X1,X2,LSL #2\nMOVZ X4,#1,LSL #16\nMOVK X4,#2") ==
          std::vector<OpKind>{Assign{"X2", bin(EK::Xor, reg("X0"), reg("X0"))},
                              Assign{"X3", bin(EK::Add, reg("X1"), bin(EK::Shl, reg("X2"), c(2)))},
                              Assign{"X4", c(0x10000)},
                              Assign{"X4", bin(EK::Or, bin(EK::And, reg("X4"), c(~std::int64_t{0xffff})), c(2))}});
}

TEST_CASE("AArch64: diagnostics", "[litmus][aarch64][diagnostics]") {
    CHECK(diagnostics("FROB X0,X1") ==
          std::vector<std::string>{"t.litmus:4:2: error: unknown AArch64 instruction 'FROB'"});
    CHECK(diagnostics("LDR W0,[Q1]") ==
          std::vector<std::string>{"t.litmus:4:9: error: bad operand '[Q1]' for 'LDR'"});
    CHECK(diagnostics("ADD X0,X1") ==
          std::vector<std::string>{"t.litmus:4:2: error: 'ADD' takes 3 to 4 operands"});
    CHECK(diagnostics("DMB XYZ") ==
          std::vector<std::string>{"t.litmus:4:2: error: unknown barrier option 'XYZ' for 'DMB'"});
    CHECK(diagnostics("BLR X1") ==
          std::vector<std::string>{
              "t.litmus:4:2: error: unsupported feature: branch to register (code addresses as values)"});
    CHECK(diagnostics("B .+8") ==
          std::vector<std::string>{"t.litmus:4:4: error: unsupported feature: PC-relative address '.+8'"});
}

TEST_CASE("AArch64: a system register in the initial state is declined with its instruction", "[litmus][aarch64]") {
    const std::string text = "AArch64 t\n{\n0:VNCR_EL2=x;\n}\n P0 ;\n MSR VNCR_EL2,X1 ;\nexists (x=0)\n";
    Diagnostics d;
    CHECK_FALSE(parseLitmus(text, "t.litmus", d));
    REQUIRE(d.all().size() == 1);
    CHECK(Diagnostics::format(d.all()[0]) == "t.litmus:6:2: error: unsupported feature: system registers (MSR)");
    CHECK(d.onlyUnsupported());
    Diagnostics typo;
    CHECK_FALSE(parseLitmus("AArch64 t\n{\n0:XQ=x;\n}\n P0 ;\n NOP ;\nexists (x=0)\n", "t.litmus", typo));
    REQUIRE_FALSE(typo.all().empty());
    CHECK(Diagnostics::format(typo.all()[0]) == "t.litmus:3:3: error: unknown register 'XQ'");
}
