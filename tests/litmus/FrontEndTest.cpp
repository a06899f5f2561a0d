// The front-end registry: each architecture's record names its front end; the parser reads
// the shared header and hands the body to that front end. A test-only table dialect and a
// test-only whole-program front end show that a record and a front end are all an
// architecture needs.

#include "cat/Model.hpp"
#include "litmus/Architecture.hpp"
#include "litmus/FrontEnd.hpp"
#include "litmus/Parser.hpp"
#include "litmus/table/CellSyntax.hpp"
#include "litmus/table/TableFrontEnd.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace memlit;
using namespace memlit::litmus;

namespace {

std::string diagText(const Diagnostics& d) {
    std::ostringstream os;
    d.print(os);
    return os.str();
}

// A toy dialect: `W x,1` stores, `R r,x` loads into r, `F` is a fence tagged F.
bool toyCell(std::string_view cell, SourceLoc loc, ThreadBuilder& out) {
    std::string_view op = firstWord(cell);
    std::vector<OperandText> args = splitOperands(cell.substr(op.size()), op.size());
    if (op == "F" && args.empty()) {
        out.emit(Fence{{"F"}}, loc);
        return true;
    }
    if (op == "W" && args.size() == 2) {
        if (auto v = parseInteger(args[1].text)) {
            out.emit(Store{Expr::sym(std::string(args[0].text)), Expr::constant(*v), {}, -1, 0}, loc);
            return true;
        }
    }
    if (op == "R" && args.size() == 2) {
        out.emit(Load{std::string(args[0].text), Expr::sym(std::string(args[1].text)), {}, -1, 0}, loc);
        return true;
    }
    out.error(loc, "not a toy instruction '" + std::string(cell) + "'");
    return false;
}

std::string toyRegister(std::string_view name) { return std::string(name); }

const TableFrontEnd toyFrontEnd(Dialect{&toyCell, &toyRegister});

std::vector<Architecture> withToy() {
    std::vector<Architecture> archs = architectures();
    // The id is the runner's key only; the parser never reads it.
    archs.push_back({ArchId::X86, "TOY", "sc", {64, true}, {"F"}, &toyFrontEnd});
    return archs;
}

/// A whole-program front end that keeps what the shared parser handed it.
class RecordingFrontEnd : public FrontEnd {
public:
    Kind kind() const override { return Kind::WholeProgram; }
    bool parseBody(const TestBody& body, LitmusTest& t) const override {
        t.programText = std::string(body.src.text().substr(body.begin));
        return true;
    }
};

}  // namespace

TEST_CASE("FrontEnd: every architecture is found by name and has the front end of its kind", "[litmus][arch]") {
    for (const char* name : {"X86", "X86_64", "AArch64"}) {
        INFO(name);
        const Architecture* a = findArchitecture(name);
        REQUIRE(a);
        REQUIRE(a->frontEnd);
        CHECK(a->frontEnd->kind() == FrontEnd::Kind::Table);
    }
    REQUIRE(findArchitecture("Go"));
    REQUIRE(findArchitecture("Go")->frontEnd);
    CHECK(findArchitecture("Go")->frontEnd->kind() == FrontEnd::Kind::WholeProgram);
    CHECK(findArchitecture("X86")->frontEnd != findArchitecture("X86_64")->frontEnd);
}

TEST_CASE("FrontEnd: every registered architecture has a front end, a unique name and id, and a bundled "
          "default model", "[litmus][arch]") {
    const std::vector<std::string> bundled = cat::bundledModelNames();
    for (const auto& a : architectures()) {
        INFO(a.name);
        CHECK(a.frontEnd != nullptr);
        CHECK(findArchitecture(a.name) == &a);
        CHECK(std::count_if(architectures().begin(), architectures().end(),
                            [&](const Architecture& b) { return b.id == a.id; }) == 1);
        CHECK(std::find(bundled.begin(), bundled.end(), std::string(a.defaultModel)) != bundled.end());
    }
}

