#include "engine/Relation.hpp"

#include <catch2/catch.hpp>

using namespace memlit::engine;

namespace {

Relation chain(std::size_t n) {
    Relation r(n);
    for (std::size_t i = 0; i + 1 < n; ++i) r.set(i, i + 1);
    return r;
}

}  // namespace

TEST_CASE("Relation: plus of a 3-cycle is total on its nodes", "[relation]") {
    Relation r(4);
    r.set(0, 1);
    r.set(1, 2);
    r.set(2, 0);
    const Relation p = plus(r);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) CHECK(p.contains(i, j));
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK_FALSE(p.contains(3, i));
        CHECK_FALSE(p.contains(i, 3));
    }
    CHECK(p.count() == 9);
    CHECK_FALSE(r.isAcyclic());
    CHECK(r.isIrreflexive());
    CHECK_FALSE(p.isIrreflexive());
}

TEST_CASE("Relation: findCycle returns the cycle's events in order", "[relation]") {
    SECTION("3-cycle") {
        Relation r(5);
        r.set(4, 1);
        r.set(1, 2);
        r.set(2, 3);
        r.set(3, 1);
        auto c = r.findCycle();
        REQUIRE(c);
        REQUIRE(c->size() == 3);
        for (std::size_t k = 0; k < c->size(); ++k)
            CHECK(r.contains((*c)[k], (*c)[(k + 1) % c->size()]));
    }
    SECTION("self-loop is a one-event cycle") {
        Relation r(3);
        r.set(2, 2);
        CHECK(r.findCycle() == std::vector<EventIndex>{2});
    }
    SECTION("a chain has none") {
        CHECK_FALSE(chain(10).findCycle());
        CHECK(chain(10).isAcyclic());
    }
}

TEST_CASE("Relation: findCycle agrees with the closure on random relations of one to three words a row",
          "[relation]") {
    std::uint64_t seed = 12345;
    auto next = [&] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL, seed >> 33; };
    for (std::size_t n : {1, 5, 63, 64, 65, 130}) {
        for (int round = 0; round < 40; ++round) {
            Relation r(n);
            const std::size_t edges = next() % (2 * n + 1);
            for (std::size_t e = 0; e < edges; ++e) {
                const std::size_t i = next() % n, j = next() % n;
                if (round % 2 == 0 && i >= j) continue;   // half of them acyclic by construction
                r.set(i, j);
            }
            const auto cycle = r.findCycle();
            CHECK(cycle.has_value() == !plus(r).isIrreflexive());
            CHECK(r.isAcyclic() == !cycle.has_value());
            if (!cycle) continue;
            for (std::size_t k = 0; k < cycle->size(); ++k)
                CHECK(r.contains((*cycle)[k], (*cycle)[(k + 1) % cycle->size()]));
        }
    }
}

TEST_CASE("Relation: seq, inverse, opt and star", "[relation]") {
    Relation a(3), b(3);
    a.set(0, 1);
    b.set(1, 2);
    const Relation ab = seq(a, b);
    CHECK(ab.pairs() == std::vector<std::pair<EventIndex, EventIndex>>{{0, 2}});
    CHECK(seq(b, a).isEmpty());
    CHECK(inverse(a).contains(1, 0));
    CHECK_FALSE(inverse(a).contains(0, 1));
    CHECK(opt(a) == (a | identity(3)));
    CHECK(star(a | b) == (plus(a | b) | identity(3)));
    CHECK(star(a | b).contains(0, 2));
}

TEST_CASE("Relation: sets, cross, toId, domain, range and complement", "[relation]") {
    EventSet s(4), t(4);
    s.insert(0);
    s.insert(1);
    t.insert(3);
    const Relation c = cross(s, t);
    CHECK(c.pairs() == std::vector<std::pair<EventIndex, EventIndex>>{{0, 3}, {1, 3}});
    CHECK(domain(c) == s);
    CHECK(range(c) == t);
    CHECK(toId(s).pairs() == std::vector<std::pair<EventIndex, EventIndex>>{{0, 0}, {1, 1}});
    CHECK((s | t).count() == 3);
    CHECK((s & t).isEmpty());
    CHECK((s - t) == s);
    CHECK(s.complement().elements() == std::vector<EventIndex>{2, 3});
    CHECK(complement(c).count() == 16 - 2);
    CHECK((c - c).isEmpty());
}

TEST_CASE("Relation: more than 64 events use several words per row", "[relation]") {
    const std::size_t n = 130;
    const Relation p = plus(chain(n));
    CHECK(p.contains(0, 129));
    CHECK(p.contains(63, 64));
    CHECK_FALSE(p.contains(129, 0));
    CHECK(p.count() == n * (n - 1) / 2);
    CHECK(p.isAcyclic());
    Relation cyc = chain(n);
    cyc.set(129, 0);
    auto c = cyc.findCycle();
    REQUIRE(c);
    CHECK(c->size() == n);
    CHECK(EventSet::full(n).count() == n);
    CHECK(EventSet::full(n).complement().isEmpty());
    CHECK(complement(Relation(n)) == Relation::full(n));
}
