#include "litmus/ThreadBuilder.hpp"

namespace memlit::litmus {

ThreadBuilder::ThreadBuilder(int thread, const std::string& file, Diagnostics& diags)
    : thread_(thread), file_(file), diags_(diags) {}

Thread ThreadBuilder::take() {
    Thread t;
    t.name = "P" + std::to_string(thread_);
    t.ops = std::move(ops_);
    ops_.clear();
    return t;
}

}  // namespace memlit::litmus
