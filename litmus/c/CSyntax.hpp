#pragma once
/// The C dialect's syntax (herd's C litmus format, docs/c.md): comments, tokens, and the
/// thread functions `P0(int *x, ...) { ... }` of a `C NAME` test as token ranges. The init
/// block and the condition are herd's state language (litmus/StateParser.hpp); lowering the
/// functions to Program IR lives in CLowering.cpp.

#include "support/Diagnostics.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/LitmusTest.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::litmus::c {

struct Token {
    enum class Kind { Ident, Int, Punct, End };
    Kind kind = Kind::End;
    std::string text;
    std::size_t offset = 0;  // in the source text
    std::size_t end = 0;     // one past the last character
    bool punct(const char* t) const { return kind == Kind::Punct && text == t; }
    bool ident(const char* t) const { return kind == Kind::Ident && text == t; }
};

/// `atomic_int *x`: a thread's parameter names the location of the same name.
struct Param {
    std::string name;
    std::string type;  // as written, without the name: "atomic_int*"
    SourceLoc loc;
};

/// `P0(params) { body }`: the body is tokens (open, close), the indices of its braces.
struct Function {
    std::string name;
    std::vector<Param> params;
    std::size_t open = 0, close = 0;
    SourceLoc loc;
};

struct Program {
    std::vector<Token> tokens;
    std::vector<Function> threads;  // P0, P1, ... in order
};

/// The text with comments blanked (newlines kept): herd's `(* ... *)` outside the thread
/// functions (header, init block, condition), C's `/* ... */` and `//` everywhere. Inside a
/// function `(*x` is code (`READ_ONCE(*x)`).
std::string blankCComments(std::string_view text, const std::string& file, Diagnostics& diags);

/// Reads the thread functions from `begin` (after the init block) up to the condition; `stop`
/// is set to where the condition starts. nullopt after positioned diagnostics.
std::optional<Program> parseFunctions(const SourceText& src, std::size_t begin, const std::string& file,
                                      Diagnostics& diags, std::size_t& stop);

/// Lowers every thread of `prog` into `t.threads` and `t.raw` (CLowering.cpp). `unroll`, when
/// given, replaces the test's `Unroll=K`.
bool lowerProgram(const Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags,
                  LitmusTest& t, std::optional<int> unroll);

}  // namespace memlit::litmus::c
