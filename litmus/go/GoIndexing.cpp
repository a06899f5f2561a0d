// Go indexing of arrays and slices, `len`/`cap` of them and `for ... range` over them
// (docs/go.md, "Arrays and slices"): element i of a collection at address `a` is the plain
// location at `a + i * size`; every index is checked against the length, as Go does.

#include "litmus/State.hpp"
#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

std::int64_t Lowerer::elementSize(const Expr& base) const {
    if (base.kind == K::Sym)
        for (const auto& i : prog_.init)
            if (!i.place.isRegister() && i.place.name == base.name && i.cells > 0) return litmus::sizeOfType(i.type);
    return litmus::sizeOfType("int");
}

std::optional<Lowerer::Index> Lowerer::parseIndex(const std::string& type) {
    const Token& open = peek();
    auto c = collectionOf(type);
    if (!c) {
        error(open, "invalid operation: cannot index a value of type " + shownType(type));
        return std::nullopt;
    }
    ++pos_;
    const Token& first = peek();
    auto i = expression();
    if (!i) return std::nullopt;
    const Token& last = toks_[pos_ - 1];
    if (peek().punct(":")) {
        unsupported(peek(), "slice expressions (a[i:j])");
        return std::nullopt;
    }
    if (!expect("]")) return std::nullopt;
    Index out{*i, c->length, c->elem, std::string(src_.text().substr(first.offset, last.end - first.offset))};
    if (auto k = constantOf(*i)) {
        if (*k < 0) {
            error(first, "invalid argument: index " + std::to_string(*k) + " (constant of type int) must not be negative");
            return std::nullopt;
        }
        if (!c->slice && *k >= c->length) {
            error(first, "invalid argument: index " + std::to_string(*k) + " out of bounds [0:" +
                             std::to_string(c->length) + "]");
            return std::nullopt;
        }
        out.text = std::to_string(*k);
    }
    return out;
}

void Lowerer::boundsCheck(const Index& i) {
    const std::string what =
        "runtime error: index out of range [" + i.text + "] with length " + std::to_string(i.length);
    if (auto k = constantOf(i.index)) {
        if (*k >= i.length) emit(Halt{Halt::Kind::Panic, what});
        return;
    }
    panicUnless(Expr::binary(K::And, Expr::binary(K::Ge, i.index, Expr::constant(0)),
                             Expr::binary(K::Lt, i.index, Expr::constant(i.length))),
                what);
}

Expr Lowerer::elementAt(const Expr& base, const Index& i) const {
    const std::int64_t size = elementSize(base);
    if (auto k = constantOf(i.index)) {
        if (*k == 0) return base;
        return Expr::binary(K::Add, base, Expr::constant(*k * size));
    }
    return Expr::binary(K::Add, base, Expr::binary(K::Mul, i.index, Expr::constant(size)));
}

std::optional<Expr> Lowerer::elementAddress(const Expr& base, const std::string& type) {
    auto i = parseIndex(type);
    if (!i) return std::nullopt;
    boundsCheck(*i);
    type_ = i->elem;
    return elementAt(base, *i);
}

std::optional<Expr> Lowerer::indexExpression() {
    const Token& name = peek();
    ++pos_;
    auto base = collectionBase(name);
    if (!base) return std::nullopt;
    auto v = indexLoad(*base);
    while (v && peek().punct(".")) v = fieldLoad(*v);
    return v;
}

Expr Lowerer::zeroCollection(std::string& type) {
    auto c = collectionOf(type);
    if (c->slice) {
        type += "#0";  // a nil slice: length 0, every index panics
        return Expr::constant(0);
    }
    std::string r = b_->freshTemp();
    emit(Alloc{r, std::max<std::int64_t>(c->length, 1), {}});
    fresh_.insert(r);
    return Expr::reg(r);
}

std::optional<Expr> Lowerer::indexLoad(const Expr& base) {
    auto a = elementAddress(base, type_);
    if (!a) return std::nullopt;
    std::string r = b_->freshTemp();
    emit(Load{r, *a, {}, -1, 0});
    return Expr::reg(r);
}

bool Lowerer::indexStatement() {
    const Token& name = peek();
    ++pos_;
    auto base = collectionBase(name);
    if (!base) return false;
    auto i = parseIndex(type_);
    if (!i) return false;
    if (peek().punct(".") || peek().punct("[")) return unsupported(peek(), "a field or element of an element (copy it to a local first)");
    const Expr at = elementAt(*base, *i);
    type_ = i->elem;
    const Token& op = peek();
    ++pos_;
    const std::string elem = i->elem;
    if (op.punct("=")) {
        // Go evaluates the index and the right-hand side first, then stores (or panics).
        auto rhs = expression();
        if (!rhs) return false;
        auto v = asType(op, *rhs, elem);
        if (!v) return false;
        boundsCheck(*i);
        emit(Store{at, *v, {}, -1, 0});
        return true;
    }
    if (!compoundOperator(op).empty()) {
        boundsCheck(*i);
        std::string old = b_->freshTemp();
        emit(Load{old, at, {}, -1, 0});
        auto v = compoundValue(op, elem, [&] { return std::optional<Expr>(Expr::reg(old)); });
        if (!v) return false;
        emit(Store{at, *v, {}, -1, 0});
        return true;
    }
    pos_ -= 1;
    return fail("'=' or an assignment operator");
}

