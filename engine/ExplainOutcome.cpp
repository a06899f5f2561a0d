#include "engine/ExplainOutcome.hpp"

#include <algorithm>
#include <cctype>

namespace memlit::engine {

namespace {

constexpr const char* kWhere = "--outcome";

std::string trim(const std::string& s, std::size_t& offset) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    offset += b;
    return s.substr(b, e - b);
}

std::optional<std::size_t> placeIndex(const std::string& name, const std::vector<litmus::Place>& places) {
    for (std::size_t i = 0; i < places.size(); ++i) {
        const auto& p = places[i];
        if (litmus::formatPlace(p) == name) return i;
        if (!p.isRegister() && (p.name == name || "[" + p.name + "]" == name)) return i;
    }
    return std::nullopt;
}

/// Parses one value like the state printer writes it: a decimal number (herd prints
/// negative numbers with a sign) or a location's name.
litmus::Value valueOf(const std::string& text) {
    litmus::Value v;
    char* end = nullptr;
    const long long n = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && end && *end == '\0') v.num = n;
    else v.sym = text;
    return v;
}

}  // namespace

bool Outcome::full() const {
    for (std::size_t i = 0; i < places; ++i)
        if (std::none_of(values.begin(), values.end(), [&](const auto& v) { return v.first == i; })) return false;
    return true;
}

litmus::State Outcome::state() const {
    litmus::State s;
    s.values.resize(places);
    for (const auto& [i, text] : values) s.values[i] = valueOf(text);
    return s;
}

bool Outcome::matches(const litmus::State& s) const {
    for (const auto& [i, text] : values)
        if (i >= s.values.size() || litmus::formatValue(s.values[i]) != text) return false;
    return true;
}

std::optional<Outcome> parseOutcome(const std::string& text, const std::vector<litmus::Place>& places,
                                    Diagnostics& diags) {
    Outcome out;
    out.places = places.size();
    std::size_t start = 0;
    bool ok = true;
    while (start <= text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        std::size_t at = start;
        const std::string item = trim(text.substr(start, end - start), at);
        const SourceLoc loc{1, static_cast<std::uint32_t>(at + 1)};
        if (!item.empty()) {
            const std::size_t eq = item.find('=');
            std::size_t vat = at + eq + 1;
            const std::string name = eq == std::string::npos ? item : trim(item.substr(0, eq), at);
            const std::string value = eq == std::string::npos ? "" : trim(item.substr(eq + 1), vat);
            const auto index = eq == std::string::npos ? std::nullopt : placeIndex(name, places);
            if (eq == std::string::npos || value.empty()) {
                diags.error(kWhere, loc, "expected PLACE=VALUE, got '" + item + "'");
                ok = false;
            } else if (!index) {
                std::string known;
                for (const auto& p : places) known += (known.empty() ? "" : ", ") + litmus::formatPlace(p);
                diags.error(kWhere, loc, "the test does not observe '" + name + "' (it observes " + known + ")");
                ok = false;
            } else {
                out.values.push_back({*index, litmus::formatValue(valueOf(value))});
            }
        }
        start = end + 1;
    }
    if (ok && out.values.empty()) {
        diags.error(kWhere, {1, 1}, "the outcome gives no place; expected e.g. '0:EAX=0; 1:EAX=0;'");
        ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
}

}  // namespace memlit::engine
