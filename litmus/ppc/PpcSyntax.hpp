#pragma once
/// PpcSyntax: herd's Power assembly syntax, one thread-table cell at a time, parsed into a
/// PpcInstr (lower-cased mnemonic, typed operands) that PpcLowering lowers. Registers are
/// `r0`..`r31` (any case) and the condition-register fields `cr0`..`cr7`.

#include "litmus/table/Dialect.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

struct PpcOperand {
    enum class Kind {
        Reg,    // `r5`: reg
        Cr,     // `cr0`..`cr7`: reg is `cr<n>`
        Imm,    // `1`, `-8`, `0x10`: imm
        Mem,    // `0(r6)`: imm(reg), D-form
        Label,  // any other name: a branch target
    };
    Kind kind = Kind::Imm;
    std::string reg;       // Reg, Cr, Mem: the register's IR name
    std::int64_t imm = 0;  // Imm, Mem
    std::string label;     // Label
    std::string text;      // as written, for messages
    SourceLoc loc;
};

struct PpcInstr {
    std::string op;       // lower-cased mnemonic, a trailing `.` kept: `stwcx.`, `andi.`
    std::string written;  // as written, for messages
    std::vector<PpcOperand> operands;
    SourceLoc loc;
};

/// Parses one cell (without its label) that starts at `loc`; a `(* ... *)` comment after the
/// instruction is ignored. Reports syntax errors through `out`; nullopt on error.
std::optional<PpcInstr> parsePpc(std::string_view cell, SourceLoc loc, ThreadBuilder& out);

/// The IR name (`r0`..`r31`) of a general-purpose register written in any case, or `%s_x0` of
/// herd's symbolic register `%x0`; else nullopt.
std::optional<std::string> ppcRegister(std::string_view s);

}  // namespace memlit::litmus
