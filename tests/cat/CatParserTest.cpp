#include "cat/Model.hpp"
#include "tests/cat/CatTestUtil.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::cat;
using memlit::cattest::lines;
using Op = Expr::Op;

namespace {

std::optional<Model> parse(const std::string& text, Diagnostics& d) {
    return parseModel(text, "t.cat", d, /*withPrelude=*/false);
}

/// The expression of the first check, or of the first let binding.
const Expr& firstExpr(const Model& m) {
    for (const auto& s : m.statements) {
        if (const auto* c = std::get_if<Check>(&s.node)) return c->expr;
        if (const auto* l = std::get_if<Let>(&s.node)) return l->bindings.front().body;
    }
    FAIL("no expression");
    throw 0;
}

/// A compact rendering of an expression tree, for precedence tests.
std::string show(const Expr& e) {
    auto bin = [&](const char* op) {
        return "(" + show(e.args[0]) + " " + op + " " + show(e.args[1]) + ")";
    };
    switch (e.op) {
    case Op::Name: return e.name;
    case Op::EmptyRel: return "0";
    case Op::EmptyAny: return "{}";
    case Op::Universe: return "_";
    case Op::Call: {
        std::string s = e.name + "(";
        for (std::size_t i = 0; i < e.args.size(); ++i) s += (i ? "," : "") + show(e.args[i]);
        return s + ")";
    }
    case Op::Identity: return "[" + show(e.args[0]) + "]";
    case Op::Inverse: return show(e.args[0]) + "^-1";
    case Op::Plus: return show(e.args[0]) + "^+";
    case Op::Star: return show(e.args[0]) + "^*";
    case Op::Opt: return show(e.args[0]) + "^?";
    case Op::Complement: return "~" + show(e.args[0]);
    case Op::Cross: return bin("*");
    case Op::Diff: return bin("\\");
    case Op::Inter: return bin("&");
    case Op::Seq: return bin(";");
    case Op::Union: return bin("|");
    case Op::Try: return "try " + show(e.args[0]) + " with " + show(e.args[1]);
    case Op::IfVariant: return "if ? then " + show(e.args[0]) + " else " + show(e.args[1]);
    case Op::Opaque: return "<" + e.name + ">";
    case Op::LetIn: return std::string(e.rec ? "let rec" : "let") + " ... in " + show(e.args.back());
    case Op::Lambda: return "fun " + std::to_string(e.binds.size()) + " -> " + show(e.args[0]);
    case Op::Apply: return "(" + show(e.args[0]) + " " + show(e.args[1]) + ")";
    case Op::Match: return "match " + show(e.args[0]) + " {} -> " + show(e.args[1]) + " " + e.binds[0] + " ++ " +
                           e.binds[1] + " -> " + show(e.args[2]);
    case Op::Add: return bin("++");
    case Op::SetLit:
    case Op::Tuple: {
        std::string s = e.op == Op::SetLit ? "{" : "<";
        for (std::size_t i = 0; i < e.args.size(); ++i) s += (i ? "," : "") + show(e.args[i]);
        return s + (e.op == Op::SetLit ? "}" : ">");
    }
    }
    return "?";
}

std::string parseExpr(const std::string& e) {
    Diagnostics d;
    auto m = parse("let x = " + e, d);
    INFO(e);
    REQUIRE(lines(d) == std::vector<std::string>{});
    REQUIRE(m);
    return show(firstExpr(*m));
}

std::vector<std::string> errorsOf(const std::string& text) {
    Diagnostics d;
    auto m = parse(text, d);
    CHECK_FALSE(m);
    return lines(d);
}

}  // namespace

TEST_CASE("Cat parser: operator precedence follows herd", "[cat]") {
    CHECK(parseExpr("a | b ; c & d \\ e * f") == "(a | (b ; ((c & d) \\ (e * f))))");
    CHECK(parseExpr("a * b \\ c & d ; e | f") == "((((a * b) \\ (c & d)) ; e) | f)");
    CHECK(parseExpr("a ; b ; c") == "((a ; b) ; c)");
    CHECK(parseExpr("~a^-1 ; b") == "(~a^-1 ; b)");
    CHECK(parseExpr("(a | b) ; c") == "((a | b) ; c)");
}

TEST_CASE("Cat parser: postfix operators and the two meanings of *", "[cat]") {
    CHECK(parseExpr("r^-1") == "r^-1");
    CHECK(parseExpr("r^+ | r^* | r^?") == "((r^+ | r^*) | r^?)");
    CHECK(parseExpr("r+ | r* | r?") == "((r^+ | r^*) | r^?)");
    CHECK(parseExpr("(po ; r)*") == "(po ; r)^*");
    CHECK(parseExpr("W * R") == "(W * R)");
    CHECK(parseExpr("r* ; s") == "(r^* ; s)");
    CHECK(parseExpr("W * ~R") == "(W * ~R)");
    CHECK(parseExpr("r^-1+") == "r^-1^+");
}

