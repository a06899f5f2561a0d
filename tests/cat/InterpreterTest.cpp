#include "cat/Interpreter.hpp"
#include "cat/Model.hpp"
#include "engine/ConcreteDomain.hpp"
#include "tests/cat/CatTestUtil.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace memlit;
using namespace memlit::engine;
using memlit::cattest::lines;

namespace {

/// Builds a ConcreteExecution from per-event descriptions. Thread -1 is the initial state.
struct ExecBuilder {
    struct Ev { int thread; char kind; std::string loc; std::vector<std::string> tags; };
    std::vector<Ev> events;

    std::size_t add(int thread, char kind, std::string loc, std::vector<std::string> tags = {}) {
        events.push_back({thread, kind, std::move(loc), std::move(tags)});
        return events.size() - 1;
    }

    ConcreteExecution build(const std::vector<std::pair<std::size_t, std::size_t>>& rf,
                            const std::vector<std::pair<std::size_t, std::size_t>>& co,
                            const std::vector<std::pair<std::size_t, std::size_t>>& rmw = {}) {
        const std::size_t n = events.size();
        ConcreteExecution x;
        x.size = n;
        for (const char* s : {"R", "W", "M", "F", "IW"}) x.sets[s] = EventSet(n);
        for (const char* r : {"po", "rf", "co", "loc", "int", "ext", "rmw"}) x.rels[r] = Relation(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& e = events[i];
            if (e.kind == 'R') x.sets["R"].insert(i);
            if (e.kind == 'W') x.sets["W"].insert(i);
            if (e.kind != 'F') x.sets["M"].insert(i);
            if (e.kind == 'F') x.sets["F"].insert(i);
            if (e.thread < 0) x.sets["IW"].insert(i);
            for (const auto& t : e.tags) {
                x.sets.try_emplace(t, EventSet(n));
                x.sets[t].insert(i);
            }
            for (std::size_t j = 0; j < n; ++j) {
                const auto& f = events[j];
                const bool same = e.thread == f.thread && e.thread >= 0;
                if (same && i < j) x.rels["po"].set(i, j);
                if (same) x.rels["int"].set(i, j);
                else x.rels["ext"].set(i, j);
                if (!e.loc.empty() && e.loc == f.loc) x.rels["loc"].set(i, j);
            }
            x.eventNames.push_back(std::string(1, e.kind) + "[" + e.loc + "] (P" +
                                   std::to_string(e.thread) + ")");
        }
        for (auto [a, b] : rf) x.rels["rf"].set(a, b);
        for (auto [a, b] : co) x.rels["co"].set(a, b);
        for (auto [a, b] : rmw) x.rels["rmw"].set(a, b);
        return x;
    }
};

/// SB: P0: x=1; [fence]; r0=y   P1: y=1; [fence]; r1=x.
/// `zeros` picks the execution where both reads see the initial values.
ConcreteExecution sb(bool zeros, bool fences) {
    ExecBuilder b;
    const auto ix = b.add(-1, 'W', "x");
    const auto iy = b.add(-1, 'W', "y");
    const auto wx = b.add(0, 'W', "x");
    if (fences) b.add(0, 'F', "", {"MFENCE"});
    const auto ry = b.add(0, 'R', "y");
    const auto wy = b.add(1, 'W', "y");
    if (fences) b.add(1, 'F', "", {"MFENCE"});
    const auto rx = b.add(1, 'R', "x");
    if (zeros) return b.build({{iy, ry}, {ix, rx}}, {{ix, wx}, {iy, wy}});
    return b.build({{wy, ry}, {ix, rx}}, {{ix, wx}, {iy, wy}});
}

cat::Model load(const std::string& name) {
    Diagnostics d;
    auto m = cat::loadModel(name, d);
    INFO(name);
    REQUIRE(lines(d) == std::vector<std::string>{});
    REQUIRE(m);
    return *m;
}

cat::ConcreteVerdict run(const std::string& text, const ConcreteExecution& x,
                         std::vector<std::string> expectedDiags = {}) {
    Diagnostics d;
    auto m = cat::parseModel(text, "t.cat", d);
    REQUIRE(lines(d) == std::vector<std::string>{});
    REQUIRE(m);
    auto v = cat::evaluateConcrete(*m, x, d);
    CHECK(lines(d) == expectedDiags);
    return v;
}

/// A 3-event execution with r = {0->1, 1->2}.
ConcreteExecution small() {
    ConcreteExecution x;
    x.size = 3;
    Relation r(3);
    r.set(0, 1);
    r.set(1, 2);
    x.rels["r"] = r;   // an extra base relation the domain knows
    x.rels["po"] = r;
    EventSet s(3);
    s.insert(0);
    x.sets["S"] = s;
    return x;
}

}  // namespace

