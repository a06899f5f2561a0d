#include "runner/CGenerator.hpp"

#include "litmus/State.hpp"
#include "litmus/StateParser.hpp"
#include "litmus/c/CSyntax.hpp"
#include "runner/CPrimitives.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace memlit::runner {

namespace {

using litmus::c::Token;

std::string identity(std::string_view s) { return std::string(s); }

/// The test's thread functions, read again from its program text (the front end keeps it).
struct Parsed {
    litmus::SourceText src;
    litmus::c::Program prog;
};

std::optional<Parsed> reparse(const litmus::LitmusTest& test, Diagnostics& diags) {
    const std::size_t begin = test.programText.find('{');
    if (begin == std::string::npos) {
        diags.error(test.file, {}, "the C test keeps no program text");
        return std::nullopt;
    }
    Parsed p{litmus::SourceText(test.programText), {}};
    litmus::StateParser init(p.src, begin + 1, p.src.size(), test.file, diags, identity);
    std::vector<litmus::InitEntry> entries;
    if (!init.parseInit(entries)) return std::nullopt;
    std::size_t stop = 0;
    auto prog = litmus::c::parseFunctions(p.src, init.offset(), test.file, diags, stop);
    if (!prog) return std::nullopt;
    p.prog = std::move(*prog);
    return p;
}

bool isTypeWord(const Token& t) {
    static const std::set<std::string, std::less<>> words = {
        "int", "unsigned", "signed", "long", "short", "char", "bool", "_Bool", "void", "volatile", "const",
        "_Atomic", "atomic_int", "atomic_uint", "atomic_long", "atomic_ulong", "atomic_bool", "atomic_char",
        "atomic_short", "atomic_llong", "atomic_intptr_t", "__int128", "__int128_t", "__uint128_t", "spinlock_t",
        "atomic_t", "atomic_long_t", "struct"};
    if (t.kind != Token::Kind::Ident) return false;
    return words.count(t.text) || (t.text.size() > 2 && t.text.compare(t.text.size() - 2, 2, "_t") == 0);
}

bool isKeyword(const std::string& s) {
    static const std::set<std::string, std::less<>> words = {"if",     "else", "while", "for",  "do",   "break",
                                                             "continue", "sizeof", "NULL", "true", "false"};
    return words.count(s) > 0;
}

/// The identifiers of a type as written ("volatile atomic_int*" -> volatile, atomic_int).
std::vector<std::string> typeWords(const std::string& type) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : type + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            cur += c;
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    return out;
}

const std::string kInt128 = "128-bit integers: each location of the harness is 64 bits";

bool isInt128(const std::string& w) {
    return w == "__int128" || w == "__int128_t" || w == "__uint128_t" || w == "int128_t" || w == "uint128_t";
}

/// One thread function rewritten as the harness's statements.
class Translation {
public:
    Translation(const litmus::LitmusTest& test, int thread, const Parsed& p, Diagnostics& diags)
        : test_(test), thread_(thread), src_(p.src), toks_(p.prog.tokens), fn_(p.prog.threads.at(thread)), diags_(diags) {
        for (const auto& f : p.prog.threads)
            for (const auto& prm : f.params) locations_.insert(prm.name);
        for (const auto& e : test.init) {
            if (!e.place.isRegister()) locations_.insert(e.place.name);
            if (e.value.isSym()) locations_.insert(e.value.sym);
        }
        for (const auto& prm : fn_.params) paramType_[prm.name] = prm.type;
    }

    std::optional<ThreadAsm> run() {
        for (const auto& prm : fn_.params) {
            if (prm.type.find('*') == std::string::npos)
                unsupported(prm.loc, "parameter '" + prm.name + "' of type '" + prm.type + "': a location is passed by pointer");
            for (const auto& w : typeWords(prm.type))
                if (isInt128(w)) unsupported(prm.loc, kInt128);
        }
        scanDeclarations();
        std::string body = rewrite();
        if (failed_) return std::nullopt;
        ThreadAsm out;
        out.source = true;
        std::vector<std::string> lines = predeclare();
        // The parameters in their order, then the other locations in the order of use.
        std::stable_sort(usedLocs_.begin(), usedLocs_.end(), [&](const std::string& a, const std::string& b) {
            return paramIndex(a) < paramIndex(b);
        });
        std::vector<std::string> bindings;
        for (const auto& l : usedLocs_) {
            const std::string type = locationType(l);
            for (const auto& w : typeWords(type))
                if (auto n = cName(w)) need(*n);
            bindings.push_back(type + " const " + l + " = (" + type + ")memlit_loc_" + l + ";");
        }
        lines.insert(lines.begin(), bindings.begin(), bindings.end());
        for (auto& l : bodyLines(body)) lines.push_back(std::move(l));
        out.lines = lines;
        out.locations = usedLocs_;
        out.preamble = preamble_;
        return out;
    }

private:
    const litmus::LitmusTest& test_;
    const int thread_;
    const litmus::SourceText& src_;
    const std::vector<Token>& toks_;
    const litmus::c::Function& fn_;
    Diagnostics& diags_;
    bool failed_ = false;
    std::set<std::string> locations_;
    std::map<std::string, std::string> paramType_;
    std::set<std::string> declared_;       // locals the body declares
    std::set<std::size_t> zeroAfter_;      // tokens after which ` = 0` completes a declaration
    std::vector<std::string> undeclared_;  // locals used but never declared, in order
    std::vector<std::string> usedLocs_;    // locations the code names, in order
    std::vector<std::string> preamble_;

