#pragma once
/// The functional part of the cat interpreter (cat/InterpreterImpl.hpp derives from it):
/// application of functions (`let` functions, `fun`, `let rec` groups, the builtins `domain`,
/// `range`, `map`), tuples, sets of values, `++`, set literals and `match` (docs/cat.md,
/// "Functions and sets of values"), and the least fixed points of `let rec` groups of
/// values. Taking a set of events or a relation apart needs a domain that can list its elements (`setElements`, `relElements`: the enumerator's); in
/// any other domain it is a positioned `unsupported` error, never a guess.

#include "cat/InterpreterValues.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlit::cat::detail {

template <class D>
concept KnowsValues = requires(D& d, const typename D::Rel& r) { d.differentValues(r); };

template <class D>
concept ListsElements = requires(D& d, const typename D::Set& s, const typename D::Rel& r) {
    d.setElements(s);
    d.relElements(r);
};

/// A domain that knows the elements of some sets and relations, those the same in every
/// execution (the Z3 engine's: none when nothing may be in it).
template <class D>
concept ListsStaticElements = requires(D& d, const typename D::Set& s, const typename D::Rel& r) {
    d.staticSetElements(s);
    d.staticRelElements(r);
};

template <class D, class Self>
class FunctionalEval : protected InterpreterValues<D> {
protected:
    using B = InterpreterValues<D>;
    using typename B::Set;
    using typename B::Rel;
    using typename B::EnvPtr;
    using typename B::Function;
    using typename B::EmptyAny;
    using typename B::SetV;
    using typename B::RelV;
    using typename B::ElemV;
    using typename B::TupleV;
    using typename B::ValSetV;
    using typename B::Value;
    using typename B::Thunk;
    using B::setV;
    using B::relV;
    using B::bind;
    using B::ready;
    using B::kindName;
    using B::opSpelling;

    Self& self() { return static_cast<Self&>(*this); }

protected:
    /// Whether the domain runs `with x from S` (D::kChoices).
    static constexpr bool choices() {
        if constexpr (requires { D::kChoices; }) return D::kChoices;
        else return false;
    }

    std::optional<Rel> asRel(const Value& v, FileId file, SourceLoc loc) {
        if (std::holds_alternative<EmptyAny>(v)) return self().d_.emptyRel();
        if (const auto* r = std::get_if<RelV>(&v)) return r->v;
        self().error(file, loc, std::string("expected a relation, found ") + kindName(v));
        return std::nullopt;
    }

    std::optional<Set> asSet(const Value& v, FileId file, SourceLoc loc) {
        if (std::holds_alternative<EmptyAny>(v)) return self().d_.emptySet();
        if (const auto* s = std::get_if<SetV>(&v)) return s->v;
        self().error(file, loc, std::string("expected a set, found ") + kindName(v));
        return std::nullopt;
    }

    /// `|`, `&`, `\`: both sets or both relations.
    std::optional<Value> setOrRel(const Expr& e, Value a, Value b, FileId file) {
        const bool aEmpty = std::holds_alternative<EmptyAny>(a);
        const bool bEmpty = std::holds_alternative<EmptyAny>(b);
        if (aEmpty && bEmpty) return Value{EmptyAny{}};
        const bool sets = std::holds_alternative<SetV>(aEmpty ? b : a);
        const bool rels = std::holds_alternative<RelV>(aEmpty ? b : a);
        if (aEmpty) a = sets ? setV(self().d_.emptySet()) : relV(self().d_.emptyRel());
        if (bEmpty) b = sets ? setV(self().d_.emptySet()) : relV(self().d_.emptyRel());
        if (sets && std::holds_alternative<SetV>(b)) {
            const auto& x = std::get<SetV>(a).v;
            const auto& y = std::get<SetV>(b).v;
            switch (e.op) {
            case Expr::Op::Union: return setV(self().d_.setUnion(x, y));
            case Expr::Op::Inter: return setV(self().d_.setInter(x, y));
            default: return setV(self().d_.setDiff(x, y));
            }
        }
        if (rels && std::holds_alternative<RelV>(b)) {
            const auto& x = std::get<RelV>(a).v;
            const auto& y = std::get<RelV>(b).v;
            switch (e.op) {
            case Expr::Op::Union: return relV(self().d_.relUnion(x, y));
            case Expr::Op::Inter: return relV(self().d_.relInter(x, y));
            default: return relV(self().d_.relDiff(x, y));
            }
        }
        self().error(file, e.loc, std::string("operands of '") + opSpelling(e.op) +
                               "' must be both sets or both relations, found " + kindName(a) +
                               " and " + kindName(b));
        return std::nullopt;
    }

