#include "web/Checker.hpp"

#include "engine/Budget.hpp"
#include "engine/PreparedTest.hpp"
#include "engine/smt/ContextReaper.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"
#include "report/ExplainApi.hpp"
#include "report/Report.hpp"
#include "report/RunReport.hpp"
#include "runner/ArchGenerator.hpp"
#include "runner/Runner.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <new>
#include <optional>
#include <sstream>

namespace memlit::web {

Reply errorReply(int status, const std::string& message) {
    return {status, nlohmann::json{{"error", message}}.dump()};
}

/// One request's test on its way through the checker.
struct Checker::Attempt {
    const CheckRequest& request;
    engine::Budget budget;
    Diagnostics diags;
    report::CheckReport rep;
    std::optional<litmus::LitmusTest> test;
    std::optional<engine::CheckResult> result;
};

Checker::Checker(Models& models, const ServeOptions& options)
    : models_(models),
      options_(options),
      reaper_(std::make_unique<engine::smt::ContextReaper>()),
      engines_("auto", enumerator_, [this]() -> engine::Engine& {
          if (!z3_) z3_ = std::make_unique<engine::smt::Z3Engine>(reaper_.get());
          return *z3_;
      }) {}

Checker::~Checker() = default;

void Checker::solve(Attempt& at) {
    at.test = litmus::parseLitmus(at.request.source, kInputName, at.diags);
    if (!at.test) return;
    at.rep.test = &*at.test;
    const litmus::Architecture* arch = litmus::findArchitecture(at.test->arch);
    at.rep.model = !at.request.model.empty() ? at.request.model : arch ? std::string(arch->defaultModel) : "sc";
    const cat::Model* model = models_.get(at.rep.model, at.diags);
    if (!model) return;
    try {
        auto prepared = engine::prepare(*at.test, at.diags);
        if (!prepared) return;
        engine::CheckOptions options;
        options.budget = at.budget;
        options.skipChecks = at.request.skipChecks;
        at.result = engines_.check(*prepared, *model, options, at.diags);
    } catch (const engine::BudgetExceeded& e) {
        at.rep.limit = e.kind == engine::BudgetExceeded::Kind::Time ? "timeout" : "memory";
    } catch (const std::bad_alloc&) {
        at.rep.limit = "memory";
    } catch (const InternalError& e) {
        at.diags.error(kInputName, {}, std::string("internal error: ") + e.what());
    }
    z3_.reset();  // a fresh context per test, as `check` does: answers must not depend on history
}

engine::Budget Checker::budget() const {
    const auto deadline = engine::Budget::Clock::now() +
                          std::chrono::duration_cast<engine::Budget::Clock::duration>(
                              std::chrono::duration<double>(options_.timeoutSeconds));
    return engine::Budget(deadline, 0);
}

Reply Checker::finish(Attempt& at) const {
    if (at.result) at.rep.result = &*at.result;
    if (at.rep.limit == "timeout") {
        std::ostringstream limit;
        limit << options_.timeoutSeconds;
        at.diags.error(kInputName, {}, "the check took longer than the server's time budget of " + limit.str() +
                                           " s; its verdict is Unknown (timeout)");
    }
    for (const auto& d : at.diags.all()) at.rep.errors.push_back(Diagnostics::format(d));
    at.rep.unsupported = at.diags.onlyUnsupported();
    std::ostringstream json;
    report::printJson(json, at.rep);
    std::string body = json.str();
    while (!body.empty() && body.back() == '\n') body.pop_back();
    return {at.test ? 200 : 422, body};
}

Reply Checker::check(const CheckRequest& request) {
    const auto start = engine::Budget::Clock::now();
    Attempt at{request, budget(), {}, {}, {}, {}};
    at.rep.file = kInputName;
    solve(at);
    at.rep.seconds = std::chrono::duration<double>(engine::Budget::Clock::now() - start).count();
    return finish(at);
}

Reply Checker::explain(const CheckRequest& request) {
    report::ExplainInput input;
    input.file = kInputName;
    input.text = request.source;
    input.model = request.model;  // a bundled name (Api.cpp refuses any other) or empty
    input.outcome = request.outcome;
    input.skipChecks = request.skipChecks;
    input.timeoutSeconds = options_.timeoutSeconds;
    std::string body = report::explainJson(input, engines_);
    z3_.reset();
    while (!body.empty() && body.back() == '\n') body.pop_back();
    auto doc = nlohmann::json::parse(body, nullptr, false);
    // 422 when the test does not parse or the outcome asked for is malformed (its
    // diagnostics are positioned in `--outcome`, engine/ExplainOutcome.hpp).
    bool parsed = !doc.is_discarded() && !doc.value("name", std::string()).empty();
    if (parsed && doc.contains("errors"))
        for (const auto& e : doc["errors"])
            if (e.is_string() && e.get<std::string>().rfind("--outcome:", 0) == 0) parsed = false;
    return {parsed ? 200 : 422, body};
}

Reply Checker::run(const CheckRequest& request) {
    Attempt at{request, budget(), {}, {}, {}, {}};
    at.rep.file = kInputName;
    solve(at);
    Reply checked = finish(at);
    if (!at.result || !at.rep.limit.empty()) return checked;
    runner::ModelVerdict verdict{at.rep.model, at.result->states, false};
    for (const auto& h : at.result->halts)
        if (h.kind == litmus::Halt::Kind::Cut) verdict.cut = true;
    runner::RunOptions run;
    run.seconds = options_.runSeconds;
    run.timeout = 30;
    runner::RunReport r = runner::runTest(*at.test, verdict, run);
    r.file = kInputName;
    nlohmann::json out{{"check", nlohmann::json::parse(checked.body)},
                       {"run", nlohmann::json::parse(report::runTestJsonLine(r, 0, 1))}};
    return {200, out.dump()};
}

}  // namespace memlit::web
