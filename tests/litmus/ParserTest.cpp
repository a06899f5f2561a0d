#include "litmus/Parser.hpp"
#include "litmus/State.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace memlit;
using namespace memlit::litmus;

namespace {

LitmusTest parse(const std::string& text) {
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    return *t;
}

/// A two-thread X86 test with the given init block and condition part.
LitmusTest withCondition(const std::string& cond, const std::string& init = "") {
    return parse("X86 T\n{" + init + "}\n P0 | P1 ;\n MOV EAX,[x] | MOV [x],$1 ;\n" + cond + "\n");
}

std::string text(const std::string& cond) { return withCondition(cond).condition.text; }

Prop atom(Place p, Value v) {
    Prop a;
    a.kind = Prop::Kind::Atom;
    a.place = std::move(p);
    a.value = std::move(v);
    return a;
}

void write(const std::filesystem::path& p, const std::string& s) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << s;
}

const char* sb = R"((* store buffering *)
X86 SB+mfences.v2
"Fre PodWR Fre PodWR"
Cycle=Fre PodWR Fre PodWR
Generator=diy (see http://diy.inria.fr/)
Empty=
{ x=0; 0:EAX=1; }
 P0          | P1          ;
 MOV [x],$1  | MOV [y],$1  ;
 MFENCE      |             ;
 MOV EAX,[y] | MOV EAX,[x] ;
exists (0:EAX=0 /\ 1:EAX=0) // the relaxed outcome
)";

}  // namespace

TEST_CASE("Parser: header, doc string and metadata", "[litmus]") {
    LitmusTest t = parse(sb);
    CHECK(t.file == "t.litmus");
    CHECK(t.arch == "X86");
    CHECK(t.name == "SB+mfences.v2");
    CHECK(t.doc == "Fre PodWR Fre PodWR");
    CHECK(t.meta == std::vector<std::pair<std::string, std::string>>{{"Cycle", "Fre PodWR Fre PodWR"},
                                                                     {"Generator", "diy (see http://diy.inria.fr/)"},
                                                                     {"Empty", ""}});
}

TEST_CASE("Parser: a parenthesized alias after the test name is accepted and dropped", "[litmus]") {
    LitmusTest t = parse("PPC c6 (PPCBasicCSix)\n{ 0:r2=x; }\n P0 ;\n lwz r1,0(r2) ;\nexists (0:r1=0)\n");
    CHECK(t.name == "c6");
    LitmusTest d = parse("PPC n6 (PPCnSix) \"Store buffering\"\n{ 0:r2=x; }\n P0 ;\n lwz r1,0(r2) ;\nexists (0:r1=0)\n");
    CHECK(d.name == "n6");
    CHECK(d.doc == "Store buffering");
}

TEST_CASE("Parser: before the initial state, lines that are not Key=value and an unclosed doc string are skipped",
          "[litmus]") {
    const std::string body = " P0 ;\n lwz r1,0(r2) ;\nexists (0:r1=0)\n";
    LitmusTest t = parse("PPC w5 (A)\n\"causality\"\n(Some One 'solution')\nKey=v\n{ 0:r2=x; }\n" + body);
    CHECK(t.doc == "causality");
    CHECK(t.meta == std::vector<std::pair<std::string, std::string>>{{"Key", "v"}});
    LitmusTest u = parse("PPC b5 (B)\n\"never closed, barrier\n{ 0:r2=x; }\n" + body);
    CHECK(u.doc == "never closed, barrier");
    CHECK(u.init.size() == 1);
    LitmusTest v = parse("PPC b6\n\"two\nlines\"\n{ 0:r2=x; }\n" + body);
    CHECK(v.doc == "two\nlines");
}

TEST_CASE("Parser: a 'with' list of per-model expectations after the condition is skipped", "[litmus]") {
    LitmusTest t = withCondition("final (0:EAX=1);\nwith default: ~exists;\npower_b: exists; (* note *)\n<<\nx\n");
    CHECK(t.condition.quantifier == Condition::Quantifier::Exists);
    CHECK(t.condition.text == withCondition("exists (0:EAX=1)").condition.text);
}

