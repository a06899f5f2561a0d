#include "cat/Bell.hpp"

namespace memlit::cat {

namespace {

using K = Token::Kind;

/// `let Tag = try Tag with domain(0)` at `loc`.
Statement tagSetBinding(const std::string& tag, FileId file, SourceLoc loc) {
    const std::string name = capitalizedTag(tag);
    Expr events{Expr::Op::Name, name, {}, loc, {}, {}};
    Expr none{Expr::Op::Call, "domain", {Expr{Expr::Op::EmptyRel, "", {}, loc, {}, {}}}, loc, {}, {}};
    Binding b{name, false, {}, Expr{Expr::Op::Try, "", {std::move(events), std::move(none)}, loc, {}, {}}, loc};
    return Statement{Let{false, {std::move(b)}}, file, loc};
}

}  // namespace

std::string capitalizedTag(std::string_view tag) {
    std::string out(tag);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

bool parseEnum(TokenCursor& in, BellDecls& decls, FileId file, SourceLoc loc, std::vector<Statement>& out) {
    auto name = in.identifier("an enum name after 'enum'");
    if (!name || !in.expect(K::Equal, "'='")) return false;
    std::vector<std::string> tags;
    for (;;) {
        if (in.peek().kind != K::TagLit) {
            in.expected("a tag such as 'once");
            return false;
        }
        const Token& t = in.take();
        tags.push_back(t.text);
        out.push_back(tagSetBinding(t.text, file, t.loc));
        if (in.peek().kind != K::Bar || in.peek(1).kind != K::Bar) break;
        in.take();
        in.take();
    }
    if (decls.enums.count(*name) != 0) {
        in.error(loc, "enum '" + *name + "' is declared twice");
        return false;
    }
    decls.tags.insert(tags.begin(), tags.end());
    decls.enums.emplace(*name, std::move(tags));
    return true;
}

bool parseInstructions(TokenCursor& in, const BellDecls& decls) {
    if (!in.identifier("an event kind after 'instructions'") || !in.expect(K::LBracket, "'['")) return false;
    if (in.peek().kind == K::Ident) {
        const Token& e = in.take();
        if (decls.enums.count(e.text) == 0) {
            in.error(e.loc, "unknown enum '" + e.text + "' (declare it with 'enum " + e.text + " = ...' first)");
            return false;
        }
        return in.expect(K::RBracket, "']'");
    }
    if (!in.expect(K::LBrace, "'{' or an enum name")) return false;
    for (;;) {
        if (in.peek().kind != K::TagLit) {
            in.expected("a tag such as 'once");
            return false;
        }
        const Token& t = in.take();
        if (decls.tags.count(t.text) == 0) {
            in.error(t.loc, "tag '" + t.text + " is not declared by an enum");
            return false;
        }
        if (in.peek().kind != K::Comma) break;
        in.take();
    }
    return in.expect(K::RBrace, "',' or '}'") && in.expect(K::RBracket, "']'");
}

}  // namespace memlit::cat
