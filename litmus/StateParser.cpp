#include "litmus/StateParser.hpp"

#include "litmus/State.hpp"

#include <algorithm>
#include <charconv>

namespace memlit::litmus {

namespace {

using K = Token::Kind;
constexpr int maxDepth = 500;
constexpr std::int64_t maxCells = 4096;

enum class PrintOp { Top, And, Or, Implies };

// Herd's rule: an operand needs parentheses unless it is the same operator (all three are
// printed flat under themselves) or an /\ under \/.
bool needsParens(PrintOp above, PrintOp here) {
    if (above == PrintOp::Top || above == here) return false;
    return !(above == PrintOp::Or && here == PrintOp::And);
}

std::string format(const Prop& p, PrintOp above) {
    auto binary = [&](PrintOp op, const char* sym) {
        std::string s = format(p.args[0], op) + sym + format(p.args[1], op);
        return needsParens(above, op) ? "(" + s + ")" : s;
    };
    switch (p.kind) {
    case Prop::Kind::True: return "true";
    case Prop::Kind::False: return "false";
    case Prop::Kind::Atom:  // herd prints a whole array `t={1,2}` without brackets
        if (p.other) return formatPlace(p.place) + "=" + formatPlace(*p.other);
        return (p.value.isArray() ? p.place.name : formatPlace(p.place)) + "=" + formatValue(p.value);
    case Prop::Kind::Not: return "not (" + format(p.args[0], PrintOp::Top) + ")";
    case Prop::Kind::And: return binary(PrintOp::And, " /\\ ");
    case Prop::Kind::Or: return binary(PrintOp::Or, " \\/ ");
    case Prop::Kind::Implies: return binary(PrintOp::Implies, " => ");
    }
    return {};
}

// Moves the operands in: an initializer list would copy them, which made a long chain of
// `\/` quadratic.
Prop makeBinary(Prop::Kind k, Prop a, Prop b) {
    Prop p;
    p.kind = k;
    p.args.reserve(2);
    p.args.push_back(std::move(a));
    p.args.push_back(std::move(b));
    return p;
}

Prop makeNot(Prop a) {
    Prop p;
    p.kind = Prop::Kind::Not;
    p.args.push_back(std::move(a));
    return p;
}

/// The operands `ops[lo, hi)` of one associative operator as a balanced tree, so that a chain
/// of 20,000 disjuncts is 15 levels deep for every later recursion (printing, evaluation, the
/// SMT encoding) rather than 20,000. The printing is flat either way (needsParens).
Prop balanced(Prop::Kind k, std::vector<Prop>& ops, std::size_t lo, std::size_t hi) {
    if (hi - lo == 1) return std::move(ops[lo]);
    const std::size_t mid = lo + (hi - lo) / 2;
    Prop left = balanced(k, ops, lo, mid);
    return makeBinary(k, std::move(left), balanced(k, ops, mid, hi));
}

}  // namespace

std::string formatProp(const Prop& p) { return format(p, PrintOp::Top); }

std::string formatCondition(Condition::Quantifier q, const Prop& p) {
    const char* word = q == Condition::Quantifier::Exists      ? "exists"
                       : q == Condition::Quantifier::NotExists ? "~exists"
                                                               : "forall";
    return std::string(word) + " (" + formatProp(p) + ")";
}

StateParser::StateParser(const SourceText& src, std::size_t begin, std::size_t end,
                         const std::string& file, Diagnostics& diags, RegisterNamer namer)
    : lex_(src, begin, end), file_(file), diags_(diags), namer_(namer) {}

bool StateParser::fail(const std::string& what) {
    diags_.error(file_, lex_.loc(), "expected " + what + ", found " + describe(lex_.peek()));
    return false;
}

std::nullopt_t StateParser::failed(const std::string& what) {
    fail(what);
    return std::nullopt;
}

bool StateParser::isName(std::string_view word) const {
    return lex_.peek().kind == K::Name && lex_.peek().text == word;
}

std::optional<std::int64_t> StateParser::number(const Token& t) {
    std::string_view s = t.text;
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        base = 16;
    }
    std::int64_t v = 0;
    std::uint64_t bits = 0;  // a hex literal is a 64-bit pattern: 0xFFFFFFFFFFFFFFFF is -1
    auto [ptr, ec] = base == 16 ? std::from_chars(s.data(), s.data() + s.size(), bits, base)
                                : std::from_chars(s.data(), s.data() + s.size(), v, base);
    if (base == 16) v = static_cast<std::int64_t>(bits);
    // So is a decimal beyond INT64_MAX (a uint64_t value: 18446744073709551615 is -1).
    if (base == 10 && ec == std::errc::result_out_of_range && !s.empty() && s[0] != '-') {
        auto r = std::from_chars(s.data(), s.data() + s.size(), bits, base);
        ptr = r.ptr;
        ec = r.ec;
        v = static_cast<std::int64_t>(bits);
    }
    if (ec != std::errc() || ptr != s.data() + s.size()) {
        diags_.error(file_, lex_.loc(), "number '" + t.text + "' is out of range");
        return std::nullopt;
    }
    return v;
}

