#include "cli/Options.hpp"

#include "cli/OptionValues.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>

namespace memlit::cli {

namespace {

/// herd7's single-dash long options. CLI11 knows only one-letter short options, so these
/// words are rewritten to our spelling before it sees them (`-I` is an ordinary short one).
struct HerdAlias {
    const char* herd;
    const char* ours;
};
constexpr HerdAlias kHerdAliases[] = {
    {"-model", "--model"}, {"-cat", "--model"}, {"-set-libdir", "--cat-dir"}, {"-skipchecks", "--skip-check"},
    {"-variant", "--variant"}, {"-bell", "--bell"}};

std::vector<std::string> withHerdAliases(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    bool options = true;  // after `--` every word is an input
    for (const auto& w : args) {
        options = options && w != "--";
        auto alias = std::find_if(std::begin(kHerdAliases), std::end(kHerdAliases),
                                  [&](const HerdAlias& a) { return w == a.herd; });
        out.push_back(options && alias != std::end(kHerdAliases) ? alias->ours : w);
    }
    return out;
}

/// An option taking one value. Given without one it still counts, with an empty value, so
/// the command can say which value it needs instead of CLI11's generic message.
CLI::Option* valueOption(CLI::App& app, const std::string& names) {
    return app.add_option(names)->expected(0, 1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

/// A repeatable option: every value of every occurrence.
CLI::Option* listOption(CLI::App& app, const std::string& names) {
    return app.add_option(names)->expected(0, 1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

/// The last value given to `o`: nullopt when it was not given; "" when given without a value.
std::optional<std::string> lastValue(const CLI::Option* o) {
    if (o->count() == 0) return std::nullopt;
    return o->results().empty() ? std::string() : o->results().back();
}

/// Appends every value of `o` to `out`; false when some occurrence had no (or an empty) value.
bool allValues(const CLI::Option* o, std::vector<std::string>& out) {
    for (const auto& v : o->results()) {
        if (v.empty()) return false;
        out.push_back(v);
    }
    return true;
}

enum class Outcome { Parsed, Help, Error };

/// Runs CLI11 over a command's `args`. Unknown options are errors (CLI11 collects them as
/// extras; the first one is reported), so a mistyped option is never taken for an input file.
/// `topLevel`: the words from the command on are left over, untouched, for the command.
Outcome parseWords(CLI::App& app, const std::vector<std::string>& args, std::string& problem,
                   bool topLevel = false) {
    app.allow_extras();
    std::vector<std::string> words = topLevel ? args : withHerdAliases(args);
    std::reverse(words.begin(), words.end());  // CLI11 takes its words last first
    try {
        app.parse(words);
    } catch (const CLI::CallForHelp&) {
        return Outcome::Help;
    } catch (const CLI::ParseError& e) {
        problem = e.what();
        return Outcome::Error;
    }
    for (const auto& w : app.remaining())
        if (!topLevel && w.size() > 1 && w[0] == '-' && w != "--") {
            problem = "unknown option '" + w + "'";
            return Outcome::Error;
        }
    return Outcome::Parsed;
}

/// Prints what `outcome` asks for and returns the status to exit with, or nullopt.
std::optional<ExitCode> finish(Outcome outcome, const std::string& problem, const char* who, Command c,
                               std::ostream& out, std::ostream& err) {
    if (outcome == Outcome::Help) {
        out << usage(c);
        return ExitOk;
    }
    if (outcome == Outcome::Error) {
        err << who << ": error: " << problem << "\n" << usage(c);
        return ExitUsage;
    }
    return std::nullopt;
}

/// The CLI11 definition of each command: the options bound to their CLI11 handles.
struct CheckParser {
    std::vector<std::string> inputWords;
    CLI::App app;
    CLI::Option* model = valueOption(app, "--model");
    CLI::Option* catDir = listOption(app, "-I,--cat-dir");
    CLI::Option* skipCheck = listOption(app, "--skip-check")->delimiter(',');
    CLI::Option* variant = listOption(app, "--variant")->delimiter(',');
    CLI::Option* bell = valueOption(app, "--bell");
    CLI::Option* timeout = valueOption(app, "--timeout");
    CLI::Option* maxExecutions = valueOption(app, "--max-executions");
    CLI::Option* engine = valueOption(app, "--engine");
    CLI::Option* countSeconds = valueOption(app, "--count-seconds");
    CLI::Option* unroll = valueOption(app, "--unroll");
    CLI::Option* exists = valueOption(app, "--exists");
    CLI::Option* maxEvents = valueOption(app, "--max-events");
    CLI::Option* maxMemory = valueOption(app, "--max-memory");
    CLI::Option* jobs = valueOption(app, "--jobs");
    CLI::Option* output = valueOption(app, "--output");
    CLI::Option* shard = valueOption(app, "--shard");
    CLI::Option* resume = app.add_flag("--resume");
    CLI::Option* quiet = app.add_flag("--quiet");
    CLI::Option* json = app.add_flag("--json");
    CLI::Option* expectFromComments = app.add_flag("--expect-from-comments");
    CLI::Option* svg = valueOption(app, "--svg");
    CLI::Option* dot = valueOption(app, "--dot");
    CLI::Option* outcome = valueOption(app, "--outcome");
    CLI::Option* inputs = app.add_option("inputs", inputWords);
    explicit CheckParser(const char* name = "memlit check") : app("", name) {}
};

struct MergeParser {
    std::vector<std::string> fileWords;
    CLI::App app{"", "memlit merge"};
    CLI::Option* json = app.add_flag("--json");
    CLI::Option* files = app.add_option("files", fileWords);
};

struct RunParser {
    std::vector<std::string> inputWords;
    CLI::App app{"", "memlit run"};
    std::vector<std::pair<std::string, CLI::Option*>> values;  // in the order they are checked
    CLI::Option* catDir = listOption(app, "-I,--cat-dir");
    CLI::Option* race = app.add_flag("--race");
    CLI::Option* resume = app.add_flag("--resume");
    CLI::Option* untilCovered = app.add_flag("--until-covered");
    CLI::Option* coverage = app.add_flag("--coverage");
    CLI::Option* inputs = app.add_option("inputs", inputWords);
    RunParser() {
        for (const char* name : {"--model", "--json", "--emit", "--cxx", "--target", "--go", "--iterations", "--instances",
                                 "--sync-every", "--workers", "--seconds", "--timeout", "--unroll", "--output", "--jobs",
                                 "--cache"})
            values.emplace_back(name, valueOption(app, name));
    }
};

struct CompareParser {
    std::vector<std::string> fileWords;
    CLI::App app{"", "memlit compare"};
    CLI::Option* strict = app.add_flag("--strict");
    CLI::Option* files = app.add_option("files", fileWords);
};

struct ServeParser {
    CLI::App app{"", "memlit serve"};
    CLI::Option* host = valueOption(app, "--host");
    CLI::Option* port = valueOption(app, "--port");
    CLI::Option* timeout = valueOption(app, "--timeout");
    CLI::Option* workers = valueOption(app, "--workers");
    CLI::Option* allowRun = app.add_flag("--allow-run");
};

struct TopLevelParser {
    CLI::App app{"", "memlit"};
    CLI::Option* version = app.add_flag("--version");
    TopLevelParser() { app.prefix_command(); }  // the command and its words are left over
};

/// check's limits and batch options into `a`; the problem with the first bad one.
std::optional<std::string> batchValues(const CheckParser& p, CheckArgs& a) {
    if (auto v = lastValue(p.maxEvents)) {
        auto n = wholeNumber(v);
        if (!n) return "--max-events needs a whole number";
        a.maxEvents = *n;
    }
    if (auto v = lastValue(p.maxMemory)) {
        auto n = wholeNumber(v);
        if (!n || *n > 1u << 30) return "--max-memory needs a whole number of megabytes";
        a.maxMemoryMb = *n;
    }
    if (auto v = lastValue(p.jobs)) {
        auto n = wholeNumber(v);
        if (!n || *n < 1 || *n > 1024) return "--jobs needs a whole number from 1 to 1024";
        a.jobs = static_cast<unsigned>(*n);
    }
    if (auto v = lastValue(p.output)) {
        if (v->empty()) return "--output needs a file name";
        a.output = *v;
    }
    if (auto v = lastValue(p.shard))
        if (!shardValue(*v, a)) return "--shard needs K/N with 1 <= K <= N";
    a.resume = p.resume->count() > 0;
    a.quiet = p.quiet->count() > 0;
    if (a.resume && a.output.empty()) return "--resume needs --output FILE";
    return std::nullopt;
}

/// check's options into `a`; returns the problem with the first bad one.
std::optional<std::string> checkValues(const CheckParser& p, CheckArgs& a) {
    if (auto m = lastValue(p.model)) {
        if (m->empty()) return "--model needs a model name or path";
        a.model = *m;
    }
    if (!allValues(p.catDir, a.catDirs)) return "--cat-dir needs a directory";
    if (!allValues(p.skipCheck, a.skipChecks)) return "--skip-check needs a check name";
    if (!allValues(p.variant, a.variants)) return "--variant needs a variant name";
    if (auto b = lastValue(p.bell)) {
        if (b->empty()) return "--bell needs a bell file";
        a.bell = *b;
    }
    if (auto t = lastValue(p.timeout)) {
        auto n = runNumber(*t);
        if (!n || *n > 86400) return "--timeout needs a number of seconds (0 to 86400)";
        a.timeoutSeconds = *n;
        a.timeoutText = *t;
    }
    if (auto v = lastValue(p.maxExecutions)) {
        auto n = wholeNumber(v);
        if (!n) return "--max-executions needs a whole number";
        a.maxExecutions = *n;
    }
    if (auto e = lastValue(p.engine)) {
        if (*e != "auto" && *e != "z3" && *e != "enumerate") return "--engine needs auto, z3 or enumerate";
        a.engine = *e;
    }
    if (auto s = lastValue(p.countSeconds)) {
        auto n = wholeNumber(s);
        if (!n || *n > 86400) return "--count-seconds needs a whole number of seconds";
        a.countSeconds = static_cast<unsigned>(*n);
    }
    if (auto u = lastValue(p.unroll)) {
        auto n = wholeNumber(u);
        if (!n || *n > 16) return "--unroll needs a whole number from 0 to 16";
        a.parse.unroll = static_cast<int>(*n);
    }
    if (auto e = lastValue(p.exists)) a.parse.exists = *e;
    if (auto bad = batchValues(p, a)) return bad;
    a.json = p.json->count() > 0;
    a.expectFromComments = p.expectFromComments->count() > 0;
    for (auto [option, file] : {std::pair{p.svg, &a.svg}, std::pair{p.dot, &a.dot}})
        if (auto v = lastValue(option)) {
            if (v->empty()) return std::string(option->get_name()) + " needs a file name";
            *file = *v;
        }
    if (auto v = lastValue(p.outcome)) a.outcome = *v;
    a.inputs = p.inputWords;
    if (a.inputs.empty()) return "no input files";
    return std::nullopt;
}

/// run's options into `a`; returns the problem with the first bad one.
std::optional<std::string> runValues(const RunParser& p, RunArgs& a) {
    bool secondsGiven = false;
    for (const auto& [name, option] : p.values) {
        auto v = lastValue(option);
        if (!v) continue;
        if (v->empty()) return "option " + name + " needs a value";
        if (name == "--model") a.model = *v;
        else if (name == "--json") a.json = *v;
        else if (name == "--emit") a.emit = *v;
        else if (name == "--cxx") a.run.cxx = *v;
        else if (name == "--target") a.target = *v;
        else if (name == "--go") a.run.go = *v;
        else if (name == "--output") a.output = *v;
        else if (name == "--cache") a.cache = *v;
        else if (!runNumberOption(name, *v, a, secondsGiven)) return "bad value '" + *v + "' for " + name;
    }
    if (!allValues(p.catDir, a.catDirs)) return "option --cat-dir needs a value";
    a.run.race = p.race->count() > 0;
    a.resume = p.resume->count() > 0;
    a.run.untilCovered = p.untilCovered->count() > 0;
    a.coverage = p.coverage->count() > 0;
    if (a.resume && a.output.empty()) return "--resume needs --output FILE";
    if (a.run.iterations > 0 && !secondsGiven) a.run.seconds = 0;  // --iterations alone: no time limit
    a.inputs = p.inputWords;
    if (a.inputs.empty()) return "no litmus file given";
    return std::nullopt;
}

/// Every spelling of the options of `app`, and the herd7 aliases of those it has.
std::vector<std::string> spellingsOf(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* o : app.get_options()) {
        for (const auto& s : o->get_snames()) names.push_back("-" + s);
        for (const auto& l : o->get_lnames()) names.push_back("--" + l);
    }
    for (const auto& a : kHerdAliases)
        if (std::find(names.begin(), names.end(), a.ours) != names.end()) names.emplace_back(a.herd);
    return names;
}

}  // namespace

std::optional<ExitCode> parseTopLevel(const std::vector<std::string>& args, TopLevelArgs& a,
                                      std::ostream& out, std::ostream& err) {
    TopLevelParser p;
    std::string problem;
    Outcome outcome = parseWords(p.app, args, problem, true);
    if (outcome == Outcome::Parsed && p.version->count() > 0) {
        out << "memlit " << MEMLIT_VERSION << '\n';
        return ExitOk;
    }
    std::vector<std::string> rest = p.app.remaining();
    if (outcome == Outcome::Parsed && !rest.empty() && rest[0] == "help") outcome = Outcome::Help;
    if (outcome == Outcome::Parsed && rest.empty()) {
        err << usage(Command::TopLevel);
        return ExitUsage;
    }
    if (outcome != Outcome::Parsed) return finish(outcome, problem, "memlit", Command::TopLevel, out, err);
    a.command = rest[0];
    a.args.assign(rest.begin() + 1, rest.end());
    return std::nullopt;
}

std::optional<ExitCode> parseCheck(const std::vector<std::string>& args, CheckArgs& a,
                                   std::ostream& out, std::ostream& err) {
    CheckParser p;
    std::string problem;
    Outcome outcome = parseWords(p.app, args, problem);
    if (outcome == Outcome::Parsed)
        if (auto bad = checkValues(p, a)) {
            problem = *bad;
            outcome = Outcome::Error;
        }
    if (outcome == Outcome::Parsed && a.outcome) {
        problem = "--outcome is an option of explain";
        outcome = Outcome::Error;
    }
    return finish(outcome, problem, "memlit check", Command::Check, out, err);
}

std::optional<ExitCode> parseExplain(const std::vector<std::string>& args, CheckArgs& a,
                                     std::ostream& out, std::ostream& err) {
    CheckParser p("memlit explain");
    std::string problem;
    Outcome outcome = parseWords(p.app, args, problem);
    if (outcome == Outcome::Parsed)
        if (auto bad = checkValues(p, a)) {
            problem = *bad;
            outcome = Outcome::Error;
        }
    for (const auto& [option, name] : {std::pair{p.jobs, "--jobs"}, std::pair{p.output, "--output"},
                                       std::pair{p.resume, "--resume"}, std::pair{p.shard, "--shard"},
                                       std::pair{p.expectFromComments, "--expect-from-comments"},
                                       std::pair{p.quiet, "--quiet"}, std::pair{p.maxEvents, "--max-events"},
                                       std::pair{p.maxMemory, "--max-memory"},
                                       std::pair{p.maxExecutions, "--max-executions"},
                                       std::pair{p.countSeconds, "--count-seconds"}})
        if (outcome == Outcome::Parsed && option->count() > 0) {
            problem = std::string(name) + " is an option of check, not explain";
            outcome = Outcome::Error;
        }
    if (outcome == Outcome::Parsed && a.inputs.size() != 1) {
        problem = "explain takes one litmus file";
        outcome = Outcome::Error;
    }
    return finish(outcome, problem, "memlit explain", Command::Explain, out, err);
}

std::optional<ExitCode> parseRun(const std::vector<std::string>& args, RunArgs& a,
                                 std::ostream& out, std::ostream& err) {
    RunParser p;
    std::string problem;
    Outcome outcome = parseWords(p.app, args, problem);
    if (outcome == Outcome::Parsed)
        if (auto bad = runValues(p, a)) {
            problem = *bad;
            outcome = Outcome::Error;
        }
    return finish(outcome, problem, "memlit run", Command::Run, out, err);
}

std::optional<ExitCode> parseCompare(const std::vector<std::string>& args, CompareArgs& a,
                                     std::ostream& out, std::ostream& err) {
    CompareParser p;
    std::string problem;
    Outcome outcome = parseWords(p.app, args, problem);
    const std::vector<std::string>& files = p.fileWords;
    if (outcome == Outcome::Parsed && files.size() != 2) {
        problem = "expected two result files";
        outcome = Outcome::Error;
    }
    if (outcome == Outcome::Parsed) {
        a.baseline = files[0];
        a.current = files[1];
        a.strict = p.strict->count() > 0;
    }
    return finish(outcome, problem, "memlit compare", Command::Compare, out, err);
}

std::optional<ExitCode> parseMerge(const std::vector<std::string>& args, MergeArgs& a,
                                   std::ostream& out, std::ostream& err) {
    MergeParser p;
    std::string problem;
    Outcome outcome = parseWords(p.app, args, problem);
    if (outcome == Outcome::Parsed && p.fileWords.empty()) {
        problem = "no result files";
        outcome = Outcome::Error;
    }
    a.files = p.fileWords;
    a.json = p.json->count() > 0;
    return finish(outcome, problem, "memlit merge", Command::Merge, out, err);
}

namespace {

/// The options of `serve` into `o`; the problem with the first bad value, or "".
std::string serveValues(const ServeParser& p, web::ServeOptions& o) {
    if (auto h = lastValue(p.host)) {
        if (h->empty()) return "--host needs an address, e.g. 127.0.0.1";
        o.host = *h;
    }
    if (auto v = lastValue(p.port)) {
        auto n = wholeNumber(v);
        if (!n || *n > 65535) return "--port needs a port number (0 to 65535; 0: any free port)";
        o.port = static_cast<int>(*n);
    }
    if (auto v = lastValue(p.timeout)) {
        auto n = runNumber(*v);
        if (!n || *n <= 0 || *n > 3600) return "--timeout needs a number of seconds (more than 0, at most 3600)";
        o.timeoutSeconds = *n;
    }
    if (auto v = lastValue(p.workers)) {
        auto n = wholeNumber(v);
        if (!n || *n < 1 || *n > 64) return "--workers needs a number from 1 to 64";
        o.workers = static_cast<unsigned>(*n);
    }
    o.allowRun = p.allowRun->count() > 0;
    return "";
}

}  // namespace

std::optional<ExitCode> parseServe(const std::vector<std::string>& args, web::ServeOptions& o, std::ostream& out,
                                   std::ostream& err) {
    ServeParser p;
    std::string problem;
    Outcome outcome = parseWords(p.app, args, problem);
    if (outcome == Outcome::Parsed && !p.app.remaining().empty()) {
        problem = "serve takes no files ('" + p.app.remaining().front() + "')";
        outcome = Outcome::Error;
    }
    if (outcome == Outcome::Parsed && !(problem = serveValues(p, o)).empty()) outcome = Outcome::Error;
    return finish(outcome, problem, "memlit serve", Command::Serve, out, err);
}

std::vector<std::string> optionSpellings(Command c) {
    switch (c) {
    case Command::TopLevel: return spellingsOf(TopLevelParser().app);
    case Command::Check: {
        auto names = spellingsOf(CheckParser().app);
        names.erase(std::remove(names.begin(), names.end(), "--outcome"), names.end());
        return names;
    }
    case Command::Explain: {
        // explain refuses the batch options of check (parseExplain).
        auto names = spellingsOf(CheckParser("memlit explain").app);
        for (const char* batch : {"--jobs", "--output", "--resume", "--shard", "--expect-from-comments", "--quiet",
                                  "--max-events", "--max-memory", "--max-executions", "--count-seconds"})
            names.erase(std::remove(names.begin(), names.end(), batch), names.end());
        return names;
    }
    case Command::Run: return spellingsOf(RunParser().app);
    case Command::Compare: return spellingsOf(CompareParser().app);
    case Command::Merge: return spellingsOf(MergeParser().app);
    case Command::Serve: return spellingsOf(ServeParser().app);
    }
    return {};
}

}  // namespace memlit::cli
