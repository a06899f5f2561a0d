#pragma once
/// What the Go lowering (GoLowering.hpp) shares besides the Lowerer: the tags of its
/// synchronizing accesses, where goroutines find what they are started with, one goroutine's
/// job, what one pass learns about the program, and the mutexes a path holds.

#include "litmus/Program.hpp"
#include "litmus/go/GoSyntax.hpp"

#include <climits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace memlit::litmus::go {

using K = Expr::Kind;

// ---- integer types (GoIntegers.cpp; docs/go.md, "Integer types") ----------------------------

struct IntType {
    int bits = 64;
    bool isSigned = true;
};
/// Go's integer types (`int` and `uint` are 64-bit, `byte` is uint8); nullopt for others.
std::optional<IntType> intType(const std::string& type);
bool isUnsigned(const std::string& type);
/// Whether constant `v` is a value of `type` (true for a type that is not an integer type).
bool representable(std::int64_t v, const std::string& type);
/// `e` as a constant: a literal, or a negated one (unary minus lowers to `0 - e`).
std::optional<std::int64_t> constantOf(const Expr& e);
/// `e` reduced to the width of `type` and sign- or zero-extended back to 64 bits, as Go's
/// arithmetic wraps (a constant folded); `e` itself for a 64-bit or non-integer type.
Expr wrapTo(const std::string& type, Expr e);
/// The operator of an assignment operator (`+=` gives `+`, `++` `+`, `&^=` `&^`); "" for others.
std::string compoundOperator(const Token& op);

inline const std::vector<std::string> kAtomic = {"AT"};
inline const std::vector<std::string> kLock = {"LOCK"};
inline const std::vector<std::string> kUnlock = {"UNLOCK"};
inline const std::vector<std::string> kWaitGroup = {"WG"};
inline const std::vector<std::string> kOnce = {"ONCE"};
inline const std::vector<std::string> kGo = {"GO"};
inline const std::vector<std::string> kChan = {"CHAN"};        // channel slots, receive marks, close
inline const std::vector<std::string> kChanIndex = {"CHIDX"};  // send/receive counters: order only
inline const std::vector<std::string> kRLock = {"RLOCK"};      // RWMutex.RLock
inline const std::vector<std::string> kRUnlock = {"RUNLOCK"};  // RWMutex.RUnlock's write
/// The read half of an operation that only checks a state (Unlock reads the mutex to panic
/// when it is free, close reads the closed flag): synchronizing, but synchronizes with nothing.
inline const std::vector<std::string> kProbe = {"PROBE"};

inline std::string goLocation(std::size_t thread) { return "%go" + std::to_string(thread); }
/// Where a goroutine started by `go func() {...}()` finds the value of its parent's local.
inline std::string capturedLocation(std::size_t thread, const std::string& local) {
    return goLocation(thread) + "." + local;
}

/// One goroutine to lower: a body (token range of its braces) and whether a `go` statement
/// starts it (else it runs from the start of the program).
struct Job {
    std::size_t open = 0, close = 0;
    bool started = false;
    std::vector<std::string> captured;  // a func literal's locals of its parent, copied at `go`
                                        // ("&x": the address of a local the parent keeps in memory)
    std::map<std::string, std::string> types;  // the captured locals' types
    std::map<std::string, std::string> chans;  // channel parameters: the channel each names
    bool finalizer = false;  // runtime.SetFinalizer's f: once started, it may still never run
};

/// The function a `go` statement (or runtime.SetFinalizer) starts: its goroutine, parameters,
/// and the parent's locals a func literal uses.
struct GoTarget {
    std::size_t thread = 0;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> captured;
    std::map<std::string, std::string> types;
};

/// What one lowering pass learns about the whole program, so that a second pass can leave
/// out the checks for panics that cannot happen (docs/go.md, "Panics that cannot happen").
struct ProgramFacts {
    bool known = false;                    // false: every panic may happen
    std::set<std::string> unownedUnlocks;  // mutexes some Unlock/RUnlock may release without holding
    std::map<std::string, int> closes;     // per channel: close statements lowered
};

/// Per mutex, what the goroutine being lowered holds on the current path: 0 nothing, 1 a
/// Mutex, -1 an RWMutex's write lock, n > 0 that many read locks, kUnknownHold: it depends.
using Holds = std::map<std::string, int>;
inline constexpr int kUnknownHold = INT_MIN;

}  // namespace memlit::litmus::go
