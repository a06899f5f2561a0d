#include "litmus/table/CellSyntax.hpp"

#include "litmus/Lexer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace memlit::litmus {

std::string_view splitLabel(std::string_view cell, std::size_t& rest) {
    std::size_t i = 0;
    while (i < cell.size() && std::isspace(static_cast<unsigned char>(cell[i]))) ++i;
    std::size_t start = i;
    auto word = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
    };
    while (i < cell.size() && word(cell[i])) ++i;
    std::size_t end = i;
    while (i < cell.size() && (cell[i] == ' ' || cell[i] == '\t')) ++i;
    if (end == start || i >= cell.size() || cell[i] != ':' ||
        std::isdigit(static_cast<unsigned char>(cell[start])) != 0) {
        rest = 0;
        return {};
    }
    rest = i + 1;
    return cell.substr(start, end - start);
}

std::vector<OperandText> splitOperands(std::string_view s, std::size_t offset) {
    std::vector<OperandText> out;
    std::size_t blank = 0;  // trim() counts leading blanks into its offset: not ours to move
    if (trim(s, blank).empty()) return out;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || (s[i] == ',' && depth == 0)) {
            std::size_t off = offset + start;
            std::string_view piece = trim(s.substr(start, i - start), off);
            out.push_back({piece, off});
            start = i + 1;
        } else if (s[i] == '(' || s[i] == '[') {
            ++depth;
        } else if ((s[i] == ')' || s[i] == ']') && depth > 0) {
            --depth;
        }
    }
    return out;
}

std::optional<std::int64_t> parseInteger(std::string_view s) {
    bool neg = !s.empty() && s[0] == '-';
    if (neg) s.remove_prefix(1);
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        base = 16;
    }
    if (s.empty()) return std::nullopt;
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return neg ? -v : v;
}

bool isIdentifier(std::string_view s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])) != 0) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
    });
}

std::string_view firstWord(std::string_view s) {
    std::size_t e = 0;
    while (e < s.size() && std::isspace(static_cast<unsigned char>(s[e])) == 0) ++e;
    return s.substr(0, e);
}

std::string toLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<Displacement> splitDisplacement(std::string_view t) {
    const std::size_t open = t.find('(');
    if (open == std::string_view::npos || t.empty() || t.back() != ')') return std::nullopt;
    std::size_t off = 0;
    std::string_view before = trim(t.substr(0, open), off);
    Displacement d;
    d.base = trim(t.substr(open + 1, t.size() - open - 2), off);
    if (!before.empty()) {
        auto n = parseInteger(before);
        if (!n) return std::nullopt;
        d.offset = *n;
    }
    return d;
}

}  // namespace memlit::litmus
