#pragma once
/// Report: how one checked test is printed — herd7's text block, line for line, or one JSON
/// object (documented in docs/cli.md).

#include "litmus/LitmusTest.hpp"
#include "engine/CheckResult.hpp"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace memlit::report {

/// Everything known about one input file after `check`.
struct CheckReport {
    std::string file;
    std::string model;
    const litmus::LitmusTest* test = nullptr;        // null when the file did not parse
    const engine::CheckResult* result = nullptr;     // null when it could not be checked
    std::vector<std::string> errors;                 // formatted diagnostics
    bool unsupported = false;
    double seconds = 0;
    /// The limit the test ran out of ("timeout", "memory", "max-events"; result null): its
    /// verdict is `Unknown (LIMIT)`. Empty when none.
    std::string limit;
    /// Its place in the whole input list of the run (before --shard and --resume), and that
    /// list's length; total 0: not part of a numbered batch, and not printed.
    std::size_t index = 0, total = 0;
};

/// What `--resume` and `merge` read back from one JSON result line.
struct ResultLine {
    std::size_t index = 0, total = 0;
    std::string file;
    std::string status;  // ok, unknown, error, unsupported
};

/// herd's name for the condition's kind: Allowed (exists), Forbidden (~exists), Required (forall).
std::string conditionKind(const litmus::Condition& c);
/// Never / Sometimes / Always, from the states when the counts are not exact.
std::string observation(const litmus::LitmusTest& t, const engine::CheckResult& r);

/// The flag name of data races (`flag ~empty race as data-race`, models/go.cat).
inline constexpr const char* kDataRace = "data-race";
/// The flag of undefined behaviour (an `undefined_unless` check failing, models/rc11.cat): the
/// verdict is then `Undef`, and its pairs are printed as races.
inline constexpr const char* kUndefined = "*undef*";
/// A flag whose pairs are two racing accesses: data-race or *undef*.
bool isRaceFlag(const std::string& flag);
/// The flags of freed memory (models/rc11.cat, models/lkmm.cat): an access and the free it is
/// not ordered before; two frees of one object.
inline constexpr const char* kUseAfterFree = "use-after-free";
inline constexpr const char* kDoubleFree = "double-free";
/// The word a flag's event pairs are printed with: "Race" for the race flags, "Use-after-free"
/// and "Double-free" for the memory flags; empty for flags whose pairs are not printed.
std::string pairLabel(const std::string& flag);
/// herd's verdict line: `Undef` when an allowed execution has undefined behaviour, else Ok / No.
std::string verdictName(const engine::CheckResult& r);
/// `P0:x = 1 (file:3:13)`: a thread, the source text of an access and its position.
std::string formatSite(const std::string& file, const engine::EventSite& s);
/// The model declares the data-race (or *undef*) flag and no allowed execution raises it.
bool raceFree(const engine::CheckResult& r);
/// "Blocked", "Panic", "Cut" (or "Unstarted"): why one thread stopped.
std::string haltKindName(litmus::Halt::Kind k);
/// How a halted execution is reported: "Panic", "Cut", "Deadlock" (P0, Go's main, waits
/// forever: the Go runtime stops with "all goroutines are asleep") or "Leak" (main returns,
/// other goroutines wait forever).
std::string haltOutcomeName(const engine::HaltOutcome& h);
/// One halt site: "P1:m.Lock() (file:7:2) blocks forever", "...: close of closed channel".
std::string formatHaltSite(const std::string& file, const engine::HaltSiteReport& s);
/// Every site a halted execution reaches, separated by "; ".
std::string formatHalt(const std::string& file, const engine::HaltOutcome& h);

/// herd's `Witnesses` counts: executions that validate / invalidate the test. For `exists` and
/// `forall` that is satisfying the proposition or not; for `~exists` it is the other way round.
/// (The `Observation` line always counts executions satisfying the proposition first.)
std::pair<std::uint64_t, std::uint64_t> witnesses(const litmus::LitmusTest& t, const engine::CheckResult& r);

void printText(std::ostream& out, const CheckReport& r);
void printJson(std::ostream& out, const CheckReport& r);

/// The numbered result of one JSON line, as printJson wrote it; nullopt with `error` when the
/// line is not such a result (not JSON, or no index, total or file).
std::optional<ResultLine> readResultLine(const std::string& line, std::string& error);
/// herd7's text block of a JSON result line, exactly as printText prints the report printJson
/// wrote it from (nothing for a test that could not be checked); false when the line is not
/// a JSON object.
bool printTextFromJson(std::ostream& out, const std::string& line);

}  // namespace memlit::report
