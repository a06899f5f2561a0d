#pragma once
/// Small expression builders the AArch64 lowering files share (internal to litmus/).

#include "litmus/aarch64/AArch64Semantics.hpp"

#include <climits>
#include <cstdint>
#include <utility>

namespace memlit::litmus::a64 {

using OK = A64Operand::Kind;

inline constexpr std::int64_t kMin64 = INT64_MIN;

inline Expr c(std::int64_t v) { return Expr::constant(v); }
inline Expr bin(EK k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }
inline Expr lnot(Expr a) { return Expr::unary(EK::Not, std::move(a)); }
inline Expr bitNot(Expr a) { return bin(EK::Xor, std::move(a), c(-1)); }

inline bool fitsInt32(std::int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

inline std::int64_t lowMask(int bits) {
    return bits >= 64 ? -1 : static_cast<std::int64_t>((std::uint64_t{1} << bits) - 1);
}

}  // namespace memlit::litmus::a64
