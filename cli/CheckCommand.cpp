#include "cli/CheckCommand.hpp"

#include "cli/Cli.hpp"
#include "report/Report.hpp"
#include "litmus/Parser.hpp"
#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "engine/smt/Checker.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <optional>

namespace memlit::cli {

namespace {

const char* const kCheckUsage =
    "usage: memlit check [options] FILE|DIR|@INDEX ...\n"
    "\n"
    "Lists every final state the model allows for each litmus test, decides its condition and\n"
    "prints herd7's result block (or one JSON object per test with --json).\n"
    "\n"
    "options:\n"
    "  --model M            model name (sc, tso, ...) or path to a .cat file;\n"
    "                       default: chosen by the test's architecture (X86, X86_64: tso)\n"
    "  --json               one JSON object per test on a line (see docs/cli.md)\n"
    "  --engine E           auto (default): enumerate small tests concretely, else Z3;\n"
    "                       z3: always the SMT encoding; enumerate: always concretely\n"
    "  --timeout S          give up on a test after S seconds of solving (exit 3)\n"
    "  --max-executions N   count witnesses up to N executions (default 100000; 0: off)\n"
    "  --count-seconds S    ... and for at most S seconds per test (default 5; 0: no limit);\n"
    "                       past either limit the states and verdict stay exact, the counts\n"
    "                       are those seen so far (a note on stderr says so)\n"
    "  --unroll K           Go tests: unroll every loop K times (0-16), overriding the\n"
    "                       test's Unroll=K line (default 2)\n"
    "  --help               show this help\n"
    "\n"
    "exit status: 0 every test checked, 1 some input could not be checked,\n"
    "             2 usage error, 3 the solver gave up on some test\n";

/// With --engine auto, tests with at most this many candidate executions are enumerated
/// concretely (microseconds per candidate) instead of asking Z3 for each execution.
constexpr std::uint64_t kEnumerateBelow = 4096;

struct CheckArgs {
    std::optional<std::string> model;
    bool json = false;
    unsigned timeoutMs = 0;
    std::uint64_t maxExecutions = 100000;
    unsigned countSeconds = 5;
    std::string engine = "auto";
    litmus::ParseOptions parse;
    std::vector<std::string> inputs;
};

/// Whether a model declares a `flag` (in procedures too): the Z3 engine reports which pairs of
/// events a firing flag relates (data races), the enumerator only that it fires.
bool hasFlags(const std::vector<cat::Statement>& statements) {
    for (const auto& st : statements) {
        if (const auto* c = std::get_if<cat::Check>(&st.node); c && c->isFlag) return true;
        if (const auto* p = std::get_if<cat::Procedure>(&st.node); p && hasFlags(p->body)) return true;
    }
    return false;
}

std::optional<std::uint64_t> parseNumber(const std::string& s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

/// Parses options; returns an error message on a usage error.
std::optional<std::string> parseArgs(const std::vector<std::string>& args, CheckArgs& a) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& w = args[i];
        auto value = [&](const std::string& opt) -> std::optional<std::string> {
            auto eq = w.find('=');
            if (eq != std::string::npos) return w.substr(eq + 1);
            if (i + 1 >= args.size()) return std::nullopt;
            (void)opt;
            return args[++i];
        };
        auto is = [&](const char* opt) { return w == opt || w.rfind(std::string(opt) + "=", 0) == 0; };
        if (is("--model")) {
            auto v = value(w);
            if (!v || v->empty()) return "--model needs a model name or path";
            a.model = *v;
        } else if (w == "--json") {
            a.json = true;
        } else if (is("--timeout")) {
            auto v = value(w);
            auto n = v ? parseNumber(*v) : std::nullopt;
            if (!n || *n > 86400) return "--timeout needs a whole number of seconds";
            a.timeoutMs = static_cast<unsigned>(*n * 1000);
        } else if (is("--max-executions")) {
            auto v = value(w);
            auto n = v ? parseNumber(*v) : std::nullopt;
            if (!n) return "--max-executions needs a whole number";
            a.maxExecutions = *n;
        } else if (is("--engine")) {
            auto v = value(w);
            if (!v || (*v != "auto" && *v != "z3" && *v != "enumerate"))
                return "--engine needs auto, z3 or enumerate";
            a.engine = *v;
        } else if (is("--count-seconds")) {
            auto v = value(w);
            auto n = v ? parseNumber(*v) : std::nullopt;
            if (!n || *n > 86400) return "--count-seconds needs a whole number of seconds";
            a.countSeconds = static_cast<unsigned>(*n);
        } else if (is("--unroll")) {
            auto v = value(w);
            auto n = v ? parseNumber(*v) : std::nullopt;
            if (!n || *n > 16) return "--unroll needs a whole number from 0 to 16";
            a.parse.unroll = static_cast<int>(*n);
        } else if (w.size() > 1 && w[0] == '-' && w != "-") {
            return "unknown option '" + w + "'";
        } else {
            a.inputs.push_back(w);
        }
    }
    if (a.inputs.empty()) return "no input files";
    return std::nullopt;
}

}  // namespace

