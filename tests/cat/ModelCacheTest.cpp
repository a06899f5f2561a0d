// cat::ModelCache: one load per model name per run, failures remembered.

#include "cat/ModelCache.hpp"
#include "engine/ArchVocabulary.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace memlit;

TEST_CASE("ModelCache: a model is loaded once and shared by later requests", "[cat]") {
    cat::ModelCache cache(engine::architectureVocabulary());
    Diagnostics d1, d2;
    const cat::Model* a = cache.get("sc", d1);
    const cat::Model* b = cache.get("sc", d2);
    REQUIRE(a);
    CHECK(a == b);
    CHECK(d1.all().empty());
    CHECK(d2.all().empty());
    CHECK_FALSE(cache.failed("sc"));
}

TEST_CASE("ModelCache: a failed model reports its diagnostics once, then only that it failed", "[cat]") {
    cat::ModelCache cache(engine::architectureVocabulary());
    Diagnostics first, second;
    CHECK_FALSE(cache.failed("nosuchmodel"));
    CHECK(cache.get("nosuchmodel", first) == nullptr);
    REQUIRE(first.all().size() == 1);
    CHECK(Diagnostics::format(first.all()[0]).rfind("memlit: error: unknown model 'nosuchmodel'", 0) == 0);
    CHECK(cache.failed("nosuchmodel"));
    CHECK(cache.get("nosuchmodel", second) == nullptr);
    REQUIRE(second.all().size() == 1);
    CHECK(Diagnostics::format(second.all()[0]) == "memlit: error: model 'nosuchmodel' could not be loaded");
}

TEST_CASE("ModelCache: names are looked up in the search directories before the bundled models", "[cat]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "memlit-modelcache-test";
    fs::create_directories(dir);
    std::ofstream(dir / "sc.cat") << "\"not the bundled sc\"\nacyclic po | rf as mine\n";
    cat::ModelCache mine(engine::architectureVocabulary(), {dir.string()});
    cat::ModelCache bundled(engine::architectureVocabulary());
    Diagnostics diags;
    const cat::Model* m = mine.get("sc", diags);
    const cat::Model* b = bundled.get("sc", diags);
    fs::remove_all(dir);
    REQUIRE(m);
    REQUIRE(b);
    CHECK(m->name == "not the bundled sc");
    CHECK(b->name != m->name);
}
