// Load-time name resolution (cat/Resolve.hpp) against the architectures' vocabulary, alone
// and through the CLI.

#include "cat/Model.hpp"
#include "cat/Resolve.hpp"
#include "cli/Cli.hpp"
#include "engine/ArchVocabulary.hpp"
#include "support/Spelling.hpp"
#include "tests/cat/CatTestUtil.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace memlit;
using memlit::cattest::lines;
using Lines = std::vector<std::string>;
using Kind = cat::NameRef::Kind;

namespace {

std::string readSource(const std::string& relative) {
    std::ifstream in(std::string(MEMLIT_SOURCE_DIR) + "/" + relative);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// tso.cat with its one use of MFENCE (line 24, column 23) misspelt MFENSE.
std::string misspeltTso() {
    std::string text = readSource("models/tso.cat");
    const auto at = text.find("fencerel(MFENCE)");
    REQUIRE(at != std::string::npos);
    text.replace(at + 9, 6, "MFENSE");
    return text;
}

struct Run {
    int status;
    std::string out, err;
};

Run invoke(std::vector<std::string> args) {
    std::ostringstream out, err;
    int status = cli::run(args, out, err);
    return {status, out.str(), err.str()};
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

/// The NameRef of the first Name expression called `name` in the model's checks.
std::optional<cat::NameRef> refOf(const cat::Expr& e, const std::string& name) {
    if (e.op == cat::Expr::Op::Name && e.name == name) return e.ref;
    for (const auto& a : e.args)
        if (auto r = refOf(a, name)) return r;
    return std::nullopt;
}

std::optional<cat::NameRef> refInChecks(const cat::Model& m, const std::string& name) {
    for (const auto& s : m.statements)
        if (const auto* c = std::get_if<cat::Check>(&s.node))
            if (auto r = refOf(c->expr, name)) return r;
    return std::nullopt;
}

std::optional<cat::Model> parseAndResolve(const std::string& text, Diagnostics& d) {
    auto m = cat::parseModel(text, "t.cat", d);
    REQUIRE(m);
    if (!cat::resolve(*m, engine::architectureVocabulary(), d)) return std::nullopt;
    return m;
}

}  // namespace

TEST_CASE("Resolve: a misspelt tag in a copy of tso.cat is rejected at load, with a suggestion",
          "[cat][resolve]") {
    cattest::TempDir dir;
    const std::string path = dir.write("tso.cat", misspeltTso());
    Diagnostics d;
    CHECK_FALSE(cat::loadModel(path, engine::architectureVocabulary(), d));
    CHECK(lines(d) == Lines{path + ":24:23: error: unknown name 'MFENSE'; did you mean 'MFENCE'?"});
}

TEST_CASE("Resolve: the CLI exits non-zero with no verdict on SB+mfences under a misspelt model",
          "[cat][resolve][cli]") {
    cattest::TempDir dir;
    const std::string path = dir.write("tso.cat", misspeltTso());
    const std::string test = std::string(MEMLIT_SOURCE_DIR) + "/examples/SB+mfences.litmus";
    auto r = invoke({"check", "--model", path, test});
    CHECK(r.status == 1);
    CHECK(r.err == path + ":24:23: error: unknown name 'MFENSE'; did you mean 'MFENCE'?\n");
    CHECK_FALSE(std::regex_search(r.out, std::regex("\\n(Ok|No)\\n")));
    CHECK(r.out.find("States") == std::string::npos);

    // The bundled model, spelt right, still forbids the outcome.
    auto ok = invoke({"check", "--model", "tso", test});
    CHECK(ok.status == 0);
    CHECK(ok.out.find("\nNo\n") != std::string::npos);
}

TEST_CASE("Resolve: a misspelt lower-case name is reported once for a batch of tests",
          "[cat][resolve][cli]") {
    cattest::TempDir dir;
    const std::string path = dir.write("mine.cat", "\"mine\"\nacyclic pox | rf | co | fr as sc\n");
    const std::string x86 = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/X86/";
    auto r = invoke({"check", "--model", path, x86 + "SB.litmus", x86 + "CoRR.litmus",
                     x86 + "2+2W.litmus"});
    CHECK(r.status == 1);
    const std::string diag = path + ":2:9: error: unknown name 'pox'; did you mean 'po'?";
    CHECK(occurrences(r.err, diag) == 1);
    CHECK(occurrences(r.err, "unknown name") == 1);
}

TEST_CASE("Resolve: every bundled model resolves against the architectures without diagnostics",
          "[cat][resolve]") {
    std::size_t count = 0;
    for (const auto& name : cat::bundledModelNames()) {
        ++count;
        DYNAMIC_SECTION(name) {
            Diagnostics d;
            auto m = cat::loadModel(name, engine::architectureVocabulary(), d);
            CHECK(lines(d) == Lines{});
            REQUIRE(m);
            CHECK(m->resolved);
        }
    }
    CHECK(count >= 4);   // sc, tso, aarch64, go
}

TEST_CASE("Resolve: names become base relations, base sets, tags or lets", "[cat][resolve]") {
    Diagnostics d;
    auto m = parseAndResolve("acyclic po | rf as a\nempty R & MFENCE as b\nempty [DMB.ISH] ; fr as c\n", d);
    REQUIRE(m);
    CHECK(lines(d) == Lines{});
    CHECK(refInChecks(*m, "po") == cat::NameRef{Kind::BaseRel, static_cast<std::uint32_t>(cat::BaseRel::Po)});
    CHECK(refInChecks(*m, "rf") == cat::NameRef{Kind::BaseRel, static_cast<std::uint32_t>(cat::BaseRel::Rf)});
    CHECK(refInChecks(*m, "R") == cat::NameRef{Kind::BaseSet, static_cast<std::uint32_t>(cat::BaseSet::R)});
    // The prelude's herd names (Acq, Rel, ...) name the RISC-V tags AQ and RL first.
    CHECK(refInChecks(*m, "MFENCE") == cat::NameRef{Kind::Tag, 2});
    CHECK(refInChecks(*m, "DMB.ISH") == cat::NameRef{Kind::Tag, 3});
    CHECK(m->tags == Lines{"AQ", "RL", "MFENCE", "DMB.ISH"});
    REQUIRE(refInChecks(*m, "fr"));
    CHECK(refInChecks(*m, "fr")->kind == Kind::Local);   // from stdlib.cat
}

TEST_CASE("Resolve: a name the model defines with let shadows a base name", "[cat][resolve]") {
    Diagnostics d;
    auto m = parseAndResolve("let po = rf\nlet MFENCE = W\nacyclic po as a\nempty MFENCE as b\n", d);
    REQUIRE(m);
    CHECK(lines(d) == Lines{});
    // Bound one and zero bindings up from the checks: MFENCE is the innermost.
    CHECK(refInChecks(*m, "po") == cat::NameRef{Kind::Local, 1});
    CHECK(refInChecks(*m, "MFENCE") == cat::NameRef{Kind::Local, 0});
    CHECK(m->tags == Lines{"AQ", "RL"});   // only the prelude's herd names
}

TEST_CASE("Resolve: scopes follow the interpreter's", "[cat][resolve]") {
    using V = Lines;
    auto errors = [](const std::string& text) {
        Diagnostics d;
        auto m = cat::parseModel(text, "t.cat", d, /*withPrelude=*/false);
        REQUIRE(m);
        const bool ok = cat::resolve(*m, engine::architectureVocabulary(), d);
        CHECK(ok == !d.hasErrors());
        CHECK(m->resolved == ok);
        return lines(d);
    };
    // A plain let's bindings see only earlier names; a let rec's see the whole group.
    CHECK(errors("let a = po and b = a\n") == V{"t.cat:1:20: error: unknown name 'a'"});
    CHECK(errors("let rec a = po | b and b = a\nacyclic a\n") == V{});
    // Parameters are visible in the body only; a procedure's own names stay inside it.
    CHECK(errors("let f(x) = x ; po\nacyclic f(rf)\n") == V{});
    CHECK(errors("let f(x) = po\nacyclic x\n") == V{"t.cat:2:9: error: unknown name 'x'"});
    CHECK(errors("procedure p(r) =\n  let inner = r\n  acyclic inner\nend\ncall p(po)\nacyclic inner\n") ==
          V{"t.cat:6:9: error: unknown name 'inner'"});
    // Unused lets are checked too: the model is wrong whichever test runs it.
    CHECK(errors("let unused = nosuch\n") == V{"t.cat:1:14: error: unknown name 'nosuch'"});
    // One diagnostic per name, at its first use.
    CHECK(errors("acyclic nosuch\nacyclic nosuch | po\n") == V{"t.cat:1:9: error: unknown name 'nosuch'"});
    // Calls: unknown functions and procedures, and base names called as functions.
    CHECK(errors("acyclic nofun(po)\n") == V{"t.cat:1:9: error: unknown function 'nofun'"});
    CHECK(errors("acyclic po(po)\n") == V{"t.cat:1:9: error: 'po' is not a function"});
    CHECK(errors("call nop(po)\n") == V{"t.cat:1:1: error: unknown procedure 'nop'"});
    CHECK(errors("empty domain(po) & range(rf)\n") == V{});
}

TEST_CASE("Vocabulary: base names round-trip and suggestions are only for near misses",
          "[cat][resolve]") {
    for (auto r : cat::allBaseRels()) CHECK(cat::baseRelNamed(cat::nameOf(r)) == r);
    for (auto s : cat::allBaseSets()) CHECK(cat::baseSetNamed(cat::nameOf(s)) == s);
    CHECK_FALSE(cat::baseRelNamed("fr"));
    CHECK_FALSE(cat::baseSetNamed("MFENCE"));
    CHECK(spellingDistance("MFENSE", "MFENCE") == 1);
    CHECK(spellingDistance("", "abc") == 3);
    CHECK(spellingDistance("kitten", "sitting") == 3);
    const cat::Vocabulary v({"MFENCE", "LFENCE", "X"});
    CHECK(v.isTag("LFENCE"));
    CHECK_FALSE(v.isTag("DMB.ISH"));
    CHECK(v.suggest("MFENSE") == "MFENCE");
    CHECK(v.suggest("loc2") == "loc");
    CHECK(v.suggest("ppox", {"ppo"}) == "ppo");
    CHECK_FALSE(v.suggest("nosuch"));
    CHECK_FALSE(v.suggest("q"));
}
