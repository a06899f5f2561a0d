#include "engine/smt/SymbolicDomain.hpp"

#include "cat/InterpreterImpl.hpp"
#include "engine/ArchVocabulary.hpp"

#include <algorithm>
#include <cmath>

namespace memlit::engine::smt {

namespace {

// Constant folding, the "must" half of the relation analysis: a cell that holds in every
// execution (both events unconditional, say) is the constant true and stays so through the
// operators, so it costs no variable and no clause; a false one drops out of ors and ands.
z3::expr conj(const z3::expr& a, const z3::expr& b) {
    if (a.is_false() || b.is_true()) return a;
    if (b.is_false() || a.is_true()) return b;
    return a && b;
}

z3::expr disj(const z3::expr& a, const z3::expr& b) {
    if (a.is_true() || b.is_false()) return a;
    if (b.is_true() || a.is_false()) return b;
    return a || b;
}

z3::expr neg(const z3::expr& a) {
    if (a.is_true()) return a.ctx().bool_val(false);
    if (a.is_false()) return a.ctx().bool_val(true);
    return !a;
}

}  // namespace

SymbolicDomain::Rel SymbolicDomain::relOf(Relation may) {
    budget_.check();
    Rel r{std::move(may), {}};
    r.cell.assign(n() * n(), ctx_.bool_val(false));
    return r;
}

SymbolicDomain::Set SymbolicDomain::setOf(EventSet may) {
    Set s{std::move(may), {}};
    s.cell.assign(n(), ctx_.bool_val(false));
    return s;
}

SymbolicDomain::Set SymbolicDomain::baseSet(cat::BaseSet s) {
    return base_.sets[static_cast<std::size_t>(s)];
}

SymbolicDomain::Rel SymbolicDomain::baseRel(cat::BaseRel r) {
    return base_.rels[static_cast<std::size_t>(r)];
}

SymbolicDomain::Set SymbolicDomain::tagSet(std::string_view tag) {
    auto it = std::lower_bound(base_.tags.begin(), base_.tags.end(), tag,
                               [](const auto& entry, std::string_view t) { return entry.first < t; });
    if (it != base_.tags.end() && it->first == tag) return it->second;
    return emptySet();
}

SymbolicDomain::Rel SymbolicDomain::extraRel(std::string_view name) {
    MEMLIT_ASSERT(false, "the symbolic domain has no relation '" + std::string(name) + "'");
    return emptyRel();
}

cat::Vocabulary SymbolicDomain::vocabulary() { return architectureVocabulary(); }

SymbolicDomain::Set SymbolicDomain::emptySet() { return setOf(EventSet(n())); }

SymbolicDomain::Set SymbolicDomain::universe() {
    Set s = setOf(EventSet(n()));
    for (std::size_t i = 0; i < n(); ++i) {
        s.may.insert(i);
        s.cell[i] = base_.exec[i];
    }
    return s;
}

SymbolicDomain::Rel SymbolicDomain::emptyRel() { return relOf(Relation(n())); }

SymbolicDomain::Set SymbolicDomain::setUnion(const Set& a, const Set& b) {
    Set s = setOf(a.may | b.may);
    for (std::size_t i = 0; i < n(); ++i) {
        bool x = a.may.contains(i), y = b.may.contains(i);
        if (x && y) s.cell[i] = disj(a.cell[i], b.cell[i]);
        else if (x) s.cell[i] = a.cell[i];
        else if (y) s.cell[i] = b.cell[i];
    }
    return s;
}

SymbolicDomain::Set SymbolicDomain::setInter(const Set& a, const Set& b) {
    Set s = setOf(a.may & b.may);
    for (std::size_t i = 0; i < n(); ++i)
        if (s.may.contains(i)) s.cell[i] = conj(a.cell[i], b.cell[i]);
    return s;
}

SymbolicDomain::Set SymbolicDomain::setDiff(const Set& a, const Set& b) {
    Set s = setOf(a.may);
    for (std::size_t i = 0; i < n(); ++i)
        if (a.may.contains(i)) s.cell[i] = b.may.contains(i) ? conj(a.cell[i], neg(b.cell[i])) : a.cell[i];
    return s;
}

SymbolicDomain::Set SymbolicDomain::setComplement(const Set& a) { return setDiff(universe(), a); }

SymbolicDomain::Rel SymbolicDomain::relUnion(const Rel& a, const Rel& b) {
    Rel r = relOf(a.may | b.may);
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j) {
            bool x = a.may.contains(i, j), y = b.may.contains(i, j);
            std::size_t k = i * n() + j;
            if (x && y) r.cell[k] = disj(a.cell[k], b.cell[k]);
            else if (x) r.cell[k] = a.cell[k];
            else if (y) r.cell[k] = b.cell[k];
        }
    return r;
}

