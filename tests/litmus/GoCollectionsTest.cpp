// The Go dialect's arrays, slices, maps, division, labelled loops, sync.Cond, sync.Map and
// atomic.Value: what they lower to, and every diagnostic word for word.

#include "litmus/Parser.hpp"
#include "tests/litmus/ParseHelpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace memlit;
using namespace memlit::litmus;
using namespace memlit::testing;

namespace {

std::vector<std::string> panics(const Thread& th) {
    std::vector<std::string> out;
    for (const auto& h : opsOf<Halt>(th))
        if (h.kind == Halt::Kind::Panic) out.push_back(h.what);
    return out;
}

using EK = Expr::Kind;

}  // namespace

TEST_CASE("Go arrays: a global array is one location per element, a computed index an address", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var a [3]int; var k atomic.Int32 }\n"
                           "func P0() { i := k.Load(); a[i] = 5; r := a[2] }\nexists (a[1]=5)\n");
    REQUIRE(t.init.size() == 2);
    CHECK(t.init[0].place.name == "a");
    CHECK(t.init[0].cells == 3);
    CHECK(t.init[0].type == "int64_t");
    const auto stores = opsOf<Store>(t.threads[0]);
    REQUIRE(stores.size() == 1);
    // a + i * 8: the address depends on the Load of k.
    CHECK(stores[0].addr == Expr::binary(EK::Add, Expr::sym("a"),
                                         Expr::binary(EK::Mul, Expr::reg("i"), Expr::constant(8))));
    const auto loads = opsOf<Load>(t.threads[0]);
    REQUIRE(loads.size() == 2);
    CHECK(loads[1].addr == Expr::binary(EK::Add, Expr::sym("a"), Expr::constant(16)));
    CHECK(panics(t.threads[0]) == std::vector<std::string>{"runtime error: index out of range [i] with length 3"});
}

TEST_CASE("Go slices: make and literals allocate, len is the length, a constant index past it panics",
          "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ }\nfunc P0() { s := make([]int, 2); t := []int{7, 0, 9}; n := len(s) + cap(t)\n"
                           "s[n] = 1; s[2] = 1 }\nexists (0:n=5)\n");
    const auto allocs = opsOf<Alloc>(t.threads[0]);
    REQUIRE(allocs.size() == 2);
    CHECK(allocs[0].cells == 2);
    CHECK(allocs[1].cells == 3);
    CHECK(opsOf<Store>(t.threads[0]).size() == 4);  // 7 and 9 (zeros are not stored), s[n], s[2]
    CHECK(panics(t.threads[0]) == std::vector<std::string>{"runtime error: index out of range [n] with length 2",
                                                           "runtime error: index out of range [2] with length 2"});
}

TEST_CASE("Go division: a divisor that may be zero panics, truncated division", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var d int }\nfunc P0() { r := 7 / d; q := -7 % 2; r /= 3 }\nexists (0:r=1)\n");
    CHECK(panics(t.threads[0]) == std::vector<std::string>{"runtime error: integer divide by zero"});
    const auto assigns = opsOf<Assign>(t.threads[0]);
    REQUIRE(assigns.size() == 3);
    CHECK(assigns[0].value.kind == EK::Div);
    CHECK(assigns[1].value == Expr::constant(-1));   // two constants fold, truncating toward zero
    CHECK(assigns[2].value.kind == EK::Div);
}

