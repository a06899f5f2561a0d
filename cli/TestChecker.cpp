#include "cli/TestChecker.hpp"

#include "cli/CheckCommand.hpp"
#include "engine/PreparedTest.hpp"
#include "engine/smt/ContextReaper.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"
#include "litmus/ResultComment.hpp"
#include "litmus/State.hpp"
#include "report/Report.hpp"

#include <chrono>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace memlit::cli {

/// One test on its way through the checker.
struct TestChecker::Attempt {
    const litmus::Input& input;
    engine::Budget budget;
    Diagnostics diags;
    report::CheckReport rep;
    std::optional<litmus::LitmusTest> test;
    std::optional<engine::CheckResult> result;
    std::vector<Diagnostic> modelDiags;
    std::size_t events = 0;
    std::vector<CheckPicture> pictures;
};

TestChecker::TestChecker(const CheckArgs& a, SharedModels& models)
    : args_(a),
      models_(models),
      reaper_(std::make_unique<engine::smt::ContextReaper>()),
      engines_(a.engine, enumerator_, [this]() -> engine::Engine& {
          if (!z3_) z3_ = std::make_unique<engine::smt::Z3Engine>(reaper_.get());
          return *z3_;
      }) {
    options_.maxExecutions = a.maxExecutions;
    options_.countSeconds = a.countSeconds;
    options_.skipChecks = a.skipChecks;
}

TestChecker::~TestChecker() = default;

void TestChecker::skipFreeingSolver() {
    engine::smt::Z3Engine* kept = z3_.release();
    engine::smt::ContextReaper* reaper = reaper_.release();
#if defined(__SANITIZE_ADDRESS__)
    // Not leaks to report: kept alive on purpose until the process ends.
    if (kept) __lsan_ignore_object(kept);
    __lsan_ignore_object(reaper);
#else
    (void)kept;
    (void)reaper;
#endif
}

Finished TestChecker::check(const litmus::Input& input, std::size_t index, std::size_t total) {
    const auto start = std::chrono::steady_clock::now();
    std::optional<engine::Budget::Clock::time_point> deadline;
    if (args_.timeoutSeconds > 0)
        deadline = start + std::chrono::duration_cast<engine::Budget::Clock::duration>(
                               std::chrono::duration<double>(args_.timeoutSeconds));
    Attempt at{input, engine::Budget(deadline, args_.maxMemoryMb << 20), {}, {}, {}, {}, {}, 0, {}};
    at.rep.file = input.path;
    at.rep.index = index;
    at.rep.total = total;
    solve(at);
    at.rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Finished f;
    f.index = index;
    render(at, f);
    f.pictures = std::move(at.pictures);
    return f;
}

void TestChecker::solve(Attempt& at) {
    if (at.input.problem) {
        at.diags.error(at.input.problem->file, at.input.problem->loc, at.input.problem->message);
        return;
    }
    at.test = litmus::loadLitmus(at.input.path, at.diags, args_.parse);
    if (!at.test) return;
    at.rep.test = &*at.test;
    at.rep.model = args_.model ? *args_.model : defaultModelFor(at.test->arch);
    if (auto mismatch = litmus::modelMismatch(at.test->arch, at.rep.model)) {
        at.diags.error(at.input.path, {1, 1}, *mismatch);  // the header names the architecture
        return;
    }
    SharedModels::Lookup model = models_.get(at.rep.model);
    at.modelDiags = model.diags;
    if (!model.model) return;
    try {
        at.budget.check();
        auto prepared = engine::prepare(*at.test, at.diags);
        if (!prepared) return;
        at.events = prepared->graph.size();
        if (args_.maxEvents > 0 && at.events > args_.maxEvents) {
            at.rep.limit = "max-events";
            return;
        }
        options_.budget = at.budget;
        at.result = engines_.check(*prepared, *model.model, options_, at.diags);
        if (at.result && (!args_.svg.empty() || !args_.dot.empty())) drawWitnesses(at, *prepared, *model.model);
    } catch (const engine::BudgetExceeded& e) {
        // `check` gives its budgets no stop flag, so Stopped cannot come here.
        at.rep.limit = e.kind == engine::BudgetExceeded::Kind::Time ? "timeout" : "memory";
    } catch (const std::bad_alloc&) {
        at.rep.limit = "memory";
    } catch (const InternalError& e) {
        at.diags.error(at.input.path, {}, std::string("internal error: ") + e.what());
    }
    options_.budget = engine::Budget();
    // A fresh Z3 context for every test: the models Z3 finds (and so the race witnesses
    // printed) depend on the context's history, which must not depend on which tests this
    // worker happened to check before.
    z3_.reset();
}

