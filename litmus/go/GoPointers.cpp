// Go pointers: allocation (`new(T)`, `&S{...}`: one IR Alloc, a fresh zeroed object, per
// execution of the expression), addresses (`&x`, `&p.f`), indirection (`*p`), struct fields
// (the pointer plus the field's offset) and stores through pointers; a nil pointer panics
// where Go's does (docs/go.md, "Pointers").

#include "litmus/State.hpp"
#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

namespace {

const char* const kNilDereference = "runtime error: invalid memory address or nil pointer dereference";

/// Byte offset of field `index`: the event builder lays an Alloc's cells out an int apart.
std::int64_t fieldOffset(std::size_t index) {
    return static_cast<std::int64_t>(index) * litmus::sizeOfType("int");
}

bool isPointer(const std::string& type) { return type.size() > 1 && type[0] == '*'; }

}  // namespace

std::optional<std::string> Lowerer::typeName(bool structs) {
    const Token& at = peek();
    if (at.punct("[")) return collectionTypeName();
    if (at.ident("map") && peek(1).punct("[")) {
        unsupported(at, "nil maps (make one: m := make(map[K]V))");
        return std::nullopt;
    }
    std::string stars;
    for (; peek().punct("*"); ++pos_) stars += "*";
    if (peek().kind != Token::Kind::Ident) {
        fail("a type");
        return std::nullopt;
    }
    std::string t = peek().text;
    ++pos_;
    if (peek().punct(".") && peek(1).kind == Token::Kind::Ident) {
        t += "." + peek(1).text;
        pos_ += 2;
    }
    t = stars + t;
    if (isValueType(prog_, t) || (structs && prog_.structs.count(t))) return t;
    if (prog_.structs.count(t)) unsupported(at, "struct values (use a pointer: *" + t + ")");
    else error(at, "unknown type '" + t + "'");
    return std::nullopt;
}

void Lowerer::findEscaping(std::size_t open, std::size_t close) {
    for (std::size_t i = open; i + 2 < close; ++i)
        if (toks_[i].punct("&") && toks_[i + 1].kind == Token::Kind::Ident && !toks_[i + 2].punct("{") &&
            !toks_[i + 2].punct(".") && !toks_[i + 2].punct("[") && !global(toks_[i + 1].text))
            escaped_.insert(toks_[i + 1].text);
    // A func literal shares the variables it uses with the function around it (Go 1.19: a
    // loop variable too). One that is assigned after its declaration, anywhere here, lives in
    // memory, so that both see every write (the loop-variable capture of X08).
    auto assigned = [&](const std::string& name) {
        for (std::size_t k = open + 1; k + 1 < close; ++k) {
            const Token& op = toks_[k + 1];
            if (toks_[k].text != name || toks_[k - 1].punct(".") || toks_[k - 1].punct("*")) continue;
            if (op.punct("=") || op.punct("++") || op.punct("--") ||
                (op.kind == Token::Kind::Punct && op.text.size() >= 2 && op.text.back() == '=' && op.text != "==" &&
                 op.text != "!=" && op.text != "<=" && op.text != ">=" && op.text != ":="))
                return true;
        }
        return false;
    };
    for (std::size_t i = open; i + 1 < close; ++i) {
        if (!toks_[i].ident("go") || !toks_[i + 1].ident("func")) continue;
        std::size_t litOpen = i;
        while (litOpen < close && !toks_[litOpen].punct("{")) ++litOpen;
        const std::size_t litClose = matching(litOpen);
        for (std::size_t k = litOpen + 1; k < litClose; ++k)
            if (toks_[k].kind == Token::Kind::Ident && !toks_[k - 1].punct(".") && !global(toks_[k].text) &&
                assigned(toks_[k].text))
                escaped_.insert(toks_[k].text);
    }
}

void Lowerer::declareLocal(const std::string& n, const std::string& ty, const Expr& e) {
    bindLocal(n);
    locals_.insert(n);
    types_[n] = ty;
    const bool neverNil = e.kind == K::Sym || (e.kind == K::Reg && fresh_.count(e.name));
    if (escaped_.count(n)) {
        // A variable whose address is taken is an object of its own, one per execution of
        // its declaration (Go's escape to the heap); its value is written there.
        emit(Alloc{"&" + n, 1, {}});
        fresh_.insert("&" + n);
        if (!(e.kind == K::Const && e.value == 0)) emit(Store{Expr::reg("&" + n), e, {}, -1, 0});
        return;
    }
    emit(Assign{n, e});
    if (neverNil) fresh_.insert(n);
    else fresh_.erase(n);
}

