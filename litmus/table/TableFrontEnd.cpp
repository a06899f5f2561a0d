#include "litmus/table/TableFrontEnd.hpp"

#include "litmus/Lexer.hpp"
#include "litmus/State.hpp"
#include "litmus/StateParser.hpp"
#include "litmus/table/CellSyntax.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace memlit::litmus {

namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

/// Reads the init block, the thread table and what follows it, lowering cells by `dialect_`.
class TableParser {
public:
    TableParser(const TestBody& body, const Dialect& dialect)
        : src_(body.src), s_(body.src.text()), file_(body.file), diags_(body.diags), dialect_(dialect) {}

    bool run(LitmusTest& t, std::size_t begin);

private:
    bool error(std::size_t offset, std::string msg) {
        diags_.error(file_, src_.locOf(offset), std::move(msg));
        return false;
    }
    std::size_t skipBlank(std::size_t p) const { return src_.skipBlank(p); }
    std::size_t lineEnd(std::size_t p) const { return src_.lineEnd(p); }
    bool table(LitmusTest& t, std::size_t& pos);
    bool row(std::size_t pos, std::size_t end, std::vector<std::pair<std::size_t, std::string_view>>& cells);
    bool lowerCell(std::string_view cell, std::size_t offset, ThreadBuilder& b);
    void checkBranches(const Thread& t);
    void checkThreads(const std::vector<std::pair<Place, SourceLoc>>& regs, std::size_t n);
    bool symbolicRegisters(LitmusTest& t);

    const SourceText& src_;
    std::string_view s_;
    const std::string& file_;
    Diagnostics& diags_;
    const Dialect& dialect_;
};

// One `;`-terminated row of `|`-separated cells on the line starting at `pos`.
bool TableParser::row(std::size_t pos, std::size_t end,
                     std::vector<std::pair<std::size_t, std::string_view>>& cells) {
    std::size_t semi = s_.find(';', pos);
    if (semi == std::string_view::npos || semi > end) {
        std::size_t e = end;
        while (e > pos && isSpace(s_[e - 1])) --e;
        return error(e, "expected ';' at the end of the thread-table row");
    }
    std::size_t after = skipBlank(semi + 1);
    if (after < end) return error(after, "unexpected text after ';' in the thread table");
    std::size_t b = pos;
    for (std::size_t i = pos; i <= semi; ++i) {
        if (i == semi || s_[i] == '|') {
            std::size_t off = b;
            std::string_view cell = trim(s_.substr(b, i - b), off);
            cells.emplace_back(off, cell);
            b = i + 1;
        }
    }
    return true;
}

bool TableParser::lowerCell(std::string_view cell, std::size_t offset, ThreadBuilder& b) {
    SourceLoc loc = src_.locOf(offset);
    std::size_t rest = 0;
    std::string_view label = splitLabel(cell, rest);
    if (!label.empty()) b.emit(Label{std::string(label)}, loc);
    std::size_t off = rest;
    std::string_view instr = trim(cell.substr(rest), off);
    if (instr.empty()) return true;
    return dialect_.lowerCell(instr, src_.locOf(offset + off), b);
}

bool TableParser::table(LitmusTest& t, std::size_t& pos) {
    pos = skipBlank(pos);
    std::vector<std::pair<std::size_t, std::string_view>> cells;
    if (pos + 1 >= s_.size() || s_[pos] != 'P' || !std::isdigit(static_cast<unsigned char>(s_[pos + 1])))
        return error(pos, "expected the thread table header 'P0 | P1 ... ;'");
    if (!row(pos, lineEnd(pos), cells)) return false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string want = "P" + std::to_string(i);
        if (cells[i].second != want)
            return error(cells[i].first, "expected '" + want + "' in the thread table header, found '" +
                                             std::string(cells[i].second) + "'");
    }
    std::size_t n = cells.size();
    std::vector<ThreadBuilder> builders;
    for (std::size_t i = 0; i < n; ++i) builders.emplace_back(static_cast<int>(i), file_, diags_);
    t.raw.assign(n, {});
    bool ok = true;
    pos = lineEnd(pos);
    while (true) {
        pos = skipBlank(pos);
        if (pos >= s_.size()) break;
        std::size_t w = pos;
        while (w < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[w])) != 0)) ++w;
        static constexpr std::string_view stops[] = {"exists", "forall", "final",    "locations",
                                                     "filter", "not",    "observed", "Observed"};
        std::string_view first = s_.substr(pos, w - pos);
        if (s_[pos] == '~' || s_[pos] == '(' ||
            std::find(std::begin(stops), std::end(stops), first) != std::end(stops))
            break;
        cells.clear();
        std::size_t end = lineEnd(pos);
        if (!row(pos, end, cells)) return false;
        if (cells.size() > n)
            return error(cells[n].first, "row has " + std::to_string(cells.size()) +
                                             " cells but the table has " + std::to_string(n) +
                                             (n == 1 ? " thread" : " threads"));
        for (std::size_t i = 0; i < cells.size(); ++i) {
            auto [off, cell] = cells[i];
            if (cell.empty()) continue;
            t.raw[i].push_back({std::string(cell), src_.locOf(off)});
            ok = lowerCell(cell, off, builders[i]) && ok;
        }
        pos = end;
    }
    for (auto& b : builders) {
        t.threads.push_back(b.take());
        checkBranches(t.threads.back());
    }
    return ok;
}

