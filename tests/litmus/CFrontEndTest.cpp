// The C front end (litmus/c/): comments, parameters, lowering to IR with the memory-order and
// kernel tags, and every diagnostic for malformed input, word for word.

#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace memlit;
using namespace memlit::litmus;

namespace {

std::string diagnose(const std::string& text) {
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d);
    CHECK_FALSE(t);
    REQUIRE(d.all().size() >= 1);
    return Diagnostics::format(d.all()[0]);
}

LitmusTest parseOk(const std::string& text) {
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    return *t;
}

template <class T>
std::vector<T> opsOf(const Thread& th) {
    std::vector<T> out;
    for (const auto& op : th.ops)
        if (const auto* x = std::get_if<T>(&op.kind)) out.push_back(*x);
    return out;
}

}  // namespace

TEST_CASE("C: a kernel test with (* *) comments outside and READ_ONCE(*x) inside", "[litmus][c]") {
    auto t = parseOk(
        "C MP\n(*\n * Result: Never\n *)\n{ int *p = &x; 0:r9 = 2; }\n"
        "P0(int *x, int *y) {\n\tWRITE_ONCE(*x, 1); /* data */\n\tsmp_store_release(y, 1); // flag\n}\n"
        "P1(int *x, int *y) {\n\tint r0 = smp_load_acquire(y);\n\tint r1 = READ_ONCE(*x);\n}\n"
        "exists (1:r0=1 /\\ 1:r1=0) (* trailing *)\n");
    REQUIRE(t.threads.size() == 2);
    auto stores = opsOf<Store>(t.threads[0]);
    REQUIRE(stores.size() == 2);
    CHECK(stores[0].tags == std::vector<std::string>{"Once"});
    CHECK(stores[1].tags == std::vector<std::string>{"Release"});
    CHECK(stores[1].addr == Expr::sym("y"));
    auto loads = opsOf<Load>(t.threads[1]);
    REQUIRE(loads.size() == 2);
    CHECK(loads[0].tags == std::vector<std::string>{"Acquire"});
    CHECK(loads[1].addr == Expr::sym("x"));
    CHECK(t.condition.text == "exists (1:r0=1 /\\ 1:r1=0)");
    CHECK(t.raw[0].size() == 2);
}

TEST_CASE("C: the kernel's ATOMIC_INIT(n) in the init block is the value n", "[litmus][c]") {
    auto t = parseOk("C A\n{\n  atomic_t z = ATOMIC_INIT(3);\n}\nP0(atomic_t *z) {\n\tatomic_inc(z);\n}\nexists (z=4)\n");
    auto it = std::find_if(t.init.begin(), t.init.end(), [](const auto& e) { return e.place.name == "z"; });
    REQUIRE(it != t.init.end());
    CHECK(it->value == Value::number(3));
}

TEST_CASE("C: both halves of a kernel RMW that writes carry RMW, a failed cmpxchg's read does not", "[litmus][c]") {
    // herd's RMW set, which the stock linux-kernel.cat's `mb` names (docs/c.md).
    auto t = parseOk("C R\n{}\nP0(int *x, atomic_t *v) {\n\tint r0 = xchg_acquire(x, 1);\n\tatomic_inc(v);\n"
                     "\tint r1 = cmpxchg_relaxed(x, 1, 2);\n}\nexists (0:r0=0)\n");
    using Tags = std::vector<std::string>;
    std::vector<Tags> loads, stores;
    for (const auto& l : opsOf<Load>(t.threads[0])) loads.push_back(l.tags);
    for (const auto& st : opsOf<Store>(t.threads[0])) stores.push_back(st.tags);
    CHECK(loads == std::vector<Tags>{{"Acquire", "RMW"}, {"Once", "RMW", "Noreturn"}, {"Once", "RMW"}, {"Once"}});
    CHECK(stores == std::vector<Tags>{{"Once", "RMW"}, {"Once", "RMW"}, {"Once", "RMW"}});
}

TEST_CASE("C: SRCU calls read their srcu_struct, tagged by kind", "[litmus][c]") {
    auto t = parseOk(
        "C S\n{}\nP0(int *x, struct srcu_struct *s) {\n\tint r0 = srcu_read_lock(s);\n"
        "\tsrcu_read_unlock(s, r0);\n\tsynchronize_srcu(s);\n}\nexists (x=0)\n");
    auto loads = opsOf<Load>(t.threads[0]);
    REQUIRE(loads.size() == 3);
    CHECK(loads[0].addr == Expr::sym("s"));
    CHECK(loads[2].addr == Expr::sym("s"));
    // The unlock's address depends on the index: `s + 0 * r0`.
    REQUIRE(loads[1].addr.kind == Expr::Kind::Add);
    CHECK(loads[1].addr.args[0] == Expr::sym("s"));
    CHECK(loads[0].tags == std::vector<std::string>{"Srcu-lock"});
    CHECK(loads[1].tags == std::vector<std::string>{"Srcu-unlock"});
    CHECK(loads[2].tags == std::vector<std::string>{"Sync-srcu"});
    CHECK(opsOf<Store>(t.threads[0]).empty());
}

