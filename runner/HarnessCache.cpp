#include "runner/HarnessCache.hpp"

#include "runner/Process.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include <unistd.h>

namespace memlit::runner {

namespace {

/// Everything the binary depends on, as one text: the key is its hash, and the text itself
/// is stored beside the binary and compared on lookup, so a hash collision is a miss.
std::string identity(const HarnessBuild& b) {
    std::string s;
    for (const auto& w : b.buildCommand) s += w + '\n';
    s += b.sourceName + '\n';
    s += b.code;
    return s;
}

std::string hexHash(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string readAll(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

/// A name no other writer uses at the same moment: this process and thread.
std::string privateSuffix() {
    std::ostringstream s;
    s << ".tmp." << ::getpid() << "." << std::this_thread::get_id();
    return s.str();
}

}  // namespace

std::optional<std::string> HarnessCache::find(const HarnessBuild& build) const {
    const std::string id = identity(build);
    const std::string base = dir_ + "/" + hexHash(id);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(base + ".bin", ec)) return std::nullopt;
    if (readAll(base + ".key") != id) return std::nullopt;
    return base + ".bin";
}

bool HarnessCache::store(const HarnessBuild& build, const std::string& binary) const {
    const std::string id = identity(build);
    const std::string base = dir_ + "/" + hexHash(id);
    const std::string tmp = privateSuffix();
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    {
        std::ofstream k(base + ".key" + tmp, std::ios::binary);
        k << id;
        if (!k.flush()) return false;
    }
    std::filesystem::copy_file(binary, base + ".bin" + tmp, std::filesystem::copy_options::overwrite_existing, ec);
    // The key first: a reader that sees the binary then finds the key that belongs to it.
    if (!ec) std::filesystem::rename(base + ".key" + tmp, base + ".key", ec);
    if (!ec) std::filesystem::rename(base + ".bin" + tmp, base + ".bin", ec);
    std::filesystem::remove(base + ".key" + tmp, ec);
    std::filesystem::remove(base + ".bin" + tmp, ec);
    return !ec;
}

void compileIntoCache(const HarnessBuild& build, const RunOptions& options) {
    HarnessCache cache(options.cacheDir);
    if (options.cacheDir.empty() || cache.find(build)) return;
    std::string error;
    auto dir = TempDir::create("memlit-run-", error);
    if (!dir) return;
    const std::string src = dir->path() + "/" + build.sourceName;
    const std::string bin = dir->path() + "/harness";
    {
        std::ofstream f(src);
        f << build.code;
        if (!f.flush()) return;
    }
    std::vector<std::string> cc = build.buildCommand;
    for (auto& w : cc) w = w == "SRC" ? src : w == "BIN" ? bin : w;
    if (runProcess(cc, options.compileTimeout, dir->path()).succeeded()) cache.store(build, bin);
}

}  // namespace memlit::runner
