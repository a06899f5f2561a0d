#include "cat/CatFiles.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace memlit::cat {

std::optional<std::string> readFile(const std::string& path) {
    if (std::error_code ec; std::filesystem::is_directory(path, ec)) return std::nullopt;  // reads as empty: not a model
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string canonical(const std::string& path) {
    std::error_code ec;
    auto p = std::filesystem::weakly_canonical(std::filesystem::path(path), ec);
    return ec ? path : p.string();
}

}  // namespace memlit::cat