TEST_CASE("Cat parser: primaries", "[cat]") {
    CHECK(parseExpr("[W] ; po ; [R]") == "(([W] ; po) ; [R])");
    CHECK(parseExpr("0 | {}") == "(0 | {})");
    CHECK(parseExpr("_ * _") == "(_ * _)");
    CHECK(parseExpr("domain(r) * range(r)") == "(domain(r) * range(r))");
    CHECK(parseExpr("fencerel(MFENCE) & (M * M)") == "(fencerel(MFENCE) & (M * M))");
    CHECK(parseExpr("po-loc | DMB.ISH") == "(po-loc | DMB.ISH)");
    CHECK(parseExpr("f(a, b | c)") == "f(a,(b | c))");
}

TEST_CASE("Cat parser: statements", "[cat]") {
    Diagnostics d;
    auto m = parse(R"("X86 TSO"
(* a comment (* nested *) still a comment *)
let a = po and b = rf
let rec t = r | t ; r and u = t
let f(x, y) = x ; y
let g() = po
procedure p(x) =
  let y = x
  acyclic y as inner
end
call p(po)
acyclic po | rf as one
irreflexive po
~empty rf as two
flag ~empty rf as three
flag acyclic po
show po, rf as k
unshow po
)",
                   d);
    REQUIRE(lines(d) == std::vector<std::string>{});
    REQUIRE(m);
    CHECK(m->name == "X86 TSO");
    CHECK(m->files == std::vector<std::string>{"t.cat"});
    REQUIRE(m->statements.size() == 11);

    const auto& l1 = std::get<Let>(m->statements[0].node);
    CHECK_FALSE(l1.rec);
    REQUIRE(l1.bindings.size() == 2);
    CHECK(l1.bindings[1].name == "b");
    CHECK(m->statements[0].loc == SourceLoc{3, 1});
    CHECK(l1.bindings[1].loc == SourceLoc{3, 16});

    const auto& l2 = std::get<Let>(m->statements[1].node);
    CHECK(l2.rec);
    CHECK(l2.bindings.size() == 2);
    CHECK(show(l2.bindings[0].body) == "(r | (t ; r))");

    const auto& f = std::get<Let>(m->statements[2].node).bindings[0];
    CHECK(f.isFunction);
    CHECK(f.params == std::vector<std::string>{"x", "y"});
    CHECK(std::get<Let>(m->statements[3].node).bindings[0].params.empty());

    const auto& p = std::get<Procedure>(m->statements[4].node);
    CHECK(p.name == "p");
    CHECK(p.body.size() == 2);
    const auto& call = std::get<CallProc>(m->statements[5].node);
    CHECK(call.name == "p");
    CHECK(call.args.size() == 1);

    const auto& c1 = std::get<Check>(m->statements[6].node);
    CHECK(c1.kind == CheckKind::Acyclic);
    CHECK(c1.name == "one");
    CHECK_FALSE(c1.negated);
    CHECK_FALSE(c1.isFlag);
    const auto& c2 = std::get<Check>(m->statements[7].node);
    CHECK(c2.kind == CheckKind::Irreflexive);
    CHECK(c2.name == "po");   // without `as`: the expression's text
    const auto& c3 = std::get<Check>(m->statements[8].node);
    CHECK(c3.kind == CheckKind::Empty);
    CHECK(c3.negated);
    const auto& c4 = std::get<Check>(m->statements[9].node);
    CHECK(c4.isFlag);
    CHECK(c4.negated);
    CHECK(c4.name == "three");
    const auto& c5 = std::get<Check>(m->statements[10].node);
    CHECK(c5.isFlag);
    CHECK(c5.name == "po");
}

TEST_CASE("Cat parser: a check's default name is its collapsed source text", "[cat]") {
    Diagnostics d;
    auto m = parse("acyclic  po |\n  rf (* c *)\n", d);
    REQUIRE(m);
    CHECK(std::get<Check>(m->statements[0].node).name == "po | rf");
}

