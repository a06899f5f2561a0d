// memlit explain's JSON document (docs/cli.md, "explain --json"): the same structure as the
// text, with each execution's events and edges, and optionally its SVG picture.

#include "report/Explain.hpp"
#include "report/Report.hpp"

#include "litmus/State.hpp"

#include <nlohmann/json.hpp>

namespace memlit::report {

namespace {

using Json = nlohmann::ordered_json;

Json site(const std::string& file, const SourceLoc& loc) {
    Json j;
    j["file"] = baseName(file);
    j["line"] = loc.line;
    j["col"] = loc.col;
    return j;
}

Json edges(const std::vector<engine::ExplainEdge>& es, const std::vector<std::string>& names) {
    Json a = Json::array();
    for (const auto& e : es) {
        Json j;
        j["from"] = names.at(e.from);
        j["to"] = names.at(e.to);
        j["relation"] = e.relation;
        if (!e.via.empty()) j["via"] = e.via;
        a.push_back(std::move(j));
    }
    return a;
}

/// An execution: its events and edges (the base ones, then `model`'s), and with `svg` its
/// picture, `cycle` highlighted.
Json execution(const engine::Execution& x, const std::vector<engine::ExplainEdge>& cycle,
               const std::vector<engine::ExplainEdge>& model, const std::string& title, bool svg) {
    const auto names = engine::eventNames(x);
    Json j;
    Json events = Json::array();
    for (std::size_t i = 0; i < x.events.size(); ++i) {
        const auto& e = x.events[i];
        Json ev;
        ev["name"] = names[i];
        ev["thread"] = e.id.thread;
        ev["label"] = engine::eventLabel(e);
        ev["text"] = e.text;
        if (e.loc.line > 0) ev["position"] = site(e.file, e.loc);
        events.push_back(std::move(ev));
    }
    j["events"] = std::move(events);
    std::vector<engine::ExplainEdge> all = engine::executionEdges(x);
    all.insert(all.end(), model.begin(), model.end());
    j["edges"] = edges(all, names);
    if (svg) j["svg"] = svgDocument({Picture{title, &x, all, cycle}});
    return j;
}

Json rejection(const engine::Rejection& r, const std::string& title, bool svg) {
    Json j;
    Json a;
    a["name"] = r.axiom.name;
    a["text"] = axiomText(r.axiom);
    if (!r.axiom.file.empty()) a["position"] = site(r.axiom.file, r.axiom.loc);
    j["axiom"] = std::move(a);
    j["shape"] = r.shape;
    j["candidates"] = r.candidates;
    j["cycle"] = edges(r.cycle, engine::eventNames(r.execution));
    j["cycleText"] = r.cycle.empty() ? "" : cycleText(r.execution, r.cycle);
    j["execution"] = execution(r.execution, r.cycle, {}, title, svg);
    return j;
}

Json stateJson(const engine::Explanation& x, const engine::StateExplanation& s, const std::string& model, bool svg) {
    Json j;
    const std::string text = litmus::formatState(x.places, s.state);
    j["state"] = text;
    j["allowed"] = s.allowed;
    if (s.allowed) {
        j["witness"] = s.witness ? execution(*s.witness, {}, s.witnessEdges, text + " allowed by " + model, svg) : Json();
        return j;
    }
    j["candidates"] = s.candidates;
    j["enumerated"] = s.enumerated;
    Json rs = Json::array();
    for (const auto& r : s.rejections)
        rs.push_back(rejection(r, text + " forbidden by " + model + ": " + axiomText(r.axiom), svg));
    j["rejections"] = std::move(rs);
    j["moreGroups"] = s.moreGroups;
    return j;
}

Json eventSite(const std::string& file, const engine::EventSite& s) {
    Json j = site(file, s.loc);
    j["thread"] = s.thread;
    j["text"] = s.text;
    return j;
}

void racesAndHalts(Json& j, const std::string& file, const engine::Explanation& x) {
    Json races = Json::array();
    for (const auto& r : x.races) {
        Json o;
        o["flag"] = r.pair.flag;
        o["a"] = eventSite(file, r.pair.a);
        o["b"] = eventSite(file, r.pair.b);
        o["related"] = r.related;
        o["absent"] = r.absent;
        o["witness"] = r.pair.witness ? Json(litmus::formatState(x.places, *r.pair.witness)) : Json();
        races.push_back(std::move(o));
    }
    j["races"] = std::move(races);
    Json halts = Json::array();
    for (const auto& h : x.check.halts) {
        Json o;
        o["outcome"] = haltOutcomeName(h);
        Json sites = Json::array();
        for (const auto& s : h.sites) {
            Json site = eventSite(file, s.site);
            site["kind"] = haltKindName(s.kind);
            site["what"] = s.what;
            site["message"] = formatHaltSite(baseName(file), s);
            sites.push_back(std::move(site));
        }
        o["sites"] = std::move(sites);
        halts.push_back(std::move(o));
    }
    j["halts"] = std::move(halts);
}

}  // namespace

std::string explainJsonText(const ExplainReport& r, bool svg) {
    Json j;
    j["file"] = r.file;
    j["name"] = r.test ? r.test->name : "";
    j["model"] = r.model;
    j["status"] = !r.limit.empty() ? "unknown" : r.explanation ? "ok" : "error";
    if (!r.limit.empty()) j["limit"] = r.limit;
    if (r.test) {
        j["kind"] = conditionKind(r.test->condition);
        j["condition"] = r.test->condition.text;
    }
    if (r.explanation) {
        const auto& x = *r.explanation;
        j["verdict"] = verdictName(x.check);
        Json places = Json::array();
        for (const auto& p : x.places) places.push_back(litmus::formatPlace(p));
        j["places"] = std::move(places);
        j["targets"] = x.targetsFrom;
        Json states = Json::array();
        for (const auto& s : x.states) states.push_back(stateJson(x, s, r.model, svg));
        j["states"] = std::move(states);
        j["moreStates"] = x.moreStates;
        racesAndHalts(j, r.test ? r.test->file : r.file, x);
    }
    j["errors"] = r.errors;
    return j.dump(2) + "\n";
}

}  // namespace memlit::report
