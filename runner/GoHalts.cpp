#include "runner/GoHalts.hpp"

#include <algorithm>

namespace memlit::runner {

namespace {

bool dropPrefix(std::string& s, const std::string& prefix) {
    if (s.rfind(prefix, 0) != 0) return false;
    s.erase(0, prefix.size());
    return true;
}

}  // namespace

std::string goHaltLabel(const std::string& message) {
    std::string s = message;
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    while (dropPrefix(s, "panic: ") || dropPrefix(s, "fatal error: ") || dropPrefix(s, "runtime error: ") ||
           dropPrefix(s, "sync: ")) {
    }
    if (s.find("all goroutines are asleep") != std::string::npos) return kGoDeadlock;
    // Go appends " [recovered]" or a goroutine count to some messages; the kind is what counts.
    for (const char* kind : {"index out of range", "slice bounds out of range", "integer divide by zero",
                             "concurrent map writes", "concurrent map read and map write",
                             "concurrent map iteration and map write"})
        if (s.find(kind) != std::string::npos) return std::string("panic: ") + kind;
    if (s.find("nil pointer dereference") != std::string::npos) return "panic: nil dereference";
    return "panic: " + s;
}

std::optional<std::string> goRunHalt(const std::string& err) {
    const std::size_t best = std::min(err.find("panic: "), err.find("fatal error: "));
    if (best == std::string::npos) return std::nullopt;
    return goHaltLabel(err.substr(best, err.find('\n', best) - best));
}

}  // namespace memlit::runner