std::optional<Place> StateParser::place() {
    SourceLoc loc = lex_.loc();
    const Token& t = lex_.peek();
    if (t.kind == K::LBrk) {
        lex_.next();
        if (lex_.peek().kind != K::Name) return failed("a location name");
        Place p{-1, lex_.next().text};
        if (lex_.peek().kind != K::RBrk) return failed("']'");
        lex_.next();
        locations_.emplace_back(p, loc);
        return p;
    }
    if (t.kind == K::Num || t.kind == K::Proc) {
        Token n = lex_.next();
        std::optional<std::int64_t> thread;
        if (n.kind == K::Proc || n.text[0] != '-') {
            std::int64_t v = 0;
            auto [ptr, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), v);
            if (ec == std::errc() && ptr == n.text.data() + n.text.size() && v < 100000) thread = v;
        }
        if (!thread || lex_.peek().kind != K::Colon) {
            diags_.error(file_, loc, "expected a location or a register 'T:NAME', found '" + n.text + "'");
            return std::nullopt;
        }
        return registerOf(*thread, loc);
    }
    if (t.kind == K::Name) {
        Place p{-1, lex_.next().text};
        // An array cell `v[1]` is a location of its own, named with its index.
        if (lex_.peek().kind == K::LBrk) {
            lex_.next();
            if (lex_.peek().kind != K::Num) return failed("an array index");
            auto i = number(lex_.peek());
            if (!i) return std::nullopt;
            if (*i < 0) return failed("a non-negative array index");
            lex_.next();
            if (lex_.peek().kind != K::RBrk) return failed("']'");
            lex_.next();
            p.name += "[" + std::to_string(*i) + "]";
        }
        locations_.emplace_back(p, loc);
        return p;
    }
    fail("a location or a register 'T:NAME'");
    return std::nullopt;
}

/// The register `T:NAME` after its thread number `T` (read already; the ':' is next).
std::optional<Place> StateParser::registerOf(std::int64_t thread, SourceLoc loc) {
    if (thread < 0 || thread >= 100000) {
        diags_.error(file_, loc, "expected a register 'T:NAME' with a thread number T");
        return std::nullopt;
    }
    lex_.next();
    if (lex_.peek().kind != K::Name && lex_.peek().kind != K::SymbReg)
        return failed("a register name");
    const SourceLoc regLoc = lex_.loc();
    const Token reg = lex_.next();
    const std::string spelled = reg.kind == K::SymbReg ? "%" + reg.text : reg.text;
    Place p{static_cast<int>(thread), namer_(spelled)};
    if (p.name.empty()) {  // the dialect knows no such register
        diags_.error(file_, regLoc, "unknown register '" + spelled + "'");
        return std::nullopt;
    }
    registers_.emplace_back(p, loc);
    return p;
}

