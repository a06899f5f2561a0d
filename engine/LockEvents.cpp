#include "engine/LockEvents.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace memlit::engine {
namespace {

constexpr std::array<std::string_view, 6> kLockSets = {"LKR", "LKW", "UL", "LF", "RL", "RU"};

bool isLockSet(std::string_view name) {
    return std::find(kLockSets.begin(), kLockSets.end(), name) != kLockSets.end();
}

bool namesLockSet(const cat::Expr& e) {
    // By name: herd's event sets, or a model's own name for them (lock.cat's `let LF = LF | RL`).
    if (e.op == cat::Expr::Op::Name && isLockSet(e.name)) return true;
    return std::any_of(e.args.begin(), e.args.end(), [](const cat::Expr& a) { return namesLockSet(a); });
}

}  // namespace

std::optional<std::string> ownLockEventsAt(const cat::Model& model) {
    for (const auto& s : model.statements) {
        const auto* let = std::get_if<cat::Let>(&s.node);
        if (let == nullptr) continue;
        for (const auto& b : let->bindings) {
            if (b.isFunction || (b.name != "R" && b.name != "W" && b.name != "M")) continue;
            if (!namesLockSet(b.body)) continue;
            const std::string file = s.file < model.files.size() ? model.files[s.file] : model.name;
            return file + ":" + std::to_string(b.loc.line);
        }
    }
    return std::nullopt;
}

bool declineOwnLockEvents(const PreparedTest& test, const cat::Model& model, Diagnostics& diags) {
    const Event* first = nullptr;
    for (const Event& e : test.graph.events)
        if (std::any_of(e.tags.begin(), e.tags.end(), [](const std::string& t) { return isLockSet(t); })) {
            first = &e;
            break;
        }
    if (first == nullptr) return true;
    const auto at = ownLockEventsAt(model);
    if (!at) return true;
    diags.unsupported(test.test.file, first->loc,
                      "a lock event (" + first->tags.front() + ") under a model that defines its own lock events (" +
                          *at + " adds them to R, W or M; memlit's spin_lock, spin_unlock, spin_trylock and "
                          "spin_is_locked are already reads and writes of the lock, docs/conformance.md)");
    return false;
}

}  // namespace memlit::engine