std::string defaultModelFor(const std::string& arch) {
    if (arch == "X86" || arch == "X86_64") return "tso";
    if (arch == "AArch64") return "aarch64";
    if (arch == "RISCV") return "riscv";
    if (arch == "PPC") return "power";
    if (arch == "C") return "rc11";
    if (arch == "Go") return "go";
    return "sc";
}

int checkCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 Lifetime lifetime) {
    for (const auto& w : args)
        if (w == "--help" || w == "-h") {
            out << kCheckUsage;
            return ExitOk;
        }
    CheckArgs a;
    if (auto problem = parseArgs(args, a)) {
        err << "memlit check: error: " << *problem << "\n" << kCheckUsage;
        return ExitUsage;
    }

    int status = ExitOk;
    auto worsen = [&](int code) {
        // A solver give-up (3) is reported unless an input error (1) already was.
        if (status == ExitOk || (status == ExitSolverUnknown && code == ExitInputError)) status = code;
    };

    Diagnostics inputDiags;
    std::vector<std::string> files = litmus::expandInputs(a.inputs, inputDiags);
    if (inputDiags.hasErrors()) {
        inputDiags.print(err);
        worsen(ExitInputError);
    }

    std::map<std::string, std::optional<cat::Model>> models;  // loaded once per run
    std::unique_ptr<engine::smt::Checker> checker;  // created on first use: a Z3 context is costly
    engine::CheckOptions options;
    options.timeoutMs = a.timeoutMs;
    options.maxExecutions = a.maxExecutions;
    options.countSeconds = a.countSeconds;

    for (const auto& file : files) {
        auto start = std::chrono::steady_clock::now();
        Diagnostics diags;
        report::CheckReport rep;
        rep.file = file;
        std::optional<litmus::LitmusTest> test = litmus::loadLitmus(file, diags, a.parse);
        std::optional<engine::CheckResult> result;
        if (test) {
            rep.test = &*test;
            rep.model = a.model ? *a.model : defaultModelFor(test->arch);
            auto it = models.find(rep.model);
            if (it == models.end()) {
                Diagnostics modelDiags;
                it = models.emplace(rep.model, cat::loadModel(rep.model, modelDiags)).first;
                modelDiags.print(err);
                for (const auto& d : modelDiags.all()) rep.errors.push_back(Diagnostics::format(d));
            } else if (!it->second) {
                rep.errors.push_back("memlit: error: model '" + rep.model + "' could not be loaded");
            }
            if (it->second) {
                try {
                    bool enumerate = a.engine == "enumerate";
                    if (a.engine == "auto" && !hasFlags(it->second->statements)) {
                        auto n = engine::candidateCount(*test, diags);
                        enumerate = n && *n <= kEnumerateBelow;
                    }
                    result = enumerate ? engine::bruteForceCheck(*test, *it->second, diags)
                                       : (checker ? checker : checker = std::make_unique<engine::smt::Checker>())
                                             ->check(*test, *it->second, options, diags);
                } catch (const InternalError& e) {
                    diags.error(file, {}, std::string("internal error: ") + e.what());
                }
            }
        }
        rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        diags.print(err);
        for (const auto& d : diags.all()) rep.errors.push_back(Diagnostics::format(d));
        rep.unsupported = diags.onlyUnsupported();
        if (result) {
            rep.result = &*result;
            if (!result->countsExact && a.maxExecutions > 0)
                err << file << ": note: witness counts stopped after "
                    << result->positive + result->negative
                    << " executions; the states and the verdict are exact\n";
            if (result->unknown) {
                err << file << ": error: the solver gave up (timeout); the states may be incomplete\n";
                worsen(ExitSolverUnknown);
            }
        } else {
            rep.test = test ? &*test : nullptr;
            worsen(ExitInputError);
        }
        if (a.json) report::printJson(out, rep);
        else report::printText(out, rep);
        out.flush();
    }
    if (lifetime == Lifetime::Process) (void)checker.release();  // see Lifetime::Process
    return status;
}

}  // namespace memlit::cli
