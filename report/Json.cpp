// Every JSON memlit reads or writes: one object per checked test, and the hardware run's
// document that `compare` reads back. The only translation unit that includes nlohmann/json
// (it costs seconds to compile).
#include "report/Report.hpp"
#include "report/RunReport.hpp"

#include "litmus/State.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace memlit::report {


void printJson(std::ostream& out, const CheckReport& rep) {
    nlohmann::ordered_json j;
    j["file"] = rep.file;
    j["name"] = rep.test ? rep.test->name : "";
    j["arch"] = rep.test ? rep.test->arch : "";
    j["model"] = rep.model;
    if (rep.total > 0) {
        j["index"] = rep.index;
        j["total"] = rep.total;
    }
    if (rep.test && !rep.limit.empty()) {
        j["status"] = "unknown";
        j["kind"] = conditionKind(rep.test->condition);
        j["condition"] = rep.test->condition.text;
        j["verdict"] = "Unknown (" + rep.limit + ")";
        j["limit"] = rep.limit;
    } else if (rep.test && rep.result) {
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
        j["verdict"] = verdictName(r);
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
        if (std::any_of(r.declaredFlags.begin(), r.declaredFlags.end(), isRaceFlag)) {
            j["dataRaceFree"] = raceFree(r);
            auto races = nlohmann::ordered_json::array();
            for (const auto& p : r.flagPairs) {
                if (!isRaceFlag(p.flag)) continue;
                nlohmann::ordered_json race;
                race["accesses"] = nlohmann::ordered_json::array({site(p.a), site(p.b)});
                race["witness"] = p.witness ? state(*p.witness) : nlohmann::ordered_json();
                races.push_back(std::move(race));
            }
            j["races"] = std::move(races);
        }
        auto memoryFlag = [](const std::string& f) { return f == kUseAfterFree || f == kDoubleFree; };
        if (std::any_of(r.declaredFlags.begin(), r.declaredFlags.end(), memoryFlag)) {
            auto errors = nlohmann::ordered_json::array();
            for (const auto& p : r.flagPairs) {
                if (!memoryFlag(p.flag)) continue;
                nlohmann::ordered_json e;
                e["flag"] = p.flag;
                e["events"] = nlohmann::ordered_json::array({site(p.a), site(p.b)});
                e["witness"] = p.witness ? state(*p.witness) : nlohmann::ordered_json();
                errors.push_back(std::move(e));
            }
            j["memoryErrors"] = std::move(errors);
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
    t["workers"] = r.workers;
    t["iterations"] = r.iterations;
    t["seconds"] = r.seconds;
    t["condition"] = r.condition.text;
    Json hist = Json::array();
    for (const auto& row : r.observed) {
        hist.push_back({{"state", litmus::formatState(r.places, row.state)},
                        {"count", row.count},
                        {"allowed", row.allowed},
                        {"condition", row.satisfies}});
        if (!row.halt.empty()) hist.back()["halt"] = row.halt;
        if (row.beyondBound) hist.back()["beyondBound"] = true;
        if (row.undefined) hist.back()["undefined"] = true;
    }
    t["histogram"] = hist;
    Json unseen = Json::array();
    for (const auto& row : r.unseen) {
        unseen.push_back({{"state", litmus::formatState(r.places, row.state)},
                          {"condition", row.satisfies}});
        if (!row.halt.empty()) unseen.back()["halt"] = row.halt;
    }
    t["unseen"] = unseen;
    t["verdict"] = {{"ok", r.ok},
                    {"observation", r.observation()},
                    {"positive", r.positive},
                    {"negative", r.negative},
                    {"forbidden", r.forbiddenStates}};
    if (r.unjudgedStates > 0) t["verdict"]["beyondBound"] = r.unjudgedStates;
    if (!r.undefinedBy.empty()) t["verdict"]["undefined"] = r.undefinedBy;
    if (r.raceDetected)
        t["raceDetector"] = {{"fired", *r.raceDetected},
                             {"modelRace", r.modelRace.value_or(false)},
                             {"disagreement", r.raceDisagreement()}};
    return t;
}

}  // namespace

std::string runTestJsonLine(const runner::RunReport& r, std::size_t index, std::size_t total) {
    Json t = testJson(r);
    t["index"] = index;
    t["total"] = total;
    return t.dump() + "\n";
}

namespace {

Json countJson(const runner::CoverageCount& c) {
    return {{"key", c.key}, {"tests", c.tests}, {"allowed", c.allowed}, {"seen", c.seen}};
}

Json coverageJson(const runner::CoverageSummary& c) {
    Json byThreads = Json::array(), families = Json::array(), unseen = Json::array();
    for (const auto& t : c.byThreads) byThreads.push_back(countJson(t));
    for (const auto& f : c.unseenByFamily) families.push_back(countJson(f));
    for (const auto& u : c.unseen) unseen.push_back({{"test", u.test}, {"state", u.state}});
    return {{"total", countJson(c.total)}, {"notRun", c.notRun}, {"byThreads", byThreads},
            {"unseenByFamily", families}, {"unseen", unseen}};
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
    if (s.coverage) doc["coverage"] = coverageJson(*s.coverage);
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
                                        s.at("count").get<std::uint64_t>(),
                                        s.value("allowed", true) || s.value("beyondBound", false) ||
                                            s.value("undefined", false)});
            tests.push_back(std::move(r));
        }
        return tests;
    } catch (const nlohmann::json::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

// ---- check results read back (--resume, merge) ----

namespace {

using In = nlohmann::json;

/// A state object as formatState prints it: herd prints a whole array `t={1,2}` unbracketed.
std::string stateText(const In& state) {
    std::string out;
    for (auto it = state.begin(); it != state.end(); ++it) {
        if (it.key() == "condition") continue;
        const std::string value = it.value().get<std::string>();
        std::string place = it.key();
        if (!value.empty() && value[0] == '{' && place.size() > 2 && place.front() == '[' && place.back() == ']')
            place = place.substr(1, place.size() - 2);
        out += (out.empty() ? "" : " ") + place + "=" + value + ";";
    }
    return out;
}

std::string haltSiteText(const In& site) {
    std::string out = site.at("where").get<std::string>();
    const std::string halt = site.at("halt").get<std::string>();
    if (halt == "Blocked") out += " blocks forever";
    else if (halt == "Panic") out += " panics";
    else if (halt == "Cut") out += " needs more loop rounds";
    const std::string what = site.value("what", std::string());
    return what.empty() ? out : out + ": " + what;
}

void printFlagsAndHalts(std::ostream& out, const In& j) {
    for (const auto& f : j.at("flags")) {
        out << "Flag " << f.get<std::string>() << '\n';
        for (const auto& e : j.value("memoryErrors", In::array())) {
            if (e.at("flag") != f) continue;
            const auto& sides = e.at("events");
            out << pairLabel(f.get<std::string>()) << ' ' << sides.at(0).at("where").get<std::string>() << " / "
                << sides.at(1).at("where").get<std::string>();
            if (e.at("witness").is_null()) out << " in an execution that halts\n";
            else out << " in " << stateText(e.at("witness")) << '\n';
        }
        if (f != kDataRace || !j.contains("races")) continue;
        for (const auto& race : j.at("races")) {
            const auto& sides = race.at("accesses");
            out << "Race " << sides.at(0).at("where").get<std::string>() << " / "
                << sides.at(1).at("where").get<std::string>();
            if (race.at("witness").is_null()) out << " in an execution that halts\n";
            else out << " in " << stateText(race.at("witness")) << '\n';
        }
    }
    if (j.value("dataRaceFree", false)) out << "No data race\n";
    for (const auto& h : j.at("halts")) {
        std::string sites;
        for (const auto& site : h.at("sites")) sites += (sites.empty() ? "" : "; ") + haltSiteText(site);
        out << h.at("kind").get<std::string>() << ' ' << sites << '\n';
    }
}

std::string timeText(const In& j) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", j.value("time", 0.0));
    return buf;
}

}  // namespace

