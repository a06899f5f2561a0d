// The Go dialect's halting lowering: where blocking, panics, cut loops and unstarted
// goroutines end in a Halt, RWMutex, select, len/cap, go statements in branches and loops,
// and the --unroll override (docs/go.md, "Blocking, panics and cut loops").

#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace memlit;
using namespace memlit::litmus;

namespace {

LitmusTest parseOk(const std::string& text, ParseOptions options = {}) {
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d, options);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    return *t;
}

std::string firstError(const std::string& text, ParseOptions options = {}) {
    Diagnostics d;
    auto t = parseLitmus(text, "t.litmus", d, options);
    CHECK_FALSE(t);
    REQUIRE_FALSE(d.all().empty());
    return Diagnostics::format(d.all()[0]);
}

/// The Halts of a thread, as "Kind what" strings in program order.
std::vector<std::string> halts(const Thread& t) {
    std::vector<std::string> out;
    for (const auto& op : t.ops)
        if (const auto* h = std::get_if<Halt>(&op.kind)) {
            const char* k = h->kind == Halt::Kind::Blocked ? "Blocked"
                            : h->kind == Halt::Kind::Panic ? "Panic"
                            : h->kind == Halt::Kind::Cut   ? "Cut"
                                                           : "Unstarted";
            out.push_back(h->what.empty() ? k : std::string(k) + " " + h->what);
        }
    return out;
}

/// The tags of the thread's loads and stores of `location`, in program order ("L:TAG" / "S:TAG").
std::vector<std::string> accesses(const Thread& t, const std::string& location) {
    std::vector<std::string> out;
    auto tags = [](const std::vector<std::string>& ts) { return ts.empty() ? std::string("-") : ts[0]; };
    for (const auto& op : t.ops) {
        if (const auto* l = std::get_if<Load>(&op.kind); l && l->addr == Expr::sym(location))
            out.push_back("L:" + tags(l->tags));
        if (const auto* s = std::get_if<Store>(&op.kind); s && s->addr == Expr::sym(location))
            out.push_back("S:" + tags(s->tags));
    }
    return out;
}

std::size_t count(const Thread& t, bool (*pred)(const OpKind&)) {
    return static_cast<std::size_t>(std::count_if(t.ops.begin(), t.ops.end(), [&](const Op& o) { return pred(o.kind); }));
}
bool isFinalLoad(const OpKind& k) { return std::holds_alternative<FinalLoad>(k); }
bool isChoice(const OpKind& k) { return std::holds_alternative<Choice>(k); }

}  // namespace

TEST_CASE("Go halts: a loop that needs more rounds halts as cut, and --unroll overrides Unroll=K",
          "[litmus][go]") {
    const std::string text = "Go T\nUnroll=1\n{ var f atomic.Int32 }\nfunc P0() { for f.Load() == 0 { } }\n"
                             "exists (f=0)\n";
    LitmusTest t = parseOk(text);
    CHECK(halts(t.threads[0]) == std::vector<std::string>{"Cut more than 1 (--unroll)"});
    CHECK(accesses(t.threads[0], "f") == std::vector<std::string>{"L:AT", "L:AT"});
    LitmusTest u = parseOk(text, ParseOptions{3, std::nullopt});
    CHECK(halts(u.threads[0]) == std::vector<std::string>{"Cut more than 3 (--unroll)"});
    CHECK(accesses(u.threads[0], "f") == std::vector<std::string>{"L:AT", "L:AT", "L:AT", "L:AT"});
    CHECK(firstError(text, ParseOptions{17, std::nullopt}) == "t.litmus: error: --unroll needs a whole number from 0 to 16");
}

