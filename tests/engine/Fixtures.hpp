#pragma once
/// Helpers shared by the golden, differential and property tests: the fixture files of an
/// architecture and their `.expected` companions.

#include "litmus/Parser.hpp"
#include "litmus/State.hpp"
#include "cat/Model.hpp"
#include "engine/BruteForce.hpp"
#include "engine/PreparedTest.hpp"
#include "engine/smt/Z3Engine.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace memlit::testing {

inline std::string sourceDir() { return MEMLIT_SOURCE_DIR; }

/// Sorted paths of tests/litmus/<arch>/*.litmus.
inline std::vector<std::string> fixtures(const std::string& arch) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(sourceDir() + "/tests/litmus/" + arch))
        if (e.path().extension() == ".litmus") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

/// Expected results per model: the state lines and the verdict.
struct Expected {
    std::vector<std::string> states;
    std::string verdict;
};

/// Reads `<name>.expected`: blocks `model M`, state lines, `verdict Ok|No`.
inline std::map<std::string, Expected> readExpected(const std::string& litmusPath) {
    std::string path = litmusPath.substr(0, litmusPath.size() - 7) + ".expected";
    std::ifstream in(path);
    std::map<std::string, Expected> out;
    std::string line, model;
    while (std::getline(in, line)) {
        if (line.rfind("model ", 0) == 0) model = line.substr(6);
        else if (line.rfind("verdict ", 0) == 0) out[model].verdict = line.substr(8);
        else if (!line.empty()) out[model].states.push_back(line);
    }
    return out;
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A bundled model; the test fails (showing the diagnostics) if it does not load.
inline cat::Model model(const std::string& name) {
    Diagnostics d;
    auto m = cat::loadModel(name, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(m);
    return *m;
}

/// A model written in the test (`file` names it in diagnostics); the test fails, showing the
/// diagnostics, if it does not parse.
inline cat::Model modelFromText(const std::string& text, const std::string& file) {
    Diagnostics d;
    auto m = cat::parseModel(text, file, d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(m);
    return *m;
}

/// A fixture file; the test fails (showing the diagnostics) if it does not parse.
inline litmus::LitmusTest parse(const std::string& path) {
    Diagnostics d;
    auto t = litmus::loadLitmus(path, d);
    INFO(path);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    return *t;
}

/// An engine over unprepared tests: each call prepares the test, then checks it.
template <class E>
class Checker {
public:
    std::optional<engine::CheckResult> check(const litmus::LitmusTest& test, const cat::Model& model,
                                             const engine::CheckOptions& options, Diagnostics& diags) {
        auto prepared = engine::prepare(test, diags);
        if (!prepared) return std::nullopt;
        return engine_.check(*prepared, model, options, diags);
    }

private:
    E engine_;
};
using Z3Checker = Checker<engine::smt::Z3Engine>;

/// The enumerator's result on `test` (what the differential tests compare Z3 with).
inline std::optional<engine::CheckResult> bruteForce(const litmus::LitmusTest& test, const cat::Model& model,
                                                     Diagnostics& diags) {
    return Checker<engine::BruteForceEngine>().check(test, model, {}, diags);
}

/// The states of a result as herd prints them.
inline std::vector<std::string> stateLines(const engine::CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& s : r.states) out.push_back(litmus::formatState(r.places, s));
    return out;
}

/// The halt sites some execution of a result reaches, sorted, whichever execution reports
/// them (the two engines group sites into executions differently).
inline std::vector<engine::HaltSiteReport> haltSites(const engine::CheckResult& r) {
    std::vector<engine::HaltSiteReport> out;
    for (const auto& h : r.halts)
        for (const auto& s : h.sites)
            if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace memlit::testing
