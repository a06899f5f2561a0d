// Diagnostics that help (issue #16, item 7): a C test checked with a hardware model, and
// accesses of different widths to one location, which memlit would answer wrongly (it keeps
// one value per location, not its bytes). Each gets one exact positioned line.

#include "tests/robustness/ScratchDir.hpp"

#include <catch2/catch.hpp>

using namespace memlit::testing;

namespace {

const char* const kC = "C SB\n{ x=0; y=0; }\nP0(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 1);\n\tint r0 = READ_ONCE(*y);\n}\n"
                       "P1(int *x, int *y)\n{\n\tWRITE_ONCE(*y, 1);\n\tint r0 = READ_ONCE(*x);\n}\n"
                       "exists (0:r0=0 /\\ 1:r0=0)\n";

/// `memlit check ARGS... t.litmus` on `text`: exit 1 and exactly `line` on standard error.
void rejects(const std::string& text, const std::string& line, std::vector<std::string> args = {}) {
    ScratchDir dir("hint");
    dir.write("t.litmus", text);
    args.insert(args.begin(), "check");
    args.push_back("t.litmus");
    const Outcome o = dir.run(args);
    INFO(o.out);
    CHECK(o.status == 1);
    CHECK(o.err == line + "\n");
}

/// `memlit check t.litmus` on `text` succeeds and prints `state` among its states.
void decides(const std::string& text, const std::string& state) {
    ScratchDir dir("hint");
    dir.write("t.litmus", text);
    const Outcome o = dir.run({"check", "t.litmus"});
    INFO(o.err << o.out);
    CHECK(o.status == 0);
    CHECK(o.out.find("\n" + state + "\n") != std::string::npos);
}

}  // namespace

TEST_CASE("Hints: a C test with a hardware model names the models that fit", "[robustness][hint]") {
    const std::pair<const char*, const char*> cases[] = {
        {"tso", "X86, X86_64"}, {"aarch64", "AArch64"}, {"riscv", "RISCV"}, {"power", "PPC"}};
    for (const auto& [model, archs] : cases)
        rejects(kC,
                std::string("t.litmus:1:1: error: model '") + model + "' is a model of " + archs +
                    " hardware, not of C; check a C test with rc11 (C11 atomics) or lkmm (Linux-kernel primitives)",
                {"--model", model});
    // The models that fit, and sc, which fits every test, still check it.
    ScratchDir dir("hint");
    dir.write("t.litmus", kC);
    for (const char* model : {"rc11", "lkmm", "sc"}) CHECK(dir.run({"check", "--model", model, "t.litmus"}).status == 0);
}

TEST_CASE("Hints: a narrow store to a wider location is declined, naming the instruction", "[robustness][hint]") {
    rejects("RISCV t\n{ 0:x6=x; x=0x1ff; }\n P0 ;\n li x5,2 ;\n sb x5,0(x6) ;\n lw x7,0(x6) ;\nexists (0:x7=2)\n",
            "t.litmus:5:2: error: unsupported feature: mixed-size accesses: 'sb x5,0(x6)' writes 1 byte of x, whose "
            "initial value is wider (memlit keeps one value per location, not its bytes)");
    rejects("AArch64 t\n{ 0:X1=x; uint64_t x=0x100000000; }\n P0 ;\n MOV W0,#1 ;\n STR W0,[X1] ;\n LDR X2,[X1] ;\n"
            "exists (0:X2=1)\n",
            "t.litmus:5:2: error: unsupported feature: mixed-size accesses: 'STR W0,[X1]' writes 4 bytes of x, whose "
            "initial value is wider (memlit keeps one value per location, not its bytes)");
    rejects("AArch64 t\n{ 0:X1=x; 1:X1=x; }\n P0 | P1 ;\n MOV X0,#-1 | MOV W0,#1 ;\n STR X0,[X1] | STRB W0,[X1] ;\n"
            "exists (x=1)\n",
            "t.litmus:5:16: error: unsupported feature: mixed-size accesses: 'STRB W0,[X1]' writes 1 byte of x, which "
            "is also accessed 8 bytes wide (memlit keeps one value per location, not its bytes)");
    rejects("X86_64 t\n{ x=0x100; }\n P0 ;\n movb $1,(x) ;\n movq (x),%rax ;\nexists (0:rax=1)\n",
            "t.litmus:4:2: error: unsupported feature: mixed-size accesses: 'movb $1,(x)' writes 1 byte of x, whose "
            "initial value is wider (memlit keeps one value per location, not its bytes)");
    rejects("X86 t\n{ x=0x100; }\n P0 ;\n MOV AL,$1 ;\n MOV [x],AL ;\nexists (x=1)\n",
            "t.litmus:5:2: error: unsupported feature: mixed-size accesses: 'MOV [x],AL' writes 1 byte of x, whose "
            "initial value is wider (memlit keeps one value per location, not its bytes)");
}

TEST_CASE("Hints: mixed widths memlit answers exactly are still checked", "[robustness][hint]") {
    // A narrow load reads the low bytes of the value written, as the hardware does (herd's A176).
    decides("AArch64 t\n{ 0:X2=x; uint64_t x=0x0000000100000002; }\n P0 ;\n LDR W0,[X2] ;\nforall (0:X0=2)\n",
            "0:X0=2;");
    decides("RISCV t\n{ 0:x6=x; x=0x1ff; }\n P0 ;\n lb x5,0(x6) ;\nexists (0:x5=-1)\n", "0:x5=-1;");
    // A store as wide as the location's declared type writes the whole cell, whatever the
    // sign bits of the other values there (an int array, negative values, word stores).
    decides("AArch64 t\n{ int a[2] = {-1,-5}; 0:X0=a; }\n P0 ;\n MOV W1,#-7 ;\n STR W1,[X0] ;\n LDRSW X2,[X0] ;\n"
            "LDRSW X3,[X0,#4] ;\nforall (0:X2=-7 /\\ 0:X3=-5)\n",
            "0:X2=-7; 0:X3=-5;");
    decides("RISCV t\n{ int32_t x=-1; 0:x6=x; }\n P0 ;\n li x5,3 ;\n sw x5,0(x6) ;\n lw x7,0(x6) ;\nexists (0:x7=3)\n",
            "0:x7=3;");
    // A narrow store where every value written is zero beyond its width.
    decides("AArch64 t\n{ 0:X1=x; }\n P0 ;\n MOV W0,#1 ;\n STRB W0,[X1] ;\n LDR X2,[X1] ;\nexists (0:X2=1)\n",
            "0:X2=1;");
}
