#pragma once
/// Execution: one execution of a test as plain values, whichever engine found it: its events
/// with stable ids and source positions, and every base set and relation (rf, co, po, addr,
/// data, ctrl, rmw, loc, int, ext, ...) over them, ready for the concrete cat evaluator.

#include "engine/ConcreteExecution.hpp"
#include "engine/Events.hpp"
#include "engine/Relation.hpp"
#include "litmus/State.hpp"
#include "support/Diagnostics.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::engine {

struct PreparedTest;

/// Which event, independently of any numbering: its thread and its position in that thread's
/// program order (initial writes: thread -1, numbered in location order).
struct EventId {
    int thread = -1;
    std::uint32_t index = 0;
    bool operator==(const EventId&) const = default;
    auto operator<=>(const EventId&) const = default;
};

struct ExecutionEvent {
    EventId id;
    EventKind kind = EventKind::Init;
    std::string location;          // memory events and frees: the location accessed ("x", "a[1]")
    std::int64_t value = 0;        // reads: the value read; writes: the value written
    std::vector<std::string> tags; // as the front end attached them (MFENCE, X, A, L, ...)
    std::string file;              // where its instruction is written
    SourceLoc loc;                 // initial writes have none
    std::string text;              // the instruction's source text, empty when none is kept
    bool operator==(const ExecutionEvent&) const = default;
};

struct Execution {
    /// The executed events in graph order: event i is index i of every set and relation.
    std::vector<ExecutionEvent> events;
    /// Every base set and relation (rf and co included), as the cat evaluator reads them.
    ConcreteExecution base;
    litmus::State state;  // its final values, in the order of PreparedTest::places

    /// A base relation; an empty one for a name the execution does not give.
    Relation relation(std::string_view name) const;
    Relation rf() const { return relation("rf"); }
    Relation co() const { return relation("co"); }
    std::optional<std::size_t> indexOf(EventId id) const;
    /// Dense indices (e.g. a cycle of a relation) as event ids.
    std::vector<EventId> ids(const std::vector<EventIndex>& indices) const;
};

/// The stable id of graph event `i`.
EventId eventId(const EventGraph& g, std::size_t i);

/// The description of graph event `i` of `test`, carrying `address` and `value`.
ExecutionEvent executionEvent(const PreparedTest& test, std::size_t i, std::int64_t address, std::int64_t value);

}  // namespace memlit::engine
