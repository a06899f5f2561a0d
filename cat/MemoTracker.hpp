#pragma once
/// MemoTracker: the interpreter's bookkeeping for a StaticMemo (cat/StaticMemo.hpp) — what
/// the value being computed depends on (its Taint), whether the node being evaluated runs
/// once per evaluation of the model, and the memo's lookups and stores. Without a memo every
/// call is a no-op, so an interpretation without one costs what it did.

#include "cat/StaticMemo.hpp"

#include <cstdint>
#include <optional>
#include <utility>

namespace memlit::cat {

/// What a value depends on, gathered while it is computed.
struct Taint {
    bool varying = false;        // a base name that varies went into it
    std::uint64_t pending = 0;   // bit L: a name of the `let rec` group iterated at level L
    Taint& operator|=(const Taint& o) {
        varying = varying || o.varying;
        pending |= o.pending;
        return *this;
    }
    bool clean() const { return !varying && pending == 0; }
};

template <class D>
class MemoTracker {
public:
    using Stored = typename StaticMemo<D>::Stored;

    explicit MemoTracker(StaticMemo<D>* memo) : memo_(memo) {}

    bool active() const { return memo_ != nullptr; }
    /// Whether the node now evaluated runs once per evaluation of the model.
    bool once() const { return memo_ != nullptr && inBodies_ == 0; }
    Taint& taint() { return taint_; }
    void add(const Taint& t) { taint_ |= t; }
    void baseSet(BaseSet s) {
        if (memo_ && memo_->varyingSets[static_cast<std::size_t>(s)]) taint_.varying = true;
    }
    void baseRel(BaseRel r) {
        if (memo_ && memo_->varyingRels[static_cast<std::size_t>(r)]) taint_.varying = true;
    }

    /// Runs `f` with the taint reset; `own` receives f's taint, which then joins the outer one.
    template <class F>
    auto tracked(Taint& own, F&& f) {
        const Taint outer = taint_;
        taint_ = {};
        auto result = f();
        own = taint_;
        taint_ = outer;
        taint_ |= own;
        return result;
    }

    /// Runs `f` inside a function's or procedure's body (`inBody`), or in a thunk's own
    /// context (once per evaluation when `once`), whatever the caller's context.
    template <class F>
    auto within(bool inBody, F&& f) {
        const int outer = inBodies_;
        inBodies_ = inBody ? inBodies_ + 1 : 0;
        auto result = f();
        inBodies_ = outer;
        return result;
    }

    /// A node's remembered value, if it was found not to vary; a node known to vary taints.
    std::optional<Stored> find(const void* key) {
        auto it = memo_->values.find(key);
        if (it == memo_->values.end()) return std::nullopt;
        if (it->second.varying) {
            taint_.varying = true;
            return std::nullopt;
        }
        ++memo_->hits;
        return it->second.value;
    }
    bool known(const void* key) const { return memo_->values.count(key) != 0; }
    /// Records a node's value by its taint (nothing while a `let rec` it reads is iterated).
    void store(const void* key, const Taint& t, std::optional<Stored> value) {
        if (t.pending != 0) return;
        if (t.varying || !value) memo_->values.emplace(key, typename StaticMemo<D>::Value{true, {}});
        else memo_->values.emplace(key, typename StaticMemo<D>::Value{false, std::move(*value)});
    }

    const typename StaticMemo<D>::Outcome* findCheck(const void* key) {
        auto it = memo_->checks.find(key);
        if (it == memo_->checks.end() || it->second.varying) return nullptr;
        ++memo_->hits;
        return &it->second;
    }
    void storeCheck(const void* key, const Taint& t, typename StaticMemo<D>::Outcome outcome) {
        if (t.pending != 0) return;
        outcome.varying = t.varying;
        memo_->checks.emplace(key, std::move(outcome));
    }

    /// The level of the next `let rec` group iterated (its bit in Taint::pending).
    int enterRec() { return ++recLevel_; }
    void leaveRec() { --recLevel_; }

private:
    StaticMemo<D>* memo_;
    Taint taint_;
    int inBodies_ = 0;
    int recLevel_ = 0;
};

}  // namespace memlit::cat
