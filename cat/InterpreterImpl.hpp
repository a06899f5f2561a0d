#pragma once
/// The body of the generic cat interpreter (cat/Interpreter.hpp), included only by the one
/// .cpp per Domain that instantiates it (engine/ConcreteDomain.cpp,
/// engine/smt/SymbolicDomain.cpp), so the template is compiled once per domain.

#include "cat/Interpreter.hpp"
#include "cat/InterpreterFunctional.hpp"
#include "cat/InterpreterValues.hpp"
#include "cat/MemoTracker.hpp"
#include "cat/Resolve.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace memlit::cat {

namespace detail {

template <class D>
class Interpreter : FunctionalEval<D, Interpreter<D>> {
    using B = InterpreterValues<D>;
    using F = FunctionalEval<D, Interpreter<D>>;
    friend F;
    using typename B::Set;
    using typename B::Rel;
    using typename B::EnvPtr;
    using typename B::Env;
    using typename B::Function;
    using typename B::Proc;
    using typename B::EmptyAny;
    using typename B::SetV;
    using typename B::RelV;
    using typename B::Value;
    using typename B::Thunk;
    using typename B::Stored;
    using B::setV;
    using B::relV;
    using B::bind;
    using B::ready;
    using B::find;
    using B::local;
    using B::kindName;
    using B::opSpelling;
    using B::storable;
    using B::fromStored;
    using B::recTaint;
    using typename B::ElemV;
    using typename B::TupleV;
    using typename B::ValSetV;
    using F::same;
    using F::elementsOf;
    using F::apply;
    using F::functional;
    using F::asRel;
    using F::asSet;
    using F::setOrRel;
    using F::fixpoint;

public:
    Interpreter(const Model& model, D& domain, Diagnostics& diags, StaticMemo<D>* memo = nullptr,
                const std::vector<bool>* wanted = nullptr)
        : model_(model), d_(domain), diags_(diags), memo_(memo), wanted_(wanted) {}

    std::optional<std::vector<CheckResult<D>>> run() {
        runFrom(0, EnvPtr{});
        if (errors_) return std::nullopt;
        return std::move(branched_ ? all_ : results_);
    }

private:
    static constexpr int kMaxCallDepth = 200;

    const std::string& fileName(FileId f) const { return model_.files.at(f); }
    void error(FileId f, SourceLoc loc, std::string msg) {
        errors_ = true;
        diags_.error(fileName(f), loc, std::move(msg));
    }
    void unsupportedAt(FileId f, SourceLoc loc, std::string what) {
        errors_ = true;
        diags_.unsupported(fileName(f), loc, std::move(what));
    }

    // ---- `with x from S`: the rest of the model once per choice ----

    /// Runs the top-level statements from `i`; a `with` runs the rest once per choice, each
    /// run a branch of the results (CheckResult::branch).
    void runFrom(std::size_t i, EnvPtr env) {
        for (; i < model_.statements.size() && !errors_; ++i) {
            const Statement& s = model_.statements[i];
            if (const auto* with = std::get_if<With>(&s.node)) return choose(*with, s, i, env);
            execute(s, env, 0);
        }
        if (!branched_) return;
        for (auto& r : results_) all_.push_back(r), all_.back().branch = branches_;
        ++branches_;
    }

    void choose(const With& with, const Statement& s, std::size_t i, const EnvPtr& env) {
        if constexpr (!F::choices()) {
            // One choice, the same in every execution (lock.cat's `with rfe-lf from cross(...)`
            // on a test without lock events): the rest of the model runs once, with it.
            Taint ignored;
            auto v = memo_.tracked(ignored, [&] { return eval(with.from, s.file, env, 0); });
            if (!v) return;
            if (const auto* set = std::get_if<ValSetV>(&*v); set && set->items->v.size() == 1)
                return runFrom(i + 1, bind(env, with.name, ready(set->items->v.front(), Taint{true, 0})));
            unsupportedAt(s.file, s.loc, "cat construct 'with " + with.name + " from' (only the enumerator runs a model once per choice)");
            return;
        } else {
            branched_ = true;
            Taint ignored;
            auto v = memo_.tracked(ignored, [&] { return eval(with.from, s.file, env, 0); });
            auto choices = v ? elementsOf(*v, s.file, with.from.loc, "'with ... from'") : std::nullopt;
            if (!choices) return;
            const std::size_t before = results_.size();
            if (choices->empty()) {   // no choice: no execution passes
                results_.push_back(CheckResult<D>{"with " + with.name + " from", CheckKind::Empty, false, false,
                                                  fileName(s.file), s.loc, d_.negate(d_.isEmptySet(d_.emptySet())),
                                                  std::nullopt});
                runFrom(model_.statements.size(), env);
                results_.erase(results_.begin() + static_cast<std::ptrdiff_t>(before), results_.end());
            }
            // The chosen value varies between the runs: nothing computed from it is memoised.
            for (auto& c : *choices) {
                runFrom(i + 1, bind(env, with.name, ready(std::move(c), Taint{true, 0})));
                results_.erase(results_.begin() + static_cast<std::ptrdiff_t>(before), results_.end());
            }
        }
    }

