#include "engine/Events.hpp"

#include "litmus/State.hpp"

#include <algorithm>
#include <set>

namespace memlit::engine {

using litmus::Expr;
using K = litmus::Expr::Kind;

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

    std::size_t objects_ = 0, allocated_ = 0;        // locations and arrays, Alloc objects laid out so far
    std::vector<std::vector<std::int64_t>> allocs_;  // per thread, its Alloc ops' objects

    void addLocation(const std::string& name) {
        if (g_.address.count(name)) return;
        g_.address[name] = addressOfLocation(objects_++);
        g_.locations.push_back(name);
    }

    /// `type name[n]`: n cells `name[i]` at the array's address plus i times the element size.
    void addArray(const litmus::InitEntry& decl) {
        if (!g_.address.count(decl.place.name))
            layOut(decl.place.name, decl.cells, litmus::sizeOfType(decl.type.empty() ? "int" : decl.type), true);
    }
    std::int64_t layOut(const std::string& name, std::int64_t n, std::int64_t size, bool array) {
        const std::int64_t base = addressOfLocation(objects_++);
        g_.address[name] = base;
        if (!array) g_.locations.push_back(name);
        for (std::int64_t i = 0; array && i < n; ++i) {
            std::string cell = name + "[" + std::to_string(i) + "]";
            g_.address[cell] = base + i * size;
            g_.locations.push_back(cell);
            g_.arrays[name].push_back(cell);
        }
        return base;
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
        for (const auto& th : test_.threads) {
            allocs_.emplace_back();
            for (const auto& op : th.ops) std::visit([&](const auto& o) { collectOp(o); }, op.kind);
        }
        for (const auto& p : litmus::evaluatedPlaces(test_))
            if (!p.isRegister()) addLocation(p.name);
    }
    void collectOp(const litmus::Load& o) { collectExprLocations(o.addr); }
    void collectOp(const litmus::Store& o) { collectExprLocations(o.addr), collectExprLocations(o.value); }
    /// One fresh zeroed object `allocN` (cells `allocN[i]`) per Alloc op: threads are
    /// unrolled, so that is one object per execution of the allocating statement.
    void collectOp(const litmus::Alloc& a) {
        allocs_.back().push_back(layOut("alloc" + std::to_string(++allocated_), a.cells, litmus::sizeOfType("int"), a.cells > 1));
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


    RegFile initialRegs(int thread) {
        RegFile regs;
        for (const auto& i : test_.init)
            if (i.place.thread == thread) regs[i.place.name] = {Term::constant(valueOf(i.value)), {}};
        return regs;
    }

    /// Where the walk of one thread is: register values, the guard of the current path,
    /// control dependencies, and the forward jumps still waiting for their label.
    struct ThreadState {
        int t = 0;
        RegFile regs;
        Term guard = Term::constant(1);
        std::set<std::uint32_t> ctrl;  // reads that every later event control-depends on
        std::map<std::string, std::set<std::uint32_t>> localCtrl;  // label -> reads, until it
        std::map<std::string, std::vector<PendingJump>> pending;
        std::set<std::string> seenLabels;
        std::map<int, std::uint32_t> openRmw;  // rmwId -> load event
        std::uint32_t po = 0;
        std::size_t allocs = 0;  // Alloc ops lowered so far
        SourceLoc loc;  // of the op being lowered
    };

    Event newEvent(ThreadState& s, EventKind k, const std::vector<std::string>& tags, std::uint8_t width = 0) {
        Event e;
        e.kind = k;
        e.width = width;
        e.thread = s.t;
        e.poIndex = s.po++;
        e.tags = tags;
        e.loc = s.loc;
        e.guard = s.guard;
        return e;
    }

    void recordCtrl(const ThreadState& s, std::uint32_t ev) {
        for (auto r : s.ctrl) ctrlDeps_.push_back({r, ev});
        for (const auto& [label, reads] : s.localCtrl)
            for (auto r : reads) ctrlDeps_.push_back({r, ev});
    }

    /// herd's "non-symbolic memory access": a constant address that is no location's, as an
    /// access through a register the test never initialised (address 0) has.
    bool checkAddress(const ThreadState& s, const Term& addr) {
        if (!addr.isConst() || s.guard.isConst(0)) return true;
        for (const auto& [name, a] : g_.address)
            if (a == addr.value) return true;
        diags_.error(test_.file, s.loc, "access to address " + std::to_string(addr.value) +
                                            ", which is no location (a register not initialised to one?)");
        return false;
    }

    bool lower(ThreadState& s, const litmus::Load& ld) {
        RegVal a = eval(ld.addr, s.regs);
        if (!checkAddress(s, a.term)) return false;
        if (s.guard.isConst(0)) {
            s.regs[ld.dst] = {Term::constant(0), {}};
            return true;
        }
        Event e = newEvent(s, EventKind::Read, ld.tags, ld.width);
        e.addr = a.term;
        std::uint32_t ev = addEvent(std::move(e));
        for (auto r : a.deps) addrDeps_.push_back({r, ev});
        recordCtrl(s, ev);
        if (ld.rmwId >= 0) s.openRmw[ld.rmwId] = ev;
        s.regs[ld.dst] = {Term::readOf(ev), {ev}};
        return true;
    }

    bool lower(ThreadState& s, const litmus::Store& st) {
        RegVal a = eval(st.addr, s.regs);
        RegVal v = eval(st.value, s.regs);
        if (!checkAddress(s, a.term)) return false;
        if (s.guard.isConst(0)) return true;
        Event e = newEvent(s, EventKind::Write, st.tags, st.width);
        e.addr = a.term;
        e.value = v.term;
        std::uint32_t ev = addEvent(std::move(e));
        for (auto r : a.deps) addrDeps_.push_back({r, ev});
        for (auto r : v.deps) dataDeps_.push_back({r, ev});
        recordCtrl(s, ev);
        if (st.rmwId >= 0) {
            auto it = s.openRmw.find(st.rmwId);
            if (it == s.openRmw.end()) {
                diags_.error(test_.file, s.loc, "store of an atomic pair has no matching load");
                return false;
            }
            rmwPairs_.push_back({it->second, ev});
        }
        return true;
    }

    bool lower(ThreadState& s, const litmus::Fence& f) {
        if (!s.guard.isConst(0)) recordCtrl(s, addEvent(newEvent(s, EventKind::Fence, f.tags)));
        return true;
    }

    bool lower(ThreadState& s, const litmus::Assign& as) {
        s.regs[as.dst] = eval(as.value, s.regs);
        return true;
    }

    bool lower(ThreadState& s, const litmus::Branch& br) {
        if (s.seenLabels.count(br.target)) {
            diags_.unsupported(test_.file, s.loc, "backward branch to '" + br.target + "' (loops)");
            return false;
        }
        RegVal c = eval(br.cond, s.regs);
        if (br.local) s.localCtrl[br.target].insert(c.deps.begin(), c.deps.end());
        else s.ctrl.insert(c.deps.begin(), c.deps.end());
        Term taken = andTerm(s.guard, c.term);
        if (!taken.isConst(0)) s.pending[br.target].push_back({taken, s.regs});
        s.guard = andTerm(s.guard, notTerm(c.term));
        return true;
    }

    bool lower(ThreadState& s, const litmus::Label& lb) {
        s.seenLabels.insert(lb.name);
        s.localCtrl.erase(lb.name);
        auto it = s.pending.find(lb.name);
        if (it == s.pending.end()) return true;
        for (auto& pj : it->second) {
            // Merge: values from the jump where its guard holds, else the fall-through.
            RegFile merged;
            std::set<std::string> names;
            for (const auto& [n, v] : s.regs) names.insert(n);
            for (const auto& [n, v] : pj.regs) names.insert(n);
            for (const auto& n : names) {
                RegVal a = pj.regs.count(n) ? pj.regs.at(n) : RegVal{};
                RegVal b = s.regs.count(n) ? s.regs.at(n) : RegVal{};
                RegVal m;
                m.term = s.guard.isConst(0) ? a.term : makeOp(K::Ite, {pj.guard, a.term, b.term});
                m.deps = a.deps;
                // The fall-through path is dead when its guard is 0: only the
                // jump's values (and dependencies) reach the label.
                if (!s.guard.isConst(0)) m.deps.insert(b.deps.begin(), b.deps.end());
                merged[n] = std::move(m);
            }
            s.regs = std::move(merged);
            s.guard = orTerm(s.guard, pj.guard);
        }
        s.pending.erase(it);
        return true;
    }

    bool lower(ThreadState& s, const litmus::Assume& as) {
        if (s.guard.isConst(0)) return true;
        RegVal c = eval(as.cond, s.regs);
        if (c.term.isConst() && c.term.value != 0) return true;
        g_.assumptions.push_back({s.guard, c.term, s.t, s.loc});
        return true;
    }

    bool lower(ThreadState& s, const litmus::FinalLoad& fl) {
        RegVal a = eval(fl.addr, s.regs);
        auto at = a.term.isConst() ? g_.locationIndex(a.term.value) : std::nullopt;
        if (!at) {
            diags_.unsupported(test_.file, s.loc, "the final value of a location that is not a constant");
            return false;
        }
        s.regs[fl.dst] = {Term::finalOf(*at), {}};
        return true;
    }

    bool lower(ThreadState& s, const litmus::Halt& h) {
        // The thread ends here on this path: like a jump past its last op.
        if (!s.guard.isConst(0)) g_.halts.push_back({s.guard, s.t, s.loc, h.kind, h.what});
        s.guard = Term::constant(0);
        return true;
    }

    bool lower(ThreadState& s, const litmus::Choice& ch) {
        Term c = Term::choice(g_.choices++);
        // A choice on a path the execution does not take is 0: left free, it would
        // count one execution twice.
        if (!s.guard.isConst(1))
            g_.assumptions.push_back({notTerm(s.guard), makeOp(K::Eq, {c, Term::constant(0)}), s.t, s.loc});
        s.regs[ch.dst] = {c, {}};
        return true;
    }

    bool lower(ThreadState& s, const litmus::DependOn& d) {
        RegVal v;
        // On a path that created no event (dead code), there is nothing to depend on.
        if (!s.guard.isConst(0) && !g_.events.empty() && g_.events.back().thread == s.t) v.deps = {g_.events.back().index};
        s.regs[d.dst] = std::move(v);
        return true;
    }

    bool lower(ThreadState& s, const litmus::Alloc& a) {
        return s.regs[a.dst] = {Term::constant(allocs_[static_cast<std::size_t>(s.t)].at(s.allocs++)), {}}, true;
    }
    /// A Free event on the object `addr` points to, in `loc` with the object's accesses (the
    /// models' use-after-free and double-free flags). `free(NULL)` does nothing: a pointer
    /// read at run time frees only where it is not 0.
    bool lower(ThreadState& s, const litmus::Free& f) {
        RegVal a = eval(f.addr, s.regs);
        if (s.guard.isConst(0) || a.term.isConst(0)) return true;
        if (!checkAddress(s, a.term)) return false;
        Event e = newEvent(s, EventKind::Free, f.tags);
        e.addr = a.term;
        if (!a.term.isConst()) e.guard = andTerm(s.guard, a.term);
        std::uint32_t ev = addEvent(std::move(e));
        for (auto r : a.deps) addrDeps_.push_back({r, ev});
        recordCtrl(s, ev);
        return true;
    }

    bool buildThread(int t) {
        const auto& th = test_.threads[static_cast<std::size_t>(t)];
        ThreadState s;
        s.t = t;
        s.regs = initialRegs(t);
        for (const auto& op : th.ops) {
            s.loc = op.loc;
            if (!std::visit([&](const auto& o) { return lower(s, o) && bounded(s, o); }, op.kind)) return false;
        }
        if (!s.pending.empty()) {
            diags_.error(test_.file, th.ops.empty() ? SourceLoc{} : th.ops.back().loc,
                         "branch to undefined label '" + s.pending.begin()->first + "'");
            return false;
        }
        for (const auto& e : g_.events)
            if (e.thread == t && (mentionsFinal(e.guard) || mentionsFinal(e.addr) || mentionsFinal(e.value))) {
                diags_.error(test_.file, e.loc, "an event depends on a location's final value (only Assume and Halt may)");
                return false;
            }
        std::map<std::string, Term> fin;
        for (auto& [n, v] : s.regs) fin[n] = v.term;
        g_.finalRegs[static_cast<std::size_t>(t)] = std::move(fin);
        return true;
    }

    /// The register an op writes and the path guard stay small terms: each later recursion
    /// over them (evaluation, the SMT encoding) is then shallow, and `r = r + r` repeated
    /// cannot grow a term exponentially.
    template <class Op> bool bounded(const ThreadState& s, const Op& o) {
        const Term* written = nullptr;
        if constexpr (requires { o.dst; }) {
            auto it = s.regs.find(o.dst);
            if (it != s.regs.end()) written = &it->second.term;
        }
        for (const Term* t : {written, &s.guard})
            if (t && !smallTerm(*t)) {
                diags_.error(test_.file, s.loc, "a value computed here is too large (more than " +
                                                    std::to_string(kMaxTermNodes) + " operations or " +
                                                    std::to_string(kMaxTermDepth) + " nested ones)");
                return false;
            }
        return true;
    }
    static constexpr std::size_t kMaxTermNodes = 100000;
    static constexpr std::size_t kMaxTermDepth = 2000;
    /// Walks `t` without recursion, stopping at the limits.
    static bool smallTerm(const Term& t) {
        std::vector<std::pair<const Term*, std::size_t>> todo{{&t, 1}};
        std::size_t nodes = 0;
        while (!todo.empty()) {
            auto [n, depth] = todo.back();
            todo.pop_back();
            if (++nodes > kMaxTermNodes || depth > kMaxTermDepth) return false;
            for (const auto& a : n->args) todo.emplace_back(&a, depth + 1);
        }
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
                if (a.hasAddress() && b.hasAddress() &&
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

}  // namespace memlit::engine
