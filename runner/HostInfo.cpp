#include "runner/HostInfo.hpp"

#include <fstream>
#include <thread>

namespace memlit::runner {

HostInfo hostInfo() {
    HostInfo h{"unknown", static_cast<int>(std::thread::hardware_concurrency())};
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    // x86 says "model name"; Arm kernels often only give "Model" or nothing useful.
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) != 0 && line.rfind("Model", 0) != 0) continue;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        auto start = line.find_first_not_of(' ', colon + 1);
        if (start != std::string::npos) h.cpu = line.substr(start);
        break;
    }
    return h;
}

}  // namespace memlit::runner
