#include "engine/Events.hpp"

#include "litmus/State.hpp"

#include <algorithm>
#include <set>

namespace memlit::engine {

using litmus::Expr;
using K = litmus::Expr::Kind;

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

namespace {

/// A register's symbolic value and the reads it syntactically depends on (herd keeps false
/// dependencies such as `xor r,r`, so dependencies are tracked apart from folded values).
struct RegVal {
    Term term = Term::constant(0);
    std::set<std::uint32_t> deps;
};

using RegFile = std::map<std::string, RegVal>;

struct PendingJump {
    Term guard;
    RegFile regs;
};

class Builder {
public:
    Builder(const litmus::LitmusTest& t, Diagnostics& d) : test_(t), diags_(d) {}

    std::optional<EventGraph> build() {
        collectLocations();
        for (std::size_t i = 0; i < g_.locations.size(); ++i) {
            Event e;
            e.kind = EventKind::Init;
            e.addr = Term::constant(g_.address.at(g_.locations[i]));
            e.value = Term::constant(initialValue(g_.locations[i]));
            e.tags = {"IW"};
            addEvent(std::move(e));
        }
        g_.finalRegs.resize(test_.threads.size());
        for (std::size_t t = 0; t < test_.threads.size(); ++t)
            if (!buildThread(static_cast<int>(t))) return std::nullopt;
        finishRelations();
        return std::move(g_);
    }

private:
    const litmus::LitmusTest& test_;
    Diagnostics& diags_;
    EventGraph g_;
    struct Dep { std::uint32_t from, to; };
    std::vector<Dep> addrDeps_, dataDeps_, ctrlDeps_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> rmwPairs_;

    std::size_t objects_ = 0;  // locations and arrays laid out so far

    void addLocation(const std::string& name) {
        if (g_.address.count(name)) return;
        g_.address[name] = addressOfLocation(objects_++);
        g_.locations.push_back(name);
    }

    /// `type name[n]`: n cells `name[i]` at the array's address plus i times the element size.
    void addArray(const litmus::InitEntry& decl) {
        const std::string& name = decl.place.name;
        if (g_.address.count(name)) return;
        const std::int64_t base = addressOfLocation(objects_++);
        const std::int64_t size = litmus::sizeOfType(decl.type.empty() ? "int" : decl.type);
        g_.address[name] = base;
        auto& cells = g_.arrays[name];
        for (std::int64_t i = 0; i < decl.cells; ++i) {
            std::string cell = name + "[" + std::to_string(i) + "]";
            g_.address[cell] = base + i * size;
            g_.locations.push_back(cell);
            cells.push_back(cell);
        }
    }

    void collectExprLocations(const Expr& e) {
        if (e.kind == K::Sym) addLocation(e.name);
        for (const auto& a : e.args) collectExprLocations(a);
    }

    void collectLocations() {
        // Order: init block, then the program, then the condition: locations print by name
        // anyway, and addresses only need to be distinct.
        for (const auto& i : test_.init)
            if (i.cells > 0) addArray(i);
        for (const auto& i : test_.init) {
            if (!i.place.isRegister()) addLocation(i.place.name);
            if (i.value.isSym()) addLocation(i.value.sym);
        }
        for (const auto& th : test_.threads)
            for (const auto& op : th.ops) {
                std::visit([&](const auto& o) { collectOp(o); }, op.kind);
            }
        for (const auto& p : litmus::observedPlaces(test_))
            if (!p.isRegister()) addLocation(p.name);
    }
    void collectOp(const litmus::Load& o) { collectExprLocations(o.addr); }
    void collectOp(const litmus::Store& o) {
        collectExprLocations(o.addr);
        collectExprLocations(o.value);
    }
    void collectOp(const litmus::Assign& o) { collectExprLocations(o.value); }
    void collectOp(const litmus::Branch& o) { collectExprLocations(o.cond); }
    void collectOp(const litmus::Free& o) { collectExprLocations(o.addr); }
    void collectOp(const litmus::Assume& o) { collectExprLocations(o.cond); }
    void collectOp(const litmus::FinalLoad& o) { collectExprLocations(o.addr); }
    template <class T> void collectOp(const T&) {}

    std::int64_t valueOf(const litmus::Value& v) {
        if (!v.isSym()) return v.num;
        addLocation(v.sym);
        return g_.address[v.sym];
    }

