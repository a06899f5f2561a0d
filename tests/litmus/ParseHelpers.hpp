#pragma once
// What the front-end tests share: parse a test that must parse, read the one diagnostic of one
// that must not, and the ops of one kind in a thread.

#include "litmus/Parser.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

namespace memlit::testing {

inline litmus::LitmusTest parseOk(const std::string& text) {
    Diagnostics d;
    auto t = litmus::parseLitmus(text, "t.litmus", d);
    for (const auto& x : d.all()) INFO(Diagnostics::format(x));
    REQUIRE(t);
    return *t;
}

inline std::string diagnose(const std::string& text) {
    Diagnostics d;
    auto t = litmus::parseLitmus(text, "t.litmus", d);
    CHECK_FALSE(t);
    REQUIRE(d.all().size() == 1);
    return Diagnostics::format(d.all()[0]);
}

template <class T>
std::vector<T> opsOf(const litmus::Thread& th) {
    std::vector<T> out;
    for (const auto& op : th.ops)
        if (const auto* x = std::get_if<T>(&op.kind)) out.push_back(*x);
    return out;
}

}  // namespace memlit::testing
