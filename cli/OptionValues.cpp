#include "cli/OptionValues.hpp"

#include <exception>

namespace memlit::cli {

/// Whole decimal number, as check has always read its numeric options.
std::optional<std::uint64_t> wholeNumber(const std::optional<std::string>& s) {
    if (!s || s->empty() || s->size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : *s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

/// Non-negative decimal number (fractions and exponents allowed), as run reads its options.
std::optional<double> runNumber(const std::string& s) {
    try {
        std::size_t used = 0;
        double v = std::stod(s, &used);
        if (used == s.size() && v >= 0) return v;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

/// `K/N` with 1 <= K <= N.
bool shardValue(const std::string& s, CheckArgs& a) {
    const std::size_t slash = s.find('/');
    if (slash == std::string::npos) return false;
    auto k = wholeNumber(s.substr(0, slash)), n = wholeNumber(s.substr(slash + 1));
    if (!k || !n || *k < 1 || *k > *n || *n > 1000000) return false;
    a.shardIndex = static_cast<unsigned>(*k);
    a.shardCount = static_cast<unsigned>(*n);
    return true;
}

/// One of run's numeric options; false when `v` is not a valid value for it.
bool runNumberOption(const std::string& name, const std::string& v, RunArgs& a, bool& secondsGiven) {
    auto num = runNumber(v);
    if (!num) return false;
    const auto count = static_cast<std::uint64_t>(*num);
    if (name == "--iterations" && *num >= 1) a.run.iterations = count;
    else if (name == "--instances" && *num >= 1) a.run.instances = count;
    else if (name == "--sync-every" && *num >= 1) a.run.syncEvery = count;
    else if (name == "--workers" && *num >= 1 && *num <= 1024 && *num == static_cast<unsigned>(*num))
        a.run.workers = static_cast<unsigned>(*num);
    else if (name == "--seconds") {
        a.run.seconds = *num;
        secondsGiven = true;
    } else if (name == "--timeout" && *num > 0) a.run.timeout = *num;
    else if (name == "--unroll" && *num <= 16 && *num == static_cast<int>(*num)) a.parse.unroll = static_cast<int>(*num);
    else if (name == "--jobs" && *num >= 1 && *num <= 1024 && *num == static_cast<unsigned>(*num))
        a.jobs = static_cast<unsigned>(*num);
    else return false;
    return true;
}

}  // namespace memlit::cli
