// sync.Cond (docs/go.md, "Condition variables"), as Go's runtime implements it: a notify
// list of two counters. Wait takes a ticket (the `wait` counter, order only), unlocks L,
// waits until the `notify` counter passes its ticket, then locks L again. Signal moves
// `notify` one past, Broadcast up to `wait`: the waiter's read of the write that lets it go
// is the "synchronized before the Wait they unblock" edge. No spurious wakeups: a Wait that
// is never signalled blocks forever.

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

std::optional<Expr> Lowerer::condMethod(const Global& g, const Token& var, const Token& name) {
    const auto lockIt = prog_.condLocks.find(var.text);
    const std::string& mu = lockIt->second;
    const Expr lockAt = Expr::sym(mu);
    const Expr wait = Expr::sym(var.text + ".wait"), notify = Expr::sym(var.text + ".notify");
    if (name.text == "L") {
        // c.L.Lock(): the Locker the Cond was made with.
        if (!peek().punct(".") || peek(1).kind != Token::Kind::Ident) {
            unsupported(name, "c.L other than in c.L.Lock() and c.L.Unlock()");
            return std::nullopt;
        }
        const Token& m = peek(1);
        pos_ += 2;
        auto args = arguments();
        if (!args || !arity(m, *args, 0)) return std::nullopt;
        return mutexMethod(*global(mu), m, lockAt);
    }
    auto args = arguments();
    if (!args || !arity(name, *args, 0)) return std::nullopt;
    if (name.text == "Wait") {
        std::string ticket = b_->freshTemp(), seen = b_->freshTemp();
        int k = b_->freshRmw();
        emit(Load{ticket, wait, kChanIndex, k, 0});
        emit(Store{wait, Expr::binary(K::Add, Expr::reg(ticket), Expr::constant(1)), kChanIndex, k, 0});
        unlock(lockAt, global(mu)->kind == GlobalKind::RWMutex ? LockMode::Writer : LockMode::Mutex);
        orBlock([&] { blockIf(Expr::binary(K::Le, finalValue(notify), Expr::reg(ticket))); });
        emit(Load{seen, notify, kChan, -1, 0});
        emit(Assume{Expr::binary(K::Gt, Expr::reg(seen), Expr::reg(ticket))});
        lock(lockAt, global(mu)->kind == GlobalKind::RWMutex ? LockMode::Writer : LockMode::Mutex, true);
        return Expr::constant(0);
    }
    if (name.text == "Signal" || name.text == "Broadcast") {
        // The read half synchronizes with nothing (two signallers are not ordered by the
        // Cond); the write is what a woken waiter reads.
        std::string waiting = b_->freshTemp(), n = b_->freshTemp();
        int k = b_->freshRmw();
        emit(Load{waiting, wait, kChanIndex, -1, 0});
        emit(Load{n, notify, kChanIndex, k, 0});
        const Expr behind = Expr::binary(K::Lt, Expr::reg(n), Expr::reg(waiting));
        const Expr next = name.text == "Signal" ? Expr::binary(K::Add, Expr::reg(n), Expr::constant(1)) : Expr::reg(waiting);
        emit(Store{notify, Expr::ite(behind, next, Expr::reg(n)), kChan, k, 0});
        return Expr::constant(0);
    }
    error(name, g.type + " has no method " + name.text);
    return std::nullopt;
}

}  // namespace memlit::litmus::go
