#include "runner/Runner.hpp"

#include "runner/ArchGenerator.hpp"
#include "runner/GoGenerator.hpp"
#include "runner/HarnessCache.hpp"
#include "runner/HarnessRuntime.hpp"
#include "runner/Process.hpp"
#include "litmus/Verdict.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace memlit::runner {

namespace {

const std::pair<RunStatus, const char*> kStatusNames[] = {
    {RunStatus::Ok, "ok"},
    {RunStatus::Unsupported, "unsupported"},
    {RunStatus::InputError, "input-error"},
    {RunStatus::CompilerMissing, "compiler-missing"},
    {RunStatus::CompileFailed, "compile-error"},
    {RunStatus::Crashed, "crash"},
    {RunStatus::TimedOut, "timeout"},
    {RunStatus::BadOutput, "bad-output"},
    {RunStatus::Interrupted, "interrupted"},
};

}  // namespace

std::string statusName(RunStatus s) {
    for (const auto& [st, name] : kStatusNames)
        if (st == s) return name;
    return "unknown";
}

std::optional<RunStatus> parseStatusName(const std::string& s) {
    for (const auto& [st, name] : kStatusNames)
        if (s == name) return st;
    return std::nullopt;
}

std::optional<HarnessRun> parseHarnessOutput(const std::string& out,
                                             const std::vector<litmus::Place>& places,
                                             std::string& error, bool partial) {
    std::istringstream in(out);
    std::string line, word;
    HarnessRun r;
    bool header = false, end = false;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        std::istringstream ls(line);
        ls >> word;
        bool good = true;
        if (word == "memlit-harness") {
            int v = 0;
            good = static_cast<bool>(ls >> v) && v == kHarnessProtocol;
            header = good;
        } else if (word == "threads") {
            std::string c, p;
            int pinned = 0;
            good = static_cast<bool>(ls >> r.threads >> c >> r.cpus >> p >> pinned);
            r.pinned = pinned != 0;
            std::string w;
            r.workers = good && ls >> w && w == "workers" && ls >> r.workers ? r.workers : r.threads;
        } else if (word == "iterations") {
            good = static_cast<bool>(ls >> r.iterations);
        } else if (word == "seconds") {
            good = static_cast<bool>(ls >> r.seconds);
        } else if (word == "state") {
            ObservedState s;
            good = static_cast<bool>(ls >> s.count);
            std::string v;
            while (good && ls >> v) {
                if (v[0] == '@') {
                    s.state.values.push_back(litmus::Value::address(v.substr(1)));
                } else {
                    try {
                        s.state.values.push_back(litmus::Value::number(std::stoll(v)));
                    } catch (const std::exception&) {
                        good = false;
                    }
                }
            }
            good = good && s.state.values.size() == places.size();
            r.histogram.push_back(std::move(s));
        } else if (word == "end") {
            end = true;
        } else {
            good = false;
        }
        if (!good || !header) {
            error = "unreadable harness output at line " + std::to_string(lineNo) + ": '" + line + "'";
            return std::nullopt;
        }
    }
    if (!end && !partial) {
        error = "harness output ends early";
        return std::nullopt;
    }
    if (!header && partial) return r;
    std::stable_sort(r.histogram.begin(), r.histogram.end(),
                     [](const auto& a, const auto& b) { return litmus::stateLess(a.state, b.state); });
    std::vector<ObservedState> merged;
    for (auto& s : r.histogram) {
        if (!merged.empty() && merged.back().state == s.state) merged.back().count += s.count;
        else merged.push_back(std::move(s));
    }
    r.histogram = std::move(merged);
    return r;
}

std::optional<std::string> compilerVersion(const std::string& cxx, std::string& error) {
    auto r = runProcess({cxx, "--version"}, 30);
    if (!r.succeeded()) {
        error = "compiler '" + cxx + "' " + r.describe();
        return std::nullopt;
    }
    return r.out.substr(0, r.out.find('\n'));
}

std::vector<std::string> compileCommand(const RunOptions& options, const std::string& source,
                                        const std::string& binary) {
    std::vector<std::string> cmd{options.cxx};
    cmd.insert(cmd.end(), options.cxxFlags.begin(), options.cxxFlags.end());
    cmd.insert(cmd.end(), {"-o", binary, source});
    return cmd;
}

namespace {

/// A run that failed with `status`, keeping what it printed when the build says so.
HarnessRun partialRun(const HarnessBuild& build, const ProcessResult& run, RunStatus status, std::string message) {
    HarnessRun r = failedRun(status, std::move(message));
    std::string error;
    if (!build.keepPartial) return r;
    if (auto parsed = parseHarnessOutput(run.out, build.places, error, true)) {
        r.threads = parsed->threads;
        r.cpus = parsed->cpus;
        r.pinned = parsed->pinned;
        r.workers = parsed->workers;
        r.histogram = std::move(parsed->histogram);
        for (const auto& o : r.histogram) r.iterations += o.count;
    }
    if (build.raceExitCode >= 0) r.raceDetected = run.err.find("WARNING: DATA RACE") != std::string::npos;
    return r;
}

}  // namespace

