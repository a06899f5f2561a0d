#pragma once
/// Helpers shared by the cat tests: diagnostics as lines, temporary model directories.

#include "support/Diagnostics.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace memlit::cattest {

inline std::vector<std::string> lines(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.all()) out.push_back(Diagnostics::format(x));
    return out;
}

/// A fresh directory under the system temp dir, removed on destruction.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("memlit-cat-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string write(const std::string& name, const std::string& text) const {
        const auto p = path / name;
        std::ofstream(p) << text;
        return p.string();
    }
};

}  // namespace memlit::cattest
