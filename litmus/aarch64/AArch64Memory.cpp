// The memory half of AArch64Semantics: loads and stores of every width and ordering,
// pairs, exclusives, atomics (SWP, LD<op>, ST<op>) and compare-and-swap.

#include "litmus/aarch64/AArch64Semantics.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace memlit::litmus {
namespace a64 {

namespace {

using OK = A64Operand::Kind;

Expr c(std::int64_t v) { return Expr::constant(v); }
Expr bin(EK k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }

bool starts(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

/// A single load or store: LDR, LDRB, LDAR, LDAPRH, LDXR, LDAXR, LDRSW, LDUR, STR, STLRB, ...
struct Access {
    bool load = true;
    std::string order;       // "", "A" (acquire), "Q" (acquire-PC), "L" (release)
    bool exclusive = false;
    int width = 0;           // bytes; 0 = the register's view
    bool sign = false;       // LDRSB, LDRSH, LDRSW
};

std::optional<Access> classify(const std::string& op) {
    if (!starts(op, "LD") && !starts(op, "ST")) return std::nullopt;
    Access a;
    a.load = starts(op, "LD");
    std::string rest = op.substr(2);
    struct Form {
        std::string_view prefix;
        std::string_view order;
        bool exclusive;
    };
    static constexpr std::array<Form, 8> loads = {{{"AXR", "A", true},
                                                   {"XR", "", true},
                                                   {"APUR", "Q", false},
                                                   {"APR", "Q", false},
                                                   {"LAR", "A", false},
                                                   {"AR", "A", false},
                                                   {"UR", "", false},
                                                   {"R", "", false}}};
    static constexpr std::array<Form, 7> stores = {{{"LXR", "L", true},
                                                    {"XR", "", true},
                                                    {"LUR", "L", false},
                                                    {"LLR", "L", false},
                                                    {"LR", "L", false},
                                                    {"UR", "", false},
                                                    {"R", "", false}}};
    bool found = false;
    for (const Form& f : a.load ? std::vector<Form>(loads.begin(), loads.end())
                                : std::vector<Form>(stores.begin(), stores.end())) {
        if (starts(rest, f.prefix)) {
            found = true;
            a.order = std::string(f.order);
            a.exclusive = f.exclusive;
            rest = rest.substr(f.prefix.size());
            break;
        }
    }
    if (!found) return std::nullopt;
    if (rest.empty()) return a;
    if (rest == "B" || rest == "H") {
        a.width = rest == "B" ? 1 : 2;
        return a;
    }
    if (a.load && !a.exclusive && a.order.empty() && (rest == "SB" || rest == "SH" || rest == "SW")) {
        a.sign = true;
        a.width = rest == "SB" ? 1 : rest == "SH" ? 2 : 4;
        return a;
    }
    return std::nullopt;
}

/// SWP, LD<op>, ST<op>, CAS with their ordering and size suffixes.
struct Atomic {
    std::string kind;   // SWP, CAS, ADD, CLR, EOR, SET, SMAX, SMIN, UMAX, UMIN
    bool store = false; // ST<op>: no destination register
    bool acquire = false, release = false;
    int width = 0;
};

std::optional<Atomic> classifyAtomic(const std::string& op) {
    static constexpr std::array<std::string_view, 8> ops = {"ADD", "CLR", "EOR", "SET",
                                                            "SMAX", "SMIN", "UMAX", "UMIN"};
    Atomic a;
    std::string rest;
    if (starts(op, "SWP") || starts(op, "CAS")) {
        a.kind = op.substr(0, 3);
        rest = op.substr(3);
    } else {
        for (std::string_view o : ops) {
            for (std::string_view pre : {"LD", "ST"}) {
                std::string name = std::string(pre) + std::string(o);
                if (starts(op, name)) {
                    a.kind = std::string(o);
                    a.store = pre == "ST";
                    rest = op.substr(name.size());
                }
            }
        }
        if (a.kind.empty()) return std::nullopt;
    }
    if (!rest.empty() && (rest.back() == 'B' || rest.back() == 'H')) {
        a.width = rest.back() == 'B' ? 1 : 2;
        rest.pop_back();
    }
    if (rest == "A") a.acquire = true;
    else if (rest == "L") a.release = true;
    else if (rest == "AL") a.acquire = a.release = true;
    else if (!rest.empty()) return std::nullopt;
    if (a.store && a.acquire) return std::nullopt;  // there is no STADDA
    return a;
}

bool isPair(const std::string& op) {
    static constexpr std::array<std::string_view, 9> pairs = {
        "LDP", "STP", "LDNP", "STNP", "LDPSW", "LDXP", "STXP", "LDAXP", "STLXP"};
    return std::find(pairs.begin(), pairs.end(), op) != pairs.end();
}

bool isCasPair(const std::string& op) { return op == "CASP" || op == "CASPA" || op == "CASPL" || op == "CASPAL"; }

}  // namespace

bool Lowering::isMemoryOp(const std::string& op) {
    // CASP exactly as memoryOp spells it: a longer `CASP...` (CASPLSR) is no instruction.
    return classify(op) || classifyAtomic(op) || isPair(op) || op == "PRFM" || isCasPair(op) || starts(op, "LDIAPP") ||
           starts(op, "STILP");
}

// The address of a memory operand; `writeback` receives the base register's new value for
// pre-indexed `[Xn,#i]!` and post-indexed `[Xn],#i` forms.
std::optional<Expr> Lowering::address(const A64Operand& o, std::optional<Expr>& writeback) {
    if (o.kind != OK::Mem) {
        bad(o);
        return std::nullopt;
    }
    const A64Mem& m = o.mem;
    Expr base = Expr::reg(m.base.name);
    Expr a = base;
    if (m.offset) a = bin(EK::Add, base, c(*m.offset));
    if (m.index) {
        Expr idx = read(*m.index);
        if (m.modifier) {
            const std::string& k = m.modifier->kind;
            if (k == "UXTW") idx = zeroExtend(std::move(idx), 32);
            else if (k == "SXTW" && m.index->wide) idx = signExtend(std::move(idx), 32);
            else if (k != "LSL" && k != "SXTW" && k != "SXTX" && k != "UXTX") {
                bad(o);
                return std::nullopt;
            }
            if (m.modifier->amount < 0 || m.modifier->amount > 4) {
                bad(o);
                return std::nullopt;
            }
            if (m.modifier->amount > 0) idx = bin(EK::Shl, std::move(idx), c(m.modifier->amount));
        }
        a = bin(EK::Add, base, std::move(idx));
    }
    if (m.preIndex) writeback = a;
    return a;
}

bool Lowering::loadStore(const std::string& op) {
    Access acc = *classify(op);
    bool statusReg = !acc.load && acc.exclusive;  // STXR Ws, Rt, [Xn]
    std::size_t memAt = statusReg ? 2 : 1;
    if (!arity(memAt + 1, memAt + 2)) return false;
    for (std::size_t i = 0; i < memAt; ++i)
        if (!isReg(i)) return bad(opnd(i));
    const A64Reg& rt = opnd(memAt - 1).reg;
    std::optional<Expr> writeback;
    auto addr = address(opnd(memAt), writeback);
    if (!addr) return false;
    if (in_.operands.size() == memAt + 2) {
        const A64Operand& post = opnd(memAt + 1);
        if (post.kind != OK::Imm || writeback || acc.exclusive || !acc.order.empty()) return bad(post);
        writeback = bin(EK::Add, Expr::reg(opnd(memAt).mem.base.name), c(post.imm));
    }
    const int width = acc.width != 0 ? acc.width : rt.wide ? 8 : 4;
    const auto w8 = static_cast<std::uint8_t>(width);
    std::vector<std::string> tags;
    if (!acc.order.empty()) tags.push_back(acc.order);
    if (acc.exclusive) tags.push_back("X");
    if (acc.load) {
        std::string t = temp();
        int k = -1;
        if (acc.exclusive) {
            k = out_.freshRmw();
            // Keep the address: the store-exclusive compares it with its own.
            emit(Assign{"%xa" + std::to_string(k), *addr});
        }
        if (rt.isZero()) tags.push_back("NoRet");
        emit(Load{t, *addr, tags, k, w8});
        Expr v = Expr::reg(t);
        if (acc.sign) v = signExtend(std::move(v), width * 8);
        else if (width < 4) v = zeroExtend(std::move(v), width * 8);  // LDRB of -1 is 255
        write(rt, std::move(v), !acc.sign);
    } else if (!acc.exclusive) {
        Expr v = read(rt);
        if (width < 4) v = zeroExtend(std::move(v), width * 8);
        emit(Store{*addr, std::move(v), tags, -1, w8});
    } else {
        // Store-exclusive: succeeds (status 0) only when paired with the latest unpaired
        // load-exclusive to the same address, and even then may fail (status 1).
        const A64Reg& status = opnd(0).reg;
        int k = -1;
        std::set<int> paired;
        const auto& ops = out_.ops();
        for (auto it = ops.rbegin(); it != ops.rend() && k < 0; ++it) {
            if (const auto* st = std::get_if<Store>(&it->kind); st && st->rmwId >= 0) paired.insert(st->rmwId);
            const auto* ld = std::get_if<Load>(&it->kind);
            if (ld && ld->rmwId >= 0 && !paired.count(ld->rmwId)) k = ld->rmwId;
        }
        if (k < 0) {
            write(status, c(1), true);
            return true;
        }
        Expr v = read(rt);
        if (width < 4) v = zeroExtend(std::move(v), width * 8);
        std::string ok = temp();
        std::string fail = out_.freshLabel();
        emit(Choice{ok});
        Expr same = bin(EK::Eq, Expr::reg("%xa" + std::to_string(k)), *addr);
        emit(Assign{ok, Expr::ite(Expr::reg(ok), same, c(0))});
        emit(Branch{Expr::unary(EK::Not, Expr::reg(ok)), fail, true});
        emit(Store{*addr, std::move(v), tags, k, w8});
        emit(Label{fail});
        write(status, Expr::unary(EK::Not, Expr::reg(ok)), true);
    }
    if (writeback) write(opnd(memAt).mem.base, *writeback);
    return true;
}

// LDP, STP, LDNP, STNP, LDPSW, and the RCpc pairs LDIAPP (two reads tagged Q, the first
// first) and STILP (two writes tagged L): two accesses at consecutive addresses.
bool Lowering::pair(const std::string& op) {
    if (op == "LDXP" || op == "STXP" || op == "LDAXP" || op == "STLXP") return exclusivePair(op);
    if (!arity(3, 4)) return false;
    if (!isReg(0)) return bad(opnd(0));
    if (!isReg(1)) return bad(opnd(1));
    std::optional<Expr> writeback;
    auto addr = address(opnd(2), writeback);
    if (!addr) return false;
    if (in_.operands.size() == 4) {
        if (opnd(3).kind != OK::Imm || writeback) return bad(opnd(3));
        writeback = bin(EK::Add, Expr::reg(opnd(2).mem.base.name), c(opnd(3).imm));
    }
    bool sign = op == "LDPSW";
    const int width = sign || !opnd(0).reg.wide ? 4 : 8;
    const auto w8 = static_cast<std::uint8_t>(width);
    std::array<Expr, 2> at = {*addr, bin(EK::Add, *addr, c(width))};
    std::vector<std::string> tags;
    if (starts(op, "LDIAPP")) tags = {"Q"};
    if (starts(op, "STILP")) tags = {"L"};
    if (starts(op, "LD")) {
        std::array<std::string, 2> t = {temp(), temp()};
        for (int i = 0; i < 2; ++i) emit(Load{t[i], at[i], tags, -1, w8});
        for (int i = 0; i < 2; ++i) {
            Expr v = Expr::reg(t[i]);
            write(opnd(i).reg, sign ? signExtend(std::move(v), 32) : std::move(v), !sign);
        }
    } else {
        for (int i = 0; i < 2; ++i) emit(Store{at[i], read(opnd(i).reg), tags, -1, w8});
    }
    if (writeback) write(opnd(2).mem.base, *writeback);
    return true;
}

// SWP, LD<op>, ST<op>: one read and one write, paired by an rmw id and tagged X.
bool Lowering::atomic(const std::string& op) {
    Atomic a = *classifyAtomic(op);
    std::size_t memAt = a.store ? 1 : 2;
    if (!arity(memAt + 1, memAt + 1)) return false;
    for (std::size_t i = 0; i < memAt; ++i)
        if (!isReg(i)) return bad(opnd(i));
    std::optional<Expr> writeback;
    auto addr = address(opnd(memAt), writeback);
    if (!addr) return false;
    if (writeback) return bad(opnd(memAt));
    const A64Reg& rs = opnd(0).reg;
    A64Reg rt = a.store ? A64Reg{"XZR", rs.wide} : opnd(1).reg;
    const int width = a.width != 0 ? a.width : rs.wide ? 8 : 4;
    const auto w8 = static_cast<std::uint8_t>(width);
    std::vector<std::string> rtags = {"X"}, wtags = {"X"};
    if (a.acquire) rtags.push_back("A");
    if (a.release) wtags.push_back("L");
    if (rt.isZero()) rtags.push_back("NoRet");
    const int k = out_.freshRmw();
    const std::string t = temp();
    Expr s = read(rs);
    Expr old = Expr::reg(t);
    emit(Load{t, *addr, rtags, k, w8});
    Expr v;
    if (a.kind == "SWP") v = s;
    else if (a.kind == "ADD") v = bin(EK::Add, old, s);
    else if (a.kind == "CLR") v = bin(EK::And, old, bin(EK::Xor, s, c(-1)));
    else if (a.kind == "EOR") v = bin(EK::Xor, old, s);
    else if (a.kind == "SET") v = bin(EK::Or, old, s);
    else if (a.kind == "SMAX" || a.kind == "UMAX") v = Expr::ite(bin(EK::Gt, old, s), old, s);
    else v = Expr::ite(bin(EK::Lt, old, s), old, s);
    if (a.kind == "ADD" && width == 4) v = wrap32(std::move(v));
    if (width < 4) v = zeroExtend(std::move(v), width * 8);
    emit(Store{*addr, std::move(v), wtags, k, w8});
    write(rt, old, true);
    return true;
}

// CAS Rs, Rt, [Xn]: reads; writes Rt only when the value read equals Rs; Rs gets the value.
bool Lowering::cas(const std::string& op) {
    Atomic a = *classifyAtomic(op);
    if (!arity(3, 3)) return false;
    if (!isReg(0)) return bad(opnd(0));
    if (!isReg(1)) return bad(opnd(1));
    std::optional<Expr> writeback;
    auto addr = address(opnd(2), writeback);
    if (!addr) return false;
    if (writeback) return bad(opnd(2));
    const A64Reg& rs = opnd(0).reg;
    const int width = a.width != 0 ? a.width : rs.wide ? 8 : 4;
    const auto w8 = static_cast<std::uint8_t>(width);
    std::vector<std::string> rtags = {"X"}, wtags = {"X"};
    if (a.acquire) rtags.push_back("A");
    if (a.release) wtags.push_back("L");
    if (rs.isZero()) rtags.push_back("NoRet");
    const int k = out_.freshRmw();
    const std::string t = temp();
    const std::string skip = out_.freshLabel();
    Expr expected = read(rs);
    // herd orders the write of a CAS after its read as a data dependency (the comparison
    // feeds the write): `v + (t & 0)` has v's value and t's dependency.
    Expr v = bin(EK::Add, read(opnd(1).reg), bin(EK::And, Expr::reg(t), c(0)));
    if (width < 4) v = zeroExtend(std::move(v), width * 8);
    emit(Load{t, *addr, rtags, k, w8});
    emit(Branch{bin(EK::Ne, Expr::reg(t), std::move(expected)), skip, true});
    emit(Store{*addr, std::move(v), wtags, k, w8});
    emit(Label{skip});
    write(rs, Expr::reg(t), true);
    return true;
}

// LDXP, LDAXP: two exclusive reads, each with its own rmw id; STXP, STLXP Ws, Rt1, Rt2, [Xn]:
// on success two exclusive writes, paired with the latest two unpaired exclusive reads.
bool Lowering::exclusivePair(const std::string& op) {
    const bool load = starts(op, "LD");
    const std::size_t memAt = load ? 2 : 3;
    if (!arity(memAt + 1, memAt + 1)) return false;
    for (std::size_t i = 0; i < memAt; ++i)
        if (!isReg(i)) return bad(opnd(i));
    std::optional<Expr> writeback;
    auto addr = address(opnd(memAt), writeback);
    if (!addr) return false;
    if (writeback) return bad(opnd(memAt));
    const std::size_t first = load ? 0 : 1;
    const int width = opnd(first).reg.wide ? 8 : 4;
    const auto w8 = static_cast<std::uint8_t>(width);
    std::array<Expr, 2> at = {*addr, bin(EK::Add, *addr, c(width))};
    std::vector<std::string> tags = {"X"};
    if (op == "LDAXP") tags.push_back("A");
    if (op == "STLXP") tags.push_back("L");
    if (load) {
        std::array<std::string, 2> t = {temp(), temp()};
        for (int i = 0; i < 2; ++i) {
            int k = out_.freshRmw();
            emit(Assign{"%xa" + std::to_string(k), at[static_cast<std::size_t>(i)]});
            emit(Load{t[static_cast<std::size_t>(i)], at[static_cast<std::size_t>(i)], tags, k, w8});
        }
        for (std::size_t i = 0; i < 2; ++i) write(opnd(i).reg, Expr::reg(t[i]), true);
        return true;
    }
    const A64Reg& status = opnd(0).reg;
    std::vector<int> open;  // unpaired exclusive reads, latest first
    std::set<int> paired;
    const auto& ops = out_.ops();
    for (auto it = ops.rbegin(); it != ops.rend() && open.size() < 2; ++it) {
        if (const auto* st = std::get_if<Store>(&it->kind); st && st->rmwId >= 0) paired.insert(st->rmwId);
        const auto* ld = std::get_if<Load>(&it->kind);
        if (ld && ld->rmwId >= 0 && !paired.count(ld->rmwId)) open.push_back(ld->rmwId);
    }
    if (open.size() < 2) {
        write(status, c(1), true);
        return true;
    }
    std::array<int, 2> k = {open[1], open[0]};
    std::string ok = temp();
    std::string fail = out_.freshLabel();
    emit(Choice{ok});
    Expr same = bin(EK::Eq, Expr::reg("%xa" + std::to_string(k[0])), at[0]);
    emit(Assign{ok, Expr::ite(Expr::reg(ok), same, c(0))});
    emit(Branch{Expr::unary(EK::Not, Expr::reg(ok)), fail, true});
    for (std::size_t i = 0; i < 2; ++i) emit(Store{at[i], read(opnd(i + 1).reg), tags, k[i], w8});
    emit(Label{fail});
    write(status, Expr::unary(EK::Not, Expr::reg(ok)), true);
    return true;
}

// CASP Rs, Rs+1, Rt, Rt+1, [Xn]: CAS on two consecutive cells at once; both writes happen
// only when both values read equal Rs and Rs+1, which then receive the values read.
bool Lowering::casPair(const std::string& op) {
    if (!arity(5, 5)) return false;
    for (std::size_t i = 0; i < 4; ++i)
        if (!isReg(i) || opnd(i).reg.wide != opnd(0).reg.wide) return bad(opnd(i));
    std::optional<Expr> writeback;
    auto addr = address(opnd(4), writeback);
    if (!addr) return false;
    if (writeback) return bad(opnd(4));
    const std::string order = op.substr(4);  // "", "A", "L", "AL"
    const int width = opnd(0).reg.wide ? 8 : 4;
    const auto w8 = static_cast<std::uint8_t>(width);
    std::array<Expr, 2> at = {*addr, bin(EK::Add, *addr, c(width))};
    std::vector<std::string> rtags = {"X"}, wtags = {"X"};
    if (order.find('A') != std::string::npos) rtags.push_back("A");
    if (order.find('L') != std::string::npos) wtags.push_back("L");
    std::array<int, 2> k = {out_.freshRmw(), out_.freshRmw()};
    std::array<std::string, 2> t = {temp(), temp()};
    std::array<Expr, 2> expected = {read(opnd(0).reg), read(opnd(1).reg)};
    const std::string skip = out_.freshLabel();
    for (std::size_t i = 0; i < 2; ++i) emit(Load{t[i], at[i], rtags, k[i], w8});
    Expr differ = bin(EK::Or, bin(EK::Ne, Expr::reg(t[0]), expected[0]), bin(EK::Ne, Expr::reg(t[1]), expected[1]));
    emit(Branch{std::move(differ), skip, true});
    for (std::size_t i = 0; i < 2; ++i) {
        // As for CAS: the comparison feeds the writes (a data dependency on both reads).
        Expr deps = bin(EK::And, bin(EK::Add, Expr::reg(t[0]), Expr::reg(t[1])), c(0));
        emit(Store{at[i], bin(EK::Add, read(opnd(i + 2).reg), std::move(deps)), wtags, k[i], w8});
    }
    emit(Label{skip});
    for (std::size_t i = 0; i < 2; ++i) write(opnd(i).reg, Expr::reg(t[i]), true);
    return true;
}

bool Lowering::memoryOp() {
    const std::string& op = in_.op;
    if (op == "PRFM") return true;  // a hint: no event
    if (isCasPair(op)) return casPair(op);
    if (starts(op, "LDIAPP") || starts(op, "STILP")) return pair(op);
    if (isPair(op)) return pair(op);
    if (auto a = classifyAtomic(op)) return a->kind == "CAS" ? cas(op) : atomic(op);
    return loadStore(op);
}

}  // namespace a64
}  // namespace memlit::litmus
