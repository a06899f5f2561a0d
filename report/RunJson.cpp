#include "report/RunReport.hpp"

#include <nlohmann/json.hpp>

namespace memlit::report {

namespace {

using Json = nlohmann::ordered_json;

Json testJson(const runner::RunReport& r) {
    Json t;
    t["name"] = r.name;
    t["file"] = r.file;
    t["arch"] = r.arch;
    t["execution"] = r.execution;
    t["model"] = r.model;
    t["status"] = runner::statusName(r.status);
    t["message"] = r.message;
    t["threads"] = r.threads;
    t["cpus"] = r.cpus;
    t["pinned"] = r.pinned;
    t["iterations"] = r.iterations;
    t["seconds"] = r.seconds;
    t["condition"] = r.condition.text;
    Json hist = Json::array();
    for (const auto& row : r.observed)
        hist.push_back({{"state", litmus::formatState(r.places, row.state)},
                        {"count", row.count},
                        {"allowed", row.allowed},
                        {"condition", row.satisfies}});
    t["histogram"] = hist;
    Json unseen = Json::array();
    for (const auto& row : r.unseen)
        unseen.push_back({{"state", litmus::formatState(r.places, row.state)},
                          {"condition", row.satisfies}});
    t["unseen"] = unseen;
    t["verdict"] = {{"ok", r.ok},
                    {"observation", r.observation()},
                    {"positive", r.positive},
                    {"negative", r.negative},
                    {"forbidden", r.forbiddenStates}};
    if (r.raceDetected)
        t["raceDetector"] = {{"fired", *r.raceDetected},
                             {"modelRace", r.modelRace.value_or(false)},
                             {"disagreement", r.raceDisagreement()}};
    return t;
}

}  // namespace

void printRunJson(std::ostream& out, const RunSummary& s, const std::vector<runner::RunReport>& reports) {
    Json doc;
    doc["memlit"] = MEMLIT_VERSION;
    doc["host"] = {{"cpu", s.host.cpu}, {"cores", s.host.cores}};
    doc["compiler"] = {{"command", s.compiler}, {"version", s.compilerVersion}, {"flags", s.compilerFlags}};
    if (!s.targetName.empty())
        doc["target"] = {{"name", s.targetName}, {"arch", s.targetArch}, {"execution", s.targetExecution}};
    doc["model"] = s.model;
    doc["iterations"] = s.iterations;
    doc["seconds"] = s.seconds;
    doc["wallSeconds"] = s.wallSeconds;
    Json tests = Json::array();
    for (const auto& r : reports) tests.push_back(testJson(r));
    doc["tests"] = tests;
    out << doc.dump(2) << "\n";
}

std::optional<std::vector<runner::ResultTest>> readRunResults(std::istream& in, std::string& error) {
    try {
        auto doc = nlohmann::json::parse(in);
        std::vector<runner::ResultTest> tests;
        for (const auto& t : doc.at("tests")) {
            runner::ResultTest r;
            r.name = t.at("name").get<std::string>();
            r.status = t.value("status", std::string("ok"));
            if (t.contains("histogram"))
                for (const auto& s : t.at("histogram"))
                    r.states.push_back({s.at("state").get<std::string>(),
                                        s.at("count").get<std::uint64_t>(), s.value("allowed", true)});
            tests.push_back(std::move(r));
        }
        return tests;
    } catch (const nlohmann::json::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

}  // namespace memlit::report
