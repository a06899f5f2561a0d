#include "cli/RunCommand.hpp"

#include "cli/CheckCommand.hpp"
#include "litmus/Architecture.hpp"
#include "cli/Options.hpp"
#include "cli/ResultLog.hpp"
#include "litmus/Parser.hpp"
#include "cat/Ast.hpp"
#include "cat/ModelCache.hpp"
#include "engine/ArchVocabulary.hpp"
#include "report/RunReport.hpp"
#include "runner/ArchGenerator.hpp"
#include "runner/CrossTarget.hpp"
#include "runner/Emit.hpp"
#include "runner/CGenerator.hpp"
#include "runner/GoGenerator.hpp"
#include "runner/GoHalts.hpp"
#include "runner/HarnessCache.hpp"
#include "runner/HostInfo.hpp"
#include "runner/Interrupt.hpp"
#include "runner/Process.hpp"
#include "engine/PreparedTest.hpp"
#include "engine/smt/Z3Engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace memlit::cli {

namespace {

using runner::RunReport;
using runner::RunStatus;

std::string flagsText(const runner::RunOptions& o) {
    std::string s;
    for (const auto& f : o.cxxFlags) s += (s.empty() ? "" : " ") + f;
    return s;
}

RunReport failedReport(const std::string& file, RunStatus status, const std::string& message) {
    RunReport r;
    r.file = file;
    r.name = file;
    r.status = status;
    r.message = message;
    return r;
}

std::string diagText(const Diagnostics& diags) {
    std::ostringstream os;
    diags.print(os);
    std::string s = os.str();
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

/// The labels (runner/GoHalts.hpp) of the halts a Go program may reach in the model: each
/// panicking site of a Panic outcome, and a deadlock for a Blocked one.
std::vector<std::string> goModelHalts(const engine::CheckResult& c) {
    std::vector<std::string> out;
    for (const auto& h : c.halts) {
        if (h.kind == litmus::Halt::Kind::Blocked) out.push_back(runner::kGoDeadlock);
        if (h.kind != litmus::Halt::Kind::Panic) continue;
        for (const auto& site : h.sites)
            if (site.kind == litmus::Halt::Kind::Panic)
                out.push_back(runner::goHaltLabel(site.what.empty() ? site.site.text : site.what));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// True when some execution of the check was cut at the unrolling bound.
bool cutAtBound(const engine::CheckResult& c) {
    return std::any_of(c.halts.begin(), c.halts.end(),
                       [](const engine::HaltOutcome& h) { return h.kind == litmus::Halt::Kind::Cut; });
}

/// One `run` over its inputs: tests are checked by the model, then run (or emitted).
class HardwareRun {
public:
    HardwareRun(const RunArgs& a, std::optional<runner::CrossTarget> target, std::ostream& out, std::ostream& err)
        : a_(a), options_(a.run), target_(std::move(target)), out_(out), err_(err),
          models_(engine::architectureVocabulary(), a.catDirs) {}

    ExitCode run() {
        Diagnostics inputDiags;
        auto files = litmus::expandInputs(a_.inputs, inputDiags);
        inputDiags.print(err_);
        bool failures = inputDiags.hasErrors();
        // An unwritable --json file is found before the first test runs, not after the last.
        if (writingJsonFile() && !writeJson()) return ExitNotRun;
        if (!emitting()) printCompilerLine();
        if (!a_.output.empty() && !(log_ = ResultLog::open(a_.output, a_.resume, inputDiags))) {
            inputDiags.print(err_);
            return ExitUsage;
        }
        runner::InterruptGuard guard;
        if (!setUpCache()) return ExitNotRun;
        const std::size_t chunk = compileAhead() ? 4 * jobs() : files.size();
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (compileAhead() && i % chunk == 0) {
                prebuild(files, i, std::min(files.size(), i + chunk));
                if (int sig = runner::interruptSignal()) return interrupted(sig);
            }
            runLogged(files[i], i, files.size());
            if (int sig = runner::interruptSignal()) return interrupted(sig);
            // What finished is out before the next test starts: the text (a file is buffered)
            // and the whole JSON document so far.
            out_.flush();
            if (writingJsonFile() && !writeJson()) return ExitNotRun;
        }
        if (a_.coverage && textOut() && !emitting()) report::printCoverageText(out_, runner::coverage(reports_));
        bool forbidden = false;
        for (const auto& r : reports_) {
            if (r.status != RunStatus::Ok) {
                failures = true;
                err_ << "memlit run: " << r.file << ": " << runner::statusName(r.status) << ": " << r.message << "\n";
            }
            forbidden = forbidden || r.forbiddenStates > 0;
        }
        if (emitting()) return emit(failures);
        if (a_.json == "-") writeJson();
        if (forbidden) return ExitForbidden;
        return failures ? ExitNotRun : ExitOk;
    }

private:
    bool emitting() const { return !a_.emit.empty(); }
    unsigned jobs() const {
        return a_.jobs > 0 ? a_.jobs : std::max(1u, std::thread::hardware_concurrency());
    }
    /// Harnesses are compiled `jobs()` at a time ahead of their runs, which stay one at a
    /// time (each uses every CPU), when there is more than one test to build.
    bool compileAhead() const { return !emitting() && jobs() > 1 && !options_.cacheDir.empty(); }

    /// Whether this run can execute `test`'s harness: the --target's architecture, or the host's.
    bool runsHere(const litmus::LitmusTest& test, const runner::ArchGenerator& gen) const {
        return target_ ? target_->arch == test.arch || gen.portable() : gen.runsOnHost(test.arch);
    }

    /// What the model says of `test`, to judge its runs by; a C program the model calls
    /// undefined (a data race) has the flag that says so.
    runner::ModelVerdict verdictOf(const litmus::LitmusTest& test, const std::string& modelName,
                                   const engine::CheckResult& checked) const {
        runner::ModelVerdict v{modelName, checked.states, cutAtBound(checked), {}};
        const litmus::Architecture* arch = litmus::findArchitecture(test.arch);
        if (arch && arch->id == litmus::ArchId::Go) v.halts = goModelHalts(checked);
        if (arch && arch->id == litmus::ArchId::C)
            for (const std::string flag : {cat::kUndefinedFlag, "data-race"})
                if (std::find(checked.flags.begin(), checked.flags.end(), flag) != checked.flags.end()) v.undefinedBy = flag;
        return v;
    }

    /// --model, else the architecture's default; a C test calling Linux-kernel primitives is
    /// the kernel's, judged by lkmm rather than rc11.
    std::string modelFor(const litmus::LitmusTest& test) const {
        if (!a_.model.empty()) return a_.model;
        const litmus::Architecture* arch = litmus::findArchitecture(test.arch);
        if (arch && arch->id == litmus::ArchId::C && runner::usesKernelPrimitives(test)) return "lkmm";
        return defaultModelFor(test.arch);
    }

    /// --cache DIR, or with compile-ahead a private cache removed at the end of the run.
    bool setUpCache() {
        if (emitting()) return true;
        if (!a_.cache.empty()) {
            options_.cacheDir = a_.cache;
            return true;
        }
        if (jobs() <= 1) return true;
        std::string error;
        cacheDir_ = runner::TempDir::create("memlit-run-cache-", error);
        if (!cacheDir_) {
            err_ << "memlit run: error: " << error << "\n";
            return false;
        }
        options_.cacheDir = cacheDir_->path();
        return true;
    }

    /// Checks files [begin, end) by the model (kept for their turn) and compiles their
    /// harnesses into the cache, `jobs()` compilers at a time.
    void prebuild(const std::vector<std::string>& files, std::size_t begin, std::size_t end) {
        std::vector<runner::HarnessBuild> builds;
        for (std::size_t i = begin; i < end; ++i)
            if (!alreadyLogged(files[i], i))
                if (auto b = prepare(files[i])) builds.push_back(std::move(*b));
        std::size_t next = 0;
        std::mutex m;
        std::vector<std::thread> workers;
        for (unsigned w = 0; w < std::min<std::size_t>(jobs(), builds.size()); ++w)
            workers.emplace_back([&] {
                for (;;) {
                    std::size_t k;
                    {
                        std::lock_guard<std::mutex> lock(m);
                        if (next == builds.size() || runner::interruptSignal()) return;
                        k = next++;
                    }
                    runner::compileIntoCache(builds[k], options_);
                }
            });
        for (auto& w : workers) w.join();
    }

    /// The C++ harness build of `file` when it is a test this run will compile here (not Go,
    /// not refused); its parsed test and model check are kept for runFile.
    std::optional<runner::HarnessBuild> prepare(const std::string& file) {
        Diagnostics diags;
        auto test = litmus::loadLitmus(file, diags, a_.parse);
        if (!test) return std::nullopt;
        auto gen = runner::makeGenerator(test->arch);
        if (!gen || !runsHere(*test, *gen)) return std::nullopt;
        const std::string modelName = modelFor(*test);
        auto checked = check(*test, modelName, diags);
        if (!checked) return std::nullopt;
        runner::ModelVerdict verdict = verdictOf(*test, modelName, *checked);
        auto source = runner::generateHarness(*test, *gen, verdict, diags);
        prepared_[file] = {std::move(*test), std::move(*checked)};
        if (!source) return std::nullopt;
        return runner::cxxHarnessBuild(*source, options_);
    }

    /// SIGINT or SIGTERM: the test that was running is dropped (its harness and temporary
    /// directory are gone), what finished is written, and the status says which signal.
    ExitCode interrupted(int sig) {
        if (!reports_.empty() && reports_.back().status == RunStatus::Interrupted) reports_.pop_back();
        out_.flush();
        if (!a_.json.empty() && !emitting()) writeJson();
        err_ << "memlit run: interrupted by signal " << sig << "; " << reports_.size()
             << " finished test(s) written\n";
        return static_cast<ExitCode>(ExitInterrupted + sig);
    }
    bool textOut() const { return a_.json != "-"; }
    bool writingJsonFile() const { return !a_.json.empty() && a_.json != "-" && !emitting(); }

    void printCompilerLine() {
        std::string error;
        auto v = runner::compilerVersion(a_.run.cxx, error);
        if (v) compilerVersion_ = *v;
        else err_ << "memlit run: error: " << error << "\n";
        auto host = runner::hostInfo();
        if (textOut())
            out_ << "# memlit run: " << a_.run.cxx << " " << flagsText(a_.run) << " ("
                 << (v ? *v : "unavailable") << "); host " << host.cpu << ", " << host.cores << " CPUs"
                 << (target_ ? "; target " + target_->name + ", " + target_->execution() : "") << "\n\n";
    }

    /// Through the --target's launcher when one is given.
    RunReport runOne(const litmus::LitmusTest& test, const runner::ModelVerdict& verdict) {
        return target_ ? runner::runOnTarget(test, verdict, options_, *target_) : runner::runTest(test, verdict, options_);
    }

    /// The model's allowed states for a test (the engine call), or nullopt with `diags` set.
    std::optional<engine::CheckResult> check(const litmus::LitmusTest& test, const std::string& modelName,
                                             Diagnostics& diags) {
        const cat::Model* model = models_.get(modelName, diags);
        std::optional<engine::CheckResult> checked;
        engine::CheckOptions options;
        options.budget = engine::Budget(std::nullopt, 0, &runner::interruptFlag());  // SIGINT/SIGTERM end it
        try {
            if (model)
                if (auto prepared = engine::prepare(test, diags))
                    checked = checker_.check(*prepared, *model, options, diags);
        } catch (const engine::BudgetExceeded&) {
            diags.error(test.file, {}, "interrupted while checking the model");  // the caller sees the signal
            return std::nullopt;
        }
        return checked;
    }

    /// runFile, skipping a test --resume finds in the --output log and logging the others.
    /// Whether --resume found test `index` (this file) finished in the --output log.
    bool alreadyLogged(const std::string& file, std::size_t index) const {
        if (!log_) return false;
        auto done = log_->previous().find(index);
        return done != log_->previous().end() && done->second.file == file;
    }

    void runLogged(const std::string& file, std::size_t index, std::size_t total) {
        if (alreadyLogged(file, index)) return;
        const std::size_t before = reports_.size();
        runFile(file);
        Diagnostics logDiags;
        // An interrupted test is not finished: --resume must run it again.
        const bool finished = reports_.size() > before && reports_.back().status != RunStatus::Interrupted;
        if (log_ && finished && !log_->append(report::runTestJsonLine(reports_.back(), index, total), logDiags))
            logDiags.print(err_);
    }

    void runFile(const std::string& file) {
        Diagnostics diags;
        std::optional<litmus::LitmusTest> test;
        std::optional<engine::CheckResult> checked;
        if (auto p = prepared_.find(file); p != prepared_.end()) {
            test = std::move(p->second.first);
            checked = std::move(p->second.second);
            prepared_.erase(p);
        } else {
            test = litmus::loadLitmus(file, diags, a_.parse);
        }
        if (!test) {
            reports_.push_back(failedReport(file, RunStatus::InputError, diagText(diags)));
            return;
        }
        const std::string modelName = modelFor(*test);
        const litmus::Architecture* arch = litmus::findArchitecture(test->arch);
        const bool isGo = arch && arch->id == litmus::ArchId::Go;
        if (isGo && emitting()) {
            reports_.push_back(failedReport(file, RunStatus::Unsupported, "--emit does not support Go tests yet"));
            return;
        }
        auto gen = runner::makeGenerator(test->arch);
        if (!isGo && (!gen || (!emitting() && !runsHere(*test, *gen)))) {
            // Refuse before the (slower) model check: nothing could be run anyway.
            runner::ModelVerdict none{modelName, {}};
            reports_.push_back(runOne(*test, none));
            return;
        }
        if (!checked) checked = check(*test, modelName, diags);
        if (!checked) {
            RunReport r = failedReport(file, RunStatus::InputError, diagText(diags));
            r.name = test->name;
            reports_.push_back(r);
            return;
        }
        if (checked->unknown)
            err_ << "memlit run: warning: " << file << ": the solver gave up; allowed states may be incomplete\n";
        runner::ModelVerdict verdict = verdictOf(*test, modelName, *checked);
        if (emitting()) {
            auto source = runner::generateHarness(*test, *gen, verdict, diags);
            if (!source) reports_.push_back(failedReport(file, RunStatus::Unsupported, diagText(diags)));
            else emitted_.push_back({test->name, *source});
            return;
        }
        if (isGo) printGoLine();
        RunReport r = runOne(*test, verdict);
        if (isGo && options_.race)
            r.modelRace = std::find(checked->flags.begin(), checked->flags.end(), "data-race") != checked->flags.end();
        if (textOut() && r.status == RunStatus::Ok) report::printRunText(out_, r);
        reports_.push_back(std::move(r));
    }

    /// Before the first Go test: the Go toolchain's line.
    void printGoLine() {
        if (!textOut() || !goVersion_.empty()) return;
        std::string error;
        goVersion_ = runner::goVersion(a_.run.go, error).value_or("unavailable: " + error);
        out_ << "# memlit run (Go tests): " << (options_.goArch.empty() ? "" : "GOARCH=" + options_.goArch + " ")
             << a_.run.go << " build" << (a_.run.race ? " -race" : "") << " (" << goVersion_ << ")"
             << (target_ ? "; target " + target_->name + ", " + target_->execution() : "") << "\n\n";
    }

    ExitCode emit(bool failures) {
        std::string error;
        const std::string emulator = target_ && target_->emulated() ? target_->launcher.front() : "";
        if (!runner::emitDirectory(a_.emit, emitted_, a_.run.cxxFlags, error, target_ ? a_.run.cxx : "", emulator)) {
            err_ << "memlit run: error: " << error << "\n";
            return ExitNotRun;
        }
        if (textOut())
            out_ << "emitted " << emitted_.size() << " test(s) to " << a_.emit
                 << "; build and run there with `make run` (writes results.json)\n";
        return failures ? ExitNotRun : ExitOk;
    }

    /// Writes the JSON document to --json's file or stdout; false when the file fails.
    bool writeJson() {
        report::RunSummary s;
        s.host = runner::hostInfo();
        s.compiler = a_.run.cxx;
        s.compilerVersion = compilerVersion_;
        s.compilerFlags = flagsText(a_.run);
        s.model = a_.model.empty() ? "default" : a_.model;
        if (target_) {
            s.targetName = target_->name;
            s.targetArch = target_->arch;
            s.targetExecution = target_->execution();
        }
        s.iterations = a_.run.iterations;
        s.seconds = a_.run.seconds;
        s.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        if (a_.coverage) s.coverage = runner::coverage(reports_);
        if (a_.json == "-") {
            report::printRunJson(out_, s, reports_);
            return true;
        }
        // A new file renamed over the old one: a run stopped at any moment leaves a whole
        // document of the tests that finished.
        const std::string part = a_.json + ".part";
        {
            std::ofstream f(part);
            report::printRunJson(f, s, reports_);
            if (f.flush() && std::rename(part.c_str(), a_.json.c_str()) == 0) return true;
        }
        std::remove(part.c_str());
        err_ << "memlit run: error: cannot write " << a_.json << "\n";
        return false;
    }

    const RunArgs& a_;
    runner::RunOptions options_;  // a_.run, with the harness cache
    std::optional<runner::CrossTarget> target_;
    std::ostream& out_;
    std::ostream& err_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    cat::ModelCache models_;
    engine::smt::Z3Engine checker_;
    std::string compilerVersion_, goVersion_;
    std::vector<RunReport> reports_;
    std::unique_ptr<ResultLog> log_;  // --output
    std::vector<runner::EmittedTest> emitted_;
    std::optional<runner::TempDir> cacheDir_;  // the private cache of compile-ahead
    // Tests checked by prebuild, by file, until their turn.
    std::map<std::string, std::pair<litmus::LitmusTest, engine::CheckResult>> prepared_;
};

}  // namespace

ExitCode runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    RunArgs a;
    if (auto stop = parseRun(args, a, out, err)) return *stop;
    std::optional<runner::CrossTarget> target;
    if (!a.target.empty()) {
        target = runner::findTarget(a.target);
        if (!target) {
            std::string known;
            for (const auto& n : runner::targetNames()) known += (known.empty() ? "" : ", ") + n;
            err << "memlit run: error: unknown target '" << a.target << "' (known: " << known << ")\n";
            return ExitUsage;
        }
        // The target's compiler unless --cxx named another; its flags and launcher.
        runner::applyTarget(*target, a.run, a.run.cxx != runner::RunOptions{}.cxx);
    }
    return HardwareRun(a, std::move(target), out, err).run();
}

}  // namespace memlit::cli
