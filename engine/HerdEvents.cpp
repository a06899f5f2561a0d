#include "engine/HerdEvents.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <string_view>

namespace memlit::engine {
namespace {

constexpr std::array<std::string_view, 6> kLockSets = {"LKR", "LKW", "UL", "LF", "RL", "RU"};

bool isLockSet(std::string_view name) {
    return std::find(kLockSets.begin(), kLockSets.end(), name) != kLockSets.end();
}

bool anyNode(const cat::Expr& e, const std::function<bool(const cat::Expr&)>& pred) {
    if (pred(e)) return true;
    return std::any_of(e.args.begin(), e.args.end(), [&](const cat::Expr& a) { return anyNode(a, pred); });
}

// By name: herd's event sets, or a model's own name for them (lock.cat's `let LF = LF | RL`).
bool namesLockSet(const cat::Expr& e) {
    return anyNode(e, [](const cat::Expr& x) { return x.op == cat::Expr::Op::Name && isLockSet(x.name); });
}

bool callsDifferentValues(const cat::Expr& e) {
    return anyNode(e, [](const cat::Expr& x) { return x.op == cat::Expr::Op::Call && x.name == "different-values"; });
}

std::string where(const cat::Model& model, const cat::Statement& s, SourceLoc loc) {
    const std::string file = s.file < model.files.size() ? model.files[s.file] : model.name;
    return file + ":" + std::to_string(loc.line);
}

const Event* firstTagged(const PreparedTest& test, const std::function<bool(const std::string&)>& pred) {
    for (const Event& e : test.graph.events)
        if (std::any_of(e.tags.begin(), e.tags.end(), pred)) return &e;
    return nullptr;
}

}  // namespace

std::optional<std::string> ownLockEventsAt(const cat::Model& model) {
    for (const auto& s : model.statements)
        if (const auto* let = std::get_if<cat::Let>(&s.node))
            for (const auto& b : let->bindings)
                if (!b.isFunction && (b.name == "R" || b.name == "W" || b.name == "M") && namesLockSet(b.body))
                    return where(model, s, b.loc);
    return std::nullopt;
}

std::optional<std::string> differentValuesAt(const cat::Model& model) {
    for (const auto& s : model.statements) {
        if (const auto* let = std::get_if<cat::Let>(&s.node))
            for (const auto& b : let->bindings)
                if (callsDifferentValues(b.body)) return where(model, s, b.loc);
        if (const auto* c = std::get_if<cat::Check>(&s.node); c && callsDifferentValues(c->expr))
            return where(model, s, s.loc);
    }
    return std::nullopt;
}

bool declineHerdEvents(const PreparedTest& test, const cat::Model& model, Diagnostics& diags) {
    if (const Event* lock = firstTagged(test, [](const std::string& t) { return isLockSet(t); })) {
        if (const auto at = ownLockEventsAt(model)) {
            diags.unsupported(test.test.file, lock->loc,
                              "a lock event (" + lock->tags.front() + ") under a model that defines its own lock events (" +
                                  *at + " adds them to R, W or M; memlit's spin_lock, spin_unlock, spin_trylock and "
                                  "spin_is_locked are already reads and writes of the lock, docs/conformance.md)");
            return false;
        }
    }
    if (const Event* unlock = firstTagged(test, [](const std::string& t) { return t == "Srcu-unlock"; })) {
        if (const auto at = differentValuesAt(model)) {
            diags.unsupported(test.test.file, unlock->loc,
                              "srcu_read_unlock under a model that compares SRCU values with different-values (" + *at +
                                  "; herd's srcu_read_lock returns a fresh index and its unlock's value is the index "
                                  "given, memlit's are reads of the srcu_struct, docs/conformance.md)");
            return false;
        }
    }
    return true;
}

}  // namespace memlit::engine
