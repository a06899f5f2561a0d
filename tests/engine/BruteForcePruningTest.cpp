// The enumerator's pruning of partial candidates: which checks may prune (AxiomsPolarity), and
// that pruned enumeration gives what full enumeration gives, also for models whose checks a
// partial candidate fails but its completions pass.

#include "cat/Model.hpp"
#include "engine/AxiomsPolarity.hpp"
#include "engine/BruteForce.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using testing::stateLines;

namespace {

cat::Model catModel(const std::string& text) { return testing::modelFromText(text, "prune.cat"); }

/// The enumerator's result with and without pruning, which must agree.
engine::CheckResult both(const std::string& fixture, const cat::Model& m, const engine::CheckOptions& o = {}) {
    auto t = testing::parse(testing::sourceDir() + "/tests/litmus/" + fixture);
    Diagnostics d;
    auto p = engine::prepare(t, d);
    REQUIRE(p);
    engine::BruteForceEngine pruned(2000000, true), full(2000000, false);
    auto a = pruned.check(*p, m, o, d);
    auto b = full.check(*p, m, o, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(a);
    REQUIRE(b);
    INFO(fixture);
    CHECK(stateLines(*a) == stateLines(*b));
    CHECK(a->ok == b->ok);
    CHECK(a->positive == b->positive);
    CHECK(a->negative == b->negative);
    CHECK(a->flags == b->flags);
    return *a;
}

}  // namespace

TEST_CASE("AxiomsPolarity: checks over relations that only grow with rf and co persist", "[prune]") {
    auto m = catModel("acyclic po | rf | co | fr as grows\n"
                      "irreflexive (co \\ po) as staticRight\n"
                      "empty rmw & (fre; coe) as atomic\n"
                      "acyclic po \\ rf as dynamicRight\n"
                      "acyclic ~co as complemented\n"
                      "~empty rf as negated\n"
                      "empty FW as coherenceLast\n"
                      "flag ~empty rf as aFlag\n"
                      "let rec hb = po | rf | hb;hb\n"
                      "acyclic hb as recursive\n"
                      "let rec odd = rf \\ odd\n"
                      "acyclic odd as nonMonotoneRec\n"
                      "empty po \\ po as static\n");
    CHECK(engine::persistentChecks(m) ==
          std::vector<bool>{true, true, true, false, false, false, false, false, true, false, true});
}

TEST_CASE("AxiomsPolarity: with only some events present, what missing events may change does not persist",
          "[prune]") {
    // po, loc and the tags restricted to the events present are exact, so differences with
    // them are too; a sequence, a domain or a closure may gain pairs through an event not
    // present yet, and `~empty` may hold once more events are there.
    auto m = catModel("acyclic po | rf | co | fr as grows\n"
                      "irreflexive (co \\ po) as staticRight\n"
                      "irreflexive (co \\ (po;po)) as sequenceRight\n"
                      "empty W \\ domain(po) as domainRight\n"
                      "irreflexive (rf \\ po+) as closureRight\n"
                      "empty (W * W) & ~loc & co as complementedStatic\n"
                      "~empty po as negatedStatic\n"
                      "let rec hb = po | rf | hb;hb\n"
                      "acyclic hb as recursive\n");
    CHECK(engine::persistentChecks(m) == std::vector<bool>{true, true, true, true, true, true, true, true});
    CHECK(engine::persistentChecks(m, true) == std::vector<bool>{true, true, false, false, false, true, false, true});
}

TEST_CASE("AxiomsPolarity: a model that does not evaluate prunes nothing", "[prune]") {
    auto m = catModel("acyclic R as notARelation\n");
    CHECK(engine::persistentChecks(m).empty());
}

TEST_CASE("BruteForce: pruned enumeration equals full enumeration on the fixtures", "[prune]") {
    for (const char* name : {"sc", "tso"})
        for (const auto& f : testing::fixtures("X86")) {
            const std::string rel = "X86/" + f.substr(f.rfind('/') + 1);
            both(rel, testing::model(name));
        }
    for (const auto& f : testing::fixtures("PPC"))
        if (f.find("IRIW") == std::string::npos) both("PPC/" + f.substr(f.rfind('/') + 1), testing::model("power"));
}

TEST_CASE("BruteForce: coherence pruning of values-dependent shapes (lr/sc, branches) equals full enumeration",
          "[prune]") {
    const std::pair<const char*, const char*> sets[] = {{"RISCV", "riscv"}, {"AArch64", "aarch64"}, {"C11", "rc11"}};
    int valuesDependent = 0;
    for (const auto& [arch, model] : sets)
        for (const auto& f : testing::fixtures(arch)) {
            const std::string rel = std::string(arch) + "/" + f.substr(f.rfind('/') + 1);
            Diagnostics d;
            auto p = engine::prepare(testing::parse(testing::sourceDir() + "/tests/litmus/" + rel), d);
            if (!p || p->candidates > 20000) continue;   // keep the full enumeration short
            if (!engine::fixedShape(p->graph)) ++valuesDependent;
            both(rel, testing::model(model));
        }
    CHECK(valuesDependent >= 5);
}

TEST_CASE("BruteForce: a check a partial candidate fails but its completions pass is not pruned", "[prune]") {
    // Every two writes to one location are ordered by co: false of every partial coherence
    // order, true of every complete one. It is built with `\` over co, so it does not prune.
    auto total = catModel("let pairs = ((W * W) & loc) \\ id \\ (IW * IW)\n"
                          "empty pairs \\ (co | co^-1) as total\n"
                          "acyclic po-loc | rf | co | fr as coherence\n");
    auto r = both("X86/2+2W.litmus", total);
    CHECK(r.positive + r.negative == 4);   // the four coherence orders of 2+2W
    // The complement of co: the same question, asked with `~`.
    auto viaComplement = catModel("let pairs = ((W * W) & loc) \\ id \\ (IW * IW)\n"
                                  "empty pairs & ~(co | co^-1) as total\n");
    auto c = both("X86/2+2W.litmus", viaComplement);
    CHECK(c.positive + c.negative == 4);
    // `~empty`: a partial candidate without the rf pair still completes to one with it.
    auto needsRf = catModel("~empty (rf & ext) \\ (IW * _) as talks\n");
    auto n = both("X86/SB.litmus", needsRf);
    CHECK(n.positive + n.negative == 3);   // every candidate where a read reads the other thread's store
}

TEST_CASE("BruteForce: pruning values-dependent Go tests while their read sources are chosen equals full "
          "enumeration", "[prune][go]") {
    // Channels, pointers passed to goroutines and a WaitGroup: guards and addresses that depend
    // on values read, pruned on the events known so far.
    for (const char* f : {"go/X09-go-args.litmus", "go/R01-SB-chan.litmus", "go/A14-alloc-per-goroutine.litmus",
                          "go/C04-buffered-rev.litmus", "go/A05-nil-maybe.litmus"}) {
        Diagnostics d;
        auto p = engine::prepare(testing::parse(testing::sourceDir() + "/tests/litmus/" + f), d);
        REQUIRE(p);
        CHECK_FALSE(engine::fixedShape(p->graph));
        for (const char* name : {"go", "sc"}) both(f, testing::model(name));
    }
}

TEST_CASE("BruteForce: pruning keeps skipped axioms skipped", "[prune]") {
    engine::CheckOptions skip;
    skip.skipChecks = {"sc"};
    auto r = both("X86/SB.litmus", testing::model("sc"), skip);
    CHECK(r.positive + r.negative == 4);   // every candidate, the SC axiom skipped
}

TEST_CASE("BruteForce: pruning on assumptions (a spinlock's read must find it free) equals full enumeration",
          "[prune]") {
    // Lock+counter: each spin_lock's read is assumed to find 0; a source writing 1 is dropped as
    // soon as it is chosen, before the other reads' sources.
    for (const auto& f : testing::fixtures("LKMM")) both("LKMM/" + f.substr(f.rfind('/') + 1), testing::model("lkmm"));
    both("C11/CAS+counter.litmus", testing::model("rc11"));
}
