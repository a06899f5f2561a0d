// The Go dialect's front end: what Go statements lower to, and every diagnostic word for word.

#include "litmus/Parser.hpp"
#include "tests/litmus/ParseHelpers.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::litmus;
using namespace memlit::testing;

namespace {

using EK = Expr::Kind;
Expr c(std::int64_t v) { return Expr::constant(v); }
Expr reg(const char* r) { return Expr::reg(r); }
Expr sym(const char* s) { return Expr::sym(s); }
Expr eq(Expr a, Expr b) { return Expr::binary(EK::Eq, std::move(a), std::move(b)); }

std::vector<OpKind> kinds(const Thread& t) {
    std::vector<OpKind> out;
    for (const auto& op : t.ops) out.push_back(op.kind);
    return out;
}

const std::vector<std::string> AT{"AT"}, LOCK{"LOCK"}, UNLOCK{"UNLOCK"}, GO{"GO"}, PROBE{"PROBE"};

}  // namespace

TEST_CASE("Go: header, globals, goroutines and the herd condition", "[litmus][go]") {
    LitmusTest t = parseOk("Go MP+chan\n\"doc\"\n{ var x, y int = 1, 2; var f atomic.Int32 }\n"
                           "func P0() { x = 1 }\nfunc P1() {\n\tr0 := y\n}\nexists (1:r0=1 /\\ x=1)\n");
    CHECK(t.arch == "Go");
    CHECK(t.name == "MP+chan");
    CHECK(t.doc == "doc");
    REQUIRE(t.init.size() == 3);
    CHECK(t.init[0].place.name == "x");
    CHECK(t.init[0].value == Value::number(1));
    CHECK(t.init[1].value == Value::number(2));
    CHECK(t.init[2].type == "atomic.Int32");
    REQUIRE(t.threads.size() == 2);
    CHECK(t.threads[1].name == "P1");
    CHECK(t.condition.text == "exists (1:r0=1 /\\ [x]=1)");
    REQUIRE(t.raw[1].size() == 1);
    CHECK(t.raw[1][0].text == "r0 := y");
    CHECK(t.raw[1][0].loc == SourceLoc{6, 2});
}

TEST_CASE("Go: plain and atomic accesses lower to untagged and AT loads and stores", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var x int; var f atomic.Int32; var g int32 }\n"
                           "func P0() { x = 1; r := x; f.Store(r); s := f.Add(2); u := atomic.LoadInt32(&g) }\n"
                           "exists (0:r=1)\n");
    // An Int32's Add wraps to 32 bits: the low bits, sign-extended.
    const Expr sum = Expr::binary(EK::Add, reg("%t1"), c(2));
    const Expr wrapped = Expr::binary(
        EK::Sub, Expr::binary(EK::Xor, Expr::binary(EK::And, sum, c(0xffffffff)), c(0x80000000)), c(0x80000000));
    CHECK(kinds(t.threads[0]) ==
          std::vector<OpKind>{Store{sym("x"), c(1), {}, -1, 0}, Load{"%t0", sym("x"), {}, -1, 0},
                              Assign{"r", reg("%t0")}, Store{sym("f"), reg("r"), AT, -1, 0},
                              Load{"%t1", sym("f"), AT, 0, 0}, Store{sym("f"), wrapped, AT, 0, 0},
                              Assign{"s", wrapped},
                              Load{"%t2", sym("g"), AT, -1, 0}, Assign{"u", reg("%t2")}});
}

