// memlit explain's text: per explained state, its witness (allowed) or the axioms that
// reject its candidate executions with a shortest cycle each (forbidden); then races and
// deadlocks.

#include "report/Explain.hpp"
#include "report/Report.hpp"

#include "litmus/State.hpp"

#include <algorithm>

namespace memlit::report {

namespace {

std::string eventText(const engine::Execution& exec, const std::vector<std::string>& names, std::size_t i) {
    const auto& e = exec.events.at(i);
    std::string out = names.at(i) + ": " + engine::eventLabel(e);
    if (e.id.thread < 0) return out + " (init)";
    out += " (P" + std::to_string(e.id.thread);
    if (e.loc.line > 0) out += ", " + baseName(e.file) + ":" + std::to_string(e.loc.line);
    return out + ")";
}

std::string edgeName(const engine::ExplainEdge& e) {
    return e.via.empty() || e.step ? e.relation : e.via + ":" + e.relation;
}

void printExecution(std::ostream& out, const engine::Execution& exec, const std::vector<engine::ExplainEdge>& model = {}) {
    const auto names = engine::eventNames(exec);
    std::string inits;
    for (std::size_t i = 0; i < exec.events.size(); ++i)
        if (exec.events[i].id.thread < 0)
            inits += (inits.empty() ? "" : ", ") + names[i] + ": " + engine::eventLabel(exec.events[i]);
    if (!inits.empty()) out << "    init: " << inits << '\n';
    int thread = -2;
    for (std::size_t i = 0; i < exec.events.size(); ++i) {
        const auto& e = exec.events[i];
        if (e.id.thread < 0) continue;
        const std::string head = e.id.thread != thread ? "P" + std::to_string(e.id.thread) + ":" : "";
        thread = e.id.thread;
        out << "    " << head << std::string(5 - std::min<std::size_t>(head.size(), 4), ' ') << names[i] << ": "
            << engine::eventLabel(e);
        if (!e.text.empty()) out << "  " << e.text;
        if (e.loc.line > 0) out << "  (" << baseName(e.file) << ':' << e.loc.line << ')';
        out << '\n';
    }
    for (const char* rel : {"rf", "co", "fr"}) {
        std::string line;
        for (const auto& edge : engine::executionEdges(exec))
            if (edge.relation == rel) line += (line.empty() ? "" : ", ") + names[edge.from] + " -> " + names[edge.to];
        if (!line.empty()) out << "    " << rel << ": " << line << '\n';
    }
    // The model's relations, one line each in the order they first appear.
    std::vector<std::string> labels;
    for (const auto& e : model)
        if (std::find(labels.begin(), labels.end(), edgeName(e)) == labels.end()) labels.push_back(edgeName(e));
    for (const auto& label : labels) {
        std::string line;
        for (const auto& e : model)
            if (edgeName(e) == label) line += (line.empty() ? "" : ", ") + names[e.from] + " -> " + names[e.to];
        out << "    " << label << ": " << line << '\n';
    }
}

void printRejection(std::ostream& out, const engine::Rejection& r, bool enumerated) {
    out << "  rejected by " << axiomText(r.axiom);
    if (!r.axiom.file.empty()) out << " (" << baseName(r.axiom.file) << ':' << r.axiom.loc.line << ')';
    if (enumerated) out << ", " << r.candidates << (r.candidates == 1 ? " candidate" : " candidates");
    out << ":\n";
    if (r.shape == "holds") {
        out << "    the check is negated and its relation is " << (r.axiom.kind == "empty" ? "empty" : "acyclic") << '\n';
    } else if (!r.cycle.empty()) {
        const char* what = r.shape == "cycle" ? "cycle" : r.shape == "reflexive" ? "reflexive pair" : "pair";
        out << "    " << what << ": " << cycleText(r.execution, r.cycle) << '\n';
    }
    printExecution(out, r.execution);
}

void printState(std::ostream& out, const engine::Explanation& x, const engine::StateExplanation& s,
                const std::string& model) {
    out << "State " << litmus::formatState(x.places, s.state) << (s.allowed ? " is allowed by " : " is forbidden by ")
        << model << '\n';
    if (s.allowed) {
        if (!s.witness) return;
        out << "  a witness execution:\n";
        printExecution(out, *s.witness, s.witnessEdges);
        return;
    }
    if (s.candidates == 0) {
        out << "  no candidate execution ends in it: the program cannot produce it whatever the model\n";
        return;
    }
    if (s.enumerated)
        out << "  " << (s.candidates == 1 ? "1 candidate execution ends in it, and it is rejected\n"
                                          : std::to_string(s.candidates) + " candidate executions end in it; every one is rejected\n");
    else
        out << "  too many candidate executions to list; one of them:\n";
    for (const auto& r : s.rejections) printRejection(out, r, s.enumerated);
    if (s.moreGroups > 0) out << "  ... and " << s.moreGroups << " more groups of candidates\n";
}

void printRaces(std::ostream& out, const std::string& file, const engine::Explanation& x) {
    for (const auto& r : x.races) {
        out << "Flag " << r.pair.flag << ": " << formatSite(baseName(file), r.pair.a) << " and "
            << formatSite(baseName(file), r.pair.b) << '\n';
        out << "  they are in " << r.related;
        for (std::size_t i = 0; i < r.absent.size(); ++i) out << (i == 0 ? ", but not in " : " nor in ") << r.absent[i];
        if (r.absent.empty()) out << '\n';
        else if (r.pair.flag == kUseAfterFree) out << ": the access is not ordered before the free\n";
        else if (r.pair.flag == kDoubleFree) out << ": two frees of one object\n";
        else out << ": no path of those relations orders them, either way\n";
        if (r.pair.witness) out << "  in an execution ending in " << litmus::formatState(x.places, *r.pair.witness) << '\n';
        else out << "  in an execution that halts\n";
    }
    for (const auto& h : x.check.halts) {
        out << haltOutcomeName(h) << ":\n";
        for (const auto& s : h.sites) out << "  " << formatHaltSite(baseName(file), s) << '\n';
    }
}

}  // namespace

void printExplainText(std::ostream& out, const ExplainReport& r) {
    if (!r.test) return;
    out << "Test " << r.test->name << ' ' << conditionKind(r.test->condition) << '\n';
    if (!r.limit.empty()) out << "Unknown (" << r.limit << ")\n";
    if (!r.explanation) return;
    const auto& x = *r.explanation;
    out << "Model " << r.model << ": " << verdictName(x.check) << " for " << r.test->condition.text << '\n';
    out << (x.targetsFrom == "outcome" ? "Explaining the states matching --outcome" : "Explaining the states the condition asks about");
    out << (x.states.empty() ? ": none\n" : "\n");
    for (const auto& s : x.states) printState(out, x, s, r.model);
    if (x.moreStates > 0) out << "... and " << x.moreStates << " more states\n";
    printRaces(out, r.test->file, x);
}

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string axiomText(const engine::AxiomSite& a) {
    if (a.kind.empty()) return a.name;
    return (a.negated ? "~" : "") + a.kind + ' ' + a.expr + " as " + a.name;
}

std::string cycleText(const engine::Execution& exec, const std::vector<engine::ExplainEdge>& cycle) {
    const auto names = engine::eventNames(exec);
    std::string out;
    for (std::size_t i = 0; i < cycle.size(); ++i) {
        const auto& e = cycle[i];
        if (i == 0 || cycle[i - 1].to != e.from) out += (i ? "; " : "") + eventText(exec, names, e.from);
        out += " -" + edgeName(e) + "-> ";
        const bool closes = e.to == cycle.front().from && i + 1 == cycle.size() && cycle.size() > 0;
        out += closes ? names[e.to] : eventText(exec, names, e.to);
    }
    return out;
}

}  // namespace memlit::report
