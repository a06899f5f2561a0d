// CGenerator: C litmus tests (C11 atomics, Linux-kernel primitives) as the harness's C++
// statements: the golden text of SB with relaxed atomics and MP with release/acquire, the
// declarations completed, and what is declined, at its position.

#include "litmus/Parser.hpp"
#include "runner/CGenerator.hpp"
#include "runner/CPrimitives.hpp"
#include "runner/HarnessSource.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

const std::string kLitmus = std::string(MEMLIT_SOURCE_DIR) + "/tests/litmus/";
const std::string kGolden = std::string(MEMLIT_SOURCE_DIR) + "/tests/runner/golden/";

std::string readFile(const std::string& path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

std::string diagText(const Diagnostics& d) {
    std::ostringstream os;
    d.print(os);
    return os.str();
}

litmus::LitmusTest parse(const std::string& text) {
    Diagnostics diags;
    auto t = litmus::parseLitmus(text, "T.litmus", diags);
    INFO(diagText(diags));
    REQUIRE(t);
    return *t;
}

/// Thread `thread`'s statements; empty when refused.
std::vector<std::string> lines(const litmus::LitmusTest& t, int thread, Diagnostics& diags) {
    auto a = runner::CGenerator().translate(t, thread, diags);
    return a ? a->lines : std::vector<std::string>{};
}

/// Every thread's refusals.
std::string refusals(const litmus::LitmusTest& t) {
    Diagnostics diags;
    for (std::size_t i = 0; i < t.threads.size(); ++i) CHECK(lines(t, static_cast<int>(i), diags).empty());
    return diagText(diags);
}

}  // namespace

TEST_CASE("C harness: SB+rlx and MP+relacq match the golden text", "[runner][c]") {
    for (const char* name : {"SB+rlx", "MP+relacq"}) {
        DYNAMIC_SECTION(name) {
            Diagnostics diags;
            auto test = litmus::loadLitmus(kLitmus + "C11/" + name + ".litmus", diags);
            INFO(diagText(diags));
            REQUIRE(test);
            runner::CGenerator gen;
            std::vector<std::string> preamble;
            std::string functions;
            for (std::size_t t = 0; t < test->raw.size(); ++t) {
                auto code = gen.translate(*test, static_cast<int>(t), diags);
                REQUIRE(code);
                for (const auto& p : code->preamble)
                    if (std::find(preamble.begin(), preamble.end(), p) == preamble.end()) preamble.push_back(p);
                auto f = runner::generateThreadFunction(*test, gen, static_cast<int>(t), diags);
                REQUIRE(f);
                functions += *f + "\n";
            }
            std::string code;
            for (const auto& p : preamble) code += p + "\n";
            code += "\n" + functions;
            const std::string golden = kGolden + "C-" + name + ".txt";
            if (code != readFile(golden)) std::ofstream(golden + ".actual") << code;
            CHECK(code == readFile(golden));
        }
    }
}

TEST_CASE("C harness: declarations start at 0, undeclared locals are declared, locations bound", "[runner][c]") {
    auto t = parse("C D\n{ int *p = &x; 0:r3 = y; }\n"
                   "P0(int *x, int **p) {\n"
                   "  int r0, r1 = 2;\n"
                   "  r2 = READ_ONCE(*x) + r1;\n"
                   "}\n"
                   "exists (0:r0=0 /\\ 0:r2=0 /\\ 0:r3=0)\n");
    Diagnostics diags;
    CHECK(lines(t, 0, diags) == std::vector<std::string>{"int* const x = (int*)memlit_loc_x;",
                                                          "int* const y = (int*)memlit_loc_y;",
                                                          "intptr_t r2 = 0;", "intptr_t r3 = (intptr_t)memlit_loc_y;",
                                                          "int r0 = 0, r1 = 2;", "r2 = READ_ONCE(*x) + r1;"});
    INFO(diagText(diags));
    CHECK(!diags.hasErrors());
}

TEST_CASE("C harness: RCU is declined at each call, with its position", "[runner][c]") {
    Diagnostics diags;
    auto test = litmus::loadLitmus(kLitmus + "LKMM/RCU+gp.litmus", diags);
    REQUIRE(test);
    const std::string f = kLitmus + "LKMM/RCU+gp.litmus";
    const std::string why = " is not supported on hardware: the harness has no RCU grace periods (memlit run)\n";
    CHECK(refusals(*test) == f + ":7:2: error: unsupported feature: 'rcu_read_lock'" + why +
                                 f + ":10:2: error: unsupported feature: 'rcu_read_unlock'" + why +
                                 f + ":16:2: error: unsupported feature: 'synchronize_rcu'" + why);
}