TEST_CASE("C: C11 calls carry their memory orders; a CAS is a choice of two paths", "[litmus][c]") {
    auto t = parseOk(
        "C T\n{ [x] = 0; }\nP0(atomic_int *x, int *e) {\n"
        "  atomic_store_explicit(x, 1, memory_order_release);\n"
        "  int r = atomic_fetch_add(x, 2);\n"
        "  int ok = atomic_compare_exchange_weak_explicit(x, e, 3, memory_order_acq_rel, memory_order_acquire);\n"
        "  atomic_thread_fence(memory_order_seq_cst);\n}\nexists (0:r=1)\n");
    const auto& th = t.threads[0];
    auto stores = opsOf<Store>(th);
    CHECK(stores[0].tags == std::vector<std::string>{"REL", "A"});
    CHECK(stores[1].tags == std::vector<std::string>{"SC", "A"});
    CHECK(stores[1].rmwId >= 0);
    CHECK(opsOf<Choice>(th).size() == 1);
    auto fences = opsOf<Fence>(th);
    REQUIRE(fences.size() == 1);
    CHECK(fences[0].tags == std::vector<std::string>{"SC"});
    auto loads = opsOf<Load>(th);
    CHECK(std::any_of(loads.begin(), loads.end(), [](const Load& l) { return l.tags == std::vector<std::string>{"ACQ", "A"}; }));
}

TEST_CASE("C: loops unroll Unroll=K rounds and cut the rest", "[litmus][c]") {
    auto t = parseOk("C T\nUnroll=1\n{}\nP0(int *x) {\n  int i = 0;\n  while (i < 3) { i++; }\n}\nexists (0:i=1)\n");
    auto halts = opsOf<Halt>(t.threads[0]);
    REQUIRE(halts.size() == 1);
    CHECK(halts[0].kind == Halt::Kind::Cut);
}

TEST_CASE("C: herd's regions line before the condition is skipped", "[litmus][c]") {
    auto t = parseOk("C T\n{ int x = 0 }\nP0(int *x) {\n  *x = 1;\n}\n\nregions: x:PROP\n\nforall ( x = 1 )\n");
    CHECK(t.condition.text == "forall ([x]=1)");
}

TEST_CASE("C: malformed input gets a positioned diagnostic", "[litmus][c]") {
    const std::pair<const char*, const char*> cases[] = {
        {"C T\n{}\nP0(int *x) {\n  *x = 1\n}\nexists (x=1)\n", "t.litmus:5:1: error: expected ';', found '}'"},
        {"C T\n{}\nP1(int *x) {\n  *x = 1;\n}\nexists (x=1)\n", "t.litmus:3:1: error: expected thread P0, found P1"},
        {"C T\n{}\nP0(int *x) {\n  r = *y;\n}\nexists (x=1)\n", "t.litmus:4:8: error: undefined: y"},
        {"C T\n{}\nP0(int *x) {\n  foo(x);\n}\nexists (x=1)\n",
         "t.litmus:4:3: error: unsupported feature: function 'foo'"},
        {"C T\n{}\nP0(int *x) {\n  atomic_load_explicit(x, memory_order_fast);\n}\nexists (x=1)\n",
         "t.litmus:4:27: error: expected a memory order (memory_order_relaxed, ..._seq_cst), found 'memory_order_fast'"},
        {"C T\n{}\nP0(int *x) {\n  WRITE_ONCE(x, 1);\n}\nexists (x=1)\n",
         "t.litmus:4:14: error: unsupported feature: assigning to parameter 'x' (write '*x')"},
        {"C T\n{}\nP0(int *x) {\n  /* open\n}\nexists (x=1)\n", "t.litmus:4:3: error: unterminated comment"},
        {"C T\n{}\nP0(int *x) {\n  *x = 1;\n", "t.litmus:3:1: error: unterminated body of thread P0"},
        {"C T\n{}\nP0(x) {\n  *x = 1;\n}\nexists (x=1)\n", "t.litmus:3:4: error: parameter 'x' has no type"},
        {"C T\n{}\nP0(int *x) {\n  break;\n}\nexists (x=1)\n", "t.litmus:4:3: error: 'break' outside a loop"},
        {"C T\n{}\nP0(int *x) {\n  smp_mb(1);\n}\nexists (x=1)\n", "t.litmus:4:3: error: smp_mb takes 0 arguments, found 1"},
        {"C T\n{}\nP0(int *x) {\n  *x = 1;\n}\nexists (3:r0=1)\n",
         "t.litmus:6:9: error: thread 3 does not exist (the test has 1 thread)"},
        {"C T\n{ atomic_t z = ATOMIC_INIT(3 ; }\nP0(int *x) {\n  *x = 1;\n}\nexists (x=1)\n",
         "t.litmus:2:30: error: expected ')' after ATOMIC_INIT's value, found ';'"},
        {"C T\n{}\nP0(struct srcu_struct *s) {\n  srcu_read_unlock(s);\n}\nexists (s=0)\n",
         "t.litmus:4:3: error: srcu_read_unlock takes 2 arguments, found 1"},
        {"C T\n{}\nexists (x=1)\n", "t.litmus:3:1: error: expected at least one thread 'P0(...) { ... }'"},
    };
    for (const auto& [text, want] : cases) {
        INFO(text);
        CHECK(diagnose(text) == want);
    }
}

#include "litmus/ResultComment.hpp"

TEST_CASE("resultComment reads the kernel's Result: comment", "[litmus][c]") {
    CHECK(resultComment("C T\n(*\n * Result: Never\n *)\n") == std::optional<std::string>("Never"));
    CHECK(resultComment("(* Result:\tSometimes DATARACE *)") == std::optional<std::string>("Sometimes"));
    CHECK_FALSE(resultComment("(* Result: DEADLOCK *)"));
    CHECK_FALSE(resultComment("C T\n{}\n"));
}
