/// C11 atomics (<stdatomic.h>): loads, stores, read-modify-writes, compare-exchange and fences,
/// each access tagged with its memory order (docs/c.md, "C11").

#include "litmus/c/CLowering.hpp"

#include <map>

namespace memlit::litmus::c {

Expr Lowerer::rmw(const Expr& addr, const Tags& readTags, const Tags& writeTags,
                  const std::function<Expr(const Expr&)>& update) {
    const int id = b_->freshRmw();
    const std::string old = b_->freshTemp();
    emit(Load{old, addr, readTags, id, 0});
    emit(Store{addr, update(Expr::reg(old)), writeTags, id, 0});
    return Expr::reg(old);
}

Expr Lowerer::conditionalRmw(const Expr& addr, const Tags& okRead, const Tags& okWrite, const Tags& failRead,
                             const std::function<Expr(const Expr&)>& succeeds,
                             const std::function<Expr(const Expr&)>& update, std::string* okOut, bool fullFence,
                             bool canFailSpuriously, const std::function<void(const Expr&)>& onFail) {
    const std::string old = b_->freshTemp(), ok = b_->freshTemp(), choice = b_->freshTemp();
    const std::string failL = b_->freshLabel(), endL = b_->freshLabel();
    emit(Choice{choice});
    emit(Branch{Expr::unary(K::Not, Expr::reg(choice)), failL, true});
    if (fullFence) fence({tag::Mb});
    const int id = b_->freshRmw();
    emit(Load{old, addr, okRead, id, 0});
    emit(Assume{succeeds(Expr::reg(old))});
    emit(Store{addr, update(Expr::reg(old)), okWrite, id, 0});
    if (fullFence) fence({tag::Mb});
    emit(Assign{ok, Expr::constant(1)});
    emit(Branch{Expr::constant(1), endL, true});
    emit(Label{failL});
    emit(Load{old, addr, failRead, -1, 0});
    if (!canFailSpuriously) emit(Assume{Expr::unary(K::Not, succeeds(Expr::reg(old)))});
    if (onFail) onFail(Expr::reg(old));
    emit(Assign{ok, Expr::constant(0)});
    emit(Label{endL});
    if (okOut) *okOut = ok;
    return Expr::reg(old);
}

std::optional<std::string> Lowerer::memoryOrder(const Token& at) {
    static const std::map<std::string, std::string, std::less<>> orders = {
        {"memory_order_relaxed", tag::RLX}, {"memory_order_consume", tag::ACQ}, {"memory_order_acquire", tag::ACQ},
        {"memory_order_release", tag::REL}, {"memory_order_acq_rel", tag::ACQ_REL}, {"memory_order_seq_cst", tag::SC}};
    auto it = orders.find(at.text);
    if (at.kind != Token::Kind::Ident || it == orders.end()) {
        error(at, "expected a memory order (memory_order_relaxed, ..._seq_cst), found '" + at.text + "'");
        return std::nullopt;
    }
    ++pos_;
    return it->second;
}

namespace {

/// `atomic_fetch_add` -> Add, ...; nullopt for other names.
std::optional<K> fetchOp(std::string_view op) {
    if (op == "add") return K::Add;
    if (op == "sub") return K::Sub;
    if (op == "and") return K::And;
    if (op == "or") return K::Or;
    if (op == "xor") return K::Xor;
    return std::nullopt;
}

}  // namespace

std::optional<Expr> Lowerer::c11Call(const Token& name, bool& known) {
    std::string f = name.text;
    const bool explicitOrder = f.size() > 9 && f.compare(f.size() - 9, 9, "_explicit") == 0;
    if (explicitOrder) f.resize(f.size() - 9);
    std::size_t values = 0, orders = 0;
    std::optional<K> op;
    if (f == "atomic_load") values = 1, orders = 1;
    else if (f == "atomic_store" || f == "atomic_exchange") values = 2, orders = 1;
    else if (f == "atomic_compare_exchange_strong" || f == "atomic_compare_exchange_weak") values = 3, orders = 2;
    else if (f.rfind("atomic_fetch_", 0) == 0 && (op = fetchOp(f.substr(13)))) values = 2, orders = 1;
    else if (f == "atomic_thread_fence" && !explicitOrder) values = 0, orders = 1;
    else if (f == "atomic_init" && !explicitOrder) values = 2, orders = 0;
    else return std::nullopt;
    known = true;
    // Arguments: the values, then (explicit forms and the fence) the memory orders.
    pos_ += 2;
    std::vector<Expr> args;
    std::vector<std::string> mo;
    const std::size_t wantOrders = explicitOrder || f == "atomic_thread_fence" ? orders : 0;
    for (std::size_t i = 0; i < values + wantOrders; ++i) {
        if (i > 0 && !expect(",")) return std::nullopt;
        if (i < values) {
            auto e = expression();
            if (!e) return std::nullopt;
            args.push_back(*e);
        } else {
            auto o = memoryOrder(peek());
            if (!o) return std::nullopt;
            mo.push_back(*o);
        }
    }
    if (!peek().punct(")")) {
        error(peek(), name.text + " takes " + std::to_string(values + wantOrders) + " arguments");
        return std::nullopt;
    }
    ++pos_;
    while (mo.size() < orders) mo.push_back(tag::SC);
    if (f == "atomic_thread_fence") {
        fence({mo[0]});
        return Expr::constant(0);
    }
    if (f == "atomic_init") {
        store(args[0], args[1], {tag::NA});
        return Expr::constant(0);
    }
    // Atomic accesses also carry A (herd's set of atomic events).
    const Tags order = {mo[0], tag::A};
    if (f == "atomic_load") return load(args[0], order);
    if (f == "atomic_store") {
        store(args[0], args[1], order);
        return Expr::constant(0);
    }
    if (f == "atomic_exchange") {
        const Expr v = args[1];
        return rmw(args[0], order, order, [&](const Expr&) { return v; });
    }
    if (op) {
        const Expr v = args[1];
        const K k = *op;
        return rmw(args[0], order, order, [&](const Expr& old) { return Expr::binary(k, old, v); });
    }
    // compare-exchange: compare with *expected; on failure write what was read to *expected.
    const Expr expected = load(args[1], {tag::NA});
    const Expr desired = args[2], expectedAddr = args[1];
    std::string ok;
    conditionalRmw(
        args[0], order, order, {mo[1], tag::A}, [&](const Expr& old) { return Expr::binary(K::Eq, old, expected); },
        [&](const Expr&) { return desired; }, &ok, false, f == "atomic_compare_exchange_weak",
        [&](const Expr& old) { store(expectedAddr, old, {tag::NA}); });
    return Expr::reg(ok);
}

std::optional<Expr> Lowerer::call(const Token& name) {
    bool known = false;
    auto e = c11Call(name, known);
    if (known) return e;
    e = kernelCall(name, known);
    if (known) return e;
    e = kernelAtomic(name, known);
    if (known) return e;
    e = heapCall(name, known);
    if (known) return e;
    unsupported(name, "function '" + name.text + "'");
    return std::nullopt;
}

}  // namespace memlit::litmus::c