TEST_CASE("Go: a mutex is an exchange that must find it free, a go statement a GO write its goroutine reads",
          "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var m sync.Mutex }\nfunc P0() { m.Lock(); go P1(); m.Unlock() }\n"
                           "func P1() { }\nexists (m=0)\n");
    CHECK(kinds(t.threads[0]) ==
          std::vector<OpKind>{// Lock blocks forever if the mutex is held at the end, else takes it
                              Choice{"%t0"}, Branch{reg("%t0"), "%L0", true}, FinalLoad{"%t1", sym("m")},
                              Assume{Expr::binary(EK::Ne, reg("%t1"), c(0))}, Halt{Halt::Kind::Blocked, ""},
                              Label{"%L0"}, Load{"%t2", sym("m"), LOCK, 0, 0}, Assume{eq(reg("%t2"), c(0))},
                              Store{sym("m"), c(1), LOCK, 0, 0}, Store{sym("%go1"), c(1), GO, -1, 0},
                              // every Unlock of m releases what its goroutine holds: none panics
                              Store{sym("m"), c(0), UNLOCK, -1, 0}});
    // A goroutine some go statement starts: either it ran, or none ever does.
    CHECK(kinds(t.threads[1]) ==
          std::vector<OpKind>{Choice{"%t0"}, Branch{reg("%t0"), "%L0", true}, FinalLoad{"%t2", sym("%go1")},
                              Assume{eq(reg("%t2"), c(0))}, Halt{Halt::Kind::Unstarted, ""}, Label{"%L0"},
                              Load{"%t1", sym("%go1"), GO, -1, 0}, Assume{eq(reg("%t1"), c(1))}});
}

TEST_CASE("Go: an Unlock that may find the mutex free is a read-modify-write that panics then", "[litmus][go]") {
    // P1 unlocks what P0 locked (legal in Go): every Unlock of m checks.
    LitmusTest t = parseOk("Go T\n{ var m sync.Mutex }\nfunc P0() { m.Lock(); m.Unlock() }\n"
                           "func P1() { m.Unlock() }\nexists (m=0)\n");
    CHECK(kinds(t.threads[1]) ==
          std::vector<OpKind>{Load{"%t0", sym("m"), PROBE, 0, 0},
                              Branch{Expr::binary(EK::Ne, reg("%t0"), c(0)), "%L0", true},
                              Halt{Halt::Kind::Panic, "unlock of unlocked mutex"}, Label{"%L0"},
                              Store{sym("m"), c(0), UNLOCK, 0, 0}});
    CHECK(std::get<Load>(t.threads[0].ops[9].kind) == Load{"%t3", sym("m"), PROBE, 1, 0});
}

TEST_CASE("Go: if/else lowers to forward branches, func literals and helpers become new goroutines",
          "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var x int }\nfunc w() { x = 2 }\n"
                           "func P0() { var r int; if x == 1 { r = 1 } else { r = 2 }; go func() { x = 3 }(); go w() }\n"
                           "exists (0:r=1)\n");
    REQUIRE(t.threads.size() == 3);
    CHECK(kinds(t.threads[0]) ==
          std::vector<OpKind>{Assign{"r", c(0)}, Load{"%t0", sym("x"), {}, -1, 0},
                              Branch{Expr::unary(EK::Not, eq(reg("%t0"), c(1))), "%L0", false}, Assign{"r", c(1)},
                              Branch{c(1), "%L1", false}, Label{"%L0"}, Assign{"r", c(2)}, Label{"%L1"},
                              Store{sym("%go1"), c(1), GO, -1, 0}, Store{sym("%go2"), c(1), GO, -1, 0}});
    CHECK(t.threads[1].ops.back().kind == OpKind{Store{sym("x"), c(3), {}, -1, 0}});
    CHECK(t.threads[2].ops.back().kind == OpKind{Store{sym("x"), c(2), {}, -1, 0}});
}

TEST_CASE("Go: allocation is an Alloc per execution, fields are offsets from the pointer, nil panics",
          "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ type S struct { a, b int }; var g *S }\n"
                           "func P0() { p := &S{b: 2}; g = p; q := g; q.b = 3 }\nexists (0:q=0)\n");
    const Expr b = Expr::binary(EK::Add, reg("q"), c(4));
    CHECK(kinds(t.threads[0]) ==
          std::vector<OpKind>{Alloc{"%t0", 2, {}}, Store{Expr::binary(EK::Add, reg("%t0"), c(4)), c(2), {}, -1, 0},
                              Assign{"p", reg("%t0")}, Store{sym("g"), reg("p"), {}, -1, 0},
                              Load{"%t1", sym("g"), {}, -1, 0}, Assign{"q", reg("%t1")},
                              Branch{Expr::binary(EK::Ne, reg("q"), c(0)), "%L0", true},
                              Halt{Halt::Kind::Panic, "runtime error: invalid memory address or nil pointer dereference"},
                              Label{"%L0"}, Store{b, c(3), {}, -1, 0}});
    // A local whose address is taken is an object of its own; `*p` loads through the pointer.
    LitmusTest u = parseOk("Go T\n{ var y int }\nfunc P0() { x := 1; p := &x; r := *p }\nexists (0:r=1)\n");
    CHECK(kinds(u.threads[0]) ==
          std::vector<OpKind>{Alloc{"&x", 1, {}}, Store{reg("&x"), c(1), {}, -1, 0}, Assign{"p", reg("&x")},
                              Load{"%t0", reg("p"), {}, -1, 0}, Assign{"r", reg("%t0")}});
}