std::optional<Value> StateParser::value(bool allowAmper) {
    if (allowAmper && lex_.peek().kind == K::Amper) lex_.next();
    if (lex_.peek().kind == K::Num) {
        Token t = lex_.peek();
        auto v = number(t);
        if (!v) return std::nullopt;
        lex_.next();
        return Value::number(*v);
    }
    // Code as data, which herd models and memlit does not: `P1:L0` (the address of a label)
    // and `instr:"B .+8"` (an instruction's encoding).
    if (lex_.peek().kind == K::Proc) {
        diags_.unsupported(file_, lex_.loc(), "code labels as values ('P" + lex_.peek().text + ":...')");
        return std::nullopt;
    }
    if (isName("instr")) {
        SourceLoc at = lex_.loc();
        Token name = lex_.next();
        if (lex_.peek().kind == K::Colon) {
            diags_.unsupported(file_, at, "instructions as values ('instr:...')");
            return std::nullopt;
        }
        return Value::address(name.text);
    }
    if (isName("ATOMIC_INIT")) {  // the kernel's `atomic_t v = ATOMIC_INIT(n);`
        lex_.next();
        if (lex_.peek().kind != K::LPar) return Value::address("ATOMIC_INIT");
        lex_.next();
        auto v = value(false);
        if (!v) return std::nullopt;
        if (lex_.peek().kind != K::RPar) {
            fail("')' after ATOMIC_INIT's value");
            return std::nullopt;
        }
        lex_.next();
        return v;
    }
    if (lex_.peek().kind == K::Name) return Value::address(lex_.next().text);
    if (lex_.peek().kind == K::LCurly) {  // an array value `{1,2}`
        lex_.next();
        std::vector<Value> cells;
        while (true) {
            if (lex_.peek().kind == K::LCurly) return failed("a cell value");  // no nesting
            auto v = value(allowAmper);
            if (!v) return std::nullopt;
            cells.push_back(std::move(*v));
            if (lex_.peek().kind == K::RCurly) break;
            if (lex_.peek().kind != K::Comma) return failed("',' or '}' in an array value");
            lex_.next();
        }
        lex_.next();
        return Value::array(std::move(cells));
    }
    fail("a value (an integer or a location name)");
    return std::nullopt;
}

bool StateParser::initItem(std::vector<InitEntry>& out) {
    InitEntry e;
    e.loc = lex_.loc();
    bool havePlace = false;
    // An optional type before the place: `int x`, `_Atomic int x`, `int *p`, `*p`.
    if (isName("_Atomic")) {
        lex_.next();
        if (lex_.peek().kind != K::Name) return fail("a type after '_Atomic'");
        e.type = "_Atomic " + lex_.next().text;
    } else if (lex_.peek().kind == K::Name) {
        Token first = lex_.next();
        K k = lex_.peek().kind;
        if (k == K::Name || k == K::Num || k == K::Proc || k == K::LBrk || k == K::Star || k == K::SymbReg) {
            e.type = first.text;
        } else {
            e.place = Place{-1, first.text};
            havePlace = true;
        }
    }
    if (!havePlace && lex_.peek().kind == K::SymbReg) {
        // `%x0=x` names no thread: the table front end gives it to every thread, or declines it.
        e.loc = lex_.loc();
        e.place = Place{Place::kSymbolic, "%" + lex_.next().text};
        havePlace = true;
    }
    if (!havePlace) {
        if (lex_.peek().kind == K::Star) {
            lex_.next();
            e.type += "*";
        }
        auto p = place();
        if (!p) return false;
        e.place = *p;
    }
    // `int v[3]` declares an array: place() read it as the cell `v[3]`.
    if (std::size_t b = e.place.name.find('['); !e.place.isRegister() && b != std::string::npos) {
        e.cells = std::stoll(e.place.name.substr(b + 1));
        e.place.name.resize(b);
        if (e.cells == 0) {
            diags_.error(file_, e.loc, "array '" + e.place.name + "' has no cells");
            return false;
        }
        if (e.cells > maxCells) {  // each cell is a location of its own
            diags_.error(file_, e.loc, "array '" + e.place.name + "' has more than " + std::to_string(maxCells) +
                                           " cells");
            return false;
        }
    }
    if (lex_.peek().kind == K::Equal) {
        lex_.next();
        SourceLoc at = lex_.loc();
        auto v = value(true);
        if (!v) return false;
        e.value = *v;
        if (v->isArray() && e.cells == 0) e.cells = static_cast<std::int64_t>(v->elems.size());
        if (e.cells > 0 && (!v->isArray() || static_cast<std::int64_t>(v->elems.size()) > e.cells)) {
            diags_.error(file_, at, "initial value of array '" + e.place.name + "' must be a list of at most " +
                                        std::to_string(e.cells) + " values");
            return false;
        }
    }
    if (e.cells > 0 && e.place.isRegister()) {
        diags_.error(file_, e.loc, "a register cannot hold an array");
        return false;
    }
    if (e.cells > 0) e.value.elems.resize(static_cast<std::size_t>(e.cells), Value::number(0));
    for (const auto& other : out) {
        if (other.place == e.place) {
            diags_.error(file_, e.loc, "duplicate initial value for '" + formatPlace(e.place) + "'");
            return false;
        }
    }
    out.push_back(std::move(e));
    return true;
}

