// Go channels lowered to counters, slots and receive marks: send, receive, close, len/cap
// and select, with blocking and the panics of closed channels (docs/go.md, "How Go becomes
// events" and "Blocking, panics and cut loops").

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

namespace {

Expr add(Expr a, std::int64_t k) { return Expr::binary(K::Add, std::move(a), Expr::constant(k)); }
Expr sub(Expr a, Expr b) { return Expr::binary(K::Sub, std::move(a), std::move(b)); }
Expr cmp(K k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }

const char* const kSendOnClosed = "send on closed channel";

}  // namespace

std::optional<Lowerer::Channel> Lowerer::channel() {
    const Token& t = peek();
    const Global* g = global(t.text);
    if (t.kind != Token::Kind::Ident || !g || g->kind != GlobalKind::Chan) {
        if (t.kind == Token::Kind::Ident && !g && !locals_.count(t.text)) error(t, "undefined: " + t.text);
        else fail("a channel");
        return std::nullopt;
    }
    ++pos_;
    return Channel{chanName(t.text), g->capacity};
}

bool Lowerer::send(const Channel& c, const Expr& value, bool inSelect) {
    const bool closable = closed_.count(c.name) > 0;
    if (closable) {
        std::string cl = b_->freshTemp();
        emit(Load{cl, c.sym("closed"), kProbe, -1, 0});
        panicUnless(cmp(K::Eq, Expr::reg(cl), Expr::constant(0)), kSendOnClosed);
    }
    std::string k = b_->freshTemp(), mark = b_->freshTemp(), done = b_->freshLabel();
    int rmw = b_->freshRmw();
    emit(Load{k, c.sym("sent"), kChanIndex, rmw, 0});
    emit(Store{c.sym("sent"), add(Expr::reg(k), 1), kChanIndex, rmw, 0});
    emit(Store{c.cell("slot", Expr::reg(k)), value, kChan, -1, 0});
    if (c.capacity > 0) emit(Branch{cmp(K::Lt, Expr::reg(k), Expr::constant(c.capacity)), done, true});
    const Expr partner = add(Expr::reg(k), -c.capacity);  // the receive this send waits for
    if (!inSelect)
        orBlock([&] {
            // Waits forever iff that receive never begins; a close wakes it with a panic.
            emit(Assume{cmp(K::Le, finalValue(c.sym("recvd")), partner)});
            if (closable) {
                // Final values only in Assumes: a free choice names the case that holds.
                std::string closes = b_->freshTemp(), panics = b_->freshLabel();
                const Expr closed = finalValue(c.sym("closed"));
                emit(Choice{closes});
                emit(Branch{Expr::reg(closes), panics, true});
                emit(Assume{cmp(K::Eq, closed, Expr::constant(0))});
                emit(Halt{Halt::Kind::Blocked, ""});
                emit(Label{panics});
                emit(Assume{cmp(K::Ne, closed, Expr::constant(0))});
                emit(Halt{Halt::Kind::Panic, kSendOnClosed});
            } else {
                emit(Halt{Halt::Kind::Blocked, ""});
            }
        });
    emit(Load{mark, c.cell("recv", partner), kChan, -1, 0});
    // A receive that began after the close (mark 2) found this send still waiting.
    if (closable) panicUnless(cmp(K::Eq, Expr::reg(mark), Expr::constant(1)), kSendOnClosed);
    if (c.capacity > 0) emit(Label{done});
    return true;
}

std::optional<Expr> Lowerer::receive(const Channel& c, std::string* okOut, bool inSelect) {
    std::string j = b_->freshTemp(), v = b_->freshTemp(), ok = b_->freshTemp();
    int rmw = b_->freshRmw();
    emit(Load{j, c.sym("recvd"), kChanIndex, rmw, 0});
    emit(Store{c.sym("recvd"), add(Expr::reg(j), 1), kChanIndex, rmw, 0});
    const bool closable = closed_.count(c.name) > 0;
    Expr mark = Expr::constant(1);
    if (closable) {
        // The mark says whether this receive began after the close (2) or before (1).
        std::string late = b_->freshTemp();
        emit(Load{late, c.sym("closed"), kProbe, -1, 0});
        mark = add(Expr::reg(late), 1);
    }
    emit(Store{c.cell("recv", Expr::reg(j)), mark, kChan, -1, 0});
    if (!inSelect)
        orBlock([&] {
            // Waits forever iff send j never happens and the channel is never closed.
            emit(Assume{cmp(K::Le, finalValue(c.sym("sent")), Expr::reg(j))});
            if (closable) emit(Assume{cmp(K::Eq, finalValue(c.sym("closed")), Expr::constant(0))});
            emit(Halt{Halt::Kind::Blocked, ""});
        });
    std::string which = b_->freshTemp(), closedPath = b_->freshLabel(), end = b_->freshLabel();
    if (closable) {
        emit(Choice{which});
        emit(Branch{cmp(K::Eq, Expr::reg(which), Expr::constant(0)), closedPath, true});
    }
    emit(Load{v, c.cell("slot", Expr::reg(j)), kChan, -1, 0});
    emit(Assign{ok, Expr::constant(1)});
    if (closable) {
        // Returns because of the close: closed, and no send j ever happens.
        std::string cl = b_->freshTemp();
        emit(Branch{Expr::constant(1), end, true});
        emit(Label{closedPath});
        emit(Load{cl, c.sym("closed"), kChan, -1, 0});
        emit(Assume{cmp(K::Eq, Expr::reg(cl), Expr::constant(1))});
        emit(Assume{cmp(K::Le, finalValue(c.sym("sent")), Expr::reg(j))});
        emit(Assign{v, Expr::constant(0)});
        emit(Assign{ok, Expr::constant(0)});
        emit(Label{end});
    }
    if (okOut) *okOut = ok;
    return Expr::reg(v);
}