    // ---- statements ----

    void execute(const Statement& s, EnvPtr& env, int depth) {
        if (const auto* let = std::get_if<Let>(&s.node)) {
            if (let->rec) letRec(*let, s.file, env);
            else letPlain(*let, s.file, env);
        } else if (const auto* c = std::get_if<Check>(&s.node)) {
            check(*c, s, env);
        } else if (const auto* p = std::get_if<Procedure>(&s.node)) {
            env = bind(env, p->name, ready(Proc{p, s.file, env}));
        } else if (const auto* call = std::get_if<CallProc>(&s.node)) {
            callProcedure(*call, s, env, depth);
        } else if (const auto* with = std::get_if<With>(&s.node)) {
            unsupportedAt(s.file, s.loc, "cat construct 'with " + with->name + " from' inside a procedure");
        }
    }

    void letPlain(const Let& let, FileId file, EnvPtr& env) {
        const EnvPtr outer = env;   // `and` bindings see the names from before the let
        for (const auto& b : let.bindings) {
            std::shared_ptr<Thunk> t;
            if (b.isFunction) {
                t = ready(Function{&b, file, outer});
            } else {
                t = std::make_shared<Thunk>();
                t->expr = &b.body;
                t->file = file;
                t->env = outer;
                t->once = memo_.once();
            }
            env = bind(env, b.name, std::move(t));
        }
    }

    /// Least fixed point by Kleene iteration from the empty relations/sets.
    void letRec(const Let& let, FileId file, EnvPtr& env) {
        if (let.bindings.front().isFunction) {   // recursive functions: rebound at each application
            const EnvPtr outer = env;
            for (const auto& b : let.bindings) env = bind(env, b.name, ready(Function{&b, file, outer, nullptr, &let}));
            return;
        }
        std::vector<std::shared_ptr<Thunk>> thunks;
        const bool once = memo_.once();
        std::vector<std::optional<typename StaticMemo<D>::Stored>> known;
        if (once)
            for (const auto& b : let.bindings)
                if (memo_.known(&b)) known.push_back(memo_.find(&b));
        if (known.size() == let.bindings.size() && std::all_of(known.begin(), known.end(), [](const auto& k) { return k.has_value(); })) {
            for (std::size_t i = 0; i < let.bindings.size(); ++i)
                env = bind(env, let.bindings[i].name, ready(fromStored(*known[i])));
            return;
        }
        std::vector<const Expr*> bodies;
        for (const auto& b : let.bindings) bodies.push_back(&b.body);
        const Taint own = fixpoint(bodies, names(let), file, env, thunks);
        for (std::size_t i = 0; i < thunks.size(); ++i)
            if (once && !thunks[i]->failed) memo_.store(&let.bindings[i], own, storable(*thunks[i]->value));
    }

    static std::vector<std::string> names(const Let& let) {
        std::vector<std::string> out;
        for (const auto& b : let.bindings) out.push_back(b.name);
        return out;
    }