TEST_CASE("Go diagnostics: every front-end error, word for word", "[litmus][go]") {
    const std::pair<const char*, const char*> cases[] = {
        {"Go T\n{ var x int }\nfunc P0() { x = 1 }\nfunc P2() { x = 2 }\nexists (x=1)\n",
         "t.litmus:4:6: error: expected goroutine P1, found P2"},
        {"Go T\n{ var x int }\nfunc P0() { r := y }\nexists (0:r=1)\n",
         "t.litmus:3:18: error: undefined: y"},
        {"Go T\n{ }\nfunc P0() {\n\tr := 1\n\tr := 2\n}\nexists (0:r=1)\n",
         "t.litmus:5:4: error: no new variables on left side of :="},
        {"Go T\n{ }\nfunc P0() {\n\tr := 1\n\t{\n\t\tvar s, s int\n\t}\n}\nexists (0:r=1)\n",
         "t.litmus:6:10: error: s redeclared in this block"},
        {"Go T\n{ }\nfunc P0() {\n\tr := 1\n\tvar r int\n}\nexists (0:r=1)\n",
         "t.litmus:5:6: error: r redeclared in this block"},
        {"Go T\n{ }\nfunc P0() {\n\ta, a := 1, 2\n}\nexists (0:a=1)\n",
         "t.litmus:4:5: error: a repeated on left side of :="},
        {"Go T\n{ }\nfunc P0() {\n\ta, b := 1\n}\nexists (0:a=1)\n",
         "t.litmus:4:10: error: assignment mismatch: 2 variables but 1 value"},
        {"Go T\n{ var x float64 }\nfunc P0() { x = 1 }\nexists (x=1)\n",
         "t.litmus:2:9: error: unknown type 'float64'"},
        {"Go T\n{ var c = make(chan int); var x int }\nfunc P0() { select { case x == 1: } }\nexists (x=1)\n",
         "t.litmus:3:29: error: expected ':=' or '=', found '=='"},
        {"Go T\n{ var c = make(chan int) }\nfunc P0() { select { default: ; default: } }\nexists (0:r=1)\n",
         "t.litmus:3:33: error: multiple defaults in select"},
        {"Go T\n{ var c = make(chan int) }\nfunc P0() { select { x := 1 } }\nexists (0:r=1)\n",
         "t.litmus:3:22: error: expected 'case' or 'default', found 'x'"},
        {"Go T\n{ var c = make(chan int); var x int }\nfunc P0() { r := len(x) }\nexists (0:r=1)\n",
         "t.litmus:3:22: error: expected a channel, found 'x'"},
        {"Go T\n{ var m sync.Mutex }\nfunc P0() { m.RLock() }\nexists (m=1)\n",
         "t.litmus:3:15: error: sync.Mutex has no method RLock"},
        {"Go T\n{ var x int }\nfunc P0() { r := <-x }\nexists (x=1)\n",
         "t.litmus:3:20: error: expected a channel, found 'x'"},
        {"Go T\n{ var c = make(chan int, -1) }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:7: error: negative channel capacity"},
        {"Go T\n{ var c chan int }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:9: error: unsupported feature: nil channels (declare 'var c = make(chan T)')"},
        {"Go T\n{ var c = make(chan int) }\nfunc P0() { c.Close() }\nexists (0:r=1)\n",
         "t.litmus:3:13: error: 'c' is a channel: use '<-', not methods"},
        {"Go T\n{ type S struct { x int } }\nfunc P0() { p := new(T) }\nexists (0:r=1)\n",
         "t.litmus:3:22: error: unknown type 'T'"},
        {"Go T\n{ type S struct { x int } }\nfunc P0() { p := new(S); r := p.y }\nexists (0:r=1)\n",
         "t.litmus:3:33: error: type *S has no field y"},
        {"Go T\n{ type S struct { x int }; var s S }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:34: error: unsupported feature: struct values (use a pointer: *S)"},
        {"Go T\n{ type T struct { x int }; type S struct { t T } }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:46: error: unsupported feature: struct-valued fields (use a pointer: *T)"},
        {"Go T\n{ type S struct { x float64 } }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:21: error: unknown type 'float64'"},
        {"Go T\n{ type S struct { x int } }\nfunc P0() { p := new(S); r := *p }\nexists (0:r=1)\n",
         "t.litmus:3:31: error: unsupported feature: struct values (*p of type *S: use its fields, p.f)"},
        {"Go T\n{ var x int }\nfunc P0() { r := *x }\nexists (0:r=1)\n",
         "t.litmus:3:18: error: invalid indirect of a value of type int"},
        {"Go T\n{ var x int }\nfunc P0() { r := x.f }\nexists (0:r=1)\n",
         "t.litmus:3:20: error: .f of a value of type int (not a pointer to a struct)"},
        {"Go T\n{ var m sync.Mutex }\nfunc P0() { p := &m }\nexists (0:r=1)\n",
         "t.litmus:3:19: error: unsupported feature: pointers to sync.Mutex (use the variable itself)"},
        {"Go T\n{ type S struct { x int } }\nfunc P0() { p := &S{y: 1} }\nexists (0:r=1)\n",
         "t.litmus:3:21: error: unknown field 'y' in struct literal of type S"},
        {"Go T\n{ type S struct { x int } }\nfunc P0() { p := &S{1, 2} }\nexists (0:r=1)\n",
         "t.litmus:3:24: error: too many values in struct literal of type S"},
        {"Go T\n{ var x int }\nfunc P0() { p := nil }\nexists (0:r=1)\n",
         "t.litmus:3:13: error: use of untyped nil in assignment"},
        {"Go T\n{ var x int }\nfunc P0() { }\nfunc P1(a int) { }\nexists (x=1)\n",
         "t.litmus:4:6: error: goroutine P1 takes no parameters (start a helper: go f(a))"},
        {"Go T\n{ var x int }\nfunc f(a int) { x = a }\nfunc P0() { go f() }\nexists (x=1)\n",
         "t.litmus:4:16: error: f takes 1 argument, found 0"},
        {"Go T\n{ var x int }\nfunc f(a int) { x = a }\nfunc P0() { f() }\nexists (x=1)\n",
         "t.litmus:4:13: error: f takes 1 argument, found 0"},
        {"Go T\n{ var x int }\nfunc f() int { return }\nfunc P0() { f() }\nexists (x=1)\n",
         "t.litmus:3:16: error: not enough return values"},
        {"Go T\n{ var x int }\nfunc f() { return 1 }\nfunc P0() { f() }\nexists (x=1)\n",
         "t.litmus:3:12: error: too many return values"},
        {"Go T\n{ var x int }\nfunc f() int { return 1 }\nfunc P0() { a, b := f() }\nexists (x=1)\n",
         "t.litmus:4:21: error: assignment mismatch: 2 variables but f returns 1 value"},
        {"Go T\n{ var x int }\nfunc P0() { defer x }\nexists (x=1)\n",
         "t.litmus:3:13: error: unsupported feature: deferring this (defer a call: f(...), func() {...}(), "
         "mu.Unlock())"},
        {"Go T\n{ var o sync.Once }\nfunc P0() { o.Do(func() { return }) }\nexists (0:r=1)\n",
         "t.litmus:3:27: error: unsupported feature: 'return' inside once.Do"},
        {"Go T\n{ var x int }\nfunc P0() { g() }\nexists (x=1)\n",
         "t.litmus:3:13: error: expected a statement, found 'g'"},
        {"Go T\n{ var x int }\nfunc f() (int, S) { return 1 }\nfunc P0() { }\nexists (x=1)\n",
         "t.litmus:3:16: error: results of type 'S' are not supported"},
        {"Go T\n{ var x int }\nfunc f(m sync.Mutex) { }\nfunc P0() { }\nexists (x=1)\n",
         "t.litmus:3:10: error: parameters of type 'sync.Mutex' are not supported"},
        {"Go T\n{ var y int }\nfunc P0() { x := 1; p := &x; *p = 2 }\nexists (0:x=2)\n",
         "t.litmus:4:9: error: 'x' of goroutine 0 has its address taken, so it lives in memory: copy it to a "
         "local to name it here"},
        {"Go T\n{ var x int }\nfunc P0() { for i := 0; i < 2 { x = 1 } }\nexists (x=1)\n",
         "t.litmus:3:31: error: expected ';' after the loop condition, found '{'"},
        {"Go T\n{ var x int }\nfunc P0() { for x == 1 { break L } }\nexists (x=1)\n",
         "t.litmus:3:32: error: invalid break label L"},
        {"Go T\n{ var x int }\nfunc P0() { x = 1; break }\nexists (x=1)\n",
         "t.litmus:3:20: error: break is not in a loop"},
        {"Go T\n{ var x int }\nfunc P0() { for i := range 10 { } }\nexists (x=1)\n",
         "t.litmus:3:28: error: unsupported feature: range over an integer (Go 1.22; memlit reads Go 1.19)"},
        {"Go T\n{ var c = make(chan int) }\nfunc P0() { for k, v := range c { } }\nexists (0:r=1)\n",
         "t.litmus:3:18: error: unsupported feature: two variables in a range over a channel"},
        {"Go T\n{ var x int }\nfunc P0() { continue }\nexists (x=1)\n",
         "t.litmus:3:13: error: continue is not in a loop"},
        {"Go T\n{ var c = make(chan int) }\nfunc P0() { for { select { case <-c: break } } }\nexists (0:r=1)\n",
         "t.litmus:3:38: error: unsupported feature: 'break' in a select (it leaves the select, not the loop)"},
        {"Go T\nUnroll=x\n{ var x int }\nfunc P0() { x = 1 }\nexists (x=1)\n",
         "t.litmus:2:8: error: Unroll needs a whole number from 0 to 16, found 'x'"},
        {"Go T\n{ var x int }\nfunc P0() { x = 1 y = 2 }\nexists (x=1)\n",
         "t.litmus:3:19: error: expected ';' or newline after the statement, found 'y'"},
        {"Go T\n{ var m sync.Mutex }\nfunc P0() { m.Lock(1) }\nexists (m=1)\n",
         "t.litmus:3:15: error: Lock takes 0 arguments, found 1"},
        {"Go T\n{ var m sync.Mutex }\nfunc P0() { m = 1 }\nexists (m=1)\n",
         "t.litmus:3:13: error: cannot assign to 'm' of type sync.Mutex (use its methods)"},
        {"Go T\n{ var f atomic.Int32 }\nfunc P0() { f.Inc() }\nexists (f=1)\n",
         "t.litmus:3:15: error: atomic.Int32 has no method Inc"},
        {"Go T\n{ var x int }\nfunc P0() { x = 1 }\nexists (1:r=1)\n",
         "t.litmus:4:9: error: goroutine 1 does not exist (the test has 1 goroutine)"},
        {"Go T\n{ var x int }\nfunc P0() { go P0() }\nexists (x=1)\n",
         "t.litmus:3:16: error: P0 is main: no go statement may start it"},
        {"Go T\n{ var x int }\nfunc P0() { for x == 1 { go P1() } }\nfunc P1() { }\nexists (x=1)\n",
         "t.litmus:3:29: error: goroutine P1 would be started more than once (a go statement in a loop or in "
         "once.Do starts a new goroutine each time: start a helper function or a func literal)"},
        {"Go T\n{ var x int\nfunc P0() { x = 1 }\nexists (x=1)\n",
         "t.litmus:3:1: error: expected 'var' declaration, found 'func'"},
        {"Go T\n{ var x int }\nexists (x=1)\n",
         "t.litmus:3:1: error: expected at least one goroutine 'func P0() { ... }'"},
        {"Go T\n{ var x int }\nfunc P0() { x = 1 # }\nexists (x=1)\n",
         "t.litmus:3:19: error: unexpected character '#'"},
        {"Go T\n{ var x, y int = 1 }\nfunc P0() { x = 1 }\nexists (x=1)\n",
         "t.litmus:2:7: error: declares 2 variables but gives 1 values"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        CHECK(diagnose(text) == message);
    }
}
