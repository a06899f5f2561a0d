#pragma once
/// LitmusTest: one parsed litmus file (header, init, threads lowered to IR, final condition),
/// shared by every front end.

#include "support/Diagnostics.hpp"
#include "litmus/Program.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlit::litmus {

/// An initial or compared value: an integer, the address of a location (`0:EBX=x`), or the
/// contents of a whole array (`x={1,2}`).
struct Value {
    std::int64_t num = 0;
    std::string sym;           // non-empty: the address of this location
    std::vector<Value> elems;  // non-empty: an array value, one per cell
    /// How to print `num`: as an unsigned 64-bit number (places of type uint64_t). A matter of
    /// printing only: equality ignores it.
    bool asUnsigned = false;
    bool isSym() const { return !sym.empty(); }
    bool isArray() const { return !elems.empty(); }
    static Value number(std::int64_t n) { return {n, {}, {}, false}; }
    static Value address(std::string s) { return {0, std::move(s), {}, false}; }
    static Value array(std::vector<Value> cells) { return {0, {}, std::move(cells), false}; }
    bool operator==(const Value& o) const { return num == o.num && sym == o.sym && elems == o.elems; }
};

/// A register `T:NAME` (thread >= 0) or a memory location `x` / `[x]` (thread == -1).
struct Place {
    /// A symbolic register of the initial state (`%x0=x`), before the table front end gives
    /// it to each thread: only between StateParser::parseInit and the front end.
    static constexpr int kSymbolic = -2;
    int thread = -1;
    std::string name;
    bool isRegister() const { return thread >= 0; }
    bool operator==(const Place&) const = default;
    auto operator<=>(const Place&) const = default;
};

struct InitEntry {
    Place place;
    Value value;       // absent value in the file means 0
    std::string type;  // declared type if any ("int", "uint64_t", "int*", ...)
    SourceLoc loc;
    std::int64_t cells = 0;  // > 0: `type name[cells]`, an array; `value` is then an array value
    bool operator==(const InitEntry&) const = default;
};

/// A proposition of a condition or filter.
struct Prop {
    enum class Kind { True, False, Atom, Not, And, Or, Implies };
    Kind kind = Kind::True;
    Place place;  // Atom: place = value, or place = *other
    Value value;
    /// Atom comparing two places (`0:r1=1:r2`, herd's register comparison): equal values.
    std::optional<Place> other;
    std::vector<Prop> args;  // Not: 1, And/Or/Implies: 2
    bool operator==(const Prop&) const = default;
};

struct Condition {
    enum class Quantifier { Exists, NotExists, Forall };
    Quantifier quantifier = Quantifier::Exists;
    Prop prop;
    std::string text;  // as herd prints it after `Condition `, e.g. "exists (0:EAX=0 /\ 1:EAX=0)"
    SourceLoc loc;
    bool operator==(const Condition&) const = default;
};

/// One source instruction of a thread, kept verbatim for the hardware runner.
struct RawInstr {
    std::string text;
    SourceLoc loc;
    bool operator==(const RawInstr&) const = default;
};

struct LitmusTest {
    std::string file;
    std::string arch;  // as written in the header; its record: findArchitecture(arch)
    std::string name;
    std::string doc;   // the quoted string after the header, if any
    std::vector<std::pair<std::string, std::string>> meta;  // Key=value lines
    std::vector<SourceLoc> metaValueLocs;  // where each meta value starts, parallel to meta
    std::vector<InitEntry> init;
    std::vector<Thread> threads;              // lowered IR, one per column
    std::vector<std::vector<RawInstr>> raw;   // per thread, the non-empty source cells
    /// Whole-program front ends (Go): the file's text up to the condition, blanked (newlines
    /// kept) before the body's `{` and in comments, so positions are the file's; `memlit run`
    /// turns it back into a program. Empty for thread-table tests.
    std::string programText;
    std::vector<Place> locations;             // `locations [...]`
    std::optional<Prop> filter;
    Condition condition;
};

}  // namespace memlit::litmus
