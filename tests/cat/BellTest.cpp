// herd's bell files (docs/cat.md, "Bell files"): loading a bell before a model (from --bell or
// the model's herd .cfg), `enum` and `instructions`, and `different-values`.
#include "cat/Bell.hpp"
#include "cat/Model.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/ConcreteDomain.hpp"
#include "tests/cat/CatTestUtil.hpp"

#include <catch2/catch.hpp>

using namespace memlit;

namespace {

std::vector<std::string> load(const std::string& path, const std::string& bell = "") {
    Diagnostics d;
    auto m = cat::loadModel(path, engine::architectureVocabulary(), d, {}, {}, bell);
    auto out = cattest::lines(d);
    if (m && out.empty()) out.push_back("loads");
    return out;
}

const char* kBell = "\"a bell\"\nenum Acc = 'once || 'nosuch-tag\ninstructions R[{'once,'nosuch-tag}]\n"
                    "instructions W[Acc]\nlet Marked = Once | Nosuch-tag\n";

}  // namespace

TEST_CASE("bell: a .cfg beside the model names the bell, whose names the model sees", "[cat]") {
    cattest::TempDir dir;
    dir.write("m.bell", kBell);
    dir.write("m.cfg", "macros m.def\nbell m.bell\nmodel m.cat\n");
    const std::string model = dir.write("m.cat", "acyclic [Marked] ; po\n");
    CHECK(load(model) == std::vector<std::string>{"loads"});
    // Without the cfg the bell's names are unknown.
    std::filesystem::remove(dir.path / "m.cfg");
    const auto out = load(model);
    REQUIRE_FALSE(out.empty());
    CHECK(out[0] == model + ":1:10: error: unknown name 'Marked'");
    // --bell names it explicitly.
    CHECK(load(model, (dir.path / "m.bell").string()) == std::vector<std::string>{"loads"});
    CHECK(load(model, "/no/such.bell") == std::vector<std::string>{"memlit: error: cannot read bell file '/no/such.bell'"});
}

TEST_CASE("bell: another .cfg of the directory that names the model, and cfg errors", "[cat]") {
    cattest::TempDir dir;
    dir.write("b.bell", kBell);
    const std::string model = dir.write("m.cat", "acyclic [Marked] ; po\n");
    dir.write("a.cfg", "model other.cat\nbell nothing.bell\n");   // not this model's
    const std::string cfg = dir.write("conf.cfg", "# herd options\nmodel m.cat\nbell   missing.bell\n");
    CHECK(load(model) == std::vector<std::string>{cfg + ":3:8: error: cannot find bell file 'missing.bell'"});
    dir.write("conf.cfg", "model m.cat\nbell\n");
    CHECK(load(model) == std::vector<std::string>{cfg + ":2:1: error: expected a bell file name after 'bell'"});
    dir.write("conf.cfg", "model m.cat\nbell b.bell\n");
    CHECK(load(model) == std::vector<std::string>{"loads"});
}

TEST_CASE("bell: enum and instructions are checked where they stand", "[cat]") {
    cattest::TempDir dir;
    const std::string model = dir.write("m.cat", "acyclic po\n");
    auto withBell = [&](const std::string& text) { return load(model, dir.write("x.bell", text)); };
    const std::string bell = (dir.path / "x.bell").string();
    CHECK(withBell("enum A = 'a || 'b\ninstructions R[{'a,'c}]\n") ==
          std::vector<std::string>{bell + ":2:20: error: tag 'c is not declared by an enum"});
    CHECK(withBell("instructions F[Barriers]\n") ==
          std::vector<std::string>{bell + ":1:16: error: unknown enum 'Barriers' (declare it with 'enum Barriers = ...' first)"});
    CHECK(withBell("enum A = 'a ||\n") == std::vector<std::string>{bell + ":2:1: error: expected a tag such as 'once, found end of file"});
    CHECK(withBell("enum A = 'a\nenum A = 'b\n") == std::vector<std::string>{bell + ":2:1: error: enum 'A' is declared twice"});
    CHECK(withBell("let x = 'a\n") ==
          std::vector<std::string>{bell + ":1:9: error: unsupported feature: cat construct tag value 'a in an expression "
                                          "(tags are declared by a bell's 'enum' and name the event set A)"});
}

TEST_CASE("bell: a tag's event set is the capitalised tag, empty when no front end attaches it", "[cat]") {
    CHECK(cat::capitalizedTag("rcu-lock") == "Rcu-lock");
    CHECK(cat::capitalizedTag("once") == "Once");
    Diagnostics d;
    auto m = cat::parseModel("enum T = 'once || 'never-attached\nflag ~empty Once as once\nflag ~empty Never-attached as never\n"
                             "flag ~empty different-values(rf) as dv\n",
                             "t.cat", d);
    REQUIRE(m);
    engine::ConcreteExecution x;
    x.size = 3;   // a write of 1, a read of it (Once), a read of 0
    x.sets["Once"] = engine::EventSet(3);
    x.sets["Once"].insert(1);
    x.rels["rf"] = engine::Relation(3);
    x.rels["rf"].set(0, 1);
    x.rels["rf"].set(0, 2);
    x.values = {1, 1, 0};
    const auto v = cat::evaluateConcrete(*m, x, d);
    CHECK(cattest::lines(d).empty());
    CHECK(v.flags == std::vector<std::string>{"once", "dv"});
    x.values = {1, 1, 1};
    CHECK(cat::evaluateConcrete(*m, x, d).flags == std::vector<std::string>{"once"});
}
