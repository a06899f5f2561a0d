#include "engine/smt/Encoding.hpp"

#include <cstdint>
#include <functional>

namespace memlit::engine::smt {

using K = litmus::Expr::Kind;

namespace {
std::string num(std::size_t i) { return std::to_string(i); }
}  // namespace

Encoding::Encoding(z3::context& ctx, const EventGraph& g)
    : ctx_(ctx), g_(g), table_(baseTable(g)), constraints_(ctx), execLits_(ctx) {
    base_.n = g.size();
    encodeEvents();
    encodeReadsFrom();
    encodeCoherence();
    encodeValueFlow();
    encodeBase();
    encodeAssumptions();
    // Every final value a halt or a register may ask for, now: finalLocation adds its
    // constraints when first called, and callers read constraints() once.
    std::function<void(const Term&)> finals = [&](const Term& t) {
        if (t.kind == Term::Kind::Final) finalLocation(g_.locations.at(t.event));
        for (const auto& a : t.args) finals(a);
    };
    for (const auto& h : g_.halts) finals(h.guard);
    for (const auto& regs : g_.finalRegs)
        for (const auto& [name, t] : regs) finals(t);
}

void Encoding::encodeValueFlow() {
    // Values must come from somewhere: no cycle of reads-from and data dependencies, so that
    // every value is computed from constants (as in herd and the brute-force enumerator).
    // Without it a model that allows such a cycle would admit any integer "out of thin air",
    // and enumerating the states would never end.
    const std::size_t n = g_.size();
    std::vector<std::optional<z3::expr>> clock(n);
    auto clk = [&](std::size_t i) -> z3::expr {
        if (!clock[i]) clock[i] = ctx_.int_const(("vf" + num(i)).c_str());
        return *clock[i];
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (g_.data.contains(i, j)) constraints_.push_back(clk(i) < clk(j));
            if (rf_.may.contains(i, j)) constraints_.push_back(z3::implies(rf_.cell[i * n + j], clk(i) < clk(j)));
        }
}

namespace {
/// Whether `t` is always 0 or 1: a comparison, a negation, a choice, or and/or/ite of such.
bool isTruthValue(const Term& t) {
    switch (t.kind) {
    case Term::Kind::Const: return t.value == 0 || t.value == 1;
    case Term::Kind::Choice: return true;
    case Term::Kind::Read: case Term::Kind::Final: return false;
    case Term::Kind::Op: break;
    }
    switch (t.op) {
    case K::Eq: case K::Ne: case K::Lt: case K::Le: case K::Gt: case K::Ge: case K::Not: return true;
    case K::And: case K::Or: return isTruthValue(t.args[0]) && isTruthValue(t.args[1]);
    case K::Ite: return isTruthValue(t.args[1]) && isTruthValue(t.args[2]);
    default: return false;
    }
}
}  // namespace

z3::expr Encoding::truth(const Term& t) {
    // Guards and conditions as Boolean structure, not integer arithmetic: the SAT core then
    // propagates them directly (a guard built from choices and comparisons stays propositional).
    if (t.kind == Term::Kind::Const) return ctx_.bool_val(t.value != 0);
    if (t.kind == Term::Kind::Choice) return choiceBool_.at(t.event);
    if (t.kind != Term::Kind::Op) return translate(t) != ctx_.int_val(0);
    auto zero = [](const Term& x) { return x.isConst(0); };
    switch (t.op) {
    case K::Not: return !truth(t.args[0]);
    case K::Ne:
        if (zero(t.args[1]) && isTruthValue(t.args[0])) return truth(t.args[0]);
        if (zero(t.args[0]) && isTruthValue(t.args[1])) return truth(t.args[1]);
        return translate(t.args[0]) != translate(t.args[1]);
    case K::Eq:
        if (zero(t.args[1]) && isTruthValue(t.args[0])) return !truth(t.args[0]);
        if (zero(t.args[0]) && isTruthValue(t.args[1])) return !truth(t.args[1]);
        return translate(t.args[0]) == translate(t.args[1]);
    case K::Lt: return translate(t.args[0]) < translate(t.args[1]);
    case K::Le: return translate(t.args[0]) <= translate(t.args[1]);
    case K::Gt: return translate(t.args[0]) > translate(t.args[1]);
    case K::Ge: return translate(t.args[0]) >= translate(t.args[1]);
    case K::And:
        if (isTruthValue(t)) return truth(t.args[0]) && truth(t.args[1]);
        break;
    case K::Or:
        if (isTruthValue(t)) return truth(t.args[0]) || truth(t.args[1]);
        break;
    case K::Ite:
        if (isTruthValue(t)) return z3::ite(truth(t.args[0]), truth(t.args[1]), truth(t.args[2]));
        break;
    default: break;
    }
    return translate(t) != ctx_.int_val(0);
}

z3::expr Encoding::translate(const Term& t) {
    if (t.kind == Term::Kind::Op && isTruthValue(t) && t.op != K::Ite)
        return z3::ite(truth(t), ctx_.int_val(1), ctx_.int_val(0));
    switch (t.kind) {
    case Term::Kind::Const: return ctx_.int_val(static_cast<int64_t>(t.value));
    case Term::Kind::Read: return value_.at(t.event);
    case Term::Kind::Choice: return choice_.at(t.event);
    case Term::Kind::Final: return finalLocation(g_.locations.at(t.event));
    case Term::Kind::Op: break;
    }
    std::vector<z3::expr> a;
    for (const auto& x : t.args) a.push_back(translate(x));
    if (auto linear = byNumeral(t, a)) return *linear;
    auto one = ctx_.int_val(1), zero = ctx_.int_val(0);
    auto bv = [&](const z3::expr& e) { return z3::int2bv(64, e); };
    auto back = [&](const z3::expr& e) { return z3::bv2int(e, true); };
    switch (t.op) {
    // 64-bit two's complement, as Term evaluation and the machines compute: a sum or
    // difference of two int64 values is at most one 2^64 out of range; a product may be more.
    case K::Add: return wrap64(a[0] + a[1]);
    case K::Sub: return wrap64(a[0] - a[1]);
    case K::Mul: return back(bv(a[0] * a[1]));
    case K::And: return back(bv(a[0]) & bv(a[1]));
    case K::Or: return back(bv(a[0]) | bv(a[1]));
    case K::Xor: return back(bv(a[0]) ^ bv(a[1]));
    case K::Shl: return back(z3::shl(bv(a[0]), bv(a[1])));
    case K::Shr: return back(z3::lshr(bv(a[0]), bv(a[1])));
    case K::Div: return z3::ite(a[1] == zero, zero, back(bv(a[0]) / bv(a[1])));
    case K::Rem: return z3::ite(a[1] == zero, zero, back(z3::srem(bv(a[0]), bv(a[1]))));
    case K::UDiv: return z3::ite(a[1] == zero, zero, back(z3::udiv(bv(a[0]), bv(a[1]))));
    case K::URem: return z3::ite(a[1] == zero, zero, back(z3::urem(bv(a[0]), bv(a[1]))));
    case K::Eq: return z3::ite(a[0] == a[1], one, zero);
    case K::Ne: return z3::ite(a[0] != a[1], one, zero);
    case K::Lt: return z3::ite(a[0] < a[1], one, zero);
    case K::Le: return z3::ite(a[0] <= a[1], one, zero);
    case K::Gt: return z3::ite(a[0] > a[1], one, zero);
    case K::Ge: return z3::ite(a[0] >= a[1], one, zero);
    case K::Not: return z3::ite(a[0] == zero, one, zero);
    case K::Ite: return z3::ite(a[0] != zero, a[1], a[2]);
    case K::Const: case K::Sym: case K::Reg: break;
    }
    MEMLIT_ASSERT(false, "translate: unexpected operator");
    return zero;
}

namespace {

/// `v` is 2^n - 1 for some n in 1..63.
bool lowMask(std::int64_t v) { return v > 0 && (static_cast<std::uint64_t>(v) & (static_cast<std::uint64_t>(v) + 1)) == 0; }

}  // namespace

std::optional<z3::expr> Encoding::byNumeral(const Term& t, const std::vector<z3::expr>& a) {
    // A mask, a sign flip or a shift by a constant, as the front ends build them to keep a value
    // to its width, in integer arithmetic: Z3 takes div and mod by a numeral as linear, where
    // int2bv of a symbolic value is bit-blasted (an int32 increment under Z3: over 120 s to 0.2 s).
    if (t.args.size() != 2) return std::nullopt;
    const z3::expr two64 = ctx_.int_val("18446744073709551616");
    const z3::expr max = ctx_.int_val(static_cast<int64_t>(INT64_MAX));
    auto unsignedOf = [&](const z3::expr& e) { return z3::ite(e < 0, e + two64, e); };
    auto pow2 = [&](std::int64_t k) { return ctx_.int_val(static_cast<uint64_t>(1) << k); };
    const Term& x = t.args[0];
    const Term& c = t.args[1];
    if (t.op == K::And && (c.isConst() || x.isConst())) {
        const std::int64_t m = c.isConst() ? c.value : x.value;
        if (!lowMask(m)) return std::nullopt;
        return z3::mod(c.isConst() ? a[0] : a[1], ctx_.int_val(static_cast<uint64_t>(m) + 1));
    }
    if (!c.isConst()) return std::nullopt;
    const std::int64_t v = c.value;
    if (t.op == K::Xor && v > 0 && (v & (v - 1)) == 0 && v <= (INT64_MAX >> 1) && x.kind == Term::Kind::Op &&
        x.op == K::And && x.args[1].isConst(2 * v - 1)) {
        // The top bit of a value masked to [0, 2v): flipped by adding or taking v.
        return z3::ite(a[0] >= ctx_.int_val(static_cast<int64_t>(v)), a[0] - ctx_.int_val(static_cast<int64_t>(v)),
                       a[0] + ctx_.int_val(static_cast<int64_t>(v)));
    }
    if (t.op == K::Shr && v >= 0 && v < 64) return v == 0 ? a[0] : z3::expr(unsignedOf(a[0]) / pow2(v));
    if (t.op == K::Shl && v >= 0 && v < 64) {
        z3::expr m = z3::mod(a[0] * pow2(v), two64);
        return z3::ite(m > max, m - two64, m);
    }
    return std::nullopt;
}

z3::expr Encoding::wrap64(const z3::expr& s) {
    const z3::expr two64 = ctx_.int_val("18446744073709551616");
    const z3::expr max = ctx_.int_val(static_cast<int64_t>(INT64_MAX));
    const z3::expr min = ctx_.int_val(static_cast<int64_t>(INT64_MIN));
    return z3::ite(s > max, s - two64, z3::ite(s < min, s + two64, s));
}

z3::expr Encoding::normalize(const z3::expr& e, litmus::ValueType type) {
    if (type.bits >= 64) return e;
    const auto bits = static_cast<unsigned>(type.bits);
    z3::expr low = z3::int2bv(64, e).extract(bits - 1, 0);
    z3::expr wide = type.isSigned ? z3::sext(low, 64 - bits) : z3::zext(low, 64 - bits);
    return z3::bv2int(wide, true);
}

void Encoding::encodeEvents() {
    const std::size_t n = g_.size();
    for (std::uint32_t c = 0; c < g_.choices; ++c) {
        z3::expr b = ctx_.bool_const(("choice" + num(c)).c_str());
        choiceBool_.push_back(b);
        choice_.push_back(z3::ite(b, ctx_.int_val(1), ctx_.int_val(0)));
        execLits_.push_back(b);
    }
    // Reads first get their value variables, since later terms refer to them.
    for (std::size_t i = 0; i < n; ++i) {
        const Event& e = g_.events[i];
        value_.push_back(ctx_.int_const(("v" + num(i)).c_str()));
        (void)e;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const Event& e = g_.events[i];
        z3::expr ex = truth(e.guard);
        exec_.push_back(ex);
        if (!e.guard.isConst()) execLits_.push_back(ex);
        addr_.push_back(e.hasAddress() ? translate(e.addr) : ctx_.int_val(0));
        if (e.isWrite()) value_[i] = translate(e.value);
    }
    base_.exec = exec_;
}

void Encoding::encodeAssumptions() {
    // After encodeBase: a condition may mention final values, which need the final writes.
    for (const auto& a : g_.assumptions) {
        z3::expr holds = truth(a.cond);
        constraints_.push_back(a.guard.isConst() ? holds : z3::implies(truth(a.guard), holds));
    }
}

z3::expr Encoding::halted(const HaltSite& h) {
    return truth(h.guard);
}

z3::expr Encoding::sameAddr(std::size_t a, std::size_t b) {
    const Event& x = g_.events[a];
    const Event& y = g_.events[b];
    if (x.addr.isConst() && y.addr.isConst()) return ctx_.bool_val(x.addr.value == y.addr.value);
    return addr_[a] == addr_[b];
}

void Encoding::encodeReadsFrom() {
    const std::size_t n = g_.size();
    rf_ = {Relation(n), std::vector<z3::expr>(n * n, ctx_.bool_val(false))};
    for (std::size_t r = 0; r < n; ++r) {
        if (!g_.events[r].isRead()) continue;
        z3::expr_vector choices(ctx_);
        for (std::size_t w = 0; w < n; ++w) {
            if (!table_.mayOf(cat::BaseRel::Rf).contains(w, r)) continue;
            z3::expr v = ctx_.bool_const(("rf_" + num(w) + "_" + num(r)).c_str());
            constraints_.push_back(z3::implies(v, exec_[w] && exec_[r] && sameAddr(w, r) &&
                                                      value_[r] == value_[w]));
            rf_.may.set(w, r);
            rf_.cell[w * n + r] = v;
            choices.push_back(v);
            execLits_.push_back(v);
        }
        // Exactly one source for an executed read.
        constraints_.push_back(z3::implies(exec_[r], choices.empty() ? ctx_.bool_val(false) : z3::mk_or(choices)));
        for (unsigned i = 0; i < choices.size(); ++i)
            for (unsigned j = i + 1; j < choices.size(); ++j)
                constraints_.push_back(!(choices[i] && choices[j]));
    }
}

void Encoding::encodeCoherence() {
    const std::size_t n = g_.size();
    co_ = {Relation(n), std::vector<z3::expr>(n * n, ctx_.bool_val(false))};
    writes_ = EventSet(n);
    cpos_.assign(n, std::nullopt);
    for (std::size_t w = 0; w < n; ++w) {
        const Event& e = g_.events[w];
        if (!e.isWrite()) continue;
        writes_.insert(w);
        if (e.kind == EventKind::Init) {
            cpos_[w] = ctx_.int_val(0);
        } else {
            cpos_[w] = ctx_.int_const(("co" + num(w)).c_str());
            constraints_.push_back(*cpos_[w] > ctx_.int_val(0));
        }
    }
    // Coherence is a strict total order on the executed writes to each location: positions
    // are distinct per location and the initial write comes first.
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
            if (!table_.mayOf(cat::BaseRel::Co).contains(a, b)) continue;
            const Event& x = g_.events[a];
            const Event& y = g_.events[b];
            z3::expr same = exec_[a] && exec_[b] && sameAddr(a, b);
            z3::expr c = same && *cpos_[a] < *cpos_[b];
            c = c.simplify();
            if (c.is_false()) continue;
            co_.may.set(a, b);
            co_.cell[a * n + b] = c;
            if (a < b) {
                constraints_.push_back(z3::implies(same, *cpos_[a] != *cpos_[b]));
                if (x.kind != EventKind::Init && y.kind != EventKind::Init) execLits_.push_back(c);
            }
        }
}

