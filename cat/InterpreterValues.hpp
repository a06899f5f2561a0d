#pragma once
/// InterpreterValues: the cat interpreter's values and scopes (cat/InterpreterImpl.hpp derives
/// from it): what a name is bound to, the environments, lazily forced let-bound names with
/// what their values depend on (cat/MemoTracker.hpp), and the helpers that need no domain.

#include "cat/Ast.hpp"
#include "cat/MemoTracker.hpp"
#include "support/Diagnostics.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace memlit::cat::detail {

template <class D>
struct InterpreterValues {
    using Set = typename D::Set;
    using Rel = typename D::Rel;

    struct Env;
    using EnvPtr = std::shared_ptr<const Env>;
    struct Items;   // the components of a tuple or the elements of a set of values
    using ItemsPtr = std::shared_ptr<const Items>;
    static constexpr std::uint32_t kNotBuiltin = ~std::uint32_t{0};
    /// A function: a `let` binding with parameters, or a `fun` (`lambda`), closed over `env`.
    /// A member of a `let rec` group (`recLet`, `recIn`) sees the group's functions too: they
    /// are bound again at each application, so no environment refers to itself. A builtin
    /// (`map`) may hold the arguments it was given so far (`partial`).
    struct Function {
        Function() = default;
        Function(const Binding* b, FileId f, EnvPtr e, const Expr* lam = nullptr, const Let* rl = nullptr,
                 const Expr* ri = nullptr, std::uint32_t bi = kNotBuiltin)
            : binding(b), file(f), env(std::move(e)), lambda(lam), recLet(rl), recIn(ri), builtin(bi) {}
        const Binding* binding = nullptr;
        FileId file = 0;
        EnvPtr env;
        const Expr* lambda = nullptr;
        const Let* recLet = nullptr;
        const Expr* recIn = nullptr;
        std::uint32_t builtin = kNotBuiltin;
        ItemsPtr partial;
    };
    struct Proc { const Procedure* proc; FileId file; EnvPtr env; };
    struct EmptyAny {};   // `0` / `{}`: adopts the type the context needs
    // Wrapped, so a domain may use one C++ type for both sets and relations.
    struct SetV { Set v; };
    struct RelV { Rel v; };
    /// One element of a set of events (an event, as a singleton set) or of a relation (a
    /// pair, as a singleton relation): what `match` and `map` take out of them.
    struct ElemV { std::optional<Set> event; std::optional<Rel> pair; };
    struct TupleV { ItemsPtr items; };
    /// A set of values other than events and pairs: of relations, sets, tuples, ...
    struct ValSetV { ItemsPtr items; };
    using Value = std::variant<EmptyAny, SetV, RelV, Function, Proc, ElemV, TupleV, ValSetV>;
    struct Items { std::vector<Value> v; };
    static ItemsPtr items(std::vector<Value> v) { return std::make_shared<const Items>(Items{std::move(v)}); }
    static Value setV(Set s) { return Value{SetV{std::move(s)}}; }
    static Value relV(Rel r) { return Value{RelV{std::move(r)}}; }

    /// A let-bound name: evaluated on first use, then cached.
    struct Thunk {
        const Expr* expr = nullptr;
        FileId file = 0;
        EnvPtr env;
        std::optional<Value> value;
        bool failed = false;
        Taint taint;        // what its value depends on (cat/MemoTracker.hpp)
        bool once = true;   // its expression is evaluated once per evaluation of the model
    };
    struct Env {
        std::string name;
        std::shared_ptr<Thunk> thunk;
        EnvPtr parent;
    };

    static EnvPtr bind(EnvPtr parent, std::string name, std::shared_ptr<Thunk> t) {
        return std::make_shared<const Env>(Env{std::move(name), std::move(t), std::move(parent)});
    }
    static std::shared_ptr<Thunk> ready(Value v, Taint taint = {}) {
        auto t = std::make_shared<Thunk>();
        t->value = std::move(v);
        t->taint = taint;
        return t;
    }

    static const Env* find(const EnvPtr& env, std::string_view name) {
        for (const Env* e = env.get(); e != nullptr; e = e->parent.get())
            if (e->name == name) return e;
        return nullptr;
    }

    /// The binding of a resolved Local: `ref.id` bindings up the chain, no name compared but
    /// one, which checks that the resolver's scopes and this chain agree.
    static const Env& local(const Expr& e, const EnvPtr& env) {
        const Env* at = env.get();
        for (std::uint32_t up = e.ref.id; up > 0 && at != nullptr; --up) at = at->parent.get();
        MEMLIT_ASSERT(at != nullptr && at->name == e.name,
                      "cat name '" + e.name + "' is not where the resolver put it");
        return *at;
    }

    static const char* kindName(const Value& v) {
        switch (v.index()) {
        case 0: return "the empty set or relation";
        case 1: return "a set";
        case 2: return "a relation";
        case 3: return "a function";
        case 4: return "a procedure";
        case 5: return std::get<ElemV>(v).pair ? "a pair of events" : "an event";
        case 6: return "a tuple";
        default: return "a set of values";
        }
    }

    static const char* opSpelling(Expr::Op op) {
        switch (op) {
        case Expr::Op::Union: return "|";
        case Expr::Op::Inter: return "&";
        case Expr::Op::Diff: return "\\";
        default: return "?";
        }
    }

    using Stored = typename StaticMemo<D>::Stored;
    static std::optional<Stored> storable(const Value& v) {
        std::optional<Stored> out;
        if (std::holds_alternative<EmptyAny>(v)) out.emplace();
        if (const auto* s = std::get_if<SetV>(&v)) out.emplace().set = s->v;
        if (const auto* r = std::get_if<RelV>(&v)) out.emplace().rel = r->v;
        return out;   // none for a function or procedure: not remembered
    }
    static Value fromStored(const Stored& v) {
        if (v.set) return setV(*v.set);
        if (v.rel) return relV(*v.rel);
        return Value{EmptyAny{}};
    }

    /// A `let rec` name's taint while its group is iterated (none without a memo).
    static Taint recTaint(int level) {
        Taint t;
        if (level >= 1 && level <= 64) t.pending = std::uint64_t{1} << (level - 1);
        else if (level != 0) t.varying = true;
        return t;
    }
};

}  // namespace memlit::cat::detail