TEST_CASE("FrontEnd: an unknown architecture lists herd's thread-table architectures", "[litmus][arch]") {
    Diagnostics d;
    CHECK_FALSE(parseLitmus("XYZ T\n{}\n", "t.litmus", d));
    CHECK(diagText(d) == "t.litmus:1:1: error: unsupported feature: architecture 'XYZ' (supported: X86, X86_64, "
                         "AArch64, RISCV, PPC)\n");
}

TEST_CASE("FrontEnd: a Dialect and a record are all a table architecture needs", "[litmus][arch]") {
    const std::vector<Architecture> archs = withToy();
    const char* text = "TOY MP\n{ x=0; 1:r=0; }\n P0     | P1     ;\n W x,1  | R r,y  ;\n F      | F      ;\n"
                       " W y,1  | R s,x  ;\nexists (1:r=1 /\\ 1:s=0)\n";
    Diagnostics d;
    auto t = parseLitmus(text, "toy.litmus", d, {}, archs);
    INFO(diagText(d));
    REQUIRE(t);
    CHECK(t->arch == "TOY");
    REQUIRE(t->threads.size() == 2);
    REQUIRE(t->threads[0].ops.size() == 3);
    CHECK(t->threads[0].ops[1].kind == OpKind{Fence{{"F"}}});
    CHECK(t->threads[1].ops[0].kind == OpKind{Load{"r", Expr::sym("y"), {}, -1, 0}});
    CHECK(t->threads[1].ops[2].loc == SourceLoc{6, 11});
    CHECK(t->raw[0].size() == 3);
    CHECK(t->programText.empty());
    CHECK(t->condition.text == "exists (1:r=1 /\\ 1:s=0)");

    SECTION("its cell errors are positioned") {
        Diagnostics bad;
        CHECK_FALSE(parseLitmus("TOY T\n{}\n P0 ;\n X y ;\n", "toy.litmus", bad, {}, archs));
        CHECK(diagText(bad) == "toy.litmus:4:2: error: not a toy instruction 'X y'\n");
    }
    SECTION("it is known only to the parse that was given it") {
        Diagnostics other;
        CHECK_FALSE(parseLitmus(text, "toy.litmus", other));
        CHECK(other.onlyUnsupported());
    }
}

TEST_CASE("FrontEnd: a whole-program front end gets the body from its '{', after the shared header",
          "[litmus][arch]") {
    const RecordingFrontEnd recording;
    std::vector<Architecture> archs = {{ArchId::Go, "PROG", "sc", {64, true}, {}, &recording}};
    Diagnostics d;
    auto t = parseLitmus("PROG T\n\"doc\"\nKey=v\n{ body (* gone *) }\n", "p.litmus", d, {}, archs);
    REQUIRE(t);
    CHECK(t->name == "T");
    CHECK(t->doc == "doc");
    CHECK(t->meta == std::vector<std::pair<std::string, std::string>>{{"Key", "v"}});
    CHECK(t->programText.rfind("{ body ", 0) == 0);
    CHECK(t->programText.find("gone") == std::string::npos);
}

TEST_CASE("FrontEnd: Go keeps its program text for the runner, thread-table tests none", "[litmus][arch]") {
    Diagnostics d;
    auto go = parseLitmus("Go T\n{ var x int }\nfunc P0() { x = 1 }\nexists (x=1)\n", "g.litmus", d);
    INFO(diagText(d));
    REQUIRE(go);
    CHECK(go->programText.find("func P0() { x = 1 }") != std::string::npos);
    CHECK(go->programText.find("exists") == std::string::npos);
    auto x86 = parseLitmus("X86 T\n{}\n P0 ;\n MFENCE ;\nexists (x=0)\n", "x.litmus", d);
    REQUIRE(x86);
    CHECK(x86->programText.empty());
}