TEST_CASE("Go halts: wait groups, once and channels block or panic where Go does", "[litmus][go]") {
    SECTION("WaitGroup: Done checks the counter, Wait may block") {
        LitmusTest t = parseOk("Go T\n{ var wg sync.WaitGroup }\nfunc P0() { wg.Add(1); wg.Done(); wg.Wait() }\n"
                               "exists (wg=0)\n");
        // Add(1) cannot make the counter negative; Done can.
        CHECK(halts(t.threads[0]) == std::vector<std::string>{"Panic negative WaitGroup counter", "Blocked"});
        CHECK(accesses(t.threads[0], "wg") == std::vector<std::string>{"L:WG", "S:WG", "L:WG", "S:WG", "L:WG"});
    }
    SECTION("a close may panic when two close statements name the channel; receives may block") {
        LitmusTest t = parseOk("Go T\n{ var c = make(chan int, 1) }\nfunc P0() { c <- 1; close(c) }\n"
                               "func P1() { r := <-c; close(c) }\nexists (1:r=1)\n");
        CHECK(halts(t.threads[0]) ==
              std::vector<std::string>{"Panic send on closed channel", "Blocked", "Panic send on closed channel",
                                       "Panic send on closed channel", "Panic close of closed channel"});
        CHECK(accesses(t.threads[0], "c.closed") == std::vector<std::string>{"L:PROBE", "L:PROBE", "S:CHAN"});
        CHECK(halts(t.threads[1]) == std::vector<std::string>{"Blocked", "Panic close of closed channel"});
        // The mark records whether the receive began after the close; the closed path reads the flag.
        CHECK(accesses(t.threads[1], "c.closed") == std::vector<std::string>{"L:PROBE", "L:CHAN", "L:PROBE", "S:CHAN"});
    }
    SECTION("a channel one close statement names is closed by a plain write") {
        LitmusTest t = parseOk("Go T\n{ var c = make(chan int, 1) }\nfunc P0() { c <- 1; close(c) }\n"
                               "exists (c=0)\n");
        CHECK(halts(t.threads[0]) == std::vector<std::string>{"Panic send on closed channel", "Blocked",
                                                              "Panic send on closed channel",
                                                              "Panic send on closed channel"});
        CHECK(accesses(t.threads[0], "c.closed") == std::vector<std::string>{"L:PROBE", "S:CHAN"});
    }
    SECTION("a channel nobody closes has no closed flag accesses") {
        LitmusTest t = parseOk("Go T\n{ var c = make(chan int); var x int }\nfunc P0() { c <- 1 }\n"
                               "func P1() { <-c }\nexists (x=0)\n");
        CHECK(halts(t.threads[0]) == std::vector<std::string>{"Blocked"});
        CHECK(accesses(t.threads[0], "c.closed").empty());
        CHECK(halts(t.threads[1]) == std::vector<std::string>{"Blocked"});
    }
    SECTION("once.Do: a caller that does not run f may wait forever") {
        LitmusTest t = parseOk("Go T\n{ var o sync.Once; var x int }\nfunc P0() { o.Do(func() { x = 1 }) }\n"
                               "exists (x=1)\n");
        CHECK(halts(t.threads[0]) == std::vector<std::string>{"Blocked"});
        CHECK(accesses(t.threads[0], "o") == std::vector<std::string>{"L:ONCE", "S:ONCE", "S:ONCE", "L:ONCE"});
    }
}

TEST_CASE("Go halts: RWMutex is one location, -1 for a writer, n for n readers", "[litmus][go]") {
    const std::string p0 = "func P0() { m.Lock(); m.Unlock(); m.RLock(); m.RUnlock(); a := m.TryLock(); "
                           "b := m.TryRLock() }\n";
    SECTION("unlocks of what the goroutine holds cannot panic") {
        LitmusTest t = parseOk("Go T\n{ var m sync.RWMutex }\n" + p0 + "exists (m=0)\n");
        CHECK(accesses(t.threads[0], "m") ==
              std::vector<std::string>{"L:LOCK", "S:LOCK", "S:UNLOCK", "L:RLOCK", "S:RLOCK", "L:PROBE", "S:RUNLOCK",
                                       "L:LOCK", "S:LOCK", "L:RLOCK", "S:RLOCK"});
        CHECK(halts(t.threads[0]) == std::vector<std::string>{"Blocked", "Blocked"});
        const auto& ops = t.threads[0].ops;
        auto store = std::find_if(ops.begin(), ops.end(), [](const Op& o) { return std::holds_alternative<Store>(o.kind); });
        REQUIRE(store != ops.end());
        CHECK(std::get<Store>(store->kind).value == Expr::constant(-1));
    }
    SECTION("an unlock elsewhere of what P1 does not hold makes every unlock check") {
        LitmusTest t = parseOk("Go T\n{ var m sync.RWMutex }\n" + p0 + "func P1() { m.RUnlock() }\nexists (m=0)\n");
        CHECK(accesses(t.threads[0], "m") ==
              std::vector<std::string>{"L:LOCK", "S:LOCK", "L:PROBE", "S:UNLOCK", "L:RLOCK", "S:RLOCK", "L:PROBE",
                                       "S:RUNLOCK", "L:LOCK", "S:LOCK", "L:RLOCK", "S:RLOCK"});
        CHECK(halts(t.threads[0]) == std::vector<std::string>{"Blocked", "Panic Unlock of unlocked RWMutex", "Blocked",
                                                              "Panic RUnlock of unlocked RWMutex"});
        CHECK(halts(t.threads[1]) == std::vector<std::string>{"Panic RUnlock of unlocked RWMutex"});
    }
    SECTION("held locks are tracked through branches, loops and select") {
        LitmusTest t = parseOk("Go T\n{ var m sync.Mutex; var x int; var c = make(chan int, 1) }\n"
                               "func P0() { if x == 1 { m.Lock() }; m.Unlock() }\n"
                               "func P1() { m.Lock(); for x == 0 { m.Unlock(); m.Lock() }; m.Unlock() }\n"
                               "func P2() { m.Lock(); select { case <-c: m.Unlock()\ndefault: m.Unlock() } }\n"
                               "exists (x=1)\n");
        CHECK(halts(t.threads[0]).back() == "Panic unlock of unlocked mutex");
        // Even where P1 and P2 hold m, P0 may have unlocked it for them.
        CHECK(halts(t.threads[2]).back() == "Panic unlock of unlocked mutex");
        LitmusTest u = parseOk("Go T\n{ var m sync.Mutex; var x int; var c = make(chan int, 1) }\n"
                               "func P0() { m.Lock(); for x == 0 { m.Unlock(); m.Lock() }; m.Unlock() }\n"
                               "func P1() { m.Lock(); select { case <-c: m.Unlock()\ndefault: m.Unlock() } }\n"
                               "exists (x=1)\n");
        for (const auto& th : u.threads)
            for (const auto& h : halts(th)) CHECK(h.rfind("Panic", 0) != 0);
    }
}