HarnessRun buildAndRun(const HarnessBuild& build, const RunOptions& options) {
    std::string error;
    auto dir = TempDir::create("memlit-run-", error);
    if (!dir) return failedRun(RunStatus::InputError, error);
    const std::string src = dir->path() + "/" + build.sourceName;
    const std::string bin = dir->path() + "/harness";
    {
        std::ofstream f(src);
        f << build.code;
        if (!f) return failedRun(RunStatus::InputError, "cannot write " + src);
    }
    const HarnessCache cache(options.cacheDir);
    std::optional<std::string> cached = options.cacheDir.empty() ? std::nullopt : cache.find(build);
    if (!cached) {
        std::vector<std::string> cc = build.buildCommand;
        for (auto& w : cc) w = w == "SRC" ? src : w == "BIN" ? bin : w;
        auto built = runProcess(cc, options.compileTimeout, dir->path());
        if (built.status == ProcessResult::Status::Interrupted)
            return failedRun(RunStatus::Interrupted, build.builderName + " " + built.describe());
        if (built.status == ProcessResult::Status::SpawnFailed)
            return failedRun(RunStatus::CompilerMissing, build.missingBuilder + ": " + built.error);
        if (!built.succeeded())
            return failedRun(RunStatus::CompileFailed, build.builderName + " " + built.describe() + ":\n" +
                                                        outputTail(built.err.empty() ? built.out : built.err));
        if (!options.cacheDir.empty()) cache.store(build, bin);
    } else {
        // Run a private copy under the usual name: the run looks the same with or without the cache.
        std::error_code ec;
        std::filesystem::copy_file(*cached, bin, ec);
        ::chmod(bin.c_str(), 0755);
        if (ec) return failedRun(RunStatus::InputError, "cannot copy the cached harness " + *cached + ": " + ec.message());
    }

    std::vector<std::string> cmd = options.launcher;
    cmd.push_back(bin);
    cmd.insert(cmd.end(), build.runArgs.begin(), build.runArgs.end());
    auto run = runProcess(cmd, options.timeout, dir->path());
    const bool raced = build.raceExitCode >= 0 && run.err.find("WARNING: DATA RACE") != std::string::npos;
    switch (run.status) {
    case ProcessResult::Status::SpawnFailed:
        return failedRun(RunStatus::Crashed, build.what + " " + run.describe());
    case ProcessResult::Status::TimedOut:
        return partialRun(build, run, RunStatus::TimedOut, build.what + " " + run.describe());
    case ProcessResult::Status::Interrupted:
        return failedRun(RunStatus::Interrupted, build.what + " " + run.describe());
    case ProcessResult::Status::Signaled:
        return partialRun(build, run, RunStatus::Crashed, build.what + " was " + run.describe());
    case ProcessResult::Status::Exited:
        if (run.exitCode != 0 && !(raced && run.exitCode == build.raceExitCode))
            return partialRun(build, run, RunStatus::Crashed,
                              build.what + " " + run.describe() + (run.err.empty() ? "" : ": " + outputTail(run.err)));
        break;
    }
    auto parsed = parseHarnessOutput(run.out, build.places, error);
    if (!parsed) return failedRun(RunStatus::BadOutput, error);
    if (build.raceExitCode >= 0) parsed->raceDetected = raced;
    return *parsed;
}

HarnessBuild cxxHarnessBuild(const HarnessSource& source, const RunOptions& options) {
    HarnessBuild b;
    b.code = source.code;
    b.sourceName = "harness.cpp";
    b.places = source.places;
    b.buildCommand = compileCommand(options, "SRC", "BIN");
    b.builderName = "compiler";
    b.missingBuilder = "cannot run the compiler";
    b.what = "the harness";
    if (options.iterations > 0) b.runArgs.insert(b.runArgs.end(), {"-n", std::to_string(options.iterations)});
    if (options.iterations == 0 || options.seconds > 0) {
        std::ostringstream s;
        s << options.seconds;
        b.runArgs.insert(b.runArgs.end(), {"-s", s.str()});
    }
    b.runArgs.insert(b.runArgs.end(), {"-a", std::to_string(std::max<std::uint64_t>(options.instances, 1))});
    b.runArgs.insert(b.runArgs.end(), {"-k", std::to_string(std::max<std::uint64_t>(options.syncEvery, 1))});
    if (options.untilCovered) b.runArgs.push_back("-c");
    if (options.workers > 0) b.runArgs.insert(b.runArgs.end(), {"-w", std::to_string(options.workers)});
    return b;
}

