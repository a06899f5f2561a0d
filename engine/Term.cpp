#include "engine/Term.hpp"

#include "support/Diagnostics.hpp"

#include <algorithm>
#include <array>

namespace memlit::engine {

using K = litmus::Expr::Kind;

namespace {

/// `a` holds the operands (at most three: Ite).
std::int64_t applyOp(K op, const std::int64_t* a) {
    auto u = [](std::int64_t v) { return static_cast<std::uint64_t>(v); };
    switch (op) {
    case K::Add: return static_cast<std::int64_t>(u(a[0]) + u(a[1]));
    case K::Sub: return static_cast<std::int64_t>(u(a[0]) - u(a[1]));
    case K::Mul: return static_cast<std::int64_t>(u(a[0]) * u(a[1]));
    case K::And: return a[0] & a[1];
    case K::Or: return a[0] | a[1];
    case K::Xor: return a[0] ^ a[1];
    case K::Shl: return a[1] >= 64 || a[1] < 0 ? 0 : static_cast<std::int64_t>(u(a[0]) << a[1]);
    case K::Shr: return a[1] >= 64 || a[1] < 0 ? 0 : static_cast<std::int64_t>(u(a[0]) >> a[1]);
    case K::Div:
        if (a[1] == 0) return 0;
        return a[1] == -1 ? static_cast<std::int64_t>(0 - u(a[0])) : a[0] / a[1];
    case K::Rem: return a[1] == 0 || a[1] == -1 ? 0 : a[0] % a[1];
    case K::UDiv: return a[1] == 0 ? 0 : static_cast<std::int64_t>(u(a[0]) / u(a[1]));
    case K::URem: return a[1] == 0 ? 0 : static_cast<std::int64_t>(u(a[0]) % u(a[1]));
    case K::Eq: return a[0] == a[1];
    case K::Ne: return a[0] != a[1];
    case K::Lt: return a[0] < a[1];
    case K::Le: return a[0] <= a[1];
    case K::Gt: return a[0] > a[1];
    case K::Ge: return a[0] >= a[1];
    case K::Not: return a[0] == 0;
    case K::Ite: return a[0] != 0 ? a[1] : a[2];
    case K::Const: case K::Sym: case K::Reg: break;
    }
    MEMLIT_ASSERT(false, "applyOp: not an operator");
    return 0;
}

}  // namespace

Term makeOp(K op, std::vector<Term> args) {
    bool allConst = std::all_of(args.begin(), args.end(), [](const Term& t) { return t.isConst(); });
    if (allConst) {
        std::array<std::int64_t, 3> v{};
        MEMLIT_ASSERT(args.size() <= v.size(), "makeOp: more than three operands");
        for (std::size_t i = 0; i < args.size(); ++i) v[i] = args[i].value;
        return Term::constant(applyOp(op, v.data()));
    }
    if (op == K::Ite && args[0].isConst()) return args[0].value != 0 ? args[1] : args[2];
    if (op == K::Ite && args[1] == args[2]) return args[1];
    if ((op == K::Xor || op == K::Sub) && args[0] == args[1]) return Term::constant(0);
    if ((op == K::Eq || op == K::Le || op == K::Ge) && args[0] == args[1]) return Term::constant(1);
    if ((op == K::Ne || op == K::Lt || op == K::Gt) && args[0] == args[1]) return Term::constant(0);
    if (op == K::And && (args[0].isConst(0) || args[1].isConst(0))) return Term::constant(0);
    if (op == K::Mul && (args[0].isConst(0) || args[1].isConst(0))) return Term::constant(0);
    if ((op == K::Add || op == K::Or || op == K::Xor) && args[1].isConst(0)) return args[0];
    if ((op == K::Add || op == K::Or || op == K::Xor) && args[0].isConst(0)) return args[1];
    if (op == K::Sub && args[1].isConst(0)) return args[0];
    Term t;
    t.kind = Term::Kind::Op;
    t.op = op;
    t.args = std::move(args);
    return t;
}

std::int64_t evalTerm(const Term& t, const std::vector<std::int64_t>& readValues,
                      const std::vector<std::int64_t>& choices, const std::vector<std::int64_t>& finals) {
    switch (t.kind) {
    case Term::Kind::Const: return t.value;
    case Term::Kind::Read: return readValues.at(t.event);
    case Term::Kind::Choice: return choices.at(t.event);
    case Term::Kind::Final: return finals.at(t.event);
    case Term::Kind::Op: break;
    }
    // No heap vector per operator: this runs for every term of every candidate.
    std::array<std::int64_t, 3> v{};
    MEMLIT_ASSERT(t.args.size() <= v.size(), "evalTerm: more than three operands");
    for (std::size_t i = 0; i < t.args.size(); ++i) v[i] = evalTerm(t.args[i], readValues, choices, finals);
    return applyOp(t.op, v.data());
}

bool mentionsFinal(const Term& t) {
    if (t.kind == Term::Kind::Final) return true;
    return std::any_of(t.args.begin(), t.args.end(), [](const Term& a) { return mentionsFinal(a); });
}

namespace {

/// `And(Ne(p, 0), Ne(x, 0))`, the shape andTerm builds.
bool isAndTerm(const Term& t) {
    return t.kind == Term::Kind::Op && t.op == K::And && t.args.size() == 2 && t.args[0].kind == Term::Kind::Op &&
           t.args[0].op == K::Ne && t.args[1].kind == Term::Kind::Op && t.args[1].op == K::Ne;
}

bool complementary(const Term& a, const Term& b) {
    auto negates = [](const Term& x, const Term& y) {
        return x.kind == Term::Kind::Op && x.op == K::Not && x.args.size() == 1 && x.args[0] == y;
    };
    return negates(a, b) || negates(b, a);
}

}  // namespace

Term andTerm(const Term& a, const Term& b) {
    if (a.isConst()) return a.value != 0 ? b : Term::constant(0);
    if (b.isConst()) return b.value != 0 ? a : Term::constant(0);
    return makeOp(K::And, {makeOp(K::Ne, {a, Term::constant(0)}), makeOp(K::Ne, {b, Term::constant(0)})});
}

Term orTerm(const Term& a, const Term& b) {
    if (a.isConst()) return a.value != 0 ? Term::constant(1) : b;
    if (b.isConst()) return b.value != 0 ? Term::constant(1) : a;
    // The two sides of one branch joining again (`if c {..} else {..}`, nested or not):
    // c | !c is 1 and (p & c) | (p & !c) is p, so guards after an if/else stay simple.
    if (complementary(a, b)) return Term::constant(1);
    if (isAndTerm(a) && isAndTerm(b) && a.args[0] == b.args[0] && complementary(a.args[1].args[0], b.args[1].args[0]))
        return a.args[0].args[0];
    return makeOp(K::Or, {makeOp(K::Ne, {a, Term::constant(0)}), makeOp(K::Ne, {b, Term::constant(0)})});
}

Term notTerm(const Term& a) { return makeOp(K::Not, {a}); }

}  // namespace memlit::engine
