#pragma once
/// A scratch directory for the robustness tests, and `memlit` run in-process on files in it,
/// with the directory's path taken out of what it prints so expected lines stay short.

#include "cli/Cli.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace memlit::testing {

struct Outcome {
    int status;
    std::string out, err;  // the scratch directory's path and '/' removed
};

class ScratchDir {
public:
    explicit ScratchDir(const std::string& tag) {
        path_ = std::filesystem::temp_directory_path() /
                ("memlit-" + tag + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::string path(const std::string& name) const { return (path_ / name).string(); }
    std::string write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path_ / name, std::ios::binary) << bytes;
        return path(name);
    }
    /// `memlit ARGS...`, each argument naming a file of this directory by its bare name when
    /// such a file (or directory) exists.
    Outcome run(std::vector<std::string> args) const {
        for (auto& a : args) {
            std::error_code ec;
            if (!a.empty() && a[0] != '-' && std::filesystem::exists(path_ / a, ec)) a = path(a);
        }
        std::ostringstream out, err;
        const int status = static_cast<int>(cli::run(args, out, err));
        return {status, strip(out.str()), strip(err.str())};
    }

private:
    std::string strip(std::string s) const {
        const std::string prefix = path_.string() + "/";
        for (std::size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
        const std::string bare = path_.string();
        for (std::size_t at; (at = s.find(bare)) != std::string::npos;) s.replace(at, bare.size(), "DIR");
        return s;
    }
    std::filesystem::path path_;
};

/// The first line of `s`.
inline std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace memlit::testing
