// Counting the reads nothing observes in bulk (engine/Counting.hpp): which reads are deferred,
// which models allow it, and that the counts, states and flags equal those of the enumeration
// that visits every execution, on the fixtures (also with their conditions replaced by
// `exists (true)`, which leaves every read unobserved) and on generated coherence stress tests.

#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "engine/Counting.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace memlit;
using testing::stateLines;

namespace {

std::optional<engine::PreparedTest> prepared(const std::string& text, const std::string& name) {
    Diagnostics d;
    auto t = litmus::parseLitmus(text, name, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    return engine::prepare(*t, d);
}

/// The test with its final condition replaced by `exists (true)`.
std::string unobserved(const std::string& text) {
    static const std::regex condition(R"(\n\s*(~\s*exists|exists|forall)\b[\s\S]*$)");
    return std::regex_replace(text, condition, "\nexists (true)\n");
}

/// T threads, each storing K distinct values to x and then loading it (as the bench/large
/// CoStress tests do).
std::string coStress(const std::string& arch, int threads, int stores) {
    const bool x86 = arch == "X86", arm = arch == "AArch64";
    std::string text = arch + " CoStress-" + std::to_string(threads) + "-" + std::to_string(stores) + "\n{";
    for (int t = 0; t < threads && !x86; ++t) text += " " + std::to_string(t) + (arm ? ":X0=x;" : ":x5=x;");
    text += " }\n";
    for (int t = 0; t < threads; ++t) text += (t ? " | P" : " P") + std::to_string(t);
    text += " ;\n";
    auto row = [&](auto cell) {
        for (int t = 0; t < threads; ++t) text += (t ? " | " : " ") + cell(t);
        text += " ;\n";
    };
    for (int k = 0; k < stores; ++k) {
        auto v = [&](int t) { return std::to_string(t * stores + k + 1); };
        if (x86) row([&](int t) { return "MOV [x],$" + v(t); });
        else if (arm) {
            row([&](int t) { return "MOV W1,#" + v(t); });
            row([](int) { return std::string("STR W1,[X0]"); });
        } else {
            row([&](int t) { return "ori x6,x0," + v(t); });
            row([](int) { return std::string("sw x6,0(x5)"); });
        }
    }
    row([&](int) { return std::string(x86 ? "MOV EAX,[x]" : arm ? "LDR W2,[X0]" : "lw x7,0(x5)"); });
    return text + "exists (x=1)\n";
}

struct Counts {
    std::vector<std::string> states;
    std::uint64_t positive = 0, negative = 0;
    std::vector<std::string> flags;
    std::size_t flagPairs = 0;
    bool operator==(const Counts&) const = default;
};

Counts run(engine::BruteForceEngine& e, const engine::PreparedTest& p, const cat::Model& m) {
    Diagnostics d;
    auto r = e.check(p, m, {}, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(r);
    return {stateLines(*r), r->positive, r->negative, r->flags, r->flagPairs.size()};
}

/// Factored counting against the same pruned enumeration without it, and against the full
/// enumeration when the test has at most `fullAtMost` candidates. Returns the counts.
Counts agree(const std::string& text, const std::string& name, const cat::Model& m,
             std::uint64_t fullAtMost = 20000) {
    auto p = prepared(text, name);
    if (!p) return {};
    INFO(name << "\n" << text);
    engine::BruteForceEngine factored(2000000, true, UINT64_MAX, true), pruned(2000000, true, UINT64_MAX, false),
        full(2000000, false);
    const Counts a = run(factored, *p, m);
    CHECK(a == run(pruned, *p, m));
    if (p->candidates <= fullAtMost) CHECK(a == run(full, *p, m));
    return a;
}

}  // namespace

TEST_CASE("Counting: the reads no state, stored value or assumption depends on are deferred", "[count]") {
    auto p = prepared("X86 t\n{ }\n P0 | P1 ;\n MOV EAX,[x] | MOV EBX,[y] ;\n MOV [z],EAX | MOV ECX,[x] ;\n"
                      "exists (1:EBX=0)\n",
                      "t.litmus");
    REQUIRE(p);
    const auto deferred = engine::unobservedReads(*p);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < p->graph.size(); ++i)
        if (deferred[i]) names.push_back(std::to_string(p->graph.events[i].thread) + ":" +
                                         std::to_string(p->graph.events[i].loc.line));
    // P0's read feeds a store and P1's first read is printed: only P1's read of x is free.
    CHECK(names == std::vector<std::string>{"1:5"});
}

TEST_CASE("Counting: only models whose checks only grow with rf and co are counted in bulk", "[count]") {
    Diagnostics d;
    auto model = [&](const std::string& text) {
        auto m = cat::parseModel(text, "count.cat", d);
        REQUIRE(m);
        return *m;
    };
    CHECK(engine::FactoredCount::forModel(model("acyclic po | rf | co | fr as sc\n"), {}));
    CHECK(engine::FactoredCount::forModel(model("acyclic po | rf as a\nflag ~empty rf & po as f\n"), {}));
    CHECK_FALSE(engine::FactoredCount::forModel(model("acyclic ~co as c\n"), {}));
    CHECK(engine::FactoredCount::forModel(model("acyclic ~co as c\n"), {"c"}));   // masked
    CHECK_FALSE(engine::FactoredCount::forModel(model("flag empty rf as none\n"), {}));
    CHECK_FALSE(engine::FactoredCount::forModel(model("~empty rf as some\n"), {}));
    CHECK(engine::FactoredCount::forModel(testing::model("tso"), {}));
    CHECK(engine::FactoredCount::forModel(testing::model("aarch64"), {}));
}

TEST_CASE("Counting: factored counts equal full enumeration on the fixtures", "[count]") {
    const std::vector<std::pair<std::string, std::string>> sets = {
        {"X86", "tso"}, {"X86", "sc"}, {"AArch64", "aarch64"}, {"RISCV", "riscv"}, {"PPC", "power"}, {"C11", "rc11"}};
    for (const auto& [arch, name] : sets) {
        const cat::Model m = testing::model(name);
        for (const auto& f : testing::fixtures(arch)) {
            const std::string text = testing::readFile(f);
            agree(text, f, m);
            agree(unobserved(text), f + " (exists true)", m);
        }
    }
}

TEST_CASE("Counting: SB's free reads under SC are split, not counted as a product", "[count]") {
    auto c = agree(unobserved(testing::readFile(testing::sourceDir() + "/tests/litmus/X86/SB.litmus")), "SB",
                   testing::model("sc"));
    CHECK(c.positive == 3);   // of the four source pairs, both reading 0 is not SC
}

TEST_CASE("Counting: coherence stress tests count as the full enumeration does", "[count]") {
    // Consistent executions of T threads storing K values each: 14 (2-2), 50 (2-3), 762 (3-2),
    // 576 (4-1: 4! coherence orders times 4! sources).
    const std::vector<std::pair<std::string, std::string>> sets = {
        {"X86", "tso"}, {"AArch64", "aarch64"}, {"RISCV", "riscv"}};
    for (const auto& [arch, name] : sets) {
        const cat::Model m = testing::model(name);
        CHECK(agree(coStress(arch, 2, 2), arch + " 2-2", m).negative == 14);
        CHECK(agree(coStress(arch, 2, 3), arch + " 2-3", m).negative == 50);
        CHECK(agree(coStress(arch, 3, 1), arch + " 3-1", m).negative == 24);
        if (arch == "X86") {
            CHECK(agree(coStress(arch, 3, 2), arch + " 3-2", m, 0).negative == 762);
            auto c = agree(coStress(arch, 4, 1), arch + " 4-1", m, 0);
            CHECK(c.positive + c.negative == 576);
        }
    }
}
