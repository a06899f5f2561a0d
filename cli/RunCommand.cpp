#include "cli/RunCommand.hpp"

#include "cli/CheckCommand.hpp"
#include "cli/Cli.hpp"
#include "litmus/Parser.hpp"
#include "cat/Model.hpp"
#include "runner/ArchGenerator.hpp"
#include "runner/Emit.hpp"
#include "runner/GoGenerator.hpp"
#include "runner/HostInfo.hpp"
#include "engine/smt/Checker.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace memlit::cli {

namespace {

using runner::RunStatus;
using runner::RunReport;
using Json = nlohmann::ordered_json;

const char* const kRunUsage =
    "usage: memlit run FILE... [options]\n"
    "\n"
    "Runs litmus tests on this machine: generates a C++ harness with the test's instructions\n"
    "as inline asm, compiles it, runs it and judges every observed final state by the model.\n"
    "\n"
    "options:\n"
    "  --model M         model judging the states (default: tso for X86/X86_64)\n"
    "  --iterations N    run N iterations (with --seconds too: whichever ends first)\n"
    "  --seconds S       run for about S seconds per test (default 1)\n"
    "  --timeout S       kill a harness after S seconds (default 60)\n"
    "  --json FILE|-     write the whole result as JSON ('-': stdout, text output off)\n"
    "  --emit DIR        write sources and a Makefile to DIR instead of running\n"
    "  --cxx COMPILER    C++ compiler (default g++)\n"
    "  --instances N     test instances per thread and round (default 1000)\n"
    "  --sync-every K    threads line up before every K-th instance (default 32)\n"
    "  --go GO           Go toolchain for Go tests (default go)\n"
    "  --race            Go tests: build with -race and compare Go's race detector with\n"
    "                    the model's data-race verdict\n"
    "  --unroll K        Go tests: unroll loops K times (0-16) when checking the model\n"
    "\n"
    "exit status: 0 nothing forbidden observed, 1 a forbidden state observed,\n"
    "             2 usage error or a test that could not be run\n";

struct Options {
    std::vector<std::string> inputs;
    std::string model;  // empty: per architecture
    runner::RunOptions run;
    bool secondsGiven = false;
    std::string json;
    std::string emit;
    litmus::ParseOptions parse;
};

bool parseNumber(const std::string& s, double& v) {
    try {
        std::size_t used = 0;
        v = std::stod(s, &used);
        return used == s.size() && v >= 0;
    } catch (const std::exception&) {
        return false;
    }
}

/// Parses `args`; on error writes a message to `err` and returns false.
bool parseOptions(const std::vector<std::string>& args, Options& o, std::ostream& err) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--race") {
            o.run.race = true;
            continue;
        }
        if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
            if (i + 1 >= args.size()) {
                err << "memlit run: error: option " << a << " needs a value\n";
                return false;
            }
            const std::string& v = args[++i];
            double num = 0;
            bool isNum = parseNumber(v, num);
            if (a == "--model") o.model = v;
            else if (a == "--json") o.json = v;
            else if (a == "--emit") o.emit = v;
            else if (a == "--cxx") o.run.cxx = v;
            else if (a == "--go") o.run.go = v;
            else if (a == "--iterations" && isNum && num >= 1) o.run.iterations = static_cast<std::uint64_t>(num);
            else if (a == "--instances" && isNum && num >= 1) o.run.instances = static_cast<std::uint64_t>(num);
            else if (a == "--sync-every" && isNum && num >= 1) o.run.syncEvery = static_cast<std::uint64_t>(num);
            else if (a == "--seconds" && isNum) {
                o.run.seconds = num;
                o.secondsGiven = true;
            } else if (a == "--timeout" && isNum && num > 0) o.run.timeout = num;
            else if (a == "--unroll" && isNum && num <= 16 && num == static_cast<int>(num))
                o.parse.unroll = static_cast<int>(num);
            else if (a == "--iterations" || a == "--seconds" || a == "--timeout" || a == "--instances" ||
                     a == "--sync-every" || a == "--unroll") {
                err << "memlit run: error: bad value '" << v << "' for " << a << "\n";
                return false;
            } else {
                err << "memlit run: error: unknown option " << a << "\n";
                return false;
            }
        } else {
            o.inputs.push_back(a);
        }
    }
    if (o.run.iterations > 0 && !o.secondsGiven) o.run.seconds = 0;
    if (o.inputs.empty()) {
        err << "memlit run: error: no litmus file given\n";
        return false;
    }
    return true;
}

std::string kindOf(const litmus::Condition& c) {
    switch (c.quantifier) {
    case litmus::Condition::Quantifier::Exists: return "Allowed";
    case litmus::Condition::Quantifier::NotExists: return "Forbidden";
    case litmus::Condition::Quantifier::Forall: return "Required";
    }
    return "Allowed";
}

std::string flagsText(const runner::RunOptions& o) {
    std::string s;
    for (const auto& f : o.cxxFlags) s += (s.empty() ? "" : " ") + f;
    return s;
}