SymbolicDomain::Rel SymbolicDomain::relInter(const Rel& a, const Rel& b) {
    Rel r = relOf(a.may & b.may);
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j)
            if (r.may.contains(i, j)) r.cell[i * n() + j] = conj(a.cell[i * n() + j], b.cell[i * n() + j]);
    return r;
}

SymbolicDomain::Rel SymbolicDomain::relDiff(const Rel& a, const Rel& b) {
    Rel r = relOf(a.may);
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j) {
            std::size_t k = i * n() + j;
            if (a.may.contains(i, j))
                r.cell[k] = b.may.contains(i, j) ? conj(a.cell[k], neg(b.cell[k])) : a.cell[k];
        }
    return r;
}

SymbolicDomain::Rel SymbolicDomain::relComplement(const Rel& a) {
    Set u = universe();
    return relDiff(cross(u, u), a);
}

SymbolicDomain::Rel SymbolicDomain::seq(const Rel& a, const Rel& b) {
    Rel r = relOf(engine::seq(a.may, b.may));
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j) {
            if (!r.may.contains(i, j)) continue;
            z3::expr_vector terms(ctx_);
            bool always = false;
            for (std::size_t k = 0; k < n() && !always; ++k)
                if (a.may.contains(i, k) && b.may.contains(k, j)) {
                    z3::expr t = conj(a.cell[i * n() + k], b.cell[k * n() + j]);
                    always = t.is_true();
                    if (!t.is_false()) terms.push_back(t);
                }
            r.cell[i * n() + j] = always ? ctx_.bool_val(true)
                                  : terms.empty()   ? ctx_.bool_val(false)
                                  : terms.size() == 1 ? terms[0]
                                                      : z3::mk_or(terms);
        }
    return r;
}

SymbolicDomain::Rel SymbolicDomain::inverse(const Rel& a) {
    Rel r = relOf(engine::inverse(a.may));
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j)
            if (a.may.contains(i, j)) r.cell[j * n() + i] = a.cell[i * n() + j];
    return r;
}

SymbolicDomain::Rel SymbolicDomain::plus(const Rel& a) {
    // Warshall's algorithm: after step k, r relates i to j when some path from i to j has all
    // its inner nodes among 0..k. One pass of n^3 cells, against log n rounds of n^3 when
    // squaring; it took the race check of C06 (Go) from 4.5 s to 0.3 s.
    Rel r = a;
    const std::size_t N = n();
    for (std::size_t k = 0; k < N; ++k)
        for (std::size_t i = 0; i < N; ++i) {
            if (!r.may.contains(i, k)) continue;
            budget_.check();
            for (std::size_t j = 0; j < N; ++j) {
                if (!r.may.contains(k, j)) continue;
                z3::expr via = conj(r.cell[i * N + k], r.cell[k * N + j]);
                if (r.may.contains(i, j)) {
                    r.cell[i * N + j] = disj(r.cell[i * N + j], via);
                } else {
                    r.may.set(i, j);
                    r.cell[i * N + j] = via;
                }
            }
        }
    return r;
}

SymbolicDomain::Rel SymbolicDomain::star(const Rel& a) { return opt(plus(a)); }

SymbolicDomain::Rel SymbolicDomain::opt(const Rel& a) { return relUnion(a, toId(universe())); }

SymbolicDomain::Rel SymbolicDomain::cross(const Set& a, const Set& b) {
    Rel r = relOf(engine::cross(a.may, b.may));
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j)
            if (r.may.contains(i, j)) r.cell[i * n() + j] = conj(a.cell[i], b.cell[j]);
    return r;
}

SymbolicDomain::Rel SymbolicDomain::toId(const Set& a) {
    Rel r = relOf(engine::toId(a.may));
    for (std::size_t i = 0; i < n(); ++i)
        if (a.may.contains(i)) r.cell[i * n() + i] = a.cell[i];
    return r;
}

SymbolicDomain::Set SymbolicDomain::domain(const Rel& a) {
    Set s = setOf(engine::domain(a.may));
    for (std::size_t i = 0; i < n(); ++i) {
        if (!s.may.contains(i)) continue;
        z3::expr_vector terms(ctx_);
        for (std::size_t j = 0; j < n(); ++j)
            if (a.may.contains(i, j)) terms.push_back(a.cell[i * n() + j]);
        s.cell[i] = z3::mk_or(terms);
    }
    return s;
}

