#include "engine/MixedSize.hpp"

#include "litmus/State.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace memlit::engine {

namespace {

/// An access's width in bytes within a cell of `cell` bytes (the location's declared type, or
/// the architecture's default): the whole word (0), or anything wider, is the whole cell.
int widthOf(const Event& e, int cell) { return e.width == 0 ? cell : std::min<int>(e.width, cell); }

std::string bytes(int w) { return std::to_string(w) + (w == 1 ? " byte" : " bytes"); }

/// Whether `v` written to a cell of `cell` bytes may have a bit set beyond its first `w` bytes
/// (values are kept sign-extended from the cell's width: -1 in an `int` cell is four 0xff bytes).
bool mayBeWider(const Term& v, int w, int cell) {
    if (!v.isConst()) return true;
    std::uint64_t bits = static_cast<std::uint64_t>(v.value);
    if (cell < 8) bits &= (std::uint64_t{1} << (8 * cell)) - 1;
    return w < cell && (bits >> (8 * w)) != 0;
}

/// The size in bytes of the cell at `address`: its declared type's (a cell `v[1]` has the
/// element type of `v`), else the architecture's default.
int cellBytes(const litmus::LitmusTest& test, const EventGraph& g, std::int64_t address) {
    const auto name = g.locationAt(address);
    if (!name) return 8;
    litmus::Place p;
    p.name = name->substr(0, name->find('['));
    return std::max(1, litmus::placeType(test, p).bits / 8);
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
std::string whyDeclined(const Event& s, const std::vector<const Event*>& events, int cell) {
    bool initWide = false, otherWide = false, whole = false;
    int widest = 0, widestWritten = 0;  // within the cell; as the instructions say (the message)
    for (const Event* w : events) {
        if (w->kind != EventKind::Init) {
            widest = std::max(widest, widthOf(*w, cell));
            widestWritten = std::max<int>(widestWritten, w->width == 0 ? cell : w->width);
            whole = whole || w->width == 0;
        }
        if (w != &s && w->isWrite() && mayBeWider(w->value, widthOf(s, cell), cell))
            (w->kind == EventKind::Init ? initWide : otherWide) = true;
    }
    // The initial value is written whole, and a final state shows the whole cell.
    if (initWide) return "whose initial value is wider";
    if (!otherWide || widthOf(s, cell) >= widest) return "";
    return "which is also accessed " + (whole ? std::string("as a whole") : bytes(widestWritten) + " wide");
}

}  // namespace

bool checkMixedSize(const litmus::LitmusTest& test, const EventGraph& g, Diagnostics& diags) {
    std::map<std::int64_t, std::vector<const Event*>> at;  // statically known address -> events
    for (const Event& e : g.events)
        if (e.isMemory() && e.addr.isConst()) at[e.addr.value].push_back(&e);
    for (const auto& [address, events] : at) {
        const int cell = cellBytes(test, g, address);
        for (const Event* s : events) {
            if (s->kind != EventKind::Write || widthOf(*s, cell) >= cell) continue;
            const std::string why = whyDeclined(*s, events, cell);
            if (why.empty()) continue;
            const std::string text = instructionAt(test, *s);
            diags.unsupported(test.file, s->loc,
                              "mixed-size accesses: " + (text.empty() ? std::string("a store") : "'" + text + "'") +
                                  " writes " + bytes(widthOf(*s, cell)) + " of " +
                                  g.locationAt(address).value_or("a location") + ", " + why +
                                  " (memlit keeps one value per location, not its bytes)");
            return false;
        }
    }
    return true;
}

}  // namespace memlit::engine
