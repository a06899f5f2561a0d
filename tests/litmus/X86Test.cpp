#include "litmus/Parser.hpp"
#include "litmus/x86/X86Semantics.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::litmus;

namespace {

using EK = Expr::Kind;

/// The IR of a one-thread X86 test whose only thread is `cells` (one cell per line).
std::vector<Op> lower(const std::string& cells) {
    std::string text = "X86 T\n{ }\n P0 ;\n";
    std::size_t b = 0;
    while (b < cells.size()) {
        std::size_t e = cells.find('\n', b);
        if (e == std::string::npos) e = cells.size();
        text += " " + cells.substr(b, e - b) + " ;\n";
        b = e + 1;
    }
    text += "exists (0:EAX=0)\n";
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d);
    INFO(text);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    REQUIRE(t->threads.size() == 1);
    return t->threads[0].ops;
}

std::vector<OpKind> kinds(const std::vector<Op>& ops) {
    std::vector<OpKind> out;
    for (const auto& o : ops) out.push_back(o.kind);
    return out;
}

const std::vector<std::string> X = {"X"};
Expr reg(const char* r) { return Expr::reg(r); }
Expr c(std::int64_t v) { return Expr::constant(v); }
Expr sym(const char* s) { return Expr::sym(s); }
Expr bin(EK k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }
Assign zf(Expr e) { return Assign{"%ZF", bin(EK::Eq, std::move(e), c(0))}; }

}  // namespace

TEST_CASE("X86: MOV in every operand form", "[litmus]") {
    SECTION("register from immediate, register, memory") {
        CHECK(kinds(lower("MOV EAX,$1\nMOV EBX,EAX\nMOV ECX,[x]\nMOV EDX,-2")) ==
              std::vector<OpKind>{Assign{"EAX", c(1)}, Assign{"EBX", reg("EAX")},
                                  Load{"ECX", sym("x"), {}, -1, 0}, Assign{"EDX", c(-2)}});
    }
    SECTION("memory from immediate and register") {
        CHECK(kinds(lower("MOV [x],$1\nMOV [y],EAX\nMOV [x],$0x10")) ==
              std::vector<OpKind>{Store{sym("x"), c(1), {}, -1, 0}, Store{sym("y"), reg("EAX"), {}, -1, 0},
                                  Store{sym("x"), c(16), {}, -1, 0}});
    }
    SECTION("indirect and indexed addresses, address immediates") {
        CHECK(kinds(lower("MOV EAX,[EBX]\nMOV [EBX+ECX],$1\nMOV EAX,[x+EAX]\nMOV EAX,[x-4]\nMOV EBX,$x")) ==
              std::vector<OpKind>{Load{"EAX", reg("EBX"), {}, -1, 0},
                                  Store{bin(EK::Add, reg("EBX"), reg("ECX")), c(1), {}, -1, 0},
                                  Load{"EAX", bin(EK::Add, sym("x"), reg("EAX")), {}, -1, 0},
                                  Load{"EAX", bin(EK::Add, sym("x"), c(-4)), {}, -1, 0},
                                  Assign{"EBX", sym("x")}});
    }
    SECTION("mnemonics and registers are case-insensitive") {
        CHECK(kinds(lower("mov eax,[x]")) == std::vector<OpKind>{Load{"EAX", sym("x"), {}, -1, 0}});
    }
}

TEST_CASE("X86: fences carry their mnemonic as tag", "[litmus]") {
    CHECK(kinds(lower("MFENCE\nLFENCE\nSFENCE")) ==
          std::vector<OpKind>{Fence{{"MFENCE"}}, Fence{{"LFENCE"}}, Fence{{"SFENCE"}}});
}

TEST_CASE("X86: XCHG is a locked read-modify-write in either operand order", "[litmus]") {
    CHECK(kinds(lower("XCHG [x],EAX\nXCHG EBX,[y]")) ==
          std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 0}, Store{sym("x"), reg("EAX"), X, 0, 0},
                              Assign{"EAX", reg("%t0")}, Load{"%t1", sym("y"), X, 1, 0},
                              Store{sym("y"), reg("EBX"), X, 1, 0}, Assign{"EBX", reg("%t1")}});
    CHECK(kinds(lower("XCHG EAX,EBX")) ==
          std::vector<OpKind>{Assign{"%t0", reg("EAX")}, Assign{"EAX", reg("EBX")}, Assign{"EBX", reg("%t0")}});
}