void Lowerer::nilCheck(const Expr& p) {
    // The address of a variable or of a fresh object is never nil: only a pointer read from
    // memory (or a local assigned one) may be.
    if (p.kind == K::Sym || (p.kind == K::Reg && fresh_.count(p.name))) return;
    panicUnless(Expr::binary(K::Ne, p, Expr::constant(0)), kNilDereference);
}

std::optional<Expr> Lowerer::allocation() {
    pos_ += 2;
    auto ty = typeName(true);
    if (!ty || !expect(")")) return std::nullopt;
    const std::size_t cells = prog_.structs.count(*ty) ? prog_.structs.at(*ty).size() : 1;
    std::string r = b_->freshTemp();
    emit(Alloc{r, static_cast<std::int64_t>(cells), {}});
    fresh_.insert(r);
    type_ = "*" + *ty;
    return Expr::reg(r);
}

std::optional<Expr> Lowerer::compositeLiteral() {
    const Token& name = peek(1);
    auto it = prog_.structs.find(name.text);
    if (it == prog_.structs.end()) {
        error(name, "unknown struct type '" + name.text + "'");
        return std::nullopt;
    }
    const std::vector<std::string>& fields = it->second;
    pos_ += 3;
    std::vector<std::pair<std::size_t, Expr>> values;  // field index, value: evaluated in order
    const bool keyed = peek().kind == Token::Kind::Ident && peek(1).punct(":");
    while (!peek().punct("}")) {
        if (peek().kind == Token::Kind::Semi) {
            fail("',' before the newline");
            return std::nullopt;
        }
        std::size_t index = values.size();
        if (keyed != (peek().kind == Token::Kind::Ident && peek(1).punct(":"))) {
            error(peek(), "mixture of field:value and value elements in struct literal");
            return std::nullopt;
        }
        if (keyed) {
            const Token& f = peek();
            index = static_cast<std::size_t>(std::find(fields.begin(), fields.end(), f.text) - fields.begin());
            if (index == fields.size()) {
                error(f, "unknown field '" + f.text + "' in struct literal of type " + name.text);
                return std::nullopt;
            }
            if (std::any_of(values.begin(), values.end(), [&](const auto& v) { return v.first == index; })) {
                error(f, "duplicate field name '" + f.text + "' in struct literal");
                return std::nullopt;
            }
            pos_ += 2;
        } else if (index == fields.size()) {
            error(peek(), "too many values in struct literal of type " + name.text);
            return std::nullopt;
        }
        auto e = expression();
        if (!e) return std::nullopt;
        values.push_back({index, *e});
        if (peek().punct(",")) ++pos_;
        else if (!peek().punct("}")) {
            fail("',' or '}'");
            return std::nullopt;
        }
    }
    if (!keyed && !values.empty() && values.size() < fields.size()) {
        error(peek(), "too few values in struct literal of type " + name.text);
        return std::nullopt;
    }
    ++pos_;
    std::string r = b_->freshTemp();
    emit(Alloc{r, static_cast<std::int64_t>(fields.size()), {}});
    fresh_.insert(r);
    for (const auto& [index, e] : values)
        if (!(e.kind == K::Const && e.value == 0)) {
            const Expr at = index == 0 ? Expr::reg(r)
                                       : Expr::binary(K::Add, Expr::reg(r), Expr::constant(fieldOffset(index)));
            emit(Store{at, e, {}, -1, 0});
        }
    type_ = "*" + name.text;
    return Expr::reg(r);
}

std::optional<Expr> Lowerer::addressOf() {
    ++pos_;
    const Token& v = peek();
    if (v.kind != Token::Kind::Ident) {
        fail("a variable after '&'");
        return std::nullopt;
    }
    if (indexesCollection()) {
        const Token& name = peek();
        ++pos_;
        auto base = collectionBase(name);
        if (!base) return std::nullopt;
        auto a = elementAddress(*base, type_);
        if (a) type_ = "*" + type_;
        return a;
    }
    ++pos_;
    if (!peek().punct(".")) {
        if (locals_.count(v.text)) {
            type_ = "*" + types_[v.text];
            return Expr::reg("&" + v.text);
        }
        const Global* g = global(v.text);
        if (!g) {
            error(v, "undefined: " + v.text);
            return std::nullopt;
        }
        if (g->kind != GlobalKind::Plain) {
            unsupported(v, "pointers to " + g->type + " (use the variable itself)");
            return std::nullopt;
        }
        type_ = "*" + g->type;
        return Expr::sym(v.text);
    }
    auto p = load(v);
    while (p && peek(2).punct(".")) p = fieldLoad(*p);
    if (!p) return std::nullopt;
    ++pos_;
    const Token& f = peek();
    ++pos_;
    auto a = fieldAddress(*p, type_, f);
    if (!a) return std::nullopt;
    nilCheck(*p);
    type_ = "*" + type_;
    return a;
}