TEST_CASE("Parser: the thread table, with empty cells and uneven threads", "[litmus]") {
    LitmusTest t = parse(sb);
    REQUIRE(t.threads.size() == 2);
    CHECK(t.threads[0].name == "P0");
    CHECK(t.threads[0].ops.size() == 3);
    CHECK(t.threads[1].ops.size() == 2);
    REQUIRE(t.raw.size() == 2);
    CHECK(t.raw[0] == std::vector<RawInstr>{{"MOV [x],$1", {9, 2}}, {"MFENCE", {10, 2}}, {"MOV EAX,[y]", {11, 2}}});
    CHECK(t.raw[1] == std::vector<RawInstr>{{"MOV [y],$1", {9, 16}}, {"MOV EAX,[x]", {11, 16}}});
    CHECK(t.threads[1].ops[1].loc == SourceLoc{11, 16});
}

TEST_CASE("Parser: the forms of the initial state", "[litmus]") {
    std::vector<InitEntry> want = {
        {{-1, "x"}, Value::number(1), "", {2, 3}},        {{0, "EAX"}, Value::number(0), "", {2, 8}},
        {{-1, "y"}, Value::number(2), "int", {2, 17}},     {{-1, "z"}, Value::number(0), "uint64_t", {2, 26}},
        {{1, "EAX"}, Value::number(0), "uint64_t", {2, 38}}, {{0, "EBX"}, Value::address("x"), "", {3, 2}},
        {{-1, "p"}, Value::address("x"), "int*", {3, 11}}, {{-1, "q"}, Value::number(0), "int*", {3, 24}},
        {{-1, "r"}, Value::address("y"), "*", {3, 32}},    {{-1, "a"}, Value::number(3), "_Atomic int", {3, 40}},
        {{-1, "b"}, Value::number(-1), "", {3, 59}},       {{-1, "c"}, Value::number(0), "", {3, 67}},
    };
    LitmusTest t = withCondition("exists (0:EAX=0)",
                                 " x=1; 0:EAX=0; int y=2; uint64_t z; uint64_t 1:EAX;\n"
                                 " 0:EBX=x; int *p = &x; int* q; *r = y; _Atomic int a = 3; [b]=-1; c;");
    CHECK(t.init == want);
}

TEST_CASE("Parser: arrays in the initial state and the condition", "[litmus]") {
    InitEntry v{{-1, "v"}, Value::array({Value::number(1), Value::number(2), Value::number(0)}), "int", {2, 2}};
    v.cells = 3;
    InitEntry w{{-1, "w"}, Value::array({Value::number(0), Value::number(0)}), "int64_t", {2, 18}};
    w.cells = 2;
    InitEntry t{{-1, "t"}, Value::array({Value::number(5), Value::address("x")}), "", {2, 32}};
    t.cells = 2;
    LitmusTest test = withCondition("locations [w;]\nexists (v[1]=2 /\\ t={5,x})",
                                    "int v[3]={1,2}; int64_t w[2]; t={5,x};");
    CHECK(test.init == std::vector<InitEntry>{v, w, t});
    CHECK(test.locations == std::vector<Place>{{-1, "w"}});
    CHECK(test.condition.prop.args[0] == atom({-1, "v[1]"}, Value::number(2)));
    CHECK(test.condition.prop.args[1] == atom({-1, "t"}, Value::array({Value::number(5), Value::address("x")})));
    CHECK(test.condition.text == "exists (v[1]=2 /\\ t={5,x})");
}

TEST_CASE("Parser: condition constants are normalized to their places' declared types", "[litmus]") {
    LitmusTest t = parse("AArch64 T\n{ uint32_t 0:X1; int8_t x; uint64_t 0:X2; }\n P0 ;\n NOP ;\n"
                         "exists (0:X1=-1 /\\ x=255 /\\ 0:X2=18446744073709551615 /\\ 0:X3=0xffffffff)\n");
    const auto& p = t.condition.prop;  // (X1 /\ x) /\ (X2 /\ X3): a chain is a balanced tree
    CHECK(p.args[0].args[0].value == Value::number(4294967295));
    CHECK(p.args[0].args[1].value == Value::number(-1));
    CHECK(p.args[1].args[0].value == Value::number(-1));
    CHECK(p.args[1].args[1].value == Value::number(-1));  // AArch64's default type is int
    // herd prints the constants as written, not as normalized.
    CHECK(t.condition.text == "exists (0:X1=-1 /\\ [x]=255 /\\ 0:X2=-1 /\\ 0:X3=4294967295)");
}

