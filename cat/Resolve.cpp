#include "cat/Resolve.hpp"

#include "cat/HerdNames.hpp"

#include <algorithm>
#include <set>

namespace memlit::cat {

namespace {

using Kind = NameRef::Kind;

/// Walks the statements in the interpreter's order with the same lexical scopes, binding for
/// binding, so a Local's depth is where the interpreter's environment chain holds it: a plain
/// `let` binding sees the names from before the let, `let rec` sees its own group, a
/// function or procedure body sees its definition's scope plus its parameters, and names a
/// procedure body binds stay inside it.
class Resolver {
public:
    Resolver(Model& model, const Vocabulary& vocabulary, Diagnostics& diags)
        : model_(model), vocab_(vocabulary), diags_(diags) {}

    bool run() {
        model_.tags.clear();
        model_.extraRels.clear();
        for (auto& s : model_.statements) statement(s);
        model_.resolved = !failed_;
        return !failed_;
    }

private:
    Model& model_;
    const Vocabulary& vocab_;
    Diagnostics& diags_;
    std::vector<std::string> scope_;        // names in scope, innermost last
    std::set<std::string, std::less<>> reported_;   // unknown names already diagnosed
    bool failed_ = false;
    int trying_ = 0;           // inside the body of a `try`: errors choose the alternative
    bool tryFailed_ = false;

    /// How many bindings up the scope `name` is bound (0: the innermost), if it is.
    std::optional<std::uint32_t> depthOf(std::string_view name) const {
        auto it = std::find(scope_.rbegin(), scope_.rend(), name);
        if (it == scope_.rend()) return std::nullopt;
        return static_cast<std::uint32_t>(it - scope_.rbegin());
    }
    bool inScope(std::string_view name) const { return depthOf(name).has_value(); }

    void error(FileId file, SourceLoc loc, const std::string& key, std::string msg) {
        if (trying_ > 0) {
            tryFailed_ = true;
            return;
        }
        failed_ = true;
        if (!reported_.insert(key).second) return;
        diags_.error(model_.files.at(file), loc, std::move(msg));
    }

    /// A herd name memlit cannot give its meaning (cat/HerdNames.hpp): declined, with why.
    bool herdOnly(FileId file, SourceLoc loc, const std::string& name) {
        auto why = herdOnlyName(name);
        if (!why) return false;
        if (trying_ > 0) {
            tryFailed_ = true;
            return true;
        }
        failed_ = true;
        if (reported_.insert("herd " + name).second)
            diags_.unsupported(model_.files.at(file), loc, "herd's name '" + name + "' (" + std::string(*why) + ")");
        return true;
    }

    void statement(Statement& s) {
        if (auto* let = std::get_if<Let>(&s.node)) {
            letGroup(*let, s.file);
        } else if (auto* c = std::get_if<Check>(&s.node)) {
            expr(c->expr, s.file);
        } else if (auto* p = std::get_if<Procedure>(&s.node)) {
            const std::size_t outer = scope_.size();
            scope_.insert(scope_.end(), p->params.begin(), p->params.end());
            for (auto& st : p->body) statement(st);
            scope_.resize(outer);
            scope_.push_back(p->name);   // visible after its definition, not inside it
        } else if (auto* call = std::get_if<CallProc>(&s.node)) {
            for (auto& a : call->args) expr(a, s.file);
            if (!inScope(call->name))
                error(s.file, s.loc, "procedure " + call->name, "unknown procedure '" + call->name + "'");
        } else if (auto* with = std::get_if<With>(&s.node)) {
            expr(with->from, s.file);
            scope_.push_back(with->name);   // bound for the rest of the model
        }
    }

    void letGroup(Let& let, FileId file) {
        if (let.rec)
            for (const auto& b : let.bindings) scope_.push_back(b.name);
        const std::size_t outer = scope_.size();
        for (auto& b : let.bindings) {
            scope_.insert(scope_.end(), b.params.begin(), b.params.end());
            expr(b.body, file);
            scope_.resize(outer);
        }
        if (!let.rec)
            for (const auto& b : let.bindings) scope_.push_back(b.name);
    }

    /// The index of `name` in `table`, appended when new.
    static std::uint32_t indexIn(std::vector<std::string>& table, const std::string& name) {
        auto it = std::find(table.begin(), table.end(), name);
        if (it == table.end()) it = table.insert(table.end(), name);
        return static_cast<std::uint32_t>(it - table.begin());
    }

