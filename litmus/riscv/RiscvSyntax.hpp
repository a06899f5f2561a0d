#pragma once
/// RiscvSyntax: herd's RISC-V assembly syntax, one thread-table cell at a time, parsed into an
/// RvInstr (lower-cased mnemonic with its suffixes, typed operands) that RiscvLowering lowers.
/// Registers are named by their `x<n>` IR name whether written `x5`, `t0` or `zero`.

#include "litmus/table/Dialect.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

struct RvOperand {
    enum class Kind {
        Reg,   // `x5`, `a0`: reg
        Imm,   // `1`, `-8`, `0x10`: imm
        Mem,   // `0(x6)`, `(x6)`: imm(reg)
        Word,  // anything else that is a name: a label, or a fence set (`rw`, `iorw`)
    };
    Kind kind = Kind::Imm;
    std::string reg;       // Reg, Mem: the base register's IR name
    std::int64_t imm = 0;  // Imm, Mem: the offset
    std::string word;      // Word
    std::string text;      // as written, for messages
    SourceLoc loc;
};

struct RvInstr {
    std::string op;       // lower-cased mnemonic with suffixes: `lw`, `amoswap.w.aq.rl`
    std::string written;  // as written, for messages
    std::vector<RvOperand> operands;
    SourceLoc loc;
};

/// Parses one cell (without its label) that starts at `loc`. A `(* ... *)` comment after the
/// instruction is ignored. Reports syntax errors through `out`; nullopt on error.
std::optional<RvInstr> parseRiscv(std::string_view cell, SourceLoc loc, ThreadBuilder& out);

/// The IR name (`x0` ... `x31`) of a register written `x5`, `t0`, `a1`, `s0`, `fp`, `zero`,
/// ... in any case, or nullopt if it is not an integer register.
std::optional<std::string> riscvRegister(std::string_view s);

}  // namespace memlit::litmus