    /// herd's `different-values(r)`: the pairs of r whose events' values differ. Only a domain
    /// that knows each event's value (the enumerator's) has it; elsewhere it is declined.
    std::optional<Value> differentValues(const std::vector<Value>& args, FileId file, SourceLoc loc) {
        if (args.size() != 1) {
            self().error(file, loc, "'different-values' expects 1 argument, got " + std::to_string(args.size()));
            return std::nullopt;
        }
        auto r = self().asRel(args[0], file, loc);
        if (!r) return std::nullopt;
        if constexpr (KnowsValues<D>) {
            self().memo_.taint().varying = true;   // the values read vary with rf: never memoised
            return B::relV(self().d_.differentValues(*r));
        } else {
            self().unsupportedAt(file, loc, "cat construct 'different-values' outside the enumerator (only it knows each event's value)");
            return std::nullopt;
        }
    }

    /// The elements of a set-like value, in a fixed order; nullopt (reported) otherwise.
    std::optional<std::vector<Value>> elementsOf(const Value& v, FileId file, SourceLoc loc, const char* what) {
        if (std::holds_alternative<EmptyAny>(v)) return std::vector<Value>{};
        if (const auto* s = std::get_if<ValSetV>(&v)) return s->items->v;
        if (std::holds_alternative<SetV>(v) || std::holds_alternative<RelV>(v)) {
            if constexpr (ListsElements<D>) {
                std::vector<Value> out;
                auto& d = self().d_;
                if (const auto* s = std::get_if<SetV>(&v))
                    for (auto& e : d.setElements(s->v)) out.push_back(Value{ElemV{std::move(e), std::nullopt}});
                else
                    for (auto& p : d.relElements(std::get<RelV>(v).v)) out.push_back(Value{ElemV{std::nullopt, std::move(p)}});
                return out;
            } else {
                if constexpr (ListsStaticElements<D>) {
                    if (auto out = staticElements(v)) return out;
                }
                self().unsupportedAt(file, loc, std::string("cat construct ") + what +
                                                    " over the events of an execution (only the enumerator lists them)");
                return std::nullopt;
            }
        }
        self().error(file, loc, std::string(what) + " needs a set, found " + kindName(v));
        return std::nullopt;
    }

    /// The elements of a set or relation that are the same in every execution, if known.
    std::optional<std::vector<Value>> staticElements(const Value& v) {
        std::vector<Value> out;
        auto& d = self().d_;
        if (const auto* s = std::get_if<SetV>(&v)) {
            auto elements = d.staticSetElements(s->v);
            if (!elements) return std::nullopt;
            for (auto& e : *elements) out.push_back(Value{ElemV{std::move(e), std::nullopt}});
            return out;
        }
        auto elements = d.staticRelElements(std::get<RelV>(v).v);
        if (!elements) return std::nullopt;
        for (auto& p : *elements) out.push_back(Value{ElemV{std::nullopt, std::move(p)}});
        return out;
    }

