// examples/ci/hardware-arm.yml: valid YAML (read with python3-yaml), an Arm runner, and every
// memlit command in it exists with the options it is given; its baseline is readable by
// compare and covers exactly the suite the workflow runs.

#include "cli/CompareCommand.hpp"
#include "cli/Options.hpp"
#include "runner/Process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace memlit;

namespace {

const std::string kRoot = std::string(MEMLIT_SOURCE_DIR) + "/";

// Prints the workflow as JSON: its env, the runs-on of every job, and every step's `run`.
const char* kReader = R"(import json, sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
jobs = doc["jobs"]
print(json.dumps({"env": doc.get("env", {}),
                  "runsOn": [j["runs-on"] for j in jobs.values()],
                  "runs": [s["run"] for j in jobs.values() for s in j["steps"] if "run" in s]}))
)";

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

/// `$NAME` and `"$NAME"` replaced by the workflow's env value (split into words).
std::vector<std::string> expand(const std::vector<std::string>& ws, const nlohmann::json& env) {
    std::vector<std::string> out;
    for (auto w : ws) {
        if (w.size() > 2 && w.front() == '"' && w.back() == '"') w = w.substr(1, w.size() - 2);
        if (w.size() > 1 && w[0] == '$' && env.contains(w.substr(1))) {
            for (const auto& v : words(env[w.substr(1)].get<std::string>())) out.push_back(v);
        } else {
            out.push_back(w);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("CI example: the Arm workflow is valid YAML and its memlit commands exist with their options",
          "[runner][ci]") {
    auto read = runner::runProcess({"python3", "-c", kReader, kRoot + "examples/ci/hardware-arm.yml"}, 60);
    INFO("needs python3 with python3-yaml (scripts/setup.sh): " << read.describe() << "\n" << read.err);
    REQUIRE(read.succeeded());
    auto wf = nlohmann::json::parse(read.out);
    CHECK(wf["runsOn"] == nlohmann::json::array({"ubuntu-24.04-arm"}));

    std::map<std::string, std::vector<std::string>> commands;  // subcommand -> its words
    for (const auto& run : wf["runs"]) {
        auto ws = expand(words(run.get<std::string>()), wf["env"]);
        auto at = std::find(ws.begin(), ws.end(), "build/memlit");
        if (at == ws.end()) continue;
        REQUIRE(at + 1 != ws.end());
        commands[*(at + 1)] = std::vector<std::string>(at + 2, ws.end());
    }
    REQUIRE(commands.count("run") == 1);
    REQUIRE(commands.count("compare") == 1);
    const std::pair<const char*, cli::Command> kinds[] = {{"run", cli::Command::Run},
                                                          {"compare", cli::Command::Compare}};
    for (const auto& [name, kind] : kinds) {
        auto spellings = cli::optionSpellings(kind);
        for (const auto& w : commands[name]) {
            INFO(name << " " << w);
            if (w.size() > 1 && w[0] == '-') CHECK(std::find(spellings.begin(), spellings.end(), w) != spellings.end());
        }
    }

    // The suite's files exist and are exactly the tests of the baseline.
    std::vector<std::string> suite, baselineFiles;
    for (const auto& w : commands["run"])
        if (w.size() > 8 && w.compare(w.size() - 7, 7, ".litmus") == 0) suite.push_back(w);
    REQUIRE_FALSE(suite.empty());
    for (const auto& f : suite) {
        INFO(f);
        CHECK(std::filesystem::exists(kRoot + f));
    }
    const std::string baseline = kRoot + wf["env"]["BASELINE"].get<std::string>();
    std::ifstream in(baseline);
    auto doc = nlohmann::json::parse(in);
    for (const auto& t : doc["tests"]) baselineFiles.push_back(t["file"].get<std::string>());
    CHECK(baselineFiles == suite);

    // compare reads the baseline, with and without --strict.
    for (const std::vector<std::string>& args : {std::vector<std::string>{baseline, baseline},
                                                 std::vector<std::string>{"--strict", baseline, baseline}}) {
        std::ostringstream out, err;
        CHECK(cli::compareCommand(args, out, err) == 0);
    }
}
