// Runs every `$ memlit ...` command of docs/tutorial.md and compares its output with the text
// printed there (the Time line aside), so the tutorial cannot drift from the tool. A picture
// a command draws (`--svg docs/pictures/X.svg`) is drawn to a scratch file and compared with
// the committed one, which the tutorial shows; every program or model it shows in a plain
// block is the text of a file under examples/.

#include "cli/Cli.hpp"
#include "tests/engine/Fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace memlit;

namespace {

struct Example {
    std::vector<std::string> args;
    std::string expected;
};

struct Tutorial {
    std::vector<Example> commands;
    std::vector<std::string> shown;  // the plain blocks: programs and models
};

/// A command's words; a word in double quotes may hold spaces (`--outcome "0:EAX=0; 1:EAX=0;"`).
std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false, any = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
            any = true;
        } else if (c == ' ' && !quoted) {
            if (any || !cur.empty()) out.push_back(cur);
            cur.clear();
            any = false;
        } else {
            cur += c;
        }
    }
    if (any || !cur.empty()) out.push_back(cur);
    return out;
}

Tutorial read(const std::string& markdown) {
    Tutorial t;
    std::istringstream in(markdown);
    std::string line, block;
    enum { None, Console, Plain, Other } in_block = None;
    Example cur;
    while (std::getline(in, line)) {
        if (in_block == None && line.rfind("```", 0) == 0) {
            in_block = line == "```console" ? Console : line == "```" ? Plain : Other;
            cur = {};
            block.clear();
        } else if (in_block != None && line == "```") {
            if (in_block == Console) t.commands.push_back(cur);
            if (in_block == Plain) t.shown.push_back(block);
            in_block = None;
        } else if (in_block == Console && line.rfind("$ memlit ", 0) == 0) {
            cur.args = words(line.substr(9));
        } else if (in_block == Console) {
            cur.expected += line + "\n";
        } else if (in_block == Plain) {
            block += line + "\n";
        }
    }
    return t;
}

std::string normalizeTime(const std::string& s) {
    return std::regex_replace(s, std::regex("Time (\\S+) [0-9.]+"), "Time $1 T");
}

std::string scratch(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("memlit-tutorial-" + std::to_string(::getpid()) + "-" + std::filesystem::path(name).filename().string()))
        .string();
}

}  // namespace

TEST_CASE("Tutorial: every command prints what docs/tutorial.md shows", "[cli][docs]") {
    std::filesystem::current_path(testing::sourceDir());
    const Tutorial t = read(testing::readFile("docs/tutorial.md"));
    REQUIRE(t.commands.size() >= 5);
    std::set<std::string> drawn;
    for (auto ex : t.commands) {
        INFO("memlit " << [&] {
            std::string s;
            for (const auto& a : ex.args) s += a + " ";
            return s;
        }());
        // A picture goes to a scratch file, to compare with the committed one.
        std::vector<std::pair<std::string, std::string>> pictures;  // committed, scratch
        for (std::size_t i = 0; i + 1 < ex.args.size(); ++i)
            if (ex.args[i] == "--svg" || ex.args[i] == "--dot") {
                pictures.push_back({ex.args[i + 1], scratch(ex.args[i + 1])});
                ex.args[i + 1] = pictures.back().second;
            }
        std::ostringstream out, err;
        int status = cli::run(ex.args, out, err);
        CHECK(status == 0);
        // The block ends with the last line of output; our blocks end with a blank line.
        std::string got = out.str();
        while (!got.empty() && got.back() == '\n' && got.size() >= 2 && got[got.size() - 2] == '\n')
            got.pop_back();
        CHECK(normalizeTime(got) == normalizeTime(ex.expected));
        for (const auto& [committed, fresh] : pictures) {
            INFO(committed << " differs from what the command draws now: run it to update the file");
            REQUIRE(std::filesystem::exists(committed));
            CHECK(testing::readFile(committed) == testing::readFile(fresh));
            std::filesystem::remove(fresh);
            drawn.insert(committed);
        }
    }
    // Every picture the tutorial shows is one of those, drawn by a command it shows.
    const std::string text = testing::readFile("docs/tutorial.md");
    const std::regex image(R"(!\[[^\]]*\]\(([^)]+)\))");
    std::size_t images = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), image); it != std::sregex_iterator(); ++it, ++images) {
        INFO((*it)[1].str());
        CHECK(drawn.count("docs/" + (*it)[1].str()) == 1);
    }
    CHECK(images >= 3);
}

TEST_CASE("Tutorial: every program and model it shows is a file under examples/", "[cli][docs]") {
    std::filesystem::current_path(testing::sourceDir());
    const Tutorial t = read(testing::readFile("docs/tutorial.md"));
    std::set<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator("examples"))
        if (e.is_regular_file()) files.insert(testing::readFile(e.path().string()));
    REQUIRE(t.shown.size() >= 5);
    for (const auto& block : t.shown) {
        INFO(block);
        CHECK(files.count(block) == 1);
    }
}