    // Initial values of memory are truncated to the location's type (herd: `int8_t x = 257`
    // holds 1).
    std::int64_t initialValue(const std::string& loc) {
        const litmus::Place place{-1, loc};
        const litmus::ValueType type = litmus::placeType(test_, place);
        std::size_t b = loc.find('[');
        for (const auto& i : test_.init) {
            if (i.place.isRegister()) continue;
            if (i.cells > 0 && b != std::string::npos && i.place.name == loc.substr(0, b)) {
                auto k = static_cast<std::size_t>(std::stoll(loc.substr(b + 1)));
                if (k >= i.value.elems.size()) return 0;
                const litmus::Value& v = i.value.elems[k];
                return v.isSym() ? valueOf(v) : litmus::normalize(type, v.num);
            }
            if (i.cells == 0 && i.place.name == loc)
                return i.value.isSym() ? valueOf(i.value) : litmus::normalize(type, valueOf(i.value));
        }
        return 0;
    }

    std::uint32_t addEvent(Event e) {
        e.index = static_cast<std::uint32_t>(g_.events.size());
        if (e.kind == EventKind::Read) e.value = Term::readOf(e.index);
        g_.events.push_back(std::move(e));
        return g_.events.back().index;
    }

    RegVal eval(const Expr& e, const RegFile& regs) {
        switch (e.kind) {
        case K::Const: return {Term::constant(e.value), {}};
        case K::Sym: return {Term::constant(g_.address.at(e.name)), {}};
        case K::Reg: {
            auto it = regs.find(e.name);
            return it == regs.end() ? RegVal{} : it->second;
        }
        default: break;
        }
        if (e.kind == K::Ite) {
            // A selection depends on the value it selects, not on its condition (herd's
            // CSEL); with an undecided condition, on both candidates.
            RegVal c = eval(e.args[0], regs);
            if (c.term.isConst()) return eval(e.args[c.term.value != 0 ? 1 : 2], regs);
            RegVal a = eval(e.args[1], regs);
            RegVal b = eval(e.args[2], regs);
            RegVal out{makeOp(K::Ite, {c.term, a.term, b.term}), a.deps};
            out.deps.insert(b.deps.begin(), b.deps.end());
            return out;
        }
        RegVal out;
        std::vector<Term> args;
        for (const auto& a : e.args) {
            RegVal v = eval(a, regs);
            args.push_back(std::move(v.term));
            out.deps.insert(v.deps.begin(), v.deps.end());
        }
        out.term = makeOp(e.kind, std::move(args));
        return out;
    }

    static Term andTerm(const Term& a, const Term& b) {
        if (a.isConst()) return a.value != 0 ? b : Term::constant(0);
        if (b.isConst()) return b.value != 0 ? a : Term::constant(0);
        return makeOp(K::And, {makeOp(K::Ne, {a, Term::constant(0)}), makeOp(K::Ne, {b, Term::constant(0)})});
    }
    static Term orTerm(const Term& a, const Term& b) {
        if (a.isConst()) return a.value != 0 ? Term::constant(1) : b;
        if (b.isConst()) return b.value != 0 ? Term::constant(1) : a;
        // The two sides of one branch joining again (`if c {..} else {..}`, nested or not):
        // c | !c is 1 and (p & c) | (p & !c) is p, so guards after an if/else stay simple.
        if (complementary(a, b)) return Term::constant(1);
        if (isAnd(a) && isAnd(b) && a.args[0] == b.args[0] && complementary(a.args[1].args[0], b.args[1].args[0]))
            return a.args[0].args[0];
        return makeOp(K::Or, {makeOp(K::Ne, {a, Term::constant(0)}), makeOp(K::Ne, {b, Term::constant(0)})});
    }
    /// `And(Ne(p, 0), Ne(x, 0))`, the shape andTerm builds.
    static bool isAnd(const Term& t) {
        return t.kind == Term::Kind::Op && t.op == K::And && t.args.size() == 2 && t.args[0].kind == Term::Kind::Op &&
               t.args[0].op == K::Ne && t.args[1].kind == Term::Kind::Op && t.args[1].op == K::Ne;
    }
    static bool complementary(const Term& a, const Term& b) {
        auto negates = [](const Term& x, const Term& y) {
            return x.kind == Term::Kind::Op && x.op == K::Not && x.args.size() == 1 && x.args[0] == y;
        };
        return negates(a, b) || negates(b, a);
    }
    static Term notTerm(const Term& a) { return makeOp(K::Not, {a}); }

    RegFile initialRegs(int thread) {
        RegFile regs;
        for (const auto& i : test_.init)
            if (i.place.thread == thread) regs[i.place.name] = {Term::constant(valueOf(i.value)), {}};
        return regs;
    }

