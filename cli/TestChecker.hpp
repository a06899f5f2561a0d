#pragma once
/// TestChecker: checks one test of a `check` batch at a time, start to end — read, parse,
/// model, prepare, engine — within its budget, and renders the result. Each worker thread
/// owns one (and so one Z3 context); the models are shared (cli/SharedModels.hpp).

#include "cli/ExitCode.hpp"
#include "cli/Options.hpp"
#include "cli/SharedModels.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "engine/Execution.hpp"
#include "engine/Explain.hpp"
#include "litmus/Inputs.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace memlit::engine::smt {
class ContextReaper;
class Z3Engine;
}

namespace memlit::cli {

/// `check --svg/--dot`: a witness execution of one allowed state, found right after the
/// check with the same engine, prepared test and model, and the edges its picture draws.
struct CheckPicture {
    std::string title;               // `SB: 0:EAX=0; 1:EAX=0; allowed by tso`
    engine::Execution execution;
    std::vector<engine::ExplainEdge> edges;
};

/// One test's outcome, rendered: what the batch prints in input order, and logs (--output)
/// as soon as it is ready.
struct Finished {
    std::size_t index = 0;   // in the whole input list
    std::string out;         // herd's text block, or the JSON line with --json
    std::string json;        // the JSON line (always)
    std::string err;         // the test's diagnostics and notes, for stderr
    std::string model;       // the model it needed, and that model's load diagnostics,
    std::string modelErr;    // which stderr shows once per run
    std::string name;        // the test's name (its file when it did not parse)
    double seconds = 0;
    ExitCode status = ExitOk;  // ExitOk, ExitInputError or ExitSolverUnknown
    bool mismatch = false;     // --expect-from-comments: the `Result:` comment disagrees
    std::vector<CheckPicture> pictures;  // --svg/--dot: one per allowed state
};

class TestChecker {
public:
    TestChecker(const CheckArgs& args, SharedModels& models);
    ~TestChecker();
    TestChecker(const TestChecker&) = delete;
    TestChecker& operator=(const TestChecker&) = delete;

    /// Checks `input`, the `index`-th of `total` inputs of the run.
    Finished check(const litmus::Input& input, std::size_t index, std::size_t total);

    /// Lifetime::Process: the Z3 context is not freed (cli/Cli.hpp says why), nor are those
    /// still waiting for the reaper (cli/main.cpp ends the process without them).
    void skipFreeingSolver();

private:
    struct Attempt;
    void solve(Attempt& at);
    void render(Attempt& at, Finished& f) const;
    void drawWitnesses(Attempt& at, const engine::PreparedTest& prepared, const cat::Model& model);
    std::string limitMessage(const std::string& limit, std::size_t events) const;

    const CheckArgs& args_;
    SharedModels& models_;
    // Frees the contexts that a --timeout cancelled off this thread; declared before z3_, so
    // it outlives every engine that hands it a context.
    std::unique_ptr<engine::smt::ContextReaper> reaper_;
    std::unique_ptr<engine::smt::Z3Engine> z3_;  // created on first use: a Z3 context is costly
    engine::BruteForceEngine enumerator_;
    engine::EngineSelector engines_;
    engine::CheckOptions options_;
};

}  // namespace memlit::cli
