// The --help text of every command (declared in cli/Options.hpp): kept apart from the
// parsers so each file stays one job.
#include "cli/Options.hpp"

namespace memlit::cli {

namespace {

const char* const kTopLevelUsage =
    "usage: memlit <command> [options] [args]\n"
    "\n"
    "commands:\n"
    "  check     list the outcomes a memory model allows for litmus tests\n"
    "  explain   say why the model allows or forbids a test's outcomes, with pictures\n"
    "  run       compile tests, run them on this machine, judge what it did by the model\n"
    "  compare   compare two `run --json` results (CI regression)\n"
    "  merge     combine `check --output` result files (shards) into one report\n"
    "  serve     the web playground: an editor, the outcomes and pictures in a browser\n"
    "\n"
    "`memlit <command> --help` describes a command.\n"
    "\n"
    "options:\n"
    "  -h, --help  show this help\n"
    "  --version   show the version\n";

const char* const kCheckUsage =
    "usage: memlit check [options] FILE|DIR|@INDEX ...\n"
    "\n"
    "Lists every final state the model allows for each litmus test, decides its condition and\n"
    "prints herd7's result block (or one JSON object per test with --json).\n"
    "\n"
    "options:\n"
    "  --model M            model name (sc, tso, ...) or path to a .cat file;\n"
    "                       default: chosen by the test's architecture (X86, X86_64: tso);\n"
    "                       herd7's spellings -model M and -cat M are the same\n"
    "  --cat-dir DIR        look up model names and included .cat files in DIR before the\n"
    "                       bundled models (repeatable); herd7's -I DIR, -set-libdir DIR\n"
    "  --skip-check NAME    do not enforce the model's check named NAME (repeatable);\n"
    "                       herd7's -skipchecks NAME[,NAME...]\n"
    "  --variant NAME       set herd's model variant NAME, read by the cat `if \"NAME\"`\n"
    "                       (repeatable; default: none); herd7's -variant NAME[,NAME...]\n"
    "  --bell FILE          load herd's bell FILE before the model (default: the bell the\n"
    "                       model's .cfg beside it names, if any); herd7's -bell FILE\n"
    "  --json               one JSON object per test on a line (see docs/cli.md)\n"
    "  --engine E           auto (default): enumerate small tests concretely, else Z3;\n"
    "                       z3: always the SMT encoding; enumerate: always concretely\n"
    "  --timeout S          each test's wall-clock budget, parsing to enumeration, in\n"
    "                       seconds (fractions allowed); past it: Unknown (timeout), exit 3\n"
    "  --max-events N       a test with more than N events is Unknown (max-events), exit 3\n"
    "  --max-memory MB      a test checked while memlit's resident memory exceeds MB is\n"
    "                       Unknown (memory), exit 3\n"
    "  --max-executions N   count witnesses up to N executions (default 100000; 0: off)\n"
    "  --count-seconds S    ... and for at most S seconds per test (default 5; 0: no limit);\n"
    "                       past either limit the states and verdict stay exact, the counts\n"
    "                       are those seen so far (a note on stderr says so)\n"
    "  --unroll K           Go and C tests: unroll every loop K times (0-16), overriding\n"
    "                       the test's Unroll=K line (default 2)\n"
    "  --exists 'exists (...)'  .go programs: the question, instead of the file's\n"
    "                       '// memlit: exists (...)' comment\n"
    "  --expect-from-comments  compare each observation with the test's comment\n"
    "                       'Result: Never|Sometimes|Always' (exit 4 on a mismatch)\n"
    "  --jobs N             check N tests at a time (default: one per CPU); results are\n"
    "                       printed in input order and are the same for every N\n"
    "  --output FILE        append each test's JSON result to FILE as it finishes\n"
    "  --resume             skip the tests whose results FILE already holds\n"
    "  --shard K/N          check only the K-th of N deterministic slices of the inputs\n"
    "  --svg FILE           draw a witness execution of each allowed state into FILE (SVG)\n"
    "  --dot FILE           ... the same executions as a Graphviz DOT graph\n"
    "  --quiet              no progress line (shown on stderr when it is a terminal)\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit status: 0 every test checked, 1 some input could not be checked,\n"
    "             2 usage error, 3 some test hit a limit or the solver gave up\n";

const char* const kExplainUsage =
    "usage: memlit explain [options] FILE\n"
    "\n"
    "Explains the verdict of one litmus test: for each state the condition asks about (for\n"
    "exists and ~exists the states satisfying it, for forall those violating it) or given by\n"
    "--outcome, an allowed state gets a witness execution, a forbidden one the axiom that\n"
    "rejects each candidate execution ending in it and a shortest cycle of that axiom's\n"
    "relation, edge by edge; Go races and deadlocks are explained too (docs/cli.md).\n"
    "\n"
    "options:\n"
    "  --outcome STATE      the state(s) to explain, as check prints them: \"0:EAX=0; 1:EAX=0;\"\n"
    "                       (a subset of the places selects every state agreeing on them)\n"
    "  --model M            model name or .cat path (default: by the test's architecture);\n"
    "                       herd7's -model M and -cat M\n"
    "  --cat-dir DIR        model search path (repeatable); herd7's -I DIR, -set-libdir DIR\n"
    "  --skip-check NAME    do not enforce the model's check NAME (repeatable); herd7's\n"
    "                       -skipchecks NAME[,NAME...]\n"
    "  --variant NAME       herd's model variant NAME (repeatable); herd7's -variant\n"
    "  --bell FILE          herd's bell FILE, loaded before the model; herd7's -bell\n"
    "  --json               the explanation as one JSON document (docs/cli.md)\n"
    "  --svg FILE           draw each explained execution into FILE (SVG, no Graphviz needed)\n"
    "  --dot FILE           ... the same executions as a Graphviz DOT graph\n"
    "  --engine E           auto (default), z3 or enumerate, as for check\n"
    "  --timeout S          wall-clock budget in seconds; past it: Unknown (timeout), exit 3\n"
    "  --unroll K           Go and C tests: unroll loops K times (0-16)\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit status: 0 explained, 1 the input could not be explained, 2 usage error,\n"
    "             3 a limit was hit\n";

const char* const kMergeUsage =
    "usage: memlit merge [--json] RESULTS.jsonl ...\n"
    "\n"
    "Combines the JSON-lines results of `memlit check --output` (say, one file per shard)\n"
    "into one report in input order: herd7's text blocks, or with --json one object a line.\n"
    "Fails when a test appears twice or some test of the run is missing.\n"
    "\n"
    "options:\n"
    "  --json       print the merged results as JSON lines\n"
    "  -h, --help   show this help\n"
    "\n"
    "exit status: as `check` for the merged results (0, 1 or 3); 2 usage error, an\n"
    "             unreadable file, a duplicated or a missing test\n";

const char* const kRunUsage =
    "usage: memlit run FILE... [options]\n"
    "\n"
    "Runs litmus tests on this machine: generates a C++ harness with the test's instructions\n"
    "as inline asm, compiles it, runs it and judges every observed final state by the model.\n"
    "\n"
    "options:\n"
    "  --model M         model judging the states (default: tso for X86/X86_64);\n"
    "                    herd7's spellings -model M and -cat M are the same\n"
    "  --cat-dir DIR     look up model names and included .cat files in DIR first\n"
    "                    (repeatable); herd7's -I DIR, -set-libdir DIR\n"
    "  --iterations N    run N iterations (with --seconds too: whichever ends first)\n"
    "  --seconds S       run for about S seconds per test (default 1)\n"
    "  --timeout S       kill a harness after S seconds (default 60)\n"
    "  --json FILE|-     write the whole result as JSON ('-': stdout, text output off)\n"
    "  --emit DIR        write sources and a Makefile to DIR instead of running\n"
    "  --cxx COMPILER    C++ compiler (default g++)\n"
    "  --target T        build for T (aarch64, riscv64, ppc64le) with its cross compiler and run\n"
    "                    under qemu-user, or natively on a T host; with --emit, the Makefile\n"
    "                    cross-compiles\n"
    "  --instances N     test instances per thread and round (default 1000)\n"
    "  --sync-every K    threads line up before every K-th instance (default 32)\n"
    "  --workers W       run the test's threads on at most W CPUs (default: every CPU); with\n"
    "                    fewer CPUs than threads, a CPU runs several threads' code in turn\n"
    "  --go GO           Go toolchain for Go tests (default go)\n"
    "  --race            Go tests: build with -race and compare Go's race detector with\n"
    "                    the model's data-race verdict\n"
    "  --unroll K        Go tests: unroll loops K times (0-16) when checking the model\n"
    "  --output FILE     append each test's JSON result to FILE as it finishes\n"
    "  --resume          skip the tests whose results FILE already holds\n"
    "  --until-covered   end a test as soon as every allowed state has been seen\n"
    "                    (--seconds and --iterations still bound it)\n"
    "  --coverage        after the batch, the allowed states seen and those never seen,\n"
    "                    by thread count and by test family\n"
    "  --jobs N          compile N harnesses at a time ahead of the runs, which stay one\n"
    "                    at a time (default: one per CPU)\n"
    "  --cache DIR       keep compiled harnesses in DIR; a rerun compiles only new tests\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 nothing forbidden observed, 1 a forbidden state observed,\n"
    "             2 usage error or a test that could not be run\n";

const char* const kCompareUsage =
    "usage: memlit compare BASELINE.json NEW.json [--strict]\n"
    "\n"
    "Compares two `memlit run --json` (or emitted results.json) files test by test.\n"
    "\n"
    "options:\n"
    "  --strict     also fail on a state not in BASELINE and on a test that no longer runs\n"
    "  -h, --help   show this help\n"
    "\n"
    "exit status: 1 when NEW shows a state the model forbids, or with --strict any state\n"
    "             not in BASELINE or a test that no longer runs; 2 usage or unreadable input\n";

const char* const kServeUsage =
    "usage: memlit serve [--host 127.0.0.1] [--port 8080] [options]\n"
    "\n"
    "Serves the playground (docs/web.md): open http://HOST:PORT/ in a browser to edit a test,\n"
    "check it and read why an outcome is forbidden. Runs until SIGINT (Ctrl-C) or SIGTERM.\n"
    "\n"
    "options:\n"
    "  --host H       address to listen on (default 127.0.0.1, this machine only)\n"
    "  --port P       port to listen on (default 8080; 0: any free port, printed)\n"
    "  --timeout S    each check's time budget in seconds (default 10)\n"
    "  --workers N    checks run at once (default 2); a few more wait, the rest get 503\n"
    "  --allow-run    also compile and run tests on this machine (/api/run); off by default:\n"
    "                 only for a server whose every user may run code here\n"
    "  -h, --help     show this help\n";

}  // namespace

const char* usage(Command c) {
    switch (c) {
    case Command::TopLevel: return kTopLevelUsage;
    case Command::Check: return kCheckUsage;
    case Command::Explain: return kExplainUsage;
    case Command::Run: return kRunUsage;
    case Command::Compare: return kCompareUsage;
    case Command::Merge: return kMergeUsage;
    case Command::Serve: return kServeUsage;
    }
    return kTopLevelUsage;
}

}  // namespace memlit::cli
