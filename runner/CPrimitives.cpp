#include "runner/CPrimitives.hpp"

#include <map>
#include <utility>

namespace memlit::runner {

namespace {

const std::string kMb = "__atomic_thread_fence(__ATOMIC_SEQ_CST)";

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

CPrimitive define(const std::string& head, const std::string& body, bool kernel) {
    return {{"#define " + head + " " + body}, kernel, {}};
}

/// C11 `<stdatomic.h>`, read as the front end reads it (litmus/c/CAtomics.cpp): the
/// `_explicit` forms take the orders, the others are seq_cst.
std::optional<CPrimitive> c11(const std::string& name) {
    std::string f = name;
    const bool expl = endsWith(f, "_explicit");
    if (expl) f.resize(f.size() - 9);
    const std::string sc = "__ATOMIC_SEQ_CST";
    if (f == "atomic_thread_fence" && !expl) return define(name + "(mo)", "__atomic_thread_fence(mo)", false);
    if (f == "atomic_init" && !expl) return define(name + "(p, v)", "((void)(*(p) = (v)))", false);
    if (f == "atomic_load")
        return define(name + (expl ? "(p, mo)" : "(p)"), "__atomic_load_n((p), " + (expl ? "mo" : sc) + ")", false);
    if (f == "atomic_store" || f == "atomic_exchange")
        return define(name + (expl ? "(p, v, mo)" : "(p, v)"),
                      std::string(f == "atomic_store" ? "__atomic_store_n" : "__atomic_exchange_n") + "((p), (v), " +
                          (expl ? "mo" : sc) + ")",
                      false);
    if (f == "atomic_compare_exchange_strong" || f == "atomic_compare_exchange_weak") {
        const std::string weak = f == "atomic_compare_exchange_weak" ? "1" : "0";
        return define(name + (expl ? "(p, e, d, s, f)" : "(p, e, d)"),
                      "__atomic_compare_exchange_n((p), (e), (d), " + weak + ", " + (expl ? "s, f" : sc + ", " + sc) + ")",
                      false);
    }
    for (const char* op : {"add", "sub", "and", "or", "xor"})
        if (f == std::string("atomic_fetch_") + op)
            return define(name + (expl ? "(p, v, mo)" : "(p, v)"),
                          std::string("__atomic_fetch_") + op + "((p), (v), " + (expl ? "mo" : sc) + ")", false);
    return std::nullopt;
}

/// A kernel read-modify-write: `call` with the order `order`; fully ordered ones (`order`
/// empty) are a relaxed one between two full fences, as the front end lowers them. `result`
/// turns the call's value (`memlit_t`) into the primitive's.
std::string kernelRmw(const std::string& ptr, const std::string& call, const std::string& order,
                      const std::string& result = "memlit_t") {
    if (!order.empty() && result == "memlit_t") return call + order + ")";
    const std::string o = order.empty() ? "__ATOMIC_RELAXED" : order;
    const std::string fence = order.empty() ? kMb + "; " : "";
    return "({ __typeof__(*(" + ptr + ")) memlit_t; " + fence + "memlit_t = " + call + o + "); " + fence + result + "; })";
}

/// xchg, cmpxchg and the atomic_t operations (litmus/c/CKernel.cpp's kernelAtomic).
std::optional<CPrimitive> kernelAtomic(const std::string& name) {
    std::string f = name;
    std::string order;  // the builtin's order; empty: fully ordered
    for (auto [suffix, o] : {std::pair{"_relaxed", "__ATOMIC_RELAXED"}, std::pair{"_acquire", "__ATOMIC_ACQUIRE"},
                             std::pair{"_release", "__ATOMIC_RELEASE"}})
        if (endsWith(f, suffix)) {
            f.resize(f.size() - std::string(suffix).size());
            order = o;
            break;
        }
    if (f == "xchg" || f == "atomic_xchg")
        return define(name + "(p, v)", kernelRmw("p", "__atomic_exchange_n((p), (v), ", order), true);
    if (f == "cmpxchg" || f == "atomic_cmpxchg") {
        const std::string o = order.empty() ? "__ATOMIC_RELAXED" : order;
        const std::string fence = order.empty() ? kMb + "; " : "";
        return define(name + "(p, o, n)",
                      "({ __typeof__(*(p)) memlit_t = (o); " + fence +
                          "__atomic_compare_exchange_n((p), &memlit_t, (n), 0, " + o + ", __ATOMIC_RELAXED); " + fence +
                          "memlit_t; })",
                      true);
    }
    if (name == "atomic_add_unless")
        return define(name + "(v, a, u)",
                      "({ __typeof__(*(v)) memlit_t = __atomic_load_n((v), __ATOMIC_RELAXED); int memlit_ok = 0; "
                      "while (memlit_t != (u)) { " + kMb + "; if (__atomic_compare_exchange_n((v), &memlit_t, memlit_t + (a), "
                      "0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) { memlit_ok = 1; " + kMb + "; break; } } memlit_ok; })",
                      true);
    if (f.rfind("atomic_", 0) != 0) return std::nullopt;
    std::string base = f.substr(7);
    enum class Form { Void, Return, Fetch, AndTest } form = Form::Void;
    if (base.rfind("fetch_", 0) == 0) base = base.substr(6), form = Form::Fetch;
    else if (endsWith(base, "_return")) base.resize(base.size() - 7), form = Form::Return;
    else if (endsWith(base, "_and_test")) base.resize(base.size() - 9), form = Form::AndTest;
    static const std::map<std::string, std::string> ops = {{"add", "add"}, {"sub", "sub"}, {"and", "and"},
                                                           {"or", "or"},   {"xor", "xor"}, {"inc", "add"},
                                                           {"dec", "sub"}};
    auto op = ops.find(base);
    if (op == ops.end() || (form == Form::AndTest && (!order.empty() || base == "and")) ||
        (form == Form::Void && !order.empty()))
        return std::nullopt;
    const bool unit = base == "inc" || base == "dec";
    const std::string args = unit ? "(v)" : "(i, v)", amount = unit ? "1" : "(i)";
    const std::string fetchFirst = "__atomic_fetch_" + op->second + "((v), " + amount + ", ";
    const std::string newFirst = "__atomic_" + op->second + "_fetch((v), " + amount + ", ";
    switch (form) {
    case Form::Void: return define(name + args, "((void)" + fetchFirst + "__ATOMIC_RELAXED))", true);
    case Form::Fetch: return define(name + args, kernelRmw("v", fetchFirst, order), true);
    case Form::Return: return define(name + args, kernelRmw("v", newFirst, order), true);
    case Form::AndTest: return define(name + args, kernelRmw("v", newFirst, order, "memlit_t == 0"), true);
    }
    return std::nullopt;
}

/// READ_ONCE and friends, barriers, spinlocks (litmus/c/CKernel.cpp's kernelCall).
std::optional<CPrimitive> kernelCall(const std::string& f) {
    static const std::map<std::string, std::pair<std::string, std::string>> table = {
        {"READ_ONCE", {"(x)", "(*(volatile __typeof__(x)*)&(x))"}},
        {"WRITE_ONCE", {"(x, v)", "((void)(*(volatile __typeof__(x)*)&(x) = (v)))"}},
        {"rcu_dereference", {"(x)", "(*(volatile __typeof__(x)*)&(x))"}},
        {"rcu_access_pointer", {"(x)", "(*(volatile __typeof__(x)*)&(x))"}},
        {"rcu_assign_pointer", {"(x, v)", "__atomic_store_n(&(x), (v), __ATOMIC_RELEASE)"}},
        {"smp_load_acquire", {"(p)", "__atomic_load_n((p), __ATOMIC_ACQUIRE)"}},
        {"smp_store_release", {"(p, v)", "__atomic_store_n((p), (v), __ATOMIC_RELEASE)"}},
        {"atomic_read", {"(p)", "(*(volatile __typeof__(*(p))*)(p))"}},
        {"atomic_read_acquire", {"(p)", "__atomic_load_n((p), __ATOMIC_ACQUIRE)"}},
        {"atomic_set", {"(p, v)", "((void)(*(volatile __typeof__(*(p))*)(p) = (v)))"}},
        {"atomic_set_release", {"(p, v)", "__atomic_store_n((p), (v), __ATOMIC_RELEASE)"}},
        {"smp_mb", {"()", kMb}},
        {"smp_mb__before_atomic", {"()", kMb}},
        {"smp_mb__after_atomic", {"()", kMb}},
        {"smp_mb__after_spinlock", {"()", kMb}},
        {"smp_mb__after_unlock_lock", {"()", kMb}},
        // Orders loads with loads (stores with stores) on every target: no instruction on x86,
        // lwsync on Power, dmb ish on Arm, a fence on RISC-V.
        {"smp_rmb", {"()", "__atomic_thread_fence(__ATOMIC_ACQ_REL)"}},
        {"smp_wmb", {"()", "__atomic_thread_fence(__ATOMIC_ACQ_REL)"}},
        {"barrier", {"()", "__asm__ __volatile__(\"\" ::: \"memory\")"}},
        // A test-and-set lock: acquire by a compare-and-swap 0 -> 1, release by storing 0.
        {"spin_lock",
         {"(l)", "({ for (int memlit_n = 1;; ++memlit_n) { int memlit_e = 0; if (__atomic_compare_exchange_n((l), "
                 "&memlit_e, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) break; if (memlit_n % 256 == 0) sched_yield(); } })"}},
        {"spin_unlock", {"(l)", "__atomic_store_n((l), 0, __ATOMIC_RELEASE)"}},
        {"spin_is_locked", {"(l)", "(__atomic_load_n((l), __ATOMIC_RELAXED) != 0)"}},
        {"spin_trylock",
         {"(l)", "({ int memlit_e = 0; (int)__atomic_compare_exchange_n((l), &memlit_e, 1, 0, __ATOMIC_ACQUIRE, "
                 "__ATOMIC_RELAXED); })"}},
    };
    if (auto it = table.find(f); it != table.end()) return define(f + it->second.first, it->second.second, true);
    static const char* const rcu[] = {"rcu_read_lock", "rcu_read_unlock", "synchronize_rcu", "synchronize_rcu_expedited",
                                      "srcu_read_lock", "srcu_read_unlock", "synchronize_srcu",
                                      "synchronize_srcu_expedited", "srcu_down_read", "srcu_up_read"};
    for (const char* r : rcu)
        if (f == r)
            return CPrimitive{{}, true, "'" + f + "' is not supported on hardware: the harness has no RCU grace periods"};
    return kernelAtomic(f);
}

}  // namespace

std::optional<CPrimitive> cCall(const std::string& name) {
    if (auto p = c11(name)) return p;
    return kernelCall(name);
}

std::optional<CPrimitive> cName(const std::string& name) {
    static const std::map<std::string, std::pair<std::string, bool>> table = {
        {"memory_order_relaxed", {"#define memory_order_relaxed __ATOMIC_RELAXED", false}},
        {"memory_order_consume", {"#define memory_order_consume __ATOMIC_ACQUIRE", false}},
        {"memory_order_acquire", {"#define memory_order_acquire __ATOMIC_ACQUIRE", false}},
        {"memory_order_release", {"#define memory_order_release __ATOMIC_RELEASE", false}},
        {"memory_order_acq_rel", {"#define memory_order_acq_rel __ATOMIC_ACQ_REL", false}},
        {"memory_order_seq_cst", {"#define memory_order_seq_cst __ATOMIC_SEQ_CST", false}},
        {"_Atomic", {"#define _Atomic", false}},
        {"_Bool", {"#define _Bool bool", false}},
        {"atomic_int", {"typedef int atomic_int;", false}},
        {"atomic_uint", {"typedef unsigned atomic_uint;", false}},
        {"atomic_long", {"typedef long atomic_long;", false}},
        {"atomic_ulong", {"typedef unsigned long atomic_ulong;", false}},
        {"atomic_llong", {"typedef long long atomic_llong;", false}},
        {"atomic_bool", {"typedef bool atomic_bool;", false}},
        {"atomic_char", {"typedef char atomic_char;", false}},
        {"atomic_short", {"typedef short atomic_short;", false}},
        {"atomic_intptr_t", {"typedef intptr_t atomic_intptr_t;", false}},
        {"atomic_t", {"typedef int atomic_t;", true}},
        {"atomic_long_t", {"typedef long atomic_long_t;", true}},
        {"spinlock_t", {"typedef int spinlock_t;", true}},
    };
    auto it = table.find(name);
    if (it == table.end()) return std::nullopt;
    return CPrimitive{{it->second.first}, it->second.second, {}};
}

}  // namespace memlit::runner