TEST_CASE("Go select: one choice per case, default only when no case is ready, else block", "[litmus][go]") {
    SECTION("with default: the counters and closed flag are read, no final values") {
        LitmusTest t = parseOk("Go T\n{ var c = make(chan int, 1); var d = make(chan int) }\n"
                               "func P0() { select { case v := <-c: r := v\ncase d <- 2:\ndefault: r := 3 } }\n"
                               "func P1() { close(c) }\nexists (0:r=3)\n");
        const Thread& p0 = t.threads[0];
        CHECK(count(p0, isChoice) == 3);  // two cases, and the closed path of the receive
        CHECK(count(p0, isFinalLoad) == 1);  // the receive's closed path: no send j ever
        CHECK(accesses(p0, "c.recvd") == std::vector<std::string>{"L:CHIDX", "L:CHIDX", "S:CHIDX"});
        CHECK(accesses(p0, "d.sent") == std::vector<std::string>{"L:CHIDX", "L:CHIDX", "S:CHIDX"});
        CHECK(accesses(p0, "c.closed") == std::vector<std::string>{"L:PROBE", "L:PROBE", "L:CHAN"});
        CHECK(halts(p0).empty());
        REQUIRE(t.raw[0].size() == 6);  // and the bodies' statements, default's first
        CHECK(t.raw[0][0].text == "select");
        CHECK(t.raw[0][1].text == "case v := <-c");
        CHECK(t.raw[0][2].text == "case d <- 2");
        CHECK(t.raw[0][3].text == "default");
        CHECK(t.raw[0][4].text == "r := 3");
        CHECK(t.raw[0][5].text == "r := v");
    }
    SECTION("without default: block iff no case can ever proceed") {
        LitmusTest t = parseOk("Go T\n{ var c = make(chan int); var x int }\nfunc P0() { select { case <-c: } }\n"
                               "func P1() { select {} }\nexists (x=0)\n");
        CHECK(halts(t.threads[0]) == std::vector<std::string>{"Blocked"});
        CHECK(count(t.threads[0], isFinalLoad) == 2);
        REQUIRE(t.threads[1].ops.size() == 2);  // the Halt, and the select's end label
        CHECK(t.threads[1].ops[0] == Op{Halt{Halt::Kind::Blocked, ""}, SourceLoc{4, 13}});
    }
}

TEST_CASE("Go channels: len and cap", "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var c = make(chan int, 2); var d = make(chan int) }\n"
                           "func P0() { a := len(c); b := cap(c); e := len(d) }\nexists (0:a=0)\n");
    CHECK(accesses(t.threads[0], "c.sent") == std::vector<std::string>{"L:CHIDX", "L:CHIDX"});
    CHECK(accesses(t.threads[0], "c.recvd") == std::vector<std::string>{"L:CHIDX"});
    const auto& ops = t.threads[0].ops;
    auto assigned = [&](const char* r) {
        for (const auto& op : ops)
            if (const auto* a = std::get_if<Assign>(&op.kind); a && a->dst == r) return a->value;
        return Expr::constant(-99);
    };
    CHECK(assigned("b") == Expr::constant(2));
    CHECK(assigned("e") == Expr::constant(0));
}

TEST_CASE("Go goroutines: go statements in branches and loops start numbered goroutines that may never start",
          "[litmus][go]") {
    LitmusTest t = parseOk("Go T\n{ var x int }\nfunc w() { x = 2 }\n"
                           "func P0() { if x == 0 { go P1() }; for i := 0; i < 2; i++ { go w() } }\n"
                           "func P1() { x = 1 }\nexists (x=1)\n");
    REQUIRE(t.threads.size() == 4);
    CHECK(accesses(t.threads[0], "%go1") == std::vector<std::string>{"S:GO"});
    CHECK(accesses(t.threads[0], "%go2") == std::vector<std::string>{"S:GO"});
    CHECK(accesses(t.threads[0], "%go3") == std::vector<std::string>{"S:GO"});
    for (std::size_t i = 1; i < 4; ++i) {
        CHECK(halts(t.threads[i]) == std::vector<std::string>{"Unstarted"});
        CHECK(accesses(t.threads[i], "%go" + std::to_string(i)) == std::vector<std::string>{"L:GO"});
    }
}
