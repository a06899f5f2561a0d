// Every JSON memlit reads or writes: one object per checked test, and the hardware run's
// document that `compare` reads back. The only translation unit that includes nlohmann/json
// (it costs seconds to compile).
#include "report/Report.hpp"
#include "report/RunReport.hpp"

#include "litmus/State.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace memlit::report {


void printJson(std::ostream& out, const CheckReport& rep) {
    nlohmann::ordered_json j;
    j["file"] = rep.file;
    j["name"] = rep.test ? rep.test->name : "";
    j["arch"] = rep.test ? rep.test->arch : "";
    j["model"] = rep.model;
    if (rep.test && rep.result) {
        const auto& t = *rep.test;
        const auto& r = *rep.result;
        j["status"] = r.unknown ? "unknown" : "ok";
        j["kind"] = conditionKind(t.condition);
        j["condition"] = t.condition.text;
        auto states = nlohmann::ordered_json::array();
        for (const auto& s : r.states) {
            nlohmann::ordered_json o;
            for (std::size_t i = 0; i < r.places.size(); ++i)
                o[litmus::formatPlace(r.places[i])] = litmus::formatValue(s.values[i]);
            o["condition"] = litmus::evalProp(t.condition.prop, r.places, s);
            states.push_back(std::move(o));
        }
        j["states"] = std::move(states);
        j["verdict"] = r.ok ? "Ok" : "No";
        j["observation"] = observation(t, r);
        const auto [pos, neg] = witnesses(t, r);
        j["positive"] = pos;  // as herd's Witnesses line
        j["negative"] = neg;
        j["countsExact"] = r.countsExact;
        j["flags"] = r.flags;
        auto site = [&](const engine::EventSite& s) {
            return nlohmann::ordered_json{{"thread", s.thread}, {"text", s.text}, {"line", s.loc.line},
                                          {"col", s.loc.col}, {"where", formatSite(rep.file, s)}};
        };
        auto state = [&](const litmus::State& s) {
            nlohmann::ordered_json o = nlohmann::ordered_json::object();
            for (std::size_t i = 0; i < r.places.size(); ++i)
                o[litmus::formatPlace(r.places[i])] = litmus::formatValue(s.values[i]);
            return o;
        };
        if (std::find(r.declaredFlags.begin(), r.declaredFlags.end(), kDataRace) != r.declaredFlags.end()) {
            j["dataRaceFree"] = raceFree(r);
            auto races = nlohmann::ordered_json::array();
            for (const auto& p : r.flagPairs) {
                if (p.flag != kDataRace) continue;
                nlohmann::ordered_json race;
                race["accesses"] = nlohmann::ordered_json::array({site(p.a), site(p.b)});
                race["witness"] = p.witness ? state(*p.witness) : nlohmann::ordered_json();
                races.push_back(std::move(race));
            }
            j["races"] = std::move(races);
        }
        auto halts = nlohmann::ordered_json::array();
        for (const auto& h : r.halts) {
            nlohmann::ordered_json o;
            o["kind"] = haltOutcomeName(h);
            auto sites = nlohmann::ordered_json::array();
            for (const auto& s : h.sites) {
                auto x = site(s.site);
                x["halt"] = haltKindName(s.kind);
                x["what"] = s.what;
                sites.push_back(std::move(x));
            }
            o["sites"] = std::move(sites);
            halts.push_back(std::move(o));
        }
        j["halts"] = std::move(halts);
    } else {
        j["status"] = rep.unsupported ? "unsupported" : "error";
    }
    j["time"] = rep.seconds;
    j["errors"] = rep.errors;
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';  // bad UTF-8 becomes U+FFFD
}

// ---- hardware runs ----


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
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
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