    bool buildThread(int t) {
        const auto& th = test_.threads[static_cast<std::size_t>(t)];
        RegFile regs = initialRegs(t);
        Term guard = Term::constant(1);
        std::set<std::uint32_t> ctrl;  // reads that every later event control-depends on
        std::map<std::string, std::set<std::uint32_t>> localCtrl;  // label -> reads, until it
        std::map<std::string, std::vector<PendingJump>> pending;
        std::set<std::string> seenLabels;
        std::map<int, std::uint32_t> openRmw;  // rmwId -> load event
        std::uint32_t po = 0;

        for (const auto& op : th.ops) {
            auto newEvent = [&](EventKind k, const std::vector<std::string>& tags) {
                Event e;
                e.kind = k;
                e.thread = t;
                e.poIndex = po++;
                e.tags = tags;
                e.loc = op.loc;
                e.guard = guard;
                return e;
            };
            auto recordCtrl = [&](std::uint32_t ev) {
                for (auto r : ctrl) ctrlDeps_.push_back({r, ev});
                for (const auto& [label, reads] : localCtrl)
                    for (auto r : reads) ctrlDeps_.push_back({r, ev});
            };
            if (const auto* ld = std::get_if<litmus::Load>(&op.kind)) {
                RegVal a = eval(ld->addr, regs);
                Event e = newEvent(EventKind::Read, ld->tags);
                e.addr = a.term;
                bool dead = guard.isConst(0);
                std::uint32_t ev = dead ? 0 : addEvent(std::move(e));
                if (!dead) {
                    for (auto r : a.deps) addrDeps_.push_back({r, ev});
                    recordCtrl(ev);
                    if (ld->rmwId >= 0) openRmw[ld->rmwId] = ev;
                    regs[ld->dst] = {Term::readOf(ev), {ev}};
                } else {
                    regs[ld->dst] = {Term::constant(0), {}};
                }
            } else if (const auto* st = std::get_if<litmus::Store>(&op.kind)) {
                RegVal a = eval(st->addr, regs);
                RegVal v = eval(st->value, regs);
                if (guard.isConst(0)) continue;
                Event e = newEvent(EventKind::Write, st->tags);
                e.addr = a.term;
                e.value = v.term;
                std::uint32_t ev = addEvent(std::move(e));
                for (auto r : a.deps) addrDeps_.push_back({r, ev});
                for (auto r : v.deps) dataDeps_.push_back({r, ev});
                recordCtrl(ev);
                if (st->rmwId >= 0) {
                    auto it = openRmw.find(st->rmwId);
                    if (it == openRmw.end()) {
                        diags_.error(test_.file, op.loc, "store of an atomic pair has no matching load");
                        return false;
                    }
                    rmwPairs_.push_back({it->second, ev});
                }
            } else if (const auto* f = std::get_if<litmus::Fence>(&op.kind)) {
                if (guard.isConst(0)) continue;
                std::uint32_t ev = addEvent(newEvent(EventKind::Fence, f->tags));
                recordCtrl(ev);
            } else if (const auto* as = std::get_if<litmus::Assign>(&op.kind)) {
                regs[as->dst] = eval(as->value, regs);
            } else if (const auto* br = std::get_if<litmus::Branch>(&op.kind)) {
                if (seenLabels.count(br->target)) {
                    diags_.unsupported(test_.file, op.loc,
                                       "backward branch to '" + br->target + "' (loops)");
                    return false;
                }
                RegVal c = eval(br->cond, regs);
                if (br->local) localCtrl[br->target].insert(c.deps.begin(), c.deps.end());
                else ctrl.insert(c.deps.begin(), c.deps.end());
                Term taken = andTerm(guard, c.term);
                if (!taken.isConst(0)) pending[br->target].push_back({taken, regs});
                guard = andTerm(guard, notTerm(c.term));
            } else if (const auto* lb = std::get_if<litmus::Label>(&op.kind)) {
                seenLabels.insert(lb->name);
                localCtrl.erase(lb->name);
                auto it = pending.find(lb->name);
                if (it == pending.end()) continue;
                for (auto& pj : it->second) {
                    // Merge: values from the jump where its guard holds, else the fall-through.
                    RegFile merged;
                    std::set<std::string> names;
                    for (const auto& [n, v] : regs) names.insert(n);
                    for (const auto& [n, v] : pj.regs) names.insert(n);
                    for (const auto& n : names) {
                        RegVal a = pj.regs.count(n) ? pj.regs.at(n) : RegVal{};
                        RegVal b = regs.count(n) ? regs.at(n) : RegVal{};
                        RegVal m;
                        m.term = guard.isConst(0) ? a.term : makeOp(K::Ite, {pj.guard, a.term, b.term});
                        m.deps = a.deps;
                        // The fall-through path is dead when its guard is 0: only the
                        // jump's values (and dependencies) reach the label.
                        if (!guard.isConst(0)) m.deps.insert(b.deps.begin(), b.deps.end());
                        merged[n] = std::move(m);
                    }
                    regs = std::move(merged);
                    guard = orTerm(guard, pj.guard);
                }
                pending.erase(it);
            } else if (const auto* as = std::get_if<litmus::Assume>(&op.kind)) {
                if (guard.isConst(0)) continue;
                RegVal c = eval(as->cond, regs);
                if (c.term.isConst() && c.term.value != 0) continue;
                g_.assumptions.push_back({guard, c.term, t, op.loc});
            } else if (const auto* fl = std::get_if<litmus::FinalLoad>(&op.kind)) {
                RegVal a = eval(fl->addr, regs);
                auto at = a.term.isConst() ? g_.locationIndex(a.term.value) : std::nullopt;
                if (!at) {
                    diags_.unsupported(test_.file, op.loc, "the final value of a location that is not a constant");
                    return false;
                }
                regs[fl->dst] = {Term::finalOf(*at), {}};
            } else if (const auto* h = std::get_if<litmus::Halt>(&op.kind)) {
                // The thread ends here on this path: like a jump past its last op.
                if (!guard.isConst(0)) g_.halts.push_back({guard, t, op.loc, h->kind, h->what});
                guard = Term::constant(0);
            } else if (const auto* ch = std::get_if<litmus::Choice>(&op.kind)) {
                Term c = Term::choice(g_.choices++);
                // A choice on a path the execution does not take is 0: left free, it would
                // count one execution twice.
                if (!guard.isConst(1)) g_.assumptions.push_back({notTerm(guard), makeOp(K::Eq, {c, Term::constant(0)}), t, op.loc});
                regs[ch->dst] = {c, {}};
            } else if (std::holds_alternative<litmus::Alloc>(op.kind) ||
                       std::holds_alternative<litmus::Free>(op.kind)) {
                diags_.unsupported(test_.file, op.loc, "allocation is not supported by this checker yet");
                return false;
            }
        }
        if (!pending.empty()) {
            diags_.error(test_.file, th.ops.empty() ? SourceLoc{} : th.ops.back().loc,
                         "branch to undefined label '" + pending.begin()->first + "'");
            return false;
        }
        for (const auto& e : g_.events)
            if (e.thread == t && (mentionsFinal(e.guard) || mentionsFinal(e.addr) || mentionsFinal(e.value))) {
                diags_.error(test_.file, e.loc, "an event depends on a location's final value (only Assume and Halt may)");
                return false;
            }
        std::map<std::string, Term> fin;
        for (auto& [n, v] : regs) fin[n] = v.term;
        g_.finalRegs[static_cast<std::size_t>(t)] = std::move(fin);
        return true;
    }