    /// Binds `names` in `env` to the least fixed point of `bodies` (a `let rec` group of
    /// values, statement or expression) into `thunks`; returns what the values depend on.
    Taint fixpoint(const std::vector<const Expr*>& bodies, const std::vector<std::string>& names, FileId file,
                   EnvPtr& env, std::vector<std::shared_ptr<Thunk>>& thunks) {
        const int level = self().memo_.active() ? self().memo_.enterRec() : 0;
        for (const auto& name : names) {
            thunks.push_back(ready(EmptyAny{}, B::recTaint(level)));
            env = bind(env, name, thunks.back());
        }
        Taint own;
        self().memo_.tracked(own, [&] { return iterate(bodies, file, env, thunks), 0; });
        if (level != 0) self().memo_.leaveRec();
        if (level >= 1 && level <= 64) own.pending &= ~(std::uint64_t{1} << (level - 1));
        for (auto& t : thunks) t->taint = own;
        return own;
    }

    void iterate(const std::vector<const Expr*>& bodies, FileId file, const EnvPtr& env,
                 std::vector<std::shared_ptr<Thunk>>& thunks) {
        const std::size_t bound = self().d_.fixpointBound();
        // Each binding sees the values its predecessors got in the same round, as herd's
        // fix_step does: for a definition that is not monotone (one that subtracts a
        // recursive name, like the matching of nested critical sections) this decides
        // which fixed point the iteration reaches, so it must be herd's order.
        for (std::size_t iter = 0; iter < bound; ++iter) {
            bool stable = true;
            for (std::size_t i = 0; i < thunks.size(); ++i) {
                auto v = self().eval(*bodies[i], file, env, 0);
                if (!v) {
                    for (auto& t : thunks) t->failed = true;
                    return;
                }
                if (!same(*thunks[i]->value, *v)) stable = false;
                thunks[i]->value = std::move(*v);
            }
            if (stable) return;
        }
    }

    /// Whether two values are equal (for the elements of a set of values).
    bool same(const Value& a, const Value& b) {
        auto& d = self().d_;
        const auto asRelOrEmpty = [&](const Value& v) -> std::optional<Rel> {
            if (std::holds_alternative<EmptyAny>(v)) return d.emptyRel();
            if (const auto* r = std::get_if<RelV>(&v)) return r->v;
            return std::nullopt;
        };
        if (std::holds_alternative<EmptyAny>(a) && std::holds_alternative<EmptyAny>(b)) return true;
        if (auto ra = asRelOrEmpty(a))
            if (auto rb = asRelOrEmpty(b)) return d.sameRel(*ra, *rb);
        if (const auto* sa = std::get_if<SetV>(&a)) {
            if (const auto* sb = std::get_if<SetV>(&b)) return d.sameSet(sa->v, sb->v);
            if (std::holds_alternative<EmptyAny>(b)) return d.sameSet(sa->v, d.emptySet());
        }
        if (std::holds_alternative<EmptyAny>(a) && std::holds_alternative<SetV>(b)) return same(b, a);
        if (const auto* ea = std::get_if<ElemV>(&a)) {
            const auto* eb = std::get_if<ElemV>(&b);
            if (eb == nullptr || ea->event.has_value() != eb->event.has_value()) return false;
            return ea->event ? d.sameSet(*ea->event, *eb->event) : d.sameRel(*ea->pair, *eb->pair);
        }
        const auto sameItems = [&](const auto& x, const auto& y) {
            if (x.size() != y.size()) return false;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (!same(x[i], y[i])) return false;
            return true;
        };
        if (const auto* ta = std::get_if<TupleV>(&a))
            if (const auto* tb = std::get_if<TupleV>(&b)) return sameItems(ta->items->v, tb->items->v);
        if (const auto* va = std::get_if<ValSetV>(&a))
            if (const auto* vb = std::get_if<ValSetV>(&b)) {
                if (va->items->v.size() != vb->items->v.size()) return false;
                for (const auto& x : va->items->v)
                    if (!contains(vb->items->v, x)) return false;
                return true;
            }
        return false;
    }

    bool contains(const std::vector<Value>& items, const Value& x) {
        for (const auto& y : items)
            if (same(x, y)) return true;
        return false;
    }

