// Go maps (docs/go.md, "Maps"): a map of integer keys is one plain location for races (every
// read of the map reads it, every write writes it) and, for each key memlit models, a cell
// saying whether the key is present and a cell with its value. Go's runtime marks a map
// being written: a write that finds the mark is its fatal "concurrent map writes", a read
// "concurrent map read and map write" (the mark's accesses are PROBE, ordered among the
// synchronizing operations and synchronizing nothing). The keys modelled are the range
// from the smallest to the largest constant key the program names (with 0 .. Unroll): a
// computed key outside it reads as absent, and a write of one is cut.

#include "litmus/State.hpp"
#include "litmus/go/GoLowering.hpp"

#include <charconv>

namespace memlit::litmus::go {

namespace {

const std::int64_t kMaxMapKeys = 32;

std::string valueType(const std::string& mapType) { return mapType.substr(mapType.find(']') + 1); }

}  // namespace

bool isMapType(const Program& prog, const std::string& type) {
    if (type.rfind("map[", 0) != 0) return false;
    const std::size_t close = type.find(']');
    if (close == std::string::npos) return false;
    const std::string key = type.substr(4, close - 4), value = type.substr(close + 1);
    return isValueType(prog, key) && key[0] != '*' && key != "bool" && isValueType(prog, value);
}

bool Lowerer::declareMaps() {
    std::int64_t lo = 0, hi = unroll_;
    auto constant = [&](std::size_t i, std::size_t& end) -> std::optional<std::int64_t> {
        const bool neg = toks_[i].punct("-");
        if (neg) ++i;
        if (toks_[i].kind != Token::Kind::Int) return std::nullopt;
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(toks_[i].text.data(), toks_[i].text.data() + toks_[i].text.size(), v);
        if (ec != std::errc()) return std::nullopt;
        end = i + 1;
        return neg ? -v : v;
    };
    bool any = false;
    for (std::size_t i = 0; i + 3 < toks_.size(); ++i) {
        if (toks_[i].ident("map") || (toks_[i].ident("sync") && toks_[i + 2].ident("Map"))) any = true;
        std::size_t end = 0;
        std::optional<std::int64_t> k;
        if (toks_[i].kind == Token::Kind::Ident && toks_[i + 1].punct("[")) k = constant(i + 2, end);
        // Not an array's index or length (`a[3]`, `var b [3]int`, `make([]int, 3)`).
        const Global* g = global(toks_[i].text);
        if (k && (!toks_[end].punct("]") || toks_[end + 1].kind == Token::Kind::Ident || toks_[end + 1].punct("*") ||
                  (g && g->kind == GlobalKind::Array)))
            k.reset();
        if (toks_[i].ident("delete") && toks_[i + 1].punct("(") && toks_[i + 3].punct(",")) k = constant(i + 4, end);
        static const char* methods[] = {"Load", "Store", "LoadOrStore", "Delete", "LoadAndDelete"};
        const Global* receiver = i > 0 ? global(toks_[i - 1].text) : nullptr;
        if (receiver && receiver->kind == GlobalKind::SyncMap && toks_[i].punct(".") && toks_[i + 2].punct("(") &&
            std::any_of(std::begin(methods), std::end(methods), [&](const char* m) { return toks_[i + 1].ident(m); }))
            k = constant(i + 3, end);
        if (!k) continue;
        lo = std::min(lo, *k);
        hi = std::max(hi, *k);
    }
    if (!any) return true;
    if (hi - lo + 1 > kMaxMapKeys)
        return error(toks_[0], "the map keys the program names span more than " + std::to_string(kMaxMapKeys) +
                                   " values (memlit models each key from the smallest to the largest)");
    mapLo_ = lo;
    mapKeys_ = hi - lo + 1;
    for (auto& e : test_.init)  // a sync.Map is an array of cells, one per key
        if (auto g = prog_.globals.find(e.place.name);
            !e.place.isRegister() && g != prog_.globals.end() && g->second.kind == GlobalKind::SyncMap) {
            e.cells = mapKeys_;
            e.value = Value::array(std::vector<Value>(static_cast<std::size_t>(mapKeys_), Value::number(0)));
            e.type = "int64_t";
        }
    for (const auto& [name, g] : prog_.globals) {
        if (g.kind != GlobalKind::Map) continue;
        for (const char* part : {".has", ".val"}) {
            InitEntry e;
            e.place = Place{-1, name + part};
            e.cells = mapKeys_;
            e.value = Value::array(std::vector<Value>(static_cast<std::size_t>(mapKeys_), Value::number(0)));
            e.type = "int64_t";
            e.loc = g.loc;
            test_.init.push_back(std::move(e));
        }
    }
    return true;
}

bool Lowerer::indexesMap() const {
    const Token& t = peek();
    if (t.kind != Token::Kind::Ident || !peek(1).punct("[")) return false;
    if (locals_.count(t.text)) {
        auto it = types_.find(t.text);
        return it != types_.end() && isMapType(prog_, it->second);
    }
    const Global* g = global(t.text);
    return g && g->kind == GlobalKind::Map;
}

std::optional<Lowerer::MapCells> Lowerer::mapCells(const Token& name) {
    if (const Global* g = global(name.text); g && !locals_.count(name.text)) {
        if (g->kind != GlobalKind::Map) {
            error(name, "'" + name.text + "' is not a map");
            return std::nullopt;
        }
        return MapCells{Expr::sym(name.text), Expr::sym(name.text + ".flag"), Expr::sym(name.text + ".has"),
                        Expr::sym(name.text + ".val"), 8, g->type};
    }
    auto base = load(name);
    if (!base) return std::nullopt;
    if (!isMapType(prog_, type_)) {
        error(name, "'" + name.text + "' is not a map");
        return std::nullopt;
    }
    const std::int64_t size = litmus::sizeOfType("int");
    auto at = [&](std::int64_t cell) { return Expr::binary(K::Add, *base, Expr::constant(cell * size)); };
    return MapCells{*base, at(1), at(2), at(2 + mapKeys_), size, type_};
}

std::optional<Expr> Lowerer::makeMap(const std::string& type) {
    if (!expect(")")) return std::nullopt;
    std::string r = b_->freshTemp();
    emit(Alloc{r, 2 + 2 * mapKeys_, {}});
    fresh_.insert(r);
    type_ = type;
    return Expr::reg(r);
}

Expr Lowerer::keyCell(const Expr& cells, const MapCells& m, const Expr& key) const {
    if (auto k = constantOf(key)) return *k == mapLo_ ? cells : Expr::binary(K::Add, cells, Expr::constant((*k - mapLo_) * m.size));
    return Expr::binary(K::Add, cells, Expr::binary(K::Mul, Expr::binary(K::Sub, key, Expr::constant(mapLo_)),
                                                    Expr::constant(m.size)));
}

Expr Lowerer::keyModelled(const Expr& key) const {
    return Expr::binary(K::And, Expr::binary(K::Ge, key, Expr::constant(mapLo_)),
                        Expr::binary(K::Lt, key, Expr::constant(mapLo_ + mapKeys_)));
}

Expr Lowerer::mapLoad(const MapCells& m, const Expr& key, std::string* okOut) {
    std::string mark = b_->freshTemp(), whole = b_->freshTemp(), v = b_->freshTemp(), ok = b_->freshTemp();
    emit(Load{mark, m.flag, kProbe, -1, 0});
    panicUnless(Expr::binary(K::Eq, Expr::reg(mark), Expr::constant(0)), "concurrent map read and map write");
    emit(Load{whole, m.race, {}, -1, 0});
    emit(Assign{v, Expr::constant(0)});
    emit(Assign{ok, Expr::constant(0)});
    const std::string skip = b_->freshLabel();
    emit(Branch{Expr::unary(K::Not, keyModelled(key)), skip, true});
    emit(Load{ok, keyCell(m.has, m, key), {}, -1, 0});
    emit(Load{v, keyCell(m.val, m, key), {}, -1, 0});
    emit(Label{skip});
    if (okOut) *okOut = ok;
    type_ = valueType(m.type);
    return Expr::reg(v);
}

void Lowerer::mapWrite(const MapCells& m, const Expr& key, const std::optional<Expr>& value) {
    std::string mark = b_->freshTemp();
    emit(Load{mark, m.flag, kProbe, -1, 0});
    panicUnless(Expr::binary(K::Eq, Expr::reg(mark), Expr::constant(0)), "concurrent map writes");
    emit(Store{m.flag, Expr::constant(1), kProbe, -1, 0});
    emit(Store{m.race, Expr::constant(1), {}, -1, 0});
    const std::string fits = b_->freshLabel();
    emit(Branch{keyModelled(key), fits, true});
    emit(Halt{Halt::Kind::Cut, "a map key outside " + std::to_string(mapLo_) + ".." +
                                   std::to_string(mapLo_ + mapKeys_ - 1) + " (the keys memlit models)"});
    emit(Label{fits});
    emit(Store{keyCell(m.has, m, key), Expr::constant(value ? 1 : 0), {}, -1, 0});
    emit(Store{keyCell(m.val, m, key), value ? *value : Expr::constant(0), {}, -1, 0});
    emit(Store{m.flag, Expr::constant(0), kProbe, -1, 0});
}

std::optional<Expr> Lowerer::mapKey() {
    if (!expect("[")) return std::nullopt;
    auto k = expression();
    if (!k || !expect("]")) return std::nullopt;
    return k;
}

std::optional<Expr> Lowerer::mapIndexExpression(std::string* okOut) {
    const Token& name = peek();
    ++pos_;
    auto m = mapCells(name);
    if (!m) return std::nullopt;
    auto k = mapKey();
    if (!k) return std::nullopt;
    return mapLoad(*m, *k, okOut);
}

bool Lowerer::mapStatement() {
    const Token& name = peek();
    ++pos_;
    auto m = mapCells(name);
    if (!m) return false;
    auto k = mapKey();
    if (!k) return false;
    const Token& op = peek();
    ++pos_;
    const std::string elem = valueType(m->type);
    if (op.punct("=")) {
        auto e = expression();
        auto v = e ? asType(op, *e, elem) : std::nullopt;
        if (!v) return false;
        mapWrite(*m, *k, *v);
        return true;
    }
    if (!compoundOperator(op).empty()) {
        // `m[k] op= e` is `m[k] = m[k] op e` with k evaluated once.
        Expr old = mapLoad(*m, *k, nullptr);
        auto v = compoundValue(op, elem, [&] { return std::optional<Expr>(old); });
        if (!v) return false;
        mapWrite(*m, *k, *v);
        return true;
    }
    pos_ -= 1;
    return fail("'=' or an assignment operator");
}

bool Lowerer::deleteStatement() {
    const Token& fn = peek();
    pos_ += 2;
    const Token& name = peek();
    if (name.kind != Token::Kind::Ident) return fail("a map");
    ++pos_;
    auto m = mapCells(name);
    if (!m || !expect(",")) return false;
    auto k = expression();
    if (!k || !expect(")")) return false;
    (void)fn;
    mapWrite(*m, *k, std::nullopt);
    return true;
}

bool Lowerer::mapLookupOk(const std::vector<const Token*>& names, bool declare) {
    std::string ok;
    auto v = mapIndexExpression(&ok);
    if (!v) return false;
    if (!assign(*names[0], *v, declare)) return false;
    type_ = "bool";
    return assign(*names[1], Expr::reg(ok), declare);
}

std::optional<Expr> Lowerer::mapLength(const Token& name) {
    auto m = mapCells(name);
    if (!m) return std::nullopt;
    std::string mark = b_->freshTemp(), whole = b_->freshTemp();
    emit(Load{mark, m->flag, kProbe, -1, 0});
    panicUnless(Expr::binary(K::Eq, Expr::reg(mark), Expr::constant(0)), "concurrent map read and map write");
    emit(Load{whole, m->race, {}, -1, 0});
    Expr sum = Expr::constant(0);
    for (std::int64_t k = 0; k < mapKeys_; ++k) {
        std::string has = b_->freshTemp();
        emit(Load{has, keyCell(m->has, *m, Expr::constant(mapLo_ + k)), {}, -1, 0});
        sum = k == 0 ? Expr::reg(has) : Expr::binary(K::Add, sum, Expr::reg(has));
    }
    type_ = "int";
    return sum;
}

}  // namespace memlit::litmus::go