bool StateParser::parseInit(std::vector<InitEntry>& out) {
    while (true) {
        while (lex_.peek().kind == K::Semi) lex_.next();
        if (lex_.peek().kind == K::RCurly) {
            lex_.next();
            return true;
        }
        if (!initItem(out)) return false;
        if (lex_.peek().kind == K::Semi) continue;
        if (lex_.peek().kind != K::RCurly) return fail("';' or '}' in the initial state");
    }
}

std::optional<Prop> StateParser::orProp() {
    std::vector<Prop> ops;
    while (true) {
        auto p = andProp();
        if (!p) return std::nullopt;
        ops.push_back(std::move(*p));
        if (lex_.peek().kind != K::Or) break;
        lex_.next();
    }
    return balanced(Prop::Kind::Or, ops, 0, ops.size());
}

std::optional<Prop> StateParser::andProp() {
    std::vector<Prop> ops;
    while (true) {
        auto p = impliesProp();
        if (!p) return std::nullopt;
        ops.push_back(std::move(*p));
        if (lex_.peek().kind != K::And) break;
        lex_.next();
    }
    return balanced(Prop::Kind::And, ops, 0, ops.size());
}

// `=>` binds tighter than `/\` and associates to the right, as in herd's grammar.
std::optional<Prop> StateParser::impliesProp() {
    auto left = unaryProp();
    if (!left || lex_.peek().kind != K::Implies) return left;
    lex_.next();
    if (++depth_ > maxDepth) {
        diags_.error(file_, lex_.loc(), "condition is nested too deeply");
        return std::nullopt;
    }
    auto right = impliesProp();
    --depth_;
    if (!right) return std::nullopt;
    return makeBinary(Prop::Kind::Implies, std::move(*left), std::move(*right));
}

std::optional<Prop> StateParser::unaryProp() {
    if (++depth_ > maxDepth) {
        diags_.error(file_, lex_.loc(), "condition is nested too deeply");
        return std::nullopt;
    }
    std::optional<Prop> out;
    if (lex_.peek().kind == K::Tilde || isName("not")) {
        lex_.next();
        if (auto p = unaryProp()) out = makeNot(std::move(*p));
    } else if (isName("true") || isName("false")) {
        out = Prop{};
        out->kind = lex_.next().text == "true" ? Prop::Kind::True : Prop::Kind::False;
    } else if (lex_.peek().kind == K::LPar) {
        lex_.next();
        out = orProp();
        if (out && lex_.peek().kind != K::RPar) {
            fail("')'");
            out.reset();
        } else if (out) {
            lex_.next();
        }
    } else {
        out = atom();
    }
    --depth_;
    return out;
}

