// Go's select statement: a free choice among its cases, the default case only when no case
// can proceed at that instant, and blocking forever when none ever can (docs/go.md).

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

namespace {

Expr cmp(K k, Expr a, Expr b) { return Expr::binary(k, std::move(a), std::move(b)); }

}  // namespace

struct Lowerer::SelectCase {
    enum class Kind { Receive, Send, Default };
    Kind kind = Kind::Default;
    std::size_t at = 0;     // token of `case` or `default`
    std::size_t colon = 0;  // token of the ':' ending the case's header
    std::size_t end = 0;    // token of the next case or of the select's '}'
    Channel channel;
    Expr value;                                  // Send: evaluated on entering the select
    std::vector<const Token*> names;             // Receive: `v` or `v, ok` assigned after it
    bool declare = false;                        // `:=` rather than `=`
};

bool Lowerer::selectStatement() {
    const std::size_t first = pos_;
    const SourceLoc selectLoc = loc_;
    ++pos_;
    if (!peek().punct("{")) return fail("'{' after 'select'");
    const std::size_t open = pos_, close = matching(open);
    if (!toks_[close].punct("}")) return fail("'}' to end the select");
    record(first, first);
    std::vector<SelectCase> cases;
    int depth = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        const Token& t = toks_[i];
        if (t.punct("{") || t.punct("(")) ++depth;
        if (t.punct("}") || t.punct(")")) --depth;
        if (depth == 0 && (t.ident("case") || t.ident("default"))) {
            if (!cases.empty()) cases.back().end = i;
            SelectCase c;
            c.kind = t.ident("default") ? SelectCase::Kind::Default : SelectCase::Kind::Receive;
            c.at = i;
            cases.push_back(c);
        } else if (cases.empty() && t.kind != Token::Kind::Semi) {
            pos_ = i;
            fail("'case' or 'default'");
            pos_ = close + 1;
            return false;
        }
    }
    if (!cases.empty()) cases.back().end = close;
    // Go evaluates the values to send once, in source order, on entering the select.
    std::vector<SelectCase> comms;
    const SelectCase* fallback = nullptr;
    for (auto& c : cases) {
        pos_ = c.at;
        if (!selectCase(c, c.end)) {
            pos_ = close + 1;
            return false;
        }
        if (c.kind != SelectCase::Kind::Default) comms.push_back(c);
        else if (fallback) {
            pos_ = close + 1;
            return error(toks_[c.at], "multiple defaults in select");
        } else {
            fallback = &c;
        }
    }
    // One free choice per communication case, at most one of them 1: that case runs; all 0:
    // the default case, or blocking forever.
    std::vector<std::string> picks, labels;
    Expr sum = Expr::constant(0);
    loc_ = selectLoc;
    for (std::size_t i = 0; i < comms.size(); ++i) {
        picks.push_back(b_->freshTemp());
        labels.push_back(b_->freshLabel());
        emit(Choice{picks.back()});
        sum = Expr::binary(K::Add, sum, Expr::reg(picks.back()));
    }
    if (comms.size() > 1) emit(Assume{cmp(K::Le, sum, Expr::constant(1))});
    for (std::size_t i = 0; i < comms.size(); ++i) emit(Branch{Expr::reg(picks[i]), labels[i], true});
    const std::string end = b_->freshLabel();
    bool ok = true;
    const Holds before = held_;
    std::optional<Holds> after;  // what holds after the alternatives that go on
    if (fallback) {
        loc_ = loc(toks_[fallback->at]);
        noCaseReady(comms);
        loops_.push_back({});
        ok = body(fallback->colon, fallback->end);
        loops_.pop_back();
        emit(Branch{Expr::constant(1), end, true});
        after = held_;
    } else {
        noCaseEverReady(comms);
    }
    for (std::size_t i = 0; i < comms.size(); ++i) {
        const SelectCase& c = comms[i];
        held_ = before;
        loc_ = loc(toks_[c.at]);
        emit(Label{labels[i]});
        if (c.kind == SelectCase::Kind::Send) {
            send(c.channel, c.value, true);
        } else {
            std::string okReg;
            Expr v = *receive(c.channel, &okReg, true);
            type_ = global(c.channel.name)->type.substr(5);  // "chan T"
            if (!c.names.empty()) ok = assign(*c.names[0], v, c.declare) && ok;
            type_ = "bool";
            if (c.names.size() > 1) ok = assign(*c.names[1], Expr::reg(okReg), c.declare) && ok;
        }
        loops_.push_back({});
        ok = body(c.colon, c.end) && ok;
        loops_.pop_back();
        emit(Branch{Expr::constant(1), end, true});
        if (after) merge(*after, held_);
        else after = held_;
    }
    held_ = after ? *after : before;
    emit(Label{end});
    pos_ = close + 1;
    return ok;
}

