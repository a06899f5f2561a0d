#include "cli/Report.hpp"

#include "litmus/State.hpp"

#include <cstdio>

namespace memlit::cli {

std::string conditionKind(const litmus::Condition& c) {
    switch (c.quantifier) {
    case litmus::Condition::Quantifier::Exists: return "Allowed";
    case litmus::Condition::Quantifier::NotExists: return "Forbidden";
    case litmus::Condition::Quantifier::Forall: return "Required";
    }
    return "Allowed";
}

std::string observation(const litmus::LitmusTest& t, const solver::CheckResult& r) {
    std::uint64_t pos = r.positive, neg = r.negative;
    if (!r.countsExact) {
        pos = neg = 0;
        for (const auto& s : r.states) (litmus::evalProp(t.condition.prop, r.places, s) ? pos : neg)++;
    }
    if (pos == 0) return "Never";
    if (neg == 0) return "Always";
    return "Sometimes";
}

void printText(std::ostream& out, const TestReport& rep) {
    if (!rep.test || !rep.result) return;
    const auto& t = *rep.test;
    const auto& r = *rep.result;
    out << "Test " << t.name << ' ' << conditionKind(t.condition) << '\n';
    out << "States " << r.states.size() << '\n';
    for (const auto& s : r.states) out << litmus::formatState(r.places, s) << '\n';
    out << (r.ok ? "Ok" : "No") << '\n';
    out << "Witnesses\n";
    out << "Positive: " << r.positive << " Negative: " << r.negative << '\n';
    for (const auto& f : r.flags) out << "Flag " << f << '\n';
    out << "Condition " << t.condition.text << '\n';
    out << "Observation " << t.name << ' ' << observation(t, r) << ' ' << r.positive << ' '
        << r.negative << '\n';
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", rep.seconds);
    out << "Time " << t.name << ' ' << buf << '\n';
    out << '\n';
}

}  // namespace memlit::cli
