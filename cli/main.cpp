#include "cli/Cli.hpp"
#include "engine/smt/Z3Engine.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const int code = memlit::cli::run(args, std::cout, std::cerr, memlit::cli::Lifetime::Process);
    // A Z3 context cancelled at a test's --timeout may still be being freed on its own thread,
    // for seconds: the answer is out, so end now (output flushed) instead of waiting for it or
    // tearing the process down under it. Otherwise end as usual (at-exit leak checks included).
    if (memlit::engine::smt::Z3Engine::freeingContexts()) {
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
        std::_Exit(code);
    }
    return code;
}
