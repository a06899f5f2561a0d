#pragma once
/// BaseRelations: the one table of how an event graph yields the cat base sets, relations and
/// tags — which events or pairs are candidates statically, and what makes a candidate belong
/// in one execution. The Z3 encoding (engine/smt/Encoding.cpp) turns each rule into a formula;
/// the enumerator (concreteExecution below) evaluates it on one chosen execution.

#include "cat/Vocabulary.hpp"
#include "engine/ConcreteExecution.hpp"
#include "engine/Events.hpp"
#include "engine/Relation.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace memlit::engine {

/// When a candidate pair (a, b) of a base relation is related in an execution.
enum class PairRule {
    Executed,     // both events happen (id: the event happens)
    SameAddress,  // both happen and access the same address (loc)
    ReadsFrom,    // b reads from a (rf)
    Coherence,    // a precedes b in the coherence order of their location (co)
};

/// When a candidate event of a base set belongs to it in an execution.
enum class MemberRule {
    Executed,       // the event happens
    CoherenceLast,  // the event happens and no write follows it in coherence (FW)
};

PairRule ruleOf(cat::BaseRel r);
MemberRule ruleOf(cat::BaseSet s);

/// The static candidates, over all events of the graph.
struct BaseTable {
    std::array<Relation, cat::kBaseRelCount> may;       // by BaseRel
    std::array<EventSet, cat::kBaseSetCount> members;   // by BaseSet
    /// Every tag the events carry (but IW, a base set), sorted by name, with its events.
    std::vector<std::pair<std::string, EventSet>> tags;

    const Relation& mayOf(cat::BaseRel r) const { return may[static_cast<std::size_t>(r)]; }
    const EventSet& membersOf(cat::BaseSet s) const { return members[static_cast<std::size_t>(s)]; }
};

BaseTable baseTable(const EventGraph& g);

/// The choices that fix one candidate execution, over all events of the graph.
struct ExecutionChoice {
    const std::vector<bool>& executed;
    const std::vector<std::int64_t>& addr;   // addresses of the memory events
    const std::vector<int>& source;          // per executed read: the write it reads from
    const Relation& co;                      // the coherence order, initial writes first
    /// Per graph event, the value a memory event reads or writes (cat's different-values);
    /// null when the caller has none (partial candidates).
    const std::vector<std::int64_t>* values = nullptr;
};

/// The base sets and relations of that execution over its executed events, densely
/// renumbered in graph order (events not executed are left out).
ConcreteExecution concreteExecution(const BaseTable& table, const ExecutionChoice& choice);

}  // namespace memlit::engine
