// The memory half of RiscvLowering: loads and stores of every width with their `.aq`/`.rl`
// annotations, load-reserved / store-conditional, and the AMOs.

#include "litmus/riscv/RiscvLowering.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace memlit::litmus::rv {

namespace {

using OK = RvOperand::Kind;

/// `lw.aq.rl` -> {"lw", "aq", "rl"}.
std::vector<std::string> splitDots(const std::string& s) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (true) {
        std::size_t e = s.find('.', b);
        out.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) return out;
        b = e + 1;
    }
}

/// The tags of the annotation suffixes from `parts[from]` on (`aq`, `rl`, `aq.rl`, `aqrl`),
/// or nullopt if they are not one of those.
std::optional<std::vector<std::string>> annotations(const std::vector<std::string>& parts, std::size_t from) {
    std::vector<std::string> rest(parts.begin() + static_cast<std::ptrdiff_t>(from), parts.end());
    if (rest.empty()) return std::vector<std::string>{};
    if (rest == std::vector<std::string>{"aq"}) return std::vector<std::string>{"AQ"};
    if (rest == std::vector<std::string>{"rl"}) return std::vector<std::string>{"RL"};
    if (rest == std::vector<std::string>{"aqrl"} || rest == std::vector<std::string>{"aq", "rl"})
        return std::vector<std::string>{"AQ", "RL"};
    return std::nullopt;
}

struct Width {
    std::string_view name;
    int bytes;
    bool unsignedLoad;
};

constexpr std::array<Width, 7> kLoads = {{{"lb", 1, false}, {"lh", 2, false}, {"lw", 4, false}, {"ld", 8, false},
                                          {"lbu", 1, true}, {"lhu", 2, true}, {"lwu", 4, true}}};
constexpr std::array<Width, 4> kStores = {{{"sb", 1, false}, {"sh", 2, false}, {"sw", 4, false}, {"sd", 8, false}}};
constexpr std::array<std::string_view, 9> kAmos = {"swap", "add", "and", "or", "xor", "max", "min", "maxu", "minu"};

}  // namespace

std::optional<bool> Lowering::memory() {
    const std::vector<std::string> parts = splitDots(in_.op);
    const std::string& base = parts[0];
    auto badSuffix = [&] {
        out_.error(in_.loc, "unknown RISC-V instruction '" + in_.written + "': bad suffix");
        return false;
    };
    for (const auto& table : {std::vector<Width>(kLoads.begin(), kLoads.end()), std::vector<Width>(kStores.begin(), kStores.end())})
        for (const Width& w : table)
            if (base == w.name) {
                auto tags = annotations(parts, 1);
                if (!tags) return badSuffix();
                return loadStore(base[0] == 'l', w.bytes, w.unsignedLoad, *tags);
            }
    const bool reserved = base == "lr" || base == "sc";
    const bool isAmo = base.rfind("amo", 0) == 0 &&
                       std::find(kAmos.begin(), kAmos.end(), base.substr(3)) != kAmos.end();
    if (!reserved && !isAmo) return std::nullopt;
    if (parts.size() < 2 || (parts[1] != "w" && parts[1] != "d")) return badSuffix();
    auto tags = annotations(parts, 2);
    if (!tags) return badSuffix();
    tags->push_back("X");
    const int width = parts[1] == "w" ? 4 : 8;
    if (base == "lr") return loadReserved(width, *tags);
    if (base == "sc") return storeConditional(width, *tags);
    tags->push_back("AMO");
    return amo(base.substr(3), width, *tags);
}

// `lw rd, imm(rs1)`, `sw rs2, imm(rs1)`. A narrow load sign- or zero-extends the bytes it
// reads; a narrow store keeps the low bytes (sw of a 32-bit value is the value itself).
bool Lowering::loadStore(bool load, int width, bool zeroExt,
                         const std::vector<std::string>& tags) {
    if (!arity(2) || !expect(0, OK::Reg) || !expect(1, OK::Mem)) return false;
    const auto w8 = static_cast<std::uint8_t>(width);
    if (load) {
        std::string t = temp();
        emit(Load{t, address(1), tags, -1, w8});
        Expr v = Expr::reg(t);
        if (zeroExt) v = zeroExtend(std::move(v), width * 8);
        else if (width < 4) v = signExtend(std::move(v), width * 8);
        write(0, std::move(v));
        return true;
    }
    Expr v = read(0);
    if (width < 4) v = zeroExtend(std::move(v), width * 8);
    emit(Store{address(1), std::move(v), tags, -1, w8});
    return true;
}

