#pragma once
/// ConcreteExecution: one candidate execution (rf and co chosen) as bit matrices, the input
/// of the concrete cat evaluation.

#include "cat/Vocabulary.hpp"
#include "engine/Relation.hpp"

#include <array>
#include <cstdint>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace memlit::engine {

/// Values by name: the base names of enum E (cat::BaseSet or cat::BaseRel) in fixed slots,
/// so the interpreter reaches them by enum without a string lookup; any other name (a tag,
/// or a relation a hand-built execution adds) in a map.
template <class T, class E, std::size_t N>
class NamedTable {
public:
    /// The value of `name`, created empty (default-constructed) if not given yet.
    T& operator[](std::string_view name) {
        if (auto e = named(name)) {
            auto& s = slots_[static_cast<std::size_t>(*e)];
            if (!s) s.emplace();
            return *s;
        }
        return extra_[std::string(name)];
    }
    /// Sets `name` to `value` unless it is given already.
    void try_emplace(std::string_view name, T value) {
        if (find(name) == nullptr) (*this)[name] = std::move(value);
    }
    /// The value of `name`, or nullptr when not given.
    const T* find(std::string_view name) const {
        if (auto e = named(name)) return base(*e) ? &*base(*e) : nullptr;
        auto it = extra_.find(name);
        return it == extra_.end() ? nullptr : &it->second;
    }
    const std::optional<T>& base(E e) const { return slots_[static_cast<std::size_t>(e)]; }
    std::optional<T>& base(E e) { return slots_[static_cast<std::size_t>(e)]; }
    /// The names that are not base names, with their values.
    const std::map<std::string, T, std::less<>>& extra() const { return extra_; }

private:
    static std::optional<E> named(std::string_view name) {
        if constexpr (std::is_same_v<E, cat::BaseSet>) return cat::baseSetNamed(name);
        else return cat::baseRelNamed(name);
    }
    std::array<std::optional<T>, N> slots_;
    std::map<std::string, T, std::less<>> extra_;
};

/// Events are 0..size-1. Sets and relations that are not given are empty (`id` defaults to
/// the identity).
struct ConcreteExecution {
    std::size_t size = 0;
    /// R W M F IW FW, and every tag name ("MFENCE", "X", ...).
    NamedTable<EventSet, cat::BaseSet, cat::kBaseSetCount> sets;
    /// po rf co loc int ext id rmw addr data ctrl (and, in tests, relations of their own).
    NamedTable<Relation, cat::BaseRel, cat::kBaseRelCount> rels;
    std::vector<std::string> eventNames;   // for explanations, e.g. "a: W[x]=1 (P0)"
    /// Per event, the value a memory access reads or writes (cat's different-values); empty
    /// when not known, nullopt for events that are not accesses.
    std::vector<std::optional<std::int64_t>> values;
};

}  // namespace memlit::engine
