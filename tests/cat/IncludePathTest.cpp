// The include search path (docs/cat.md, "Includes"): the including file's directory, --cat-dir,
// $MEMLIT_CAT_PATH, the model's own directory and, for a herd-style library (a parent holding
// stdlib.cat), the parent; a missing include stays a positioned error.
#include "cat/Model.hpp"
#include "tests/cat/CatTestUtil.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

using namespace memlit;

namespace {

std::vector<std::string> parseFile(const std::string& path, const std::vector<std::string>& dirs = {}) {
    Diagnostics d;
    auto m = cat::loadModel(path, d, dirs);
    auto out = cattest::lines(d);
    if (m && out.empty()) out.push_back("loads");
    return out;
}

}  // namespace

TEST_CASE("include: a herd-style library's subfolder model finds the library's files", "[cat]") {
    cattest::TempDir lib;
    lib.write("stdlib.cat", "(* herd's library marker *)\n");
    lib.write("shared.cat", "let q = po\n");
    std::filesystem::create_directories(lib.path / "sub");
    lib.write("sub/helper.cat", "include \"shared.cat\"\nlet h = q\n");
    const std::string model = lib.write("sub/m.cat", "include \"helper.cat\"\nacyclic h | rf\n");
    CHECK(parseFile(model) == std::vector<std::string>{"loads"});
    // Without the marker the parent is no library: the include is a positioned error.
    std::filesystem::remove(lib.path / "stdlib.cat");
    const auto out = parseFile(model);
    REQUIRE(out.size() == 1);
    CHECK(out[0] == (lib.path / "sub" / "helper.cat").string() +
                        ":1:1: error: cannot find included file 'shared.cat'");
}

TEST_CASE("include: --cat-dir, then MEMLIT_CAT_PATH's directories, in order", "[cat]") {
    cattest::TempDir a, b, m;
    b.write("lib.cat", "let q = po\n");
    const std::string model = m.write("m.cat", "include \"lib.cat\"\nacyclic q\n");
    CHECK(parseFile(model, {b.path.string()}) == std::vector<std::string>{"loads"});
    ::setenv("MEMLIT_CAT_PATH", ("/no/such/dir::" + a.path.string() + ":" + b.path.string()).c_str(), 1);
    CHECK(parseFile(model) == std::vector<std::string>{"loads"});
    CHECK(cat::catLibraryPath({"X"}) ==
          std::vector<std::string>{"X", "/no/such/dir", a.path.string(), b.path.string()});
    ::unsetenv("MEMLIT_CAT_PATH");
    const auto out = parseFile(model);
    REQUIRE(out.size() == 1);
    CHECK(out[0] == model + ":1:1: error: cannot find included file 'lib.cat'");
}

TEST_CASE("include: herd's lkmm/lock.cat finds cross.cat and cos-opt.cat with no --cat-dir", "[cat]") {
    const std::string dir = testing::sourceDir() + "/../shared/herd-models";
    if (!std::filesystem::is_directory(dir)) {
        WARN("skipped: " << dir << " is absent");
        return;
    }
    for (const char* f : {"lkmm/lock.cat", "lkmm/linux-kernel.cat"}) {
        INFO(f);
        for (const auto& line : parseFile(dir + "/" + f))
            CHECK(line.find("cannot find included file") == std::string::npos);
    }
}