std::optional<Expr> Lowerer::collectionLength(bool& handled) {
    handled = false;
    const Token& fn = peek();
    const Token& arg = peek(2);
    if (!peek(1).punct("(") || arg.kind != Token::Kind::Ident || !peek(3).punct(")")) return std::nullopt;
    std::string type;
    if (locals_.count(arg.text)) type = types_[arg.text];
    else if (const Global* g = global(arg.text); g && g->kind == GlobalKind::Map) type = g->type;
    if (isMapType(prog_, type) && fn.text == "len") {
        handled = true;
        pos_ += 3;
        auto n = mapLength(arg);
        if (!n || !expect(")")) return std::nullopt;
        return n;
    }
    else if (const Global* g = global(arg.text); g && g->kind == GlobalKind::Array) type = g->type;
    auto c = collectionOf(type);
    if (!c) return std::nullopt;
    handled = true;
    pos_ += 4;
    type_ = "int";
    return Expr::constant(c->length);
}

bool Lowerer::rangeCollection(std::size_t rangeAt, std::size_t open) {
    const std::size_t first = pos_++;
    std::vector<const Token*> names;  // key, value (either may be `_`)
    bool declare = false;
    if (pos_ != rangeAt) {
        auto list = nameList(toks_, pos_);
        if (!list || list->size() > 2) return fail(list ? "':=' or '='" : "a variable");
        names = *list;
        if (!peek().punct(":=") && !peek().punct("=")) return fail("':=' or '='");
        declare = peek().punct(":=");
        ++pos_;
    }
    ++pos_;
    const Token& subject = peek();
    if (subject.kind == Token::Kind::Int) return unsupported(subject, "range over an integer (Go 1.22; memlit reads Go 1.19)");
    if (subject.kind != Token::Kind::Ident || !toks_[pos_ + 1].punct("{"))
        return unsupported(subject, "range over anything but a channel or a named array or slice");
    if (subject.ident("range")) return fail("an expression");
    if (!locals_.count(subject.text)) {
        const Global* g = global(subject.text);
        if (!g || g->kind != GlobalKind::Array) {
            if (g && g->kind == GlobalKind::Plain && isValueType(prog_, g->type))
                return unsupported(subject, "range over an integer (Go 1.22; memlit reads Go 1.19)");
            return g ? unsupported(subject, "range over a value of type " + g->type) : error(subject, "undefined: " + subject.text);
        }
    }
    ++pos_;
    auto base = collectionBase(subject);
    if (!base) return false;
    auto c = collectionOf(type_);
    if (!c) return unsupported(subject, "range over a value of type " + shownType(type_));
    record(first, open - 1);
    const SourceLoc forLoc = loc_;
    // Go evaluates the range expression once: an array's values are copied before the first
    // round; a slice's are read in each round.
    const bool wantsValue = names.size() == 2 && names[1]->text != "_";
    std::vector<Expr> copied;
    const std::int64_t size = elementSize(*base);
    auto element = [&](std::int64_t k) {
        std::string r = b_->freshTemp();
        emit(Load{r, k == 0 ? *base : Expr::binary(K::Add, *base, Expr::constant(k * size)), {}, -1, 0});
        return Expr::reg(r);
    };
    for (std::int64_t k = 0; wantsValue && !c->slice && k < c->length; ++k) copied.push_back(element(k));
    // Go 1.19: the iteration variables are declared once, before the loop, and assigned each round.
    const std::string types[2] = {"int", c->elem};
    for (std::size_t n = 0; declare && n < names.size(); ++n) {
        if (names[n]->text == "_") continue;
        for (std::size_t k = open + 1; k < matching(open); ++k)
            if (toks_[k].ident("go") && toks_[k + 1].ident("func")) escaped_.insert(names[n]->text);
        type_ = types[n];
        if (!assign(*names[n], Expr::constant(0), true)) return false;
    }
    const std::size_t close = matching(open);
    Holds leaving = held_;
    const std::string end = b_->freshLabel();
    bool ok = true;
    for (std::int64_t k = 0; ok && k < c->length; ++k) {
        loc_ = forLoc;
        type_ = "int";
        if (!names.empty() && !assign(*names[0], Expr::constant(k), false)) return false;
        type_ = c->elem;
        if (wantsValue && !assign(*names[1], c->slice ? element(k) : copied[static_cast<std::size_t>(k)], false))
            return false;
        loops_.push_back({end, b_->freshLabel(), &leaving, std::nullopt});
        ok = body(open, close);
        const Loop here = loops_.back();
        loops_.pop_back();
        emit(Label{here.continueTo});
        if (here.continued) merge(held_, *here.continued);
        merge(leaving, held_);
    }
    held_ = leaving;
    emit(Label{end});
    pos_ = close + 1;
    return ok;
}

}  // namespace memlit::litmus::go
