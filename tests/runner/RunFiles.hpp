#pragma once
/// Litmus texts and a scratch directory for the tests that drive `memlit run` end to end.

#include "runner/Process.hpp"

#include <fstream>
#include <optional>
#include <string>

namespace memlit::testing {

inline const char* const kRunSB = "X86 SB\n{ }\n"
                                  " P0          | P1          ;\n"
                                  " MOV [x],$1  | MOV [y],$1  ;\n"
                                  " MOV EAX,[y] | MOV EAX,[x] ;\n"
                                  "exists (0:EAX=0 /\\ 1:EAX=0)\n";

/// A private temporary directory (removed with it) to write litmus files into.
struct RunDir {
    explicit RunDir(const std::string& prefix) : dir(runner::TempDir::create(prefix, error)) {}
    std::string error;
    std::optional<runner::TempDir> dir;
    std::string write(const std::string& name, const std::string& text) {
        std::string p = dir->path() + "/" + name;
        std::ofstream(p) << text;
        return p;
    }
};

}  // namespace memlit::testing
