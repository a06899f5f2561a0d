#pragma once
/// ExitCode: the exit statuses of every memlit command (the table in docs/cli.md). Commands
/// return an ExitCode, never a bare int, so no command invents a status of its own.

namespace memlit::cli {

/// Unscoped so that `main` and callers comparing with numbers keep working; some statuses
/// share a value on purpose, because each command gives its own meaning to 1 and 2.
enum ExitCode : int {
    ExitOk = 0,
    ExitInputError = 1,     // check: some input could not be checked (parse error, missing model)
    ExitForbidden = 1,      // run: a state the model forbids was observed; compare: NEW shows one
    ExitRegression = 1,     // compare --strict: a state not in BASELINE, or a test that stopped running
    ExitUsage = 2,          // every command: a bad command line
    ExitNotRun = 2,         // run: a test could not be run; compare: a result file is unreadable
    ExitSolverUnknown = 3,  // check: the solver gave up on some test (--timeout)
    ExitMismatch = 4,       // check --expect-from-comments: an observation differs from the test's Result comment
    ExitInternal = 70,      // a bug in memlit
    ExitInterrupted = 128,  // run: stopped by a signal; the status is 128 + the signal (SIGINT: 130)
};

}  // namespace memlit::cli
