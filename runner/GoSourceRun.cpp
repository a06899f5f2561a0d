#include "runner/GoSourceRun.hpp"

#include "runner/GoGenerator.hpp"
#include "runner/GoHalts.hpp"
#include "runner/Process.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

namespace memlit::runner {

namespace {

/// The printed value each observed place stands for (out3: the third), or an error.
std::optional<std::vector<std::size_t>> printedColumns(const std::vector<litmus::Place>& places, std::string& error) {
    std::vector<std::size_t> cols;
    for (const auto& p : places) {
        std::size_t k = 0;
        const bool printed = p.thread == 0 && p.name.rfind("out", 0) == 0 && p.name.size() > 3 &&
                             std::all_of(p.name.begin() + 3, p.name.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (printed) k = std::stoul(p.name.substr(3));
        if (!printed || k == 0) {
            error = "observing '" + std::to_string(p.thread) + ":" + p.name +
                    "', which a run of the program does not print (memlit run judges printed values only)";
            return std::nullopt;
        }
        cols.push_back(k - 1);
    }
    return cols;
}

struct Key {
    std::vector<long long> values;
    std::string halt;
    auto operator<=>(const Key&) const = default;
};

}  // namespace

std::vector<long long> goPrintedValues(const std::string& out) {
    std::vector<long long> values;
    std::string word;
    auto take = [&] {
        if (word == "true" || word == "false") values.push_back(word == "true");
        else if (!word.empty()) {
            std::size_t used = 0;
            try {
                long long v = std::stoll(word, &used);
                if (used == word.size()) values.push_back(v);
            } catch (const std::exception&) {
            }
        }
        word.clear();
    };
    for (char c : out) {
        if (std::string_view(" \t\r\n=,:()[]").find(c) != std::string_view::npos) take();
        else word += c;
    }
    take();
    return values;
}

HarnessRun runGoSource(const litmus::LitmusTest& test, const RunOptions& options) {
    const std::vector<litmus::Place> places = litmus::observedPlaces(test);
    std::string error;
    auto cols = printedColumns(places, error);
    if (!cols) return failedRun(RunStatus::Unsupported, error);
    auto dir = TempDir::create("memlit-run-", error);
    if (!dir) return failedRun(RunStatus::InputError, error);
    const std::string src = dir->path() + "/main.go", bin = dir->path() + "/program";
    {
        std::ofstream f(src);
        f << test.programText;
        if (!f) return failedRun(RunStatus::InputError, "cannot write " + src);
    }
    auto built = runProcess(goBuildCommand(options, src, bin), options.compileTimeout, dir->path());
    if (built.status == ProcessResult::Status::Interrupted)
        return failedRun(RunStatus::Interrupted, "go build " + built.describe());
    if (built.status == ProcessResult::Status::SpawnFailed)
        return failedRun(RunStatus::CompilerMissing, "cannot run the Go toolchain '" + options.go + "' (install golang-go): " + built.error);
    if (!built.succeeded())
        return failedRun(RunStatus::CompileFailed, "go build " + built.describe() + ":\n" + outputTail(built.err.empty() ? built.out : built.err));

    HarnessRun r;
    r.threads = static_cast<int>(test.threads.size());
    r.cpus = static_cast<int>(std::thread::hardware_concurrency());
    if (options.race) r.raceDetected = false;
    std::map<Key, std::uint64_t> counts;
    const auto begin = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count(); };
    std::vector<std::string> cmd = options.launcher;
    cmd.push_back(bin);
    const double watchdog = goRoundTimeout(options);
    while (r.iterations == 0 || ((options.iterations == 0 || r.iterations < options.iterations) &&
                                 (options.seconds <= 0 || options.iterations > 0 || elapsed() < options.seconds))) {
        if (elapsed() + watchdog > options.timeout && r.iterations > 0) break;
        auto run = runProcess(cmd, watchdog, dir->path());
        if (run.status == ProcessResult::Status::Interrupted) return failedRun(RunStatus::Interrupted, "the program " + run.describe());
        if (run.status == ProcessResult::Status::SpawnFailed) return failedRun(RunStatus::Crashed, "the program " + run.describe());
        const bool raced = options.race && run.err.find("WARNING: DATA RACE") != std::string::npos;
        if (raced) r.raceDetected = true;
        Key key;
        if (run.status == ProcessResult::Status::TimedOut) key.halt = kGoDeadlock;
        else if (!(run.status == ProcessResult::Status::Exited && (run.exitCode == 0 || (raced && run.exitCode == 66)))) {
            auto halt = goRunHalt(run.err);
            if (!halt) return failedRun(RunStatus::Crashed, "the program " + run.describe() + (run.err.empty() ? "" : ": " + outputTail(run.err)));
            key.halt = *halt;
        } else {
            const std::vector<long long> printed = goPrintedValues(run.out);
            for (std::size_t c : *cols) {
                if (c >= printed.size())
                    return failedRun(RunStatus::BadOutput, "a run printed " + std::to_string(printed.size()) +
                                                               " values, the model expects at least " + std::to_string(c + 1) + ": '" + outputTail(run.out, 200) + "'");
                key.values.push_back(printed[c]);
            }
        }
        ++counts[key];
        ++r.iterations;
    }
    r.seconds = elapsed();
    for (const auto& [key, count] : counts) {
        ObservedState o;
        if (key.halt.empty())
            for (long long v : key.values) o.state.values.push_back(litmus::Value::number(v));
        o.count = count;
        o.halt = key.halt;
        r.histogram.push_back(std::move(o));
    }
    std::stable_sort(r.histogram.begin(), r.histogram.end(), [](const auto& a, const auto& b) {
        return a.halt != b.halt ? a.halt < b.halt : litmus::stateLess(a.state, b.state);
    });
    return r;
}

}  // namespace memlit::runner