TEST_CASE("Cat parser: undefined_unless is a flag that fires when its check fails", "[cat]") {
    Diagnostics d;
    auto m = parse("undefined_unless empty po as Dr\nundefined_unless ~acyclic rf\n", d);
    REQUIRE(m);
    const auto& c1 = std::get<Check>(m->statements[0].node);
    CHECK(c1.isFlag);
    CHECK(c1.negated);
    CHECK(c1.kind == CheckKind::Empty);
    CHECK(c1.name == kUndefinedFlag);
    const auto& c2 = std::get<Check>(m->statements[1].node);
    CHECK_FALSE(c2.negated);
    CHECK(c2.kind == CheckKind::Acyclic);
}

TEST_CASE("Cat parser: model name falls back to the file stem", "[cat]") {
    Diagnostics d;
    auto m = parseModel("acyclic po", "dir/mine.cat", d, false);
    REQUIRE(m);
    CHECK(m->name == "mine");
}

TEST_CASE("Cat parser: diagnostics", "[cat]") {
    using V = std::vector<std::string>;
    // With the character skipped, `po rf` is an application (herd's juxtaposition).
    CHECK(errorsOf("let x = po $ rf") == V{"t.cat:1:12: error: unexpected character '$'"});
    CHECK(errorsOf("let x = po (* open") == V{"t.cat:1:12: error: unterminated comment"});
    CHECK(errorsOf("acyclic po\n\"name") ==
          V{"t.cat:2:1: error: unterminated string",
            "t.cat:2:1: error: expected a statement, found string \"name\""});
    CHECK(errorsOf("let x = 2") ==
          V{"t.cat:1:9: error: unexpected number '2' (only 0 is allowed)",
            "t.cat:1:10: error: expected an expression, found end of file"});
    CHECK(errorsOf("let x po") == V{"t.cat:1:9: error: expected '=', found end of file"});
    CHECK(errorsOf("let = po") == V{"t.cat:1:5: error: expected a name after 'let', found '='"});
    CHECK(errorsOf("foo po") == V{"t.cat:1:1: error: expected a statement, found 'foo'"});
    CHECK(errorsOf("acyclic po |") ==
          V{"t.cat:1:13: error: expected an expression, found end of file"});
    CHECK(errorsOf("acyclic (po") == V{"t.cat:1:12: error: expected ')', found end of file"});
    CHECK(errorsOf("acyclic [W") == V{"t.cat:1:11: error: expected ']', found end of file"});
    CHECK(errorsOf("acyclic po as") ==
          V{"t.cat:1:14: error: expected a name after 'as', found end of file"});
    CHECK(errorsOf("flag po") ==
          V{"t.cat:1:6: error: expected 'acyclic', 'irreflexive' or 'empty', found 'po'"});
    CHECK(errorsOf("let x = r^2") == V{"t.cat:1:10: error: expected -1, +, * or ? after '^'",
                                         "t.cat:1:11: error: unexpected number '2' (only 0 is "
                                         "allowed)"});
    CHECK(errorsOf("procedure p(x) =\n acyclic x") ==
          V{"t.cat:2:11: error: expected 'end' closing the procedure, found end of file"});
    CHECK(errorsOf("end") == V{"t.cat:1:1: error: 'end' outside a procedure or 'if'"});
    CHECK(errorsOf("let f(x = po") == V{"t.cat:1:9: error: expected ',' or ')', found '='"});
    CHECK(errorsOf("include po") ==
          V{"t.cat:1:9: error: expected a file name string after 'include', found 'po'"});
    CHECK(errorsOf("let x = po\ninclude \"nosuch-file.cat\"") ==
          V{"t.cat:2:1: error: cannot find included file 'nosuch-file.cat'"});
    CHECK(errorsOf("acyclic po\nlet y = rf\nlet z = ) \nacyclic rf") ==
          V{"t.cat:3:9: error: expected an expression, found ')'"});
}

TEST_CASE("Cat parser: unsupported constructs are positioned diagnostics", "[cat]") {
    using V = std::vector<std::string>;
    CHECK(errorsOf("let x = if po then rf else co") ==
          V{"t.cat:1:12: error: unsupported feature: cat construct 'if' on anything but herd "
            "variant strings"});
    CHECK(errorsOf("acyclic match po with || {} -> po end") ==
          V{"t.cat:1:9: error: unsupported feature: cat construct 'match' without both a '{}' and an 'x ++ rest' "
            "case"});
    CHECK(errorsOf("acyclic match po") == V{"t.cat:1:17: error: expected 'with' after 'match', found end of file"});
    CHECK(errorsOf("let z = let rec f(x) = x and y = po in y") ==
          V{"t.cat:1:30: error: unsupported feature: cat construct 'let rec ... in' mixing functions and values"});
    CHECK(errorsOf("let rec f(x) = x and y = po") ==
          V{"t.cat:1:22: error: unsupported feature: cat construct 'let rec' mixing functions and values"});
    CHECK(errorsOf("let x = po in x") ==
          V{"t.cat:1:12: error: unsupported feature: cat construct 'let ... in'"});
    Diagnostics d;
    parse("forall x in po do acyclic x end", d);
    REQUIRE_FALSE(d.all().empty());
    CHECK(d.onlyUnsupported());
}

