#pragma once
/// Program IR: what every dialect lowers its instructions to. Per thread a list of ops over
/// thread-local registers; nothing downstream knows which dialect produced it, except through
/// the tags the front end attaches (MFENCE, X, A, L, ...).

#include "support/Diagnostics.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace memlit::litmus {

/// An integer expression over registers and constants. Addresses are values too: `Sym`
/// stands for the address of the named location.
struct Expr {
    enum class Kind {
        Const,  // value
        Sym,    // address of location `name`
        Reg,    // current value of register `name`
        Add, Sub, Mul, And, Or, Xor, Shl, Shr,  // binary, args[0] op args[1]
        Div, Rem,                                // truncated, as Go and C: a/0 and a%0 are 0 (a front end
                                                 // halts before them), INT64_MIN/-1 wraps
        UDiv, URem,                              // the same of the operands read as unsigned (Go's uint64)
        Eq, Ne, Lt, Le, Gt, Ge,                  // comparisons: 1 or 0
        Not,                                     // logical not of args[0]: 1 if it is 0
        Ite,                                     // args[0] != 0 ? args[1] : args[2]
    };
    Kind kind = Kind::Const;
    std::int64_t value = 0;
    std::string name;
    std::vector<Expr> args;

    static Expr constant(std::int64_t v) { return {Kind::Const, v, {}, {}}; }
    static Expr sym(std::string n) { return {Kind::Sym, 0, std::move(n), {}}; }
    static Expr reg(std::string n) { return {Kind::Reg, 0, std::move(n), {}}; }
    static Expr binary(Kind k, Expr a, Expr b) { return {k, 0, {}, {std::move(a), std::move(b)}}; }
    static Expr unary(Kind k, Expr a) { return {k, 0, {}, {std::move(a)}}; }
    static Expr ite(Expr c, Expr t, Expr e) {
        return {Kind::Ite, 0, {}, {std::move(c), std::move(t), std::move(e)}};
    }
    bool operator==(const Expr&) const = default;
};

/// `dst := [addr]`. Loads and stores that form one atomic read-modify-write share an rmwId
/// (>= 0) inside their thread; the store then follows the load in program order.
struct Load {
    std::string dst;
    Expr addr;
    std::vector<std::string> tags;
    int rmwId = -1;
    std::uint8_t width = 0;  // bytes; 0 = the architecture's word
    bool operator==(const Load&) const = default;
};

/// `[addr] := value`.
struct Store {
    Expr addr;
    Expr value;
    std::vector<std::string> tags;
    int rmwId = -1;
    std::uint8_t width = 0;
    bool operator==(const Store&) const = default;
};

/// A fence event; its tags name its kind (`MFENCE`, `DMB.ISH`, ...).
struct Fence {
    std::vector<std::string> tags;
    bool operator==(const Fence&) const = default;
};

/// `dst := value`, register-only computation: no event.
struct Assign {
    std::string dst;
    Expr value;
    bool operator==(const Assign&) const = default;
};

/// Jump to `target` when `cond` is non-zero (`Expr::constant(1)` for an unconditional jump).
/// Only forward jumps are supported by the event builder; later ops are control dependent
/// on the registers `cond` reads.
struct Branch {
    Expr cond;
    std::string target;
    /// True for a condition inside one instruction (AArch64 CAS, store-exclusive): only the
    /// ops up to `target` control-depend on `cond`, not everything after it.
    bool local = false;
    bool operator==(const Branch&) const = default;
};

struct Label {
    std::string name;
    bool operator==(const Label&) const = default;
};

/// `dst := address of `cells` fresh zeroed cells` (Go `new`, C `malloc`).
struct Alloc {
    std::string dst;
    std::int64_t cells = 1;
    std::vector<std::string> tags;
    bool operator==(const Alloc&) const = default;
};

struct Free {
    Expr addr;
    std::vector<std::string> tags;
    bool operator==(const Free&) const = default;
};

/// `dst := 0 or 1`, chosen freely by the execution (e.g. whether a store-exclusive succeeds).
struct Choice {
    std::string dst;
    bool operator==(const Choice&) const = default;
};

/// The execution exists only if `cond` is non-zero wherever this op executes (e.g. a Go
/// `Lock` must read an unlocked mutex). No event.
struct Assume {
    Expr cond;
    bool operator==(const Assume&) const = default;
};

/// `dst := the value at `addr` when the execution ends` (of the coherence-last write). No
/// event, and `addr` must be a constant location. Only Assume and Halt may use `dst`: a
/// blocking operation asks with it whether what it waits for ever happens (a mutex still
/// held at the end blocks a Lock forever).
struct FinalLoad {
    std::string dst;
    Expr addr;
    bool operator==(const FinalLoad&) const = default;
};

/// The thread stops here for good: no later op on this path executes. The checker reports
/// every Halt some allowed execution reaches (except Unstarted) instead of a final state.
struct Halt {
    enum class Kind {
        Blocked,    // waits forever (Go: a deadlock once every goroutine has ended or blocked)
        Panic,      // a run-time panic: the program dies
        Cut,        // a loop needs more rounds than the unrolling bound
        Unstarted,  // a goroutine no go statement starts: not an outcome, nothing to report
    };
    Kind kind = Kind::Blocked;
    std::string what;  // e.g. "send on closed channel"; empty: the statement's text says it
    bool operator==(const Halt&) const = default;
};

/// `dst := 0`, carrying a dependency on the thread's latest event (emitted right after a Store: that write); what
/// depends on `dst` by address, data or control is ordered after that event. A RISC-V SC's
/// result register depends on the SC's write so (the RVWMO "success dependency"). No event.
struct DependOn {
    std::string dst;
    bool operator==(const DependOn&) const = default;
};

using OpKind = std::variant<Load, Store, Fence, Assign, Branch, Label, Alloc, Free, Choice, Assume, FinalLoad, Halt,
                            DependOn>;

struct Op {
    OpKind kind;
    SourceLoc loc;  // of the source instruction this op came from
    bool operator==(const Op&) const = default;
};

struct Thread {
    std::string name;  // "P0", ...
    std::vector<Op> ops;
    bool operator==(const Thread&) const = default;
};

}  // namespace memlit::litmus
