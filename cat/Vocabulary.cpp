#include "cat/Vocabulary.hpp"

#include <algorithm>

namespace memlit::cat {

namespace {

// Indexed by the enumerators' values: the order must follow the enum declarations.
constexpr std::array<std::string_view, kBaseSetCount> kSetNames = {"R", "W", "M", "F", "IW", "FW"};
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
        BaseSet::R, BaseSet::W, BaseSet::M, BaseSet::F, BaseSet::IW, BaseSet::FW};
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

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::optional<std::string> Vocabulary::suggest(std::string_view name,
                                               const std::vector<std::string>& extra) const {
    // A third of the length: `MFENSE` -> `MFENCE` (1 of 6) qualifies, `pox` -> `po` (1 of 3)
    // too, while a name of one or two letters gets none (any letter is one edit from `R`).
    const std::size_t limit = name.size() / 3;
    if (limit == 0) return std::nullopt;
    std::optional<std::string> best;
    std::size_t bestDistance = limit + 1;
    auto consider = [&](std::string_view candidate) {
        const std::size_t d = editDistance(name, candidate);
        if (d > 0 && d < bestDistance) {
            bestDistance = d;
            best = std::string(candidate);
        }
    };
    for (auto n : kRelNames) consider(n);
    for (auto n : kSetNames) consider(n);
    for (const auto& n : tags_) consider(n);
    for (const auto& n : extraRels_) consider(n);
    for (const auto& n : extra) consider(n);
    return best;
}

}  // namespace memlit::cat