Json reportJson(const RunReport& r) {
    Json t;
    t["name"] = r.name;
    t["file"] = r.file;
    t["arch"] = r.arch;
    t["model"] = r.model;
    t["status"] = runner::statusName(r.status);
    t["message"] = r.message;
    t["threads"] = r.threads;
    t["cpus"] = r.cpus;
    t["pinned"] = r.pinned;
    t["iterations"] = r.iterations;
    t["seconds"] = r.seconds;
    t["condition"] = r.condition.text;
    Json hist = Json::array();
    for (const auto& row : r.observed)
        hist.push_back({{"state", litmus::formatState(r.places, row.state)},
                        {"count", row.count},
                        {"allowed", row.allowed},
                        {"condition", row.satisfies}});
    t["histogram"] = hist;
    Json unseen = Json::array();
    for (const auto& row : r.unseen)
        unseen.push_back({{"state", litmus::formatState(r.places, row.state)},
                          {"condition", row.satisfies}});
    t["unseen"] = unseen;
    t["verdict"] = {{"ok", r.ok},
                    {"observation", r.observation()},
                    {"positive", r.positive},
                    {"negative", r.negative},
                    {"forbidden", r.forbiddenStates}};
    if (r.raceDetected)
        t["raceDetector"] = {{"fired", *r.raceDetected},
                             {"modelRace", r.modelRace.value_or(false)},
                             {"disagreement", r.raceDisagreement()}};
    return t;
}

/// Loads models once per name; a missing model is reported once.
class ModelCache {
public:
    const cat::Model* get(const std::string& name, Diagnostics& diags) {
        auto it = models_.find(name);
        if (it == models_.end()) it = models_.emplace(name, cat::loadModel(name, diags)).first;
        return it->second ? &*it->second : nullptr;
    }

private:
    std::map<std::string, std::optional<cat::Model>> models_;
};

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

}  // namespace

void printRunReport(std::ostream& out, const RunReport& r) {
    out << "Test " << r.name << " " << kindOf(r.condition) << "\n";
    out << "Histogram (" << r.observed.size() << " states)\n";
    for (const auto& row : r.observed) {
        char count[32];
        std::snprintf(count, sizeof count, "%-6llu", static_cast<unsigned long long>(row.count));
        out << count << " " << (row.satisfies ? "*>" : ":>") << " "
            << litmus::formatState(r.places, row.state);
        if (!row.allowed) out << "  ! forbidden by " << r.model;
        out << "\n";
    }
    out << (r.ok ? "Ok" : "No") << "\n\nWitnesses\n";
    out << "Positive: " << r.positive << ", Negative: " << r.negative << "\n";
    out << "Condition " << r.condition.text << " is " << (r.ok ? "" : "NOT ") << "validated\n";
    out << "Observation " << r.name << " " << r.observation() << " " << r.positive << " "
        << r.negative << "\n";
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
    out << "Time " << r.name << " " << secs << "\n";
    if (r.arch == "Go")
        out << "Goroutines " << r.threads << " on " << r.cpus << " CPUs, "
            << (r.pinned ? "each worker locked to its own thread and CPU" : "scheduled by the Go runtime") << "\n";
    else
        out << "Threads " << r.threads << " on " << r.cpus << " CPUs, "
            << (r.pinned ? "pinned" : "more threads than CPUs: not pinned, barrier yields") << "\n";
    const std::size_t allowed = r.unseen.size() + r.observed.size() - r.forbiddenStates;
    out << "Model " << r.model << ": " << allowed << " allowed states, "
        << (r.observed.size() - r.forbiddenStates) << " observed";
    if (r.forbiddenStates > 0) out << "; " << r.forbiddenStates << " FORBIDDEN state(s) observed";
    out << "\n";
    for (const auto& row : r.unseen) {
        char bound[32];
        std::snprintf(bound, sizeof bound, "%.3g", r.iterations ? 3.0 / static_cast<double>(r.iterations) : 1.0);
        out << "Unseen " << litmus::formatState(r.places, row.state) << " runs " << r.iterations
            << ", per-run probability < " << bound << " (95%)\n";
    }
    if (r.raceDetected) {
        out << "Race detector " << (*r.raceDetected ? "fired" : "silent") << "; model " << r.model << ": "
            << (r.modelRace ? (*r.modelRace ? "data-race" : "race-free") : "unknown") << "\n";
        if (r.raceDisagreement())
            out << "Race DISAGREEMENT: "
                << (*r.raceDetected ? "Go's race detector fired on a program the model calls race-free"
                                    : "the model flags a data race Go's race detector did not see in "
                                      "these runs")
                << "\n";
    }
    out << "\n";
}

