#include "cat/Vocabulary.hpp"

#include "support/Spelling.hpp"

#include <algorithm>

namespace memlit::cat {

namespace {

// Indexed by the enumerators' values: the order must follow the enum declarations.
constexpr std::array<std::string_view, kBaseSetCount> kSetNames = {"R", "W", "M", "F", "IW", "FW", "FREE"};
constexpr std::array<std::string_view, kBaseRelCount> kRelNames = {
    "po", "rf", "co", "loc", "int", "ext", "id", "rmw", "addr", "data", "ctrl"};

std::vector<std::string> sortedUnique(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

bool contains(const std::vector<std::string>& sorted, std::string_view name) {
    return std::binary_search(sorted.begin(), sorted.end(), name, std::less<>{});
}

}  // namespace

const std::array<BaseSet, kBaseSetCount>& allBaseSets() {
    static constexpr std::array<BaseSet, kBaseSetCount> all = {
        BaseSet::R, BaseSet::W, BaseSet::M, BaseSet::F, BaseSet::IW, BaseSet::FW, BaseSet::FREE};
    return all;
}

const std::array<BaseRel, kBaseRelCount>& allBaseRels() {
    static constexpr std::array<BaseRel, kBaseRelCount> all = {
        BaseRel::Po,  BaseRel::Rf,  BaseRel::Co,   BaseRel::Loc,  BaseRel::Int, BaseRel::Ext,
        BaseRel::Id,  BaseRel::Rmw, BaseRel::Addr, BaseRel::Data, BaseRel::Ctrl};
    return all;
}

std::string_view nameOf(BaseSet s) { return kSetNames[static_cast<std::size_t>(s)]; }
std::string_view nameOf(BaseRel r) { return kRelNames[static_cast<std::size_t>(r)]; }

std::optional<BaseSet> baseSetNamed(std::string_view name) {
    for (auto s : allBaseSets())
        if (nameOf(s) == name) return s;
    return std::nullopt;
}

std::optional<BaseRel> baseRelNamed(std::string_view name) {
    for (auto r : allBaseRels())
        if (nameOf(r) == name) return r;
    return std::nullopt;
}

Vocabulary::Vocabulary(std::vector<std::string> tags, std::vector<std::string> extraRels)
    : tags_(sortedUnique(std::move(tags))), extraRels_(sortedUnique(std::move(extraRels))) {}

bool Vocabulary::isTag(std::string_view name) const { return contains(tags_, name); }
bool Vocabulary::isExtraRel(std::string_view name) const { return contains(extraRels_, name); }

std::optional<std::string> Vocabulary::suggest(std::string_view name,
                                               const std::vector<std::string>& extra) const {
    // A third of the length: `MFENSE` -> `MFENCE` (1 of 6) qualifies, `pox` -> `po` (1 of 3)
    // too, while a name of one or two letters gets none (any letter is one edit from `R`).
    std::vector<std::string_view> candidates(kRelNames.begin(), kRelNames.end());
    candidates.insert(candidates.end(), kSetNames.begin(), kSetNames.end());
    candidates.insert(candidates.end(), tags_.begin(), tags_.end());
    candidates.insert(candidates.end(), extraRels_.begin(), extraRels_.end());
    candidates.insert(candidates.end(), extra.begin(), extra.end());
    return closestName(name, candidates);
}

}  // namespace memlit::cat
