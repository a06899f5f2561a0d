#pragma once
/// Checker: what one worker of the playground does with a test sent to it — parse it from
/// the request's text (no file is read), check it under a bundled model within the time
/// budget, and answer the same JSON object as `memlit check --json` (docs/cli.md). With
/// --allow-run it also runs the test on this host (runner/), never otherwise. Each worker owns
/// one Checker, and so one Z3 context.

#include "engine/Budget.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "web/Models.hpp"
#include "web/Reply.hpp"
#include "web/ServeOptions.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace memlit::engine::smt {
class ContextReaper;
class Z3Engine;
}

namespace memlit::web {

/// What a request asks to check: the test's text and a bundled model name (empty: the
/// default model of the test's architecture); the axioms to relax (`skipChecks`, as
/// `--skip-check`) and, for explain, the states to explain (`outcome`, as `--outcome`).
struct CheckRequest {
    std::string source;
    std::string model;
    std::optional<std::string> outcome;
    std::vector<std::string> skipChecks;
};

/// The name diagnostics give the test sent (it names no file on the server).
inline constexpr const char* kInputName = "input.litmus";

class Checker {
public:
    Checker(Models& models, const ServeOptions& options);
    ~Checker();
    Checker(const Checker&) = delete;
    Checker& operator=(const Checker&) = delete;

    /// 200 with the check's JSON object (its `status` says ok, unknown or error; a test that
    /// runs out of time is `Unknown (timeout)`); 422 when the test does not parse.
    Reply check(const CheckRequest& request);
    /// The `memlit explain --json` document (report/ExplainApi.hpp) of the condition's states
    /// (or the request's outcome's), each execution with its SVG picture embedded; 422 when
    /// the test does not parse or the outcome is malformed.
    Reply explain(const CheckRequest& request);
    /// --allow-run: `{"check": ..., "run": ...}`, the run as one test of `memlit run --json`.
    Reply run(const CheckRequest& request);

private:
    struct Attempt;
    void solve(Attempt& at);
    engine::Budget budget() const;
    Reply finish(Attempt& at) const;

    Models& models_;
    const ServeOptions& options_;
    /// Frees a context cancelled at the time budget on a thread of its own, so the worker
    /// answers and takes the next request at once (freeing can take seconds). Declared before
    /// z3_: the engine goes first, then the reaper waits for what it still has to free.
    std::unique_ptr<engine::smt::ContextReaper> reaper_;
    std::unique_ptr<engine::smt::Z3Engine> z3_;
    engine::BruteForceEngine enumerator_;
    engine::EngineSelector engines_;
};

}  // namespace memlit::web