// `lr.w rd, (rs1)`: a read tagged X that opens a reservation on its address.
bool Lowering::loadReserved(int width, std::vector<std::string> tags) {
    if (!arity(2) || !expect(0, OK::Reg) || !expect(1, OK::Mem)) return false;
    const int k = out_.freshRmw();
    // Keep the address: the store-conditional succeeds only on the same one.
    emit(Assign{"%xa" + std::to_string(k), address(1)});
    std::string t = temp();
    emit(Load{t, address(1), std::move(tags), k, static_cast<std::uint8_t>(width)});
    write(0, Expr::reg(t));
    return true;
}

// `sc.w rd, rs2, (rs1)`: pairs with the latest LR of this thread if no SC has used it since
// (any SC ends the reservation, whether it succeeds or not). It may succeed (rd := 0, a
// write tagged X paired by rmw with the LR) only on the LR's address, and may always fail
// (rd := 1, no write): the choice is the execution's. What depends on rd is ordered after
// the write.
bool Lowering::storeConditional(int width, std::vector<std::string> tags) {
    if (!arity(3) || !expect(0, OK::Reg) || !expect(1, OK::Reg) || !expect(2, OK::Mem)) return false;
    int k = -1;
    std::set<int> used;
    const auto& ops = out_.ops();
    for (auto it = ops.rbegin(); it != ops.rend() && k < 0; ++it) {
        if (const auto* st = std::get_if<Store>(&it->kind); st && st->rmwId >= 0) used.insert(st->rmwId);
        const auto* ld = std::get_if<Load>(&it->kind);
        if (ld && ld->rmwId >= 0) {
            if (!used.count(ld->rmwId)) k = ld->rmwId;
            break;  // only the latest LR (or AMO) counts
        }
    }
    if (k < 0) {
        write(0, c(1));
        return true;
    }
    Expr addr = address(2);
    std::string ok = temp();
    std::string fail = out_.freshLabel();
    emit(Choice{ok});
    // Success needs the LR's address, but the result does not depend on that address: an
    // assumption, not a computation (herd: ISA-MP-DEP-ADDR-LR-FAIL is allowed).
    emit(Assume{bin(EK::Or, Expr::unary(EK::Not, Expr::reg(ok)), bin(EK::Eq, Expr::reg("%xa" + std::to_string(k)), addr))});
    emit(Branch{Expr::unary(EK::Not, Expr::reg(ok)), fail, true});
    emit(Store{addr, read(1), std::move(tags), k, static_cast<std::uint8_t>(width)});
    // The result depends on the write (the specification's success dependency): `%sc<k>` is
    // 0 with that dependency where the SC succeeds, a plain 0 (never set) where it fails.
    const std::string dep = "%sc" + std::to_string(k);
    emit(DependOn{dep});
    emit(Label{fail});
    write(0, bin(EK::Add, Expr::unary(EK::Not, Expr::reg(ok)), Expr::reg(dep)));
    return true;
}

// `amo<op>.w rd, rs2, (rs1)`: a read and a write paired by rmw, both tagged X and AMO and
// both carrying the annotations (an AMO is one memory operation with one ordering); rd gets the
// value read.
bool Lowering::amo(const std::string& kind, int width, const std::vector<std::string>& tags) {
    if (!arity(3) || !expect(0, OK::Reg) || !expect(1, OK::Reg) || !expect(2, OK::Mem)) return false;
    const auto w8 = static_cast<std::uint8_t>(width);
    const int k = out_.freshRmw();
    const std::string t = temp();
    Expr old = Expr::reg(t);
    const Expr s = read(1);
    emit(Load{t, address(2), tags, k, w8});
    Expr v;
    if (kind == "swap") v = s;
    else if (kind == "add") v = width == 4 ? wrap32(bin(EK::Add, old, s)) : bin(EK::Add, old, s);
    else if (kind == "and") v = bin(EK::And, old, s);
    else if (kind == "or") v = bin(EK::Or, old, s);
    else if (kind == "xor") v = bin(EK::Xor, old, s);
    else if (kind == "max") v = Expr::ite(bin(EK::Gt, old, s), old, s);
    else if (kind == "min") v = Expr::ite(bin(EK::Lt, old, s), old, s);
    else if (kind == "maxu") v = Expr::ite(lessUnsigned(s, old), old, s);
    else v = Expr::ite(lessUnsigned(old, s), old, s);
    emit(Store{address(2), std::move(v), tags, k, w8});
    write(0, old);
    return true;
}

}  // namespace memlit::litmus::rv