TEST_CASE("Go maps: one race location, a write mark, and one presence and value cell per key", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var m = make(map[int]int) }\nfunc P0() { m[1] = 2; v, ok := m[3]; delete(m, 1) }\n"
                           "exists (0:v=0)\n");
    // Keys 0 .. 3: the constants named, and 0 .. Unroll.
    REQUIRE(t.init.size() == 2);
    CHECK(t.init[0].place.name == "m.has");
    CHECK(t.init[0].cells == 4);
    CHECK(t.init[1].place.name == "m.val");
    auto panicked = panics(t.threads[0]);
    CHECK(std::count(panicked.begin(), panicked.end(), "concurrent map writes") == 2);
    CHECK(std::count(panicked.begin(), panicked.end(), "concurrent map read and map write") == 1);
    const auto stores = opsOf<Store>(t.threads[0]);
    REQUIRE(stores.size() == 10);  // per write: mark 1, m, has, val, mark 0
    CHECK(stores[0].addr == Expr::sym("m.flag"));
    CHECK(stores[0].tags == std::vector<std::string>{"PROBE"});
    CHECK(stores[1].addr == Expr::sym("m"));
    CHECK(stores[1].tags.empty());
    CHECK(stores[2].addr == Expr::binary(EK::Add, Expr::sym("m.has"), Expr::constant(8)));
}

TEST_CASE("Go sync.Cond, sync.Map and atomic.Value lower to tagged counters and cells", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var mu sync.Mutex; var c = sync.NewCond(&mu); var m sync.Map; var v atomic.Value }\n"
                           "func P0() { mu.Lock(); c.Wait(); mu.Unlock(); c.Signal(); m.Store(1, 4); v.Store(3)\n"
                           "a, ok := m.Load(1); r := a.(int); s := v.Load().(int) }\nexists (0:r=4)\n");
    const auto loads = opsOf<Load>(t.threads[0]);
    auto tagged = [&](const std::string& at, const std::string& tag) {
        return std::any_of(loads.begin(), loads.end(), [&](const Load& l) {
            return l.addr == Expr::sym(at) && l.tags == std::vector<std::string>{tag};
        });
    };
    CHECK(tagged("c.wait", "CHIDX"));   // the ticket, and Signal's look at it
    CHECK(tagged("c.notify", "CHAN"));  // the waiter's read of the Signal that lets it go
    CHECK(tagged("c.notify", "CHIDX")); // Signal's read half synchronizes with nothing
    const auto stores = opsOf<Store>(t.threads[0]);
    CHECK(std::any_of(stores.begin(), stores.end(), [](const Store& s) {
        return s.addr == Expr::binary(EK::Add, Expr::sym("m"), Expr::constant(8)) && s.tags == std::vector<std::string>{"AT"};
    }));
    auto p = panics(t.threads[0]);
    CHECK(std::count(p.begin(), p.end(), "interface conversion: interface {} is nil, not int") == 2);
}

TEST_CASE("Go labelled break and continue jump to the labelled loop", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var x int }\nfunc P0() {\nouter:\n\tfor i := 0; i < 1; i++ {\n"
                           "\t\tfor j := 0; j < 1; j++ { continue outer }\n\t}\n\tx = 1\n}\nexists (x=1)\n");
    CHECK(opsOf<Store>(t.threads[0]).size() == 1);
    // A label belongs to its function: two goroutines may use one name.
    parseOk("Go T\n{ var x int }\nfunc P0() {\nL:\n\tfor x == 0 { break L }\n}\nfunc P1() {\nL:\n\tfor x == 1 { continue L }\n}\n"
            "exists (x=1)\n");
}

