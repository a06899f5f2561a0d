// The C front end's allocation and freeing (litmus/c/CHeap.cpp): malloc/kmalloc/kzalloc as
// one IR Alloc of one cell, free/kfree as an IR Free of the pointer, and every diagnostic of
// a malformed or unsupported call, word for word.

#include "litmus/Parser.hpp"
#include "tests/litmus/ParseHelpers.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::litmus;
using namespace memlit::testing;

namespace {

std::string body(const std::string& stmt) {
    return "C T\n{}\nP0(int **gp) {\n  " + stmt + "\n}\nexists (0:r0=0)\n";
}

}  // namespace

TEST_CASE("C heap: every allocation spelling is one Alloc of one cell; free and kfree are Frees", "[litmus][c]") {
    for (const char* alloc : {"malloc(sizeof(int))", "malloc(sizeof *p)", "malloc(sizeof(*p))", "malloc(sizeof p)",
                              "kmalloc(sizeof(*p), GFP_KERNEL)", "kzalloc(sizeof(int), GFP_ATOMIC | __GFP_ZERO)"}) {
        INFO(alloc);
        for (const char* f : {"free", "kfree"}) {
            auto t = parseOk(body(std::string("int *p = ") + alloc + "; WRITE_ONCE(*gp, p); " + f + "(p);"));
            auto allocs = opsOf<Alloc>(t.threads[0]);
            REQUIRE(allocs.size() == 1);
            CHECK(allocs[0].cells == 1);
            auto frees = opsOf<Free>(t.threads[0]);
            REQUIRE(frees.size() == 1);
            CHECK(frees[0].addr == Expr::reg("p"));
            auto stores = opsOf<Store>(t.threads[0]);
            REQUIRE(stores.size() == 1);
            CHECK(stores[0].value == Expr::reg("p"));
        }
    }
}

TEST_CASE("C heap: free(NULL) is a Free of 0, which frees nothing", "[litmus][c]") {
    auto t = parseOk(body("free(NULL);"));
    auto frees = opsOf<Free>(t.threads[0]);
    REQUIRE(frees.size() == 1);
    CHECK(frees[0].addr == Expr::constant(0));
}

TEST_CASE("C heap: malformed and unsupported allocations get a positioned diagnostic", "[litmus][c]") {
    const std::pair<std::string, const char*> cases[] = {
        {body("int *p = malloc(8);"),
         "t.litmus:4:19: error: unsupported feature: an allocation of anything but one object (write 'sizeof(T)' or "
         "'sizeof *p')"},
        {body("int *p = malloc(2 * sizeof(int));"),
         "t.litmus:4:19: error: unsupported feature: an allocation of anything but one object (write 'sizeof(T)' or "
         "'sizeof *p')"},
        {body("int *p = malloc(sizeof(int) * 2);"),
         "t.litmus:4:31: error: unsupported feature: an allocation of anything but one object (write 'sizeof(T)' or "
         "'sizeof *p')"},
        {body("int *p = kmalloc(sizeof(int));"), "t.litmus:4:31: error: expected ',' and the allocation flags, found ')'"},
        {body("int *p = kmalloc(sizeof(int), 3);"),
         "t.litmus:4:33: error: expected allocation flags such as GFP_KERNEL, then ')', found '3'"},
        {body("int *p = malloc(sizeof);"), "t.litmus:4:25: error: expected a type or an expression after 'sizeof', found ')'"},
        {body("free(gp);"), "t.litmus:4:8: error: free of 'gp', a location of the test: only memory from malloc can be freed"},
        {body("kfree(*gp, *gp);"), "t.litmus:4:3: error: kfree takes 1 argument, found 2"},
    };
    for (const auto& [text, want] : cases) {
        INFO(text);
        Diagnostics d;
        CHECK_FALSE(parseLitmus(text, "t.litmus", d));
        REQUIRE(d.all().size() >= 1);
        CHECK(Diagnostics::format(d.all()[0]) == want);
    }
}
