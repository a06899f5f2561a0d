#pragma once
/// Hand-built litmus tests for the runner tests (independent of the litmus parser): only the
/// fields the hardware runner reads are filled in.

#include "litmus/LitmusTest.hpp"
#include "litmus/State.hpp"

#include <string>
#include <vector>

namespace memlit::testing {

inline litmus::Prop atom(int thread, const std::string& name, std::int64_t v) {
    litmus::Prop p;
    p.kind = litmus::Prop::Kind::Atom;
    p.place = {thread, name};
    p.value = litmus::Value::number(v);
    return p;
}

inline litmus::Prop conj(litmus::Prop a, litmus::Prop b) {
    litmus::Prop p;
    p.kind = litmus::Prop::Kind::And;
    p.args = {std::move(a), std::move(b)};
    return p;
}

inline litmus::LitmusTest makeTest(const std::string& arch, const std::string& name,
                                   const std::vector<std::vector<std::string>>& cells,
                                   litmus::Prop prop, const std::string& condText) {
    litmus::LitmusTest t;
    t.file = name + ".litmus";
    t.arch = arch;
    t.name = name;
    std::uint32_t line = 3;
    for (const auto& thread : cells) {
        std::vector<litmus::RawInstr> raw;
        for (const auto& c : thread) raw.push_back({c, {line++, 2}});
        t.raw.push_back(raw);
        t.threads.push_back({"P" + std::to_string(t.threads.size()), {}});
    }
    t.condition.quantifier = litmus::Condition::Quantifier::Exists;
    t.condition.prop = std::move(prop);
    t.condition.text = condText;
    return t;
}

/// X86 (Intel syntax) store buffering.
inline litmus::LitmusTest makeSB() {
    return makeTest("X86", "SB", {{"MOV [x],$1", "MOV EAX,[y]"}, {"MOV [y],$1", "MOV EAX,[x]"}},
                    conj(atom(0, "EAX", 0), atom(1, "EAX", 0)), "exists (0:EAX=0 /\\ 1:EAX=0)");
}

/// X86_64 (AT&T syntax) message passing.
inline litmus::LitmusTest makeMP() {
    return makeTest("X86_64", "MP", {{"movq $1,(x)", "movq $1,(y)"}, {"movq (y),%rax", "movq (x),%rbx"}},
                    conj(atom(1, "rax", 1), atom(1, "rbx", 0)), "exists (1:rax=1 /\\ 1:rbx=0)");
}

inline litmus::State state(std::vector<std::int64_t> vs) {
    litmus::State s;
    for (auto v : vs) s.values.push_back(litmus::Value::number(v));
    return s;
}

/// Every combination of two binary values: what x86-TSO allows for SB.
inline std::vector<litmus::State> allFourStates() {
    return {state({0, 0}), state({0, 1}), state({1, 0}), state({1, 1})};
}

}  // namespace memlit::testing
