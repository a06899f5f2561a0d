// The runner's per-architecture table: how each architecture's tests run, and which have a
// harness generator.

#include "litmus/Architecture.hpp"
#include "runner/ArchGenerator.hpp"

#include <catch2/catch.hpp>

using namespace memlit;

TEST_CASE("ArchGenerator: X86, X86_64 and AArch64 run as harnesses, Go as a Go program", "[runner][arch]") {
    CHECK(runner::runKind("X86") == runner::RunKind::Harness);
    CHECK(runner::runKind("X86_64") == runner::RunKind::Harness);
    CHECK(runner::runKind("AArch64") == runner::RunKind::Harness);
    CHECK(runner::makeGenerator("AArch64") != nullptr);
    CHECK(runner::runKind("Go") == runner::RunKind::GoProgram);
    CHECK(runner::makeGenerator("X86") != nullptr);
    CHECK(runner::makeGenerator("X86_64") != nullptr);
    CHECK(runner::makeGenerator("Go") == nullptr);
}

TEST_CASE("ArchGenerator: an architecture without a runner entry, or no architecture, cannot run",
          "[runner][arch]") {
    for (const char* arch : {"XYZ", "x86", ""}) {
        INFO(arch);
        CHECK(runner::runKind(arch) == runner::RunKind::None);
        CHECK(runner::makeGenerator(arch) == nullptr);
    }
}

TEST_CASE("ArchGenerator: a harness architecture has a generator and every other kind has none",
          "[runner][arch]") {
    for (const auto& a : litmus::architectures()) {
        const std::string name(a.name);
        INFO(name);
        CHECK((runner::runKind(name) == runner::RunKind::Harness) == (runner::makeGenerator(name) != nullptr));
    }
}

TEST_CASE("ArchGenerator: the X86 word is 4 bytes (Intel syntax), the X86_64 word 8", "[runner][arch]") {
    auto gen = runner::makeGenerator("X86");
    REQUIRE(gen);
    CHECK(gen->wordWidth("X86") == 4);
    CHECK(gen->wordWidth("X86_64") == 8);
}

TEST_CASE("ArchGenerator: the host runs its own architectures natively", "[runner][arch]") {
    for (const auto& host : runner::hostArchitectures())
        if (litmus::findArchitecture(host)) CHECK(runner::runsNatively(host));
#if defined(__x86_64__)
    CHECK(runner::runsNatively("X86"));
    CHECK(runner::runsNatively("X86_64"));
    CHECK_FALSE(runner::runsNatively("AArch64"));
#endif
    CHECK_FALSE(runner::runsNatively("XYZ"));
}
