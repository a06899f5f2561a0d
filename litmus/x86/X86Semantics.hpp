#pragma once
/// X86Semantics: what X86 instructions do, shared by the Intel-syntax X86 dialect and the
/// AT&T-syntax X86_64 dialect. Each syntax parses a cell into an X86Instr; this lowers it.
/// Conventions: locked accesses carry tag `X` and share an rmwId; fences carry their
/// mnemonic (`MFENCE`); the zero flag lives in the pseudo-register `%ZF`.

#include "litmus/table/CellSyntax.hpp"
#include "litmus/ThreadBuilder.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/Program.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus {

struct X86Operand {
    enum class Kind { Reg, Imm, Mem };
    Kind kind = Kind::Imm;
    std::string reg;  // Reg: IR register name
    Expr expr;        // Imm: the value; Mem: the address
    std::string text; // as written, for messages
    SourceLoc loc;
};

struct X86Instr {
    std::string op;       // canonical mnemonic: MOV, XCHG, LFENCE, JNE, ... (no size suffix)
    std::string written;  // the mnemonic as written, for messages
    bool lock = false;
    std::uint8_t width = 0;             // bytes accessed; 0 = the architecture's word
    std::vector<X86Operand> operands;   // Intel order: destination first
    std::string target;                 // jumps: the label
    SourceLoc loc;
};

struct X86Flavour {
    std::string_view arch;         // "X86" or "X86_64", for messages
    std::string accumulator;       // CMPXCHG compares with it: "EAX" or "rax"
};

inline const std::string zeroFlag = "%ZF";

/// What tells the two spellings apart when reading a cell.
struct X86Syntax {
    std::string_view arch;      // "X86" or "X86_64", for messages
    std::string_view lockWord;  // the prefix as the syntax writes it: "LOCK" or "lock"
    /// Sets in.op (and in.width) from the mnemonic as written; false if unknown.
    bool (*mnemonic)(std::string_view written, X86Instr& in);
    std::optional<X86Operand> (*operand)(std::string_view text);
    bool sourceFirst;           // AT&T: operands come source first
};

/// Reads one cell: optional lock prefix, mnemonic, operands (or a jump's label) into `in`,
/// in Intel order. Reports a positioned error and returns false on a bad cell.
bool readX86Cell(std::string_view cell, SourceLoc loc, const X86Syntax& syntax, X86Instr& in,
                 ThreadBuilder& out);

/// True for the canonical mnemonics lowerX86 knows.
bool isX86Op(std::string_view op);
bool isX86Jump(std::string_view op);

/// Emits the ops of one instruction; reports bad operands and returns false on error.
bool lowerX86(const X86Instr& in, const X86Flavour& flavour, ThreadBuilder& out);

}  // namespace memlit::litmus
