#include "report/Report.hpp"

#include "litmus/State.hpp"

#include <algorithm>
#include <cstdio>

namespace memlit::report {

std::string conditionKind(const litmus::Condition& c) {
    switch (c.quantifier) {
    case litmus::Condition::Quantifier::Exists: return "Allowed";
    case litmus::Condition::Quantifier::NotExists: return "Forbidden";
    case litmus::Condition::Quantifier::Forall: return "Required";
    }
    return "Allowed";
}

std::string observation(const litmus::LitmusTest& t, const engine::CheckResult& r) {
    std::uint64_t pos = r.positive, neg = r.negative;
    if (!r.countsExact) {
        pos = neg = 0;
        for (const auto& s : r.states) (litmus::evalProp(t.condition.prop, r.places, s) ? pos : neg)++;
    }
    if (pos == 0) return "Never";
    if (neg == 0) return "Always";
    return "Sometimes";
}

std::string formatSite(const std::string& file, const engine::EventSite& s) {
    std::string out = "P" + std::to_string(s.thread) + ":" + (s.text.empty() ? "?" : s.text);
    return out + " (" + file + ":" + std::to_string(s.loc.line) + ":" + std::to_string(s.loc.col) + ")";
}

std::string haltKindName(litmus::Halt::Kind k) {
    switch (k) {
    case litmus::Halt::Kind::Blocked: return "Blocked";
    case litmus::Halt::Kind::Panic: return "Panic";
    case litmus::Halt::Kind::Cut: return "Cut";
    case litmus::Halt::Kind::Unstarted: return "Unstarted";
    }
    return "Blocked";
}

std::string haltOutcomeName(const engine::HaltOutcome& h) {
    if (h.kind != litmus::Halt::Kind::Blocked) return haltKindName(h.kind);
    const bool mainBlocked =
        std::any_of(h.sites.begin(), h.sites.end(), [](const engine::HaltSiteReport& s) { return s.site.thread == 0; });
    return mainBlocked ? "Deadlock" : "Leak";
}

std::string formatHaltSite(const std::string& file, const engine::HaltSiteReport& s) {
    std::string out = formatSite(file, s.site);
    switch (s.kind) {
    case litmus::Halt::Kind::Blocked: out += " blocks forever"; break;
    case litmus::Halt::Kind::Panic: out += " panics"; break;
    case litmus::Halt::Kind::Cut: out += " needs more loop rounds"; break;
    case litmus::Halt::Kind::Unstarted: break;
    }
    if (!s.what.empty()) out += ": " + s.what;
    return out;
}

std::string formatHalt(const std::string& file, const engine::HaltOutcome& h) {
    std::string out;
    for (const auto& s : h.sites) out += (out.empty() ? "" : "; ") + formatHaltSite(file, s);
    return out;
}

bool isRaceFlag(const std::string& flag) { return flag == kDataRace || flag == kUndefined; }

std::string pairLabel(const std::string& flag) {
    if (isRaceFlag(flag)) return "Race";
    if (flag == kUseAfterFree) return "Use-after-free";
    if (flag == kDoubleFree) return "Double-free";
    return "";
}

std::string verdictName(const engine::CheckResult& r) {
    if (std::find(r.flags.begin(), r.flags.end(), kUndefined) != r.flags.end()) return "Undef";
    return r.ok ? "Ok" : "No";
}

bool raceFree(const engine::CheckResult& r) {
    auto has = [](const std::vector<std::string>& v) { return std::any_of(v.begin(), v.end(), isRaceFlag); };
    return has(r.declaredFlags) && !has(r.flags) && !r.unknown;
}

std::pair<std::uint64_t, std::uint64_t> witnesses(const litmus::LitmusTest& t, const engine::CheckResult& r) {
    if (t.condition.quantifier == litmus::Condition::Quantifier::NotExists) return {r.negative, r.positive};
    return {r.positive, r.negative};
}

namespace {

/// The block of a test that ran out of a limit: no states, the verdict Unknown (LIMIT).
void printUnknown(std::ostream& out, const CheckReport& rep) {
    const auto& t = *rep.test;
    out << "Test " << t.name << ' ' << conditionKind(t.condition) << '\n';
    out << "Unknown (" << rep.limit << ")\n";
    out << "Condition " << t.condition.text << '\n';
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", rep.seconds);
    out << "Time " << t.name << ' ' << buf << "\n\n";
}

}  // namespace

void printText(std::ostream& out, const CheckReport& rep) {
    if (rep.test && !rep.limit.empty()) return printUnknown(out, rep);
    if (!rep.test || !rep.result) return;
    const auto& t = *rep.test;
    const auto& r = *rep.result;
    out << "Test " << t.name << ' ' << conditionKind(t.condition) << '\n';
    out << "States " << r.states.size() << '\n';
    for (const auto& s : r.states) out << litmus::formatState(r.places, s) << '\n';
    out << verdictName(r) << '\n';
    out << "Witnesses\n";
    const auto [pos, neg] = witnesses(t, r);
    out << "Positive: " << pos << " Negative: " << neg << '\n';
    for (const auto& f : r.flags) {
        out << "Flag " << f << '\n';
        const std::string label = pairLabel(f);
        if (label.empty()) continue;
        for (const auto& p : r.flagPairs) {
            if (p.flag != f) continue;
            out << label << ' ' << formatSite(rep.file, p.a) << " / " << formatSite(rep.file, p.b);
            if (p.witness) out << " in " << litmus::formatState(r.places, *p.witness);
            else out << " in an execution that halts";
            out << '\n';
        }
    }
    if (raceFree(r)) out << "No data race\n";
    for (const auto& h : r.halts) out << haltOutcomeName(h) << ' ' << formatHalt(rep.file, h) << '\n';
    out << "Condition " << t.condition.text << '\n';
    out << "Observation " << t.name << ' ' << observation(t, r) << ' ' << r.positive << ' '
        << r.negative << '\n';
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", rep.seconds);
    out << "Time " << t.name << ' ' << buf << '\n';
    out << '\n';
}

}  // namespace memlit::report