TEST_CASE("State: places and values print as herd prints them", "[litmus]") {
    Value big = Value::number(-1);
    big.asUnsigned = true;
    CHECK(formatValue(big) == "18446744073709551615");
    CHECK(big == Value::number(-1));  // printing only
    CHECK(formatPlace({-1, "v[1]"}) == "v[1]");
    CHECK(formatState({{0, "X0"}, {-1, "t"}, {-1, "t[0]"}, {-1, "x"}},
                      State{{Value::address("t"), Value::array({Value::number(1), Value::number(2)}), Value::number(1),
                             big}}) == "0:X0=t; t={1,2}; t[0]=1; [x]=18446744073709551615;");
    CHECK(normalize({8, true}, 255) == -1);
    CHECK(normalize({16, false}, -2) == 65534);
    CHECK(normalize({32, true}, 0xfaa99887) == -89548665);
    CHECK(valueTypeOf("uint64_t") == ValueType{64, false});
    CHECK(valueTypeOf("int*") == ValueType{64, true});
    CHECK(sizeOfType("int16_t") == 2);
}

TEST_CASE("Parser: locations and filter", "[litmus]") {
    LitmusTest t = withCondition("locations [x; 0:EAX; [y]; 1:EBX;]\nfilter (0:EAX=1 \\/ x=2)\nexists (x=1)");
    CHECK(t.locations == std::vector<Place>{{-1, "x"}, {0, "EAX"}, {-1, "y"}, {1, "EBX"}});
    REQUIRE(t.filter);
    Prop f;
    f.kind = Prop::Kind::Or;
    f.args = {atom({0, "EAX"}, Value::number(1)), atom({-1, "x"}, Value::number(2))};
    CHECK(*t.filter == f);
    CHECK(withCondition("locations []\nforall true").locations.empty());
}

TEST_CASE("Parser: quantifiers", "[litmus]") {
    CHECK(withCondition("exists (x=1)").condition.quantifier == Condition::Quantifier::Exists);
    CHECK(withCondition("~exists (x=1)").condition.quantifier == Condition::Quantifier::NotExists);
    CHECK(withCondition("~ exists (x=1)").condition.quantifier == Condition::Quantifier::NotExists);
    CHECK(withCondition("not exists (x=1)").condition.quantifier == Condition::Quantifier::NotExists);
    CHECK(withCondition("forall (x=1)").condition.quantifier == Condition::Quantifier::Forall);
    CHECK(withCondition("final (x=1)").condition.quantifier == Condition::Quantifier::Exists);
    CHECK(withCondition("(x=1)").condition.quantifier == Condition::Quantifier::Exists);
    LitmusTest none = withCondition("");
    CHECK(none.condition.quantifier == Condition::Quantifier::Forall);
    CHECK(none.condition.text == "forall (true)");
    CHECK(withCondition("\n  exists (x=1);").condition.loc == SourceLoc{6, 3});
}

TEST_CASE("Parser: condition operators build the proposition", "[litmus]") {
    Prop a = atom({0, "EAX"}, Value::number(1));
    Prop b = atom({-1, "x"}, Value::number(2));
    Prop c = atom({1, "EAX"}, Value::address("x"));
    auto bin = [](Prop::Kind k, Prop l, Prop r) {
        Prop p;
        p.kind = k;
        p.args = {std::move(l), std::move(r)};
        return p;
    };
    auto neg = [](Prop p) {
        Prop n;
        n.kind = Prop::Kind::Not;
        n.args = {std::move(p)};
        return n;
    };
    using PK = Prop::Kind;
    CHECK(withCondition("exists 0:EAX=1 /\\ [x]=2 \\/ 1:EAX=x").condition.prop ==
          bin(PK::Or, bin(PK::And, a, b), c));
    CHECK(withCondition("exists 0:EAX=1 /\\ (x=2 \\/ 1:EAX=x)").condition.prop ==
          bin(PK::And, a, bin(PK::Or, b, c)));
    // `=>` binds tighter than `/\` and groups to the right.
    CHECK(withCondition("exists 0:EAX=1 /\\ x=2 => 1:EAX=x => x=2").condition.prop ==
          bin(PK::And, a, bin(PK::Implies, b, bin(PK::Implies, c, b))));
    CHECK(withCondition("exists ~0:EAX=1 /\\ not (x=2)").condition.prop == bin(PK::And, neg(a), neg(b)));
    CHECK(withCondition("exists (0:EAX!=1 /\\ x<>2 /\\ 1:EAX==x)").condition.prop ==
          bin(PK::And, neg(a), bin(PK::And, neg(b), c)));
    Prop t, f;
    t.kind = PK::True;
    f.kind = PK::False;
    CHECK(withCondition("exists (true \\/ false)").condition.prop == bin(PK::Or, t, f));
    CHECK(withCondition("exists (P0:EAX=1)").condition.prop == a);
    CHECK(withCondition("exists (0:EAX=0x10)").condition.prop == atom({0, "EAX"}, Value::number(16)));
}

