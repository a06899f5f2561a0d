#pragma once
/// The cat model AST: value types, one per construct, every node with its source position.
/// Includes are resolved by the parser, so a Model is self-contained; `file` fields index
/// Model::files.

#include "support/Diagnostics.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <variant>
#include <vector>

namespace memlit::cat {

using FileId = std::uint32_t;

/// What a Name (or the callee of a Call) refers to, filled in by cat::resolve at load time.
/// `id` is, for a Local, how many bindings up the scope the name is bound (0: the innermost);
/// the BaseSet or BaseRel value; or an index into Model::tags / Model::extraRels.
struct NameRef {
    enum class Kind : std::uint8_t {
        Unresolved,  // not resolved yet (a freshly parsed model)
        Local,       // bound by let, a parameter or a procedure: looked up in scope
        BaseSet,     // R W M F IW FW
        BaseRel,     // po rf co ...
        Tag,         // an event tag some architecture declares: MFENCE, DMB.ISH, ...
        ExtraRel,    // a relation the vocabulary adds (hand-built executions in tests)
        Builtin,     // the callee `domain` or `range`; for Try, which branch stands
    };
    Kind kind = Kind::Unresolved;
    std::uint32_t id = 0;
    bool operator==(const NameRef&) const = default;
};

/// An expression. `name` is used by Name and Call; `args` holds the operands.
struct Expr {
    enum class Op {
        Name,        // a let-bound name, base set/relation or tag: `po`, `MFENCE`
        EmptyRel,    // `0`
        EmptyAny,    // `{}`: the empty set or relation, whichever the context needs
        Universe,    // `_`: the set of all events
        Call,        // `name(args...)`: a function or a builtin (domain, range)
        Identity,    // `[S]`
        Inverse,     // `e^-1`
        Plus,        // `e^+` or `e+`
        Star,        // `e^*` or `e*`
        Opt,         // `e^?` or `e?`
        Complement,  // `~e`
        Cross,       // `S * T`
        Diff,        // `a \ b`
        Inter,       // `a & b`
        Seq,         // `a ; b`
        Union,       // `a | b`
        Try,         // `try a with b`: args[ref.id], chosen by cat::resolve (docs/cat.md)
        IfVariant,   // `if "v" then a else b`: args[ref.id], chosen by the parser
        Opaque,      // a herd body memlit steps over; `name` says which construct it uses
        LetIn,       // `let binds[0] = args[0] and ... in args.back()`; `rec`: a group of functions or values
        // herd's functional sublanguage (docs/cat.md, "Functions and sets of values"):
        Lambda,      // `fun binds -> args[0]` (binds: the parameters, a tuple when several)
        Apply,       // `args[0] args[1]`: application by juxtaposition
        Match,       // `match args[0] with || {} -> args[1] || binds[0] ++ binds[1] -> args[2] end`
        Add,         // `args[0] ++ args[1]`: add an element to a set (of events, pairs or values)
        SetLit,      // `{a, b, ...}` with at least one element
        Tuple,       // `(a, b, ...)` with at least two components
    };
    Op op = Op::Name;
    std::string name;
    std::vector<Expr> args;
    SourceLoc loc;
    NameRef ref;   // Name and Call; for Try and IfVariant, which of args stands
    std::vector<std::string> binds;   // LetIn, Lambda, Match: the names bound, in order
    bool rec = false;                 // LetIn: `let rec` (every binding a Lambda, or none)
    bool operator==(const Expr&) const = default;
};

/// `name = body` or, with params, the function `name(params) = body`.
struct Binding {
    std::string name;
    bool isFunction = false;
    std::vector<std::string> params;
    Expr body;
    SourceLoc loc;
    bool operator==(const Binding&) const = default;
};

/// `let b1 and b2 ...` or `let rec b1 and b2 ...`.
struct Let {
    bool rec = false;
    std::vector<Binding> bindings;
    bool operator==(const Let&) const = default;
};

enum class CheckKind { Acyclic, Irreflexive, Empty };

/// The flag an `undefined_unless` check raises when it fails (herd's name for it): an
/// execution with undefined behaviour, reported with the verdict `Undef`.
inline constexpr const char* kUndefinedFlag = "*undef*";

/// `[flag] [~]acyclic|irreflexive|empty expr [as name]`. Without `as`, the name is the
/// expression's source text.
struct Check {
    CheckKind kind = CheckKind::Acyclic;
    bool negated = false;
    bool isFlag = false;
    Expr expr;
    std::string name;
    bool operator==(const Check&) const = default;
};

struct Statement;

/// `procedure name(params) = body end`.
struct Procedure {
    std::string name;
    std::vector<std::string> params;
    std::vector<Statement> body;
    bool operator==(const Procedure&) const;
};

/// `with name from expr`: the rest of the model runs once per element of expr's value, with
/// `name` bound to it (herd's choice; an execution is allowed when one choice passes).
struct With {
    std::string name;
    Expr from;
    bool operator==(const With&) const = default;
};

/// `call name(args)`.
struct CallProc {
    std::string name;
    std::vector<Expr> args;
    bool operator==(const CallProc&) const = default;
};

struct Statement {
    std::variant<Let, Check, Procedure, CallProc, With> node;
    FileId file = 0;
    SourceLoc loc;
    bool operator==(const Statement&) const = default;
};

inline bool Procedure::operator==(const Procedure& o) const {
    return name == o.name && params == o.params && body == o.body;
}

/// A parsed model: the prelude's and included files' statements inlined in order.
struct Model {
    std::string name;                    // the leading string, e.g. "X86 TSO"; may be empty
    std::vector<std::string> files;      // file paths as given or resolved, by FileId
    std::vector<Statement> statements;
    /// Set by cat::resolve: every Name and Call carries its NameRef, and these list the
    /// tags and extra relations the model names (NameRef::id indexes them).
    bool resolved = false;
    std::vector<std::string> tags;
    std::vector<std::string> extraRels;
    bool operator==(const Model&) const = default;
};

const char* checkKindName(CheckKind k);

/// The builtin functions, by NameRef::id of a Builtin Name or Call.
enum class BuiltinFn : std::uint32_t { Domain, Range, Map, DifferentValues };
/// `domain`, `range`, `map` (herd's stdlib function, built in here), herd's
/// `different-values` (the pairs of a relation whose events' values differ), else nullopt.
std::optional<std::uint32_t> builtinFunction(std::string_view name);   // "acyclic", "irreflexive", "empty"

}  // namespace memlit::cat