    /// `e ++ s`: an event into a set of events, a pair into a relation, anything else into a
    /// set of values (`{}` and `0` being empty sets of either kind).
    std::optional<Value> add(Value e, Value s, FileId file, SourceLoc loc) {
        auto& d = self().d_;
        const bool empty = std::holds_alternative<EmptyAny>(s);
        if (const auto* el = std::get_if<ElemV>(&e)) {
            if (el->event && (empty || std::holds_alternative<SetV>(s)))
                return setV(empty ? *el->event : d.setUnion(std::get<SetV>(s).v, *el->event));
            if (el->pair && (empty || std::holds_alternative<RelV>(s)))
                return relV(empty ? *el->pair : d.relUnion(std::get<RelV>(s).v, *el->pair));
        }
        if (empty || std::holds_alternative<ValSetV>(s)) {
            std::vector<Value> items = empty ? std::vector<Value>{} : std::get<ValSetV>(s).items->v;
            if (!contains(items, e)) items.push_back(std::move(e));
            return Value{ValSetV{B::items(std::move(items))}};
        }
        self().error(file, loc, std::string("'++' adds to a set: cannot add ") + kindName(e) + " to " + kindName(s));
        return std::nullopt;
    }

    /// Applies `fn` to `args` (with their taints): a tuple argument is spread over several
    /// parameters (herd's `f(a, b)` is `f` applied to a pair).
    std::optional<Value> apply(const Function& fn, std::vector<Value> args, std::vector<Taint> taints,
                               FileId file, SourceLoc loc, int depth, const std::string& name = "") {
        if (fn.builtin != B::kNotBuiltin) return builtin(fn, std::move(args), file, loc, depth);
        const auto& params = fn.binding ? fn.binding->params : fn.lambda->binds;
        const Expr& body = fn.binding ? fn.binding->body : fn.lambda->args[0];
        if (params.size() != args.size() && args.size() == 1)
            if (const auto* t = std::get_if<TupleV>(&args[0]); t && t->items->v.size() == params.size()) {
                args = t->items->v;
                taints.assign(args.size(), taints[0]);
            }
        if (params.size() != args.size()) {
            self().error(file, loc, "function " + (name.empty() ? "" : "'" + name + "' ") + "expects " + std::to_string(params.size()) + " argument(s), got " +
                                        std::to_string(args.size()));
            return std::nullopt;
        }
        if (depth >= Self::kMaxCallDepth) {
            self().error(file, loc, "function calls nested too deeply");
            return std::nullopt;
        }
        EnvPtr local = fn.env;
        if (fn.recLet != nullptr)
            for (const auto& b : fn.recLet->bindings)
                local = bind(local, b.name, ready(Function{&b, fn.file, fn.env, nullptr, fn.recLet}));
        if (fn.recIn != nullptr)
            for (std::size_t i = 0; i < fn.recIn->binds.size(); ++i)
                local = bind(local, fn.recIn->binds[i],
                             ready(Function{nullptr, fn.file, fn.env, &fn.recIn->args[i], nullptr, fn.recIn}));
        for (std::size_t i = 0; i < args.size(); ++i) local = bind(local, params[i], ready(std::move(args[i]), taints[i]));
        return self().memo_.within(true, [&] { return self().eval(body, fn.file, local, depth + 1); });
    }

