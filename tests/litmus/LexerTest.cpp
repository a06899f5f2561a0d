#include "litmus/Lexer.hpp"

#include <catch2/catch.hpp>

using namespace memlit;
using namespace memlit::litmus;
using K = Token::Kind;

namespace {

std::vector<std::pair<K, std::string>> tokens(const std::string& text) {
    SourceText src(text);
    Lexer lex(src, 0, src.size());
    std::vector<std::pair<K, std::string>> out;
    while (lex.peek().kind != K::End) {
        Token t = lex.next();
        out.emplace_back(t.kind, t.text);
    }
    return out;
}

}  // namespace

TEST_CASE("Lexer: offsets map to 1-based lines and columns", "[litmus]") {
    SourceText src("ab\ncd\n\nx");
    CHECK(src.locOf(0) == SourceLoc{1, 1});
    CHECK(src.locOf(1) == SourceLoc{1, 2});
    CHECK(src.locOf(3) == SourceLoc{2, 1});
    CHECK(src.locOf(7) == SourceLoc{4, 1});
    CHECK(src.locOf(8) == SourceLoc{4, 2});  // end of input
}

TEST_CASE("Lexer: comments become blanks and positions are kept", "[litmus]") {
    Diagnostics d;
    SECTION("nested (* *) comments across lines") {
        CHECK(stripComments("a (* b (* c *)\n d *) e", "f", d) == "a             \n      e");
    }
    SECTION("// comments only after a blank, so URLs in metadata survive") {
        CHECK(stripComments("x // note\nURL=http://a.b\n// all\n", "f", d) ==
              "x        \nURL=http://a.b\n      \n");
    }
    SECTION("comment markers inside strings are text") {
        CHECK(stripComments("\"(* not *)\" y", "f", d) == "\"(* not *)\" y");
    }
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("Lexer: tokens of the state language", "[litmus]") {
    CHECK(tokens("0:EAX=-1; P1:r0 = 0x1F") ==
          std::vector<std::pair<K, std::string>>{{K::Num, "0"},   {K::Colon, ":"}, {K::Name, "EAX"},
                                                 {K::Equal, "="}, {K::Num, "-1"},  {K::Semi, ";"},
                                                 {K::Proc, "1"},  {K::Colon, ":"}, {K::Name, "r0"},
                                                 {K::Equal, "="}, {K::Num, "0x1F"}});
    CHECK(tokens("~exists ([x]==1 /\\ y!=2 \\/ z<>3 => not true)") ==
          std::vector<std::pair<K, std::string>>{
              {K::Tilde, "~"},  {K::Name, "exists"}, {K::LPar, "("},     {K::LBrk, "["},   {K::Name, "x"},
              {K::RBrk, "]"},   {K::EqEq, "=="},     {K::Num, "1"},      {K::And, "/\\"},  {K::Name, "y"},
              {K::NotEqual, "!="}, {K::Num, "2"},    {K::Or, "\\/"},     {K::Name, "z"},   {K::NotEqual, "<>"},
              {K::Num, "3"},    {K::Implies, "=>"},  {K::Name, "not"},   {K::Name, "true"}, {K::RPar, ")"}});
    CHECK(tokens("int *p = &x; uint64_t 1:%rax; P0x a.b-c { } , +") ==
          std::vector<std::pair<K, std::string>>{
              {K::Name, "int"},      {K::Star, "*"},  {K::Name, "p"},       {K::Equal, "="},
              {K::Amper, "&"},       {K::Name, "x"},  {K::Semi, ";"},       {K::Name, "uint64_t"},
              {K::Num, "1"},         {K::Colon, ":"}, {K::SymbReg, "rax"},  {K::Semi, ";"},
              {K::Name, "P0x"},      {K::Name, "a.b-c"}, {K::LCurly, "{"},  {K::RCurly, "}"},
              {K::Comma, ","},       {K::Plus, "+"}});
    CHECK(tokens("# é") == std::vector<std::pair<K, std::string>>{{K::Bad, "#"}, {K::Bad, "é"}});
}
