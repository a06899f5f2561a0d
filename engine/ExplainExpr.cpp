#include "engine/ExplainExpr.hpp"

#include "cat/Interpreter.hpp"
#include "engine/ConcreteDomain.hpp"

namespace memlit::engine {

namespace {

using cat::Expr;

bool isBinary(Expr::Op op) {
    return op == Expr::Op::Union || op == Expr::Op::Inter || op == Expr::Op::Diff || op == Expr::Op::Seq ||
           op == Expr::Op::Cross;
}

const char* binarySymbol(Expr::Op op) {
    switch (op) {
    case Expr::Op::Union: return " | ";
    case Expr::Op::Inter: return " & ";
    case Expr::Op::Diff: return " \\ ";
    case Expr::Op::Seq: return " ; ";
    default: return " * ";
    }
}

bool isAtom(const Expr& e) {
    return e.op == Expr::Op::Name || e.op == Expr::Op::Call || e.op == Expr::Op::Identity ||
           e.op == Expr::Op::EmptyRel || e.op == Expr::Op::EmptyAny || e.op == Expr::Op::Universe ||
           e.op == Expr::Op::Opaque;
}

/// A binary operand in parentheses unless it is an atom, a postfix form or the same
/// associative operator (union, intersection, sequence).
std::string operand(const Expr& parent, const Expr& child) {
    const bool same = child.op == parent.op && parent.op != Expr::Op::Diff && parent.op != Expr::Op::Cross;
    if (!isBinary(child.op) || same) return exprText(child);
    return "(" + exprText(child) + ")";
}

std::string postfix(const Expr& e, const char* suffix) {
    const Expr& a = e.args.at(0);
    return (isAtom(a) ? exprText(a) : "(" + exprText(a) + ")") + suffix;
}

}  // namespace

std::string exprText(const Expr& e) {
    if (isBinary(e.op) && e.args.size() == 2)
        return operand(e, e.args[0]) + binarySymbol(e.op) + operand(e, e.args[1]);
    switch (e.op) {
    case Expr::Op::Name: return e.name;
    case Expr::Op::EmptyRel: return "0";
    case Expr::Op::EmptyAny: return "{}";
    case Expr::Op::Universe: return "_";
    case Expr::Op::Opaque: return e.name;
    case Expr::Op::Call: {
        std::string out = e.name + "(";
        for (std::size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + exprText(e.args[i]);
        return out + ")";
    }
    case Expr::Op::Identity: return "[" + exprText(e.args.at(0)) + "]";
    case Expr::Op::Inverse: return postfix(e, "^-1");
    case Expr::Op::Plus: return postfix(e, "+");
    case Expr::Op::Star: return postfix(e, "*");
    case Expr::Op::Opt: return postfix(e, "?");
    case Expr::Op::Complement: return "~" + (isAtom(e.args.at(0)) ? exprText(e.args[0]) : "(" + exprText(e.args[0]) + ")");
    case Expr::Op::Try:
    case Expr::Op::IfVariant: return e.ref.id < e.args.size() ? exprText(e.args[e.ref.id]) : "?";
    case Expr::Op::LetIn: return e.args.empty() ? "?" : exprText(e.args.back());
    default: return "?";
    }
}

std::vector<Expr> unionOperands(const Expr& e) {
    if (e.op != Expr::Op::Union) return {e};
    std::vector<Expr> out;
    for (const auto& a : e.args)
        for (auto& o : unionOperands(a)) out.push_back(std::move(o));
    return out;
}

std::vector<Expr> seqSteps(const Expr& e) {
    if (e.op != Expr::Op::Seq) return {};
    std::vector<Expr> out;
    for (const auto& a : e.args) {
        auto inner = seqSteps(a);
        if (inner.empty()) out.push_back(a);
        else out.insert(out.end(), inner.begin(), inner.end());
    }
    return out;
}

bool isClosure(const Expr& e) {
    return (e.op == Expr::Op::Plus || e.op == Expr::Op::Star) && e.args.size() == 1;
}

std::optional<std::vector<Relation>> evaluateInScope(const cat::Model& model, std::size_t k,
                                                     const std::vector<Expr>& exprs, const Execution& exec,
                                                     Diagnostics& diags) {
    cat::Model cut = model;
    cut.statements.resize(k);  // the statement itself is not needed
    for (std::size_t i = 0; i < exprs.size(); ++i) {
        cat::Check c{cat::CheckKind::Empty, true, true, exprs[i], "explain:" + std::to_string(i)};
        cut.statements.push_back({c, model.statements[k].file, model.statements[k].loc});
    }
    cut.resolved = false;  // names resolve by name where the statement stands
    ConcreteDomain domain(exec.base);
    auto results = cat::interpret(cut, domain, diags);
    if (!results) return std::nullopt;
    std::vector<Relation> out;
    const std::size_t first = results->size() - exprs.size();
    for (std::size_t i = 0; i < exprs.size(); ++i) {
        const auto& r = (*results)[first + i];
        out.push_back(r.rel ? *r.rel : Relation(exec.events.size()));
    }
    return out;
}

std::optional<std::size_t> topLevelAxiom(const cat::Model& model, const std::string& name) {
    for (std::size_t k = 0; k < model.statements.size(); ++k)
        if (const auto* c = std::get_if<cat::Check>(&model.statements[k].node))
            if (!c->isFlag && c->name == name) return k;
    return std::nullopt;
}

std::optional<std::size_t> topLevelFlag(const cat::Model& model, const std::string& name) {
    for (std::size_t k = 0; k < model.statements.size(); ++k)
        if (const auto* c = std::get_if<cat::Check>(&model.statements[k].node))
            if (c->isFlag && c->name == name) return k;
    return std::nullopt;
}

AxiomSite axiomSite(const cat::Model& model, std::size_t k) {
    const auto& s = model.statements.at(k);
    const auto& c = std::get<cat::Check>(s.node);
    AxiomSite a;
    a.name = c.name;
    a.kind = cat::checkKindName(c.kind);
    a.negated = c.negated;
    a.expr = exprText(c.expr);
    a.file = model.files.at(s.file);
    a.loc = s.loc;
    return a;
}

Definitions::Definitions(const cat::Model& model, std::size_t k) {
    for (std::size_t i = 0; i < k && i < model.statements.size(); ++i)
        if (const auto* let = std::get_if<cat::Let>(&model.statements[i].node))
            for (const auto& b : let->bindings) {
                if (b.isFunction) bodies_.erase(b.name);
                else bodies_[b.name] = &b.body;
            }
}

const Expr* Definitions::body(const Expr& e) const {
    if (e.op != Expr::Op::Name || e.ref.kind != cat::NameRef::Kind::Local) return nullptr;
    auto it = bodies_.find(e.name);
    return it == bodies_.end() ? nullptr : it->second;
}

}  // namespace memlit::engine