TEST_CASE("Parser: condition text is printed as herd prints it", "[litmus]") {
    CHECK(text("exists (x=2 /\\ y=2)") == "exists ([x]=2 /\\ [y]=2)");
    CHECK(text("~exists (0:EAX=0 /\\ 1:EAX=0)") == "~exists (0:EAX=0 /\\ 1:EAX=0)");
    CHECK(text("forall ((x=2 /\\ 0:EAX=0) \\/ (x=1 /\\ (0:EAX=2 \\/ 0:EAX=0)))") ==
          "forall ([x]=2 /\\ 0:EAX=0 \\/ [x]=1 /\\ (0:EAX=2 \\/ 0:EAX=0))");
    CHECK(text("forall (x=2 /\\ (1:EBX=2 /\\ 1:EAX=2))") == "forall ([x]=2 /\\ 1:EBX=2 /\\ 1:EAX=2)");
    CHECK(text("exists (not (1:EAX=0 /\\ (x=2 \\/ x=1) \\/ 1:EAX=1 /\\ x=2))") ==
          "exists (not (1:EAX=0 /\\ ([x]=2 \\/ [x]=1) \\/ 1:EAX=1 /\\ [x]=2))");
    CHECK(text("exists ~x=1") == "exists (not ([x]=1))");
    CHECK(text("exists (x!=1)") == "exists (not ([x]=1))");
    CHECK(text("exists (x=1 => y=1) /\\ (y=1 => x=1)") == "exists (([x]=1 => [y]=1) /\\ ([y]=1 => [x]=1))");
    CHECK(text("exists (x=1 \\/ y=1) => (x=2 /\\ y=2)") == "exists (([x]=1 \\/ [y]=1) => ([x]=2 /\\ [y]=2))");
    CHECK(text("exists x=1 => y=1 => x=2") == "exists ([x]=1 => [y]=1 => [x]=2)");
    CHECK(text("exists ((x=1 \\/ y=1) \\/ x=2)") == "exists ([x]=1 \\/ [y]=1 \\/ [x]=2)");
    CHECK(text("exists (0:EBX=x /\\ x=-3)") == "exists (0:EBX=x /\\ [x]=-3)");
    CHECK(text("exists (true)") == "exists (true)");
    CHECK(text("forall (false \\/ x=1)") == "forall (false \\/ [x]=1)");
}

TEST_CASE("Parser: X86 register names are upper-cased in init and condition", "[litmus]") {
    LitmusTest t = withCondition("exists (0:eax=1)", "0:ebx=1;");
    CHECK(t.init[0].place == Place{0, "EBX"});
    CHECK(t.condition.text == "exists (0:EAX=1)");
}