bool Lowerer::selectCase(SelectCase& c, std::size_t end) {
    loc_ = loc(peek());
    const bool isDefault = peek().ident("default");
    ++pos_;
    if (isDefault) {
        // nothing between `default` and ':'
    } else if (peek().punct("<-")) {
        ++pos_;
        auto ch = channel();
        if (!ch) return false;
        c.channel = *ch;
    } else if (peek().kind == Token::Kind::Ident && peek(1).punct("<-")) {
        auto ch = channel();
        if (!ch) return false;
        ++pos_;
        auto v = expression();
        if (!v) return false;
        c.kind = SelectCase::Kind::Send;
        c.channel = *ch;
        c.value = *v;
    } else if (peek().kind == Token::Kind::Ident) {
        c.names.push_back(&peek());
        ++pos_;
        if (peek().punct(",")) {
            ++pos_;
            if (peek().kind != Token::Kind::Ident) return fail("a variable name");
            c.names.push_back(&peek());
            ++pos_;
        }
        if (!peek().punct(":=") && !peek().punct("=")) return fail("':=' or '='");
        c.declare = peek().punct(":=");
        ++pos_;
        if (!peek().punct("<-")) return fail("'<-' and a channel (a select case sends or receives)");
        ++pos_;
        auto ch = channel();
        if (!ch) return false;
        c.channel = *ch;
    } else {
        return fail("a send or a receive");
    }
    if (!expect(":")) return false;
    c.colon = pos_ - 1;
    if (c.colon >= end) return error(toks_[c.at], "the header of this case runs into the next one");
    record(c.at, c.colon - 1);
    return true;
}

void Lowerer::noCaseReady(const std::vector<SelectCase>& cases) {
    // A receive can proceed when sent > recvd (a value, or a waiting sender), a send when
    // sent - recvd < C (room, or a waiting receiver), either when the channel is closed.
    // Both counters only grow: reading first the one whose growth disables a case (recvd
    // for a receive, sent for a send), then the others and the closed flags, the reads
    // bound the state at the instant between the two rounds, so "no case can proceed"
    // holds at that instant.
    struct Reads {
        std::string first, second;
    };
    std::vector<Reads> reads;
    for (const auto& c : cases) {
        const bool recv = c.kind == SelectCase::Kind::Receive;
        reads.push_back({b_->freshTemp(), b_->freshTemp()});
        emit(Load{reads.back().first, c.channel.sym(recv ? "recvd" : "sent"), kChanIndex, -1, 0});
    }
    std::set<std::string> closable;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& c = cases[i];
        const bool recv = c.kind == SelectCase::Kind::Receive;
        emit(Load{reads[i].second, c.channel.sym(recv ? "sent" : "recvd"), kChanIndex, -1, 0});
        if (closed_.count(c.channel.name)) closable.insert(c.channel.name);
    }
    for (const auto& name : closable) {
        std::string cl = b_->freshTemp();
        emit(Load{cl, Expr::sym(name + ".closed"), kProbe, -1, 0});
        emit(Assume{cmp(K::Eq, Expr::reg(cl), Expr::constant(0))});
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& c = cases[i];
        const Expr a = Expr::reg(reads[i].first), b = Expr::reg(reads[i].second);
        if (c.kind == SelectCase::Kind::Receive) emit(Assume{cmp(K::Le, b, a)});  // sent <= recvd
        else emit(Assume{cmp(K::Ge, Expr::binary(K::Sub, a, b), Expr::constant(c.channel.capacity))});
    }
}

void Lowerer::noCaseEverReady(const std::vector<SelectCase>& cases) {
    std::set<std::string> closable;
    for (const auto& c : cases) {
        Expr sent = finalValue(c.channel.sym("sent")), recvd = finalValue(c.channel.sym("recvd"));
        if (c.kind == SelectCase::Kind::Receive) emit(Assume{cmp(K::Le, sent, recvd)});
        else
            emit(Assume{cmp(K::Ge, Expr::binary(K::Sub, sent, recvd), Expr::constant(c.channel.capacity))});
        if (closed_.count(c.channel.name)) closable.insert(c.channel.name);
    }
    for (const auto& name : closable)
        emit(Assume{cmp(K::Eq, finalValue(Expr::sym(name + ".closed")), Expr::constant(0))});
    emit(Halt{Halt::Kind::Blocked, ""});
}

}  // namespace memlit::litmus::go