SymSet Encoding::memberSet(const EventSet& members) {
    const std::size_t n = g_.size();
    SymSet s{EventSet(n), std::vector<z3::expr>(n, ctx_.bool_val(false))};
    for (std::size_t i = 0; i < n; ++i)
        if (members.contains(i)) {
            s.may.insert(i);
            s.cell[i] = exec_[i];
        }
    return s;
}

SymRel Encoding::baseRelation(cat::BaseRel r) {
    // rf and co are the choice variables and orders built above; the others follow the rule.
    if (ruleOf(r) == PairRule::ReadsFrom) return rf_;
    if (ruleOf(r) == PairRule::Coherence) return co_;
    const std::size_t n = g_.size();
    const Relation& may = table_.mayOf(r);
    SymRel s{Relation(n), std::vector<z3::expr>(n * n, ctx_.bool_val(false))};
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (!may.contains(i, j)) continue;
            z3::expr both = i == j ? exec_[i] : exec_[i] && exec_[j];
            s.may.set(i, j);
            s.cell[i * n + j] = ruleOf(r) == PairRule::SameAddress ? both && sameAddr(i, j) : both;
        }
    return s;
}

void Encoding::encodeBase() {
    const std::size_t n = g_.size();
    for (auto set : cat::allBaseSets()) {
        SymSet s = memberSet(table_.membersOf(set));
        if (ruleOf(set) == MemberRule::CoherenceLast) {
            // Final writes: executed writes with no coherence successor.
            for (std::size_t w = 0; w < n; ++w) {
                if (!s.may.contains(w)) continue;
                z3::expr_vector later(ctx_);
                for (std::size_t b = 0; b < n; ++b)
                    if (co_.may.contains(w, b)) later.push_back(co_.cell[w * n + b]);
                if (!later.empty()) s.cell[w] = exec_[w] && !z3::mk_or(later);
            }
            fw_ = s;
        }
        base_.sets[static_cast<std::size_t>(set)] = std::move(s);
    }
    for (const auto& [tag, members] : table_.tags) base_.tags.emplace_back(tag, memberSet(members));
    base_.values.assign(n, std::nullopt);
    for (std::size_t i = 0; i < n; ++i)
        if (g_.events[i].isMemory()) base_.values[i] = value_[i];
    for (auto rel : cat::allBaseRels()) base_.rels[static_cast<std::size_t>(rel)] = baseRelation(rel);
}

z3::expr Encoding::finalLocation(const std::string& name) {
    if (auto it = finals_.find(name); it != finals_.end()) return it->second;
    const std::size_t n = g_.size();
    z3::expr fin = ctx_.int_const(("final_" + name).c_str());
    finals_.emplace(name, fin);
    const std::int64_t a = g_.address.at(name);
    for (std::size_t w = 0; w < n; ++w) {
        const Event& e = g_.events[w];
        if (!e.isWrite()) continue;
        if (e.addr.isConst() && e.addr.value != a) continue;
        z3::expr here = e.addr.isConst() ? ctx_.bool_val(true) : addr_[w] == ctx_.int_val(static_cast<int64_t>(a));
        constraints_.push_back(z3::implies(fw_.cell[w] && here, fin == value_[w]));
    }
    return fin;
}

}  // namespace memlit::engine::smt
