#pragma once
/// Encoding: the program half of the SMT problem (private to engine/smt/). Which events happen,
/// the values and addresses they carry, the reads-from choice of every read and the coherence
/// order per location, as Z3 terms; plus the base sets and relations a cat model starts from.

#include "litmus/State.hpp"
#include "engine/BaseRelations.hpp"
#include "engine/Events.hpp"
#include "engine/smt/SymbolicDomain.hpp"

#include <z3++.h>

#include <map>
#include <optional>
#include <vector>

namespace memlit::engine::smt {

class Encoding {
public:
    Encoding(z3::context& ctx, const EventGraph& g);

    /// Constraints every candidate execution satisfies (well-formed rf and co).
    const z3::expr_vector& constraints() const { return constraints_; }
    const SymbolicBase& base() const { return base_; }

    /// Final value of a memory location (must be one of g.locations) / of a register place.
    z3::expr finalLocation(const std::string& name);
    z3::expr translate(const Term& t);
    /// Whether the execution reaches halt site `h`.
    z3::expr halted(const HaltSite& h);
    /// `e` reduced to the width of `type` and sign- or zero-extended back (litmus::normalize).
    z3::expr normalize(const z3::expr& e, litmus::ValueType type);
    /// `s`, at most one 2^64 outside int64, wrapped into int64 (two's complement).
    z3::expr wrap64(const z3::expr& s);
    /// op(a0, a1) in integer arithmetic when a1 is a numeral that makes it linear (masks to a
    /// width, flipping a masked value's top bit, shifts by a constant); else nothing.
    std::optional<z3::expr> byNumeral(const Term& t, const std::vector<z3::expr>& a);

    /// The value event `i` reads or writes, and the address it accesses (memory events only).
    const z3::expr& value(std::size_t i) const { return value_.at(i); }
    const z3::expr& address(std::size_t i) const { return addr_.at(i); }

    /// The literals that identify an execution: executed guards, rf choices, co order.
    const z3::expr_vector& executionLiterals() const { return execLits_; }

private:
    z3::context& ctx_;
    const EventGraph& g_;
    const BaseTable table_;   // which events and pairs each base name may contain
    z3::expr_vector constraints_;
    z3::expr_vector execLits_;
    std::vector<z3::expr> exec_, value_, addr_, choice_, choiceBool_;
    std::vector<std::optional<z3::expr>> cpos_;
    SymbolicBase base_;
    SymRel rf_, co_;
    SymSet fw_;  // final writes: the coherence-last write of each location
    std::map<std::string, z3::expr> finals_;  // location -> its final value
    EventSet writes_;

    z3::expr sameAddr(std::size_t a, std::size_t b);
    /// `t != 0` as a Boolean formula (see truth's comment).
    z3::expr truth(const Term& t);
    void encodeEvents();
    void encodeReadsFrom();
    void encodeCoherence();
    void encodeValueFlow();
    void encodeBase();
    void encodeAssumptions();
    SymRel baseRelation(cat::BaseRel r);
    SymSet memberSet(const EventSet& members);
};

}  // namespace memlit::engine::smt
