#pragma once
/// HarnessCache: compiled harnesses kept by exactly what they were built from (the build command
/// and the source text), so a batch can compile ahead in parallel (`run --jobs`) and a rerun
/// with `--cache DIR` compiles nothing it compiled before.

#include "runner/Runner.hpp"

#include <optional>
#include <string>

namespace memlit::runner {

class HarnessCache {
public:
    explicit HarnessCache(std::string dir) : dir_(std::move(dir)) {}

    /// The cached binary for `build`, when one was stored for this very command and source.
    std::optional<std::string> find(const HarnessBuild& build) const;
    /// Copies `binary`, built from `build`, into the cache (by rename of a private copy, so
    /// concurrent writers and readers never see half a file); false when it could not.
    bool store(const HarnessBuild& build, const std::string& binary) const;

private:
    std::string dir_;
};

/// Compiles `build` into `options.cacheDir` unless it is there already: the compile-ahead
/// step of a batch. A failure is not reported here: the test's own turn builds it again and
/// reports the compiler's message as a run without the cache would.
void compileIntoCache(const HarnessBuild& build, const RunOptions& options);

}  // namespace memlit::runner