TEST_CASE("Interpreter: SB with both reads of 0 is forbidden by SC", "[models]") {
    auto v = cat::evaluateConcrete(load("sc"), sb(true, false), *std::make_unique<Diagnostics>());
    CHECK_FALSE(v.consistent);
    CHECK(v.failed == std::vector<std::string>{"sc"});
    REQUIRE(v.cycle);
    CHECK(v.cycle->size() == 4);
}

TEST_CASE("Interpreter: SB with a read of 1 is allowed by SC", "[models]") {
    Diagnostics d;
    auto v = cat::evaluateConcrete(load("sc"), sb(false, false), d);
    CHECK(lines(d).empty());
    CHECK(v.consistent);
    CHECK(v.failed.empty());
    CHECK_FALSE(v.cycle);
}

TEST_CASE("Interpreter: SB with both reads of 0 is allowed by TSO, not with mfences",
          "[models]") {
    Diagnostics d;
    const auto tso = load("tso");
    auto plain = cat::evaluateConcrete(tso, sb(true, false), d);
    CHECK(plain.consistent);
    auto fenced = cat::evaluateConcrete(tso, sb(true, true), d);
    CHECK_FALSE(fenced.consistent);
    CHECK(fenced.failed == std::vector<std::string>{"tso"});
    REQUIRE(fenced.cycle);
    CHECK(fenced.cycle->size() == 4);
    auto other = cat::evaluateConcrete(tso, sb(false, true), d);
    CHECK(other.consistent);
    CHECK(lines(d).empty());
}

TEST_CASE("Interpreter: TSO keeps W->R order around locked instructions", "[models]") {
    // SB where each thread's read is the read of an XCHG (tagged X).
    ExecBuilder b;
    const auto ix = b.add(-1, 'W', "x");
    const auto iy = b.add(-1, 'W', "y");
    const auto wx = b.add(0, 'W', "x");
    const auto ry = b.add(0, 'R', "y", {"X"});
    const auto wy2 = b.add(0, 'W', "y", {"X"});
    const auto wy = b.add(1, 'W', "y");
    const auto rx = b.add(1, 'R', "x", {"X"});
    const auto wx2 = b.add(1, 'W', "x", {"X"});
    // both locked reads see 0; co: init first, then the RMW writes, then the plain writes
    auto x = b.build({{iy, ry}, {ix, rx}}, {{ix, wx2}, {wx2, wx}, {ix, wx}, {iy, wy2}, {wy2, wy},
                                            {iy, wy}},
                     {{ry, wy2}, {rx, wx2}});
    Diagnostics d;
    auto v = cat::evaluateConcrete(load("tso"), x, d);
    CHECK(lines(d).empty());
    CHECK_FALSE(v.consistent);
}

TEST_CASE("Interpreter: atomicity rejects a foreign write inside an RMW", "[models]") {
    ExecBuilder b;
    const auto ix = b.add(-1, 'W', "x");
    const auto r = b.add(0, 'R', "x", {"X"});
    const auto w = b.add(0, 'W', "x", {"X"});
    const auto other = b.add(1, 'W', "x");
    auto x = b.build({{ix, r}}, {{ix, other}, {other, w}, {ix, w}}, {{r, w}});
    Diagnostics d;
    auto sc = cat::evaluateConcrete(load("sc"), x, d);
    CHECK(sc.failed == std::vector<std::string>{"atomic"});
    auto tso = cat::evaluateConcrete(load("tso"), x, d);
    CHECK(tso.failed == std::vector<std::string>{"atomic"});
    CHECK(lines(d).empty());
}

TEST_CASE("Interpreter: let rec computes the least fixed point", "[models]") {
    auto v = run("let rec t = r | (t ; r)\n"
                 "empty t \\ r^+ as sub\nempty r^+ \\ t as sup\n"
                 "let rec a = r | (b ; r) and b = a\n"
                 "empty a \\ r^+ as a-sub\nempty r^+ \\ b as b-sup\n"
                 "let rec s = S | range([s] ; r)\nempty (S | range(r)) \\ s as reach\n",
                 small());
    CHECK(v.consistent);
    CHECK(v.failed.empty());
}

