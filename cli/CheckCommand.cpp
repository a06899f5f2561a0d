#include "cli/CheckCommand.hpp"

#include "cli/Options.hpp"
#include "report/Report.hpp"
#include "litmus/Architecture.hpp"
#include "litmus/Parser.hpp"
#include "litmus/ResultComment.hpp"
#include "cat/ModelCache.hpp"
#include "engine/ArchVocabulary.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "engine/PreparedTest.hpp"
#include "engine/smt/Z3Engine.hpp"

#include <chrono>
#include <fstream>
#include <sstream>
#include <memory>
#include <optional>

namespace memlit::cli {

namespace {

/// One `check` run over its inputs: the models and the Z3 checker are shared by all tests.
class CheckRun {
public:
    CheckRun(const CheckArgs& a, std::ostream& out, std::ostream& err)
        : a_(a), out_(out), err_(err), models_(engine::architectureVocabulary(), a.catDirs) {
        options_.timeoutMs = a.timeoutMs;
        options_.maxExecutions = a.maxExecutions;
        options_.countSeconds = a.countSeconds;
        options_.skipChecks = a.skipChecks;
    }

    ExitCode run(Lifetime lifetime) {
        Diagnostics inputDiags;
        std::vector<std::string> files = litmus::expandInputs(a_.inputs, inputDiags);
        if (inputDiags.hasErrors()) {
            inputDiags.print(err_);
            worsen(ExitInputError);
        }
        for (const auto& file : files) checkFile(file);
        if (lifetime == Lifetime::Process) (void)checker_.release();  // see Lifetime::Process
        return status_;
    }

private:
    void worsen(ExitCode code) {
        // A solver give-up (3) is reported unless an input error (1) already was.
        if (status_ == ExitOk || (status_ == ExitSolverUnknown && code == ExitInputError)) status_ = code;
    }

    /// The engine chosen by --engine answers for one test, its event graph built once.
    std::optional<engine::CheckResult> solve(const litmus::LitmusTest& test, const cat::Model& model,
                                             Diagnostics& diags) {
        auto prepared = engine::prepare(test, diags);
        if (!prepared) return std::nullopt;
        return engines_.check(*prepared, model, options_, diags);
    }

    /// The model for a test; a model that failed before is reported only in the test's errors.
    const cat::Model* model(report::CheckReport& rep) {
        const bool failedBefore = models_.failed(rep.model);
        Diagnostics modelDiags;
        const cat::Model* m = models_.get(rep.model, modelDiags);
        if (!failedBefore) modelDiags.print(err_);
        for (const auto& d : modelDiags.all()) rep.errors.push_back(Diagnostics::format(d));
        return m;
    }

    void checkFile(const std::string& file) {
        auto start = std::chrono::steady_clock::now();
        Diagnostics diags;
        report::CheckReport rep;
        rep.file = file;
        std::optional<litmus::LitmusTest> test = litmus::loadLitmus(file, diags, a_.parse);
        std::optional<engine::CheckResult> result;
        if (test) {
            rep.test = &*test;
            rep.model = a_.model ? *a_.model : defaultModelFor(test->arch);
            if (const cat::Model* m = model(rep)) {
                try {
                    result = solve(*test, *m, diags);
                } catch (const InternalError& e) {
                    diags.error(file, {}, std::string("internal error: ") + e.what());
                }
            }
        }
        rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        diags.print(err_);
        for (const auto& d : diags.all()) rep.errors.push_back(Diagnostics::format(d));
        rep.unsupported = diags.onlyUnsupported();
        if (result) {
            rep.result = &*result;
            noteResult(file, *result);
        } else {
            worsen(ExitInputError);
        }
        if (a_.json) report::printJson(out_, rep);
        else report::printText(out_, rep);
        if (a_.expectFromComments && test && result) compareWithComment(file, *test, *result);
        out_.flush();
    }

    /// --expect-from-comments: `Expect NAME Never: match` (or `MISMATCH, observed ...`) on
    /// stdout (stderr with --json); a mismatch makes the exit status 4.
    void compareWithComment(const std::string& file, const litmus::LitmusTest& test, const engine::CheckResult& r) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        std::ostream& o = a_.json ? err_ : out_;
        const auto want = litmus::resultComment(text.str());
        if (!want) {
            o << "Expect " << test.name << " none: no 'Result: Never|Sometimes|Always' comment\n";
            return;
        }
        const std::string seen = report::observation(test, r);
        o << "Expect " << test.name << ' ' << *want << ": " << (seen == *want ? "match" : "MISMATCH, observed " + seen)
          << '\n';
        if (seen != *want && status_ == ExitOk) status_ = ExitMismatch;
    }

    /// Tells on stderr when the counts or the states are not complete.
    void noteResult(const std::string& file, const engine::CheckResult& result) {
        if (!result.countsExact && a_.maxExecutions > 0)
            err_ << file << ": note: witness counts stopped after " << result.positive + result.negative
                 << " executions; the states and the verdict are exact\n";
        if (result.unknown) {
            err_ << file << ": error: the solver gave up (timeout); the states may be incomplete\n";
            worsen(ExitSolverUnknown);
        }
    }

    const CheckArgs& a_;
    std::ostream& out_;
    std::ostream& err_;
    cat::ModelCache models_;
    std::unique_ptr<engine::smt::Z3Engine> checker_;  // created on first use: a Z3 context is costly
    engine::BruteForceEngine enumerator_;
    engine::EngineSelector engines_{a_.engine, enumerator_, [this]() -> engine::Engine& {
        if (!checker_) checker_ = std::make_unique<engine::smt::Z3Engine>();
        return *checker_;
    }};
    engine::CheckOptions options_;
    ExitCode status_ = ExitOk;
};

}  // namespace

std::string defaultModelFor(const std::string& arch) {
    const litmus::Architecture* a = litmus::findArchitecture(arch);
    return a ? std::string(a->defaultModel) : "sc";
}

ExitCode checkCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                      Lifetime lifetime) {
    CheckArgs a;
    if (auto stop = parseCheck(args, a, out, err)) return *stop;
    return CheckRun(a, out, err).run(lifetime);
}

}  // namespace memlit::cli