    void check(const Check& c, const Statement& s, const EnvPtr& env) {
        if (wanted_ && (results_.size() >= wanted_->size() || !(*wanted_)[results_.size()])) {
            // Not wanted: not evaluated, and reported as holding.
            results_.push_back(CheckResult<D>{c.name, c.kind, c.negated, c.isFlag, fileName(s.file), s.loc,
                                              d_.isEmptySet(d_.emptySet()), std::nullopt});
            return;
        }
        const bool once = memo_.once();
        if (const auto* known = once ? memo_.findCheck(&s) : nullptr) {
            results_.push_back(CheckResult<D>{c.name, c.kind, c.negated, c.isFlag, fileName(s.file), s.loc,
                                              *known->holds, known->rel});
            return;
        }
        Taint own;
        auto v = memo_.tracked(own, [&] { return eval(c.expr, s.file, env, 0); });
        if (!v) return;
        std::optional<typename D::Bool> holds;
        std::optional<Rel> rel;
        if (c.kind == CheckKind::Empty && std::holds_alternative<SetV>(*v)) {
            holds = d_.isEmptySet(std::get<SetV>(*v).v);
        } else {
            rel = asRel(*v, s.file, c.expr.loc);
            if (!rel) return;
            switch (c.kind) {
            case CheckKind::Acyclic: holds = d_.acyclic(*rel); break;
            case CheckKind::Irreflexive: holds = d_.irreflexive(*rel); break;
            case CheckKind::Empty: holds = d_.isEmptyRel(*rel); break;
            }
        }
        if (c.negated) holds = d_.negate(*holds);
        if (once) memo_.storeCheck(&s, own, {false, holds, rel});
        results_.push_back(CheckResult<D>{c.name, c.kind, c.negated, c.isFlag, fileName(s.file),
                                          s.loc, std::move(*holds), std::move(rel)});
    }

    void callProcedure(const CallProc& call, const Statement& s, const EnvPtr& env, int depth) {
        const Env* e = find(env, call.name);
        MEMLIT_ASSERT(e != nullptr, "cat procedure '" + call.name + "' is not resolved");
        auto callee = force(*e->thunk);
        if (!callee) return;
        const auto* proc = std::get_if<Proc>(&*callee);
        if (proc == nullptr) {
            error(s.file, s.loc, "'" + call.name + "' is not a procedure");
            return;
        }
        if (proc->proc->params.size() != call.args.size()) {
            error(s.file, s.loc, "procedure '" + call.name + "' expects " +
                                     std::to_string(proc->proc->params.size()) +
                                     " argument(s), got " + std::to_string(call.args.size()));
            return;
        }
        if (depth >= kMaxCallDepth) {
            error(s.file, s.loc, "procedure calls nested too deeply");
            return;
        }
        EnvPtr local = proc->env;
        for (std::size_t i = 0; i < call.args.size(); ++i) {
            Taint own;
            auto v = memo_.tracked(own, [&] { return eval(call.args[i], s.file, env, depth); });
            if (!v) return;
            local = bind(local, proc->proc->params[i], ready(std::move(*v), own));
        }
        memo_.within(true, [&] {
            for (const auto& st : proc->proc->body) execute(st, local, depth + 1);
            return 0;
        });
    }

    // ---- expressions ----

    std::optional<Value> force(Thunk& t) {
        if (t.value) {
            memo_.add(t.taint);
            return t.value;
        }
        if (t.failed) return std::nullopt;
        MEMLIT_ASSERT(t.expr != nullptr, "cat thunk without expression");
        t.failed = true;   // also guards against re-entry while evaluating
        auto v = memo_.tracked(t.taint, [&] {
            return memo_.within(!t.once, [&] { return eval(*t.expr, t.file, t.env, 0); });
        });
        if (!v) return std::nullopt;
        t.failed = false;
        t.value = std::move(v);
        return t.value;
    }

    /// A name by its resolved reference; base names are asked of the domain once per run.
    std::optional<Value> lookup(const Expr& e, const EnvPtr& env) {
        const auto id = e.ref.id;
        switch (e.ref.kind) {
        case NameRef::Kind::Local: return force(*local(e, env).thunk);
        case NameRef::Kind::BaseSet:
            memo_.baseSet(static_cast<BaseSet>(id));
            if (!baseSets_[id]) baseSets_[id] = d_.baseSet(static_cast<BaseSet>(id));
            return setV(*baseSets_[id]);
        case NameRef::Kind::BaseRel:
            memo_.baseRel(static_cast<BaseRel>(id));
            if (!baseRels_[id]) baseRels_[id] = d_.baseRel(static_cast<BaseRel>(id));
            return relV(*baseRels_[id]);
        case NameRef::Kind::Tag:
            if (!tags_.at(id)) tags_[id] = d_.tagSet(model_.tags[id]);
            return setV(*tags_[id]);
        case NameRef::Kind::ExtraRel:
            if (!extraRels_.at(id)) extraRels_[id] = d_.extraRel(model_.extraRels[id]);
            return relV(*extraRels_[id]);
        case NameRef::Kind::Builtin: return Value{Function{nullptr, 0, {}, nullptr, nullptr, nullptr, id}};   // `map`
        case NameRef::Kind::Unresolved: break;
        }
        MEMLIT_ASSERT(false, "cat name '" + e.name + "' is not resolved");
        return std::nullopt;
    }

