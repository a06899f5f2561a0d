#include "litmus/State.hpp"

#include "litmus/Architecture.hpp"

#include <algorithm>

namespace memlit::litmus {

namespace {

void collect(const Prop& p, std::vector<Place>& out) {
    if (p.kind == Prop::Kind::Atom) out.push_back(p.place);
    if (p.kind == Prop::Kind::Atom && p.other) out.push_back(*p.other);
    for (const auto& a : p.args) collect(a, out);
}

int compareValues(const Value& a, const Value& b) {
    if (a.isArray() || b.isArray()) {
        for (std::size_t i = 0; i < a.elems.size() && i < b.elems.size(); ++i)
            if (int c = compareValues(a.elems[i], b.elems[i]); c != 0) return c;
        return a.elems.size() < b.elems.size() ? -1 : (a.elems.size() == b.elems.size() ? 0 : 1);
    }
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
    collect(test.condition.prop, all);
    std::vector<Place> out;
    for (const auto& p : all)
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    std::stable_sort(out.begin(), out.end(), placeOrder);
    return out;
}

std::vector<Place> evaluatedPlaces(const LitmusTest& test) {
    std::vector<Place> out = observedPlaces(test);
    const std::size_t shown = out.size();
    std::vector<Place> extra;
    if (test.filter) collect(*test.filter, extra);
    for (const auto& p : extra)
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(shown), out.end(), placeOrder);
    return out;
}

State shownPart(const State& s, std::size_t shown) {
    State out = s;
    if (out.values.size() > shown) out.values.resize(shown);
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
    if (p.isRegister()) return std::to_string(p.thread) + ":" + p.name;
    return p.name.find('[') != std::string::npos ? p.name : "[" + p.name + "]";
}

std::string formatValue(const Value& v) {
    if (v.isArray()) {
        std::string out = "{";
        for (std::size_t i = 0; i < v.elems.size(); ++i) out += (i ? "," : "") + formatValue(v.elems[i]);
        return out + "}";
    }
    if (v.isSym()) return v.sym;
    return v.asUnsigned ? std::to_string(static_cast<std::uint64_t>(v.num)) : std::to_string(v.num);
}

std::string formatState(const std::vector<Place>& places, const State& s) {
    std::string out;
    for (std::size_t i = 0; i < places.size() && i < s.values.size(); ++i) {
        // herd prints a whole array `t={1,2}` without brackets.
        std::string place = s.values[i].isArray() ? places[i].name : formatPlace(places[i]);
        out += place + "=" + formatValue(s.values[i]) + ";";
        if (i + 1 < places.size()) out += ' ';
    }
    return out;
}

bool evalProp(const Prop& p, const std::vector<Place>& places, const State& s) {
    switch (p.kind) {
    case Prop::Kind::True: return true;
    case Prop::Kind::False: return false;
    case Prop::Kind::Atom: {
        auto valueOf = [&](const Place& place) {
            auto it = std::find(places.begin(), places.end(), place);
            if (it == places.end()) return Value::number(0);
            return s.values[static_cast<std::size_t>(it - places.begin())];
        };
        return valueOf(p.place) == (p.other ? valueOf(*p.other) : p.value);
    }
    case Prop::Kind::Not: return !evalProp(p.args[0], places, s);
    case Prop::Kind::And: return evalProp(p.args[0], places, s) && evalProp(p.args[1], places, s);
    case Prop::Kind::Or: return evalProp(p.args[0], places, s) || evalProp(p.args[1], places, s);
    case Prop::Kind::Implies:
        return !evalProp(p.args[0], places, s) || evalProp(p.args[1], places, s);
    }
    return false;
}

ValueType valueTypeOf(const std::string& type) {
    std::string t = type;
    if (t.rfind("_Atomic ", 0) == 0) t = t.substr(8);
    if (t.empty() || t.back() == '*') return {64, true};
    bool isUnsigned = t[0] == 'u' || t.rfind("unsigned", 0) == 0;
    if (t == "int8_t" || t == "uint8_t" || t == "char" || t == "uint8") return {8, !isUnsigned};
    if (t == "int16_t" || t == "uint16_t" || t == "short") return {16, !isUnsigned};
    if (t == "int32_t" || t == "uint32_t" || t == "int" || t == "unsigned") return {32, !isUnsigned};
    return {64, !isUnsigned};
}

int sizeOfType(const std::string& type) { return valueTypeOf(type).bits / 8; }

const InitEntry* arrayDecl(const LitmusTest& test, const std::string& name) {
    for (const auto& i : test.init)
        if (!i.place.isRegister() && i.cells > 0 && i.place.name == name) return &i;
    return nullptr;
}

ValueType placeType(const LitmusTest& test, const Place& p) {
    std::string name = p.name;
    if (!p.isRegister()) {
        std::size_t b = name.find('[');
        if (b != std::string::npos) name = name.substr(0, b);
    }
    for (const auto& i : test.init)
        if (i.place.thread == p.thread && i.place.name == name && !i.type.empty()) return valueTypeOf(i.type);
    const Architecture* arch = findArchitecture(test.arch);
    return arch ? arch->defaultType : ValueType{64, true};
}

std::int64_t normalize(ValueType t, std::int64_t v) {
    if (t.bits >= 64) return v;
    const auto u = static_cast<std::uint64_t>(v);
    const std::uint64_t mask = (std::uint64_t{1} << t.bits) - 1;
    std::uint64_t low = u & mask;
    if (t.isSigned && (low >> (t.bits - 1)) != 0) low |= ~mask;
    return static_cast<std::int64_t>(low);
}

namespace {

void normalizeValue(ValueType t, Value& v) {
    if (!v.isSym()) v.num = normalize(t, v.num);
    for (auto& e : v.elems) normalizeValue(t, e);
}

void normalizeProp(const LitmusTest& test, Prop& p) {
    if (p.kind == Prop::Kind::Atom && !p.other) normalizeValue(placeType(test, p.place), p.value);
    for (auto& a : p.args) normalizeProp(test, a);
}

}  // namespace

void normalizeConstants(LitmusTest& test) {
    if (test.filter) normalizeProp(test, *test.filter);
    normalizeProp(test, test.condition.prop);
}

}  // namespace memlit::litmus