std::optional<Prop> StateParser::atom() {
    const Token& t = lex_.peek();
    if (t.kind != K::Name && t.kind != K::Num && t.kind != K::Proc && t.kind != K::LBrk) {
        fail("a proposition");
        return std::nullopt;
    }
    auto p = place();
    if (!p) return std::nullopt;
    bool negate = lex_.peek().kind == K::NotEqual;
    if (lex_.peek().kind != K::Equal && lex_.peek().kind != K::EqEq && !negate) {
        fail("'=' after '" + formatPlace(*p) + "'");
        return std::nullopt;
    }
    lex_.next();
    Prop a;
    a.kind = Prop::Kind::Atom;
    a.place = *p;
    const SourceLoc at = lex_.loc();
    auto v = value(false);
    if (!v) return std::nullopt;
    if (lex_.peek().kind == K::Colon && !v->isSym() && !v->isArray()) {  // `0:r1=1:r2`
        a.other = registerOf(v->num, at);
        if (!a.other) return std::nullopt;
    } else {
        a.value = *v;
    }
    return negate ? makeNot(std::move(a)) : a;
}

bool StateParser::parseConstraints(LitmusTest& test) {
    if (isName("locations")) {
        lex_.next();
        if (lex_.peek().kind != K::LBrk) return fail("'[' after 'locations'");
        lex_.next();
        while (lex_.peek().kind != K::RBrk) {
            auto p = place();
            if (!p) return false;
            test.locations.push_back(*p);
            // herd allows a type after the place (`x int*`); it does not change the value.
            while (lex_.peek().kind == K::Name || lex_.peek().kind == K::Star) lex_.next();
            if (lex_.peek().kind == K::Semi) lex_.next();
            else if (lex_.peek().kind != K::RBrk) return fail("';' or ']' in 'locations'");
        }
        lex_.next();
    }
    if (isName("filter")) {
        lex_.next();
        auto f = orProp();
        if (!f) return false;
        test.filter = std::move(*f);
    }
    Condition& c = test.condition;
    c.loc = lex_.loc();
    std::optional<Prop> prop;
    if (lex_.peek().kind == K::End) {
        c.quantifier = Condition::Quantifier::Forall;  // herd: no condition means forall (true)
        prop = Prop{};
    } else if (isName("exists") || isName("final") || isName("forall")) {
        c.quantifier = lex_.next().text == "forall" ? Condition::Quantifier::Forall
                                                    : Condition::Quantifier::Exists;
        prop = orProp();
    } else if (lex_.peek().kind == K::Tilde || isName("not")) {
        lex_.next();
        if (!isName("exists")) return fail("'exists' after '~'");
        lex_.next();
        c.quantifier = Condition::Quantifier::NotExists;
        prop = orProp();
    } else if (lex_.peek().kind == K::LPar) {
        c.quantifier = Condition::Quantifier::Exists;
        prop = orProp();
    } else if (isName("observed") || isName("Observed")) {
        diags_.unsupported(file_, c.loc, "'observed' conditions");
        return false;
    } else {
        return fail("a condition ('exists', '~exists' or 'forall')");
    }
    if (!prop) return false;
    c.prop = std::move(*prop);
    c.text = formatCondition(c.quantifier, c.prop);
    if (lex_.peek().kind == K::Semi) lex_.next();
    // herd's older tests follow the condition with `with` and each model's expected result
    // (`with default: ~exists; power_b: exists;`): notes for the reader, which herd does not
    // check; the rest of the text is skipped (herd-models answer the plain condition).
    if (isName("with")) return true;
    if (lex_.peek().kind != K::End) {
        diags_.error(file_, lex_.loc(), "unexpected " + describe(lex_.peek()) + " after the condition");
        return false;
    }
    return true;
}

}  // namespace memlit::litmus
