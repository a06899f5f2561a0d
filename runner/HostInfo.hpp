#pragma once
/// HostInfo: the machine a run happened on, recorded in `memlit run --json` output.

#include <string>

namespace memlit::runner {

struct HostInfo {
    std::string cpu;  // /proc/cpuinfo "model name" (or "unknown")
    int cores = 0;    // online CPUs
};

HostInfo hostInfo();

}  // namespace memlit::runner
