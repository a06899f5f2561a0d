#include "cat/BodyScan.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace memlit::cat {

namespace {

using K = Token::Kind;

bool endsBody(const TokenCursor& in, const Token& t, const Token& next) {
    static const std::set<std::string, std::less<>> enders = {
        "let", "include", "procedure", "call", "acyclic", "irreflexive", "empty", "flag",
        "show", "unshow", "with", "if", "assert", "and", "in", "end", "else", "as", "forall", "enum",
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
        case K::Ident:
            if (t.text == "let" || t.text == "match" || t.text == "begin") ++blocks;
            else if (t.text == "in" || t.text == "end") --blocks;
            if (setOfSetsFunction(t.text)) note("herd's set-of-sets function '" + t.text + "'");
            break;
        default: break;
        }
    }
}

namespace {

std::optional<bool> variantDisjunction(TokenCursor& in, const std::vector<std::string>& variants);

std::optional<bool> variantAtom(TokenCursor& in, const std::vector<std::string>& variants) {
    const Token& t = in.peek();
    if (t.kind == K::String) {
        const bool set = std::find(variants.begin(), variants.end(), in.take().text) != variants.end();
        return set;
    }
    if (in.isKeyword(t, "not")) {
        in.take();
        auto inner = variantAtom(in, variants);
        if (!inner) return std::nullopt;
        return !*inner;
    }
    if (t.kind == K::LParen) {
        in.take();
        auto inner = variantDisjunction(in, variants);
        if (!inner || !in.expect(K::RParen, "')'")) return std::nullopt;
        return inner;
    }
    in.unsupported(t.loc, "'if' on anything but herd variant strings");
    return std::nullopt;
}

/// `&&` or `||` next (two tokens): the operator's kind, consumed.
bool takeDoubled(TokenCursor& in, K kind) {
    if (in.peek().kind != kind || in.peek(1).kind != kind) return false;
    in.take();
    in.take();
    return true;
}

std::optional<bool> variantConjunction(TokenCursor& in, const std::vector<std::string>& variants) {
    auto value = variantAtom(in, variants);
    while (value && takeDoubled(in, K::Amp)) {
        auto rhs = variantAtom(in, variants);
        if (!rhs) return std::nullopt;
        value = *value && *rhs;
    }
    return value;
}

std::optional<bool> variantDisjunction(TokenCursor& in, const std::vector<std::string>& variants) {
    auto value = variantConjunction(in, variants);
    while (value && takeDoubled(in, K::Bar)) {
        auto rhs = variantConjunction(in, variants);
        if (!rhs) return std::nullopt;
        value = *value || *rhs;
    }
    if (value && (in.peek().kind == K::Amp || in.peek().kind == K::Bar)) {
        in.expected(in.peek().kind == K::Amp ? "'&&'" : "'||'");
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::optional<bool> variantCondition(TokenCursor& in, const std::vector<std::string>& variants) {
    return variantDisjunction(in, variants);
}

bool skipToElseOrEnd(TokenCursor& in) {
    int depth = 0;       // open `if` statements, `match`, `begin`, `procedure` blocks
    int thenElses = 0;   // `else`s owed to `if ... then` expressions
    for (;;) {
        const Token& t = in.peek();
        if (t.kind == K::End) {
            in.expected("'end' closing the 'if'");
            return false;
        }
        if (in.isKeyword(t, "else") && thenElses > 0) {
            --thenElses;
        } else if (depth == 0 && (in.isKeyword(t, "else") || in.isKeyword(t, "end"))) {
            return true;
        } else if (in.isKeyword(t, "match") || in.isKeyword(t, "begin") ||
                   in.isKeyword(t, "procedure") || in.isKeyword(t, "if")) {
            ++depth;
        } else if (in.isKeyword(t, "then") && !in.isKeyword(in.previous(), "as")) {
            --depth;   // the `if` it follows was an expression, closed by its `else`
            ++thenElses;
        } else if (in.isKeyword(t, "end")) {
            --depth;
        }
        in.take();
    }
}

}  // namespace memlit::cat