    void unsupported(SourceLoc loc, const std::string& what) {
        diags_.unsupported(test_.file, loc, what + " (memlit run)");
        failed_ = true;
    }
    SourceLoc loc(std::size_t i) const { return src_.locOf(toks_[i].offset); }
    static void addOnce(std::vector<std::string>& v, const std::string& s) {
        if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
    }
    void need(const CPrimitive& p) {
        for (const auto& d : p.definitions) addOnce(preamble_, d);
    }

    bool observed(const std::string& local) const {
        for (const auto& p : litmus::observedPlaces(test_))
            if (p.isRegister() && p.thread == thread_ && p.name == local) return true;
        return false;
    }

    bool declarationStart(std::size_t i) const {
        if (!isTypeWord(toks_[i])) return false;
        const Token& next = toks_[i + 1];
        if (!(next.kind == Token::Kind::Ident || next.punct("*"))) return false;
        const Token& prev = toks_[i - 1];
        return prev.punct("{") || prev.punct("}") || prev.punct(";") ||
               (prev.punct("(") && toks_[i - 2].ident("for"));
    }

    /// Every declaration's locals; a declarator without an initializer gets ` = 0` (the checker
    /// starts every local at 0). An observed local must be declared at the top of the body,
    /// where the harness reads it after the code.
    void scanDeclarations() {
        int depth = 0;
        for (std::size_t i = fn_.open + 1; i < fn_.close; ++i) {
            if (toks_[i].punct("{")) ++depth;
            if (toks_[i].punct("}")) --depth;
            if (!declarationStart(i)) continue;
            const bool inner = depth > 0 || toks_[i - 1].punct("(");
            std::size_t j = i;
            while (isTypeWord(toks_[j]) && (toks_[j + 1].kind == Token::Kind::Ident || toks_[j + 1].punct("*"))) ++j;
            while (j < fn_.close) {
                while (toks_[j].punct("*")) ++j;
                if (toks_[j].kind != Token::Kind::Ident) break;
                declared_.insert(toks_[j].text);
                if (inner && observed(toks_[j].text))
                    unsupported(loc(j), "observed local '" + toks_[j].text +
                                            "' declared in an inner block: the harness reads it after the thread's code");
                ++j;
                if (toks_[j].punct("=")) {
                    int nest = 0;
                    for (++j; j < fn_.close; ++j) {
                        const Token& t = toks_[j];
                        if (t.punct("(") || t.punct("[") || t.punct("{")) ++nest;
                        if (t.punct(")") || t.punct("]") || t.punct("}")) --nest;
                        if (nest <= 0 && (t.punct(",") || t.punct(";"))) break;
                    }
                } else {
                    zeroAfter_.insert(j - 1);
                }
                if (!toks_[j].punct(",")) break;
                ++j;
            }
            i = j;
        }
    }

    /// The body's text with the declarations completed; collects what the names need.
    std::string rewrite() {
        std::string out;
        std::size_t at = toks_[fn_.open].end;
        for (std::size_t i = fn_.open + 1; i < fn_.close; ++i) {
            const Token& t = toks_[i];
            out += std::string(src_.text().substr(at, t.offset - at)) + t.text;
            at = t.end;
            if (zeroAfter_.count(i)) out += " = 0";
            if (t.kind == Token::Kind::Ident) name(i);
        }
        return out + std::string(src_.text().substr(at, toks_[fn_.close].offset - at));
    }