TEST_CASE("Interpreter: a let rec binding sees the values of the bindings before it in the same round", "[models]") {
    // lock unlock lock unlock on one thread: matching innermost pairs by subtracting what
    // is still open is not monotone; herd evaluates the bindings in order, each with the
    // values its predecessors just got, which pairs the two sections and not the outer span.
    ExecBuilder b;
    for (const char* t : {"L", "U", "L", "U"}) b.add(0, 'F', "", {t});
    auto v = run("let rec ol = L \\ domain(m) and ou = U \\ range(m) and o = ol | ou\n"
                 "  and opo = [o] ; po ; [o] and m = m | (([ol] ; po ; [ou]) \\ (opo ; opo))\n"
                 "flag ~empty m & (po ; [L] ; po) as outer\n"
                 "flag ~empty m as matched\n"
                 "flag ~empty L \\ domain(m) as unmatched\n",
                 b.build({}, {}));
    CHECK(v.flags == std::vector<std::string>{"matched"});
}

TEST_CASE("Interpreter: let rec ... in over values is the same fixed point as the statement", "[models]") {
    // The nested-sections matching of the test above, as an expression (herd's bells write it
    // so): the same pairs; the group's names are not visible after the `in`.
    ExecBuilder b;
    for (const char* t : {"L", "U", "L", "U"}) b.add(0, 'F', "", {t});
    const std::string group = "ol = L \\ domain(m) and ou = U \\ range(m) and o = ol | ou\n"
                              "  and opo = [o] ; po ; [o] and m = m | (([ol] ; po ; [ou]) \\ (opo ; opo))\n";
    auto v = run("let m2 = let rec " + group + " in m\n" + "let rec " + group +
                     "flag ~empty m & (po ; [L] ; po) as outer\n"
                     "flag ~empty m as matched\n"
                     "flag ~empty (m \\ m2) | (m2 \\ m) as differ\n"
                     "let f(S) = let rec s = S | range([s] ; po) and t = s in t\n"
                     "flag ~empty f(L) \\ (L | range([L] ; po)) as f-over\n"
                     "flag ~empty (L | range([L] ; po)) \\ f(L) as f-under\n"
                     "flag ~empty f(U) & L as f-arg\n",
                 b.build({}, {}));
    CHECK(v.flags == std::vector<std::string>{"matched", "f-arg"});
}

TEST_CASE("Interpreter: functions, builtins and procedures", "[models]") {
    auto v = run("let f(x, y) = x ; y\n"
                 "let g() = r\n"
                 "empty f(r, r) \\ (r ; r) as f1\n"
                 "~empty f(r, r) as f2\n"
                 "empty g() \\ r as g1\n"
                 "empty domain(r) \\ (_ \\ range([S] ; r) \\ {}) as dom\n"
                 "empty fencerel(S) as fr1\n"
                 "procedure p(x, name) =\n  let y = x\n  acyclic y as inner\nend\n"
                 "call p(r | r^-1, po)\n"
                 "call p(r, po)\n",
                 small());
    CHECK(v.failed == std::vector<std::string>{"dom", "inner"});
    CHECK_FALSE(v.consistent);
}

TEST_CASE("Interpreter: flags fire when they hold and are not axioms", "[models]") {
    auto v = run("flag ~empty r as has-r\nflag empty r as no-r\nflag ~acyclic r\n", small());
    CHECK(v.consistent);
    CHECK(v.flags == std::vector<std::string>{"has-r"});
}

TEST_CASE("Interpreter: negated checks, irreflexive and cycles", "[models]") {
    auto v = run("~acyclic r as cyc\nirreflexive r ; r^-1 as irr\nacyclic r | r^-1 as acy\n",
                 small());
    CHECK(v.failed == std::vector<std::string>{"cyc", "irr", "acy"});
    REQUIRE(v.cycle);
    CHECK(v.cycle->size() == 1);   // irr: a reflexive event
}

TEST_CASE("Interpreter: a declared tag no event carries is the empty set; an undeclared one is an error",
          "[models]") {
    // DMB.ISH and MFENCE are tags some architecture declares; small() has neither.
    auto v = run("empty [DMB.ISH] ; po as t2\nempty MFENCE as t5\n"
                 "~empty S as t3\nempty R | W | IW | FW as t4\n",
                 small());
    CHECK(v.consistent);
    // Before load-time resolution any upper-case name was silently empty.
    auto bad = run("empty NOSUCHTAG as t1\n", small(),
                   {"t.cat:1:7: error: unknown name 'NOSUCHTAG'"});
    CHECK_FALSE(bad.consistent);
}