    void finishRelations() {
        const std::size_t n = g_.events.size();
        g_.po = Relation(n);
        g_.addr = Relation(n);
        g_.data = Relation(n);
        g_.ctrl = Relation(n);
        g_.rmw = Relation(n);
        g_.mayAlias = Relation(n);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                const Event& a = g_.events[i];
                const Event& b = g_.events[j];
                if (a.thread >= 0 && a.thread == b.thread && a.poIndex < b.poIndex) g_.po.set(i, j);
                if (a.isMemory() && b.isMemory() &&
                    (!a.addr.isConst() || !b.addr.isConst() || a.addr.value == b.addr.value))
                    g_.mayAlias.set(i, j);
            }
        for (const auto& d : addrDeps_) g_.addr.set(d.from, d.to);
        for (const auto& d : dataDeps_) g_.data.set(d.from, d.to);
        for (const auto& d : ctrlDeps_) g_.ctrl.set(d.from, d.to);
        for (const auto& [r, w] : rmwPairs_) {
            g_.rmw.set(r, w);
            g_.events[r].rmwPartner = static_cast<int>(w);
            g_.events[w].rmwPartner = static_cast<int>(r);
        }
    }
};

}  // namespace

std::optional<EventGraph> buildEvents(const litmus::LitmusTest& test, Diagnostics& diags) {
    return Builder(test, diags).build();
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
