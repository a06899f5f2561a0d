#pragma once
/// OptionValues: reading the values of numeric options (whole numbers, run's decimal numbers,
/// `--shard K/N`), apart from Options.cpp so that file stays about CLI11's definitions.

#include "cli/Options.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace memlit::cli {

/// Whole decimal number, as check has always read its numeric options.
std::optional<std::uint64_t> wholeNumber(const std::optional<std::string>& s);
/// Non-negative decimal number (fractions and exponents allowed), as run reads its options.
std::optional<double> runNumber(const std::string& s);
/// `K/N` with 1 <= K <= N into `a`'s shard; false otherwise.
bool shardValue(const std::string& s, CheckArgs& a);
/// One of run's numeric options; false when `v` is not a valid value for it.
bool runNumberOption(const std::string& name, const std::string& v, RunArgs& a, bool& secondsGiven);

}  // namespace memlit::cli
