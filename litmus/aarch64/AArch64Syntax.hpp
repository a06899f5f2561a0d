#pragma once
/// AArch64Syntax: herd's AArch64 assembly syntax, one thread-table cell at a time, parsed into
/// an A64Instr (mnemonic plus typed operands) that AArch64Semantics lowers to IR.
/// Register views: W<n> and X<n> name the same IR register `X<n>`; `wide` says which view.

#include "litmus/ThreadBuilder.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

/// A general-purpose register operand, as an IR name plus the view it was written with.
struct A64Reg {
    std::string name;  // "X3", "XZR", "SP"
    bool wide = true;  // X view (64 bits) or W view (32 bits)
    bool isZero() const { return name == "XZR"; }
    bool operator==(const A64Reg&) const = default;
};

/// `LSL #2`, `SXTW`, `UXTW #2`: a shift or extension applied to a register operand.
struct A64Modifier {
    std::string kind;  // LSL, LSR, ASR, ROR, SXTW, UXTW, SXTX, UXTX, SXTB, UXTB, SXTH, UXTH
    std::int64_t amount = 0;
    bool operator==(const A64Modifier&) const = default;
};

/// `[Xn]`, `[Xn,#8]`, `[Xn,Xm]`, `[Xn,Wm,SXTW]`, `[Xn,Xm,LSL #3]`, `[Xn,#8]!`.
struct A64Mem {
    A64Reg base;
    std::optional<std::int64_t> offset;  // immediate offset
    std::optional<A64Reg> index;         // register offset
    std::optional<A64Modifier> modifier; // of the index register
    bool preIndex = false;               // `!`: base := base + offset before the access
    bool operator==(const A64Mem&) const = default;
};

struct A64Operand {
    enum class Kind { Reg, Imm, Mem, Cond, Modifier, Label };
    Kind kind = Kind::Imm;
    A64Reg reg;             // Reg
    std::int64_t imm = 0;   // Imm
    A64Mem mem;             // Mem
    A64Modifier modifier;   // Modifier
    std::string word;       // Cond: EQ, NE, ...; Label: the name
    std::string text;       // as written, for messages
    SourceLoc loc;
};

struct A64Instr {
    std::string op;       // upper-cased mnemonic, with its condition: `B.EQ`, `DMB`, `LDADDAL`
    std::string written;  // as written, for messages
    std::vector<A64Operand> operands;
    SourceLoc loc;
};

/// Parses one cell (without its label) that starts at `loc`. Reports syntax errors through
/// `out` and returns nullopt on error.
std::optional<A64Instr> parseA64(std::string_view cell, SourceLoc loc, ThreadBuilder& out);

/// The IR name of a register as written anywhere (`w3`, `X3` -> `X3`; `WZR` -> `XZR`;
/// `wsp` -> `SP`), or nullopt if it is not a general-purpose register.
std::optional<A64Reg> a64Register(std::string_view s);

/// True for the condition codes of B.cond, CSEL and friends (EQ, NE, ..., AL, NV).
bool isA64Condition(std::string_view s);

}  // namespace memlit::litmus
