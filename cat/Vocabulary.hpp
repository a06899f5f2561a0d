#pragma once
/// Vocabulary: the names a cat model may use without defining them — the base sets, the base
/// relations (each an enum with one name table) and the event tags some front end attaches.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlit::cat {

/// The base sets every execution provides. FW: the coherence-last write of each location;
/// FREE: the events that free an allocated object (C `free`), in `loc` with its accesses.
enum class BaseSet : std::uint8_t { R, W, M, F, IW, FW, FREE };
inline constexpr std::size_t kBaseSetCount = 7;

/// The base relations every execution provides; the derived ones (fr, rfe, ...) are in
/// stdlib.cat.
enum class BaseRel : std::uint8_t { Po, Rf, Co, Loc, Int, Ext, Id, Rmw, Addr, Data, Ctrl };
inline constexpr std::size_t kBaseRelCount = 11;

/// Every enumerator, in declaration order (for loops over all of them).
const std::array<BaseSet, kBaseSetCount>& allBaseSets();
const std::array<BaseRel, kBaseRelCount>& allBaseRels();

std::string_view nameOf(BaseSet s);   // "R", "W", ..., "FW"
std::string_view nameOf(BaseRel r);   // "po", "rf", ..., "ctrl"
std::optional<BaseSet> baseSetNamed(std::string_view name);
std::optional<BaseRel> baseRelNamed(std::string_view name);

/// The base names plus a list of tag names (upper-case sets such as `MFENCE`) and, for
/// executions built by hand, extra relation names. Built by a caller that knows the front
/// ends (engine/ArchVocabulary.hpp): cat/ does not depend on litmus/.
class Vocabulary {
public:
    Vocabulary() = default;
    explicit Vocabulary(std::vector<std::string> tags, std::vector<std::string> extraRels = {});

    bool isTag(std::string_view name) const;
    bool isExtraRel(std::string_view name) const;
    const std::vector<std::string>& tags() const { return tags_; }
    const std::vector<std::string>& extraRels() const { return extraRels_; }

    /// The known name closest to `name` by edit distance, when close enough to be a likely
    /// misspelling (at least one edit and at most a third of the name's length). `extra`
    /// are further candidates, e.g. the model's own let-bound names.
    std::optional<std::string> suggest(std::string_view name,
                                       const std::vector<std::string>& extra = {}) const;

private:
    std::vector<std::string> tags_;        // sorted, unique
    std::vector<std::string> extraRels_;   // sorted, unique
};

}  // namespace memlit::cat
