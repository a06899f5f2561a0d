#include "engine/ConcreteDomain.hpp"

#include <catch2/catch.hpp>

using namespace memlit::engine;

TEST_CASE("ConcreteDomain: missing standard names are empty, unknown ones absent", "[relation]") {
    ConcreteExecution exec;
    exec.size = 3;
    EventSet w(3);
    w.insert(1);
    exec.sets["W"] = w;
    ConcreteDomain d(exec);
    REQUIRE(d.baseSet("W"));
    CHECK(*d.baseSet("W") == w);
    REQUIRE(d.baseSet("R"));
    CHECK(d.baseSet("R")->isEmpty());
    CHECK_FALSE(d.baseSet("MFENCE"));   // tags: the interpreter's uppercase rule decides
    REQUIRE(d.baseRel("po"));
    CHECK(d.baseRel("po")->isEmpty());
    CHECK(*d.baseRel("id") == Relation::identity(3));
    CHECK_FALSE(d.baseRel("fr"));       // derived in stdlib.cat
    CHECK(d.fixpointBound() == 11);
}
