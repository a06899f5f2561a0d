#include "litmus/State.hpp"

#include <algorithm>

namespace memlit::litmus {

namespace {

void collect(const Prop& p, std::vector<Place>& out) {
    if (p.kind == Prop::Kind::Atom) out.push_back(p.place);
    for (const auto& a : p.args) collect(a, out);
}

int compareValues(const Value& a, const Value& b) {
    if (a.isSym() != b.isSym()) return a.isSym() ? 1 : -1;
    if (a.isSym()) return a.sym < b.sym ? -1 : (a.sym == b.sym ? 0 : 1);
    return a.num < b.num ? -1 : (a.num == b.num ? 0 : 1);
}

bool placeOrder(const Place& a, const Place& b) {
    // Registers (thread >= 0) before memory (thread == -1), then by thread, then by name.
    if (a.isRegister() != b.isRegister()) return a.isRegister();
    if (a.thread != b.thread) return a.thread < b.thread;
    return a.name < b.name;
}

}  // namespace

std::vector<Place> observedPlaces(const LitmusTest& test) {
    std::vector<Place> all = test.locations;
    if (test.filter) collect(*test.filter, all);
    collect(test.condition.prop, all);
    std::vector<Place> out;
    for (const auto& p : all)
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    std::stable_sort(out.begin(), out.end(), placeOrder);
    return out;
}

bool stateLess(const State& a, const State& b) {
    for (std::size_t i = 0; i < a.values.size() && i < b.values.size(); ++i) {
        int c = compareValues(a.values[i], b.values[i]);
        if (c != 0) return c < 0;
    }
    return a.values.size() < b.values.size();
}

std::string formatPlace(const Place& p) {
    return p.isRegister() ? std::to_string(p.thread) + ":" + p.name : "[" + p.name + "]";
}

std::string formatValue(const Value& v) { return v.isSym() ? v.sym : std::to_string(v.num); }

std::string formatState(const std::vector<Place>& places, const State& s) {
    std::string out;
    for (std::size_t i = 0; i < places.size() && i < s.values.size(); ++i) {
        out += formatPlace(places[i]) + "=" + formatValue(s.values[i]) + ";";
        if (i + 1 < places.size()) out += ' ';
    }
    return out;
}

bool evalProp(const Prop& p, const std::vector<Place>& places, const State& s) {
    switch (p.kind) {
    case Prop::Kind::True: return true;
    case Prop::Kind::False: return false;
    case Prop::Kind::Atom: {
        auto it = std::find(places.begin(), places.end(), p.place);
        Value v = Value::number(0);
        if (it != places.end()) v = s.values[static_cast<std::size_t>(it - places.begin())];
        return v == p.value;
    }
    case Prop::Kind::Not: return !evalProp(p.args[0], places, s);
    case Prop::Kind::And: return evalProp(p.args[0], places, s) && evalProp(p.args[1], places, s);
    case Prop::Kind::Or: return evalProp(p.args[0], places, s) || evalProp(p.args[1], places, s);
    case Prop::Kind::Implies:
        return !evalProp(p.args[0], places, s) || evalProp(p.args[1], places, s);
    }
    return false;
}

}  // namespace memlit::litmus
