#include "runner/HarnessSource.hpp"

#include "runner/HarnessRuntime.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace memlit::runner {

namespace {

using litmus::Place;
using litmus::Prop;
using litmus::Value;

struct ThreadLayout {
    ThreadAsm code;
    std::map<std::string, Value> regInit;  // hardware register -> initial value
    std::vector<std::string> outRegs;      // hardware register of each output slot
};

/// Everything about the test's shape that the generated code refers to by index.
struct Layout {
    std::vector<std::string> locations;  // sorted
    std::map<std::string, int> locWidth;
    std::vector<Place> places;
    std::vector<int> obsThread, obsIndex, obsWidth;
    std::vector<ThreadLayout> threads;

    int locIndex(const std::string& name) const {
        auto it = std::find(locations.begin(), locations.end(), name);
        return it == locations.end() ? -1 : static_cast<int>(it - locations.begin());
    }
};

void collectSyms(const Prop& p, std::set<std::string>& out) {
    if (p.kind == Prop::Kind::Atom) {
        if (!p.place.isRegister()) out.insert(p.place.name);
        if (p.other && !p.other->isRegister()) out.insert(p.other->name);
        if (p.value.isSym() && !p.other) out.insert(p.value.sym);
    }
    for (const auto& a : p.args) collectSyms(a, out);
}

int typeWidth(const std::string& type, int word) {
    if (type.find('*') != std::string::npos || type.find("64") != std::string::npos ||
        type.find("long") != std::string::npos)
        return 8;
    if (type.find("32") != std::string::npos || type == "int" || type == "unsigned") return 4;
    return word;
}

/// When the init block declares an observed place's type, the harness reduces the value to it
/// as the checker does (litmus::normalize): its width in bytes, negative for an unsigned type.
std::optional<int> declaredWidth(const litmus::LitmusTest& test, const Place& p) {
    for (const auto& e : test.init) {
        if (e.place != p || e.type.empty() || e.cells > 0) continue;
        auto t = litmus::valueTypeOf(e.type);
        if (t.bits >= 64) return 8;
        return t.isSigned ? t.bits / 8 : -(t.bits / 8);
    }
    return std::nullopt;
}

void addOnce(std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::optional<Layout> makeLayout(const litmus::LitmusTest& test, const ArchGenerator& gen,
                                 Diagnostics& diags) {
    Layout lay;
    bool failed = false;
    std::set<std::string> locs;
    for (std::size_t t = 0; t < test.raw.size(); ++t) {
        auto code = gen.translate(test, static_cast<int>(t), diags);
        if (!code) {
            failed = true;
            lay.threads.emplace_back();
            continue;
        }
        locs.insert(code->locations.begin(), code->locations.end());
        lay.threads.push_back({*code, {}, {}});
    }
    if (failed) return std::nullopt;
    for (const auto& e : test.init) {
        if (!e.place.isRegister()) locs.insert(e.place.name);
        if (e.value.isSym()) locs.insert(e.value.sym);
    }
    if (test.filter) collectSyms(*test.filter, locs);
    collectSyms(test.condition.prop, locs);
    for (const auto& p : test.locations)
        if (!p.isRegister()) locs.insert(p.name);
    lay.locations.assign(locs.begin(), locs.end());

    const int word = gen.wordWidth(test.arch);
    for (const auto& l : lay.locations) lay.locWidth[l] = word;
    auto bind = [&](const Place& p, SourceLoc loc) -> std::optional<RegBinding> {
        if (p.thread < 0 || static_cast<std::size_t>(p.thread) >= lay.threads.size()) {
            diags.error(test.file, loc, "register " + litmus::formatPlace(p) + " names no thread");
            return std::nullopt;
        }
        auto b = gen.bindRegister(test.arch, p.name);
        if (!b) diags.error(test.file, loc, "unknown register " + litmus::formatPlace(p));
        else addOnce(lay.threads[static_cast<std::size_t>(p.thread)].code.hwRegs, b->hwReg);
        return b;
    };
    for (const auto& e : test.init) {
        if (e.place.isRegister()) {
            auto b = bind(e.place, e.loc);
            if (!b) return std::nullopt;
            lay.threads[static_cast<std::size_t>(e.place.thread)].regInit[b->hwReg] = e.value;
        } else {
            lay.locWidth[e.place.name] = e.value.isSym() ? 8 : typeWidth(e.type, word);
        }
    }
    lay.places = litmus::observedPlaces(test);
    for (const auto& p : lay.places) {
        if (p.isRegister()) {
            auto b = bind(p, test.condition.loc);
            if (!b) return std::nullopt;
            auto& outs = lay.threads[static_cast<std::size_t>(p.thread)].outRegs;
            lay.obsThread.push_back(p.thread);
            lay.obsIndex.push_back(static_cast<int>(outs.size()));
            lay.obsWidth.push_back(declaredWidth(test, p).value_or(b->width));
            outs.push_back(b->hwReg);
        } else {
            lay.obsThread.push_back(-1);
            lay.obsIndex.push_back(lay.locIndex(p.name));
            lay.obsWidth.push_back(declaredWidth(test, p).value_or(lay.locWidth[p.name]));
        }
    }
    if (lay.places.size() > 63) {
        diags.error(test.file, test.condition.loc, "the harness observes at most 63 places");
        return std::nullopt;
    }
    return lay;
}

std::string valueExpr(const Layout& lay, const Value& v) {
    if (v.isSym()) return "(int64_t)(intptr_t)&m[" + std::to_string(lay.locIndex(v.sym)) + " * MEMLIT_LINE]";
    return "(int64_t)" + std::to_string(v.num) + "ll";
}

/// A source thread's statements (ThreadAsm::source) in a block of their own, between compiler
/// barriers so that nothing moves between instances; then its observed locals are stored.
void sourceBody(std::ostream& os, const Layout& lay, const ThreadLayout& th) {
    for (const auto& l : th.code.locations)
        os << "    int64_t* const memlit_loc_" << l << " = &m[" << lay.locIndex(l) << " * MEMLIT_LINE];\n";
    os << "    __asm__ __volatile__(\"\" ::: \"memory\");\n"
       << "    {\n";
    for (const auto& line : th.code.lines) os << "        " << line << "\n";
    for (std::size_t j = 0; j < th.outRegs.size(); ++j)
        os << "        memlit_o[" << j << "] = (int64_t)(" << th.outRegs[j] << ");\n";
    os << "    }\n"
       << "    __asm__ __volatile__(\"\" ::: \"memory\");\n"
       << "}\n";
}

std::string threadFunction(const Layout& lay, int t) {
    const ThreadLayout& th = lay.threads[static_cast<std::size_t>(t)];
    std::string ts = std::to_string(t);
    std::ostringstream os;
    // One instance of the thread's code; the runtime's worker loop calls it (inlined through
    // memlit_run_body's switch), so a worker may run several threads' code in turn.
    os << "static inline __attribute__((always_inline)) void memlit_thread_" << ts
       << "(memlit_ctx* c, long i) {\n"
       << "    int64_t* m = c->mem + i * c->stride;\n";
    if (!th.outRegs.empty())
        os << "    int64_t* " << (th.code.source ? "memlit_o" : "o") << " = c->out[" << ts << "] + i * memlit_nout["
           << ts << "];\n";
    if (th.code.source) {
        sourceBody(os, lay, th);
        return os.str();
    }
    for (const auto& r : th.code.hwRegs) {
        auto it = th.regInit.find(r);
        os << "    register int64_t r_" << r << " asm(\"" << r << "\") = "
           << (it == th.regInit.end() ? "0" : valueExpr(lay, it->second)) << ";\n";
    }
    os << "    asm volatile(\n";
    for (const auto& line : th.code.lines)
        os << "        " << cStringLiteral(line + "\n\t") << "\n";
    if (th.code.lines.empty()) os << "        \"\"\n";
    os << "        :";
    std::vector<std::string> outs;
    for (const auto& l : th.code.locations)
        outs.push_back("[loc_" + l + "] \"+m\"(m[" + std::to_string(lay.locIndex(l)) +
                       " * MEMLIT_LINE])");
    for (const auto& r : th.code.hwRegs) outs.push_back("\"+r\"(r_" + r + ")");
    for (std::size_t i = 0; i < outs.size(); ++i) os << (i ? ", " : " ") << outs[i];
    os << "\n        :\n        : \"cc\", ";
    for (const auto& r : th.code.clobbers) os << "\"" << r << "\", ";
    os << "\"memory\");\n";
    for (std::size_t j = 0; j < th.outRegs.size(); ++j)
        os << "    o[" << j << "] = r_" << th.outRegs[j] << ";\n";
    os << "}\n";
    return os.str();
}

std::string condExpr(const Layout& lay, const Prop& p) {
    switch (p.kind) {
    case Prop::Kind::True: return "1";
    case Prop::Kind::False: return "0";
    case Prop::Kind::Atom: {
        auto it = std::find(lay.places.begin(), lay.places.end(), p.place);
        if (p.other) {  // both are observed places: equal values of the same kind
            auto jt = std::find(lay.places.begin(), lay.places.end(), *p.other);
            if (it == lay.places.end() || jt == lay.places.end()) return "0";
            const std::string i = std::to_string(it - lay.places.begin());
            const std::string j = std::to_string(jt - lay.places.begin());
            return "((k->sym >> " + i + " & 1) == (k->sym >> " + j + " & 1) && k->v[" + i + "] == k->v[" + j + "])";
        }
        if (it == lay.places.end()) return p.value.isSym() || p.value.num != 0 ? "0" : "1";
        std::string j = std::to_string(it - lay.places.begin());
        if (p.value.isSym())
            return "((k->sym >> " + j + " & 1) && k->v[" + j + "] == " +
                   std::to_string(lay.locIndex(p.value.sym)) + ")";
        return "(!(k->sym >> " + j + " & 1) && k->v[" + j + "] == " + std::to_string(p.value.num) +
               "ll)";
    }
    case Prop::Kind::Not: return "!" + condExpr(lay, p.args.at(0));
    case Prop::Kind::And:
        return "(" + condExpr(lay, p.args.at(0)) + " && " + condExpr(lay, p.args.at(1)) + ")";
    case Prop::Kind::Or:
        return "(" + condExpr(lay, p.args.at(0)) + " || " + condExpr(lay, p.args.at(1)) + ")";
    case Prop::Kind::Implies:
        return "(!" + condExpr(lay, p.args.at(0)) + " || " + condExpr(lay, p.args.at(1)) + ")";
    }
    return "0";
}

template <class T, class F>
std::string cArray(const std::vector<T>& v, F show, const std::string& pad) {
    std::string s = "{";
    for (const auto& x : v) s += show(x) + ", ";
    return s + pad + "}";
}

std::string str(int x) { return std::to_string(x); }

}  // namespace

std::string cStringLiteral(const std::string& text) {
    std::string s = "\"";
    for (char c : text) {
        switch (c) {
        case '"': s += "\\\""; break;
        case '\\': s += "\\\\"; break;
        case '\n': s += "\\n"; break;
        case '\t': s += "\\t"; break;
        default: s += c;
        }
    }
    return s + "\"";
}

std::optional<std::string> generateThreadFunction(const litmus::LitmusTest& test,
                                                  const ArchGenerator& gen, int thread,
                                                  Diagnostics& diags) {
    auto lay = makeLayout(test, gen, diags);
    if (!lay || thread < 0 || static_cast<std::size_t>(thread) >= lay->threads.size())
        return std::nullopt;
    return threadFunction(*lay, thread);
}

std::optional<HarnessSource> generateHarness(const litmus::LitmusTest& test,
                                             const ArchGenerator& gen, const ModelVerdict& verdict,
                                             Diagnostics& diags) {
    auto lay = makeLayout(test, gen, diags);
    if (!lay) return std::nullopt;
    if (lay->threads.empty()) {
        diags.error(test.file, {}, "the test has no threads");
        return std::nullopt;
    }
    std::ostringstream os;
    os << "/* Generated by memlit from " << test.file << " (" << test.arch << " " << test.name
       << "). DO NOT EDIT: regenerate with memlit run --emit. */\n"
       << "#include <stdint.h>\n\n"
       << "#define MEMLIT_NTHREADS " << lay->threads.size() << "\n"
       << "#define MEMLIT_NLOCS " << lay->locations.size() << "\n"
       << "#define MEMLIT_NOBS " << lay->places.size() << "\n";

    // Allowed states, encoded like the harness's keys (location addresses as indices).
    std::vector<std::pair<std::vector<std::int64_t>, std::uint64_t>> allowed;
    for (const auto& s : verdict.allowed) {
        std::vector<std::int64_t> v;
        std::uint64_t sym = 0;
        bool ok = s.values.size() == lay->places.size();
        for (std::size_t j = 0; ok && j < s.values.size(); ++j) {
            if (s.values[j].isSym()) {
                int l = lay->locIndex(s.values[j].sym);
                ok = l >= 0;
                v.push_back(l);
                sym |= std::uint64_t{1} << j;
            } else {
                v.push_back(s.values[j].num);
            }
        }
        if (ok) allowed.emplace_back(v, sym);
    }
    os << "#define MEMLIT_NALLOWED " << allowed.size() << "\n\n";
    auto cstr = [](const std::string& s) { return cStringLiteral(s); };
    std::vector<std::string> placeNames;
    for (const auto& p : lay->places) placeNames.push_back(litmus::formatPlace(p));
    std::vector<int> initSym;
    std::vector<std::int64_t> initNum;
    for (const auto& l : lay->locations) {
        Value v = Value::number(0);
        for (const auto& e : test.init)
            if (!e.place.isRegister() && e.place.name == l) v = e.value;
        initSym.push_back(v.isSym() ? lay->locIndex(v.sym) : -1);
        // Stored as the location's type holds it: `int8_t x=257` starts as 1, as in the checker.
        initNum.push_back(v.isSym() ? 0 : litmus::normalize(litmus::placeType(test, Place{-1, l}), v.num));
    }
    std::vector<int> nout;
    for (const auto& t : lay->threads) nout.push_back(static_cast<int>(t.outRegs.size()));
    const int quant = test.condition.quantifier == litmus::Condition::Quantifier::Exists      ? 0
                      : test.condition.quantifier == litmus::Condition::Quantifier::NotExists ? 1
                                                                                            : 2;
    os << "static const char* const memlit_test_name = " << cstr(test.name) << ";\n"
       << "static const char* const memlit_arch = " << cstr(test.arch) << ";\n"
       << "static const char* const memlit_model = " << cstr(verdict.model) << ";\n"
       << "static const char* const memlit_cond_text = " << cstr(test.condition.text) << ";\n"
       << "static const int memlit_quantifier = " << quant << "; /* 0 exists, 1 ~exists, 2 forall */\n"
       << "static const char* const memlit_loc_names[MEMLIT_NLOCS + 1] = "
       << cArray(lay->locations, cstr, "0") << ";\n"
       << "static const int64_t memlit_init_num[MEMLIT_NLOCS + 1] = "
       << cArray(initNum, [](std::int64_t x) { return std::to_string(x) + "ll"; }, "0") << ";\n"
       << "static const int memlit_init_sym[MEMLIT_NLOCS + 1] = " << cArray(initSym, str, "-1") << ";\n"
       << "static const char* const memlit_obs_names[MEMLIT_NOBS + 1] = "
       << cArray(placeNames, cstr, "0") << ";\n"
       << "static const int memlit_obs_thread[MEMLIT_NOBS + 1] = " << cArray(lay->obsThread, str, "0") << ";\n"
       << "static const int memlit_obs_index[MEMLIT_NOBS + 1] = " << cArray(lay->obsIndex, str, "0") << ";\n"
       << "static const int memlit_obs_width[MEMLIT_NOBS + 1] = " << cArray(lay->obsWidth, str, "0") << ";\n"
       << "static const int memlit_nout[MEMLIT_NTHREADS] = " << cArray(nout, str, "") << ";\n"
       << "static const int64_t memlit_allowed_v[MEMLIT_NALLOWED + 1][MEMLIT_NOBS + 1] = {";
    for (const auto& a : allowed)
        os << cArray(a.first, [](std::int64_t x) { return std::to_string(x) + "ll"; }, "0") << ", ";
    os << "{0}};\n"
       << "static const uint64_t memlit_allowed_sym[MEMLIT_NALLOWED + 1] = {";
    for (const auto& a : allowed) os << a.second << "ull, ";
    os << "0};\n";

    // The report writers and main run once per test: compiled without optimisation they cut
    // the harness's compile time by about 40%, which a batch of thousands of tests notices.
    os << harnessRuntime() << "#if defined(__clang__)\n#pragma clang optimize off\n#elif defined(__GNUC__)\n"
       << "#pragma GCC push_options\n#pragma GCC optimize(\"O0\")\n#endif\n"
       << harnessOutput() << harnessMain()
       << "#if defined(__clang__)\n#pragma clang optimize on\n#elif defined(__GNUC__)\n#pragma GCC pop_options\n#endif\n\n";
    os << "static int memlit_cond(const memlit_key* k) {\n    (void)k;\n    return "
       << condExpr(*lay, test.condition.prop) << ";\n}\n\n";
    std::vector<std::string> preamble;
    for (const auto& t : lay->threads)
        for (const auto& line : t.code.preamble) addOnce(preamble, line);
    for (const auto& line : preamble) os << line << "\n";
    if (!preamble.empty()) os << "\n";
    for (std::size_t t = 0; t < lay->threads.size(); ++t)
        os << threadFunction(*lay, static_cast<int>(t)) << "\n";
    os << "static void memlit_run_body(int t, memlit_ctx* c, long i) {\n"
       << "    switch (t) {\n";
    for (std::size_t t = 0; t < lay->threads.size(); ++t)
        os << "    case " << t << ": memlit_thread_" << t << "(c, i); break;\n";
    os << "    }\n}\n";
    return HarnessSource{os.str(), lay->places, lay->locations};
}

}  // namespace memlit::runner
