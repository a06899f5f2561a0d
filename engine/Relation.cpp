#include "engine/Relation.hpp"

#include "support/Diagnostics.hpp"

#include <algorithm>
#include <bit>

namespace memlit::engine {

namespace {

std::size_t wordsFor(std::size_t n) { return (n + 63) / 64; }

/// Mask of the valid bits in the last word of a row of n bits.
std::uint64_t lastMask(std::size_t n) {
    const std::size_t r = n % 64;
    return r == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << r) - 1;
}

}  // namespace

// ---- EventSet ----

EventSet::EventSet(std::size_t n) : n_(n), words_(wordsFor(n), 0) {}

EventSet EventSet::full(std::size_t n) {
    EventSet s(n);
    std::fill(s.words_.begin(), s.words_.end(), ~std::uint64_t{0});
    if (!s.words_.empty()) s.words_.back() &= lastMask(n);
    return s;
}

void EventSet::insert(EventIndex i) {
    MEMLIT_ASSERT(i < n_, "EventSet::insert out of range");
    words_[i / 64] |= std::uint64_t{1} << (i % 64);
}

void EventSet::erase(EventIndex i) {
    MEMLIT_ASSERT(i < n_, "EventSet::erase out of range");
    words_[i / 64] &= ~(std::uint64_t{1} << (i % 64));
}

std::size_t EventSet::count() const {
    std::size_t c = 0;
    for (auto w : words_) c += static_cast<std::size_t>(std::popcount(w));
    return c;
}

bool EventSet::isEmpty() const {
    return std::all_of(words_.begin(), words_.end(), [](std::uint64_t w) { return w == 0; });
}

std::vector<EventIndex> EventSet::elements() const {
    std::vector<EventIndex> out;
    for (std::size_t w = 0; w < words_.size(); ++w)
        for (std::uint64_t b = words_[w]; b != 0; b &= b - 1)
            out.push_back(w * 64 + static_cast<std::size_t>(std::countr_zero(b)));
    return out;
}

EventSet EventSet::complement() const {
    EventSet s = *this;
    for (auto& w : s.words_) w = ~w;
    if (!s.words_.empty()) s.words_.back() &= lastMask(n_);
    return s;
}

EventSet& EventSet::operator|=(const EventSet& o) {
    MEMLIT_ASSERT(n_ == o.n_, "EventSet size mismatch");
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= o.words_[w];
    return *this;
}

EventSet& EventSet::operator&=(const EventSet& o) {
    MEMLIT_ASSERT(n_ == o.n_, "EventSet size mismatch");
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= o.words_[w];
    return *this;
}

EventSet& EventSet::operator-=(const EventSet& o) {
    MEMLIT_ASSERT(n_ == o.n_, "EventSet size mismatch");
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= ~o.words_[w];
    return *this;
}

EventSet complement(const EventSet& s) { return s.complement(); }

// ---- Relation ----

Relation::Relation(std::size_t n) : n_(n), wpr_(wordsFor(n)), bits_(n * wordsFor(n), 0) {}

Relation Relation::identity(std::size_t n) {
    Relation r(n);
    for (EventIndex i = 0; i < n; ++i) r.set(i, i);
    return r;
}

Relation Relation::full(std::size_t n) { return cross(EventSet::full(n), EventSet::full(n)); }

void Relation::outOfRange(const char* what) {
    MEMLIT_ASSERT(false, std::string("Relation::") + what + " out of range");
    throw InternalError("unreachable");
}

void Relation::reset(EventIndex i, EventIndex j) {
    MEMLIT_ASSERT(i < n_ && j < n_, "Relation::reset out of range");
    row(i)[j / 64] &= ~(std::uint64_t{1} << (j % 64));
}

EventSet Relation::successors(EventIndex i) const {
    MEMLIT_ASSERT(i < n_, "Relation::successors out of range");
    EventSet s(n_);
    std::copy(row(i), row(i) + wpr_, s.words_.begin());
    return s;
}

std::size_t Relation::count() const {
    std::size_t c = 0;
    for (auto w : bits_) c += static_cast<std::size_t>(std::popcount(w));
    return c;
}

std::vector<std::pair<EventIndex, EventIndex>> Relation::pairs() const {
    std::vector<std::pair<EventIndex, EventIndex>> out;
    forEachPair([&](EventIndex i, EventIndex j) { out.emplace_back(i, j); });
    return out;
}

bool Relation::isEmpty() const {
    return std::all_of(bits_.begin(), bits_.end(), [](std::uint64_t w) { return w == 0; });
}

bool Relation::isIrreflexive() const {
    for (EventIndex i = 0; i < n_; ++i)
        if (contains(i, i)) return false;
    return true;
}

bool Relation::isAcyclic() const { return !findCycle().has_value(); }

namespace {

/// The greatest set bit of a row below `limit`, or `limit` itself when there is none.
std::size_t highestBelow(const std::uint64_t* row, std::size_t limit) {
    if (limit == 0) return limit;
    std::size_t k = (limit - 1) / 64;
    const std::size_t top = (limit - 1) % 64;
    std::uint64_t w = row[k] & (top == 63 ? ~std::uint64_t{0} : (std::uint64_t{2} << top) - 1);
    while (true) {
        if (w != 0) return k * 64 + static_cast<std::size_t>(std::bit_width(w)) - 1;
        if (k == 0) return limit;
        w = row[--k];
    }
}

}  // namespace

