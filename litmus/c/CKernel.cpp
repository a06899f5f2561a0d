/// Linux-kernel primitives (docs/c.md, "Linux kernel"): READ_ONCE and friends, barriers, RCU,
/// spinlocks, xchg/cmpxchg and the atomic_t operations, lowered to the events and tags that
/// models/lkmm.cat names (Once, Acquire, Release, fences by kind, LKR/LKW/UL for locks).

#include "litmus/c/CLowering.hpp"

#include <map>

namespace memlit::litmus::c {

namespace {

/// Fences: the call's name -> the fence event's tag.
const std::map<std::string, std::string, std::less<>>& fences() {
    static const std::map<std::string, std::string, std::less<>> f = {
        {"smp_mb", "Mb"},
        {"smp_rmb", "Rmb"},
        {"smp_wmb", "Wmb"},
        {"barrier", "Barrier"},
        {"smp_mb__before_atomic", "Before-atomic"},
        {"smp_mb__after_atomic", "After-atomic"},
        {"smp_mb__after_spinlock", "After-spinlock"},
        {"smp_mb__after_unlock_lock", "After-unlock-lock"},
        {"smp_mb__after_srcu_read_unlock", "After-srcu-read-unlock"},
        {"rcu_read_lock", "Rcu-lock"},
        {"rcu_read_unlock", "Rcu-unlock"},
        {"synchronize_rcu", "Sync-rcu"},
        {"synchronize_rcu_expedited", "Sync-rcu"},
    };
    return f;
}

/// The ordering suffix of an RMW: "" (fully ordered), _relaxed, _acquire, _release.
enum class Order { Full, Relaxed, Acquire, Release };

Order splitOrder(std::string& f) {
    for (auto [suffix, o] : {std::pair{"_relaxed", Order::Relaxed}, std::pair{"_acquire", Order::Acquire},
                             std::pair{"_release", Order::Release}}) {
        const std::string s = suffix;
        if (f.size() > s.size() && f.compare(f.size() - s.size(), s.size(), s) == 0) {
            f.resize(f.size() - s.size());
            return o;
        }
    }
    return Order::Full;
}

// The halves of an RMW that writes also carry RMW (herd's set of them, which the stock
// linux-kernel.cat's `mb` names); a failed cmpxchg's lone read does not.
Tags readTags(Order o) { return {o == Order::Acquire ? tag::Acquire : tag::Once, tag::RMW}; }
Tags writeTags(Order o) { return {o == Order::Release ? tag::Release : tag::Once, tag::RMW}; }

}  // namespace

std::optional<Expr> Lowerer::srcuCall(const Token& name, bool& known) {
    // SRCU: each call is a read of its srcu_struct, which nothing writes, tagged with its kind,
    // so the model pairs grace periods with critical sections of the same structure by `loc`.
    // srcu_read_unlock(s, i)'s address is `s + 0 * i`: an address dependency on the lock that
    // returned `i`, which is how the model matches an unlock with its lock.
    // srcu_down_read/srcu_up_read are the same events; the index may be handed to another CPU
    // (through memory: the model follows data and rf from the lock to the unlock's address).
    const std::string& f = name.text;
    static const std::map<std::string, std::pair<std::string, std::size_t>, std::less<>> calls = {
        {"srcu_read_lock", {"Srcu-lock", 1}},
        {"srcu_read_unlock", {"Srcu-unlock", 2}},
        {"srcu_down_read", {"Srcu-lock", 1}},
        {"srcu_up_read", {"Srcu-unlock", 2}},
        {"synchronize_srcu", {"Sync-srcu", 1}},
        {"synchronize_srcu_expedited", {"Sync-srcu", 1}},
    };
    auto it = calls.find(f);
    if (it == calls.end()) return std::nullopt;
    known = true;
    ++pos_;
    auto args = arguments(it->second.second, name);
    if (!args) return std::nullopt;
    Expr at = (*args)[0];
    if (args->size() == 2) at = Expr::binary(K::Add, at, Expr::binary(K::Mul, (*args)[1], Expr::constant(0)));
    const Expr index = load(at, {it->second.first});
    return it->second.first == "Srcu-lock" ? index : Expr::constant(0);
}

std::optional<Expr> Lowerer::kernelCall(const Token& name, bool& known) {
    const std::string& f = name.text;
    if (auto e = srcuCall(name, known); known) return e;
    if (auto it = fences().find(f); it != fences().end()) {
        known = true;
        ++pos_;
        if (!arguments(0, name)) return std::nullopt;
        fence({it->second});
        return Expr::constant(0);
    }
    static const std::set<std::string, std::less<>> loads = {"READ_ONCE", "rcu_dereference", "rcu_access_pointer",
                                                             "smp_load_acquire", "atomic_read", "atomic_read_acquire"};
    static const std::set<std::string, std::less<>> stores = {"WRITE_ONCE", "rcu_assign_pointer", "smp_store_release",
                                                              "atomic_set", "atomic_set_release"};
    static const std::set<std::string, std::less<>> locks = {"spin_lock", "spin_unlock", "spin_trylock",
                                                             "spin_is_locked"};
    if (!loads.count(f) && !stores.count(f) && !locks.count(f)) return std::nullopt;
    known = true;
    pos_ += 2;
    // READ_ONCE(*p) names a place; smp_load_acquire(p) and atomic_read(p) take a pointer.
    const bool byPlace = f == "READ_ONCE" || f == "WRITE_ONCE" || f.rfind("rcu_", 0) == 0;
    auto addr = byPlace ? lvalueAddress() : expression();
    if (!addr) return std::nullopt;
    const bool acquire = f == "smp_load_acquire" || f == "atomic_read_acquire";
    const bool release = f == "smp_store_release" || f == "rcu_assign_pointer" || f == "atomic_set_release";
    if (loads.count(f)) {
        if (!expect(")")) return std::nullopt;
        return load(*addr, {acquire ? tag::Acquire : tag::Once});
    }
    if (stores.count(f)) {
        if (!expect(",")) return std::nullopt;
        auto v = expression();
        if (!v || !expect(")")) return std::nullopt;
        store(*addr, *v, {release ? tag::Release : tag::Once});
        return Expr::constant(0);
    }
    if (!expect(")")) return std::nullopt;
    if (f == "spin_unlock") {
        store(*addr, Expr::constant(0), {tag::UL});
        return Expr::constant(0);
    }
    // spin_is_locked reads the lock, 1 while held: the kernel model's RL/RU, which like a failed
    // trylock's read (LF) are marked reads with no ordering of their own.
    if (f == "spin_is_locked") return Expr::binary(K::Ne, load(*addr, {tag::LF}), Expr::constant(0));
    // A lock is an atomic read of the free lock (0) and a write of 1; an execution where no
    // acquisition finds it free does not exist. spin_trylock may instead read it held (LF).
    auto isFree = [](const Expr& old) { return Expr::binary(K::Eq, old, Expr::constant(0)); };
    auto held = [](const Expr&) { return Expr::constant(1); };
    if (f == "spin_lock") {
        const int id = b_->freshRmw();
        const std::string old = b_->freshTemp();
        emit(Load{old, *addr, {tag::LKR}, id, 0});
        emit(Assume{isFree(Expr::reg(old))});
        emit(Store{*addr, Expr::constant(1), {tag::LKW}, id, 0});
        return Expr::constant(0);
    }
    std::string ok;
    conditionalRmw(*addr, {tag::LKR}, {tag::LKW}, {tag::LF}, isFree, held, &ok, false, false);
    return Expr::reg(ok);
}

std::optional<Expr> Lowerer::kernelAtomic(const Token& name, bool& known) {
    std::string f = name.text;
    const Order order = splitOrder(f);
    // Pointer-first: xchg(p, v), cmpxchg(p, old, new), atomic_xchg(v, i), atomic_cmpxchg(v, o, n).
    const bool isXchg = f == "xchg" || f == "atomic_xchg";
    const bool isCmpxchg = f == "cmpxchg" || f == "atomic_cmpxchg";
    // Value-first: atomic_add(i, v), atomic_add_return(i, v), atomic_fetch_add(i, v), ...
    static const std::map<std::string, K, std::less<>> ops = {{"add", K::Add}, {"sub", K::Sub}, {"and", K::And},
                                                              {"or", K::Or},   {"xor", K::Xor}, {"inc", K::Add},
                                                              {"dec", K::Sub}};
    std::string base = f.rfind("atomic_", 0) == 0 ? f.substr(7) : "";
    enum class Form { Void, Return, Fetch, AndTest } form = Form::Void;
    if (base.rfind("fetch_", 0) == 0) base = base.substr(6), form = Form::Fetch;
    else if (base.size() > 7 && base.compare(base.size() - 7, 7, "_return") == 0) base.resize(base.size() - 7), form = Form::Return;
    else if (base.size() > 9 && base.compare(base.size() - 9, 9, "_and_test") == 0) base.resize(base.size() - 9), form = Form::AndTest;
    auto op = ops.find(base);
    const bool isOp = op != ops.end() && (form != Form::AndTest || order == Order::Full) &&
                      (form != Form::Void || order == Order::Full) && (form != Form::AndTest || base != "and");
    if (f == "atomic_add_unless") {
        // atomic_add_unless(v, a, u): unless *v is u, add a (fully ordered); returns whether it added.
        known = true;
        ++pos_;
        auto args = arguments(3, name);
        if (!args) return std::nullopt;
        const Expr amount = (*args)[1], unless = (*args)[2];
        std::string ok;
        conditionalRmw(
            (*args)[0], {tag::Once, tag::RMW}, {tag::Once, tag::RMW}, {tag::Once},
            [&](const Expr& old) { return Expr::binary(K::Ne, old, unless); },
            [&](const Expr& old) { return Expr::binary(K::Add, old, amount); }, &ok, true, false);
        return Expr::reg(ok);
    }
    if (!isXchg && !isCmpxchg && !isOp) return std::nullopt;
    known = true;
    ++pos_;
    const bool unit = isOp && (base == "inc" || base == "dec");
    auto args = arguments(isCmpxchg ? 3 : isXchg ? 2 : unit ? 1 : 2, name);
    if (!args) return std::nullopt;
    const bool full = order == Order::Full && (isXchg || isCmpxchg || form != Form::Void);
    if (isCmpxchg) {
        const Expr expected = (*args)[1], desired = (*args)[2];
        return conditionalRmw(
            (*args)[0], readTags(order), writeTags(order), {tag::Once},
            [&](const Expr& old) { return Expr::binary(K::Eq, old, expected); }, [&](const Expr&) { return desired; },
            nullptr, full, false);
    }
    if (full) fence({tag::Mb});
    Expr result = Expr::constant(0);
    if (isXchg) {
        const Expr v = (*args)[1];
        result = rmw((*args)[0], readTags(order), writeTags(order), [&](const Expr&) { return v; });
    } else {
        const Expr amount = unit ? Expr::constant(1) : (*args)[0];
        const Expr at = unit ? (*args)[0] : (*args)[1];
        const K k = op->second;
        Tags rt = readTags(order);
        if (form == Form::Void) rt.push_back(tag::Noreturn);
        const Expr old = rmw(at, rt, writeTags(order), [&](const Expr& o) { return Expr::binary(k, o, amount); });
        const Expr now = Expr::binary(k, old, amount);
        result = form == Form::Fetch ? old
                 : form == Form::AndTest ? Expr::binary(K::Eq, now, Expr::constant(0))
                                         : now;
    }
    if (full) fence({tag::Mb});
    return result;
}

}  // namespace memlit::litmus::c
