// RiscvGenerator: RISC-V cells printed back as GNU assembler lines, the registers they bind,
// and what the harness declines.

#include "litmus/Parser.hpp"
#include "runner/ArchGenerator.hpp"
#include "runner/HarnessSource.hpp"
#include "runner/RiscvGenerator.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;
using memlit::testing::makeTest;

namespace {

const std::string kRvDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/RISCV/";
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

/// One RISC-V thread (thread 0 of a hand-built test) as asm lines; empty when refused.
std::vector<std::string> lines(const std::vector<std::string>& cells, Diagnostics& diags) {
    auto t = makeTest("RISCV", "T", {cells}, testing::atom(0, "x5", 0), "");
    auto a = runner::RiscvGenerator().translate(t, 0, diags);
    return a ? a->lines : std::vector<std::string>{};
}

/// The diagnostics of a thread the generator refuses.
std::string refusal(const std::vector<std::string>& cells) {
    Diagnostics diags;
    CHECK(lines(cells, diags).empty());
    return diagText(diags);
}

}  // namespace

TEST_CASE("RISC-V harness: MP and SB thread functions match the golden text", "[runner][riscv]") {
    for (const char* name : {"MP", "SB"}) {
        DYNAMIC_SECTION(name) {
            Diagnostics diags;
            auto test = litmus::loadLitmus(kRvDir + name + ".litmus", diags);
            INFO(diagText(diags));
            REQUIRE(test);
            std::string code;
            for (std::size_t t = 0; t < test->raw.size(); ++t) {
                auto f = runner::generateThreadFunction(*test, runner::RiscvGenerator(), static_cast<int>(t), diags);
                REQUIRE(f);
                code += *f + "\n";
            }
            CHECK(code == readFile(kGolden + "RISCV-" + name + ".txt"));
        }
    }
}

TEST_CASE("RISC-V harness: instructions are printed back in GNU syntax, one line each", "[runner][riscv]") {
    Diagnostics diags;
    CHECK(lines({"li t0,1", "sw t0,0(a0)", "lw x7,-8(x6)", "fence rw,rw", "fence", "fence iorw,ow", "fence.tso",
                 "fence.i", "lr.w.aq x5,0(x6)", "addi x5,x5,1", "sc.w.rl x7,x5,0(x6)", "bnez x7,Fail",
                 "amoswap.w.aq.rl x0,x5,(x6)", "amoadd.d.aqrl x9,x5,(x8)", "Fail:", "lui t1,0x80000",
                 "lui t1,-1", "beq x5,x6,L1", "L1: sext.w x10,x5", "j L2", "L2: mul x11,x10,x10"},
                diags) == std::vector<std::string>{"li x5, 1", "sw x5, 0(x10)", "lw x7, -8(x6)", "fence rw, rw",
                                                   "fence", "fence iorw, ow", "fence.tso", "fence.i",
                                                   "lr.w.aq x5, (x6)", "addi x5, x5, 1", "sc.w.rl x7, x5, (x6)",
                                                   "bnez x7, memlit_Fail_%=", "amoswap.w.aqrl x0, x5, (x6)",
                                                   "amoadd.d.aqrl x9, x5, (x8)", "memlit_Fail_%=:",
                                                   "lui x6, 524288", "lui x6, 1048575",
                                                   "beq x5, x6, memlit_L1_%=", "memlit_L1_%=:", "sext.w x10, x5",
                                                   "j memlit_L2_%=", "memlit_L2_%=:", "mul x11, x10, x10"});
    INFO(diagText(diags));
    CHECK_FALSE(diags.hasErrors());
}

