// memlit explain, text and JSON, against golden files checked by hand
// (tests/report/explain/NAME.txt and NAME.json). MEMLIT_UPDATE_GOLDEN=1 rewrites them.

#include "cli/Cli.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string kRoot = MEMLIT_SOURCE_DIR;

struct Case {
    const char* name;
    const char* file;                 // under tests/litmus
    std::vector<std::string> options;
};

const std::vector<Case>& cases() {
    static const std::vector<Case> all{
        {"SB-sc", "X86/SB.litmus", {"--model", "sc"}},
        {"SB-tso", "X86/SB.litmus", {}},
        {"SB+mfences-tso", "X86/SB+mfences.litmus", {}},
        {"SB-sc-skip", "X86/SB.litmus", {"--model", "sc", "--skip-check", "sc"}},
        {"SB-sc-outcome", "X86/SB.litmus", {"--model", "sc", "--outcome", "0:EAX=0;"}},
        {"SB-tso-outcome-allowed", "X86/SB.litmus", {"--outcome", "0:EAX=1; 1:EAX=1;"}},
        {"IRIW-tso", "X86/IRIW.litmus", {}},
        {"LB-tso", "X86/LB.litmus", {}},
        {"2+2W-tso", "X86/2+2W.litmus", {}},
        {"CoRR-tso", "X86/CoRR.litmus", {}},
        {"MP-aarch64", "AArch64/MP.litmus", {}},
        {"MP+dmb.sy+addr-aarch64", "AArch64/MP+dmb.sy+addr.litmus", {}},
        {"MP+dmb.sy+addr-aarch64-allowed", "AArch64/MP+dmb.sy+addr.litmus", {"--outcome", "1:X0=1; 1:X2=1;"}},
        {"MP-tso-allowed", "X86/MP.litmus", {"--outcome", "1:EAX=1; 1:EBX=1;"}},
        {"MP+dmb.sy+ctrlisb-aarch64", "AArch64/MP+dmb.sy+ctrlisb.litmus", {}},
        {"MP+popl+poap-aarch64", "AArch64/MP+popl+poap.litmus", {}},
        {"MP+relacq-c11", "C11/MP+relacq.litmus", {}},
        {"SB+rlx-c11", "C11/SB+rlx.litmus", {}},
        {"Free+racy-c11", "C11/Free+racy.litmus", {}},
        {"Kfree+double-lkmm", "LKMM/Kfree+double.litmus", {"--model", "lkmm"}},
        {"Go-MP-flag-plain", "go/G04-MP-flag-plain.litmus", {}},
        {"Go-MP-in-CS", "go/M02-MP-in-CS.litmus", {}},
        {"Go-lock-order", "go/D01-lock-order.litmus", {}},
        {"Go-recv-no-sender", "go/D02-recv-no-sender.litmus", {}},
    };
    return all;
}

/// The output with the source tree's path taken out, so the golden files hold none.
std::string relative(std::string s) {
    const std::string prefix = kRoot + "/";
    for (std::size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
    return s;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string explainOutput(const Case& c, bool json) {
    std::vector<std::string> args{"explain", kRoot + "/tests/litmus/" + c.file};
    args.insert(args.end(), c.options.begin(), c.options.end());
    if (json) args.push_back("--json");
    std::ostringstream out, err;
    const int status = memlit::cli::run(args, out, err);
    INFO(err.str());
    CHECK(status == 0);
    CHECK(err.str().empty());
    return relative(out.str());
}

}  // namespace

TEST_CASE("Explain: text and JSON match the golden files", "[explain]") {
    const bool update = std::getenv("MEMLIT_UPDATE_GOLDEN") != nullptr;
    for (const auto& c : cases()) {
        DYNAMIC_SECTION(c.name) {
            for (bool json : {false, true}) {
                const std::string path = kRoot + "/tests/report/explain/" + c.name + (json ? ".json" : ".txt");
                const std::string got = explainOutput(c, json);
                if (update) std::ofstream(path, std::ios::binary) << got;
                INFO(path);
                CHECK(got == readFile(path));
            }
        }
    }
}
