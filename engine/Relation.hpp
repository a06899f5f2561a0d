#pragma once
/// EventSet and Relation: bit-matrix value types over dense event indices 0..n-1, with the
/// operators of the cat language (union, intersection, sequence, closures, ...).

#include <cstddef>
#include <bit>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace memlit::engine {

using EventIndex = std::size_t;

/// A subset of the events 0..size()-1, one bit per event.
class Relation;

class EventSet {
public:
    EventSet() = default;
    explicit EventSet(std::size_t n);   // empty
    static EventSet full(std::size_t n);

    std::size_t size() const { return n_; }   // the universe size, not the cardinality
    bool contains(EventIndex i) const { return i < n_ && ((words_[i / 64] >> (i % 64)) & 1) != 0; }
    void insert(EventIndex i);
    void erase(EventIndex i);
    std::size_t count() const;
    bool isEmpty() const;
    std::vector<EventIndex> elements() const;   // ascending
    EventSet complement() const;

    EventSet& operator|=(const EventSet& o);
    EventSet& operator&=(const EventSet& o);
    EventSet& operator-=(const EventSet& o);
    friend EventSet operator|(EventSet a, const EventSet& b) { return a |= b; }
    friend EventSet operator&(EventSet a, const EventSet& b) { return a &= b; }
    friend EventSet operator-(EventSet a, const EventSet& b) { return a -= b; }
    bool operator==(const EventSet&) const = default;

    const std::vector<std::uint64_t>& words() const { return words_; }

private:
    friend class Relation;
    friend Relation cross(const EventSet&, const EventSet&);
    friend EventSet range(const Relation&);
    std::size_t n_ = 0;
    std::vector<std::uint64_t> words_;
};

/// A binary relation over the events 0..size()-1: row i holds the successors of i.
class Relation {
public:
    Relation() = default;
    explicit Relation(std::size_t n);   // empty
    static Relation identity(std::size_t n);
    static Relation full(std::size_t n);

    std::size_t size() const { return n_; }
    // Inline: the enumerator's hot loops test and set single pairs.
    bool contains(EventIndex i, EventIndex j) const {
        return i < n_ && j < n_ && ((bits_[i * wpr_ + j / 64] >> (j % 64)) & 1) != 0;
    }
    void set(EventIndex i, EventIndex j) {
        if (i >= n_ || j >= n_) outOfRange("set");
        bits_[i * wpr_ + j / 64] |= std::uint64_t{1} << (j % 64);
    }
    void reset(EventIndex i, EventIndex j);
    EventSet successors(EventIndex i) const;
    std::size_t count() const;
    std::vector<std::pair<EventIndex, EventIndex>> pairs() const;   // row-major order
    template <class F> void forEachPair(F&& f) const {
        for (EventIndex i = 0; i < n_; ++i)
            for (std::size_t w = 0; w < wpr_; ++w)
                for (std::uint64_t b = bits_[i * wpr_ + w]; b != 0; b &= b - 1)
                    f(i, w * 64 + static_cast<std::size_t>(std::countr_zero(b)));
    }

    bool isEmpty() const;
    bool isIrreflexive() const;
    bool isAcyclic() const;
    /// Some cycle's events in order (e0 -> e1 -> ... -> e0), or nullopt when acyclic.
    /// A self-loop is a one-event cycle.
    std::optional<std::vector<EventIndex>> findCycle() const;
    Relation complement() const;

    Relation& operator|=(const Relation& o);
    Relation& operator&=(const Relation& o);
    Relation& operator-=(const Relation& o);
    friend Relation operator|(Relation a, const Relation& b) { return a |= b; }
    friend Relation operator&(Relation a, const Relation& b) { return a &= b; }
    friend Relation operator-(Relation a, const Relation& b) { return a -= b; }
    bool operator==(const Relation&) const = default;

private:
    friend Relation seq(const Relation&, const Relation&);
    friend Relation inverse(const Relation&);
    friend Relation plus(const Relation&);
    friend Relation cross(const EventSet&, const EventSet&);
    friend Relation toId(const EventSet&);
    friend EventSet domain(const Relation&);
    friend EventSet range(const Relation&);
    std::uint64_t* row(EventIndex i) { return bits_.data() + i * wpr_; }
    const std::uint64_t* row(EventIndex i) const { return bits_.data() + i * wpr_; }

    [[noreturn]] static void outOfRange(const char* what);

    std::size_t n_ = 0;
    std::size_t wpr_ = 0;   // 64-bit words per row
    std::vector<std::uint64_t> bits_;
};

Relation seq(const Relation& a, const Relation& b);   // a;b
Relation inverse(const Relation& a);                  // a^-1
Relation plus(const Relation& a);                     // a^+ (Warshall on bit rows)
Relation star(const Relation& a);                     // a^* = id | a^+
Relation opt(const Relation& a);                      // a^? = id | a
Relation cross(const EventSet& s, const EventSet& t); // s * t
Relation toId(const EventSet& s);                     // [s]
Relation identity(std::size_t n);
Relation complement(const Relation& a);               // ~a
EventSet complement(const EventSet& s);               // ~s
EventSet domain(const Relation& r);
EventSet range(const Relation& r);

}  // namespace memlit::engine
