#include "engine/BaseRelations.hpp"

#include <map>

namespace memlit::engine {

using cat::BaseRel;
using cat::BaseSet;

PairRule ruleOf(BaseRel r) {
    switch (r) {
    case BaseRel::Loc: return PairRule::SameAddress;
    case BaseRel::Rf: return PairRule::ReadsFrom;
    case BaseRel::Co: return PairRule::Coherence;
    default: return PairRule::Executed;
    }
}

MemberRule ruleOf(BaseSet s) { return s == BaseSet::FW ? MemberRule::CoherenceLast : MemberRule::Executed; }

namespace {

bool isMember(BaseSet s, const Event& e) {
    switch (s) {
    case BaseSet::R: return e.isRead();
    case BaseSet::W: return e.isWrite();
    case BaseSet::M: return e.isMemory();
    case BaseSet::F: return e.kind == EventKind::Fence;
    case BaseSet::IW: return e.kind == EventKind::Init;
    case BaseSet::FW: return e.isWrite();
    case BaseSet::FREE: return e.kind == EventKind::Free;
    }
    return false;
}

/// Whether (a, b) may be related by one of the relations not fixed by the graph alone.
bool mayPair(BaseRel r, const EventGraph& g, std::size_t i, std::size_t j) {
    const Event& a = g.events[i];
    const Event& b = g.events[j];
    const bool sameThread = i == j || (a.thread >= 0 && a.thread == b.thread);
    switch (r) {
    case BaseRel::Loc: return g.mayAlias.contains(i, j);
    case BaseRel::Int: return sameThread;
    case BaseRel::Ext: return !sameThread;
    case BaseRel::Id: return i == j;
    case BaseRel::Rf: return a.isWrite() && b.isRead() && g.mayAlias.contains(i, j);
    case BaseRel::Co:
        // Initial writes are first and never ordered among themselves.
        return i != j && a.isWrite() && b.isWrite() && g.mayAlias.contains(i, j) &&
               !(a.kind == EventKind::Init && b.kind == EventKind::Init);
    default: return false;
    }
}

}  // namespace

BaseTable baseTable(const EventGraph& g) {
    const std::size_t n = g.size();
    BaseTable t;
    for (auto r : cat::allBaseRels()) {
        Relation& may = t.may[static_cast<std::size_t>(r)];
        switch (r) {
        case BaseRel::Po: may = g.po; continue;
        case BaseRel::Addr: may = g.addr; continue;
        case BaseRel::Data: may = g.data; continue;
        case BaseRel::Ctrl: may = g.ctrl; continue;
        case BaseRel::Rmw: may = g.rmw; continue;
        default: break;
        }
        may = Relation(n);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                if (mayPair(r, g, i, j)) may.set(i, j);
    }
    std::map<std::string, EventSet> tags;
    for (auto s : cat::allBaseSets()) t.members[static_cast<std::size_t>(s)] = EventSet(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Event& e = g.events[i];
        for (auto s : cat::allBaseSets())
            if (isMember(s, e)) t.members[static_cast<std::size_t>(s)].insert(i);
        for (const auto& tag : e.tags) {
            if (tag == cat::nameOf(BaseSet::IW)) continue;   // the base set, not a tag
            tags.try_emplace(tag, EventSet(n)).first->second.insert(i);
        }
    }
    t.tags.assign(tags.begin(), tags.end());
    return t;
}

namespace {

/// Whether the candidate pair (i, j) of `r` is related in the chosen execution (both events
/// are known to be executed).
bool related(BaseRel r, const ExecutionChoice& c, std::size_t i, std::size_t j) {
    switch (ruleOf(r)) {
    case PairRule::Executed: return true;
    case PairRule::SameAddress: return c.addr[i] == c.addr[j];
    case PairRule::ReadsFrom: return c.source[j] == static_cast<int>(i);
    case PairRule::Coherence: return c.co.contains(i, j);
    }
    return false;
}

/// Whether the candidate `i` of `s` belongs to it in the chosen execution.
bool belongs(BaseSet s, const ExecutionChoice& c, std::size_t i) {
    if (ruleOf(s) == MemberRule::Executed) return true;
    for (std::size_t j = 0; j < c.executed.size(); ++j)
        if (c.co.contains(i, j)) return false;
    return true;
}

}  // namespace

ConcreteExecution concreteExecution(const BaseTable& table, const ExecutionChoice& choice) {
    const std::size_t n = choice.executed.size();
    std::vector<std::size_t> events;   // dense index -> graph index
    for (std::size_t i = 0; i < n; ++i)
        if (choice.executed[i]) events.push_back(i);
    const std::size_t m = events.size();
    ConcreteExecution x;
    x.size = m;
    if (choice.values != nullptr) {
        x.values.assign(m, std::nullopt);
        for (std::size_t k = 0; k < m; ++k)
            if (table.membersOf(BaseSet::M).contains(events[k])) x.values[k] = (*choice.values)[events[k]];
    }
    for (auto s : cat::allBaseSets()) {
        EventSet set(m);
        for (std::size_t k = 0; k < m; ++k)
            if (table.membersOf(s).contains(events[k]) && belongs(s, choice, events[k])) set.insert(k);
        x.sets.base(s) = std::move(set);
    }
    for (const auto& [name, members] : table.tags) {
        EventSet set(m);
        for (std::size_t k = 0; k < m; ++k)
            if (members.contains(events[k])) set.insert(k);
        x.sets[name] = std::move(set);
    }
    // The candidate pairs only (the enumerator's hot path: once per candidate).
    constexpr std::size_t kNotExecuted = ~std::size_t{0};
    std::vector<std::size_t> dense(n, kNotExecuted);
    for (std::size_t k = 0; k < m; ++k) dense[events[k]] = k;
    for (auto r : cat::allBaseRels()) {
        Relation rel(m);
        table.mayOf(r).forEachPair([&](std::size_t i, std::size_t j) {
            if (dense[i] != kNotExecuted && dense[j] != kNotExecuted && related(r, choice, i, j))
                rel.set(dense[i], dense[j]);
        });
        x.rels.base(r) = std::move(rel);
    }
    return x;
}

}  // namespace memlit::engine
