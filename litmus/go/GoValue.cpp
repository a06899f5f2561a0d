// sync/atomic.Value (docs/go.md, "atomic.Value"): one atomic location holding nil (0) or a
// stored value v as 2v + 1, so that a Load tells nil from a stored 0. `v.Load().(T)` decodes
// it and panics on nil, as Go's failed type assertion does; Store(nil) panics.

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

std::optional<Expr> Lowerer::atomicValue(const Token& var) {
    pos_ += 2;
    const Token& name = peek();
    ++pos_;
    auto args = arguments();
    if (!args) return std::nullopt;
    const Expr at = Expr::sym(var.text);
    if (name.text == "Store") {
        if (!arity(name, *args, 1)) return std::nullopt;
        if (type_ == "nil") {
            emit(Halt{Halt::Kind::Panic, "sync/atomic: store of nil value into Value"});
            return Expr::constant(0);
        }
        const Expr encoded = Expr::binary(K::Add, Expr::binary(K::Mul, (*args)[0], Expr::constant(2)), Expr::constant(1));
        emit(Store{at, encoded, kAtomic, -1, 0});
        return Expr::constant(0);
    }
    if (name.text != "Load") {
        unsupported(name, "atomic.Value." + name.text + " (Load and Store are)");
        return std::nullopt;
    }
    if (!arity(name, *args, 0)) return std::nullopt;
    std::string r = b_->freshTemp();
    emit(Load{r, at, kAtomic, -1, 0});
    if ((peek().punct("==") || peek().punct("!=")) && peek(1).ident("nil")) {
        type_ = "any";
        return Expr::reg(r);
    }
    if (!peek().punct(".") || !peek(1).punct("(")) {
        unsupported(name, "an atomic.Value's Load without a type assertion (v.Load().(T), or v.Load() == nil)");
        return std::nullopt;
    }
    return typeAssertion(Expr::reg(r));
}

}  // namespace memlit::litmus::go
