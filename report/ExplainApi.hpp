#pragma once
/// The explain and picture entry points of the web playground (web/ links every layer but
/// cli/): a test as text in, a JSON document or an SVG out, never an exception for bad input.

#include "engine/Engine.hpp"
#include "engine/Explain.hpp"
#include "litmus/LitmusTest.hpp"
#include "report/Explain.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memlit::report {

struct ExplainInput {
    std::string file = "input.litmus";     // the name diagnostics and positions use
    std::string text;                      // the test itself
    std::string model;                     // a bundled model or a .cat path; empty: the arch's default
    std::optional<std::string> outcome;    // `0:EAX=0; 1:EAX=0;`; unset: the condition's states
    std::vector<std::string> skipChecks;   // axioms relaxed (herd's -skipchecks)
    double timeoutSeconds = 0;             // wall-clock budget; 0: none
    std::vector<std::string> catDirs;      // model search path, as --cat-dir
    std::optional<int> unroll;             // Go and C loops: as --unroll
    std::vector<std::string> variants;     // herd's model variants, as --variant
    std::string bell;                      // herd's bell file, as --bell (empty: the model's cfg)
};

/// One explained input, kept for rendering: `report` points into it, so it is not moved.
struct ExplainRun {
    ExplainReport report;
    std::optional<litmus::LitmusTest> test;
    std::optional<engine::Explanation> explanation;
    ExplainRun() = default;
    ExplainRun(const ExplainRun&) = delete;
    ExplainRun& operator=(const ExplainRun&) = delete;
};

/// Parses, loads the model, prepares and explains `input` into `run` (errors in
/// run.report.errors, a budget overrun in run.report.limit). What explainJson and
/// `memlit explain` share.
void explainInto(const ExplainInput& input, engine::Engine& engine, ExplainRun& run);

/// The document `memlit explain --json` prints, each execution with its picture as an "svg"
/// string field; on bad input, a parse or model error, or past the timeout, the same
/// document with "errors" (formatted `file:line:col: error: ...` lines) and/or "limit".
/// `engine` checks and finds witnesses: e.g. an engine::EngineSelector over a
/// BruteForceEngine and an engine::smt::Z3Engine, as cli/TestChecker builds it.
std::string explainJson(const ExplainInput& input, engine::Engine& engine);

struct WitnessSvg {
    std::string svg;                  // empty when there is none
    std::vector<std::string> errors;  // why not: input errors, or the state is not allowed
};

/// The picture of a witness of the allowed final state `input.outcome` (all shown places
/// given, as `memlit check` prints states) under the model; for the playground's check view.
WitnessSvg checkWitnessSvg(const ExplainInput& input, engine::Engine& engine);

}  // namespace memlit::report