    /// A free name as a base set, base relation, tag or extra relation, if it is one.
    std::optional<NameRef> global(const std::string& name) {
        if (auto r = baseRelNamed(name)) return NameRef{Kind::BaseRel, static_cast<std::uint32_t>(*r)};
        if (vocab_.isExtraRel(name)) return NameRef{Kind::ExtraRel, indexIn(model_.extraRels, name)};
        if (auto s = baseSetNamed(name)) return NameRef{Kind::BaseSet, static_cast<std::uint32_t>(*s)};
        if (vocab_.isTag(name)) return NameRef{Kind::Tag, indexIn(model_.tags, name)};
        return std::nullopt;
    }

    /// herd evaluates `try e with alt` to alt when e fails; memlit's names are fixed at
    /// load time, so the choice is made here: alt stands when e names something unknown.
    void tryWith(Expr& e, FileId file) {
        const bool outer = tryFailed_;
        tryFailed_ = false;
        ++trying_;
        expr(e.args[0], file);
        --trying_;
        const bool failed = tryFailed_;
        tryFailed_ = outer;
        e.ref = {Kind::Builtin, failed ? 1u : 0u};
        if (failed) expr(e.args[1], file);
    }

    /// Local names bound around the resolution of `body` (the interpreter binds them in order).
    void within(const std::vector<std::string>& names, Expr& body, FileId file) {
        const std::size_t outer = scope_.size();
        scope_.insert(scope_.end(), names.begin(), names.end());
        expr(body, file);
        scope_.resize(outer);
    }

    void letIn(Expr& e, FileId file) {
        const std::size_t outer = scope_.size();
        // `let rec`: the group's functions see each other (the interpreter rebinds the group).
        if (e.rec) scope_.insert(scope_.end(), e.binds.begin(), e.binds.end());
        for (std::size_t i = 0; i + 1 < e.args.size(); ++i) expr(e.args[i], file);
        scope_.resize(outer);
        within(e.binds, e.args.back(), file);
    }

    void expr(Expr& e, FileId file) {
        if (e.op == Expr::Op::Try) return tryWith(e, file);
        if (e.op == Expr::Op::LetIn) return letIn(e, file);
        if (e.op == Expr::Op::IfVariant) return expr(e.args.at(e.ref.id), file);
        if (e.op == Expr::Op::Lambda) return within(e.binds, e.args[0], file);
        if (e.op == Expr::Op::Match) {
            expr(e.args[0], file);
            expr(e.args[1], file);
            return within(e.binds, e.args[2], file);
        }
        for (auto& a : e.args) expr(a, file);
        if (e.op == Expr::Op::Name) name(e, file);
        else if (e.op == Expr::Op::Call) callee(e, file);
    }

    void name(Expr& e, FileId file) {
        if (auto depth = depthOf(e.name)) {
            e.ref = {Kind::Local, *depth};
            return;
        }
        if (auto g = global(e.name)) {
            e.ref = *g;
            return;
        }
        if (auto b = builtinFunction(e.name)) {   // a builtin function as a value: `map f S`
            e.ref = {Kind::Builtin, *b};
            return;
        }
        if (herdOnly(file, e.loc, e.name)) return;
        std::string msg = "unknown name '" + e.name + "'";
        if (auto near = vocab_.suggest(e.name, scope_)) msg += "; did you mean '" + *near + "'?";
        error(file, e.loc, "name " + e.name, std::move(msg));
    }

    void callee(Expr& e, FileId file) {
        if (auto depth = depthOf(e.name)) {
            e.ref = {Kind::Local, *depth};
        } else if (auto b = builtinFunction(e.name)) {
            e.ref = {Kind::Builtin, *b};
        } else if (baseRelNamed(e.name) || baseSetNamed(e.name) || vocab_.isTag(e.name) ||
                   vocab_.isExtraRel(e.name)) {
            error(file, e.loc, "call " + e.name, "'" + e.name + "' is not a function");
        } else if (!herdOnly(file, e.loc, e.name)) {
            error(file, e.loc, "function " + e.name, "unknown function '" + e.name + "'");
        }
    }
};

}  // namespace

bool resolve(Model& model, const Vocabulary& vocabulary, Diagnostics& diags) {
    return Resolver(model, vocabulary, diags).run();
}

}  // namespace memlit::cat