std::optional<ResultLine> readResultLine(const std::string& line, std::string& error) {
    try {
        const In j = In::parse(line);
        if (!j.is_object() || !j.contains("index") || !j.contains("total") || !j.contains("file")) {
            error = "not a memlit check result with an index (written by --output)";
            return std::nullopt;
        }
        ResultLine r;
        r.index = j.at("index").get<std::size_t>();
        r.total = j.at("total").get<std::size_t>();
        r.file = j.at("file").get<std::string>();
        r.status = j.value("status", std::string("error"));
        if (r.total == 0 || r.index >= r.total) {
            error = "index " + std::to_string(r.index) + " is not below total " + std::to_string(r.total);
            return std::nullopt;
        }
        return r;
    } catch (const nlohmann::json::exception& e) {
        error = std::string("not a JSON result: ") + e.what();
        return std::nullopt;
    }
}

bool printTextFromJson(std::ostream& out, const std::string& line) {
    try {
        const In j = In::parse(line);
        if (!j.is_object()) return false;
        const std::string status = j.value("status", std::string("error"));
        if (status == "error" || status == "unsupported") return true;
        const std::string name = j.at("name").get<std::string>();
        out << "Test " << name << ' ' << j.at("kind").get<std::string>() << '\n';
        if (j.contains("limit")) {
            out << j.at("verdict").get<std::string>() << "\nCondition " << j.at("condition").get<std::string>()
                << "\nTime " << name << ' ' << timeText(j) << "\n\n";
            return true;
        }
        out << "States " << j.at("states").size() << '\n';
        for (const auto& st : j.at("states")) out << stateText(st) << '\n';
        out << j.at("verdict").get<std::string>() << "\nWitnesses\n";
        const auto pos = j.at("positive").get<std::uint64_t>(), neg = j.at("negative").get<std::uint64_t>();
        out << "Positive: " << pos << " Negative: " << neg << '\n';
        printFlagsAndHalts(out, j);
        out << "Condition " << j.at("condition").get<std::string>() << '\n';
        // The Observation line counts satisfying executions first; for ~exists the Witnesses
        // line (and so the JSON) has them the other way round.
        const bool forbidden = j.at("kind") == "Forbidden";
        out << "Observation " << name << ' ' << j.at("observation").get<std::string>() << ' '
            << (forbidden ? neg : pos) << ' ' << (forbidden ? pos : neg) << '\n';
        out << "Time " << name << ' ' << timeText(j) << "\n\n";
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

}  // namespace memlit::report
