#include "runner/HarnessSource.hpp"
#include "runner/X86Generator.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace memlit;
using memlit::testing::makeTest;

namespace {

std::string diagText(const Diagnostics& d) {
    std::ostringstream os;
    d.print(os);
    return os.str();
}

std::vector<std::string> translate(const litmus::LitmusTest& t, Diagnostics& diags) {
    auto a = runner::X86Generator().translate(t, 0, diags);
    return a ? a->lines : std::vector<std::string>{};
}

}  // namespace

TEST_CASE("Harness: SB thread 0 is the test's two instructions in one asm statement", "[runner]") {
    Diagnostics diags;
    auto code = runner::generateThreadFunction(testing::makeSB(), runner::X86Generator(), 0, diags);
    REQUIRE(code);
    CHECK(*code ==
          "static inline __attribute__((always_inline)) void memlit_thread_0(memlit_ctx* c, long i) {\n"
          "    int64_t* m = c->mem + i * c->stride;\n"
          "    int64_t* o = c->out[0] + i * memlit_nout[0];\n"
          "    register int64_t r_rax asm(\"rax\") = 0;\n"
          "    asm volatile(\n"
          "        \"movl $1, %[loc_x]\\n\\t\"\n"
          "        \"mov %[loc_y], %%eax\\n\\t\"\n"
          "        : [loc_x] \"+m\"(m[0 * MEMLIT_LINE]), [loc_y] \"+m\"(m[1 * MEMLIT_LINE]), \"+r\"(r_rax)\n"
          "        :\n"
          "        : \"cc\", \"memory\");\n"
          "    o[0] = r_rax;\n"
          "}\n");
}

TEST_CASE("Harness: MP (X86_64) reader binds rax and rbx and keeps AT&T order", "[runner]") {
    Diagnostics diags;
    auto code = runner::generateThreadFunction(testing::makeMP(), runner::X86Generator(), 1, diags);
    REQUIRE(code);
    CHECK(*code ==
          "static inline __attribute__((always_inline)) void memlit_thread_1(memlit_ctx* c, long i) {\n"
          "    int64_t* m = c->mem + i * c->stride;\n"
          "    int64_t* o = c->out[1] + i * memlit_nout[1];\n"
          "    register int64_t r_rax asm(\"rax\") = 0;\n"
          "    register int64_t r_rbx asm(\"rbx\") = 0;\n"
          "    asm volatile(\n"
          "        \"movq %[loc_y], %%rax\\n\\t\"\n"
          "        \"movq %[loc_x], %%rbx\\n\\t\"\n"
          "        : [loc_y] \"+m\"(m[1 * MEMLIT_LINE]), [loc_x] \"+m\"(m[0 * MEMLIT_LINE]), \"+r\"(r_rax), \"+r\"(r_rbx)\n"
          "        :\n"
          "        : \"cc\", \"memory\");\n"
          "    o[0] = r_rax;\n"
          "    o[1] = r_rbx;\n"
          "}\n");
}

TEST_CASE("Harness: Intel X86 instructions become AT&T, operands reversed", "[runner]") {
    Diagnostics diags;
    auto t = makeTest("X86", "T",
                      {{"XCHG [x],EAX", "LOCK XADD [y],EBX", "LOCK INC [x]", "LOCK CMPXCHG [x],ECX",
                        "CMP EAX,$1", "JNE LC00", "XOR EBX,EBX", "LC00:", "MOV EDX,[ESI]", "MFENCE",
                        "MOV [x],$-3"}},
                      testing::atom(0, "EAX", 0), "");
    CHECK(translate(t, diags) == std::vector<std::string>{
                                     "xchg %%eax, %[loc_x]", "lock xadd %%ebx, %[loc_y]",
                                     "lock incl %[loc_x]", "lock cmpxchg %%ecx, %[loc_x]",
                                     "cmp $1, %%eax", "jne memlit_LC00_%=", "xor %%ebx, %%ebx",
                                     "memlit_LC00_%=:", "mov (%%rsi), %%edx", "mfence",
                                     "movl $-3, %[loc_x]"});
    CHECK_FALSE(diags.hasErrors());
}

TEST_CASE("Harness: CMPXCHG binds EAX even when the test never names it", "[runner]") {
    Diagnostics diags;
    auto t = makeTest("X86", "T", {{"LOCK CMPXCHG [x],EBX"}}, testing::atom(0, "EBX", 0), "");
    auto a = runner::X86Generator().translate(t, 0, diags);
    REQUIRE(a);
    CHECK(a->hwRegs == std::vector<std::string>{"rbx", "rax"});
}

TEST_CASE("Harness: unsupported operands are positioned errors", "[runner]") {
    Diagnostics diags;
    auto t = makeTest("X86", "T", {{"MOV EAX,[x+4]", "MOV AL,[x]"}}, testing::atom(0, "EAX", 0), "");
    CHECK_FALSE(runner::X86Generator().translate(t, 0, diags));
    CHECK(diagText(diags) ==
          "T.litmus:3:2: error: unsupported memory operand '[x+4]'\n"
          "T.litmus:4:2: error: unknown operand 'AL'\n");
}

TEST_CASE("Harness: the whole program embeds tables, runtime and one function per thread", "[runner]") {
    Diagnostics diags;
    auto src = runner::generateHarness(testing::makeSB(), runner::X86Generator(),
                                       {"tso", testing::allFourStates()}, diags);
    REQUIRE(src);
    CHECK(src->locations == std::vector<std::string>{"x", "y"});
    CHECK(src->places.size() == 2);
    CHECK(src->code.find("#define MEMLIT_NALLOWED 4") != std::string::npos);
    CHECK(src->code.find("static const char* const memlit_obs_names[MEMLIT_NOBS + 1] = {\"0:EAX\", \"1:EAX\", 0};") !=
          std::string::npos);
    CHECK(src->code.find("case 1: memlit_thread_1(c, i); break;") != std::string::npos);
}
