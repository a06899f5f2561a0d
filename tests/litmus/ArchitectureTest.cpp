// The architecture records: lookup by header name, defaults, and that every tag a front end
// attaches to an event in our fixtures is one its architecture declares.

#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <variant>

using namespace memlit;

namespace {

std::vector<std::string> opTags(const litmus::Op& op) {
    return std::visit(
        [](const auto& o) -> std::vector<std::string> {
            if constexpr (requires { o.tags; }) return o.tags;
            else return {};
        },
        op.kind);
}

}  // namespace

TEST_CASE("Architecture: records are found by their header names", "[litmus][arch]") {
    REQUIRE(litmus::findArchitecture("X86") != nullptr);
    CHECK(litmus::findArchitecture("X86")->defaultModel == "tso");
    CHECK(litmus::findArchitecture("X86_64")->defaultModel == "tso");
    CHECK(litmus::findArchitecture("AArch64")->defaultModel == "aarch64");
    CHECK(litmus::findArchitecture("AArch64")->defaultType == litmus::ValueType{32, true});
    CHECK(litmus::findArchitecture("Go")->defaultModel == "go");
    CHECK(litmus::findArchitecture("x86") == nullptr);
    CHECK(litmus::findArchitecture("") == nullptr);
}

TEST_CASE("Architecture: every tag a front end attaches in the fixtures is declared", "[litmus][arch]") {
    std::size_t tagged = 0;
    for (const char* dir : {"X86", "AArch64", "go"}) {
        for (const auto& e : std::filesystem::directory_iterator(std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/" + dir)) {
            if (e.path().extension() != ".litmus") continue;
            Diagnostics diags;
            auto test = litmus::loadLitmus(e.path().string(), diags);
            if (!test) continue;  // fixtures of diagnostics
            const litmus::Architecture* arch = litmus::findArchitecture(test->arch);
            REQUIRE(arch != nullptr);
            for (const auto& t : test->threads)
                for (const auto& op : t.ops)
                    for (const auto& tag : opTags(op)) {
                        INFO(e.path().filename().string() << ": tag " << tag);
                        CHECK(std::find(arch->tags.begin(), arch->tags.end(), tag) != arch->tags.end());
                        ++tagged;
                    }
        }
    }
    CHECK(tagged > 100);
}
