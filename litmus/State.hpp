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

/// The places a test observes: `locations [...]` first, then those of the filter and
/// the condition, without repeats, sorted as herd prints them (registers by thread then name,
/// then memory locations by name).
std::vector<Place> observedPlaces(const LitmusTest& test);

/// Herd's order of states: lexicographic over values in place order, numbers below addresses.
bool stateLess(const State& a, const State& b);

/// `0:EAX=0; 1:EAX=1; [x]=2;` (memory locations bracketed, as herd prints them).
std::string formatState(const std::vector<Place>& places, const State& s);
std::string formatPlace(const Place& p);   // "0:EAX" or "[x]"
std::string formatValue(const Value& v);   // "1" or "x"

/// Truth of `p` in `s`; a place not observed reads as 0.
bool evalProp(const Prop& p, const std::vector<Place>& places, const State& s);

}  // namespace memlit::litmus
