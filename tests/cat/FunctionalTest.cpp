// herd's functional sublanguage (docs/cat.md, "Functions and sets of values"): `fun`,
// application, `let rec` functions, `match`, tuples, sets of values, `++`, `map` and
// `with x from S`, each on a four-event chain; and the memo across `with` choices.
#include "cat/Interpreter.hpp"
#include "cat/Model.hpp"
#include "cat/Resolve.hpp"
#include "engine/ConcreteDomain.hpp"
#include "tests/cat/CatTestUtil.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::engine;
using memlit::cattest::lines;
using V = std::vector<std::string>;

namespace {

/// Four events, the chain c = {0->1, 1->2, 2->3}, the set E = {0, 2}.
ConcreteExecution chain() {
    ConcreteExecution x;
    x.size = 4;
    Relation c(4);
    for (EventIndex i = 0; i + 1 < 4; ++i) c.set(i, i + 1);
    x.rels["c"] = c;
    EventSet e(4);
    e.insert(0);
    e.insert(2);
    x.sets["E"] = e;
    return x;
}

/// The failed checks' names (flags that fire count as failed too); `diags` gets the lines.
V failed(const std::string& text, V& diags) {
    Diagnostics d;
    auto m = cat::parseModel(text, "f.cat", d, /*withPrelude=*/false);
    V out;
    if (m) {
        auto v = cat::evaluateConcrete(*m, chain(), d);
        out = v.failed;
        out.insert(out.end(), v.flags.begin(), v.flags.end());
    }
    diags = lines(d);
    return out;
}

V failed(const std::string& text) {
    V diags;
    auto out = failed(text, diags);
    CHECK(diags == V{});
    return out;
}

V diagnostics(const std::string& text) {
    V diags;
    failed(text, diags);
    return diags;
}

}  // namespace

TEST_CASE("functional cat: fun, application and tuples", "[cat]") {
    CHECK(failed("let twice = fun r -> r ; r\nlet sel (a, b) = a\n"
                 "empty twice(c) \\ (c ; c) as applied\n~empty twice c as juxtaposed\n"
                 "empty sel(c, 0) \\ c as first\n~empty sel(c, 0) as tuple\n"
                 "empty (fun x -> x) 0 as lambda-head\n") == V{});
    CHECK(diagnostics("let f(a, b) = a\nacyclic f(c)\n") ==
          V{"f.cat:2:9: error: function 'f' expects 2 argument(s), got 1"});
    CHECK(diagnostics("acyclic (c, c)\n") == V{"f.cat:1:9: error: expected a relation, found a tuple"});
}

TEST_CASE("functional cat: let rec functions, mutual recursion, match on sets", "[cat]") {
    // count the events of a set two at a time, by mutual recursion: even/odd cardinality.
    const std::string defs =
        "let rec even S = match S with || {} -> c || x ++ rest -> odd(rest) end\n"
        "and odd S = match S with || {} -> 0 || x ++ rest -> even(rest) end\n"
        "let rec firsts R = match R with || {} -> {} || p ++ rest -> domain(p ++ 0) | firsts(rest) end\n";
    CHECK(failed(defs + "~empty even(E) as even-of-two\nempty odd(E) as odd-of-two\n"
                        "empty even(E | {}) \\ c as same\n"
                        "empty firsts(c) \\ domain(c) as domain-by-match\n"
                        "empty domain(c) \\ firsts(c) as domain-by-match2\n") == V{});
    CHECK(diagnostics("let x = match c with || {} -> c || {} -> c end\n") ==
          V{"f.cat:1:36: error: a second '{}' case in this 'match'",
            "f.cat:1:44: error: 'end' outside a procedure or 'if'"});
}

TEST_CASE("functional cat: set literals, ++ and map", "[cat]") {
    CHECK(failed("let one = map (fun p -> p ++ 0) c\n"
                 "let pairs = {c, c ; c}\n"
                 "let rec union S = match S with || {} -> 0 || r ++ rest -> r | union(rest) end\n"
                 "empty union(one) \\ c as map-pairs\nempty c \\ union(one) as map-pairs2\n"
                 "empty union(pairs) \\ (c | c ; c) as literal\n"
                 "let evs = map (fun e -> {e}) E\nempty union(evs) as events-as-singletons\n") ==
          V{"events-as-singletons"});   // the singletons of E are sets: `|` of sets, not relations
    CHECK(failed("let S = map (fun e -> {e}) E\nlet rec u X = match X with || {} -> {} || s ++ r -> s | u(r) end\n"
                 "empty (u(S) \\ E) | (E \\ u(S)) as same-set\n") == V{});
    // An argument is never a call: `map f (S)` is `(map f) (S)`, as herd reads lock.cat's
    // `map possible-rfe-lf (LF \ range(rfi-lf))`; over an empty set `f` is never applied.
    CHECK(failed("let f r = (E * {r}) & c\n"
                 "let rec u X = match X with || {} -> 0 || s ++ r -> s | u(r) end\n"
                 "~empty u(map f (E \\ 0)) as none-from-E\n"
                 "empty u(map f (range(c))) \\ c as within\n~empty u(map f (range(c))) as some\n"
                 "empty u(map f (E \\ E)) as empty-map\n") == V{"none-from-E"});
    CHECK(diagnostics("let x = (c, c) ++ c\nacyclic x\n") ==
          V{"f.cat:1:16: error: '++' adds to a set: cannot add a tuple to a relation"});
}

TEST_CASE("functional cat: with x from S runs the rest once per choice", "[cat]") {
    // Allowed when one choice passes: only the choice c;c;c (empty on this chain) passes.
    CHECK(failed("with x from {c, c ; c}\nempty x ; c ; c as short\n") == V{});
    CHECK(failed("with x from {c, c ; c}\nempty x ; c as shorter\n") == V{"shorter"});
    // No choice: no execution.
    CHECK(failed("with x from {}\nempty 0 as after\n") == V{"with x from"});
    // Choices over the pairs of a relation, by `map`.
    CHECK(failed("with p from map (fun q -> q ++ 0) c\nempty p ; c ; c as p-is-the-last-two\n") == V{});
}

TEST_CASE("functional cat: a memo never hands a value across with choices", "[cat]") {
    Diagnostics d;
    auto m = cat::parseModel("let A = c\nlet B = c ; c\nwith x from {A, B}\nlet y = x ; c ; c\nempty y as e\n"
                             "let z = c ; c\nempty z as static\n",
                             "m.cat", d, false);
    REQUIRE(m);
    const ConcreteExecution x = chain();
    ConcreteDomain names(x);
    REQUIRE(cat::resolve(*m, names.vocabulary(), d));
    cat::StaticMemo<ConcreteDomain> memo;   // nothing varies: everything clean may be remembered
    for (int round = 0; round < 2; ++round) {
        ConcreteDomain domain(x);
        auto results = cat::interpretWith(*m, domain, d, &memo);
        REQUIRE(results);
        REQUIRE(results->size() == 4);
        // branch 0 (x = c): c;c;c is non-empty; branch 1 (x = c;c): c;c;c;c is empty.
        CHECK((*results)[0].branch == 0);
        CHECK_FALSE((*results)[0].holds);
        CHECK((*results)[2].branch == 1);
        CHECK((*results)[2].holds);
        CHECK_FALSE((*results)[1].holds);
        CHECK_FALSE((*results)[3].holds);
    }
    CHECK(memo.hits > 0);   // the check `static` is remembered, `e` is not
}