    std::optional<Value> builtin(const Function& fn, std::vector<Value> args, FileId file, SourceLoc loc, int depth) {
        auto& d = self().d_;
        if (fn.builtin == static_cast<std::uint32_t>(BuiltinFn::DifferentValues)) return differentValues(args, file, loc);
        if (fn.builtin != static_cast<std::uint32_t>(BuiltinFn::Map)) {
            if (args.size() != 1) {
                self().error(file, loc, std::string(fn.builtin == 0 ? "'domain'" : "'range'") + " expects 1 argument, got " +
                                            std::to_string(args.size()));
                return std::nullopt;
            }
            auto r = self().asRel(args[0], file, loc);
            if (!r) return std::nullopt;
            return setV(fn.builtin == static_cast<std::uint32_t>(BuiltinFn::Domain) ? d.domain(*r) : d.range(*r));
        }
        std::vector<Value> all = fn.partial ? fn.partial->v : std::vector<Value>{};
        for (auto& a : args) all.push_back(std::move(a));
        if (all.size() < 2) {   // `map f`: waits for the set
            Function partial = fn;
            partial.partial = B::items(std::move(all));
            return Value{partial};
        }
        const auto* f = std::get_if<Function>(&all[0]);
        if (all.size() != 2 || f == nullptr) {
            self().error(file, loc, "'map' takes a function and a set");
            return std::nullopt;
        }
        auto elements = elementsOf(all[1], file, loc, "'map'");
        if (!elements) return std::nullopt;
        Value out{EmptyAny{}};
        for (auto& e : *elements) {
            auto r = apply(*f, {std::move(e)}, {Taint{}}, file, loc, depth + 1);
            if (!r) return std::nullopt;
            auto next = add(std::move(*r), std::move(out), file, loc);
            if (!next) return std::nullopt;
            out = std::move(*next);
        }
        return out;
    }

    /// `match s with || {} -> a || x ++ rest -> b end`: the first element in the order
    /// elementsOf lists them.
    std::optional<Value> match(const Expr& e, FileId file, const EnvPtr& env, int depth) {
        Taint own;
        auto v = self().memo_.tracked(own, [&] { return self().eval(e.args[0], file, env, depth); });
        if (!v) return std::nullopt;
        auto elements = elementsOf(*v, file, e.loc, "'match'");
        if (!elements) return std::nullopt;
        if (elements->empty()) return self().eval(e.args[1], file, env, depth);
        Value rest{EmptyAny{}};
        auto& d = self().d_;
        const Value& first = elements->front();
        if (const auto* s = std::get_if<SetV>(&*v)) rest = setV(d.setDiff(s->v, *std::get<ElemV>(first).event));
        else if (const auto* r = std::get_if<RelV>(&*v)) rest = relV(d.relDiff(r->v, *std::get<ElemV>(first).pair));
        else if (elements->size() > 1)
            rest = Value{ValSetV{B::items(std::vector<Value>(elements->begin() + 1, elements->end()))}};
        EnvPtr inner = bind(env, e.binds[0], ready(first, own));
        inner = bind(inner, e.binds[1], ready(std::move(rest), own));
        return self().eval(e.args[2], file, inner, depth);
    }

    /// `{a, b}`, `(a, b)`, `a ++ b`, `fun x -> e` and `f x`.
    std::optional<Value> functional(const Expr& e, FileId file, const EnvPtr& env, int depth) {
        using Op = Expr::Op;
        if (e.op == Op::Lambda) return Value{Function{nullptr, file, env, &e}};
        if (e.op == Op::Match) return match(e, file, env, depth);
        std::vector<Value> args;
        std::vector<Taint> taints(e.args.size());
        for (std::size_t i = 0; i < e.args.size(); ++i) {
            auto v = self().memo_.tracked(taints[i], [&] { return self().eval(e.args[i], file, env, depth); });
            if (!v) return std::nullopt;
            args.push_back(std::move(*v));
        }
        if (e.op == Op::Tuple) return Value{TupleV{B::items(std::move(args))}};
        if (e.op == Op::Add) return add(std::move(args[0]), std::move(args[1]), file, e.loc);
        if (e.op == Op::SetLit) {
            Value out{EmptyAny{}};
            for (auto& a : args) {
                auto next = add(std::move(a), std::move(out), file, e.loc);
                if (!next) return std::nullopt;
                out = std::move(*next);
            }
            return out;
        }
        const auto* fn = std::get_if<Function>(&args[0]);
        if (fn == nullptr) {
            self().error(file, e.loc, std::string("applied ") + kindName(args[0]) + ", not a function");
            return std::nullopt;
        }
        const Function callee = *fn;
        return apply(callee, {std::move(args[1])}, {taints[1]}, file, e.loc, depth);
    }
};

}  // namespace memlit::cat::detail