    void name(std::size_t i) {
        const Token& t = toks_[i];
        const Token& prev = toks_[i - 1];
        if (prev.punct(".") || prev.punct("->") || isKeyword(t.text)) return;
        if (isInt128(t.text)) return unsupported(loc(i), kInt128);
        if (auto n = cName(t.text)) return need(*n);
        if (isTypeWord(t)) return;
        if (toks_[i + 1].punct("(")) {
            auto p = cCall(t.text);
            if (!p) return unsupported(loc(i), "function '" + t.text + "' on hardware");
            if (!p->declined.empty()) return unsupported(loc(i), p->declined);
            return need(*p);
        }
        if (declared_.count(t.text)) return;
        if (locations_.count(t.text)) return addOnce(usedLocs_, t.text);
        addOnce(undeclared_, t.text);
    }

    std::size_t paramIndex(const std::string& l) const {
        for (std::size_t i = 0; i < fn_.params.size(); ++i)
            if (fn_.params[i].name == l) return i;
        return fn_.params.size();
    }

    /// `T* const x = (T*)memlit_loc_x;`: a parameter's own type without `const` (herd lets a
    /// test store through `const int *y`), else the init block's.
    std::string locationType(const std::string& l) const {
        if (auto it = paramType_.find(l); it != paramType_.end()) {
            std::string type;
            for (const auto& w : typeWords(it->second))
                if (w != "const") type += (type.empty() ? "" : " ") + w;
            return type + std::string(static_cast<std::size_t>(std::count(it->second.begin(), it->second.end(), '*')), '*');
        }
        for (const auto& e : test_.init)
            if (!e.place.isRegister() && e.place.name == l && !e.type.empty()) return e.type + "*";
        return "int*";
    }

    /// Locals the body uses without declaring them, and observed ones it never names, with
    /// their initial values from the init block (`0:r1=x`: x's address).
    std::vector<std::string> predeclare() {
        for (const auto& p : litmus::observedPlaces(test_))
            if (p.isRegister() && p.thread == thread_ && !declared_.count(p.name)) addOnce(undeclared_, p.name);
        std::vector<std::string> lines;
        for (const auto& r : undeclared_) {
            std::string init = "0";
            for (const auto& e : test_.init)
                if (e.place.isRegister() && e.place.thread == thread_ && e.place.name == r) {
                    if (e.value.isSym()) {
                        init = "(intptr_t)memlit_loc_" + e.value.sym;
                        addOnce(usedLocs_, e.value.sym);
                    } else {
                        init = std::to_string(e.value.num);
                    }
                }
            lines.push_back("intptr_t " + r + " = " + init + ";");
        }
        return lines;
    }

    /// The body's lines without blank ones, right-trimmed, with their common indentation removed.
    static std::vector<std::string> bodyLines(const std::string& body) {
        std::vector<std::string> lines;
        std::size_t start = 0;
        while (start <= body.size()) {
            std::size_t end = body.find('\n', start);
            if (end == std::string::npos) end = body.size();
            std::string line = body.substr(start, end - start);
            while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
            if (!line.empty()) lines.push_back(line);
            start = end + 1;
        }
        std::size_t indent = std::string::npos;
        for (const auto& l : lines) indent = std::min(indent, l.find_first_not_of(" \t"));
        for (auto& l : lines) l = l.substr(indent == std::string::npos ? 0 : indent);
        return lines;
    }
};

}  // namespace

std::optional<RegBinding> CGenerator::bindRegister(const std::string&, const std::string& name) const {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return std::nullopt;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return std::nullopt;
    return RegBinding{name, 8};
}

std::optional<ThreadAsm> CGenerator::translate(const litmus::LitmusTest& test, int thread, Diagnostics& diags) const {
    bool arrays = false;
    if (thread == 0)
        for (const auto& [loc, what] : arrayDeclines(test)) {
            diags.unsupported(test.file, loc, what + " (memlit run)");
            arrays = true;
        }
    auto parsed = reparse(test, diags);
    if (!parsed || thread < 0 || static_cast<std::size_t>(thread) >= parsed->prog.threads.size()) return std::nullopt;
    auto out = Translation(test, thread, *parsed, diags).run();
    if (arrays) return std::nullopt;
    return out;
}

bool usesKernelPrimitives(const litmus::LitmusTest& test) {
    Diagnostics ignored;
    auto parsed = reparse(test, ignored);
    if (!parsed) return false;
    const auto& toks = parsed->prog.tokens;
    for (const auto& f : parsed->prog.threads) {
        for (const auto& prm : f.params)
            for (const auto& word : typeWords(prm.type))
                if (auto n = cName(word); n && n->kernel) return true;
        for (std::size_t i = f.open + 1; i < f.close; ++i)
            if (toks[i].kind == Token::Kind::Ident && toks[i + 1].punct("("))
                if (auto p = cCall(toks[i].text); p && p->kernel) return true;
    }
    return false;
}

}  // namespace memlit::runner
