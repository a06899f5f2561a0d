#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace memlit;
using namespace memlit::litmus;

namespace {

/// The one diagnostic line parsing `text` reports.
std::string diagnose(const std::string& text) {
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d);
    CHECK_FALSE(t);
    REQUIRE(d.all().size() == 1);
    return Diagnostics::format(d.all()[0]);
}

}  // namespace

TEST_CASE("Diagnostics: every front-end error, word for word", "[litmus]") {
    const std::pair<const char*, const char*> cases[] = {
        {"X86 T\n{ x=1 (* oops\n}\n",
         "t.litmus:2:7: error: unterminated comment"},
        {"\n   \n",
         "t.litmus:3:1: error: expected a header 'ARCH NAME'"},
        {"X86\n{}\n",
         "t.litmus:1:4: error: expected a test name after 'X86'"},
        {"X86 T extra\n{}\n",
         "t.litmus:1:5: error: unexpected text after the test name 'T'"},
        {"X86 T (alias) extra\n{}\n",
         "t.litmus:1:5: error: unexpected text after the test name 'T'"},
        {"X86 T\nKey=v\n",
         "t.litmus:3:1: error: expected '{' to start the initial state"},
        {"X86 T\nnot a=pair\n{}\n",
         "t.litmus:2:1: error: expected 'Key=value' or '{', found 'not a=pair'"},
        {"X86 T\n{ x=1 }\n P0 ;\n MFENCE\nexists (x=1)\n",
         "t.litmus:4:8: error: expected ';' at the end of the thread-table row"},
        {"X86 T\n{ x=1 }\n P0 ;\n MFENCE ; junk\nexists (x=1)\n",
         "t.litmus:4:11: error: unexpected text after ';' in the thread table"},
        {"X86 T\n{ x=1 }\nexists (x=1)\n",
         "t.litmus:3:1: error: expected the thread table header 'P0 | P1 ... ;'"},
        {"X86 T\n{ x=1 }\n P0 | P2 ;\n MFENCE | MFENCE ;\nexists (x=1)\n",
         "t.litmus:3:7: error: expected 'P1' in the thread table header, found 'P2'"},
        {"X86 T\n{}\n P0 ;\n MFENCE | MFENCE ;\nexists (x=1)\n",
         "t.litmus:4:11: error: row has 2 cells but the table has 1 thread"},
        {"X86 T\n{}\n P0 ;\n L0: ;\n L0: MFENCE ;\nexists (x=1)\n",
         "t.litmus:5:2: error: duplicate label 'L0'"},
        {"X86 T\n{}\n P0 ;\n JMP L9 ;\nexists (x=1)\n",
         "t.litmus:4:2: error: undefined label 'L9' in P0"},
        {"X86 T\n{}\n P0 ;\n L0: ;\n JNE L0 ;\nexists (x=1)\n",
         "t.litmus:5:2: error: unsupported feature: backward branch to 'L0' (loops are not supported)"},
        {"X86 T\n{ 2:EAX=1; }\n P0 | P1 ;\n MFENCE | MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:3: error: thread 2 does not exist (the test has 2 threads)"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nexists (1:EAX=1)\n",
         "t.litmus:5:9: error: thread 1 does not exist (the test has 1 thread)"},
        {"X86 T\n{ [1]=2; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:4: error: expected a location name, found '1'"},
        {"X86 T\n{ 0:=2; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:5: error: expected a register name, found '='"},
        {"X86 T\n{ ; = 2; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:5: error: expected a location or a register 'T:NAME', found '='"},
        {"X86 T\n{ x = ; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:7: error: expected a value (an integer or a location name), found ';'"},
        {"X86 T\n{ _Atomic 0:EAX; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:11: error: expected a type after '_Atomic', found '0'"},
        {"X86 T\n{ x=1 y=2 }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:7: error: expected ';' or '}' in the initial state, found 'y'"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nexists (x=1\n",
         "t.litmus:6:1: error: expected ')', found end of input"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nexists (x=1 /\\ )\n",
         "t.litmus:5:16: error: expected a proposition, found ')'"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nexists (x 1)\n",
         "t.litmus:5:11: error: expected '=' after '[x]', found '1'"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nlocations x;\nexists (x=1)\n",
         "t.litmus:5:11: error: expected '[' after 'locations', found 'x'"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\n~forall (x=1)\n",
         "t.litmus:5:2: error: expected 'exists' after '~', found 'forall'"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nfilter x=1\nmaybe (x=1)\n",
         "t.litmus:6:1: error: expected a condition ('exists', '~exists' or 'forall'), found 'maybe'"},
        {"X86 T\n{ x=99999999999999999999; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:5: error: number '99999999999999999999' is out of range"},
        {"X86 T\n{ -1:EAX=1; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:3: error: expected a location or a register 'T:NAME', found '-1'"},
        {"X86 T\n{ }\n P0 ;\n MFENCE ;\nexists (0:EAX=-1:EAX)\n",
         "t.litmus:5:15: error: expected a register 'T:NAME' with a thread number T"},
        {"X86 T\n{ int x[0]; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:3: error: array 'x' has no cells"},
        {"X86 T\n{ int x[2]={1,2,3}; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:12: error: initial value of array 'x' must be a list of at most 2 values"},
        {"X86 T\n{ x={1;2}; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:7: error: expected ',' or '}' in an array value, found ';'"},
        {"X86 T\n{ 0:EAX={1,2}; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:3: error: a register cannot hold an array"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nexists (x[y]=1)\n",
         "t.litmus:5:11: error: expected an array index, found 'y'"},
        {"AArch64 T\n{ 0:X0=P1:L0; }\n P0 ;\n NOP ;\nexists (x=1)\n",
         "t.litmus:2:8: error: unsupported feature: code labels as values ('P1:...')"},
        {"AArch64 T\n{ 0:X0=instr:\"NOP\"; }\n P0 ;\n NOP ;\nexists (x=1)\n",
         "t.litmus:2:8: error: unsupported feature: instructions as values ('instr:...')"},
        {"AArch64 T\n{ uint64_t %r=x; }\n P0 ;\n NOP ;\nexists (x=1)\n",
         "t.litmus:2:12: error: unsupported feature: symbolic registers ('%r')"},
        {"X86 T\n{ x=1; int x=2; }\n P0 ;\n MFENCE ;\nexists (x=1)\n",
         "t.litmus:2:8: error: duplicate initial value for '[x]'"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nobserved x=1;\n",
         "t.litmus:5:1: error: unsupported feature: 'observed' conditions"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nexists (x=1) (y=2)\n",
         "t.litmus:5:14: error: unexpected '(' after the condition"},
        {"X86 T\n{}\n P0 ;\n LOCK ;\nexists (x=1)\n",
         "t.litmus:4:2: error: 'LOCK' must prefix an instruction"},
        {"X86 T\n{}\n P0 ;\n  FOO EAX,1 ;\nexists (x=1)\n",
         "t.litmus:4:3: error: unknown X86 instruction 'FOO'"},
        {"X86 T\n{}\n P0 ;\n L1: LOCK FOO [x] ;\nexists (x=1)\n",
         "t.litmus:4:11: error: unknown X86 instruction 'FOO'"},
        {"X86 T\n{}\n P0 ;\n MOV EAX,[x ;\nexists (x=1)\n",
         "t.litmus:4:10: error: bad operand '[x' for 'MOV'"},
        {"X86 T\n{}\n P0 ;\n MOV $1,EAX ;\nexists (x=1)\n",
         "t.litmus:4:6: error: bad operand '$1' for 'MOV'"},
        {"X86 T\n{}\n P0 ;\n MOV [x],[y] ;\nexists (x=1)\n",
         "t.litmus:4:10: error: bad operand '[y]' for 'MOV'"},
        {"X86 T\n{}\n P0 ;\n XCHG [x],$1 ;\nexists (x=1)\n",
         "t.litmus:4:11: error: bad operand '$1' for 'XCHG'"},
        {"X86 T\n{}\n P0 ;\n LOCK CMPXCHG [x],$1 ;\nexists (x=1)\n",
         "t.litmus:4:19: error: bad operand '$1' for 'CMPXCHG'"},
        {"X86 T\n{}\n P0 ;\n JE $1 ;\nexists (x=1)\n",
         "t.litmus:4:5: error: bad operand '$1' for 'JE'"},
        {"X86 T\n{}\n P0 ;\n JE ;\nexists (x=1)\n",
         "t.litmus:4:2: error: 'JE' needs a label"},
        {"X86 T\n{}\n P0 ;\n MOV EAX ;\nexists (x=1)\n",
         "t.litmus:4:2: error: 'MOV' takes 2 operands"},
        {"X86 T\n{}\n P0 ;\n INC EAX,EBX ;\nexists (x=1)\n",
         "t.litmus:4:2: error: 'INC' takes 1 operand"},
        {"X86 T\n{}\n P0 ;\n LOCK MOV [x],$1 ;\nexists (x=1)\n",
         "t.litmus:4:7: error: LOCK prefix needs a read-modify-write instruction with a memory destination"},
        {"X86 T\n{}\n P0 ;\n LOCK ADD EAX,$1 ;\nexists (x=1)\n",
         "t.litmus:4:7: error: LOCK prefix needs a read-modify-write instruction with a memory destination"},
        {"X86 T\n{}\n P0 ;\n MOV EAX, ;\nexists (x=1)\n",
         "t.litmus:4:10: error: bad operand '' for 'MOV'"},
        {"X86_64 T\n{}\n P0 ;\n movz $1,(x) ;\nexists (x=1)\n",
         "t.litmus:4:2: error: unknown X86_64 instruction 'movz'; did you mean 'mov'?"},
        {"X86_64 T\n{}\n P0 ;\n movq $1,(%zz) ;\nexists (x=1)\n",
         "t.litmus:4:10: error: bad operand '(%zz)' for 'movq'"},
        {"X86_64 T\n{}\n P0 ;\n lock ;\nexists (x=1)\n",
         "t.litmus:4:2: error: 'lock' must prefix an instruction"},
        {"X86_64 T\n{}\n P0 ;\n jne ;\nexists (x=1)\n",
         "t.litmus:4:2: error: 'jne' needs a label"},
        {"X86_64 T\n{}\n P0 ;\n lock movq $1,(x) ;\nexists (x=1)\n",
         "t.litmus:4:7: error: LOCK prefix needs a read-modify-write instruction with a memory destination"},
        {"X86 T\n{}\n P0 ;\n MFENCE ;\nexists (x=1 \\/ y=#)\n",
         "t.litmus:5:18: error: expected a value (an integer or a location name), found '#'"},
    };
    for (const auto& [text, want] : cases) {
        INFO(text);
        CHECK(diagnose(text) == want);
    }
}

TEST_CASE("Diagnostics: an unknown architecture lists the known dialects", "[litmus]") {
    std::string known;
    for (auto name : litmus::tableArchitectureNames(litmus::architectures())) known += (known.empty() ? "" : ", ") + std::string(name);
    CHECK(known.find("X86, X86_64") == 0);
    CHECK(diagnose("XYZ T\n{}\n") ==
          "t.litmus:1:1: error: unsupported feature: architecture 'XYZ' (supported: " + known + ")");
}

TEST_CASE("Diagnostics: unsupported features are marked so", "[litmus]") {
    for (const char* text : {"XYZ T\n{}\n", "X86 T\n{}\n P0 ;\n L0: ;\n JMP L0 ;\nexists (x=1)\n"}) {
        Diagnostics d;
        CHECK_FALSE(parseLitmus(text, "t.litmus", d));
        CHECK(d.onlyUnsupported());
    }
}

TEST_CASE("Diagnostics: a condition nested too deeply", "[litmus]") {
    CHECK(diagnose("X86 T\n{}\n P0 ;\n MFENCE ;\nexists " + std::string(600, '(') + "x=1") ==
          "t.litmus:5:508: error: condition is nested too deeply");
    std::string chain = "X86 T\n{}\n P0 ;\n MFENCE ;\nexists x=1";
    for (int i = 0; i < 600; ++i) chain += "=>x=1";
    CHECK(diagnose(chain) == "t.litmus:5:2508: error: condition is nested too deeply");
}

TEST_CASE("Diagnostics: files that cannot be read", "[litmus]") {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / "memlit-litmus-diags";
    fs::remove_all(root);
    fs::create_directories(root / "dir");
    std::string missing = (root / "missing.litmus").string();
    std::string dir = (root / "dir").string();
    Diagnostics d;
    CHECK_FALSE(loadLitmus(missing, d));
    CHECK_FALSE(loadLitmus(dir, d));
    CHECK(expandInputs({missing, "@" + dir}, d).empty());
    REQUIRE(d.all().size() == 4);
    CHECK(Diagnostics::format(d.all()[0]) == missing + ": error: cannot open file");
    CHECK(Diagnostics::format(d.all()[1]) == dir + ": error: is a directory, not a litmus file");
    CHECK(Diagnostics::format(d.all()[2]) == missing + ": error: no such file or directory");
    CHECK(Diagnostics::format(d.all()[3]) == dir + ": error: cannot open index file");
    fs::remove_all(root);
}