std::optional<std::vector<EventIndex>> Relation::findCycle() const {
    // Iterative depth-first search, each node's successors taken greatest first straight from
    // its bit row (no successor list per node: this runs once per acyclic axiom per
    // candidate); a back edge to a node on the stack closes a cycle.
    enum : std::uint8_t { White, Grey, Black };
    std::vector<std::uint8_t> colour(n_, White);
    std::vector<std::pair<EventIndex, std::size_t>> stack;   // path node, successors left below
    for (EventIndex root = 0; root < n_; ++root) {
        if (colour[root] != White) continue;
        stack.assign(1, {root, n_});
        colour[root] = Grey;
        while (!stack.empty()) {
            auto& [node, limit] = stack.back();
            const std::size_t next = highestBelow(row(node), limit);
            if (next == limit) {
                colour[node] = Black;
                stack.pop_back();
                continue;
            }
            limit = next;
            if (colour[next] == Grey) {
                auto it = std::find_if(stack.begin(), stack.end(), [&](const auto& e) { return e.first == next; });
                std::vector<EventIndex> cycle;
                for (; it != stack.end(); ++it) cycle.push_back(it->first);
                return cycle;
            }
            if (colour[next] == White) {
                colour[next] = Grey;
                stack.emplace_back(static_cast<EventIndex>(next), n_);
            }
        }
    }
    return std::nullopt;
}

Relation Relation::complement() const {
    Relation r = *this;
    for (EventIndex i = 0; i < n_; ++i) {
        auto* w = r.row(i);
        for (std::size_t k = 0; k < wpr_; ++k) w[k] = ~w[k];
        if (wpr_ > 0) w[wpr_ - 1] &= lastMask(n_);
    }
    return r;
}

Relation& Relation::operator|=(const Relation& o) {
    MEMLIT_ASSERT(n_ == o.n_, "Relation size mismatch");
    for (std::size_t w = 0; w < bits_.size(); ++w) bits_[w] |= o.bits_[w];
    return *this;
}

Relation& Relation::operator&=(const Relation& o) {
    MEMLIT_ASSERT(n_ == o.n_, "Relation size mismatch");
    for (std::size_t w = 0; w < bits_.size(); ++w) bits_[w] &= o.bits_[w];
    return *this;
}

Relation& Relation::operator-=(const Relation& o) {
    MEMLIT_ASSERT(n_ == o.n_, "Relation size mismatch");
    for (std::size_t w = 0; w < bits_.size(); ++w) bits_[w] &= ~o.bits_[w];
    return *this;
}

Relation seq(const Relation& a, const Relation& b) {
    MEMLIT_ASSERT(a.n_ == b.n_, "Relation size mismatch");
    Relation r(a.n_);
    for (EventIndex i = 0; i < a.n_; ++i) {
        const auto* ai = a.row(i);
        auto* ri = r.row(i);
        for (std::size_t w = 0; w < a.wpr_; ++w)
            for (std::uint64_t bitsLeft = ai[w]; bitsLeft != 0; bitsLeft &= bitsLeft - 1) {
                const EventIndex k = w * 64 + static_cast<std::size_t>(std::countr_zero(bitsLeft));
                const auto* bk = b.row(k);
                for (std::size_t x = 0; x < a.wpr_; ++x) ri[x] |= bk[x];
            }
    }
    return r;
}

Relation inverse(const Relation& a) {
    Relation r(a.n_);
    a.forEachPair([&](EventIndex i, EventIndex j) { r.set(j, i); });
    return r;
}

Relation plus(const Relation& a) {
    // Warshall: after step k, i reaches j through intermediate events < k+1.
    Relation r = a;
    for (EventIndex k = 0; k < r.n_; ++k) {
        const auto* rk = r.row(k);
        const std::size_t kw = k / 64;
        const std::uint64_t kb = std::uint64_t{1} << (k % 64);
        for (EventIndex i = 0; i < r.n_; ++i) {
            if ((r.bits_[i * r.wpr_ + kw] & kb) == 0) continue;
            auto* ri = r.row(i);
            for (std::size_t w = 0; w < r.wpr_; ++w) ri[w] |= rk[w];
        }
    }
    return r;
}

Relation star(const Relation& a) { return plus(a) | Relation::identity(a.size()); }

Relation opt(const Relation& a) { return a | Relation::identity(a.size()); }

Relation cross(const EventSet& s, const EventSet& t) {
    MEMLIT_ASSERT(s.size() == t.size(), "EventSet size mismatch");
    Relation r(s.size());
    for (EventIndex i : s.elements()) std::copy(t.words_.begin(), t.words_.end(), r.row(i));
    return r;
}

Relation toId(const EventSet& s) {
    Relation r(s.size());
    for (EventIndex i : s.elements()) r.set(i, i);
    return r;
}

Relation identity(std::size_t n) { return Relation::identity(n); }

Relation complement(const Relation& a) { return a.complement(); }

EventSet domain(const Relation& r) {
    EventSet s(r.n_);
    for (EventIndex i = 0; i < r.n_; ++i) {
        const auto* ri = r.row(i);
        if (std::any_of(ri, ri + r.wpr_, [](std::uint64_t w) { return w != 0; })) s.insert(i);
    }
    return s;
}

EventSet range(const Relation& r) {
    EventSet s(r.n_);
    for (EventIndex i = 0; i < r.n_; ++i) {
        const auto* ri = r.row(i);
        for (std::size_t w = 0; w < r.wpr_; ++w) s.words_[w] |= ri[w];
    }
    return s;
}

}  // namespace memlit::engine