std::optional<Expr> Lowerer::indirect() {
    const Token& star = peek();
    ++pos_;
    auto p = unary();
    if (!p) return std::nullopt;
    if (!isPointer(type_)) {
        error(star, "invalid indirect of a value of type " + type_);
        return std::nullopt;
    }
    const std::string pointee = type_.substr(1);
    if (prog_.structs.count(pointee)) {
        unsupported(star, "struct values (*p of type *" + pointee + ": use its fields, p.f)");
        return std::nullopt;
    }
    nilCheck(*p);
    std::string r = b_->freshTemp();
    emit(Load{r, *p, {}, -1, 0});
    type_ = pointee;
    return Expr::reg(r);
}

std::optional<Expr> Lowerer::fieldAddress(const Expr& p, const std::string& ptype, const Token& f) {
    const std::string s = isPointer(ptype) ? ptype.substr(1) : "";
    auto it = prog_.structs.find(s);
    if (it == prog_.structs.end()) {
        error(f, "." + f.text + " of a value of type " + ptype + " (not a pointer to a struct)");
        return std::nullopt;
    }
    const auto& fields = it->second;
    auto at = std::find(fields.begin(), fields.end(), f.text);
    if (at == fields.end()) {
        error(f, "type " + ptype + " has no field " + f.text);
        return std::nullopt;
    }
    type_ = prog_.fieldTypes.at(s).at(f.text);
    const auto index = static_cast<std::size_t>(at - fields.begin());
    return index == 0 ? p : Expr::binary(K::Add, p, Expr::constant(fieldOffset(index)));
}

std::optional<Expr> Lowerer::fieldLoad(const Expr& p) {
    const std::string ptype = type_;
    ++pos_;
    if (peek().kind != Token::Kind::Ident) {
        fail("a field name");
        return std::nullopt;
    }
    const Token& f = peek();
    ++pos_;
    if (peek().punct("(")) {
        unsupported(f, "method calls on pointers");
        return std::nullopt;
    }
    auto a = fieldAddress(p, ptype, f);
    if (!a) return std::nullopt;
    nilCheck(p);
    std::string r = b_->freshTemp();
    emit(Load{r, *a, {}, -1, 0});
    return Expr::reg(r);
}

bool Lowerer::storeStatement() {
    // Go assigns in two phases: the pointer and the right-hand side are evaluated first, then
    // the store happens (and panics, if the pointer is nil).
    Expr pointer = Expr::constant(0), addr = pointer;
    if (peek().punct("*")) {
        const Token& star = peek();
        ++pos_;
        auto p = unary();
        if (!p) return false;
        if (!isPointer(type_)) return error(star, "invalid indirect of a value of type " + type_);
        type_ = type_.substr(1);
        if (prog_.structs.count(type_)) return unsupported(star, "struct values (*p of type *" + type_ + ": use its fields, p.f)");
        pointer = addr = *p;
    } else {
        const Token& base = peek();
        ++pos_;
        auto p = load(base);
        while (p && peek(2).punct(".")) p = fieldLoad(*p);
        if (!p) return false;
        ++pos_;
        const Token& f = peek();
        ++pos_;
        auto a = fieldAddress(*p, type_, f);
        if (!a) return false;
        pointer = *p;
        addr = *a;
    }
    const std::string target = type_;  // of *p or p.f
    const Token& op = peek();
    ++pos_;
    if (op.punct("=")) {
        auto rhs = expression();
        if (!rhs) return false;
        auto v = asType(op, *rhs, target);
        if (!v) return false;
        nilCheck(pointer);
        emit(Store{addr, *v, {}, -1, 0});
        return true;
    }
    if (!compoundOperator(op).empty()) {
        auto v = compoundValue(op, target, [&]() -> std::optional<Expr> {
            nilCheck(pointer);
            std::string old = b_->freshTemp();
            emit(Load{old, addr, {}, -1, 0});
            return Expr::reg(old);
        });
        if (!v) return false;
        emit(Store{addr, *v, {}, -1, 0});
        return true;
    }
    pos_ -= 1;
    return fail("'=' or an assignment operator");
}

}  // namespace memlit::litmus::go
