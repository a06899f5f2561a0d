// The IR's DependOn: a register that carries a dependency on the thread's latest event, so
// that what uses it is address-, data- or control-dependent on that event (a RISC-V SC's write).

#include "engine/Events.hpp"
#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

using namespace memlit;

namespace {

engine::EventGraph graphOf(const std::string& cells) {
    std::string text = "RISCV T\n{ 0:x6=x; 0:x8=y; }\n P0 ;\n";
    std::size_t b = 0;
    while (b < cells.size()) {
        std::size_t e = cells.find('\n', b);
        if (e == std::string::npos) e = cells.size();
        text += " " + cells.substr(b, e - b) + " ;\n";
        b = e + 1;
    }
    text += "exists (0:x5=0)\n";
    Diagnostics d;
    auto t = litmus::parseLitmus(text, "t.litmus", d);
    REQUIRE(t);
    auto g = engine::buildEvents(*t, d);
    REQUIRE(g);
    return *g;
}

/// The index of the thread's n-th event of the given kind.
std::uint32_t nth(const engine::EventGraph& g, engine::EventKind k, int n) {
    for (const auto& e : g.events)
        if (e.thread == 0 && e.kind == k && n-- == 0) return e.index;
    FAIL("no such event");
    return 0;
}

}  // namespace

TEST_CASE("DependOn: what uses an SC's result depends on the SC's write, not on the LR", "[engine][events]") {
    using K = engine::EventKind;
    SECTION("address") {
        auto g = graphOf("lr.w x5,0(x6)\nsc.w x7,x5,0(x6)\nadd x9,x8,x7\nlw x10,0(x9)");
        const auto lr = nth(g, K::Read, 0), sc = nth(g, K::Write, 0), ld = nth(g, K::Read, 1);
        CHECK(g.addr.contains(sc, ld));
        CHECK_FALSE(g.addr.contains(lr, ld));
        CHECK(g.data.contains(lr, sc));
    }
    SECTION("data and control") {
        auto g = graphOf("lr.w x5,0(x6)\nsc.w x7,x5,0(x6)\nsw x7,0(x8)\nbne x7,x0,L\nL:\nsw x5,0(x8)");
        const auto sc = nth(g, K::Write, 0), st1 = nth(g, K::Write, 1), st2 = nth(g, K::Write, 2);
        CHECK(g.data.contains(sc, st1));
        CHECK(g.ctrl.contains(sc, st2));
    }
    SECTION("an SC that cannot succeed gives no dependency") {
        auto g = graphOf("sc.w x7,x5,0(x6)\nsw x7,0(x8)");
        CHECK(g.data.isEmpty());
    }
}
