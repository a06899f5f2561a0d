// sync.Map (docs/go.md, "sync.Map"): one atomic cell per key memlit models (the keys of
// maps, GoMaps.cpp), holding 0 when the key is absent and 2v + 1 when it holds v, so that
// each operation is one atomic access and "a write operation synchronizes before any read
// operation that observes its effect" is the atomics' rule. A loaded value is an `any`
// (the encoded cell; `v.(T)` decodes it).

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

namespace {

Expr encode(const Expr& v) {
    return Expr::binary(K::Add, Expr::binary(K::Mul, v, Expr::constant(2)), Expr::constant(1));
}

}  // namespace

std::optional<Expr> Lowerer::syncMapCell(const std::string& name, const Token& key, const std::vector<Expr>& args) {
    if (args.empty()) {
        error(key, key.text + " needs a key");
        return std::nullopt;
    }
    const Expr& k = args[0];
    const Expr cell = keyCell(Expr::sym(name), MapCells{{}, {}, {}, {}, 8, {}}, k);
    const std::string fits = b_->freshLabel();
    emit(Branch{keyModelled(k), fits, true});
    emit(Halt{Halt::Kind::Cut, "a map key outside " + std::to_string(mapLo_) + ".." +
                                   std::to_string(mapLo_ + mapKeys_ - 1) + " (the keys memlit models)"});
    emit(Label{fits});
    return cell;
}

bool Lowerer::syncMapStatement(const Global& g, const Token& var, const Token& name, const std::vector<Expr>& args) {
    (void)g;
    if (name.text == "Store") {
        if (!arity(name, args, 2)) return false;
        auto cell = syncMapCell(var.text, name, args);
        if (!cell) return false;
        emit(Store{*cell, encode(args[1]), kAtomic, -1, 0});
        return true;
    }
    if (name.text == "Delete") {
        if (!arity(name, args, 1)) return false;
        auto cell = syncMapCell(var.text, name, args);
        if (!cell) return false;
        emit(Store{*cell, Expr::constant(0), kAtomic, -1, 0});
        return true;
    }
    if (name.text == "Range") return unsupported(name, "sync.Map.Range");
    if (name.text == "Load" || name.text == "LoadOrStore" || name.text == "LoadAndDelete")
        return error(name, "assignment mismatch: " + name.text + " returns 2 values");
    return error(name, "sync.Map has no method " + name.text + " memlit knows");
}

bool Lowerer::syncMapPair(const std::vector<const Token*>& names, bool declare) {
    const Token& var = peek();
    pos_ += 2;
    const Token& name = peek();
    ++pos_;
    auto args = arguments();
    if (!args) return false;
    const std::string& m = name.text;
    const std::size_t want = m == "LoadOrStore" ? 2 : 1;
    if ((m != "Load" && m != "LoadOrStore" && m != "LoadAndDelete") || !arity(name, *args, want))
        return m == "Load" || m == "LoadOrStore" || m == "LoadAndDelete"
                   ? false
                   : unsupported(name, "sync.Map." + m + " with two results");
    const Expr& k = (*args)[0];
    const Expr cell = keyCell(Expr::sym(var.text), MapCells{{}, {}, {}, {}, 8, {}}, k);
    std::string old = b_->freshTemp(), value = b_->freshTemp();
    emit(Assign{old, Expr::constant(0)});
    if (m == "Load") {
        // A key outside the modelled range was never stored: absent.
        const std::string skip = b_->freshLabel();
        emit(Branch{Expr::unary(K::Not, keyModelled(k)), skip, true});
        emit(Load{old, cell, kAtomic, -1, 0});
        emit(Label{skip});
        emit(Assign{value, Expr::reg(old)});
    } else {
        auto fits = syncMapCell(var.text, name, *args);
        if (!fits) return false;
        int r = b_->freshRmw();
        emit(Load{old, cell, kAtomic, r, 0});
        if (m == "LoadAndDelete") {
            emit(Store{cell, Expr::constant(0), kAtomic, r, 0});
            emit(Assign{value, Expr::reg(old)});
        } else {
            // LoadOrStore writes only when the key is absent (a CompareAndSwap from 0).
            const std::string loaded = b_->freshLabel();
            emit(Assign{value, Expr::reg(old)});
            emit(Branch{Expr::binary(K::Ne, Expr::reg(old), Expr::constant(0)), loaded, true});
            emit(Store{cell, encode((*args)[1]), kAtomic, r, 0});
            emit(Assign{value, encode((*args)[1])});
            emit(Label{loaded});
        }
    }
    type_ = "any";
    if (!assign(*names[0], Expr::reg(value), declare)) return false;
    type_ = "bool";
    return assign(*names[1], Expr::binary(K::Ne, Expr::reg(old), Expr::constant(0)), declare);
}

std::optional<Expr> Lowerer::typeAssertion(const Expr& v) {
    pos_ += 2;
    auto ty = typeName();
    if (!ty || !expect(")")) return std::nullopt;
    panicUnless(Expr::binary(K::Ne, v, Expr::constant(0)), "interface conversion: interface {} is nil, not " + *ty);
    type_ = *ty;
    return Expr::binary(K::Div, Expr::binary(K::Sub, v, Expr::constant(1)), Expr::constant(2));
}

}  // namespace memlit::litmus::go