void TestChecker::drawWitnesses(Attempt& at, const engine::PreparedTest& prepared, const cat::Model& model) {
    Diagnostics quiet;  // the check reported every problem already
    for (const auto& s : at.result->states) {
        auto w = engines_.witness(prepared, model, s, args_.skipChecks, quiet);
        if (!w) continue;
        CheckPicture p{at.test->name + ": " + litmus::formatState(at.result->places, s) + " allowed by " + at.rep.model,
                       std::move(*w), {}};
        p.edges = engine::executionEdges(p.execution);
        const auto relations = engine::modelEdges(model, p.execution, args_.skipChecks);
        p.edges.insert(p.edges.end(), relations.begin(), relations.end());
        at.pictures.push_back(std::move(p));
    }
}

std::string TestChecker::limitMessage(const std::string& limit, std::size_t events) const {
    if (limit == "timeout")
        return "the test took longer than --timeout " + args_.timeoutText + " s; its verdict is Unknown (timeout)";
    if (limit == "max-events")
        return "the test has " + std::to_string(events) + " events, more than --max-events " +
               std::to_string(args_.maxEvents) + "; its verdict is Unknown (max-events)";
    if (args_.maxMemoryMb == 0) return "out of memory while checking the test; its verdict is Unknown (memory)";
    return "memlit's memory use passed --max-memory " + std::to_string(args_.maxMemoryMb) +
           " MB while checking the test; its verdict is Unknown (memory)";
}

namespace {

/// --expect-from-comments: the observation against the test's `Result: Never|Sometimes|Always`.
std::string expectLine(const std::string& file, const litmus::LitmusTest& test, const engine::CheckResult& r,
                       bool& mismatch) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const auto want = litmus::resultComment(text.str());
    if (!want) return "Expect " + test.name + " none: no 'Result: Never|Sometimes|Always' comment\n";
    const std::string seen = report::observation(test, r);
    mismatch = seen != *want;
    return "Expect " + test.name + ' ' + *want + ": " + (mismatch ? "MISMATCH, observed " + seen : "match") + '\n';
}

}  // namespace

void TestChecker::render(Attempt& at, Finished& f) const {
    report::CheckReport& rep = at.rep;
    if (!rep.limit.empty()) at.diags.error(at.input.path, {}, limitMessage(rep.limit, at.events));
    std::ostringstream err;
    at.diags.print(err);
    for (const auto& d : at.modelDiags) rep.errors.push_back(Diagnostics::format(d));
    for (const auto& d : at.diags.all()) rep.errors.push_back(Diagnostics::format(d));
    rep.unsupported = at.diags.onlyUnsupported();
    f.status = ExitOk;
    if (at.result) {
        rep.result = &*at.result;
        if (!at.result->countsExact && args_.maxExecutions > 0)
            err << rep.file << ": note: witness counts stopped after " << at.result->positive + at.result->negative
                << " executions; the states and the verdict are exact\n";
        if (at.result->unknown) {
            err << rep.file << ": error: the solver gave up; the states may be incomplete\n";
            f.status = ExitSolverUnknown;
        }
    } else {
        f.status = rep.limit.empty() ? ExitInputError : ExitSolverUnknown;
    }
    std::ostringstream json, out;
    report::printJson(json, rep);
    f.json = json.str();
    if (args_.json) f.out = f.json;
    else {
        report::printText(out, rep);
        f.out = out.str();
    }
    if (args_.expectFromComments && at.test && at.result) {
        // `Expect NAME WORD: match` (or `MISMATCH, observed ...`) after the result; on stderr
        // with --json, so stdout stays one JSON object per line.
        std::string line = expectLine(at.input.path, *at.test, *at.result, f.mismatch);
        if (args_.json) {
            err << line;
        } else {
            out << line;
            f.out = out.str();
        }
    }
    f.err = err.str();
    f.model = rep.model;
    std::ostringstream modelErr;
    for (const auto& d : at.modelDiags) modelErr << Diagnostics::format(d) << '\n';
    f.modelErr = modelErr.str();
    f.name = at.test ? at.test->name : rep.file;
    f.seconds = rep.seconds;
}

}  // namespace memlit::cli
