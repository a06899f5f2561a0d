// The memory half of PpcLowering: loads and stores of every width in D-form and X-form,
// the reservation pair lwarx/stwcx. (and ldarx/stdcx.), and the barriers.

#include "litmus/ppc/PpcLowering.hpp"

#include <array>
#include <climits>
#include <set>

namespace memlit::litmus::ppc {

namespace {

struct Access {
    std::string_view name;
    int bytes;
    bool load;
    bool indexed;
    bool signExt;  // lwa, lwax: the word is sign-extended
};

constexpr std::array<Access, 18> kAccesses = {{
    {"lbz", 1, true, false, false},  {"lhz", 2, true, false, false},  {"lwz", 4, true, false, false},
    {"ld", 8, true, false, false},   {"lwa", 4, true, false, true},   {"lbzx", 1, true, true, false},
    {"lhzx", 2, true, true, false},  {"lwzx", 4, true, true, false},  {"ldx", 8, true, true, false},
    {"lwax", 4, true, true, true},   {"stb", 1, false, false, false}, {"sth", 2, false, false, false},
    {"stw", 4, false, false, false}, {"std", 8, false, false, false}, {"stbx", 1, false, true, false},
    {"sthx", 2, false, true, false}, {"stwx", 4, false, true, false}, {"stdx", 8, false, true, false},
}};

constexpr std::int64_t kTwo32 = std::int64_t{1} << 32;

Expr lowBytes(Expr v, int bytes) {
    return bin(EK::And, std::move(v), c(static_cast<std::int64_t>((std::uint64_t{1} << (8 * bytes)) - 1)));
}

Expr plus(Expr a, Expr b) {
    if (a.kind == EK::Const && a.value == 0) return b;
    if (b.kind == EK::Const && b.value == 0) return a;
    return bin(EK::Add, std::move(a), std::move(b));
}

}  // namespace

std::optional<bool> Lowering::memory() {
    const std::string& op = in_.op;
    // hwsync is sync's other name; `sync` is the heavyweight barrier.
    if (op == "sync" || op == "hwsync" || op == "lwsync" || op == "isync" || op == "eieio") {
        if (!arity(0)) return false;
        emit(Fence{{op == "hwsync" ? "SYNC" : op == "sync" ? "SYNC" : op == "lwsync" ? "LWSYNC" : op == "isync" ? "ISYNC" : "EIEIO"}});
        return true;
    }
    if (op == "lwarx" || op == "ldarx") return loadReserved(op == "lwarx" ? 4 : 8);
    if (op == "stwcx." || op == "stdcx.") return storeConditional(op == "stwcx." ? 4 : 8);
    for (const Access& a : kAccesses)
        if (op == a.name) return a.load ? load(a.bytes, a.indexed, a.signExt) : store(a.bytes, a.indexed);
    return std::nullopt;
}

std::optional<Expr> Lowering::address(std::size_t from, bool indexed) {
    const std::size_t n = in_.operands.size();
    if (!indexed && n == from + 1) {
        if (!expect(from, OK::Mem)) return std::nullopt;
        return plus(baseOrZero(opnd(from).reg), c(opnd(from).imm));
    }
    // `lwz r3,0,r6` is `lwz r3,0(r6)`, as herd reads it; `lwzx r3,r4,r5` adds r5 to (r4|0).
    if (n != from + 2) {
        arity(from + (indexed ? 2 : 1));
        return std::nullopt;
    }
    // herd writes a zero rA of an X-form as `0`: `lwarx r1,0,r2`.
    const bool zeroBase = indexed && opnd(from).kind == OK::Imm && opnd(from).imm == 0;
    if ((!zeroBase && !expect(from, indexed ? OK::Reg : OK::Imm)) || !expect(from + 1, OK::Reg)) return std::nullopt;
    if (zeroBase) return read(from + 1);
    if (!indexed) return plus(baseOrZero(opnd(from + 1).reg), c(opnd(from).imm));
    return plus(baseOrZero(opnd(from).reg), read(from + 1));
}

// A narrow load zero-extends the bytes it reads (lwa sign-extends the word). Word loads and
// stores compare instead of masking, which the solver finds far cheaper: a value in the
// 32-bit range (signed or unsigned) is mapped to its zero- or sign-extended word exactly.
bool Lowering::load(int width, bool indexed, bool signExt) {
    if (in_.operands.empty() || !expect(0, OK::Reg)) return arity(indexed ? 3 : 2);
    auto addr = address(1, indexed);
    if (!addr) return false;
    std::string t = temp();
    emit(Load{t, std::move(*addr), {}, -1, static_cast<std::uint8_t>(width)});
    Expr v = Expr::reg(t);
    if (width == 4 && signExt) v = Expr::ite(bin(EK::Gt, v, c(INT32_MAX)), bin(EK::Sub, v, c(kTwo32)), v);
    else if (width == 4) v = Expr::ite(bin(EK::Lt, v, c(0)), bin(EK::Add, v, c(kTwo32)), v);
    else if (width < 4) v = lowBytes(std::move(v), width);
    write(0, std::move(v));
    return true;
}

bool Lowering::store(int width, bool indexed) {
    if (in_.operands.empty() || !expect(0, OK::Reg)) return arity(indexed ? 3 : 2);
    auto addr = address(1, indexed);
    if (!addr) return false;
    Expr v = read(0);
    if (width < 4) v = lowBytes(std::move(v), width);
    emit(Store{std::move(*addr), std::move(v), {}, -1, static_cast<std::uint8_t>(width)});
    return true;
}

// `lwarx rD,rA,rB`: a read tagged X that makes a reservation on its address.
bool Lowering::loadReserved(int width) {
    if (!arity(3) || !expect(0, OK::Reg)) return false;
    auto addr = address(1, true);
    if (!addr) return false;
    const int k = out_.freshRmw();
    // Keep the address: the store-conditional succeeds only on the same one.
    emit(Assign{"%ra" + std::to_string(k), *addr});
    std::string t = temp();
    emit(Load{t, std::move(*addr), {"X"}, k, static_cast<std::uint8_t>(width)});
    write(0, Expr::reg(t));
    return true;
}

// `stwcx. rS,rA,rB`: pairs with the thread's latest lwarx if no store-conditional has used
// its reservation since (any stwcx. clears the reservation, succeeding or not). It may
// succeed only on the reserved address (a write tagged X, paired by rmw with the lwarx) and
// may always fail (no write): the execution chooses. CR0 is EQ on success, none on failure.
bool Lowering::storeConditional(int width) {
    if (!arity(3) || !expect(0, OK::Reg)) return false;
    auto addr = address(1, true);
    if (!addr) return false;
    int k = -1;
    std::set<int> used;
    const auto& ops = out_.ops();
    for (auto it = ops.rbegin(); it != ops.rend() && k < 0; ++it) {
        if (const auto* st = std::get_if<Store>(&it->kind); st && st->rmwId >= 0) used.insert(st->rmwId);
        if (const auto* ld = std::get_if<Load>(&it->kind); ld && ld->rmwId >= 0) {
            if (!used.count(ld->rmwId)) k = ld->rmwId;
            break;  // only the latest reservation counts
        }
    }
    if (k < 0) {
        emit(Assign{"cr0", c(2)});
        return true;
    }
    std::string ok = temp();
    std::string fail = out_.freshLabel();
    emit(Choice{ok});
    // Success needs the reserved address, but the outcome does not depend on it: an
    // assumption, not a computation.
    emit(Assume{bin(EK::Or, Expr::unary(EK::Not, Expr::reg(ok)), bin(EK::Eq, Expr::reg("%ra" + std::to_string(k)), *addr))});
    emit(Branch{Expr::unary(EK::Not, Expr::reg(ok)), fail, true});
    emit(Store{std::move(*addr), read(0), {"X"}, k, static_cast<std::uint8_t>(width)});
    emit(Label{fail});
    emit(Assign{"cr0", Expr::ite(Expr::reg(ok), c(0), c(2))});
    return true;
}

}  // namespace memlit::litmus::ppc
