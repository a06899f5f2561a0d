// Lowering of Power instructions to IR, one instruction family per test case, and the exact
// diagnostics of the Power front end.

#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"
#include "litmus/ppc/PpcLowering.hpp"
#include "litmus/ppc/PpcSyntax.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace memlit;
using namespace memlit::litmus;

namespace {

using EK = Expr::Kind;
using Tags = std::vector<std::string>;

std::string program(const std::string& cells) {
    std::string text = "PPC T\n{ 0:r2=x; }\n P0 ;\n";
    std::size_t b = 0;
    while (b < cells.size()) {
        std::size_t e = cells.find('\n', b);
        if (e == std::string::npos) e = cells.size();
        text += " " + cells.substr(b, e - b) + " ;\n";
        b = e + 1;
    }
    return text + "exists (0:r1=0)\n";
}

/// The IR of a one-thread Power test whose only thread is `cells` (one cell per line).
std::vector<OpKind> lower(const std::string& cells) {
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
/// What lwz leaves in its register: the word read, zero-extended.
Expr word(const char* t) {
    return Expr::ite(bin(EK::Lt, reg(t), c(0)), bin(EK::Add, reg(t), c(std::int64_t{1} << 32)), reg(t));
}

}  // namespace

TEST_CASE("Power: r names are case-insensitive registers r0..r31", "[litmus][ppc]") {
    CHECK(ppcRegister("r5") == "r5");
    CHECK(ppcRegister("R31") == "r31");
    CHECK_FALSE(ppcRegister("r32"));
    CHECK_FALSE(ppcRegister("r05"));
    CHECK_FALSE(ppcRegister("cr0"));
}

TEST_CASE("Power: D-form and X-form loads and stores, with r0 as base register reading 0", "[litmus][ppc]") {
    CHECK(lower("lwz r1,0(r2)\nstw r1,4(r2)\nlwz r3,8,r2") ==
          std::vector<OpKind>{Load{"%t0", reg("r2"), {}, -1, 4}, Assign{"r1", word("%t0")},
                              Store{bin(EK::Add, reg("r2"), c(4)), reg("r1"), {}, -1, 4},
                              Load{"%t1", bin(EK::Add, reg("r2"), c(8)), {}, -1, 4}, Assign{"r3", word("%t1")}});
    CHECK(lower("lwzx r3,r5,r2\nstdx r3,r0,r2\nld r4,0(r0)") ==
          std::vector<OpKind>{Load{"%t0", bin(EK::Add, reg("r5"), reg("r2")), {}, -1, 4}, Assign{"r3", word("%t0")},
                              Store{reg("r2"), reg("r3"), {}, -1, 8}, Load{"%t1", c(0), {}, -1, 8},
                              Assign{"r4", reg("%t1")}});
    SECTION("narrow loads zero-extend, narrow stores keep the low bytes") {
        CHECK(lower("lbz r1,0(r2)\nsth r1,0(r2)") ==
              std::vector<OpKind>{Load{"%t0", reg("r2"), {}, -1, 1}, Assign{"r1", bin(EK::And, reg("%t0"), c(0xff))},
                                  Store{reg("r2"), bin(EK::And, reg("r1"), c(0xffff)), {}, -1, 2}});
    }
}

TEST_CASE("Power: the barriers are fences tagged by their mnemonics, hwsync as sync", "[litmus][ppc]") {
    CHECK(lower("sync\nhwsync\nlwsync\nisync\neieio") ==
          std::vector<OpKind>{Fence{{"SYNC"}}, Fence{{"SYNC"}}, Fence{{"LWSYNC"}}, Fence{{"ISYNC"}}, Fence{{"EIEIO"}}});
}

TEST_CASE("Power: cmpw sets cr0 and beq branches on it; addi reads r0 as 0", "[litmus][ppc]") {
    CHECK(lower("xor r3,r1,r1\naddi r3,r0,2\ncmpw r1,r3\nbeq L0\ncmplwi cr1,r1,2\nbgt cr1,L0\nL0:") ==
          std::vector<OpKind>{
              Assign{"r3", bin(EK::Xor, reg("r1"), reg("r1"))}, Assign{"r3", bin(EK::Add, c(0), c(2))},
              Assign{"cr0", ppc::compareCode(reg("r1"), reg("r3"))}, Branch{bin(EK::Eq, reg("cr0"), c(0)), "L0"},
              Assign{"cr1", ppc::compareUnsigned(reg("r1"), c(2))},
              Branch{bin(EK::Gt, reg("cr1"), c(0)), "L0"}, Label{"L0"}});
    CHECK(ppc::compareCode(reg("r1"), c(0)) == bin(EK::Sub, reg("r1"), c(0)));
}

TEST_CASE("Power: stwcx. pairs with the latest lwarx, succeeds by choice on its address and sets cr0 EQ only "
          "then",
          "[litmus][ppc]") {
    CHECK(lower("lwarx r1,0,r2\nstwcx. r1,0,r2") ==
          std::vector<OpKind>{
              Assign{"%ra0", reg("r2")}, Load{"%t0", reg("r2"), {"X"}, 0, 4}, Assign{"r1", reg("%t0")},
              Choice{"%t1"},
              Assume{bin(EK::Or, Expr::unary(EK::Not, reg("%t1")), bin(EK::Eq, reg("%ra0"), reg("r2")))},
              Branch{Expr::unary(EK::Not, reg("%t1")), "%L0", true}, Store{reg("r2"), reg("r1"), {"X"}, 0, 4},
              Label{"%L0"}, Assign{"cr0", Expr::ite(reg("%t1"), c(0), c(2))}});
    SECTION("a stwcx. without a reservation, or after another stwcx., fails") {
        CHECK(lower("stdcx. r1,0,r2") == std::vector<OpKind>{Assign{"cr0", c(2)}});
        auto ops = lower("ldarx r1,0,r2\nstdcx. r1,0,r2\nstdcx. r1,0,r2");
        CHECK(std::get<Assign>(ops.back()) == Assign{"cr0", c(2)});
    }
}

TEST_CASE("Power: rotations under a mask", "[litmus][ppc]") {
    auto ops = lower("rlwinm r3,r4,0,30,31");
    const Expr w = bin(EK::And, reg("r4"), c(0xffffffffLL));
    CHECK(ops == std::vector<OpKind>{Assign{"r3", bin(EK::And, bin(EK::Or, w, bin(EK::Shl, w, c(32))), c(3))}});
}

TEST_CASE("Power: diagnostics name the instruction and its position", "[litmus][ppc][diagnostics]") {
    CHECK(diagnostics("frobnicate r1,r2") ==
          std::vector<std::string>{"t.litmus:4:2: error: unknown Power instruction 'frobnicate'"});
    CHECK(diagnostics("lwz r1,r2") ==
          std::vector<std::string>{
              "t.litmus:4:9: error: bad operand 'r2' for 'lwz': expected a memory operand 'offset(register)'"});
    CHECK(diagnostics("lwzx r1,0(r2)") ==
          std::vector<std::string>{"t.litmus:4:2: error: 'lwzx' takes 3 operands, found 2"});
    CHECK(diagnostics("add r1,r2") == std::vector<std::string>{"t.litmus:4:2: error: 'add' takes 3 operands, found 2"});
    CHECK(diagnostics("lwz r1,0(q2)") == std::vector<std::string>{"t.litmus:4:9: error: bad operand '0(q2)' for 'lwz'"});
    CHECK(diagnostics("beq r1") ==
          std::vector<std::string>{"t.litmus:4:6: error: bad operand 'r1' for 'beq': expected a label"});
    CHECK(diagnostics("rlwinm r3,r4,0,30,40") ==
          std::vector<std::string>{"t.litmus:4:2: error: 'rlwinm' takes shift and mask bounds between 0 and 31"});
    SECTION("division and the link register are declined on purpose") {
        CHECK(diagnostics("divw r1,r2,r3") ==
              std::vector<std::string>{"t.litmus:4:2: error: unsupported feature: 'divw': division"});
        CHECK(diagnostics("blr") == std::vector<std::string>{
                                        "t.litmus:4:2: error: unsupported feature: 'blr': the link and count "
                                        "registers (calls and indirect jumps)"});
    }
}

TEST_CASE("Power: every tag the fixtures' instructions carry is declared by the architecture", "[litmus][ppc]") {
    const Architecture* arch = findArchitecture("PPC");
    REQUIRE(arch != nullptr);
    CHECK(arch->defaultModel == "power");
    std::size_t tagged = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/PPC")) {
        if (e.path().extension() != ".litmus") continue;
        Diagnostics diags;
        auto test = loadLitmus(e.path().string(), diags);
        REQUIRE(test);
        for (const auto& t : test->threads)
            for (const auto& op : t.ops) {
                Tags tags;
                if (const auto* l = std::get_if<Load>(&op.kind)) tags = l->tags;
                if (const auto* s = std::get_if<Store>(&op.kind)) tags = s->tags;
                if (const auto* f = std::get_if<Fence>(&op.kind)) tags = f->tags;
                for (const auto& tag : tags) {
                    INFO(e.path().filename().string() << ": tag " << tag);
                    CHECK(std::find(arch->tags.begin(), arch->tags.end(), tag) != arch->tags.end());
                    ++tagged;
                }
            }
    }
    CHECK(tagged > 20);
}
