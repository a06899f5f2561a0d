// herd's variant conditionals (docs/cat.md, "herd's files"): `if COND then a else b`
// expressions and `if COND ... else ... end` statements over the variants set with
// --variant, `not`, `&&`, `||` and brackets; `assert`; the prelude's `emptyset`.
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

struct Outcome {
    V failed;   // names of the failed checks
    V diags;    // every diagnostic line
};

Outcome evaluate(const std::string& text, const V& variants, bool prelude = false) {
    Diagnostics d;
    auto m = cat::parseModel(text, "t.cat", d, prelude, {}, variants);
    if (!m) return {{}, lines(d)};
    auto v = cat::evaluateConcrete(*m, small(), d);
    return {v.failed, lines(d)};
}

V failed(const std::string& text, const V& variants = {}) {
    auto o = evaluate(text, variants);
    CHECK(o.diags == V{});
    return o.failed;
}

V diagnostics(const std::string& text, const V& variants = {}) {
    return evaluate(text, variants).diags;
}

}  // namespace

TEST_CASE("herd cat: 'if \"v\" then a else b' is a when the variant is set, else b", "[cat][variant]") {
    const std::string model = "let x = if \"opt\" then r else 0\nempty x as x-empty\n";
    CHECK(failed(model) == V{});
    CHECK(failed(model, {"opt"}) == V{"x-empty"});
    CHECK(failed(model, {"other"}) == V{});
    // Sets too, and the branch not taken may name what is unknown: it is never resolved.
    CHECK(failed("let s = if \"opt\" then NOSUCH else S\nempty s as s-empty\n") == V{"s-empty"});
    CHECK(failed("let s = if \"opt\" then S else NOSUCH\nempty s as s-empty\n", {"opt"}) ==
          V{"s-empty"});
}

TEST_CASE("herd cat: variant conditions combine with not, &&, || and brackets", "[cat][variant]") {
    // `~empty x` fails exactly when the condition is false (x is 0).
    auto holds = [](const std::string& cond, const V& variants) {
        const auto f = failed("let x = if " + cond + " then r else 0\n~empty x as holds\n", variants);
        return f.empty();
    };
    CHECK(holds("not \"a\"", {}));
    CHECK_FALSE(holds("not \"a\"", {"a"}));
    CHECK(holds("\"a\" && \"b\"", {"a", "b"}));
    CHECK_FALSE(holds("\"a\" && \"b\"", {"a"}));
    CHECK(holds("\"a\" || \"b\"", {"b"}));
    CHECK_FALSE(holds("\"a\" || \"b\"", {}));
    // `not` binds tightest, then `&&`, then `||`.
    CHECK(holds("not \"a\" || \"b\"", {"a", "b"}));
    CHECK_FALSE(holds("not \"a\" || \"b\"", {"a"}));
    CHECK(holds("\"a\" || \"b\" && \"c\"", {"a"}));
    CHECK_FALSE(holds("(\"a\" || \"b\") && \"c\"", {"a"}));
    CHECK(holds("not (\"a\" && \"b\")", {"a"}));
}

TEST_CASE("herd cat: malformed variant conditionals are positioned errors", "[cat][variant]") {
    CHECK(diagnostics("let x = if \"a\" r else 0\n") ==
          V{"t.cat:1:16: error: expected 'then', found 'r'"});
    CHECK(diagnostics("let x = if \"a\" then r\nacyclic x\n") ==
          V{"t.cat:2:1: error: expected 'else', found 'acyclic'"});
    CHECK(diagnostics("let x = if r then r else 0\n") ==
          V{"t.cat:1:12: error: unsupported feature: cat construct 'if' on anything but herd "
            "variant strings"});
    CHECK(diagnostics("let x = if \"a\" & \"b\" then r else 0\n") ==
          V{"t.cat:1:16: error: expected '&&', found '&'"});
    CHECK(diagnostics("let x = if (\"a\" then r else 0\n") ==
          V{"t.cat:1:17: error: expected ')', found 'then'"});
}

TEST_CASE("herd cat: an 'if' statement reads the branch its condition chooses", "[cat][variant]") {
    const std::string model = "if \"opt\" || \"alt\"\n  let v = r\n  include \"nosuch-then.cat\"\n"
                              "else\n  let v = 0\n  include \"nosuch-else.cat\"\nend\n"
                              "empty v as v-empty\n";
    // The branch not chosen is stepped over unread, so only the chosen include is missing.
    CHECK(diagnostics(model) ==
          V{"t.cat:6:3: error: cannot find included file 'nosuch-else.cat'"});
    CHECK(diagnostics(model, {"alt"}) ==
          V{"t.cat:3:3: error: cannot find included file 'nosuch-then.cat'"});
    const std::string plain = "if not \"opt\"\n  let v = r\nelse\n  let v = 0\nend\nempty v as v-empty\n";
    CHECK(failed(plain) == V{"v-empty"});
    CHECK(failed(plain, {"opt"}) == V{});
    // An `if ... then ... else` expression inside a skipped branch does not end it early.
    CHECK(failed("if \"opt\"\n  let v = if \"x\" then 0 else 0\n  empty r as skipped\nelse\n"
                 "  let w = if \"x\" then r else 0\nend\nempty w as w-empty\n") == V{});
}

TEST_CASE("herd cat: 'assert' is enforced as an axiom under its name", "[cat][variant]") {
    CHECK(failed("assert empty r as must-be-empty\nassert acyclic r\n") == V{"must-be-empty"});
    CHECK(diagnostics("assert r\n") ==
          V{"t.cat:1:8: error: expected 'acyclic', 'irreflexive' or 'empty', found 'r'"});
}

TEST_CASE("herd cat: the prelude's emptyset is the empty set", "[cat][variant]") {
    auto o = evaluate("let x = [emptyset] ; r\nempty x as x-empty\nempty emptyset as set-empty\n"
                      "~empty (S \\ emptyset) as s-left\n", {}, /*prelude=*/true);
    CHECK(o.diags == V{});
    CHECK(o.failed == V{});
}
