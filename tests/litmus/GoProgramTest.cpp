// Real Go programs (`package main` files): what the front end makes of them, every
// diagnostic word for word, and `go vet` over every .go fixture and example.

#include "litmus/Parser.hpp"
#include "runner/GoGenerator.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace memlit;
using namespace memlit::litmus;

namespace {

std::string diagnose(const std::string& text, const std::string& file = "p.go") {
    Diagnostics d;
    auto t = parseLitmus(text, file, d);
    CHECK_FALSE(t);
    REQUIRE(d.all().size() == 1);
    return Diagnostics::format(d.all()[0]);
}

std::vector<std::string> goFiles() {
    std::vector<std::string> out;
    for (const std::string dir : {"/tests/litmus/goprog", "/examples/go"})
        for (const auto& e : std::filesystem::directory_iterator(testing::sourceDir() + dir))
            if (e.path().extension() == ".go") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("Go programs: package main becomes main's goroutine P0, prints become out1, out2, ...",
          "[litmus][go][goprog]") {
    Diagnostics d;
    auto t = parseLitmus("package main\n\nimport \"fmt\"\n\nconst N = 2\n\nvar (\n\tx int\n\ty = 3\n)\n\n"
                         "func double(v int) int {\n\treturn v * N\n}\n\nfunc main() {\n\tfmt.Println(\"x:\", "
                         "double(y), x)\n}\n",
                         "prog.go", d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    CHECK(t->name == "prog");
    CHECK(t->arch == "Go");
    REQUIRE(t->threads.size() == 1);
    REQUIRE(t->locations.size() == 2);
    CHECK(t->locations[0] == Place{0, "out1"});
    CHECK(t->locations[1] == Place{0, "out2"});
    CHECK(t->condition.text == "exists (true)");
    REQUIRE(t->init.size() == 2);
    CHECK(t->init[1].place.name == "y");
    CHECK(t->init[1].value == Value::number(3));
    // Selected by the first token as well as by the extension.
    auto u = parseLitmus("// a comment first\npackage main\nfunc main() {\n}\n", "stdin", d);
    CHECK(u);
}

TEST_CASE("Go programs: the memlit comment asks a question and sets the unrolling bound", "[litmus][go][goprog]") {
    Diagnostics d;
    auto t = parseLitmus("// memlit: Unroll=3\n// memlit: exists (0:out1=1)\npackage main\n\nimport \"fmt\"\n\n"
                         "func main() {\n\tfmt.Println(1)\n}\n",
                         "q.go", d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    CHECK(t->condition.text == "exists (0:out1=1)");
    REQUIRE(t->meta.size() == 1);
    CHECK(t->meta[0] == std::pair<std::string, std::string>{"Unroll", "3"});
}

TEST_CASE("Go programs: --exists asks the question instead of the file's comment", "[litmus][go][goprog]") {
    ParseOptions o;
    o.exists = "exists (0:out1=2)";
    Diagnostics d;
    auto t = parseLitmus("// memlit: exists (0:out1=1)\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n"
                         "\tfmt.Println(1)\n}\n",
                         "q.go", d, o);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    CHECK(t->condition.text == "exists (0:out1=2)");
    o.exists = "exists (0:out1=";
    Diagnostics bad;
    CHECK_FALSE(parseLitmus("package main\nfunc main() {\n}\n", "q.go", bad, o));
    REQUIRE(bad.all().size() == 1);
    CHECK(Diagnostics::format(bad.all()[0]) ==
          "--exists:1:16: error: expected a value (an integer or a location name), found end of input");
}

TEST_CASE("Go programs: every diagnostic, word for word", "[litmus][go][goprog]") {
    const std::pair<const char*, const char*> cases[] = {
        {"package other\nfunc main() {\n}\n", "p.go:1:1: error: expected 'package main', found 'package'"},
        {"package main\nimport \"os\"\nfunc main() {\n}\n",
         "p.go:2:8: error: unsupported feature: import of \"os\" (memlit knows fmt, sync, sync/atomic, runtime, time)"},
        {"package main\nfunc f() {\n}\n", "p.go:4:1: error: function main is undeclared in the main package"},
        {"package main\nfunc main(a int) {\n}\n",
         "p.go:2:6: error: func main must have no arguments and no return values"},
        {"package main\nx := 1\nfunc main() {\n}\n",
         "p.go:2:1: error: expected a declaration (import, const, var, type or func), found 'x'"},
        {"package main\nconst N = x\nfunc main() {\n}\n",
         "p.go:2:11: error: constants are integer or boolean literals here"},
        {"package main\nimport \"fmt\"\nfunc main() {\n\tgo func() {\n\t\tfmt.Println(1)\n\t}()\n}\n",
         "p.go:5:3: error: unsupported feature: printing from a goroutine other than main (print what it computed "
         "in main)"},
        {"package main\nimport \"fmt\"\nfunc main() {\n\tfmt.Sprint(1)\n}\n",
         "p.go:4:6: error: unsupported feature: the function fmt.Sprint (memlit knows fmt.Println, fmt.Printf, "
         "fmt.Print, time.Sleep, runtime.Gosched, runtime.GC, runtime.SetFinalizer and runtime.KeepAlive)"},
        {"package main\nimport \"runtime\"\ntype S struct {\n\tv, w int\n}\nfunc main() {\n\tp := new(S)\n"
         "\truntime.SetFinalizer(p, func(q *S) {\n\t})\n\tif p.v == 0 {\n\t\truntime.KeepAlive(p)\n\t}\n}\n",
         "p.go:11:3: error: unsupported feature: runtime.KeepAlive in a block inside the one of its SetFinalizer"},
        {"package main\nimport \"runtime\"\ntype S struct {\n\tv, w int\n}\nfunc main() {\n\tp := new(S)\n"
         "\truntime.SetFinalizer(p, func(q *S) {\n\t})\n\tif p.v == 0 {\n\t\treturn\n\t}\n\truntime.KeepAlive(p)\n}\n",
         "p.go:11:3: error: unsupported feature: 'return' between runtime.SetFinalizer and the runtime.KeepAlive of p"},
        {"package main\nimport \"runtime\"\ntype S struct {\n\tv, w int\n}\nfunc main() {\n\tp := new(S)\n"
         "\truntime.SetFinalizer(p, func(q *S) {\n\t})\n\tp = new(S)\n\truntime.KeepAlive(p)\n}\n",
         "p.go:10:2: error: unsupported feature: assigning p between runtime.SetFinalizer and its runtime.KeepAlive"},
        {"package main\nimport \"runtime\"\nvar x int\nfunc main() {\n\truntime.SetFinalizer(x, nil)\n}\n",
         "p.go:5:23: error: unsupported feature: runtime.SetFinalizer of anything but a local pointer variable"},
        {"package main\nimport \"runtime\"\ntype S struct {\n\tv, w int\n}\nfunc main() {\n\tp := new(S)\n"
         "\truntime.SetFinalizer(p, nil)\n}\n",
         "p.go:8:26: error: unsupported feature: runtime.SetFinalizer(x, nil), which removes a finalizer"},
        {"package main\nfunc main() {\n\ts := \"abc\n}\n", "p.go:3:7: error: string literal not terminated"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        CHECK(diagnose(text) == message);
    }
}

TEST_CASE("Go programs: every .go fixture and example passes go vet unchanged", "[go][goprog][vet]") {
    if (std::system("go version > /dev/null 2>&1") != 0) {
        WARN("go is not installed: go vet not run");
        return;
    }
    const std::string cache = (std::filesystem::temp_directory_path() / "memlit-go-vet-cache").string();
    const auto files = goFiles();
    REQUIRE(files.size() >= 8);
    for (const auto& f : files) {
        INFO(f);
        const std::string cmd = "cd " + std::filesystem::temp_directory_path().string() + " && GOCACHE=" + cache +
                                " GOFLAGS= go vet " + f + " > /dev/null 2>&1";
        CHECK(std::system(cmd.c_str()) == 0);
    }
}

TEST_CASE("Go programs: the litmus-form harness generator declines a .go program (memlit run builds it as written)", "[go][goprog]") {
    Diagnostics d;
    auto t = parseLitmus("package main\nfunc main() {\n}\n", "p.go", d);
    REQUIRE(t);
    Diagnostics r;
    CHECK_FALSE(runner::generateGoProgram(*t, r));
    REQUIRE(r.all().size() == 1);
    CHECK(Diagnostics::format(r.all()[0]) ==
          "p.go: error: unsupported feature: the litmus-form harness for a .go program (memlit run builds the "
          "program as written instead)");
}