TEST_CASE("Cat parser: deep nesting is an error, not a crash", "[cat]") {
    std::string e(5000, '(');
    auto errs = errorsOf("let x = " + e);
    REQUIRE_FALSE(errs.empty());
    CHECK(errs[0].find("error: expression nested too deeply") != std::string::npos);
    std::string tildes(5000, '~');
    errs = errorsOf("let x = " + tildes + "po");
    REQUIRE_FALSE(errs.empty());
    CHECK(errs[0].find("error: expression nested too deeply") != std::string::npos);
}

TEST_CASE("Cat parser: includes resolve relative to the including file", "[cat]") {
    cattest::TempDir dir;
    dir.write("b.cat", "let fromB = po\n");
    const std::string a = dir.write("a.cat", "\"A\"\ninclude \"b.cat\"\ninclude \"b.cat\"\n"
                                             "acyclic fromB\n");
    Diagnostics d;
    auto m = loadModel(a, d);
    REQUIRE(lines(d) == std::vector<std::string>{});
    REQUIRE(m);
    CHECK(m->name == "A");
    // prelude, a.cat, b.cat (included once)
    REQUIRE(m->files.size() == 3);
    CHECK(m->files[1] == a);
    CHECK(m->files[2] == (dir.path / "b.cat").string());
}

TEST_CASE("Cat parser: an include cycle is an error", "[cat]") {
    cattest::TempDir dir;
    const std::string b = dir.write("b.cat", "let x = po\ninclude \"a.cat\"\n");
    const std::string a = dir.write("a.cat", "include \"b.cat\"\nacyclic x\n");
    Diagnostics d;
    CHECK_FALSE(parseModel("include \"b.cat\"\nacyclic x\n", a, d, false));
    CHECK(lines(d) ==
          std::vector<std::string>{b + ":2:1: error: include cycle: 'a.cat' is already being "
                                       "included"});
}

TEST_CASE("Cat parser: an error after several includes names the including file", "[cat]") {
    // Each include adds a file name to the model; the error must not read a moved one.
    cattest::TempDir dir;
    std::string text;
    for (int i = 0; i < 40; ++i) {
        const std::string name = "inc" + std::to_string(i) + ".cat";
        dir.write(name, "let r" + std::to_string(i) + " = po\n");
        text += "include \"" + name + "\"\n";
    }
    text += "$ oops\n";
    const std::string top = dir.write("top.cat", text);
    Diagnostics d;
    CHECK_FALSE(parseModel(text, top, d, false));
    REQUIRE_FALSE(lines(d).empty());
    CHECK(lines(d)[0] == top + ":41:1: error: unexpected character '$'");
}

TEST_CASE("Cat loader: unknown model names list the bundled ones", "[cat]") {
    Diagnostics d;
    CHECK_FALSE(loadModel("nosuch", d));
    REQUIRE(d.all().size() == 1);
    const std::string line = Diagnostics::format(d.all()[0]);
    CHECK(line.rfind("memlit: error: unknown model 'nosuch' (bundled models: ", 0) == 0);
    CHECK(line.find("sc") != std::string::npos);
    CHECK(line.find("tso") != std::string::npos);
    CHECK(line.find("stdlib") == std::string::npos);

    Diagnostics d2;
    CHECK_FALSE(loadModel("/nonexistent/x.cat", d2));
    CHECK(lines(d2) ==
          std::vector<std::string>{"memlit: error: cannot read model file '/nonexistent/x.cat'"});
}

TEST_CASE("Cat parser: truncated and garbled input reports errors without crashing", "[cat]") {
    for (const char* text : {"(*)", "^", "let", "let x", "let x =", "procedure", "procedure p",
                             "procedure p(", "call", "call p(", "[", "{", "flag ~", "~",
                             "acyclic", "let x = po and", "let rec", "include", "show",
                             "acyclic po as as", "end end", "let x = (((", "let x = a^",
                             "\"X\" \"Y\"", "let f(a,) = a", "~foo", "flag ~ ~ empty po"}) {
        Diagnostics d;
        INFO(text);
        CHECK_FALSE(parse(text, d));
        CHECK(d.hasErrors());
        for (const auto& diag : d.all()) CHECK(diag.loc.line >= 1);
    }
}
