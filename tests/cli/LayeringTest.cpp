// Where the heavy or layer-specific headers may be included: JSON only in report/, CLI11 only
// in cli/Options.cpp (each costs seconds of compile time per translation unit).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

/// Repository-relative paths of the product sources (not tests) that include `header`.
std::vector<std::string> includersOf(const std::string& header) {
    namespace fs = std::filesystem;
    const fs::path root = MEMLIT_SOURCE_DIR;
    std::vector<std::string> found;
    for (const char* dir : {"support", "litmus", "cat", "engine", "report", "runner", "cli"})
        for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
            const auto ext = e.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            std::ifstream in(e.path());
            std::string line;
            while (std::getline(in, line))
                if (line.rfind("#include", 0) == 0 && line.find(header) != std::string::npos) {
                    found.push_back(fs::relative(e.path(), root).generic_string());
                    break;
                }
        }
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace

TEST_CASE("Layering: only report/ includes nlohmann/json", "[cli]") {
    const auto files = includersOf("<nlohmann/json.hpp>");
    CHECK_FALSE(files.empty());
    for (const auto& f : files) {
        INFO(f);
        CHECK(f.rfind("report/", 0) == 0);
    }
}

TEST_CASE("Layering: only cli/Options.cpp includes CLI11", "[cli]") {
    CHECK(includersOf("<CLI/") == std::vector<std::string>{"cli/Options.cpp"});
}
