// The sections of a thread-table test as herd's splitter cuts them: a comment before the
// initial state, `};` closing it, a `<< ... >>` directive block after the condition, and which
// places the states print when a filter names others.

#include "litmus/Parser.hpp"
#include "litmus/State.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::litmus;

namespace {

std::optional<LitmusTest> parse(const std::string& text, Diagnostics& d) { return parseLitmus(text, "t.litmus", d); }

std::vector<std::string> errors(const std::string& text) {
    Diagnostics d;
    CHECK_FALSE(parse(text, d));
    std::vector<std::string> out;
    for (const auto& x : d.all()) out.push_back(Diagnostics::format(x));
    return out;
}

const char* kTable = " P0           | P1           ;\n"
                     " lwz r1,0(r2) | lwz r1,0(r2) ;\n";

}  // namespace

TEST_CASE("Table sections: '};' may close the initial state", "[litmus][table]") {
    Diagnostics d;
    auto t = parse(std::string("PPC T\n{ 0:r2=x; 1:r2=y; };\n") + kTable + "exists (0:r1=0)\n", d);
    REQUIRE(t);
    CHECK(t->init.size() == 2);
    CHECK(t->threads.size() == 2);
    // Only one ';': a second one is where the thread table's header should be.
    CHECK(errors(std::string("PPC T\n{ 0:r2=x; };;\n") + kTable + "exists (0:r1=0)\n") ==
          std::vector<std::string>{"t.litmus:2:13: error: expected the thread table header 'P0 | P1 ... ;'"});
}

TEST_CASE("Table sections: the constraints end at '<<', herd's directive block", "[litmus][table]") {
    Diagnostics d;
    auto t = parse(std::string("PPC T\n{ 0:r2=x; 1:r2=y; }\n") + kTable +
                       "exists (0:r1=0 /\\ 1:r1=0);\n<<\nshow 0\nexists ~ ]]\n>>\n<<\n>>\n",
                   d);
    REQUIRE(t);
    CHECK(t->condition.text == "exists (0:r1=0 /\\ 1:r1=0)");
    // What comes before the block is still read: junk there is an error at its place.
    CHECK(errors(std::string("PPC T\n{ 0:r2=x; 1:r2=y; }\n") + kTable + "exists (0:r1=0) junk\n<<\n>>\n") ==
          std::vector<std::string>{"t.litmus:5:17: error: unexpected 'junk' after the condition"});
    // As in herd, a block only ends the constraints: right after the table it is read as a row.
    CHECK(errors(std::string("PPC T\n{ 0:r2=x; 1:r2=y; }\n") + kTable + "<<\nexists (0:r1=1)\n>>\n") ==
          std::vector<std::string>{"t.litmus:5:3: error: expected ';' at the end of the thread-table row"});
}

TEST_CASE("Table sections: a comment never closed before the initial state ends at its '{'", "[litmus][table]") {
    Diagnostics d;
    auto t = parse(std::string("PPC T\n(* no end\n   here either\n{ 0:r2=x; 1:r2=y; }\n") + kTable +
                       "exists (0:r1=0)\n",
                   d);
    REQUIRE(t);
    CHECK(t->init.size() == 2);
    // With no '{' after it, the comment is unterminated; after the '{', a comment must close.
    CHECK(errors("PPC T\n(* no end\n") == std::vector<std::string>{"t.litmus:2:1: error: unterminated comment"});
    CHECK(errors("PPC T\n{ 0:r2=x; (* no end\n}\n") ==
          std::vector<std::string>{"t.litmus:2:11: error: unterminated comment"});
}

TEST_CASE("Table sections: states print the locations and the condition's places, not the filter's",
          "[litmus][table]") {
    Diagnostics d;
    auto t = parse(std::string("PPC T\n{ 0:r2=x; 1:r2=y; }\n") + kTable +
                       "locations [y;]\nfilter (0:r1=1 /\\ 1:r1=0)\nexists (1:r1=0)\n",
                   d);
    REQUIRE(t);
    const std::vector<Place> shown{{1, "r1"}, {-1, "y"}};
    CHECK(observedPlaces(*t) == shown);
    const std::vector<Place> evaluated{{1, "r1"}, {-1, "y"}, {0, "r1"}};
    CHECK(evaluatedPlaces(*t) == evaluated);
    CHECK(shownPart(State{{Value::number(1), Value::number(2), Value::number(3)}}, 2) ==
          State{{Value::number(1), Value::number(2)}});
}

TEST_CASE("Table sections: a symbolic register of the initial state is a register of every thread", "[litmus][table]") {
    Diagnostics d;
    auto t = parse("PPC T\n{ %a=x; 1:%b=y; }\n P0           | P1           ;\n"
                   " lwz r1,0(%a) | lwz r1,0(%b) ;\nexists (0:r1=0)\n",
                   d);
    REQUIRE(t);
    std::vector<Place> regs;
    for (const auto& e : t->init) regs.push_back(e.place);
    CHECK(regs == std::vector<Place>{{0, "%s_a"}, {1, "%s_a"}, {1, "%s_b"}});
    // Malformed: no value, or a broken operand; and architectures without them decline them.
    CHECK(errors("PPC T\n{ %a=; }\n P0 ;\n lwz r1,0(%a) ;\nexists (0:r1=0)\n") ==
          std::vector<std::string>{"t.litmus:2:6: error: expected a value (an integer or a location name), found ';'"});
    CHECK(errors("PPC T\n{ %a=x; }\n P0 ;\n lwz r1,0(%a ;\nexists (0:r1=0)\n") ==
          std::vector<std::string>{"t.litmus:4:9: error: bad operand '0(%a' for 'lwz'"});
    CHECK(errors("RISCV T\n{ %a=x; }\n P0 ;\n lw x5,0(x6) ;\nexists (0:x5=0)\n") ==
          std::vector<std::string>{"t.litmus:2:3: error: unsupported feature: symbolic registers ('%a')"});
}
