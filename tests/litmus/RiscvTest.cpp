// Lowering of RISC-V instructions to IR, one instruction family per test case, and the exact
// diagnostics of the RISC-V front end.

#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"
#include "litmus/riscv/RiscvLowering.hpp"
#include "litmus/riscv/RiscvSyntax.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace memlit;
using namespace memlit::litmus;

namespace {

using EK = Expr::Kind;
using Tags = std::vector<std::string>;

std::string program(const std::string& cells) {
    std::string text = "RISCV T\n{ 0:x6=x; }\n P0 ;\n";
    std::size_t b = 0;
    while (b < cells.size()) {
        std::size_t e = cells.find('\n', b);
        if (e == std::string::npos) e = cells.size();
        text += " " + cells.substr(b, e - b) + " ;\n";
        b = e + 1;
    }
    return text + "exists (0:x5=0)\n";
}

/// The IR of a one-thread RISC-V test whose only thread is `cells` (one cell per line).
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
Expr add(Expr a, std::int64_t v) { return bin(EK::Add, std::move(a), c(v)); }

}  // namespace

TEST_CASE("RISC-V: ABI and x names are one register, x0 reads zero and ignores writes", "[litmus][riscv]") {
    CHECK(riscvRegister("a0") == "x10");
    CHECK(riscvRegister("T0") == "x5");
    CHECK(riscvRegister("fp") == "x8");
    CHECK(riscvRegister("s0") == "x8");
    CHECK(riscvRegister("zero") == "x0");
    CHECK(riscvRegister("x31") == "x31");
    CHECK_FALSE(riscvRegister("x32"));
    CHECK_FALSE(riscvRegister("x05"));
    CHECK_FALSE(riscvRegister("rw"));
    CHECK(lower("mv a0,t1\nli x0,5\nadd t2,zero,a0") ==
          std::vector<OpKind>{Assign{"x10", reg("x6")}, Assign{"x7", bin(EK::Add, c(0), reg("x10"))}});
}

TEST_CASE("RISC-V: loads and stores of every width, with their annotations", "[litmus][riscv]") {
    CHECK(lower("lw x5,0(x6)\nsd x5,8(x6)\nsw.rl x5,0(x6)\nld.aq x7,0(x6)") ==
          std::vector<OpKind>{Load{"%t0", reg("x6"), {}, -1, 4}, Assign{"x5", reg("%t0")},
                              Store{add(reg("x6"), 8), reg("x5"), {}, -1, 8}, Store{reg("x6"), reg("x5"), {"RL"}, -1, 4},
                              Load{"%t1", reg("x6"), {"AQ"}, -1, 8}, Assign{"x7", reg("%t1")}});
    SECTION("narrow loads extend, narrow stores keep the low bytes") {
        CHECK(lower("lbu x5,0(x6)\nlh x7,0(x6)\nsb x5,0(x6)") ==
              std::vector<OpKind>{Load{"%t0", reg("x6"), {}, -1, 1}, Assign{"x5", bin(EK::And, reg("%t0"), c(0xff))},
                                  Load{"%t1", reg("x6"), {}, -1, 2},
                                  Assign{"x7", bin(EK::Sub, bin(EK::Xor, bin(EK::And, reg("%t1"), c(0xffff)), c(0x8000)),
                                                   c(0x8000))},
                                  Store{reg("x6"), bin(EK::And, reg("x5"), c(0xff)), {}, -1, 1}});
    }
    SECTION("a load into x0 still reads") {
        CHECK(lower("lw x0,0(x6)") == std::vector<OpKind>{Load{"%t0", reg("x6"), {}, -1, 4}});
    }
}

TEST_CASE("RISC-V: an AMO is a read and a write paired by rmw, both carrying its annotations", "[litmus][riscv]") {
    const Tags t = {"AQ", "RL", "X", "AMO"};
    CHECK(lower("amoadd.d.aqrl x5,x7,(x6)") ==
          std::vector<OpKind>{Load{"%t0", reg("x6"), t, 0, 8},
                              Store{reg("x6"), bin(EK::Add, reg("%t0"), reg("x7")), t, 0, 8}, Assign{"x5", reg("%t0")}});
    SECTION("amoswap.w with x0 as destination still reads") {
        CHECK(lower("amoswap.w.rl x0,x7,0(x6)") ==
              std::vector<OpKind>{Load{"%t0", reg("x6"), {"RL", "X", "AMO"}, 0, 4},
                                  Store{reg("x6"), reg("x7"), {"RL", "X", "AMO"}, 0, 4}});
    }
}

