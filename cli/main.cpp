#include "cli/Cli.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return memlit::cli::run(args, std::cout, std::cerr, memlit::cli::Lifetime::Process);
}
