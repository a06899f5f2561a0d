#include "runner/X86Generator.hpp"

#include "litmus/Architecture.hpp"

#include <algorithm>
#include <cctype>

namespace memlit::runner {

namespace {

// Herd's X86 is the 32-bit Intel-syntax dialect; X86_64 is AT&T with 64-bit words.
bool intelSyntax(const std::string& arch) {
    const litmus::Architecture* a = litmus::findArchitecture(arch);
    return a && a->id == litmus::ArchId::X86;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n;");
    return s.substr(b, e - b + 1);
}

bool isIdent(const std::string& s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    });
}

bool isInteger(const std::string& s) {
    std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i >= s.size()) return false;
    if (s.size() > i + 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        return std::all_of(s.begin() + static_cast<long>(i) + 2, s.end(),
                           [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    return std::all_of(s.begin() + static_cast<long>(i), s.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

/// Splits operands at commas outside brackets and parentheses.
std::vector<std::string> splitOperands(const std::string& s) {
    std::vector<std::string> out;
    int depth = 0;
    std::string cur;
    for (char c : s) {
        if (c == '[' || c == '(') ++depth;
        if (c == ']' || c == ')') --depth;
        if (c == ',' && depth == 0) {
            out.push_back(trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!trim(cur).empty() || !out.empty()) out.push_back(trim(cur));
    return out;
}

std::string labelName(const std::string& l) {
    std::string s;
    for (char c : l) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return "memlit_" + s + "_%=";
}

bool isJump(const std::string& mnemonic) { return mnemonic.size() >= 2 && mnemonic[0] == 'j'; }

void addUnique(std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

/// Per-instruction translation state shared by both syntaxes.
struct Translation {
    const X86Generator& gen;
    const litmus::LitmusTest& test;
    ThreadAsm out;
    Diagnostics& diags;
    bool failed = false;

    void error(SourceLoc loc, const std::string& msg) {
        diags.error(test.file, loc, msg);
        failed = true;
    }
    std::optional<RegBinding> reg(const std::string& name) {
        auto b = gen.bindRegister(test.arch, name);
        if (b) addUnique(out.hwRegs, b->hwReg);
        return b;
    }
    std::string location(const std::string& name) {
        addUnique(out.locations, name);
        return "%[loc_" + name + "]";
    }
};

/// Intel operand (herd X86) to AT&T; `width` receives a register operand's width.
std::string intelOperand(Translation& t, const std::string& op, bool jump, int& width,
                         bool& isMem, SourceLoc loc) {
    if (jump && isIdent(op)) return labelName(op);
    if (!op.empty() && op[0] == '$') {
        if (!isInteger(op.substr(1))) t.error(loc, "bad immediate '" + op + "'");
        return op;
    }
    if (isInteger(op)) return "$" + op;
    if (op.size() >= 2 && op.front() == '[' && op.back() == ']') {
        isMem = true;
        std::string inner = trim(op.substr(1, op.size() - 2));
        if (auto b = t.reg(inner)) return "(%%" + b->hwReg + ")";
        if (isIdent(inner)) return t.location(inner);
        t.error(loc, "unsupported memory operand '" + op + "'");
        return op;
    }
    if (auto b = t.reg(op)) {
        width = b->width;
        return "%%" + lower(op);
    }
    t.error(loc, "unknown operand '" + op + "'");
    return op;
}

/// AT&T operand (herd X86_64) with `%` escaped and `(x)` bound to the instance's location.
std::string attOperand(Translation& t, const std::string& op, bool jump, SourceLoc loc) {
    if (jump && isIdent(op)) return labelName(op);
    if (!op.empty() && op[0] == '$') return op;
    if (!op.empty() && op[0] == '%') {
        if (!t.reg(op.substr(1))) t.error(loc, "unknown register '" + op + "'");
        return "%" + op;
    }
    auto open = op.find('(');
    if (open != std::string::npos && op.back() == ')') {
        std::string disp = op.substr(0, open);
        std::string inner = trim(op.substr(open + 1, op.size() - open - 2));
        if (!inner.empty() && inner[0] == '%') {
            if (!t.reg(inner.substr(1)) || inner.find(',') != std::string::npos)
                t.error(loc, "unsupported memory operand '" + op + "'");
            return disp + "(%" + inner + ")";
        }
        if (disp.empty() && isIdent(inner)) return t.location(inner);
    }
    t.error(loc, "unsupported operand '" + op + "'");
    return op;
}

}  // namespace

bool X86Generator::runsOnHost(const std::string& arch) const { return runsNatively(arch); }

int X86Generator::wordWidth(const std::string& arch) const { return intelSyntax(arch) ? 4 : 8; }

std::optional<RegBinding> X86Generator::bindRegister(const std::string&,
                                                     const std::string& name) const {
    static const char* const legacy[] = {"ax", "bx", "cx", "dx", "si", "di"};
    std::string n = lower(name);
    for (const char* r : legacy) {
        if (n == std::string("r") + r) return RegBinding{n, 8};
        if (n == std::string("e") + r) return RegBinding{std::string("r") + r, 4};
    }
    for (int i = 8; i <= 15; ++i) {
        std::string r = "r" + std::to_string(i);
        if (n == r) return RegBinding{r, 8};
        if (n == r + "d") return RegBinding{r, 4};
    }
    return std::nullopt;
}

std::optional<ThreadAsm> X86Generator::translate(const litmus::LitmusTest& test, int thread,
                                                 Diagnostics& diags) const {
    Translation t{*this, test, {}, diags};
    const bool intel = intelSyntax(test.arch);
    for (const auto& cell : test.raw.at(static_cast<std::size_t>(thread))) {
        std::string text = trim(cell.text);
        // A leading `LABEL:` defines a label local to this asm statement.
        auto colon = text.find(':');
        if (colon != std::string::npos && isIdent(trim(text.substr(0, colon)))) {
            t.out.lines.push_back(labelName(trim(text.substr(0, colon))) + ":");
            text = trim(text.substr(colon + 1));
        }
        if (text.empty()) continue;
        std::string prefix;
        auto space = text.find_first_of(" \t");
        std::string mnemonic = lower(text.substr(0, space));
        std::string rest = space == std::string::npos ? "" : trim(text.substr(space));
        if (mnemonic == "lock") {
            prefix = "lock ";
            space = rest.find_first_of(" \t");
            mnemonic = lower(rest.substr(0, space));
            rest = space == std::string::npos ? "" : trim(rest.substr(space));
        }
        const bool jump = isJump(mnemonic);
        std::vector<std::string> ops = splitOperands(rest);
        std::vector<std::string> translated;
        if (intel) {
            int width = 0;
            bool mem = false;
            for (const auto& op : ops)
                translated.push_back(intelOperand(t, op, jump, width, mem, cell.loc));
            std::reverse(translated.begin(), translated.end());
            // Without a register operand the assembler cannot infer the size: use the word.
            if (width == 0 && mem && !jump) mnemonic += wordWidth(test.arch) == 4 ? "l" : "q";
            if (mnemonic.rfind("cmpxchg", 0) == 0) t.reg("rax");  // implicit EAX
        } else {
            for (const auto& op : ops) translated.push_back(attOperand(t, op, jump, cell.loc));
            if (mnemonic.rfind("cmpxchg", 0) == 0) t.reg("rax");
        }
        std::string line = prefix + mnemonic;
        for (std::size_t i = 0; i < translated.size(); ++i)
            line += (i == 0 ? " " : ", ") + translated[i];
        t.out.lines.push_back(line);
    }
    if (t.failed) return std::nullopt;
    return t.out;
}

}  // namespace memlit::runner
