#include "engine/Events.hpp"

#include "litmus/State.hpp"

namespace memlit::engine {

std::optional<std::string> EventGraph::locationAt(std::int64_t v) const {
    for (const auto& [name, a] : address)
        if (a == v) return name;
    return std::nullopt;
}

std::optional<std::uint32_t> EventGraph::locationIndex(std::int64_t v) const {
    for (std::size_t i = 0; i < locations.size(); ++i) {
        auto it = address.find(locations[i]);
        if (it != address.end() && it->second == v) return static_cast<std::uint32_t>(i);
    }
    return std::nullopt;
}

std::vector<std::string> EventGraph::cellsOf(const litmus::Place& p) const {
    auto it = arrays.find(p.name);
    if (!p.isRegister() && it != arrays.end()) return it->second;
    return {p.name};
}

litmus::Value EventGraph::observedValue(const litmus::Place& p, litmus::ValueType type,
                                        const std::vector<std::int64_t>& cells) const {
    auto one = [&](std::int64_t v) {
        if (auto name = locationAt(v)) return litmus::Value::address(*name);
        litmus::Value out = litmus::Value::number(v);
        out.asUnsigned = type.bits == 64 && !type.isSigned;
        return out;
    };
    if (!p.isRegister() && arrays.count(p.name)) {
        std::vector<litmus::Value> elems;
        for (auto v : cells) elems.push_back(one(v));
        return litmus::Value::array(std::move(elems));
    }
    MEMLIT_ASSERT(cells.size() == 1, "observedValue: one value expected");
    return one(cells[0]);
}

std::vector<std::int64_t> EventGraph::cellValues(const litmus::Value& v) const {
    auto one = [&](const litmus::Value& x) -> std::int64_t {
        if (!x.isSym()) return x.num;
        auto it = address.find(x.sym);
        return it == address.end() ? 0 : it->second;
    };
    if (!v.isArray()) return {one(v)};
    std::vector<std::int64_t> out;
    for (const auto& e : v.elems) out.push_back(one(e));
    return out;
}

Term EventGraph::registerTerm(const litmus::Place& p) const {
    MEMLIT_ASSERT(p.isRegister(), "registerTerm of a memory location");
    if (p.thread < 0 || static_cast<std::size_t>(p.thread) >= finalRegs.size())
        return Term::constant(0);
    const auto& regs = finalRegs[static_cast<std::size_t>(p.thread)];
    auto it = regs.find(p.name);
    return it == regs.end() ? Term::constant(0) : it->second;
}

std::string describe(const EventGraph& g, const Event& e) {
    auto termText = [&](const Term& t) -> std::string {
        if (t.kind == Term::Kind::Const) {
            if (auto l = g.locationAt(t.value)) return *l;
            return std::to_string(t.value);
        }
        if (t.kind == Term::Kind::Read) return "v" + std::to_string(t.event);
        if (t.kind == Term::Kind::Choice) return "c" + std::to_string(t.event);
        return "?";
    };
    std::string who = e.thread < 0 ? std::string("init") : "P" + std::to_string(e.thread) + ":" + std::to_string(e.poIndex);
    switch (e.kind) {
    case EventKind::Init: return who + " W[" + termText(e.addr) + "]=" + termText(e.value);
    case EventKind::Write: return who + " W[" + termText(e.addr) + "]=" + termText(e.value);
    case EventKind::Read: return who + " R[" + termText(e.addr) + "]";
    case EventKind::Fence: return who + " F" + (e.tags.empty() ? std::string() : "[" + e.tags[0] + "]");
    case EventKind::Alloc: return who + " Alloc";
    case EventKind::Free: return who + " Free";
    }
    return who;
}

}  // namespace memlit::engine
