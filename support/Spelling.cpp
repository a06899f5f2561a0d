#include "support/Spelling.hpp"

#include <algorithm>

namespace memlit {

std::size_t spellingDistance(std::string_view a, std::string_view b) {
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

std::optional<std::string> closestName(std::string_view name, const std::vector<std::string_view>& candidates) {
    const std::size_t limit = name.size() / 3;
    std::optional<std::string> best;
    std::size_t bestDistance = limit + 1;
    for (std::string_view c : candidates) {
        const std::size_t d = spellingDistance(name, c);
        if (d > 0 && d < bestDistance) {
            bestDistance = d;
            best = std::string(c);
        }
    }
    return best;
}

}  // namespace memlit