TEST_CASE("Go collections, maps, division, labels and sync additions: every diagnostic", "[litmus][go]") {
    const std::pair<const char*, const char*> cases[] = {
        {"Go T\n{ var x int }\nfunc P0() { r := x / 0 }\nexists (x=1)\n",
         "t.litmus:3:20: error: invalid operation: division by zero"},
        {"Go T\n{ var a [2]int }\nfunc P0() { a[2] = 1 }\nexists (a[0]=1)\n",
         "t.litmus:3:15: error: invalid argument: index 2 out of bounds [0:2]"},
        {"Go T\n{ var a [2]int }\nfunc P0() { r := a[-1] }\nexists (a[0]=1)\n",
         "t.litmus:3:20: error: invalid argument: index -1 (constant of type int) must not be negative"},
        {"Go T\n{ var x int }\nfunc P0() { r := x[0] }\nexists (x=1)\n",
         "t.litmus:3:19: error: expected ';' or newline after the statement, found '['"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([]int, x) }\nexists (x=1)\n",
         "t.litmus:3:30: error: unsupported feature: a slice length that is not a constant"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([]int, 100) }\nexists (x=1)\n",
         "t.litmus:3:30: error: unsupported feature: slices of more than 64 elements"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([]int, -1) }\nexists (x=1)\n",
         "t.litmus:3:30: error: invalid argument: index -1 (constant of type int) must not be negative"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([]int) }\nexists (x=1)\n",
         "t.litmus:3:18: error: invalid operation: make([]int) expects 2 or 3 arguments; found 1"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([]int, 1, 2, 3) }\nexists (x=1)\n",
         "t.litmus:3:18: error: invalid operation: make([]int, ...) expects 2 or 3 arguments"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([]int, 2, 1) }\nexists (x=1)\n",
         "t.litmus:3:18: error: invalid argument: length and capacity swapped"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([2]int, 2) }\nexists (x=1)\n",
         "t.litmus:3:18: error: invalid argument: cannot make [2]int; type must be slice, map, or channel"},
        {"Go T\n{ var x int }\nfunc P0() { s := make(int) }\nexists (x=1)\n",
         "t.litmus:3:18: error: unsupported feature: 'make' of anything but a slice or a map (channels are "
         "declared globals)"},
        {"Go T\n{ var x int }\nfunc P0() { s := [][]int{} }\nexists (x=1)\n",
         "t.litmus:3:20: error: unsupported feature: collections of collections"},
        {"Go T\n{ var x int }\nfunc P0() { var a [100]int }\nexists (x=1)\n",
         "t.litmus:3:19: error: unsupported feature: arrays of more than 64 elements"},
        {"Go T\n{ var a [100]int }\nfunc P0() { }\nexists (x=1)\n",
         "t.litmus:2:9: error: unsupported feature: arrays of more than 64 elements"},
        {"Go T\n{ var x int }\nfunc P0() { s := []int{0: 1} }\nexists (x=1)\n",
         "t.litmus:3:24: error: unsupported feature: keyed elements in a slice or array literal"},
        {"Go T\n{ var x int }\nfunc P0() { s := [1]int{1, 2} }\nexists (x=1)\n",
         "t.litmus:3:28: error: index 1 out of bounds [0:1]"},
        {"Go T\n{ var x int }\nfunc P0() { s := []int{1 2} }\nexists (x=1)\n",
         "t.litmus:3:26: error: expected ',' or '}', found '2'"},
        {"Go T\n{ var x int }\nfunc P0() { s := []int{1, 2}; t := s[0:1] }\nexists (x=1)\n",
         "t.litmus:3:39: error: unsupported feature: slice expressions (a[i:j])"},
        {"Go T\n{ type S struct { f int } }\nfunc P0() { s := []*S{nil}; s[0].f = 1 }\nexists (0:r=1)\n",
         "t.litmus:3:33: error: unsupported feature: a field or element of an element (copy it to a local first)"},
        {"Go T\n{ var x int }\nfunc P0() { s := make([]int, 1); s = make([]int, 2) }\nexists (x=1)\n",
         "t.litmus:3:34: error: unsupported feature: assigning to 's' a value of type []int (a slice keeps the "
         "length it was made with)"},
        {"Go T\n{ var x int }\nfunc P0() { a := [2]int{}; b := a }\nexists (x=1)\n",
         "t.litmus:3:33: error: unsupported feature: array values (copying an array: index it, or use a slice)"},
        {"Go T\n{ var x int }\nfunc P0() { s := []int{1}; s[0] = 1 2 }\nexists (x=1)\n",
         "t.litmus:3:37: error: expected ';' or newline after the statement, found '2'"},
        {"Go T\n{ var x int }\nfunc P0() { s := []int{1}; s[0] == 1 }\nexists (x=1)\n",
         "t.litmus:3:33: error: expected '=' or an assignment operator, found '=='"},
        {"Go T\n{ var x int }\nfunc P0() { for i := range x { } }\nexists (x=1)\n",
         "t.litmus:3:28: error: unsupported feature: range over an integer (Go 1.22; memlit reads Go 1.19)"},
        {"Go T\n{ var x int }\nfunc P0() { for i := range 3 { } }\nexists (x=1)\n",
         "t.litmus:3:28: error: unsupported feature: range over an integer (Go 1.22; memlit reads Go 1.19)"},
        {"Go T\n{ var m sync.Mutex }\nfunc P0() { for i := range m { } }\nexists (0:r=1)\n",
         "t.litmus:3:28: error: unsupported feature: range over a value of type sync.Mutex"},
        {"Go T\n{ var x int }\nfunc P0() { for i := range y { } }\nexists (x=1)\n",
         "t.litmus:3:28: error: undefined: y"},
        {"Go T\n{ var x int }\nfunc P0() { for i := range f() { } }\nexists (x=1)\n",
         "t.litmus:3:28: error: unsupported feature: range over anything but a channel or a named array or slice"},
        {"Go T\n{ var x int }\nfunc P0() { r := 1; for i := range r { } }\nexists (x=1)\n",
         "t.litmus:3:36: error: unsupported feature: range over a value of type int"},
        {"Go T\n{ var x int }\nfunc P0() { s := []int{1}; for a, b, c := range s { } }\nexists (x=1)\n",
         "t.litmus:3:40: error: expected ':=' or '=', found ':='"},
        {"Go T\n{ var x int }\nfunc P0() {\nL:\n\tfor { }\nL:\n\tfor { } }\nexists (x=1)\n",
         "t.litmus:6:1: error: label L already defined"},
        {"Go T\n{ var x int }\nfunc P0() {\nL:\n\tx = 1\n}\nexists (x=1)\n",
         "t.litmus:4:1: error: unsupported feature: labels on statements other than 'for'"},
        {"Go T\n{ var x int }\nfunc P0() { for x == 1 { break L } }\nexists (x=1)\n",
         "t.litmus:3:32: error: invalid break label L"},
        {"Go T\n{ var x int }\nfunc P0() {\nL:\n\tfor x == 1 { }\n\tfor x == 2 { continue L }\n}\nexists (x=1)\n",
         "t.litmus:6:24: error: invalid continue label L"},
        {"Go T\n{ var m = make(map[int]int) }\nfunc P0() { m[0] = 1; m[40] = 1 }\nexists (0:r=1)\n",
         "t.litmus:2:1: error: the map keys the program names span more than 32 values (memlit models each key "
         "from the smallest to the largest)"},
        {"Go T\n{ var m = make(map[int]string) }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:16: error: unsupported feature: maps of type map[int]string (keys and values are integers)"},
        {"Go T\n{ var m map[int]int }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:9: error: unsupported feature: nil maps (declare 'var m = make(map[int]int)')"},
        {"Go T\n{ var x int }\nfunc P0() { var m map[int]int }\nexists (x=1)\n",
         "t.litmus:3:19: error: unsupported feature: nil maps (make one: m := make(map[K]V))"},
        {"Go T\n{ var x int }\nfunc P0() { m := make(map[bool]int) }\nexists (x=1)\n",
         "t.litmus:3:23: error: unsupported feature: maps of type map[bool]int (keys and values are integers)"},
        {"Go T\n{ var m, n = make(map[int]int) }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:10: error: declare one map per 'var'"},
        {"Go T\n{ var m = make(map[int]int); var m = make(map[int]int) }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:34: error: 'm' redeclared"},
        {"Go T\n{ var x int }\nfunc P0() { delete(x, 1) }\nexists (x=1)\n",
         "t.litmus:3:20: error: 'x' is not a map"},
        {"Go T\n{ var m = make(map[int]int) }\nfunc P0() { m[1] = 1 }\nexists (m[1]=1)\n",
         "t.litmus:4:9: error: unsupported feature: a map[int]int in the condition (copy its value to a local "
         "and name that)"},
        {"Go T\n{ var m = make(map[int]int) }\nfunc P0() { m.Len() }\nexists (0:r=1)\n",
         "t.litmus:3:13: error: 'm' of type map[int]int has no methods"},
        {"Go T\n{ var x int; var c = sync.NewCond(&x) }\nfunc P0() { }\nexists (x=1)\n",
         "t.litmus:2:36: error: sync.NewCond needs the address of a sync.Mutex or sync.RWMutex declared before it"},
        {"Go T\n{ var mu sync.Mutex; var c, d = sync.NewCond(&mu) }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:29: error: declare one sync.Cond per 'var'"},
        {"Go T\n{ var c sync.Cond }\nfunc P0() { }\nexists (0:r=1)\n",
         "t.litmus:2:9: error: unsupported feature: a sync.Cond without a Locker (declare 'var c = "
         "sync.NewCond(&mu)')"},
        {"Go T\n{ var mu sync.Mutex; var c = sync.NewCond(&mu) }\nfunc P0() { c.Wake() }\nexists (0:r=1)\n",
         "t.litmus:3:15: error: sync.Cond has no method Wake"},
        {"Go T\n{ var mu sync.Mutex; var c = sync.NewCond(&mu) }\nfunc P0() { r := c.L }\nexists (0:r=1)\n",
         "t.litmus:3:20: error: unsupported feature: c.L other than in c.L.Lock() and c.L.Unlock()"},
        {"Go T\n{ var mu sync.Mutex; var c = sync.NewCond(&mu) }\nfunc P0() { c.Wait(1) }\nexists (0:r=1)\n",
         "t.litmus:3:15: error: Wait takes 0 arguments, found 1"},
        {"Go T\n{ var m sync.Map }\nfunc P0() { m.Range() }\nexists (0:r=1)\n",
         "t.litmus:3:15: error: unsupported feature: sync.Map.Range"},
        {"Go T\n{ var m sync.Map }\nfunc P0() { m.Load(1) }\nexists (0:r=1)\n",
         "t.litmus:3:15: error: assignment mismatch: Load returns 2 values"},
        {"Go T\n{ var m sync.Map }\nfunc P0() { m.Clear() }\nexists (0:r=1)\n",
         "t.litmus:3:15: error: sync.Map has no method Clear memlit knows"},
        {"Go T\n{ var m sync.Map }\nfunc P0() { m.Store() }\nexists (0:r=1)\n",
         "t.litmus:3:15: error: Store takes 2 arguments, found 0"},
        {"Go T\n{ var m sync.Map }\nfunc P0() { a, b := m.Swap(1, 2) }\nexists (0:r=1)\n",
         "t.litmus:3:23: error: unsupported feature: sync.Map.Swap with two results"},
        {"Go T\n{ var v atomic.Value }\nfunc P0() { v.Swap(1) }\nexists (0:r=1)\n",
         "t.litmus:3:15: error: unsupported feature: atomic.Value.Swap (Load and Store are)"},
        {"Go T\n{ var v atomic.Value }\nfunc P0() { r := v.Load() }\nexists (0:r=1)\n",
         "t.litmus:3:20: error: unsupported feature: an atomic.Value's Load without a type assertion "
         "(v.Load().(T), or v.Load() == nil)"},
        {"Go T\n{ var v atomic.Value }\nfunc P0() { v.Store(1) }\nexists (v=1)\n",
         "t.litmus:4:9: error: unsupported feature: a atomic.Value in the condition (copy its value to a local "
         "and name that)"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        CHECK(diagnose(text) == message);
    }
}

TEST_CASE("Go: storing nil into an atomic.Value panics", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var v atomic.Value }\nfunc P0() { r := 1; v.Store(nil) }\nexists (0:r=1)\n");
    CHECK(panics(t.threads[0]) == std::vector<std::string>{"sync/atomic: store of nil value into Value"});
}
