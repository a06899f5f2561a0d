#pragma once
/// Final states: the values of the observed places (registers and locations named by the
/// condition and by `locations`), how herd prints and orders them, and evaluating a condition
/// or filter on one.

#include "litmus/LitmusTest.hpp"

#include <string>
#include <vector>

namespace memlit::litmus {

/// One final state: a value per observed place, in the order of `observedPlaces`.
struct State {
    std::vector<Value> values;
    bool operator==(const State&) const = default;
};

/// The places a test observes, the columns of its printed states: those of `locations [...]`
/// and of the condition, without repeats, sorted as herd prints them (registers by thread then
/// name, then memory locations by name). A place only the `filter` names is not printed, as in
/// herd, which displays the `locations` and the condition's places and reads the filter on the
/// whole final state.
std::vector<Place> observedPlaces(const LitmusTest& test);

/// The places whose final values a checker computes: `observedPlaces` (a prefix) followed by
/// the places only the filter names, sorted the same way among themselves.
std::vector<Place> evaluatedPlaces(const LitmusTest& test);

/// `s` (over `evaluatedPlaces`) cut to its first `shown` values, those of `observedPlaces`.
State shownPart(const State& s, std::size_t shown);

/// Herd's order of states: lexicographic over values in place order, numbers below addresses.
bool stateLess(const State& a, const State& b);

/// `0:EAX=0; 1:EAX=1; [x]=2; v[1]=3; t={1,2};` (scalar locations bracketed, array cells and
/// whole arrays not, as herd prints them).
std::string formatState(const std::vector<Place>& places, const State& s);
std::string formatPlace(const Place& p);   // "0:EAX", "[x]" or "v[1]"
std::string formatValue(const Value& v);   // "1", "x", "18446744073709551615" or "{1,2}"

/// The width and signedness of a place's values, from its declared type. Values are kept
/// normalized to it (sign- or zero-extended from `bits`), as herd compares and prints them.
struct ValueType {
    int bits = 64;
    bool isSigned = true;
    bool operator==(const ValueType&) const = default;
};
/// `int8_t` .. `uint64_t`, `int`, `char`, `short`, `long`, pointers (64-bit). Unknown names are
/// 64-bit signed.
ValueType valueTypeOf(const std::string& type);
/// Size in bytes of one cell of that type (arrays are laid out with it).
int sizeOfType(const std::string& type);
/// The type of a place: its declaration in the init block (a cell `v[1]` has the element type
/// of `v`), else the architecture's default (AArch64: `int`; others: 64-bit).
ValueType placeType(const LitmusTest& test, const Place& p);
/// `v` reduced to `t`'s width and sign- or zero-extended back to 64 bits.
std::int64_t normalize(ValueType t, std::int64_t v);
/// The array declared as `name` in the init block, if any.
const InitEntry* arrayDecl(const LitmusTest& test, const std::string& name);
/// Condition and filter constants normalized to their places' types (so that `u[0]=4294967295`
/// holds for an `int32_t` cell holding -1, as in herd); done once after parsing.
void normalizeConstants(LitmusTest& test);

/// Truth of `p` in `s`; a place not observed reads as 0.
bool evalProp(const Prop& p, const std::vector<Place>& places, const State& s);

}  // namespace memlit::litmus