TEST_CASE("RISC-V: sc pairs with the latest lr, succeeds by choice on its address, writes 0 on success, and its "
          "result depends on its write",
          "[litmus][riscv]") {
    CHECK(lower("lr.w.aq x5,0(x6)\nsc.w.rl x7,x8,0(x6)") ==
          std::vector<OpKind>{
              Assign{"%xa0", reg("x6")}, Load{"%t0", reg("x6"), {"AQ", "X"}, 0, 4}, Assign{"x5", reg("%t0")},
              Choice{"%t1"},
              Assume{bin(EK::Or, Expr::unary(EK::Not, reg("%t1")), bin(EK::Eq, reg("%xa0"), reg("x6")))},
              Branch{Expr::unary(EK::Not, reg("%t1")), "%L0", true}, Store{reg("x6"), reg("x8"), {"RL", "X"}, 0, 4},
              DependOn{"%sc0"}, Label{"%L0"}, Assign{"x7", bin(EK::Add, Expr::unary(EK::Not, reg("%t1")), reg("%sc0"))}});
    SECTION("an sc without an lr, or after another sc, fails") {
        CHECK(lower("sc.d x7,x8,0(x6)") == std::vector<OpKind>{Assign{"x7", c(1)}});
        auto ops = lower("lr.d x5,0(x6)\nsc.d x7,x8,0(x6)\nsc.d x9,x8,0(x6)");
        CHECK(std::get<Assign>(ops.back()) == Assign{"x9", c(1)});
    }
}

TEST_CASE("RISC-V: fences are tagged by their predecessor and successor sets", "[litmus][riscv]") {
    CHECK(lower("fence\nfence r,rw\nfence iorw,ow\nfence.tso\nfence.i\nfence i,o") ==
          std::vector<OpKind>{Fence{{"Fence.rw.rw"}}, Fence{{"Fence.r.rw"}}, Fence{{"Fence.rw.w"}}, Fence{{"Fence.tso"}},
                              Fence{{"Fence.i"}}, Fence{{}}});
}

TEST_CASE("RISC-V: arithmetic, shifts and comparisons", "[litmus][riscv]") {
    CHECK(lower("addi x5,x6,-1\nxori x5,x5,1\nslli x7,x5,3\nsltu x8,x5,x7\nlui x9,1") ==
          std::vector<OpKind>{Assign{"x5", add(reg("x6"), -1)}, Assign{"x5", bin(EK::Xor, reg("x5"), c(1))},
                              Assign{"x7", bin(EK::Shl, reg("x5"), bin(EK::And, c(3), c(63)))},
                              Assign{"x8", rv::lessUnsigned(reg("x5"), reg("x7"))}, Assign{"x9", c(4096)}});
    SECTION("the w forms wrap to 32 bits") {
        CHECK(lower("addw x5,x6,x7\nsext.w x8,x5") ==
              std::vector<OpKind>{Assign{"x5", rv::wrap32(bin(EK::Add, reg("x6"), reg("x7")))},
                                  Assign{"x8", rv::signExtend(reg("x5"), 32)}});
    }
}

TEST_CASE("RISC-V: branches jump to labels, forward only", "[litmus][riscv]") {
    CHECK(lower("bne x5,x0,L0\nj L0\nL0:\nbgt x5,x6,L1\nL1:") ==
          std::vector<OpKind>{Branch{bin(EK::Ne, reg("x5"), c(0)), "L0"}, Branch{c(1), "L0"}, Label{"L0"},
                              Branch{bin(EK::Lt, reg("x6"), reg("x5")), "L1"}, Label{"L1"}});
}

TEST_CASE("RISC-V: a comment after an instruction is ignored", "[litmus][riscv]") {
    CHECK(lower("lw x5,0(x6)  (* R x=0 *)") ==
          std::vector<OpKind>{Load{"%t0", reg("x6"), {}, -1, 4}, Assign{"x5", reg("%t0")}});
}

TEST_CASE("RISC-V: diagnostics name the instruction and its position", "[litmus][riscv][diagnostics]") {
    CHECK(diagnostics("frobnicate x5,x6") ==
          std::vector<std::string>{"t.litmus:4:2: error: unknown RISC-V instruction 'frobnicate'"});
    CHECK(diagnostics("subi x5,x6,1") ==
          std::vector<std::string>{"t.litmus:4:2: error: unknown RISC-V instruction 'subi'; did you mean 'sub'?"});
    CHECK(diagnostics("lw x5,x6") ==
          std::vector<std::string>{
              "t.litmus:4:8: error: bad operand 'x6' for 'lw': expected a memory operand 'offset(register)'"});
    CHECK(diagnostics("lw.sc x5,0(x6)") ==
          std::vector<std::string>{"t.litmus:4:2: error: unknown RISC-V instruction 'lw.sc': bad suffix"});
    CHECK(diagnostics("add x5,x6") ==
          std::vector<std::string>{"t.litmus:4:2: error: 'add' takes 3 operands, found 2"});
    CHECK(diagnostics("fence rw,q") ==
          std::vector<std::string>{"t.litmus:4:11: error: bad fence set 'q': expected letters of 'iorw'"});
    CHECK(diagnostics("lw x5,0(y6)") == std::vector<std::string>{"t.litmus:4:8: error: bad operand '0(y6)' for 'lw'"});
    SECTION("code addresses are declined on purpose") {
        CHECK(diagnostics("jalr x0,x10,0") ==
              std::vector<std::string>{
                  "t.litmus:4:2: error: unsupported feature: 'jalr': code addresses and indirect jumps"});
    }
}

TEST_CASE("RISC-V: every tag the fixtures' instructions carry is declared by the architecture", "[litmus][riscv]") {
    const Architecture* arch = findArchitecture("RISCV");
    REQUIRE(arch != nullptr);
    CHECK(arch->defaultModel == "riscv");
    std::size_t tagged = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/RISCV")) {
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
