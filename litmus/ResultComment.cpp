#include "litmus/ResultComment.hpp"

#include <cctype>

namespace memlit::litmus {

std::optional<std::string> resultComment(std::string_view text) {
    const std::size_t at = text.find("Result:");
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t p = at + 7;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
    std::size_t e = p;
    while (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e])) != 0) ++e;
    const std::string word(text.substr(p, e - p));
    if (word == "Never" || word == "Sometimes" || word == "Always") return word;
    return std::nullopt;
}

}  // namespace memlit::litmus