    std::optional<Value> call(const Expr& e, FileId file, const EnvPtr& env, int depth) {
        std::vector<Value> args;
        std::vector<Taint> taints(e.args.size());
        for (std::size_t i = 0; i < e.args.size(); ++i) {
            auto v = memo_.tracked(taints[i], [&] { return eval(e.args[i], file, env, depth); });
            if (!v) return std::nullopt;
            args.push_back(std::move(*v));
        }
        std::optional<Value> callee;
        if (e.ref.kind == NameRef::Kind::Builtin) {
            callee = Value{Function{nullptr, 0, {}, nullptr, nullptr, nullptr, e.ref.id}};
        } else {
            MEMLIT_ASSERT(e.ref.kind == NameRef::Kind::Local, "cat callee '" + e.name + "' is not resolved");
            callee = force(*local(e, env).thunk);
        }
        if (!callee) return std::nullopt;
        const auto* fn = std::get_if<Function>(&*callee);
        if (fn == nullptr) {
            error(file, e.loc, "'" + e.name + "' is not a function");
            return std::nullopt;
        }
        return apply(*fn, std::move(args), std::move(taints), file, e.loc, depth, e.name);
    }

    /// An expression's value; with a memo, a node evaluated once per evaluation of the model
    /// is looked up first and, when nothing it read varies, remembered (cat/StaticMemo.hpp).
    std::optional<Value> eval(const Expr& e, FileId file, const EnvPtr& env, int depth) {
        using Op = Expr::Op;
        if (!memo_.once() || e.op == Op::Name || e.op == Op::EmptyRel || e.op == Op::EmptyAny)
            return evalNode(e, file, env, depth);
        if (auto known = memo_.find(&e)) return fromStored(*known);
        if (memo_.known(&e)) return evalNode(e, file, env, depth);   // seen to vary
        Taint own;
        auto v = memo_.tracked(own, [&] { return evalNode(e, file, env, depth); });
        if (v) memo_.store(&e, own, storable(*v));
        return v;
    }

