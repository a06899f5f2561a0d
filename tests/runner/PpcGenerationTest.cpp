// PpcGenerator: Power cells printed back as GNU assembler lines, the registers they bind,
// and what the harness declines.

#include "litmus/Parser.hpp"
#include "runner/ArchGenerator.hpp"
#include "runner/HarnessSource.hpp"
#include "runner/PpcGenerator.hpp"
#include "tests/runner/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;
using memlit::testing::makeTest;

namespace {

const std::string kPpcDir = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/PPC/";
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

/// One Power thread (thread 0 of a hand-built test) translated; nullopt when refused.
std::optional<runner::ThreadAsm> translate(const std::vector<std::string>& cells, Diagnostics& diags) {
    auto t = makeTest("PPC", "T", {cells}, testing::atom(0, "r3", 0), "");
    return runner::PpcGenerator().translate(t, 0, diags);
}

std::vector<std::string> lines(const std::vector<std::string>& cells, Diagnostics& diags) {
    auto a = translate(cells, diags);
    return a ? a->lines : std::vector<std::string>{};
}

/// The diagnostics of a thread the generator refuses.
std::string refusal(const std::vector<std::string>& cells) {
    Diagnostics diags;
    CHECK_FALSE(translate(cells, diags));
    return diagText(diags);
}

}  // namespace

TEST_CASE("Power harness: MP and SB+syncs thread functions match the golden text", "[runner][ppc]") {
    for (const char* name : {"MP", "SB+syncs"}) {
        DYNAMIC_SECTION(name) {
            Diagnostics diags;
            auto test = litmus::loadLitmus(kPpcDir + name + ".litmus", diags);
            INFO(diagText(diags));
            REQUIRE(test);
            std::string code;
            for (std::size_t t = 0; t < test->raw.size(); ++t) {
                auto f = runner::generateThreadFunction(*test, runner::PpcGenerator(), static_cast<int>(t), diags);
                REQUIRE(f);
                code += *f + "\n";
            }
            CHECK(code == readFile(kGolden + "PPC-" + name + ".txt"));
        }
    }
}

TEST_CASE("Power harness: instructions are printed back in GNU syntax, one line each", "[runner][ppc]") {
    Diagnostics diags;
    CHECK(lines({"li r3,1", "stw r3,0(r4)", "lwz r5,-8(r6)", "lwz r7,0,r6", "ld r8,8(r6)", "std r8,16(r6)",
                 "lwzx r9,r5,r4", "stwx r9,r0,r4", "ldx r10,r5,r4", "stdx r10,r5,r4", "addi r3,r3,1",
                 "xor r5,r3,r3", "mr r11,r3", "cmpw r3,r5", "cmpwi cr1,r3,2", "beq LC00", "bne cr1,LC00",
                 "b End", "LC00:", "lwarx r12,0,r4", "stwcx. r12,0,r4", "sync", "lwsync", "isync", "eieio",
                 "End: li r31,-1"},
                diags) ==
          std::vector<std::string>{
              "li %%r3, 1",        "stw %%r3, 0(%%r4)",  "lwz %%r5, -8(%%r6)",  "lwz %%r7, 0(%%r6)",
              "ld %%r8, 8(%%r6)",  "std %%r8, 16(%%r6)", "lwzx %%r9, %%r5, %%r4", "stwx %%r9, %%r0, %%r4",
              "ldx %%r10, %%r5, %%r4", "stdx %%r10, %%r5, %%r4", "addi %%r3, %%r3, 1",
              "xor %%r5, %%r3, %%r3", "mr %%r11, %%r3", "cmpw %%r3, %%r5", "cmpwi %%cr1, %%r3, 2",
              "beq memlit_LC00_%=", "bne %%cr1, memlit_LC00_%=", "b memlit_End_%=", "memlit_LC00_%=:",
              "lwarx %%r12, 0, %%r4", "stwcx. %%r12, 0, %%r4", "sync", "lwsync", "isync", "eieio",
              "memlit_End_%=:", "li %%r31, -1"});
    INFO(diagText(diags));
    CHECK_FALSE(diags.hasErrors());
}