SymbolicDomain::Set SymbolicDomain::range(const Rel& a) { return domain(inverse(a)); }

SymbolicDomain::Bool SymbolicDomain::acyclic(const Rel& a) {
    // Integer clocks: every edge goes forward in time (Dat3M's IDL encoding).
    z3::expr_vector all(ctx_);
    std::vector<std::optional<z3::expr>> clock(n());
    unsigned id = clockCounter_++;
    auto clk = [&](std::size_t i) -> z3::expr {
        if (!clock[i])
            clock[i] = ctx_.int_const(("clk" + std::to_string(id) + "_" + std::to_string(i)).c_str());
        return *clock[i];
    };
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j) {
            if (!a.may.contains(i, j)) continue;
            const z3::expr& e = a.cell[i * n() + j];
            if (e.is_false()) continue;
            if (i == j) all.push_back(neg(e));
            else if (e.is_true()) all.push_back(clk(i) < clk(j));   // a must edge: no implication
            else all.push_back(z3::implies(e, clk(i) < clk(j)));
        }
    return all.empty() ? ctx_.bool_val(true) : z3::mk_and(all);
}

SymbolicDomain::Bool SymbolicDomain::irreflexive(const Rel& a) {
    z3::expr_vector all(ctx_);
    for (std::size_t i = 0; i < n(); ++i)
        if (a.may.contains(i, i) && !a.cell[i * n() + i].is_false()) all.push_back(neg(a.cell[i * n() + i]));
    return all.empty() ? ctx_.bool_val(true) : z3::mk_and(all);
}

SymbolicDomain::Bool SymbolicDomain::isEmptyRel(const Rel& a) {
    z3::expr_vector all(ctx_);
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j)
            if (a.may.contains(i, j) && !a.cell[i * n() + j].is_false()) all.push_back(neg(a.cell[i * n() + j]));
    return all.empty() ? ctx_.bool_val(true) : z3::mk_and(all);
}

SymbolicDomain::Bool SymbolicDomain::isEmptySet(const Set& a) {
    z3::expr_vector all(ctx_);
    for (std::size_t i = 0; i < n(); ++i)
        if (a.may.contains(i) && !a.cell[i].is_false()) all.push_back(neg(a.cell[i]));
    return all.empty() ? ctx_.bool_val(true) : z3::mk_and(all);
}

SymbolicDomain::Bool SymbolicDomain::negate(const Bool& b) { return neg(b); }

bool SymbolicDomain::sameRel(const Rel& a, const Rel& b) {
    if (!(a.may == b.may)) return false;
    for (std::size_t k = 0; k < a.cell.size(); ++k)
        if (a.may.contains(k / n(), k % n()) && !z3::eq(a.cell[k], b.cell[k])) return false;
    return true;
}

bool SymbolicDomain::sameSet(const Set& a, const Set& b) {
    if (!(a.may == b.may)) return false;
    for (std::size_t i = 0; i < n(); ++i)
        if (a.may.contains(i) && !z3::eq(a.cell[i], b.cell[i])) return false;
    return true;
}

std::size_t SymbolicDomain::fixpointBound() { return n() * n() + 1; }

SymbolicDomain::Rel SymbolicDomain::differentValues(const Rel& r) {
    Rel out = emptyRel();
    for (std::size_t i = 0; i < n(); ++i)
        for (std::size_t j = 0; j < n(); ++j) {
            const std::size_t k = i * n() + j;
            if (!r.may.contains(i, j) || !base_.values.at(i) || !base_.values.at(j)) continue;
            out.may.set(i, j);
            out.cell[k] = r.cell[k] && *base_.values[i] != *base_.values[j];
        }
    return out;
}

std::optional<std::vector<SymbolicDomain::Set>> SymbolicDomain::staticSetElements(const Set& s) {
    if (s.may.isEmpty()) return std::vector<Set>{};
    return std::nullopt;
}

std::optional<std::vector<SymbolicDomain::Rel>> SymbolicDomain::staticRelElements(const Rel& r) {
    if (r.may.isEmpty()) return std::vector<Rel>{};
    return std::nullopt;
}

}  // namespace memlit::engine::smt

namespace memlit::cat {

template std::optional<std::vector<CheckResult<engine::smt::SymbolicDomain>>>
interpret<engine::smt::SymbolicDomain>(const Model&, engine::smt::SymbolicDomain&, Diagnostics&);

}  // namespace memlit::cat
