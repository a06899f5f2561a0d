#include "litmus/table/Dialect.hpp"

#include <cctype>

namespace memlit::litmus {

// Every dialect defines its accessor in its own file; list it here once.
const Dialect& x86Dialect();
const Dialect& x86_64Dialect();
const Dialect& aarch64Dialect();
const Dialect& riscvDialect();

namespace {

const std::vector<const Dialect*>& registry() {
    static const std::vector<const Dialect*> all = {&x86Dialect(), &x86_64Dialect(), &aarch64Dialect(), &riscvDialect()};
    return all;
}

}  // namespace

ThreadBuilder::ThreadBuilder(int thread, const std::string& file, Diagnostics& diags)
    : thread_(thread), file_(file), diags_(diags) {}

Thread ThreadBuilder::take() {
    Thread t;
    t.name = "P" + std::to_string(thread_);
    t.ops = std::move(ops_);
    ops_.clear();
    return t;
}

const Dialect* findDialect(std::string_view arch) {
    for (const Dialect* d : registry())
        if (d->name == arch) return d;
    return nullptr;
}

std::vector<std::string_view> dialectNames() {
    std::vector<std::string_view> out;
    for (const Dialect* d : registry()) out.push_back(d->name);
    return out;
}

std::string_view splitLabel(std::string_view cell, std::size_t& rest) {
    std::size_t i = 0;
    while (i < cell.size() && std::isspace(static_cast<unsigned char>(cell[i]))) ++i;
    std::size_t start = i;
    auto word = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
    };
    while (i < cell.size() && word(cell[i])) ++i;
    std::size_t end = i;
    while (i < cell.size() && (cell[i] == ' ' || cell[i] == '\t')) ++i;
    if (end == start || i >= cell.size() || cell[i] != ':' ||
        std::isdigit(static_cast<unsigned char>(cell[start])) != 0) {
        rest = 0;
        return {};
    }
    rest = i + 1;
    return cell.substr(start, end - start);
}

}  // namespace memlit::litmus