TEST_CASE("RISC-V harness: registers bind to the hardware register of the same number", "[runner][riscv]") {
    runner::RiscvGenerator gen;
    CHECK(gen.bindRegister("RISCV", "x5") == runner::RegBinding{"x5", 4});
    CHECK(gen.bindRegister("RISCV", "t0") == runner::RegBinding{"x5", 4});
    CHECK(gen.bindRegister("RISCV", "s0") == runner::RegBinding{"x8", 4});
    CHECK(gen.bindRegister("RISCV", "ra") == runner::RegBinding{"x1", 4});
    for (const char* r : {"zero", "x0", "sp", "gp", "tp", "x4", "EAX"}) {
        INFO(r);
        CHECK_FALSE(gen.bindRegister("RISCV", r));
    }
    Diagnostics diags;
    auto t = makeTest("RISCV", "T", {{"li x5,1", "sw x5,0(x6)", "sw x0,0(x6)"}}, testing::atom(0, "x5", 0), "");
    auto a = gen.translate(t, 0, diags);
    REQUIRE(a);
    CHECK(a->hwRegs == std::vector<std::string>{"x5", "x6"});  // x0 is the zero register, never bound
    CHECK(a->locations.empty());  // locations are addresses in registers, set from the init
}

TEST_CASE("RISC-V harness: what cannot run is declined with a positioned diagnostic", "[runner][riscv]") {
    SECTION("the stack pointer") {
        CHECK(refusal({"lw x5,0(sp)"}) ==
              "T.litmus:3:8: error: unsupported feature: the stack pointer sp (x2) as a test register (memlit run)\n");
    }
    SECTION("the global pointer") {
        CHECK(refusal({"li gp,1"}) == "T.litmus:3:5: error: unsupported feature: register gp (x3): it is the "
                                      "harness's global pointer, which the linker's relaxed accesses to globals "
                                      "use (memlit run)\n");
    }
    SECTION("the thread pointer") {
        CHECK(refusal({"mv x5,tp"}) == "T.litmus:3:8: error: unsupported feature: register tp (x4): it is the "
                                       "harness's thread pointer (thread-local storage) (memlit run)\n");
    }
    SECTION("annotated plain loads and stores") {
        CHECK(refusal({"lw.aq x5,0(x6)"}) ==
              "T.litmus:3:2: error: unsupported feature: 'lw.aq': loads and stores with .aq/.rl (the Zalasr "
              "extension) are unknown to the assembler of binutils 2.40 (memlit run)\n");
    }
    SECTION("an offset in an AMO's address") {
        CHECK(refusal({"amoadd.w x5,x7,4(x6)"}) ==
              "T.litmus:3:17: error: unsupported feature: an offset in the address of 'amoadd.w' ('4(x6)'): "
              "LR, SC and AMOs take the address in a register alone (memlit run)\n");
    }
    SECTION("what the checker declines, with the checker's message") {
        CHECK(refusal({"jal x1,L0"}) ==
              "T.litmus:3:2: error: unsupported feature: 'jal': code addresses and indirect jumps\n");
    }
}

TEST_CASE("RISC-V harness: a register the harness needs is declined in the initial state too", "[runner][riscv]") {
    Diagnostics diags;
    auto test = litmus::parseLitmus("RISCV T\n{ 0:gp=x; }\n P0          ;\n lw x5,0(x6) ;\nexists (0:x5=0)\n",
                                    "T.litmus", diags);
    INFO(diagText(diags));
    REQUIRE(test);
    CHECK_FALSE(runner::generateHarness(*test, runner::RiscvGenerator(), {"riscv", {}}, diags));
    CHECK_THAT(diagText(diags), Catch::StartsWith("T.litmus:2:3: error: unsupported feature: register gp (x3)"));
}

TEST_CASE("ArchGenerator: RISCV runs as a harness", "[runner][riscv]") {
    CHECK(runner::runKind("RISCV") == runner::RunKind::Harness);
    auto gen = runner::makeGenerator("RISCV");
    REQUIRE(gen);
    CHECK(gen->wordWidth("RISCV") == 4);
    CHECK(gen->runsOnHost("RISCV") == runner::runsNatively("RISCV"));
}