TEST_CASE("C harness: an observed local declared in an inner block is declined", "[runner][c]") {
    auto t = parse("C Inner\n{ }\n"
                   "P0(int *x) {\n"
                   "  if (READ_ONCE(*x) == 0) {\n"
                   "    int r0 = 1;\n"
                   "  }\n"
                   "}\n"
                   "exists (0:r0=1)\n");
    CHECK(refusals(t) == "T.litmus:5:9: error: unsupported feature: observed local 'r0' declared in an inner "
                         "block: the harness reads it after the thread's code (memlit run)\n");
}

TEST_CASE("C harness: a const parameter is written through; 128-bit integers are declined", "[runner][c]") {
    Diagnostics diags;
    CHECK(lines(parse("C K\n{ }\nP0(const int* y) {\n  *y = 1;\n}\nexists (y=1)\n"), 0, diags) ==
          std::vector<std::string>{"int* const y = (int*)memlit_loc_y;", "*y = 1;"});
    CHECK(refusals(parse("C W\n{ }\nP0(int *x) {\n  __int128 r0 = *x;\n}\nexists (0:r0=0)\n")) ==
          "T.litmus:4:3: error: unsupported feature: 128-bit integers: each location of the harness is 64 bits "
          "(memlit run)\n");
}

TEST_CASE("C harness: kernel primitives map to their user-space equivalents", "[runner][c]") {
    auto def = [](const std::string& name) {
        auto p = runner::cCall(name);
        REQUIRE(p);
        REQUIRE(p->definitions.size() == 1);
        return p->definitions[0];
    };
    CHECK(def("READ_ONCE") == "#define READ_ONCE(x) (*(volatile __typeof__(x)*)&(x))");
    CHECK(def("smp_mb") == "#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)");
    CHECK(def("smp_rmb") == "#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQ_REL)");
    CHECK(def("smp_store_release") == "#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)");
    CHECK(def("xchg_relaxed") == "#define xchg_relaxed(p, v) __atomic_exchange_n((p), (v), __ATOMIC_RELAXED)");
    CHECK(def("xchg") == "#define xchg(p, v) ({ __typeof__(*(p)) memlit_t; __atomic_thread_fence(__ATOMIC_SEQ_CST); "
                         "memlit_t = __atomic_exchange_n((p), (v), __ATOMIC_RELAXED); "
                         "__atomic_thread_fence(__ATOMIC_SEQ_CST); memlit_t; })");
    CHECK(def("atomic_inc") == "#define atomic_inc(v) ((void)__atomic_fetch_add((v), 1, __ATOMIC_RELAXED))");
    CHECK(def("atomic_add_return_acquire") ==
          "#define atomic_add_return_acquire(i, v) __atomic_add_fetch((v), (i), __ATOMIC_ACQUIRE)");
    CHECK(def("atomic_fetch_add_release") ==
          "#define atomic_fetch_add_release(i, v) __atomic_fetch_add((v), (i), __ATOMIC_RELEASE)");
    // The C11 name wins, as in the front end: pointer first.
    CHECK(def("atomic_fetch_add") == "#define atomic_fetch_add(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)");
    CHECK(def("atomic_compare_exchange_weak_explicit") ==
          "#define atomic_compare_exchange_weak_explicit(p, e, d, s, f) __atomic_compare_exchange_n((p), (e), (d), 1, s, f)");
    CHECK(!runner::cCall("atomic_and_and_test"));
    CHECK(!runner::cCall("printf"));
}

TEST_CASE("C harness: a test calling kernel primitives is the kernel's", "[runner][c]") {
    for (const char* name : {"LKMM/SB+mbs", "LKMM/Lock+counter", "LKMM/Xchg+cmpxchg", "C11/SB+rlx", "C11/MP+racy"}) {
        Diagnostics diags;
        auto test = litmus::loadLitmus(kLitmus + name + ".litmus", diags);
        REQUIRE(test);
        CHECK(runner::usesKernelPrimitives(*test) == (std::string(name).rfind("LKMM", 0) == 0));
    }
}
