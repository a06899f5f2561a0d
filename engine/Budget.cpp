#include "engine/Budget.hpp"

#include <cstdio>
#include <unistd.h>

namespace memlit::engine {

void Budget::check() const {
    if (stopped()) throw BudgetExceeded(BudgetExceeded::Kind::Stopped);
    if (!deadline_ && maxResident_ == 0) return;
    const Clock::time_point now = Clock::now();
    if (deadline_ && now >= *deadline_) throw BudgetExceeded(BudgetExceeded::Kind::Time);
    if (maxResident_ == 0 || now < nextMemoryLook_) return;
    nextMemoryLook_ = now + std::chrono::milliseconds(5);
    if (residentBytes() > maxResident_) throw BudgetExceeded(BudgetExceeded::Kind::Memory);
}

std::optional<unsigned> Budget::remainingMs() const {
    if (!deadline_) return std::nullopt;
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(*deadline_ - Clock::now()).count();
    if (left <= 0) return 1u;
    const auto ms = (left + 999) / 1000;
    return ms > 0xFFFFFFF ? 0xFFFFFFFu : static_cast<unsigned>(ms);
}

std::uint64_t residentBytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long long size = 0, resident = 0;
    const int got = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    if (got != 2) return 0;
    const long page = sysconf(_SC_PAGESIZE);
    return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

}  // namespace memlit::engine
