// The base table both engines read (engine/BaseRelations.hpp): static candidates per base
// name, and one concrete execution built from it.

#include "litmus/Parser.hpp"
#include "engine/BaseRelations.hpp"
#include "engine/Events.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::engine;
using cat::BaseRel;
using cat::BaseSet;

namespace {

EventGraph sbWithFences() {
    Diagnostics d;
    auto t = litmus::loadLitmus(testing::sourceDir() + "/examples/SB+mfences.litmus", d);
    REQUIRE(t);
    auto g = buildEvents(*t, d);
    REQUIRE(g);
    return *g;
}

/// The index of the event of `thread` with kind `kind` (the first one).
std::size_t eventOf(const EventGraph& g, int thread, EventKind kind, std::size_t skip = 0) {
    for (std::size_t i = 0; i < g.size(); ++i)
        if (g.events[i].thread == thread && g.events[i].kind == kind && skip-- == 0) return i;
    FAIL("no such event");
    return 0;
}

}  // namespace

TEST_CASE("BaseRelations: candidates of SB+mfences", "[relation]") {
    const EventGraph g = sbWithFences();
    const BaseTable t = baseTable(g);
    CHECK(t.membersOf(BaseSet::IW).count() == 2);
    CHECK(t.membersOf(BaseSet::W).count() == 4);   // the initial writes are writes
    CHECK(t.membersOf(BaseSet::R).count() == 2);
    CHECK(t.membersOf(BaseSet::F).count() == 2);
    CHECK(t.membersOf(BaseSet::M).count() == 6);
    CHECK(t.membersOf(BaseSet::FW) == t.membersOf(BaseSet::W));   // any write may end last
    REQUIRE(t.tags.size() == 1);
    CHECK(t.tags[0].first == "MFENCE");
    CHECK(t.tags[0].second == t.membersOf(BaseSet::F));
    // Each read may read the initial value or the other thread's write.
    CHECK(t.mayOf(BaseRel::Rf).count() == 4);
    // Per location: the initial write and the thread's write, either way round.
    CHECK(t.mayOf(BaseRel::Co).count() == 4);
    CHECK(t.mayOf(BaseRel::Po) == g.po);
    CHECK(t.mayOf(BaseRel::Id) == Relation::identity(g.size()));
    CHECK((t.mayOf(BaseRel::Int) | t.mayOf(BaseRel::Ext)) == Relation::full(g.size()));
    CHECK((t.mayOf(BaseRel::Int) & t.mayOf(BaseRel::Ext)).isEmpty());
    CHECK(ruleOf(BaseRel::Loc) == PairRule::SameAddress);
    CHECK(ruleOf(BaseRel::Rf) == PairRule::ReadsFrom);
    CHECK(ruleOf(BaseRel::Co) == PairRule::Coherence);
    CHECK(ruleOf(BaseRel::Po) == PairRule::Executed);
    CHECK(ruleOf(BaseSet::FW) == MemberRule::CoherenceLast);
}

TEST_CASE("BaseRelations: one execution, renumbered over its executed events", "[relation]") {
    const EventGraph g = sbWithFences();
    const BaseTable t = baseTable(g);
    const std::size_t n = g.size();
    const std::size_t ix = eventOf(g, -1, EventKind::Init), iy = eventOf(g, -1, EventKind::Init, 1);
    const std::size_t wx = eventOf(g, 0, EventKind::Write), ry = eventOf(g, 0, EventKind::Read);
    const std::size_t wy = eventOf(g, 1, EventKind::Write), rx = eventOf(g, 1, EventKind::Read);
    const std::size_t f1 = eventOf(g, 1, EventKind::Fence);
    std::vector<bool> executed(n, true);
    executed[f1] = false;   // leave one event out to see the renumbering
    std::vector<std::int64_t> addr(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (g.events[i].isMemory()) addr[i] = g.events[i].addr.value;
    std::vector<int> source(n, -1);
    source[ry] = static_cast<int>(iy);   // both reads see the initial values
    source[rx] = static_cast<int>(ix);
    Relation co(n);
    co.set(ix, wx);
    co.set(iy, wy);

    const ConcreteExecution x = concreteExecution(t, {executed, addr, source, co});
    REQUIRE(x.size == n - 1);
    auto d = [&](std::size_t i) { return i < f1 ? i : i - 1; };
    const Relation& rf = *x.rels.base(BaseRel::Rf);
    CHECK(rf.count() == 2);
    CHECK(rf.contains(d(iy), d(ry)));
    CHECK(rf.contains(d(ix), d(rx)));
    CHECK(x.rels.base(BaseRel::Co)->count() == 2);
    const EventSet& fw = *x.sets.base(BaseSet::FW);
    CHECK(fw.count() == 2);
    CHECK(fw.contains(d(wx)));
    CHECK(fw.contains(d(wy)));
    CHECK(x.sets.find("MFENCE")->count() == 1);   // the fence left out is not in it
    const Relation& loc = *x.rels.base(BaseRel::Loc);
    CHECK(loc.contains(d(ix), d(rx)));
    CHECK(loc.contains(d(rx), d(wx)));
    CHECK_FALSE(loc.contains(d(wx), d(ry)));
    CHECK(*x.rels.base(BaseRel::Id) == Relation::identity(n - 1));
    CHECK(x.rels.base(BaseRel::Ext)->contains(d(wx), d(wy)));
    CHECK_FALSE(x.rels.base(BaseRel::Int)->contains(d(wx), d(wy)));
}