TEST_CASE("X86: LOCK XADD, INC, DEC and arithmetic on memory", "[litmus]") {
    SECTION("XADD") {
        Expr sum = bin(EK::Add, reg("%t0"), reg("EAX"));
        CHECK(kinds(lower("LOCK XADD [x],EAX")) ==
              std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 0}, Store{sym("x"), sum, X, 0, 0}, zf(sum),
                                  Assign{"EAX", reg("%t0")}});
    }
    SECTION("INC and DEC") {
        Expr inc = bin(EK::Add, reg("%t0"), c(1));
        Expr dec = bin(EK::Sub, reg("%t1"), c(1));
        CHECK(kinds(lower("LOCK INC [x]\nLOCK DEC [x]")) ==
              std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 0}, Store{sym("x"), inc, X, 0, 0}, zf(inc),
                                  Load{"%t1", sym("x"), X, 1, 0}, Store{sym("x"), dec, X, 1, 0}, zf(dec)});
    }
    SECTION("ADD SUB AND OR XOR") {
        const std::pair<const char*, EK> ops[] = {
            {"ADD", EK::Add}, {"SUB", EK::Sub}, {"AND", EK::And}, {"OR", EK::Or}, {"XOR", EK::Xor}};
        for (auto [name, k] : ops) {
            Expr r = bin(k, reg("%t0"), c(3));
            INFO(name);
            CHECK(kinds(lower(std::string("LOCK ") + name + " [x],$3")) ==
                  std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 0}, Store{sym("x"), r, X, 0, 0}, zf(r)});
        }
    }
    SECTION("without LOCK the load and store are plain and not an rmw pair") {
        Expr r = bin(EK::Add, reg("%t0"), reg("EBX"));
        CHECK(kinds(lower("ADD [x],EBX")) ==
              std::vector<OpKind>{Load{"%t0", sym("x"), {}, -1, 0}, Store{sym("x"), r, {}, -1, 0}, zf(r)});
    }
}

TEST_CASE("X86: LOCK CMPXCHG compares with EAX and stores only on success", "[litmus]") {
    CHECK(kinds(lower("LOCK CMPXCHG [x],EBX")) ==
          std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 0}, Assign{"%ZF", bin(EK::Eq, reg("%t0"), reg("EAX"))},
                              Branch{Expr::unary(EK::Not, reg("%ZF")), "%L0"}, Store{sym("x"), reg("EBX"), X, 0, 0},
                              Label{"%L0"}, Assign{"EAX", reg("%t0")}});
}

TEST_CASE("X86: register arithmetic sets the zero flag", "[litmus]") {
    CHECK(kinds(lower("ADD EAX,$2\nSUB EAX,EBX\nXOR EAX,EAX\nAND EAX,$1\nOR EAX,$4\nINC ECX\nDEC ECX")) ==
          std::vector<OpKind>{Assign{"EAX", bin(EK::Add, reg("EAX"), c(2))}, zf(reg("EAX")),
                              Assign{"EAX", bin(EK::Sub, reg("EAX"), reg("EBX"))}, zf(reg("EAX")),
                              Assign{"EAX", bin(EK::Xor, reg("EAX"), reg("EAX"))}, zf(reg("EAX")),
                              Assign{"EAX", bin(EK::And, reg("EAX"), c(1))}, zf(reg("EAX")),
                              Assign{"EAX", bin(EK::Or, reg("EAX"), c(4))}, zf(reg("EAX")),
                              Assign{"ECX", bin(EK::Add, reg("ECX"), c(1))}, zf(reg("ECX")),
                              Assign{"ECX", bin(EK::Sub, reg("ECX"), c(1))}, zf(reg("ECX"))});
    CHECK(kinds(lower("ADD EAX,[x]")) ==
          std::vector<OpKind>{Load{"%t0", sym("x"), {}, -1, 0}, Assign{"EAX", bin(EK::Add, reg("EAX"), reg("%t0"))},
                              zf(reg("EAX"))});
}

TEST_CASE("X86: CMP and conditional jumps to labels", "[litmus]") {
    auto ops = lower("CMP EAX,$1\nJE L0\nJNE L0\nJMP L1\nL0:\nL1: MOV [x],$1");
    CHECK(kinds(ops) ==
          std::vector<OpKind>{Assign{"%ZF", bin(EK::Eq, reg("EAX"), c(1))}, Branch{reg("%ZF"), "L0"},
                              Branch{Expr::unary(EK::Not, reg("%ZF")), "L0"}, Branch{c(1), "L1"}, Label{"L0"},
                              Label{"L1"}, Store{sym("x"), c(1), {}, -1, 0}});
    // Ops point at their instruction: the store after `L1: ` starts at column 6.
    CHECK(ops.back().loc == SourceLoc{9, 6});
    CHECK(ops[5].loc == SourceLoc{9, 2});
}

TEST_CASE("X86: CMP with memory loads into a temporary", "[litmus]") {
    CHECK(kinds(lower("CMP [x],EAX")) ==
          std::vector<OpKind>{Load{"%t0", sym("x"), {}, -1, 0}, Assign{"%ZF", bin(EK::Eq, reg("%t0"), reg("EAX"))}});
}
