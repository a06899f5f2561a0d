#pragma once
/// The Go dialect's syntax: tokens (with Go's automatic semicolons), the declarations of a
/// `Go NAME` test (globals and functions as token ranges) and the entry point that parses
/// a whole Go test body into a LitmusTest (lowering lives in GoLowering.cpp).

#include "support/Diagnostics.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/LitmusTest.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memlit::litmus::go {

/// Nested `{ ... }` blocks a function may have (the lowering and the scope pass both stop there,
/// so no input makes their recursion or their scans deep).
inline constexpr int kMaxNestedBlocks = 100;

struct Token {
    enum class Kind { Ident, Int, String, Punct, Semi, End };  // String: as written, quotes included
    Kind kind = Kind::End;
    std::string text;        // Semi: ";" or "\n" (an automatic semicolon)
    std::size_t offset = 0;  // in the source text
    std::size_t end = 0;     // one past the last character
    bool redeclared = false; // a name on the left of `:=` already declared in its block: assigned
    bool is(Kind k, const char* t) const { return kind == k && text == t; }
    bool punct(const char* t) const { return is(Kind::Punct, t); }
    bool ident(const char* t) const { return is(Kind::Ident, t); }
};

/// What a global variable is; sync objects are locations too (a mutex holds 0 or 1, a
/// read-write mutex 0 when free, -1 when a writer holds it, n > 0 with n readers).
enum class GlobalKind { Plain, Atomic, Mutex, RWMutex, WaitGroup, Once, Chan, Array, Map, Cond, SyncMap };

struct Global {
    GlobalKind kind = GlobalKind::Plain;
    std::string type;  // as written: "int", "atomic.Int32", "sync.Mutex", "chan int"
    SourceLoc loc;
    std::int64_t capacity = 0;  // Chan: make(chan T, capacity); Array: its length (Map: `var m = make(map[K]V)`)
};

/// A function declaration: its body is tokens (open, close) exclusive of the braces.
struct Func {
    std::string name;
    std::size_t open = 0, close = 0;
    SourceLoc loc;
    std::vector<std::pair<std::string, std::string>> params;  // name, type (a method's receiver first)
    std::vector<std::pair<std::string, std::string>> results;  // name ("" unless named), type
};

/// A parsed Go test before lowering.
struct Program {
    std::vector<Token> tokens;
    std::map<std::string, Global> globals;
    std::map<std::string, std::vector<std::string>> structs;  // type name -> field names
    std::map<std::string, std::map<std::string, std::string>> fieldTypes;  // type name -> field -> type
    std::vector<InitEntry> init;
    std::vector<Func> goroutines;             // P0, P1, ... in order
    bool mainEnds = false;                    // a .go program: it ends when main returns
    std::map<std::string, Func> helpers;      // every other function; a method of T as "T.m"
    std::map<std::string, std::string> condLocks;  // `var c = sync.NewCond(&mu)`: c -> mu
};

/// Whether `type` is a type a variable, a field or an allocation may have: an integer type,
/// `bool`, or a pointer `*T` to one of those, to a struct of `prog` or to another pointer.
bool isValueType(const Program& prog, const std::string& type);

/// An array (`[3]int`) or slice (`[]int#3` inside the front end: its length is
/// static) type (GoCollections.cpp).
struct Collection {
    bool slice = false;
    std::int64_t length = 0;
    std::string elem;
};
std::optional<Collection> collectionOf(const std::string& type);
/// A type as Go writes it (a slice without its length).
std::string shownType(const std::string& type);

/// `map[K]V` with an integer key type K and a value type V (GoMaps.cpp).
bool isMapType(const Program& prog, const std::string& type);

/// `a, b, c` from `toks[pos]` on: the names, with `pos` after the last; nullopt, with `pos` at
/// the offending token, where a name is missing.
std::optional<std::vector<const Token*>> nameList(const std::vector<Token>& toks, std::size_t& pos);

/// The '}' closing the '{' at `open` (the last token when it is never closed).
inline std::size_t closingBrace(const std::vector<Token>& toks, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < toks.size(); ++i) {
        if (toks[i].punct("{")) ++depth;
        if (toks[i].punct("}") && --depth == 0) return i;
    }
    return toks.size() - 1;
}

/// Tokens of `src` from `begin` up to (not including) the test's condition: after a `}` that
/// closes to top level, anything but `func` ends the program. `stop` is set to that offset.
std::vector<Token> tokenize(const SourceText& src, std::size_t begin, const std::string& file,
                            Diagnostics& diags, std::size_t& stop, bool wholeFile = false);

/// Reads the declarations and functions of `tokens` (the dialect's shape: `{ decls } func ...`;
/// GoProgram.cpp builds it from a `package main` file). No lowering.
std::optional<Program> parseGoTokens(std::vector<Token> tokens, const SourceText& src, const std::string& file,
                                     Diagnostics& diags);

/// Parses the Go part of a test (declaration block, functions, then herd's condition) from
/// the `{` at `begin`; fills `t.init`, `t.threads`, `t.raw`, `t.programText` and the condition. `unroll`, when
/// given, replaces the test's `Unroll=K` (the command line's --unroll).
bool parseGoTest(const SourceText& src, std::size_t begin, const std::string& file, Diagnostics& diags,
                 LitmusTest& t, std::optional<int> unroll = std::nullopt);

/// Parses the declarations and functions of a Go test (no lowering) from the `{` at `begin`;
/// `stop` is set to where the condition starts. The hardware runner re-reads `programText` this way.
std::optional<Program> parseGoProgram(const SourceText& src, std::size_t begin, const std::string& file,
                                      Diagnostics& diags, std::size_t& stop);

/// Go's block scoping (GoScopes.cpp): renames, in the function bodies of `prog`, each local
/// that shadows a visible variable (to `x%1`, ...) and marks `:=` redeclarations; false
/// (reported) for a `:=` with no new variable or a name declared twice in one block.
bool resolveScopes(Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags);

/// Lowers the goroutines of `prog` into `t.threads` and `t.raw` (GoLowering.cpp).
bool lowerProgram(const Program& prog, const SourceText& src, const std::string& file, Diagnostics& diags,
                  LitmusTest& t, std::optional<int> unroll = std::nullopt);

}  // namespace memlit::litmus::go
