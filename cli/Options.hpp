#pragma once
/// Options: the command lines of `memlit`, `check`, `run`, `compare`, `merge` and `serve`, parsed into plain
/// structs, with herd7's single-dash spellings as aliases and each command's help text.
/// CLI11 is heavy to compile, so it is included by Options.cpp alone.

#include "cli/ExitCode.hpp"
#include "litmus/Parser.hpp"
#include "runner/Runner.hpp"
#include "web/ServeOptions.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace memlit::cli {

enum class Command { TopLevel, Check, Explain, Run, Compare, Merge, Serve };

/// `memlit [--help|--version] COMMAND ARGS...`.
struct TopLevelArgs {
    std::string command;            // the first word that is not a top-level option
    std::vector<std::string> args;  // the words after it, for the command to parse
};

struct CheckArgs {
    std::optional<std::string> model;      // unset: chosen by the test's architecture
    std::vector<std::string> catDirs;      // --cat-dir, herd's -I: model search path
    std::vector<std::string> skipChecks;   // --skip-check, herd's -skipchecks
    std::vector<std::string> variants;     // --variant, herd's -variant: cat `if "v"` switches
    std::string bell;                      // --bell, herd's -bell: loaded before the model
    bool json = false;
    double timeoutSeconds = 0;             // --timeout: each test's wall-clock budget; 0: none
    std::string timeoutText;               // ... as given, for messages
    std::uint64_t maxEvents = 0;           // --max-events: 0 for no limit
    std::uint64_t maxMemoryMb = 0;         // --max-memory: 0 for no limit
    std::uint64_t maxExecutions = 100000;
    unsigned countSeconds = 5;
    std::string engine = "auto";           // auto, z3 or enumerate
    unsigned jobs = 0;                     // --jobs: 0 for every CPU
    std::string output;                    // --output FILE: JSON lines appended as tests finish
    bool resume = false;                   // --resume: skip tests already in --output
    bool quiet = false;                    // --quiet: no progress line
    unsigned shardIndex = 1, shardCount = 1;  // --shard K/N
    bool expectFromComments = false;       // compare with the test's `Result:` comment
    std::string svg, dot;                  // --svg FILE, --dot FILE: pictures of executions
    std::optional<std::string> outcome;    // explain --outcome: the states to explain
    litmus::ParseOptions parse;
    std::vector<std::string> inputs;
};

struct MergeArgs {
    std::vector<std::string> files;
    bool json = false;
};

struct RunArgs {
    std::vector<std::string> inputs;
    std::string model;                  // empty: per architecture
    std::vector<std::string> catDirs;   // as for check
    runner::RunOptions run;
    std::string json;                   // file to write the JSON result to; "-": stdout
    std::string emit;                   // directory to emit sources to instead of running
    std::string target;                 // --target: empty for the host
    std::string output;                 // --output FILE: one JSON line per finished test
    bool resume = false;                // --resume: skip tests already in --output
    unsigned jobs = 0;                  // --jobs: harnesses compiled at a time; 0 for every CPU
    std::string cache;                  // --cache DIR: keep compiled harnesses there
    bool coverage = false;              // --coverage: the allowed states seen, over the batch
    litmus::ParseOptions parse;
};

struct CompareArgs {
    std::string baseline, current;
    bool strict = false;
};

/// Each parser returns the status to exit with when the command must stop: after printing
/// its help on `out` (ExitOk), or a usage error and the help on `err` (ExitUsage). Otherwise
/// it fills the struct and returns nullopt.
std::optional<ExitCode> parseTopLevel(const std::vector<std::string>& args, TopLevelArgs& a,
                                      std::ostream& out, std::ostream& err);
std::optional<ExitCode> parseCheck(const std::vector<std::string>& args, CheckArgs& a,
                                   std::ostream& out, std::ostream& err);
/// `memlit explain`: check's options (but the batch ones) plus --outcome, one input file.
std::optional<ExitCode> parseExplain(const std::vector<std::string>& args, CheckArgs& a,
                                     std::ostream& out, std::ostream& err);
std::optional<ExitCode> parseRun(const std::vector<std::string>& args, RunArgs& a,
                                 std::ostream& out, std::ostream& err);
std::optional<ExitCode> parseMerge(const std::vector<std::string>& args, MergeArgs& a,
                                   std::ostream& out, std::ostream& err);
std::optional<ExitCode> parseCompare(const std::vector<std::string>& args, CompareArgs& a,
                                     std::ostream& out, std::ostream& err);
std::optional<ExitCode> parseServe(const std::vector<std::string>& args, web::ServeOptions& o,
                                   std::ostream& out, std::ostream& err);

/// The `--help` text of a command.
const char* usage(Command c);

/// Every spelling the command's parser accepts for an option (`--model`, `-model`, `-I`, ...),
/// so a test can check that the help text names each of them.
std::vector<std::string> optionSpellings(Command c);

}  // namespace memlit::cli