TEST_CASE("Parser: expandInputs handles files, directories and @index files", "[litmus]") {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / "memlit-litmus-inputs";
    fs::remove_all(root);
    write(root / "a.litmus", "");
    write(root / "dir/z.litmus", "");
    write(root / "dir/sub/b.litmus", "");
    write(root / "dir/notes.txt", "");
    write(root / "idx/@all", "# every test\n../a.litmus\n\n  @nested  \n../dir\n");
    write(root / "idx/@nested", "../a.litmus\n");
    auto s = [&](const fs::path& p) { return p.string(); };

    SECTION("a file, a directory (recursive, sorted, .litmus only)") {
        Diagnostics d;
        CHECK(expandInputs({s(root / "a.litmus"), s(root / "dir")}, d) ==
              std::vector<std::string>{s(root / "a.litmus"), s(root / "dir/sub/b.litmus"), s(root / "dir/z.litmus")});
        CHECK(d.all().empty());
    }
    SECTION("an index naming a nested index and a directory") {
        Diagnostics d;
        std::vector<std::string> want = {s(root / "idx/../a.litmus"), s(root / "idx/../a.litmus"),
                                         s(root / "idx/../dir/sub/b.litmus"), s(root / "idx/../dir/z.litmus")};
        CHECK(expandInputs({s(root / "idx/@all")}, d) == want);
        CHECK(d.all().empty());
    }
    SECTION("`@name` reads the index `name` when no file is called `@name`") {
        write(root / "plain", "a.litmus\n");
        Diagnostics d;
        CHECK(expandInputs({"@" + s(root / "plain")}, d) == std::vector<std::string>{s(root / "a.litmus")});
        CHECK(d.all().empty());
    }
    SECTION("a cycle and a missing file are reported, the rest is kept") {
        write(root / "cyc/@one", "@two\nmissing.litmus\n");
        write(root / "cyc/@two", "../a.litmus\n@one\n");
        Diagnostics d;
        CHECK(expandInputs({s(root / "cyc/@one")}, d) == std::vector<std::string>{s(root / "cyc/../a.litmus")});
        REQUIRE(d.all().size() == 2);
        CHECK(Diagnostics::format(d.all()[0]) ==
              s(root / "cyc/@two") + ":2:1: error: index file '" + s(root / "cyc/@one") + "' includes itself");
        CHECK(Diagnostics::format(d.all()[1]) ==
              s(root / "cyc/@one") + ":2:1: error: no such file or directory: '" + s(root / "cyc/missing.litmus") + "'");
    }
    fs::remove_all(root);
}

TEST_CASE("Parser: loadLitmus reads a file", "[litmus]") {
    namespace fs = std::filesystem;
    fs::path p = fs::temp_directory_path() / "memlit-load-test.litmus";
    write(p, sb);
    Diagnostics d;
    auto t = loadLitmus(p.string(), d);
    REQUIRE(t);
    CHECK(t->file == p.string());
    CHECK(t->name == "SB+mfences.v2");
    fs::remove(p);
}

TEST_CASE("Parser: garbage and truncated input never crash or hang", "[litmus]") {
    std::string base = sb;
    // Every prefix of a valid test.
    for (std::size_t n = 0; n <= base.size(); ++n) {
        Diagnostics d;
        auto t = parseLitmus(base.substr(0, n), "t.litmus", d);
        CHECK((t.has_value() || d.hasErrors()));
    }
    // Deterministic pseudo-random bytes and mutations.
    std::uint32_t seed = 12345;
    auto rnd = [&] {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7fff;
    };
    const std::string alphabet = "X86 P0|;:=[]{}()~/\\$%,\n\"*x1-EAXMOVexists";
    for (int i = 0; i < 300; ++i) {
        std::string s = base;
        for (int k = 0; k < 5; ++k) s[rnd() % s.size()] = alphabet[rnd() % alphabet.size()];
        std::string junk;
        for (int k = 0; k < 40; ++k) junk += alphabet[rnd() % alphabet.size()];
        Diagnostics d1, d2;
        auto t1 = parseLitmus(s, "t.litmus", d1);
        auto t2 = parseLitmus(junk, "t.litmus", d2);
        CHECK((t1.has_value() || d1.hasErrors()));
        CHECK((t2.has_value() || d2.hasErrors()));
    }
    Diagnostics d;
    CHECK_FALSE(parseLitmus("X86 T\n{}\n P0 ;\n MFENCE ;\nexists " + std::string(100000, '(') + "x=1", "t", d));
    CHECK_FALSE(parseLitmus("X86 T\n{}\n P0 ;\n MFENCE ;\nexists " + std::string(100000, '~') + "x=1", "t", d));
    CHECK_FALSE(parseLitmus("X86 T\n{}\n P0 ;\n MFENCE ;\nexists x=1" + [] {
                    std::string s;
                    for (int i = 0; i < 50000; ++i) s += " => x=1";
                    return s;
                }(), "t", d));
}
