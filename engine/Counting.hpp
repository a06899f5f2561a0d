#pragma once
/// Counting: witness counts without visiting every execution. A read whose value nothing
/// observes (no printed or filtered place, no stored value, assumption or halt depends on it)
/// changes only how many executions end in a state, not which. The enumerator leaves such
/// *deferred* reads without a source (forEachCandidate's `deferred`), and FactoredCount counts
/// their consistent source choices for each candidate: it evaluates the model once over
/// CountingDomain, every deferred read given all its remaining sources at once, drops each
/// source whose edge alone violates an axiom (the failure persists as rf grows:
/// engine/AxiomsPolarity.hpp), and when no violation needs two reads' choices and no flag can
/// fire, counts the product of the sources left. Otherwise it splits on one read; a complete
/// execution it cannot decide in bulk goes to the caller, who evaluates it.
/// docs/performance.md ("Counting deferred reads").

#include "cat/Ast.hpp"
#include "engine/ConcreteExecution.hpp"
#include "engine/PreparedTest.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace memlit::engine {

/// Per graph event: whether it is a read of a fixed-shape test that nothing observes (see
/// above). All false when the test is not of a fixed shape.
std::vector<bool> unobservedReads(const PreparedTest& test);

/// One deferred read of a candidate and the writes it may still read from, in the
/// candidate's dense indices.
struct DeferredRead {
    EventIndex read = 0;
    std::vector<EventIndex> sources;
};

class FactoredCount {
public:
    /// For a resolved model whose every check is an axiom whose failure persists as rf and co
    /// grow, an axiom in `masked`, or a flag `~empty r` with r growing with rf and co; nullopt
    /// for any other model (it is enumerated one execution at a time).
    static std::optional<FactoredCount> forModel(const cat::Model& model, const std::vector<std::string>& masked);

    /// A complete execution the counter did not decide in bulk; the caller evaluates it.
    using Leaf = std::function<void(const ConcreteExecution&)>;
    /// Called before each evaluation of the model (the caller's budget and caps).
    using Tick = std::function<void()>;

    /// The consistent, flag-free completions of `x` (whose deferred reads have no rf pair),
    /// counted in bulk; each completion not counted so goes to `leaf` once.
    std::uint64_t count(const ConcreteExecution& x, std::vector<DeferredRead> reads, const Leaf& leaf,
                        const Tick& tick) const;

private:
    enum class Use : std::uint8_t { Axiom, Ignored, Flag };
    /// Every completion fails; every one is consistent and flag-free; not known.
    enum class Outcome : std::uint8_t { Fails, Holds, Unsure };
    FactoredCount(const cat::Model& model, std::vector<Use> uses) : model_(&model), uses_(std::move(uses)) {}
    /// Drops the sources whose edge alone (with x) violates an axiom (CountingDomain), until
    /// none does, and says what is then known of the completions.
    Outcome narrow(const ConcreteExecution& x, std::vector<DeferredRead>& reads, const Tick& tick) const;
    std::uint64_t split(ConcreteExecution& x, std::vector<DeferredRead>& reads, const Leaf& leaf,
                        const Tick& tick) const;

    const cat::Model* model_;
    std::vector<Use> uses_;   // per check of the model, in its order
};

}  // namespace memlit::engine