int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        out << kRunUsage;
        return ExitOk;
    }
    Options opt;
    if (!parseOptions(args, opt, err)) {
        err << kRunUsage;
        return ExitUsage;
    }
    const bool textOut = opt.json != "-";
    const bool emitting = !opt.emit.empty();
    auto start = std::chrono::steady_clock::now();

    Diagnostics inputDiags;
    auto files = litmus::expandInputs(opt.inputs, inputDiags);
    inputDiags.print(err);
    bool inputErrors = inputDiags.hasErrors();

    std::string compilerVersion;
    if (!emitting) {
        std::string error;
        auto v = runner::compilerVersion(opt.run.cxx, error);
        if (v) compilerVersion = *v;
        else err << "memlit run: error: " << error << "\n";
        auto host = runner::hostInfo();
        if (textOut)
            out << "# memlit run: " << opt.run.cxx << " " << flagsText(opt.run) << " ("
                << (v ? *v : "unavailable") << "); host " << host.cpu << ", " << host.cores
                << " CPUs\n\n";
    }

    ModelCache models;
    engine::smt::Checker checker;
    std::string goVersion;
    std::vector<RunReport> reports;
    std::vector<runner::EmittedTest> emitted;
    for (const auto& file : files) {
        Diagnostics diags;
        auto test = litmus::loadLitmus(file, diags, opt.parse);
        if (!test) {
            reports.push_back(failedReport(file, RunStatus::InputError, diagText(diags)));
            continue;
        }
        const std::string modelName = opt.model.empty() ? defaultModelFor(test->arch) : opt.model;
        const bool isGo = test->arch == "Go";
        if (isGo && emitting) {
            reports.push_back(failedReport(file, RunStatus::Unsupported, "--emit does not support Go tests yet"));
            continue;
        }
        auto gen = runner::makeGenerator(test->arch);
        if (!isGo && (!gen || (!emitting && !gen->runsOnHost(test->arch)))) {
            // Refuse before the (slower) model check: nothing could be run anyway.
            runner::ModelVerdict none{modelName, {}};
            reports.push_back(runner::runTest(*test, none, opt.run));
            continue;
        }
        const cat::Model* model = models.get(modelName, diags);
        std::optional<engine::CheckResult> checked;
        if (model) checked = checker.check(*test, *model, engine::CheckOptions{}, diags);
        if (!checked) {
            RunReport r = failedReport(file, RunStatus::InputError, diagText(diags));
            r.name = test->name;
            reports.push_back(r);
            continue;
        }
        if (checked->unknown)
            err << "memlit run: warning: " << file << ": the solver gave up; allowed states may be incomplete\n";
        runner::ModelVerdict verdict{modelName, checked->states};
        if (emitting) {
            auto source = runner::generateHarness(*test, *gen, verdict, diags);
            if (!source) reports.push_back(failedReport(file, RunStatus::Unsupported, diagText(diags)));
            else emitted.push_back({test->name, *source});
            continue;
        }
        if (isGo && textOut && goVersion.empty()) {
            std::string error;
            goVersion = runner::goVersion(opt.run.go, error).value_or("unavailable: " + error);
            out << "# memlit run (Go tests): " << opt.run.go << " build" << (opt.run.race ? " -race" : "")
                << " (" << goVersion << ")\n\n";
        }
        RunReport r = runner::runTest(*test, verdict, opt.run);
        if (isGo && opt.run.race)
            r.modelRace = std::find(checked->flags.begin(), checked->flags.end(), "data-race") != checked->flags.end();
        if (textOut && r.status == RunStatus::Ok) printRunReport(out, r);
        reports.push_back(std::move(r));
    }

    bool failures = inputErrors;
    bool forbidden = false;
    for (const auto& r : reports) {
        if (r.status != RunStatus::Ok) {
            failures = true;
            err << "memlit run: " << r.file << ": " << runner::statusName(r.status) << ": "
                << r.message << "\n";
        }
        forbidden = forbidden || r.forbiddenStates > 0;
    }

    if (emitting) {
        std::string error;
        if (!runner::emitDirectory(opt.emit, emitted, opt.run.cxxFlags, error)) {
            err << "memlit run: error: " << error << "\n";
            return ExitUsage;
        }
        if (textOut)
            out << "emitted " << emitted.size() << " test(s) to " << opt.emit
                << "; build and run there with `make run` (writes results.json)\n";
        return failures ? ExitUsage : ExitOk;
    }

    if (!opt.json.empty()) {
        auto host = runner::hostInfo();
        Json doc;
        doc["memlit"] = MEMLIT_VERSION;
        doc["host"] = {{"cpu", host.cpu}, {"cores", host.cores}};
        doc["compiler"] = {{"command", opt.run.cxx}, {"version", compilerVersion}, {"flags", flagsText(opt.run)}};
        doc["model"] = opt.model.empty() ? "default" : opt.model;
        doc["iterations"] = opt.run.iterations;
        doc["seconds"] = opt.run.seconds;
        doc["wallSeconds"] =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        Json tests = Json::array();
        for (const auto& r : reports) tests.push_back(reportJson(r));
        doc["tests"] = tests;
        if (opt.json == "-") {
            out << doc.dump(2) << "\n";
        } else {
            std::ofstream f(opt.json);
            f << doc.dump(2) << "\n";
            if (!f) {
                err << "memlit run: error: cannot write " << opt.json << "\n";
                failures = true;
            }
        }
    }
    if (forbidden) return 1;
    return failures ? ExitUsage : ExitOk;
}

}  // namespace memlit::cli