TEST_CASE("Interpreter: model errors are positioned diagnostics", "[models]") {
    using V = std::vector<std::string>;
    auto x = small();
    CHECK(run("let a = r\nacyclic a | nosuch", x, V{"t.cat:2:13: error: unknown name 'nosuch'"})
              .consistent == false);
    run("acyclic nosuch", x, V{"t.cat:1:9: error: unknown name 'nosuch'"});
    run("acyclic S", x, V{"t.cat:1:9: error: expected a relation, found a set"});
    run("let x = S * r", x, V{});   // never used: lets are lazy
    run("let x = S * r\nempty x", x, V{"t.cat:1:13: error: expected a set, found a relation"});
    run("acyclic r | S", x,
        V{"t.cat:1:11: error: operands of '|' must be both sets or both relations, found a "
          "relation and a set"});
    run("acyclic S ; r", x, V{"t.cat:1:9: error: expected a relation, found a set"});
    run("acyclic [r]", x, V{"t.cat:1:10: error: expected a set, found a relation"});
    run("acyclic r^+ | S^-1", x, V{"t.cat:1:15: error: expected a relation, found a set"});
    run("acyclic nofun(r)", x, V{"t.cat:1:9: error: unknown function 'nofun'"});
    run("acyclic r(r)", x, V{"t.cat:1:9: error: 'r' is not a function"});
    run("let f(a) = a\nacyclic f(r, r)", x,
        V{"t.cat:2:9: error: function 'f' expects 1 argument(s), got 2"});
    run("let f(a) = a\nacyclic f", x,
        V{"t.cat:2:9: error: expected a relation, found a function"});
    run("acyclic domain(r, r)", x, V{"t.cat:1:9: error: 'domain' expects 1 argument, got 2"});
    run("call nop(r)", x, V{"t.cat:1:1: error: unknown procedure 'nop'"});
    run("let q = r\ncall q(r)", x, V{"t.cat:2:1: error: 'q' is not a procedure"});
    run("procedure p(a) = acyclic a end\ncall p()", x,
        V{"t.cat:2:1: error: procedure 'p' expects 1 argument(s), got 0"});
    run("procedure p() = call p() end\ncall p()", x,
        V{"t.cat:1:17: error: unknown procedure 'p'"});
    run("let bad = nosuch\nacyclic bad\nacyclic bad | r", x,
        V{"t.cat:1:11: error: unknown name 'nosuch'"});   // reported once
}

TEST_CASE("Interpreter: errors inside included files name that file", "[models]") {
    cattest::TempDir dir;
    const std::string lib = dir.write("lib.cat", "let f(x) = x ; nosuch\n");
    const std::string top = dir.write("top.cat", "include \"lib.cat\"\nacyclic f(po)\n");
    Diagnostics d;
    auto m = cat::loadModel(top, d);
    REQUIRE(m);
    auto x = small();
    cat::evaluateConcrete(*m, x, d);
    CHECK(lines(d) == std::vector<std::string>{lib + ":1:16: error: unknown name 'nosuch'"});
}

TEST_CASE("Interpreter: the generic interpret returns checks in order", "[models]") {
    Diagnostics d;
    auto m = cat::parseModel("acyclic r as a\nflag ~empty r as b\nempty S as c\n", "t.cat", d);
    REQUIRE(m);
    auto x = small();
    ConcreteDomain dom(x);
    auto results = cat::interpret(*m, dom, d);
    REQUIRE(results);
    REQUIRE(results->size() == 3);
    CHECK((*results)[0].name == "a");
    CHECK((*results)[0].holds);
    CHECK((*results)[0].rel == x.rels["r"]);
    CHECK((*results)[0].loc == SourceLoc{1, 1});
    CHECK((*results)[0].file == "t.cat");
    CHECK((*results)[1].isFlag);
    CHECK((*results)[1].negated);
    CHECK((*results)[1].holds);
    CHECK_FALSE((*results)[2].holds);
    CHECK_FALSE((*results)[2].rel);
}

TEST_CASE("Bundled models: every .cat file loads without diagnostics", "[models]") {
    const std::string dir = std::string(MEMLIT_SOURCE_DIR) + "/models";
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".cat") continue;
        ++count;
        DYNAMIC_SECTION(entry.path().filename().string()) {
            Diagnostics d;
            auto m = cat::loadModel(entry.path().string(), d);
            CHECK(lines(d) == std::vector<std::string>{});
            REQUIRE(m);
            // and it evaluates on an empty execution without errors
            ConcreteExecution empty;
            auto v = cat::evaluateConcrete(*m, empty, d);
            CHECK(lines(d) == std::vector<std::string>{});
            CHECK(v.consistent);
        }
    }
    CHECK(count >= 3);
    const auto names = cat::bundledModelNames();
    CHECK(std::find(names.begin(), names.end(), "sc") != names.end());
    CHECK(std::find(names.begin(), names.end(), "tso") != names.end());
}
