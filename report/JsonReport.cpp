#include "report/Report.hpp"

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
    out << j.dump() << '\n';
}

}  // namespace memlit::report
