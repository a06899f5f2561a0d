// Feeds memlit a few hundred malformed inputs made here (truncated, garbage, wrong dialect,
// unbalanced, huge, deep, badly encoded) and checks that each is either decided (exit 0) or
// rejected with exit 1 and positioned error lines: never an internal error, a crash or a hang.
// Every front end (X86, X86_64, AArch64, RISCV, PPC, Go, C) gets each kind of damage; each
// input is checked under `--timeout 10`, so an input too big to decide ends as Unknown (exit 3).

#include "tests/robustness/ScratchDir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <sstream>

using namespace memlit::testing;

namespace {

const char* const kValid[] = {
    "X86 SB\n{ x=0; y=0; }\n P0          | P1          ;\n MOV [x],$1  | MOV [y],$1  ;\n"
    " MOV EAX,[y] | MOV EAX,[x] ;\nexists (0:EAX=0 /\\ 1:EAX=0)\n",
    "X86_64 SB\n{ }\n P0             | P1             ;\n movq $1,(x)    | movq $1,(y)    ;\n"
    " movq (y),%rax  | movq (x),%rax  ;\nexists (0:rax=0 /\\ 1:rax=0)\n",
    "AArch64 MP\n{ 0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x; }\n P0          | P1          ;\n"
    " MOV W0,#1   | LDR W0,[X1] ;\n STR W0,[X1] | LDR W2,[X3] ;\n STR W0,[X3] |             ;\n"
    "exists (1:X0=1 /\\ 1:X2=0)\n",
    "RISCV MP\n{ 0:x6=x; 0:x8=y; 1:x6=y; 1:x8=x; }\n P0          | P1          ;\n"
    " li x5,1     | lw x5,0(x6) ;\n sw x5,0(x6) | lw x7,0(x8) ;\n sw x5,0(x8) |             ;\n"
    "exists (1:x5=1 /\\ 1:x7=0)\n",
    "PPC MP\n{ 0:r2=x; 0:r4=y; 1:r2=y; 1:r4=x; }\n P0           | P1           ;\n"
    " li r1,1      | lwz r1,0(r2) ;\n stw r1,0(r2) | lwz r3,0(r4) ;\n stw r1,0(r4) |              ;\n"
    "exists (1:r1=1 /\\ 1:r3=0)\n",
    "Go MP\n{ var x, y int }\nfunc P0() {\n\tx = 1\n\ty = 1\n}\nfunc P1() {\n\tr1 := y\n\tr2 := x\n}\n"
    "exists (1:r1=1 /\\ 1:r2=0)\n",
    "C SB\n{ x=0; y=0; }\nP0(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 1);\n\tint r0 = READ_ONCE(*y);\n}\n"
    "P1(int *x, int *y)\n{\n\tWRITE_ONCE(*y, 1);\n\tint r0 = READ_ONCE(*x);\n}\nexists (0:r0=0 /\\ 1:r0=0)\n",
};

/// A deterministic byte generator, so a failure names an input that can be made again.
struct Bytes {
    std::uint64_t state;
    unsigned char next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned char>(state >> 56);
    }
    std::string take(std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(next()));
        return s;
    }
};

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