    std::optional<Value> evalNode(const Expr& e, FileId file, const EnvPtr& env, int depth) {
        using Op = Expr::Op;
        switch (e.op) {
        case Op::Name: return lookup(e, env);
        case Op::EmptyRel:
        case Op::EmptyAny: return Value{EmptyAny{}};
        case Op::Universe: return setV(d_.universe());
        case Op::Call: return call(e, file, env, depth);
        case Op::Try:
        case Op::IfVariant: return eval(e.args.at(e.ref.id), file, env, depth);
        case Op::Lambda:
        case Op::Apply:
        case Op::Match:
        case Op::Add:
        case Op::SetLit:
        case Op::Tuple: return functional(e, file, env, depth);
        case Op::LetIn: {
            EnvPtr inner = env;
            if (e.rec && e.args.front().op != Op::Lambda) {   // a group of values: a fixed point
                std::vector<const Expr*> bodies;
                for (std::size_t i = 0; i + 1 < e.args.size(); ++i) bodies.push_back(&e.args[i]);
                std::vector<std::shared_ptr<Thunk>> thunks;
                fixpoint(bodies, e.binds, file, inner, thunks);
                if (thunks.front()->failed) return std::nullopt;
                return eval(e.args.back(), file, inner, depth);
            }
            for (std::size_t i = 0; i < e.binds.size(); ++i) {
                if (e.rec) {   // a group of functions, rebound at each application
                    inner = bind(inner, e.binds[i], ready(Function{nullptr, file, env, &e.args[i], nullptr, &e}));
                    continue;
                }
                auto t = std::make_shared<Thunk>();
                t->expr = &e.args[i];
                t->file = file;
                t->env = env;
                inner = bind(inner, e.binds[i], std::move(t));
            }
            return eval(e.args.back(), file, inner, depth);
        }
        case Op::Opaque:
            errors_ = true;
            diags_.unsupported(fileName(file), e.loc, "cat construct " + e.name);
            return std::nullopt;
        default: break;
        }
        std::vector<Value> args;
        for (const auto& a : e.args) {
            auto v = eval(a, file, env, depth);
            if (!v) return std::nullopt;
            if (const auto* el = std::get_if<ElemV>(&*v)) v = el->event ? setV(*el->event) : relV(*el->pair);
            if (!std::holds_alternative<EmptyAny>(*v) && !std::holds_alternative<SetV>(*v) &&
                !std::holds_alternative<RelV>(*v)) {
                error(file, a.loc, std::string("expected a set or relation, found ") + kindName(*v));
                return std::nullopt;
            }
            args.push_back(std::move(*v));
        }
        switch (e.op) {
        case Op::Union:
        case Op::Inter:
        case Op::Diff: return setOrRel(e, std::move(args[0]), std::move(args[1]), file);
        case Op::Complement:
            if (const auto* s = std::get_if<SetV>(&args[0])) return setV(d_.setComplement(s->v));
            if (auto r = asRel(args[0], file, e.args[0].loc)) return relV(d_.relComplement(*r));
            return std::nullopt;
        case Op::Identity:
            if (auto s = asSet(args[0], file, e.args[0].loc)) return relV(d_.toId(*s));
            return std::nullopt;
        case Op::Cross: {
            auto s = asSet(args[0], file, e.args[0].loc);
            auto t = s ? asSet(args[1], file, e.args[1].loc) : std::nullopt;
            if (!t) return std::nullopt;
            return relV(d_.cross(*s, *t));
        }
        case Op::Seq: {
            auto a = asRel(args[0], file, e.args[0].loc);
            auto b = a ? asRel(args[1], file, e.args[1].loc) : std::nullopt;
            if (!b) return std::nullopt;
            return relV(d_.seq(*a, *b));
        }
        default: break;
        }
        auto r = asRel(args[0], file, e.args[0].loc);
        if (!r) return std::nullopt;
        switch (e.op) {
        case Op::Inverse: return relV(d_.inverse(*r));
        case Op::Plus: return relV(d_.plus(*r));
        case Op::Star: return relV(d_.star(*r));
        case Op::Opt: return relV(d_.opt(*r));
        default: break;
        }
        MEMLIT_ASSERT(false, "unhandled cat operator");
        return std::nullopt;
    }

    const Model& model_;
    D& d_;
    Diagnostics& diags_;
    MemoTracker<D> memo_;
    const std::vector<bool>* wanted_;   // by check index: the checks to evaluate (null: all)
    std::vector<CheckResult<D>> results_;
    // With a `with`: every branch's results, one after the other (CheckResult::branch).
    bool branched_ = false;
    std::uint32_t branches_ = 0;
    std::vector<CheckResult<D>> all_;
    // The base names' values, asked of the domain on first use in this run.
    std::array<std::optional<Set>, kBaseSetCount> baseSets_;
    std::array<std::optional<Rel>, kBaseRelCount> baseRels_;
    std::vector<std::optional<Set>> tags_ = std::vector<std::optional<Set>>(model_.tags.size());
    std::vector<std::optional<Rel>> extraRels_ = std::vector<std::optional<Rel>>(model_.extraRels.size());
    bool errors_ = false;
};

}  // namespace detail

template <class D>
std::optional<std::vector<CheckResult<D>>> interpret(const Model& model, D& domain,
                                                     Diagnostics& diags) {
    if (model.resolved) return detail::Interpreter<D>(model, domain, diags).run();
    // Not resolved at load time (a model parsed by hand): resolve a copy against the names
    // this domain knows.
    Model copy = model;
    if (!resolve(copy, domain.vocabulary(), diags)) return std::nullopt;
    return detail::Interpreter<D>(copy, domain, diags).run();
}

template <class D>
std::optional<std::vector<CheckResult<D>>> interpretWith(const Model& model, D& domain, Diagnostics& diags,
                                                         StaticMemo<D>* memo, const std::vector<bool>* wanted) {
    MEMLIT_ASSERT(model.resolved, "a memoised cat evaluation needs a model resolved at load");
    return detail::Interpreter<D>(model, domain, diags, memo, wanted).run();
}

}  // namespace memlit::cat
