// Runs every `$ memlit ...` command of docs/tutorial.md and compares its output with the text
// printed there (the Time line aside), so the tutorial cannot drift from the tool.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>

using namespace memlit;

namespace {

struct Example {
    std::vector<std::string> args;
    std::string expected;
};

std::vector<Example> examples(const std::string& markdown) {
    std::vector<Example> out;
    std::istringstream in(markdown);
    std::string line;
    bool inBlock = false;
    Example cur;
    while (std::getline(in, line)) {
        if (!inBlock && line == "```console") {
            inBlock = true;
            cur = {};
        } else if (inBlock && line == "```") {
            inBlock = false;
            out.push_back(cur);
        } else if (inBlock && line.rfind("$ memlit ", 0) == 0) {
            std::istringstream words(line.substr(9));
            std::string w;
            while (words >> w) cur.args.push_back(w);
        } else if (inBlock) {
            cur.expected += line + "\n";
        }
    }
    return out;
}

std::string normalizeTime(const std::string& s) {
    return std::regex_replace(s, std::regex("Time (\\S+) [0-9.]+"), "Time $1 T");
}

}  // namespace

TEST_CASE("Tutorial: every command prints what docs/tutorial.md shows", "[cli][docs]") {
    std::filesystem::current_path(testing::sourceDir());
    auto all = examples(testing::readFile("docs/tutorial.md"));
    REQUIRE(all.size() >= 5);
    for (const auto& ex : all) {
        std::ostringstream out, err;
        int status = cli::run(ex.args, out, err);
        INFO(ex.args.back());
        CHECK(status == 0);
        // The block ends with the last line of output; our blocks end with a blank line.
        std::string got = out.str();
        while (!got.empty() && got.back() == '\n' && got.size() >= 2 && got[got.size() - 2] == '\n')
            got.pop_back();
        CHECK(normalizeTime(got) == normalizeTime(ex.expected));
    }
}
