#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::litmus;

namespace {

using EK = Expr::Kind;

std::vector<OpKind> lower(const std::string& cells) {
    std::string text = "X86_64 T\n{ uint64_t x; uint64_t 0:rax; }\n P0 ;\n";
    std::size_t b = 0;
    while (b < cells.size()) {
        std::size_t e = cells.find('\n', b);
        if (e == std::string::npos) e = cells.size();
        text += " " + cells.substr(b, e - b) + " ;\n";
        b = e + 1;
    }
    text += "exists (0:rax=0)\n";
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d);
    INFO(text);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    std::vector<OpKind> out;
    for (const auto& o : t->threads.at(0).ops) out.push_back(o.kind);
    return out;
}

const std::vector<std::string> X = {"X"};
Expr reg(const char* r) { return Expr::reg(r); }
Expr c(std::int64_t v) { return Expr::constant(v); }
Expr sym(const char* s) { return Expr::sym(s); }
Expr bin(EK k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }
Assign zf(Expr e) { return Assign{"%ZF", bin(EK::Eq, std::move(e), c(0))}; }

}  // namespace

TEST_CASE("X86_64: mov forms, source operand first", "[litmus]") {
    CHECK(lower("movq $1,(x)\nmovq (x),%rax\nmovq %rax,(y)\nmovq $1,%rax\nmovq %rax,%rbx") ==
          std::vector<OpKind>{Store{sym("x"), c(1), {}, -1, 8}, Load{"rax", sym("x"), {}, -1, 8},
                              Store{sym("y"), reg("rax"), {}, -1, 8}, Assign{"rax", c(1)},
                              Assign{"rbx", reg("rax")}});
}

TEST_CASE("X86_64: the size suffix sets the access width", "[litmus]") {
    CHECK(lower("movl $1,(x)\nmovw $1,(x)\nmovb $1,(x)\nmov $1,(x)") ==
          std::vector<OpKind>{Store{sym("x"), c(1), {}, -1, 4}, Store{sym("x"), c(1), {}, -1, 2},
                              Store{sym("x"), c(1), {}, -1, 1}, Store{sym("x"), c(1), {}, -1, 0}});
}

TEST_CASE("X86_64: indirect and indexed addresses", "[litmus]") {
    CHECK(lower("movq (%rbx),%rax\nmovq $2,8(%rbx)\nmovq (%rbx,%rcx),%rax\nmovq x,%rax\nmovq $x,%rbx") ==
          std::vector<OpKind>{Load{"rax", reg("rbx"), {}, -1, 8}, Store{bin(EK::Add, c(8), reg("rbx")), c(2), {}, -1, 8},
                              Load{"rax", bin(EK::Add, reg("rbx"), reg("rcx")), {}, -1, 8},
                              Load{"rax", sym("x"), {}, -1, 8}, Assign{"rbx", sym("x")}});
}

TEST_CASE("X86_64: fences", "[litmus]") {
    CHECK(lower("mfence\nlfence\nsfence") ==
          std::vector<OpKind>{Fence{{"MFENCE"}}, Fence{{"LFENCE"}}, Fence{{"SFENCE"}}});
}

TEST_CASE("X86_64: xchgq, lock xaddq, lock incq, lock cmpxchgq", "[litmus]") {
    SECTION("xchgq") {
        CHECK(lower("xchgq %rax,(x)") ==
              std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 8}, Store{sym("x"), reg("rax"), X, 0, 8},
                                  Assign{"rax", reg("%t0")}});
    }
    SECTION("lock xaddq") {
        Expr sum = bin(EK::Add, reg("%t0"), reg("rax"));
        CHECK(lower("lock xaddq %rax,(x)") ==
              std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 8}, Store{sym("x"), sum, X, 0, 8}, zf(sum),
                                  Assign{"rax", reg("%t0")}});
    }
    SECTION("lock incq") {
        Expr r = bin(EK::Add, reg("%t0"), c(1));
        CHECK(lower("lock incq (x)") ==
              std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 8}, Store{sym("x"), r, X, 0, 8}, zf(r)});
    }
    SECTION("lock cmpxchgq compares with rax") {
        CHECK(lower("lock cmpxchgq %rbx,(x)") ==
              std::vector<OpKind>{Load{"%t0", sym("x"), X, 0, 8},
                                  Assign{"%ZF", bin(EK::Eq, reg("%t0"), reg("rax"))},
                                  Branch{Expr::unary(EK::Not, reg("%ZF")), "%L0"},
                                  Store{sym("x"), reg("rbx"), X, 0, 8}, Label{"%L0"}, Assign{"rax", reg("%t0")}});
    }
}

TEST_CASE("X86_64: register arithmetic, cmpq and jumps", "[litmus]") {
    CHECK(lower("addq $1,%rax\nsubq %rbx,%rax\nxorq %rax,%rax\ncmpq $0,%rax\nje L0\njne L0\njmp L0\nL0:") ==
          std::vector<OpKind>{Assign{"rax", bin(EK::Add, reg("rax"), c(1))}, zf(reg("rax")),
                              Assign{"rax", bin(EK::Sub, reg("rax"), reg("rbx"))}, zf(reg("rax")),
                              Assign{"rax", bin(EK::Xor, reg("rax"), reg("rax"))}, zf(reg("rax")),
                              Assign{"%ZF", bin(EK::Eq, reg("rax"), c(0))}, Branch{reg("%ZF"), "L0"},
                              Branch{Expr::unary(EK::Not, reg("%ZF")), "L0"}, Branch{c(1), "L0"}, Label{"L0"}});
}

TEST_CASE("X86_64: typed declarations and register names without '%'", "[litmus]") {
    Diagnostics d;
    auto t = parseLitmus("X86_64 T\n{ uint64_t x; uint64_t 1:rax; int64_t 0:%rbx=x; }\n"
                         " P0 | P1 ;\n movq (x),%rax | movq $1,(x) ;\nexists (0:rax=1 /\\ 0:%rbx=x)\n",
                         "t.litmus", d);
    REQUIRE(t);
    REQUIRE(t->init.size() == 3);
    CHECK(t->init[0] == InitEntry{{-1, "x"}, Value::number(0), "uint64_t", {2, 3}});
    CHECK(t->init[1] == InitEntry{{1, "rax"}, Value::number(0), "uint64_t", {2, 15}});
    CHECK(t->init[2] == InitEntry{{0, "rbx"}, Value::address("x"), "int64_t", {2, 31}});
    CHECK(t->condition.text == "exists (0:rax=1 /\\ 0:rbx=x)");
}