// Labels are unique per thread; jumps go forward to a label of their own thread.
void TableParser::checkBranches(const Thread& t) {
    std::map<std::string, std::size_t> where;
    for (std::size_t i = 0; i < t.ops.size(); ++i) {
        if (const auto* l = std::get_if<Label>(&t.ops[i].kind)) {
            if (!where.emplace(l->name, i).second)
                diags_.error(file_, t.ops[i].loc, "duplicate label '" + l->name + "'");
        }
    }
    for (std::size_t i = 0; i < t.ops.size(); ++i) {
        const auto* b = std::get_if<Branch>(&t.ops[i].kind);
        if (!b) continue;
        auto it = where.find(b->target);
        if (it == where.end())
            diags_.error(file_, t.ops[i].loc, "undefined label '" + b->target + "' in " + t.name);
        else if (it->second < i)
            diags_.unsupported(file_, t.ops[i].loc,
                               "backward branch to '" + b->target + "' (loops are not supported)");
    }
}

void TableParser::checkThreads(const std::vector<std::pair<Place, SourceLoc>>& regs, std::size_t n) {
    for (const auto& [p, loc] : regs)
        if (static_cast<std::size_t>(p.thread) >= n)
            diags_.error(file_, loc, "thread " + std::to_string(p.thread) + " does not exist (the test has " +
                                         std::to_string(n) + (n == 1 ? " thread)" : " threads)"));
}

// herd's symbolic registers (`%x0=x`, old Power tests): a register of that name in every
// thread, where the dialect has them (Dialect::symbolicRegisters); declined elsewhere.
bool TableParser::symbolicRegisters(LitmusTest& t) {
    std::vector<InitEntry> out;
    for (auto& e : t.init) {
        if (e.place.thread != Place::kSymbolic) {
            out.push_back(std::move(e));
            continue;
        }
        const std::string name = dialect_.registerName(e.place.name);
        if (!dialect_.symbolicRegisters) {
            diags_.unsupported(file_, e.loc, "symbolic registers ('" + e.place.name + "')");
            return false;
        }
        for (std::size_t i = 0; i < t.threads.size(); ++i) {
            InitEntry r = e;
            r.place = Place{static_cast<int>(i), name};
            out.push_back(std::move(r));
        }
    }
    t.init = std::move(out);
    return true;
}

bool TableParser::run(LitmusTest& t, std::size_t begin) {
    StateParser init(src_, begin + 1, s_.size(), file_, diags_, dialect_.registerName);
    if (!init.parseInit(t.init)) return false;
    std::size_t pos = skipBlank(init.offset());
    // herd's old Power tests close the initial state with `};`.
    if (pos < s_.size() && s_[pos] == ';') ++pos;
    if (!table(t, pos)) return false;
    if (!symbolicRegisters(t)) return false;
    // As herd's splitter, the constraints end at the first `<<`: what follows is a block of
    // directives for other tools (ppcmem's `<< show 0 >>`), which herd ignores.
    const std::size_t end = std::min(s_.find("<<", pos), s_.size());
    StateParser rest(src_, pos, end, file_, diags_, dialect_.registerName);
    if (!rest.parseConstraints(t)) return false;
    normalizeConstants(t);
    checkThreads(init.registers(), t.threads.size());
    checkThreads(rest.registers(), t.threads.size());
    return true;
}

}  // namespace

bool TableFrontEnd::parseBody(const TestBody& body, LitmusTest& t) const {
    return TableParser(body, dialect_).run(t, body.begin);
}

}  // namespace memlit::litmus
