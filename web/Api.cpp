#include "web/Api.hpp"

#include "litmus/Architecture.hpp"
#include "runner/ArchGenerator.hpp"
#include "web/Embedded.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace memlit::web {

std::optional<CheckRequest> readCheckRequest(const std::string& body, const Models& models, Reply& error) {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) {
        error = errorReply(400, "the request body is not JSON; send {\"source\": \"...\", \"model\": \"...\"}");
        return std::nullopt;
    }
    if (!j.is_object() || !j.contains("source") || !j["source"].is_string()) {
        error = errorReply(400, "the request needs a string field \"source\", the litmus test");
        return std::nullopt;
    }
    CheckRequest r;
    r.source = j["source"].get<std::string>();
    if (j.contains("model") && !j["model"].is_null()) {
        if (!j["model"].is_string()) {
            error = errorReply(400, "the field \"model\" must be a string");
            return std::nullopt;
        }
        r.model = j["model"].get<std::string>();
    }
    if (j.contains("outcome") && !j["outcome"].is_null()) {
        if (!j["outcome"].is_string()) {
            error = errorReply(400, "the field \"outcome\" must be a string, e.g. \"0:EAX=0; 1:EAX=0;\"");
            return std::nullopt;
        }
        r.outcome = j["outcome"].get<std::string>();
    }
    if (j.contains("skipChecks") && !j["skipChecks"].is_null()) {
        const auto& skip = j["skipChecks"];
        if (!skip.is_array() || !std::all_of(skip.begin(), skip.end(), [](const auto& n) { return n.is_string(); })) {
            error = errorReply(400, "the field \"skipChecks\" must be an array of axiom names");
            return std::nullopt;
        }
        for (const auto& n : skip) r.skipChecks.push_back(n.get<std::string>());
    }
    if (!r.model.empty() && !models.known(r.model)) {
        std::string list;
        for (const auto& n : models.names()) list += (list.empty() ? "" : ", ") + n;
        error = errorReply(404, "unknown model '" + r.model + "'; the bundled models are " + list);
        return std::nullopt;
    }
    return r;
}

namespace {

/// The header's architecture and name and the doc string of an embedded example.
nlohmann::json describeExample(std::string_view id, std::string_view text) {
    std::istringstream in{std::string(text)};
    std::string arch, name, line;
    in >> arch >> name;
    std::getline(in, line);
    std::string doc;
    if (std::getline(in, line) && line.size() >= 2 && line.front() == '"' && line.back() == '"')
        doc = line.substr(1, line.size() - 2);
    const litmus::Architecture* a = litmus::findArchitecture(arch);
    return {{"id", id},   {"arch", arch},   {"name", name}, {"doc", doc},
            {"model", a ? std::string(a->defaultModel) : "sc"}, {"source", text}};
}

bool runsHere(const litmus::Architecture& a) {
    if (a.id == litmus::ArchId::Go) return true;
    auto gen = runner::makeGenerator(std::string(a.name));
    return gen && gen->runsOnHost(std::string(a.name));
}

}  // namespace

std::string examplesDocument() {
    const std::string_view dir = "examples/", ext = ".litmus";
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : embeddedFiles()) {
        if (f.name.substr(0, dir.size()) != dir || f.name.size() <= dir.size() + ext.size() ||
            f.name.substr(f.name.size() - ext.size()) != ext)
            continue;
        list.push_back(describeExample(f.name.substr(dir.size(), f.name.size() - dir.size() - ext.size()), f.bytes));
    }
    return nlohmann::json{{"examples", list}}.dump();
}

std::string modelsDocument(const Models& models, bool allowRun) {
    nlohmann::json defaults = nlohmann::json::object(), runs = nlohmann::json::array();
    for (const auto& a : litmus::architectures()) {
        defaults[std::string(a.name)] = std::string(a.defaultModel);
        if (allowRun && runsHere(a)) runs.push_back(std::string(a.name));
    }
    return nlohmann::json{{"models", models.names()}, {"defaults", defaults}, {"explain", true}, {"run", allowRun}, {"runs", runs}}
        .dump();
}

}  // namespace memlit::web
