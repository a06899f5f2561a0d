#pragma once
/// Term: a symbolic value built from constants, the values reads return, free 0/1 choices and
/// the final values of locations, with constant folding and concrete evaluation.

#include "litmus/Program.hpp"

#include <cstdint>
#include <vector>

namespace memlit::engine {

/// A value in terms of constants and the values returned by reads.
struct Term {
    enum class Kind { Const, Read, Op, Choice, Final };
    Kind kind = Kind::Const;
    std::int64_t value = 0;        // Const
    std::uint32_t event = 0;       // Read: the read event whose value this is; Choice: its id;
                                   // Final: the location's index in EventGraph::locations
    litmus::Expr::Kind op = litmus::Expr::Kind::Add;  // Op
    std::vector<Term> args;        // Op

    static Term constant(std::int64_t v) { return {Kind::Const, v, 0, {}, {}}; }
    static Term readOf(std::uint32_t e) { return {Kind::Read, 0, e, {}, {}}; }
    static Term choice(std::uint32_t id) { return {Kind::Choice, 0, id, {}, {}}; }
    static Term finalOf(std::uint32_t location) { return {Kind::Final, 0, location, {}, {}}; }
    bool isConst() const { return kind == Kind::Const; }
    bool isConst(std::int64_t v) const { return kind == Kind::Const && value == v; }
    bool operator==(const Term&) const = default;
};

/// Builds op(args) folding constants and trivial identities (x^x = 0, x&0 = 0, ...).
Term makeOp(litmus::Expr::Kind op, std::vector<Term> args);
/// Evaluates a term given the values of reads (indexed by event), of choices (by id) and the
/// final values of locations (by index).
std::int64_t evalTerm(const Term& t, const std::vector<std::int64_t>& readValues,
                      const std::vector<std::int64_t>& choices = {}, const std::vector<std::int64_t>& finals = {});
/// Guards: `a && b`, `a || b` and `!a` as terms, folding constants; `orTerm` also joins the
/// two sides of one branch again (`c || !c` is 1, `(p && c) || (p && !c)` is p).
Term andTerm(const Term& a, const Term& b);
Term orTerm(const Term& a, const Term& b);
Term notTerm(const Term& a);
/// Whether `t` mentions a final value.
bool mentionsFinal(const Term& t);

}  // namespace memlit::engine
