#pragma once
/// Events: a litmus program unrolled into the events of every candidate execution. Values,
/// addresses and guards are symbolic Terms over the values that reads return, so dependencies,
/// pointers and branches stay exact; the encoder (Z3) and the brute-force enumerator
/// (concrete) both read this graph.

#include "support/Diagnostics.hpp"
#include "litmus/LitmusTest.hpp"
#include "litmus/State.hpp"
#include "engine/Relation.hpp"
#include "engine/Term.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memlit::engine {

enum class EventKind { Init, Read, Write, Fence, Alloc, Free };

struct Event {
    std::uint32_t index = 0;
    int thread = -1;               // -1 for initial writes
    std::uint32_t poIndex = 0;     // position in its thread
    EventKind kind = EventKind::Init;
    std::vector<std::string> tags; // from the front end: MFENCE, X, A, L, ...
    SourceLoc loc;
    Term addr;                     // Read/Write/Init/Free: the location's address
    Term value;                    // Write/Init: value written; Read: readOf(index)
    Term guard = Term::constant(1);// the event happens iff guard != 0
    int rmwPartner = -1;           // the other half of an atomic read-modify-write
    std::uint8_t width = 0;        // Read/Write: bytes accessed; 0 = the location's whole word
    bool isRead() const { return kind == EventKind::Read; }
    bool isWrite() const { return kind == EventKind::Write || kind == EventKind::Init; }
    bool isMemory() const { return isRead() || isWrite(); }
    /// Memory events and frees: the events with an address (a free's is the object's).
    bool hasAddress() const { return isMemory() || kind == EventKind::Free; }
};

/// A condition every execution satisfies: wherever `guard` holds, `cond` is non-zero
/// (litmus::Assume).
struct Assumption {
    Term guard;
    Term cond;
    int thread = -1;
    SourceLoc loc;
};

/// A place where a thread stops for good (litmus::Halt), reached wherever `guard` holds.
/// `guard` may mention final values (Term::Kind::Final); event guards never do.
struct HaltSite {
    Term guard;
    int thread = -1;
    SourceLoc loc;
    litmus::Halt::Kind kind = litmus::Halt::Kind::Blocked;
    std::string what;
};

struct EventGraph {
    std::vector<Event> events;     // initial writes first, then thread by thread in po order
    std::vector<std::string> locations;            // memory cells, one initial write each
    std::map<std::string, std::int64_t> address;   // name -> address value (cells `v[1]` and
                                                   // the arrays `v` themselves, = `v[0]`)
    std::map<std::string, std::vector<std::string>> arrays;  // array name -> its cells in order
    Relation po, addr, data, ctrl, rmw;            // static relations (over all events)
    Relation mayAlias;                             // pairs of events with an address that may share it
    std::vector<std::map<std::string, Term>> finalRegs;  // per thread, registers at its end
    std::uint32_t choices = 0;                     // number of Choice terms (0/1 each)
    std::vector<Assumption> assumptions;           // from Assume ops
    std::vector<HaltSite> halts;                   // from Halt ops
    std::size_t size() const { return events.size(); }
    /// The index in `locations` of the location with address `v`, if any.
    std::optional<std::uint32_t> locationIndex(std::int64_t v) const;
    /// The location whose address is `v`, if any (to print pointer values by name).
    std::optional<std::string> locationAt(std::int64_t v) const;
    /// The value of an observed place's term at the end (registers only).
    Term registerTerm(const litmus::Place& p) const;
    /// The cells a memory place reads at the end: every cell of a whole array `v`, else the
    /// place itself.
    std::vector<std::string> cellsOf(const litmus::Place& p) const;
    /// The value a state shows for a place, from the values (already normalized to the
    /// place's type) of its cells, or of its register: addresses print as location names.
    litmus::Value observedValue(const litmus::Place& p, litmus::ValueType type,
                                const std::vector<std::int64_t>& cells) const;
    /// The cell values that `v` stands for (the inverse of observedValue).
    std::vector<std::int64_t> cellValues(const litmus::Value& v) const;
};

/// Addresses of locations (arrays: of their first cell; the others follow at the element
/// size). They are far from the small integers tests store, 1 MiB apart so that arrays fit,
/// and below 2^31 so that a 32-bit `int` place holding one keeps it whole.
constexpr std::int64_t addressOfLocation(std::size_t i) {
    return 0x40000000 + ((static_cast<std::int64_t>(i) + 1) << 20);
}

/// Unrolls the test's threads. Reports backward branches and unknown labels as diagnostics.
std::optional<EventGraph> buildEvents(const litmus::LitmusTest& test, Diagnostics& diags);

/// Human-readable name of an event, e.g. "P0:1 W[x]=1" (for explanations and SMT names).
std::string describe(const EventGraph& g, const Event& e);

}  // namespace memlit::engine
