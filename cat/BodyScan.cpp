#include "cat/BodyScan.hpp"

#include <set>
#include <string_view>

namespace memlit::cat {

namespace {

using K = Token::Kind;

bool endsBody(const TokenCursor& in, const Token& t, const Token& next) {
    static const std::set<std::string, std::less<>> enders = {
        "let", "include", "procedure", "call", "acyclic", "irreflexive", "empty", "flag",
        "show", "unshow", "with", "if", "and", "in", "end", "else", "as", "forall", "enum",
        "undefined_unless", "instructions", "events"};
    if (t.kind == K::End) return true;
    if (t.kind == K::Tilde)
        return in.isKeyword(next, "acyclic") || in.isKeyword(next, "irreflexive") ||
               in.isKeyword(next, "empty");
    return t.kind == K::Ident && enders.count(t.text) != 0;
}

/// Herd's functions whose values are sets of sets or of relations: memlit's domains hold
/// only sets of events and relations, so a body calling one is stepped over.
bool setOfSetsFunction(std::string_view name) {
    return name == "partition" || name == "classes" || name == "classes-loc" ||
           name == "linearisations" || name == "linearizations";
}

}  // namespace

BodyExtent scanBody(const TokenCursor& in) {
    BodyExtent out;
    int brackets = 0;   // ( [ {
    int blocks = 0;     // let ... in, match ... end, begin ... end
    for (std::size_t i = 0;; ++i) {
        const Token& t = in.peek(i);
        if (t.kind == K::End) return out.tokens = i, out;
        if (brackets == 0 && blocks == 0 && i > 0 && endsBody(in, t, in.peek(i + 1)))
            return out.tokens = i, out;
        if (brackets == 0 && blocks == 0 && i == 0 && endsBody(in, t, in.peek(1)) &&
            !in.isKeyword(t, "let"))
            return out.tokens = 0, out;
        auto note = [&](std::string what) {
            if (!out.opaque) {
                out.opaque = std::move(what);
                out.opaqueLoc = t.loc;
            }
        };
        switch (t.kind) {
        case K::LParen: case K::LBracket: case K::LBrace: ++brackets; break;
        case K::RParen: case K::RBracket: case K::RBrace: --brackets; break;
        case K::Plus:
            if (in.peek(i + 1).kind == K::Plus) note("'++' (adding to a set of sets)");
            break;
        case K::Ident:
            if (t.text == "let" || t.text == "match" || t.text == "begin") ++blocks;
            else if (t.text == "in" || t.text == "end") --blocks;
            if (t.text == "match") note("'match' expression");
            else if (t.text == "fun") note("'fun' expression");
            else if (setOfSetsFunction(t.text)) note("herd's set-of-sets function '" + t.text + "'");
            break;
        default: break;
        }
    }
}

bool skipVariantCondition(TokenCursor& in) {
    for (;;) {
        if (in.peek().kind != K::String) {
            in.unsupported(in.peek().loc, "'if' on anything but herd variant strings");
            return false;
        }
        in.take();
        if (in.peek().kind != K::Amp && in.peek().kind != K::Bar) return true;
        const K op = in.take().kind;
        if (!in.expect(op, op == K::Amp ? "'&&'" : "'||'")) return false;
    }
}

bool skipToElseOrEnd(TokenCursor& in) {
    int depth = 0;
    for (;;) {
        const Token& t = in.peek();
        if (t.kind == K::End) {
            in.expected("'end' closing the 'if'");
            return false;
        }
        if (depth == 0 && (in.isKeyword(t, "else") || in.isKeyword(t, "end"))) return true;
        if (in.isKeyword(t, "match") || in.isKeyword(t, "begin") ||
            in.isKeyword(t, "procedure") || (in.isKeyword(t, "if") && in.peek(1).kind == K::String))
            ++depth;
        else if (in.isKeyword(t, "end"))
            --depth;
        in.take();
    }
}

}  // namespace memlit::cat