TEST_CASE("Power harness: a condition-register field other than cr0 is clobbered by name", "[runner][ppc]") {
    Diagnostics diags;
    auto a = translate({"cmpw cr2,r3,r4", "cmpwi r3,0", "beq cr2,L", "L:"}, diags);
    REQUIRE(a);
    CHECK(a->clobbers == std::vector<std::string>{"cr2"});  // cr0 is GCC's "cc", always clobbered
}

TEST_CASE("Power harness: registers bind to the hardware register of the same number", "[runner][ppc]") {
    runner::PpcGenerator gen;
    CHECK(gen.bindRegister("PPC", "r5") == runner::RegBinding{"r5", 4});
    CHECK(gen.bindRegister("PPC", "R31") == runner::RegBinding{"r31", 4});
    CHECK(gen.bindRegister("PPC", "r0") == runner::RegBinding{"r0", 4});
    // The ABI's own registers run in others.
    CHECK(gen.bindRegister("PPC", "r1") == runner::RegBinding{"r28", 4});
    CHECK(gen.bindRegister("PPC", "r2") == runner::RegBinding{"r29", 4});
    CHECK(gen.bindRegister("PPC", "r13") == runner::RegBinding{"r30", 4});
    for (const char* r : {"r32", "cr0", "x5", "EAX"}) {
        INFO(r);
        CHECK_FALSE(gen.bindRegister("PPC", r));
    }
    Diagnostics diags;
    auto a = translate({"li r1,1", "stw r1,0(r2)", "lwz r13,0(r4)"}, diags);
    REQUIRE(a);
    CHECK(a->lines == std::vector<std::string>{"li %%r28, 1", "stw %%r28, 0(%%r29)", "lwz %%r30, 0(%%r4)"});
    CHECK(a->hwRegs == std::vector<std::string>{"r28", "r29", "r30", "r4"});
    CHECK(a->locations.empty());  // locations are addresses in registers, set from the init
}

TEST_CASE("Power harness: what cannot run is declined with a positioned diagnostic", "[runner][ppc]") {
    SECTION("two test registers that would share a hardware register") {
        CHECK(refusal({"li r1,1", "li r28,2"}) ==
              "T.litmus:4:5: error: unsupported feature: registers r1 and r28 in one thread: the harness runs r1 "
              "in r28 (r1, r2 and r13 are the harness's own; they run in r28, r29 and r30) (memlit run)\n");
    }
    SECTION("what the checker declines, with the checker's message") {
        CHECK_THAT(refusal({"bl L0"}), Catch::StartsWith("T.litmus:3:2: error: unsupported feature: 'bl':"));
    }
    SECTION("what the checker rejects, with the checker's message") {
        CHECK_THAT(refusal({"frob r1,r2"}), Catch::Contains("T.litmus:3:2: error: unknown Power instruction 'frob'"));
    }
}

TEST_CASE("Power harness: a register clash through the initial state is declined too", "[runner][ppc]") {
    Diagnostics diags;
    auto test = litmus::parseLitmus("PPC T\n{ 0:r2=x; }\n P0           ;\n lwz r29,0(r2) ;\nexists (0:r29=0)\n",
                                    "T.litmus", diags);
    INFO(diagText(diags));
    REQUIRE(test);
    CHECK_FALSE(runner::generateHarness(*test, runner::PpcGenerator(), {"power", {}}, diags));
    CHECK_THAT(diagText(diags), Catch::Contains("error: unsupported feature: registers r2 and r29 in one thread"));
}

TEST_CASE("ArchGenerator: PPC runs as a harness", "[runner][ppc]") {
    CHECK(runner::runKind("PPC") == runner::RunKind::Harness);
    auto gen = runner::makeGenerator("PPC");
    REQUIRE(gen);
    CHECK(gen->wordWidth("PPC") == 4);
    CHECK(gen->runsOnHost("PPC") == runner::runsNatively("PPC"));
}