bool Lowerer::closeStatement() {
    pos_ += 2;
    auto c = channel();
    if (!c || !expect(")")) return false;
    // A channel only one close statement names (after unrolling) is never closed twice.
    ++seen_.closes[c->name];
    if (facts_.known && facts_.closes[c->name] <= 1) {
        emit(Store{c->sym("closed"), Expr::constant(1), kChan, -1, 0});
        return true;
    }
    std::string r = b_->freshTemp();
    int k = b_->freshRmw();
    emit(Load{r, c->sym("closed"), kProbe, k, 0});
    panicUnless(cmp(K::Eq, Expr::reg(r), Expr::constant(0)), "close of closed channel");
    emit(Store{c->sym("closed"), Expr::constant(1), kChan, k, 0});
    return true;
}

std::optional<Expr> Lowerer::lengthOf() {
    bool collection = false;
    if (auto n = collectionLength(collection); collection) return n;
    const bool isLen = peek().text == "len";
    ++pos_;
    if (!expect("(")) return std::nullopt;
    auto c = channel();
    if (!c || !expect(")")) return std::nullopt;
    if (!isLen || c->capacity == 0) return Expr::constant(isLen ? 0 : c->capacity);
    // sent - recvd, clamped to 0..C, at one instant: recvd read between two reads of sent
    // that agree (the counters only grow, so sent held that value throughout).
    std::string s1 = b_->freshTemp(), r = b_->freshTemp(), s2 = b_->freshTemp();
    emit(Load{s1, c->sym("sent"), kChanIndex, -1, 0});
    emit(Load{r, c->sym("recvd"), kChanIndex, -1, 0});
    emit(Load{s2, c->sym("sent"), kChanIndex, -1, 0});
    emit(Assume{cmp(K::Eq, Expr::reg(s1), Expr::reg(s2))});
    Expr n = sub(Expr::reg(s1), Expr::reg(r));
    return Expr::ite(cmp(K::Lt, n, Expr::constant(0)), Expr::constant(0),
                     Expr::ite(cmp(K::Gt, n, Expr::constant(c->capacity)), Expr::constant(c->capacity), n));
}

bool Lowerer::rangeStatement(std::size_t rangeAt, std::size_t open) {
    if (const Global* g = global(toks_[rangeAt + 1].text); !g || g->kind != GlobalKind::Chan || locals_.count(toks_[rangeAt + 1].text))
        return rangeCollection(rangeAt, open);
    const std::size_t first = pos_++;
    const Token* name = nullptr;
    bool declare = false;
    if (pos_ != rangeAt) {
        if (peek().kind != Token::Kind::Ident) return fail("a variable");
        name = &peek();
        ++pos_;
        if (peek().punct(",")) return unsupported(peek(), "two variables in a range over a channel");
        if (!peek().punct(":=") && !peek().punct("=")) return fail("':=' or '='");
        declare = peek().punct(":=");
        ++pos_;
    }
    ++pos_;
    const Global* g = global(peek().text);
    if (!g || g->kind != GlobalKind::Chan || locals_.count(peek().text))
        return unsupported(peek(), "range over anything but a declared channel");
    auto c = channel();
    if (!c) return false;
    if (pos_ != open) return fail("'{'");
    record(first, open - 1);
    const SourceLoc forLoc = loc_;
    const std::size_t close = matching(open);
    Holds leaving = held_;
    const std::string end = b_->freshLabel();
    std::vector<std::string> exits;
    bool ok = true;
    for (int round = 0; ok && round < unroll_; ++round) {
        loc_ = forLoc;
        std::string okReg;
        auto v = receive(*c, &okReg);
        if (!v) return false;
        exits.push_back(b_->freshLabel());
        emit(Branch{Expr::unary(K::Not, Expr::reg(okReg)), exits.back(), false});
        type_ = g->type.substr(5);  // "chan T"
        if (name && !assign(*name, *v, declare)) return false;
        loops_.push_back({end, b_->freshLabel(), &leaving, std::nullopt});
        ok = body(open, close);
        const Loop here = loops_.back();
        loops_.pop_back();
        emit(Label{here.continueTo});
        if (here.continued) merge(held_, *here.continued);
        merge(leaving, held_);
    }
    held_ = leaving;
    loc_ = forLoc;
    std::string okReg;
    if (!receive(*c, &okReg)) return false;
    const std::string fits = b_->freshLabel();
    emit(Branch{Expr::unary(K::Not, Expr::reg(okReg)), fits, false});
    emit(Halt{Halt::Kind::Cut, "more than " + std::to_string(unroll_) + " (--unroll)"});
    emit(Label{fits});
    for (auto it = exits.rbegin(); it != exits.rend(); ++it) emit(Label{*it});
    emit(Label{end});
    pos_ = close + 1;
    return ok;
}

}  // namespace memlit::litmus::go
