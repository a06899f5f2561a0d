#include "litmus/Parser.hpp"
#include "runner/AArch64Generator.hpp"
#include "runner/HarnessSource.hpp"
#include "runner/Runner.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;
using memlit::testing::makeTest;

namespace {

const std::string kArmDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/AArch64/";
const std::string kGolden = std::string(MEMLIT_SOURCE_DIR) + "/tests/runner/golden/";

std::string readFile(const std::string& path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

std::string diagText(const Diagnostics& d) {
    std::ostringstream os;
    d.print(os);
    return os.str();
}

/// One AArch64 thread (thread 0 of a hand-built test) as asm lines; empty when refused.
std::vector<std::string> lines(const std::vector<std::string>& cells, Diagnostics& diags) {
    auto t = makeTest("AArch64", "T", {cells}, testing::atom(0, "X0", 0), "");
    auto a = runner::AArch64Generator().translate(t, 0, diags);
    return a ? a->lines : std::vector<std::string>{};
}

/// The diagnostics of a thread the generator refuses.
std::string refusal(const std::vector<std::string>& cells) {
    Diagnostics diags;
    CHECK(lines(cells, diags).empty());
    return diagText(diags);
}

}  // namespace

TEST_CASE("AArch64 harness: MP and SB+dmb.sys thread functions match the golden text", "[runner][aarch64]") {
    for (const char* name : {"MP", "SB+dmb.sys"}) {
        DYNAMIC_SECTION(name) {
            Diagnostics diags;
            auto test = litmus::loadLitmus(kArmDir + name + ".litmus", diags);
            INFO(diagText(diags));
            REQUIRE(test);
            std::string code;
            for (std::size_t t = 0; t < test->raw.size(); ++t) {
                auto f = runner::generateThreadFunction(*test, runner::AArch64Generator(), static_cast<int>(t), diags);
                REQUIRE(f);
                code += *f + "\n";
            }
            CHECK(code == readFile(kGolden + "AArch64-" + name + ".txt"));
        }
    }
}

TEST_CASE("AArch64 harness: instructions are printed back in GNU syntax, one line each", "[runner][aarch64]") {
    Diagnostics diags;
    CHECK(lines({"LDXR W0,[X1]", "ADD W0,W0,#1", "STXR W2,W0,[X1]", "CBNZ W2,Fail", "LDAXR X3,[X1]",
                 "STLXR W2,X3,[X1]", "Fail:", "LDR W4,[X3,W4,SXTW]", "STR W0,[X1,#8]!", "LDR W5,[X1],#4",
                 "EOR X6,X5,X5,LSL #2", "DMB.SY", "DMBISHLD", "DSB ST", "ISB", "B.NE L1", "L1: MOV W7,WZR",
                 "CSEL W8,W0,W7,EQ", "TBZ X8,#3,L1"},
                diags) == std::vector<std::string>{"ldxr w0, [x1]", "add w0, w0, #1", "stxr w2, w0, [x1]",
                                                   "cbnz w2, memlit_Fail_%=", "ldaxr x3, [x1]",
                                                   "stlxr w2, x3, [x1]", "memlit_Fail_%=:",
                                                   "ldr w4, [x3, w4, sxtw]", "str w0, [x1, #8]!",
                                                   "ldr w5, [x1], #4", "eor x6, x5, x5, lsl #2", "dmb sy",
                                                   "dmb ishld", "dsb st", "isb", "b.ne memlit_L1_%=",
                                                   "memlit_L1_%=:", "mov w7, wzr", "csel w8, w0, w7, eq",
                                                   "tbz x8, #3, memlit_L1_%="});
    INFO(diagText(diags));
    CHECK_FALSE(diags.hasErrors());
}

TEST_CASE("AArch64 harness: herd's spellings the assembler rejects are written its way", "[runner][aarch64]") {
    Diagnostics diags;
    // An extended index is a W register to the assembler; REV64 of a register is REV.
    CHECK(lines({"LDRB W0,[X1,X2,UXTW]", "STRH W0,[X1,X2,SXTW #1]", "LDR X0,[X1,X2,LSL #3]", "REV64 X4,X3"},
                diags) == std::vector<std::string>{"ldrb w0, [x1, w2, uxtw]", "strh w0, [x1, w2, sxtw #1]",
                                                   "ldr x0, [x1, x2, lsl #3]", "rev x4, x3"});
    INFO(diagText(diags));
    CHECK_FALSE(diags.hasErrors());
}

TEST_CASE("AArch64 harness: LSE and RCPC instructions state the architecture they need", "[runner][aarch64]") {
    Diagnostics diags;
    SECTION("CAS, SWP and LDADD: armv8.1-a") {
        CHECK(lines({"CAS W0,W2,[X1]", "SWPAL X3,X4,[X1]", "LDADDL W4,W5,[X1]", "STADD W4,[X1]"}, diags) ==
              std::vector<std::string>{".arch armv8.1-a", "cas w0, w2, [x1]", "swpal x3, x4, [x1]",
                                       "ldaddl w4, w5, [x1]", "stadd w4, [x1]"});
    }
    SECTION("LDAPR with an atomic: the higher of the two, armv8.3-a") {
        CHECK(lines({"LDAPR W0,[X1]", "CASA W0,W2,[X1]"}, diags) ==
              std::vector<std::string>{".arch armv8.3-a", "ldapr w0, [x1]", "casa w0, w2, [x1]"});
    }
    SECTION("the base ISA needs no directive") {
        CHECK(lines({"LDAR W0,[X1]", "STLR W0,[X3]"}, diags) ==
              std::vector<std::string>{"ldar w0, [x1]", "stlr w0, [x3]"});
    }
    CHECK_FALSE(diags.hasErrors());
}

TEST_CASE("AArch64 harness: registers bind to the hardware register of the same number", "[runner][aarch64]") {
    runner::AArch64Generator gen;
    CHECK(gen.bindRegister("AArch64", "X3") == runner::RegBinding{"x3", 4});
    CHECK(gen.bindRegister("AArch64", "W30") == runner::RegBinding{"x30", 4});
    CHECK_FALSE(gen.bindRegister("AArch64", "XZR"));
    CHECK_FALSE(gen.bindRegister("AArch64", "SP"));
    CHECK_FALSE(gen.bindRegister("AArch64", "EAX"));
    Diagnostics diags;
    auto t = makeTest("AArch64", "T", {{"MOV W0,#1", "STR W0,[X1]"}}, testing::atom(0, "X0", 0), "");
    auto a = gen.translate(t, 0, diags);
    REQUIRE(a);
    CHECK(a->hwRegs == std::vector<std::string>{"x0", "x1"});
    CHECK(a->locations.empty());  // locations are addresses in registers, set from the init
}

TEST_CASE("AArch64 harness: what cannot run is declined with a positioned diagnostic", "[runner][aarch64]") {
    SECTION("the stack pointer") {
        CHECK(refusal({"LDR W0,[SP]"}) ==
              "T.litmus:3:9: error: unsupported feature: the stack pointer SP as a test register (memlit run)\n");
    }
    SECTION("the frame pointer") {
        CHECK(refusal({"MOV X29,#1"}) == "T.litmus:3:6: error: unsupported feature: register X29: it is the "
                                         "harness's frame pointer (memlit run)\n");
    }
    SECTION("register pairs") {
        CHECK(refusal({"STP X0,X1,[X2]"}) ==
              "T.litmus:3:2: error: unsupported feature: register pairs (STP): a pair accesses two adjacent "
              "cells, and the harness gives every location a cache line of its own (memlit run)\n");
    }
    SECTION("RCPC3 pairs the assembler does not know") {
        CHECK(refusal({"LDIAPP W0,W1,[X2]"}) ==
              "T.litmus:3:2: error: unsupported feature: LDIAPP (FEAT_LRCPC3): the assembler of binutils 2.40 "
              "does not know it (memlit run)\n");
    }
    SECTION("ABS, which binutils 2.40 does not assemble") {
        CHECK(refusal({"ABS W2,W1"}) == "T.litmus:3:2: error: unsupported feature: ABS (FEAT_CSSC): the assembler of "
                                        "binutils 2.40 does not know it (memlit run)\n");
    }
    SECTION("an index shift A64 cannot encode") {
        CHECK(refusal({"STRB W0,[X1,X2,LSL #1]"}) ==
              "T.litmus:3:2: error: unsupported feature: an index shifted by 1 for a 1-byte access "
              "('[X1,X2,LSL #1]'): A64 encodes only 0 or log2 of the access size (memlit run)\n");
    }
    SECTION("what the checker declines, with the checker's message") {
        CHECK(refusal({"BL L0"}) ==
              "T.litmus:3:2: error: unsupported feature: branch with link (code addresses as values)\n");
    }
}

TEST_CASE("AArch64 harness: arrays are declined once, at their declaration", "[runner][aarch64]") {
    Diagnostics diags;
    auto test = litmus::loadLitmus(kArmDir + "Array+post-index.litmus", diags);
    REQUIRE(test);
    CHECK_FALSE(runner::generateHarness(*test, runner::AArch64Generator(), {"aarch64", {}}, diags));
    CHECK(diagText(diags) == kArmDir + "Array+post-index.litmus:3:3: error: unsupported feature: arrays "
                                       "('int t[3]'): the harness gives every location a cache line of its "
                                       "own (memlit run)\n");
}

TEST_CASE("Harness: declared types narrow observed values and initial values as the checker does",
          "[runner][aarch64]") {
    Diagnostics diags;
    auto test = litmus::parseLitmus("AArch64 T\n{ int8_t x=257; 0:X1=x; uint32_t 0:X5; int64_t 0:X6; }\n"
                                    " P0          ;\n LDR W0,[X1] ;\n"
                                    "locations [x; 0:X0; 0:X5; 0:X6;]\nexists (0:X0=1)\n",
                                    "T.litmus", diags);
    INFO(diagText(diags));
    REQUIRE(test);
    auto source = runner::generateHarness(*test, runner::AArch64Generator(), {"aarch64", {}}, diags);
    REQUIRE(source);
    // Registers first: X0 (undeclared, so int): 4 bytes; X5 (uint32_t): 4 zero-extended;
    // X6 (int64_t): 8; then x (int8_t): 1 byte signed.
    CHECK_THAT(source->code, Catch::Contains("memlit_obs_width[MEMLIT_NOBS + 1] = {4, -4, 8, 1, 0};"));
    CHECK_THAT(source->code, Catch::Contains("memlit_init_num[MEMLIT_NLOCS + 1] = {1ll, 0};"));
}

TEST_CASE("Runner: an observed uint64_t value prints unsigned, as the checker prints it", "[runner][aarch64]") {
    Diagnostics diags;
    auto test = litmus::parseLitmus("AArch64 T\n{ uint64_t 0:X3; }\n P0           ;\n MOV X3,#-1 ;\n"
                                    "forall (0:X3=-1)\n",
                                    "T.litmus", diags);
    INFO(diagText(diags));
    REQUIRE(test);
    runner::HarnessRun run;
    run.histogram.push_back({testing::state({-1}), 5});
    auto r = runner::judge(*test, run, {"aarch64", {testing::state({-1})}});
    REQUIRE(r.observed.size() == 1);
    CHECK(r.observed[0].allowed);
    CHECK(r.observed[0].satisfies);
    CHECK(litmus::formatState(r.places, r.observed[0].state) == "0:X3=18446744073709551615;");
}
