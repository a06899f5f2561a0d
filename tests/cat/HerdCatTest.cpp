// herd's cat constructs beyond the core language (docs/cat.md, "herd's files"): each parsed
// and evaluated on a three-event execution.
#include "cat/Interpreter.hpp"
#include "cat/Model.hpp"
#include "engine/ConcreteDomain.hpp"
#include "tests/cat/CatTestUtil.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::engine;
using memlit::cattest::lines;
using V = std::vector<std::string>;

namespace {

/// Three events with r = po = {0->1, 1->2} and the set S = {0}.
ConcreteExecution small() {
    ConcreteExecution x;
    x.size = 3;
    Relation r(3);
    r.set(0, 1);
    r.set(1, 2);
    x.rels["r"] = r;
    x.rels["po"] = r;
    EventSet s(3);
    s.insert(0);
    x.sets["S"] = s;
    return x;
}

/// Parses without the prelude, evaluates on small(), and returns the failed checks' names;
/// `diags` receives every diagnostic line.
V failedChecks(const std::string& text, V& diags) {
    Diagnostics d;
    auto m = cat::parseModel(text, "t.cat", d, /*withPrelude=*/false);
    if (!m) {
        diags = lines(d);
        return {};
    }
    auto v = cat::evaluateConcrete(*m, small(), d);
    diags = lines(d);
    return v.failed;
}

V failedChecks(const std::string& text) {
    V diags;
    auto failed = failedChecks(text, diags);
    CHECK(diags == V{});
    return failed;
}

V diagnostics(const std::string& text) {
    V diags;
    failedChecks(text, diags);
    return diags;
}

}  // namespace

TEST_CASE("herd cat: '#' starts a comment that runs to the end of the line", "[cat]") {
    CHECK(failedChecks("#heading\nempty r # trailing words ~empty r\n~empty r as kept\n") ==
          V{"r"});
}

TEST_CASE("herd cat: '//' starts a comment that runs to the end of the line", "[cat]") {
    CHECK(failedChecks("// SPDX-License-Identifier: GPL-2.0+\nempty r // ~empty r\n~empty r as kept\n") ==
          V{"r"});
}

TEST_CASE("herd cat: a leading line of bare words, or words and a string, names the model",
          "[cat]") {
    Diagnostics d;
    auto bare = cat::parseModel("X86 TSO\nacyclic po\n", "t.cat", d, false);
    REQUIRE(bare);
    CHECK(bare->name == "X86 TSO");
    CHECK(bare->statements.size() == 1);
    auto both = cat::parseModel("RISCV \"Risc V\"\nacyclic po\n", "t.cat", d, false);
    REQUIRE(both);
    CHECK(both->name == "Risc V");
    auto option = cat::parseModel("(* header *)\ncatdep\nacyclic po\n", "t.cat", d, false);
    REQUIRE(option);
    CHECK(option->statements.size() == 1);
    CHECK(lines(d) == V{});
}

TEST_CASE("herd cat: 'try e with alt' is e when all its names are known, else alt", "[cat]") {
    CHECK(failedChecks("let a = try NOSUCH with r\nlet b = try r with NOSUCH\n"
                       "let c = try (try NOSUCH with NOSUCH2) with po\n"
                       "empty (a | b | c) \\ r as same\n~empty a as a-is-r\n") == V{});
    CHECK(diagnostics("let a = try NOSUCH with ALSO\n") ==
          V{"t.cat:1:25: error: unknown name 'ALSO'"});
    // `r po` is an application (herd's juxtaposition), so `with` is missing at the end.
    CHECK(diagnostics("let a = try r po\n") ==
          V{"t.cat:2:1: error: expected 'with' after 'try', found end of file"});
}

TEST_CASE("herd cat: 'let ... in' binds names for its body only", "[cat]") {
    CHECK(failedChecks("let y = 0\n"
                       "let x = let y = r and z = po in y ; z\n"
                       "let x2 = let y = r and z = y in z\n"
                       "empty y as outer-y\n~empty x as inner-y\n"
                       "empty x \\ (r ; r) as both-r\nempty x2 as and-sees-outer\n") == V{});
    CHECK(diagnostics("let x = let w = r in w\nacyclic w\n") ==
          V{"t.cat:2:9: error: unknown name 'w'"});
    CHECK(failedChecks("let x = let f(a) = a ; a in f(r)\nempty x \\ (r ; r) as applied\n") == V{});
    CHECK(diagnostics("let x = let y = r\ny\n") ==
          V{"t.cat:2:1: error: expected 'in' or 'and', found 'y'"});
}

TEST_CASE("herd cat: 'if \"variant\"' reads only the else branch, since memlit sets no variant",
          "[cat]") {
    CHECK(failedChecks("if \"opt\" && \"other\"\n  include \"nosuch.cat\"\n  empty r as then\n"
                       "else\n  let v = r\nend\n~empty v as else-branch\n") == V{});
    CHECK(failedChecks("if \"opt\"\n  empty r as then\nend\nacyclic r as after\n") == V{});
    CHECK(diagnostics("if r\n") ==
          V{"t.cat:1:4: error: unsupported feature: cat construct 'if' on anything but herd "
            "variant strings"});
    CHECK(diagnostics("if \"opt\"\n  empty r\n") ==
          V{"t.cat:3:1: error: expected 'end' closing the 'if', found end of file"});
}

TEST_CASE("herd cat: 'with co from e' is the engine's own choice of co; other names are declined",
          "[cat]") {
    CHECK(failedChecks("with co from generate_cos(anything unknown)\nempty r as after\n") ==
          V{"after"});
    CHECK(diagnostics("with x from S\n") == V{"t.cat:1:13: error: unknown name 'S'"});
}

TEST_CASE("herd cat: bodies computing on sets of sets load, and using one is unsupported",
          "[cat]") {
    const std::string defs = "let f(s) = match s with\n  || {} -> 0\n  || e ++ s -> s\n  end\n"
                             "let g = fun x -> x\nlet h(s) = partition s\n";
    CHECK(failedChecks(defs + "empty r as unused\n") == V{"unused"});
    CHECK(diagnostics(defs + "acyclic f(r)\n") == V{});   // match and fun are evaluated now
    CHECK(diagnostics(defs + "acyclic g\n") == V{"t.cat:7:9: error: expected a relation, found a function"});
    CHECK(diagnostics(defs + "acyclic h(r)\n") ==
          V{"t.cat:6:12: error: unsupported feature: cat construct herd's set-of-sets function "
            "'partition'"});
}

TEST_CASE("herd cat: 'let f x = e' is a function of one parameter", "[cat]") {
    CHECK(failedChecks("let udr x = domain(x) | range(x)\n"
                       "empty udr(r) \\ _ as sub\n~empty (udr(r) \\ S) as more\n") == V{});
}