std::vector<std::pair<std::string, std::string>> malformedInputs() {
    std::vector<std::pair<std::string, std::string>> in;  // what it is, its bytes
    int n = 0;
    auto add = [&](const std::string& what, std::string bytes) { in.emplace_back(what + " #" + std::to_string(n++), std::move(bytes)); };
    for (const std::string v : kValid) {
        for (std::size_t cut = 1; cut < v.size(); cut += v.size() / 12 + 1) add("truncated", v.substr(0, cut));
        add("no condition", v.substr(0, v.rfind("exists")));
        add("braces removed", replaceAll(replaceAll(v, "}", " "), "{", " "));
        add("extra open brace", replaceAll(v, "{", "{ {"));
        add("extra close brace", replaceAll(v, "}", "} }"));
        add("unbalanced parenthesis", replaceAll(v, "exists (", "exists (("));
        add("huge number", replaceAll(v, "1", "123456789012345678901234567890"));
        add("non-UTF-8", replaceAll(v, "x", "x\xff\xfe"));
        add("NUL bytes", replaceAll(v, ";", std::string(";\0", 2)));
        add("CR line ends", replaceAll(v, "\n", "\r"));
        add("CRLF line ends", replaceAll(v, "\n", "\r\n"));
        add("BOM", "\xEF\xBB\xBF" + v);
        add("unterminated comment", v + "(* never closed");
        add("unterminated string", replaceAll(v, "\n{", "\n\"doc\n{"));
        add("deep condition", v.substr(0, v.rfind("exists")) + "exists " + repeat("(", 10000) + "x=1" +
                                  repeat(")", 10000) + "\n");
        add("long condition", v.substr(0, v.rfind("exists")) + "exists (" + repeat("x=1 /\\ ", 5000) + "x=1)\n");
        add("deep negation", v.substr(0, v.rfind("exists")) + "exists (" + repeat("~", 10000) + "x=1)\n");
    }
    // Each architecture's body under every other header.
    const char* heads[] = {"X86", "X86_64", "AArch64", "RISCV", "PPC", "Go", "C"};
    for (const std::string v : kValid)
        for (const char* h : heads)
            if (v.rfind(std::string(h) + " ", 0) != 0) add(std::string("wrong dialect ") + h, h + v.substr(v.find(' ')));
    Bytes rnd{12345};
    for (int i = 0; i < 10; ++i) add("binary garbage", rnd.take(64 + 37 * i));
    for (int i = 0; i < 10; ++i) add("garbage body", "X86 g\n{ " + rnd.take(40 + 13 * i));
    for (int i = 0; i < 5; ++i) add("garbage Go body", "Go g\n{ var x int }\nfunc P0() {\n" + rnd.take(50 + 20 * i));
    add("empty", "");
    add("blank", " \n\t\n");
    add("comment only", "(* nothing *)\n");
    add("unknown architecture", "MIPS t\n{ }\n P0 ;\n nop ;\nexists (x=1)\n");
    std::string wide = "X86 wide\n{ }\n";
    std::string row;
    for (int i = 0; i < 10000; ++i) {
        wide += (i ? " | P" : " P") + std::to_string(i);
        row += i ? " | MOV [x],$1" : " MOV [x],$1";
    }
    add("10,000 threads", wide + " ;\n" + row + " ;\nexists (x=1)\n");
    std::string cThreads = "C many\n{ x=0; }\n";
    for (int i = 0; i < 10000; ++i) cThreads += "P" + std::to_string(i) + "(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\n";
    add("10,000 C threads", cThreads + "exists (x=1)\n");
    add("deep C parentheses", "C deep\n{ x=0; }\nP0(int *x)\n{\n\tWRITE_ONCE(*x, " + repeat("(", 10000) + "1" +
                                  repeat(")", 10000) + ");\n}\nexists (x=1)\n");
    add("deep C blocks", "C deep\n{ x=0; }\nP0(int *x)\n{\n" + repeat("{\n", 10000) + "WRITE_ONCE(*x, 1);\n" +
                             repeat("}\n", 10000) + "}\nexists (x=1)\n");
    add("10,000 goroutines", "Go many\n{ var x int }\n" + repeat("func P() {\n\tx = 1\n}\n", 10000) + "exists (x=1)\n");
    add("deep Go blocks", "Go deep\n{ var x int }\nfunc P0() {\n" + repeat("if x == 0 {\n", 10000) + "x = 1\n" +
                              repeat("}\n", 10000) + "}\nexists (x=1)\n");
    add("deep Go parentheses", "Go deep\n{ var x int }\nfunc P0() {\n\tx = " + repeat("(", 10000) + "1" +
                                   repeat(")", 10000) + "\n}\nexists (x=1)\n");
    add("deep Go unary", "Go deep\n{ var x int }\nfunc P0() {\n\tx = " + repeat("-", 10000) + "1\n}\nexists (x=1)\n");
    add("deep init braces", "X86 deep\n{ x=" + repeat("{", 10000) + "1" + repeat("}", 10000) + " }\n P0 ;\n MFENCE ;\nexists (x=1)\n");
    add("huge thread number", "X86 t\n{ 99999999999999999999:EAX=1; }\n P0 ;\n MFENCE ;\nexists (x=1)\n");
    add("huge array", "X86 t\n{ int v[99999999999]; }\n P0 ;\n MFENCE ;\nexists (x=1)\n");
    add("long instruction", "X86 t\n{ }\n P0 ;\n MOV [x]," + repeat("$1", 50000) + " ;\nexists (x=1)\n");
    return in;
}

/// Whether some line of `err` is `t.litmus:LINE:COL: error: ...` (no std::regex: it recurses
/// per character and overflows the stack on a long message).
bool hasPositionedError(const std::string& err) {
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);) {
        const std::string prefix = "t.litmus:";
        if (line.rfind(prefix, 0) != 0) continue;
        std::size_t p = prefix.size();
        auto digits = [&] {
            const std::size_t b = p;
            while (p < line.size() && std::isdigit(static_cast<unsigned char>(line[p]))) ++p;
            return p > b;
        };
        if (!digits() || p >= line.size() || line[p++] != ':' || !digits()) continue;
        if (line.compare(p, 9, ": error: ") == 0 && line.size() > p + 9) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("Robustness: malformed inputs get positioned errors, never a crash", "[robustness]") {
    const auto inputs = malformedInputs();
    REQUIRE(inputs.size() >= 100);
    // Every kind of damage issue #16 names is among them.
    for (const char* kind : {"truncated", "binary garbage", "wrong dialect", "extra open brace", "extra close brace",
                             "huge number", "10,000 threads", "deep condition", "deep C blocks", "non-UTF-8", "BOM",
                             "CR line ends"}) {
        INFO(kind);
        CHECK(std::any_of(inputs.begin(), inputs.end(), [&](const auto& in) { return in.first.rfind(kind, 0) == 0; }));
    }
    ScratchDir dir("malformed");
    for (const auto& [what, bytes] : inputs) {
        dir.write("t.litmus", bytes);
        const auto start = std::chrono::steady_clock::now();
        const Outcome o = dir.run({"check", "--engine", "enumerate", "--timeout", "10", "t.litmus"});
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        INFO(what << " (" << seconds << " s)\nstderr: " << o.err.substr(0, 400));
        CHECK(seconds < 20);  // within its --timeout, with slack for a loaded machine
        REQUIRE((o.status == 0 || o.status == 1 || o.status == 3));
        if (o.status == 1) CHECK(hasPositionedError(o.err));
        else if (o.status == 3) CHECK(o.out.find("Unknown") != std::string::npos);
        else CHECK(o.out.rfind("Test ", 0) == 0);
    }
}
