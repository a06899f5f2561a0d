// Go arrays and slices (docs/go.md, "Arrays and slices"): a collection is an object of one
// location per element, laid out an element apart; a local holds its address (a slice's
// length is known when it is made, so it is part of the type: `[]int#3` inside the front
// end, `[]int` in messages). An index is an address computation, so a computed index is an
// address dependency; out of range is a Panic halt. Also division (a zero divisor panics) and
// labelled loops.

#include "litmus/State.hpp"
#include "litmus/go/GoLowering.hpp"

#include <charconv>

namespace memlit::litmus::go {

namespace {

const char* const kDivideByZero = "runtime error: integer divide by zero";

}  // namespace

std::optional<Collection> collectionOf(const std::string& type) {
    if (type.size() < 3 || type[0] != '[') return std::nullopt;
    const std::size_t close = type.find(']');
    if (close == std::string::npos) return std::nullopt;
    Collection c;
    if (close == 1) {
        c.slice = true;
        const std::size_t hash = type.rfind('#');
        c.elem = type.substr(2, hash == std::string::npos ? std::string::npos : hash - 2);
        c.length = hash == std::string::npos ? 0 : std::stoll(type.substr(hash + 1));
    } else {
        c.length = std::stoll(type.substr(1, close - 1));
        c.elem = type.substr(close + 1);
    }
    return c;
}

std::string shownType(const std::string& type) {
    auto c = collectionOf(type);
    if (!c || !c->slice) return type;
    return "[]" + c->elem;
}

bool Lowerer::divisionCheck(const Token& op, const Expr& divisor) {
    if (auto k = constantOf(divisor)) return *k != 0 || error(op, "invalid operation: division by zero");
    panicUnless(Expr::binary(K::Ne, divisor, Expr::constant(0)), kDivideByZero);
    return true;
}

bool Lowerer::labelledStatement(std::size_t close) {
    const Token& name = peek();
    pos_ += 2;
    while (peek().kind == Token::Kind::Semi && pos_ < close) ++pos_;
    // Labels belong to the function: one name, one labelled statement (lowered once per
    // unrolled copy, so the same token may come back).
    auto [it, fresh] = labelsDefined_.insert({{test_.raw.size(), name.text}, name.offset});
    if (!fresh && it->second != name.offset) return error(name, "label " + name.text + " already defined");
    if (!peek().ident("for")) return unsupported(name, "labels on statements other than 'for'");
    labels_.push_back({name.text, loops_.size()});
    const bool ok = statement(close);
    labels_.pop_back();
    return ok;
}

bool Lowerer::labelledBreak(const Token& keyword) {
    const Token& label = peek();
    ++pos_;
    const bool isBreak = keyword.text == "break";
    auto it = std::find_if(labels_.rbegin(), labels_.rend(), [&](const LoopLabel& l) { return l.name == label.text; });
    if (it == labels_.rend() || it->depth >= loops_.size())
        return error(label, "invalid " + keyword.text + " label " + label.text);
    Loop& target = loops_[it->depth];
    emit(Branch{Expr::constant(1), isBreak ? target.breakTo : target.continueTo, false});
    if (isBreak) merge(*target.leaving, held_);
    else if (!target.continued) target.continued = held_;
    else merge(*target.continued, held_);
    return true;
}

std::optional<std::string> Lowerer::collectionTypeName(bool literal) {
    const Token& open = peek();
    ++pos_;
    std::string length;
    if (peek().kind == Token::Kind::Int) {
        length = peek().text;
        ++pos_;
    } else if (literal && peek().punct("...")) {
        length = "...";
        ++pos_;
    }
    if (!expect("]")) return std::nullopt;
    if (peek().punct("[")) {
        unsupported(peek(), "collections of collections");
        return std::nullopt;
    }
    auto elem = typeName();
    if (!elem) return std::nullopt;
    if (!length.empty() && length != "...") {
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
        if (ec != std::errc() || p != length.data() + length.size() || n > 64) {
            unsupported(open, "arrays of more than 64 elements");
            return std::nullopt;
        }
    }
    return "[" + length + "]" + *elem;
}

std::optional<Expr> Lowerer::makeCollection() {
    const Token& make = peek();
    pos_ += 2;
    if (peek().ident("map") && peek(1).punct("[")) {
        const Token& map = peek();
        pos_ += 2;
        auto key = typeName();
        if (!key || !expect("]")) return std::nullopt;
        auto value = typeName();
        if (!value) return std::nullopt;
        const std::string type = "map[" + *key + "]" + *value;
        if (!isMapType(prog_, type)) {
            unsupported(map, "maps of type " + type + " (keys and values are integers)");
            return std::nullopt;
        }
        return makeMap(type);
    }
    if (!peek().punct("[")) {
        unsupported(make, "'make' of anything but a slice or a map (channels are declared globals)");
        return std::nullopt;
    }
    auto ty = collectionTypeName();
    if (!ty) return std::nullopt;
    if (ty->rfind("[]", 0) != 0) {
        error(make, "invalid argument: cannot make " + *ty + "; type must be slice, map, or channel");
        return std::nullopt;
    }
    std::vector<std::int64_t> sizes;
    while (peek().punct(",")) {
        ++pos_;
        const Token& at = peek();
        auto n = expression();
        if (!n) return std::nullopt;
        auto k = constantOf(*n);
        if (!k) {
            unsupported(at, "a slice length that is not a constant");
            return std::nullopt;
        }
        if (*k < 0) {
            error(at, "invalid argument: index " + std::to_string(*k) + " (constant of type int) must not be negative");
            return std::nullopt;
        }
        if (*k > 64) {
            unsupported(at, "slices of more than 64 elements");
            return std::nullopt;
        }
        sizes.push_back(*k);
    }
    if (!expect(")")) return std::nullopt;
    if (sizes.empty() || sizes.size() > 2) {
        error(make, sizes.empty() ? "invalid operation: make(" + *ty + ") expects 2 or 3 arguments; found 1"
                                  : "invalid operation: make(" + *ty + ", ...) expects 2 or 3 arguments");
        return std::nullopt;
    }
    if (sizes.size() == 2 && sizes[1] < sizes[0]) {
        error(make, "invalid argument: length and capacity swapped");
        return std::nullopt;
    }
    std::string r = b_->freshTemp();
    emit(Alloc{r, std::max<std::int64_t>(sizes[0], 1), {}});
    fresh_.insert(r);
    type_ = *ty + "#" + std::to_string(sizes[0]);
    return Expr::reg(r);
}

std::optional<Expr> Lowerer::collectionLiteral() {
    auto ty = collectionTypeName(true);
    if (!ty) return std::nullopt;
    auto c = collectionOf(*ty == "[...]" ? *ty : ty->rfind("[...]", 0) == 0 ? "[0]" + ty->substr(5) : *ty);
    if (!expect("{")) return std::nullopt;
    std::vector<Expr> values;
    while (!peek().punct("}")) {
        if (peek().kind == Token::Kind::Semi) {
            fail("',' before the newline");
            return std::nullopt;
        }
        if (!c->slice && ty->rfind("[...]", 0) != 0 && static_cast<std::int64_t>(values.size()) == c->length) {
            error(peek(), "index " + std::to_string(c->length) + " out of bounds [0:" + std::to_string(c->length) + "]");
            return std::nullopt;
        }
        if (peek(1).punct(":")) {
            unsupported(peek(), "keyed elements in a slice or array literal");
            return std::nullopt;
        }
        auto e = expression();
        if (!e) return std::nullopt;
        values.push_back(*e);
        if (peek().kind == Token::Kind::Semi) {
            fail("',' before the newline");
            return std::nullopt;
        }
        if (peek().punct(",")) ++pos_;
        else if (!peek().punct("}")) {
            fail("',' or '}'");
            return std::nullopt;
        }
    }
    ++pos_;
    const auto n = static_cast<std::int64_t>(values.size());
    const std::int64_t cells = c->slice || ty->rfind("[...]", 0) == 0 ? n : c->length;
    std::string r = b_->freshTemp();
    emit(Alloc{r, std::max<std::int64_t>(cells, 1), {}});
    fresh_.insert(r);
    const std::int64_t size = litmus::sizeOfType("int");
    for (std::int64_t i = 0; i < n; ++i) {
        const Expr& e = values[static_cast<std::size_t>(i)];
        if (e.kind == K::Const && e.value == 0) continue;
        const Expr at = i == 0 ? Expr::reg(r) : Expr::binary(K::Add, Expr::reg(r), Expr::constant(i * size));
        emit(Store{at, e, {}, -1, 0});
    }
    if (c->slice) type_ = *ty + "#" + std::to_string(n);
    else type_ = "[" + std::to_string(cells) + "]" + c->elem;
    return Expr::reg(r);
}

bool Lowerer::indexesCollection() const {
    const Token& t = peek();
    if (t.kind != Token::Kind::Ident || !peek(1).punct("[")) return false;
    if (locals_.count(t.text)) {
        auto it = types_.find(t.text);
        return it != types_.end() && collectionOf(it->second).has_value();
    }
    const Global* g = global(t.text);
    return g && g->kind == GlobalKind::Array;
}

std::optional<Expr> Lowerer::collectionBase(const Token& name) {
    if (locals_.count(name.text)) return load(name);
    const Global* g = global(name.text);
    if (!g || g->kind != GlobalKind::Array) {
        error(name, "undefined: " + name.text);
        return std::nullopt;
    }
    type_ = g->type;
    return Expr::sym(name.text);
}

}  // namespace memlit::litmus::go