HarnessRun compileAndRun(const HarnessSource& source, const RunOptions& options) {
    return buildAndRun(cxxHarnessBuild(source, options), options);
}

std::string outputTail(const std::string& s, std::size_t max) {
    std::string t = s.size() > max ? "..." + s.substr(s.size() - max) : s;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    return t;
}

HarnessRun failedRun(RunStatus status, std::string message) {
    HarnessRun r;
    r.status = status;
    r.message = std::move(message);
    return r;
}

std::string RunReport::observation() const {
    if (positive == 0) return "Never";
    if (negative == 0) return "Always";
    return "Sometimes";
}

RunReport judge(const litmus::LitmusTest& test, const HarnessRun& run, const ModelVerdict& verdict) {
    RunReport r;
    r.name = test.name;
    r.file = test.file;
    r.arch = test.arch;
    r.model = verdict.model;
    r.undefinedBy = verdict.undefinedBy;
    r.condition = test.condition;
    r.places = litmus::observedPlaces(test);
    r.status = run.status;
    r.message = run.message;
    r.threads = run.threads;
    r.cpus = run.cpus;
    r.pinned = run.pinned;
    r.workers = run.workers;
    r.iterations = run.iterations;
    r.seconds = run.seconds;
    r.raceDetected = run.raceDetected;
    auto isAllowed = [&](const litmus::State& s) {
        return std::find(verdict.allowed.begin(), verdict.allowed.end(), s) != verdict.allowed.end();
    };
    for (const auto& o : run.histogram) {
        if (!o.halt.empty()) {
            // A halt has no final state: judged against the model's halts, no witness either way.
            StateRow row{o.state, o.count, std::count(verdict.halts.begin(), verdict.halts.end(), o.halt) > 0, false};
            row.halt = o.halt;
            row.beyondBound = !row.allowed && verdict.cut;
            if (row.beyondBound) ++r.unjudgedStates;
            else if (!row.allowed) ++r.forbiddenStates;
            r.observed.push_back(row);
            continue;
        }
        StateRow row{o.state, o.count, isAllowed(o.state),
                     litmus::evalProp(test.condition.prop, r.places, o.state)};
        // The harness prints numbers signed; a uint64_t place prints unsigned, as in the checker.
        for (std::size_t j = 0; j < row.state.values.size() && j < r.places.size(); ++j) {
            auto type = litmus::placeType(test, r.places[j]);
            row.state.values[j].asUnsigned = type.bits == 64 && !type.isSigned && !row.state.values[j].isSym();
        }
        (row.satisfies ? r.positive : r.negative) += o.count;
        row.beyondBound = !row.allowed && verdict.cut;
        row.undefined = !row.allowed && !row.beyondBound && !verdict.undefinedBy.empty();
        if (row.beyondBound) ++r.unjudgedStates;
        else if (row.undefined) ++r.undefinedStates;
        else if (!row.allowed) ++r.forbiddenStates;
        r.observed.push_back(row);
    }
    for (const auto& s : verdict.allowed) {
        bool seen = std::any_of(run.histogram.begin(), run.histogram.end(),
                                [&](const ObservedState& o) { return o.state == s; });
        if (!seen) r.unseen.push_back({s, 0, true, litmus::evalProp(test.condition.prop, r.places, s)});
    }
    if (run.status == RunStatus::Ok)
        for (const auto& h : verdict.halts)
            if (std::none_of(run.histogram.begin(), run.histogram.end(), [&](const ObservedState& o) { return o.halt == h; })) {
                r.unseen.push_back({{}, 0, true, false});
                r.unseen.back().halt = h;
            }
    r.ok = litmus::conditionHolds(test.condition.quantifier, r.positive, r.positive + r.negative);
    return r;
}

RunReport runTest(const litmus::LitmusTest& test, const ModelVerdict& verdict,
                   const RunOptions& options) {
    if (runKind(test.arch) == RunKind::GoProgram) return runGoTest(test, verdict, options);
    auto fail = [&](RunStatus s, std::string msg) { return judge(test, failedRun(s, std::move(msg)), verdict); };
    auto gen = makeGenerator(test.arch);
    if (!gen) return fail(RunStatus::Unsupported, "no hardware harness for architecture " + test.arch);
    if (!gen->runsOnHost(test.arch)) {
        auto host = hostArchitectures();
        return fail(RunStatus::Unsupported, "architecture " + test.arch +
                                                " does not run on this host (" +
                                                (host.empty() ? std::string("unknown") : host.back()) +
                                                "); use --emit DIR to build it elsewhere");
    }
    Diagnostics diags;
    auto source = generateHarness(test, *gen, verdict, diags);
    if (!source) {
        std::ostringstream msg;
        diags.print(msg);
        return fail(RunStatus::Unsupported, outputTail(msg.str()));
    }
    return judge(test, compileAndRun(*source, options), verdict);
}

}  // namespace memlit::runner
