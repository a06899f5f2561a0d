#include "engine/MixedSize.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace memlit::engine {

namespace {

/// An access's width in bytes; the whole word (0) counts as 8, the widest value memlit keeps.
int widthOf(const Event& e) { return e.width == 0 ? 8 : e.width; }

std::string bytes(int w) { return std::to_string(w) + (w == 1 ? " byte" : " bytes"); }

/// Whether `v` written to a location may have a bit set beyond its first `w` bytes.
bool mayBeWider(const Term& v, int w) {
    if (!v.isConst()) return true;
    return w < 8 && (static_cast<std::uint64_t>(v.value) >> (8 * w)) != 0;
}

/// The source text of the instruction of event `e`, or "".
std::string instructionAt(const litmus::LitmusTest& test, const Event& e) {
    if (e.thread < 0 || static_cast<std::size_t>(e.thread) >= test.raw.size()) return "";
    for (const auto& r : test.raw[static_cast<std::size_t>(e.thread)])
        if (r.loc == e.loc) return r.text;
    return "";
}

/// Why the narrow store `s` cannot be answered exactly among `events` (every access to its
/// location, the initial write included), or "".
std::string whyDeclined(const Event& s, const std::vector<const Event*>& events) {
    bool initWide = false, otherWide = false, whole = false;
    int widest = 0;
    for (const Event* w : events) {
        if (w->kind != EventKind::Init) widest = std::max(widest, widthOf(*w)), whole = whole || w->width == 0;
        if (w != &s && w->isWrite() && mayBeWider(w->value, widthOf(s)))
            (w->kind == EventKind::Init ? initWide : otherWide) = true;
    }
    // The initial value is written whole, and a final state shows the whole cell.
    if (initWide) return "whose initial value is wider";
    if (!otherWide || widthOf(s) >= widest) return "";
    return "which is also accessed " + (whole ? std::string("as a whole") : bytes(widest) + " wide");
}

}  // namespace

bool checkMixedSize(const litmus::LitmusTest& test, const EventGraph& g, Diagnostics& diags) {
    std::map<std::int64_t, std::vector<const Event*>> at;  // statically known address -> events
    for (const Event& e : g.events)
        if (e.isMemory() && e.addr.isConst()) at[e.addr.value].push_back(&e);
    for (const auto& [address, events] : at)
        for (const Event* s : events) {
            if (s->kind != EventKind::Write || widthOf(*s) >= 8) continue;
            const std::string why = whyDeclined(*s, events);
            if (why.empty()) continue;
            const std::string text = instructionAt(test, *s);
            diags.unsupported(test.file, s->loc,
                              "mixed-size accesses: " + (text.empty() ? std::string("a store") : "'" + text + "'") +
                                  " writes " + bytes(widthOf(*s)) + " of " +
                                  g.locationAt(address).value_or("a location") + ", " + why +
                                  " (memlit keeps one value per location, not its bytes)");
            return false;
        }
    return true;
}

}  // namespace memlit::engine
