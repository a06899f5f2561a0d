// The pictures of `memlit explain` and `check`: well-formed SVG (parsed by python3's XML
// parser when there is one, and by a small tag checker always) holding the cycle's edges;
// DOT with the same edges; and the web playground's entry points (report/ExplainApi.hpp).

#include "cli/Cli.hpp"
#include "engine/BruteForce.hpp"
#include "report/ExplainApi.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

const std::string kRoot = MEMLIT_SOURCE_DIR;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

/// Balanced tags, no raw '<' or '&' in text, every attribute quoted: enough to catch an
/// unescaped instruction text or a tag left open.
bool wellFormed(const std::string& svg, std::string& why) {
    std::vector<std::string> open;
    for (std::size_t i = 0; i < svg.size(); ++i) {
        if (svg[i] == '&') {
            const auto semi = svg.find(';', i);
            const std::string ent = svg.substr(i, semi == std::string::npos ? 0 : semi - i + 1);
            if (ent != "&amp;" && ent != "&lt;" && ent != "&gt;" && ent != "&quot;" && ent != "&apos;") {
                why = "bad entity at " + std::to_string(i);
                return false;
            }
        }
        if (svg[i] != '<') continue;
        const auto end = svg.find('>', i);
        if (end == std::string::npos) return (why = "unclosed tag"), false;
        const std::string tag = svg.substr(i + 1, end - i - 1);
        if (tag.find('<') != std::string::npos) return (why = "'<' inside a tag"), false;
        if (count(tag, "\"") % 2 != 0) return (why = "odd quotes in <" + tag + ">"), false;
        if (tag[0] == '?' || tag.back() == '/') {
        } else if (tag[0] == '/') {
            if (open.empty() || open.back() != tag.substr(1)) return (why = "unbalanced </" + tag.substr(1) + ">"), false;
            open.pop_back();
        } else {
            open.push_back(tag.substr(0, tag.find_first_of(" \n")));
        }
        i = end;
    }
    if (!open.empty()) why = "<" + open.back() + "> not closed";
    return open.empty();
}

bool havePython() { return std::system("python3 -c 'import xml.dom.minidom' >/dev/null 2>&1") == 0; }

std::string tempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("memlit-picture-" + std::to_string(::getpid()) + "-" + name)).string();
}

int run(const std::vector<std::string>& args, std::string& out, std::string& err) {
    std::ostringstream o, e;
    const int status = memlit::cli::run(args, o, e);
    out = o.str();
    err = e.str();
    return status;
}

}  // namespace

TEST_CASE("Pictures: explain --svg of SB under sc is well-formed SVG with the po/fr cycle bold", "[explain][svg]") {
    const std::string svg = tempPath("sb.svg"), dot = tempPath("sb.dot");
    std::string out, err;
    REQUIRE(run({"explain", kRoot + "/tests/litmus/X86/SB.litmus", "--model", "sc", "--svg", svg, "--dot", dot}, out,
                err) == 0);
    const std::string text = readFile(svg);
    std::string why;
    CHECK(wellFormed(text, why));
    INFO(why);
    CHECK(text.rfind("<?xml", 0) == 0);
    CHECK(count(text, "class=\"edge po cycle\"") == 2);
    CHECK(count(text, "class=\"edge fr cycle\"") == 2);
    CHECK(count(text, "MOV EAX,[y]") == 1);  // instruction text, escaped where needed
    if (havePython()) CHECK(std::system(("python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' " + svg).c_str()) == 0);
    else WARN("python3 not found: the SVG was checked by the tag checker only");
    const std::string graph = readFile(dot);
    CHECK(graph.rfind("digraph memlit {", 0) == 0);
    CHECK(count(graph, "penwidth=3") == 4);
    std::filesystem::remove(svg);
    std::filesystem::remove(dot);
}

TEST_CASE("Pictures: text that needs escaping is escaped", "[explain][svg]") {
    // An AArch64 instruction with brackets and a comma, and a title with '<' from the state.
    const std::string svg = tempPath("mp.svg");
    std::string out, err;
    REQUIRE(run({"explain", kRoot + "/tests/litmus/AArch64/MP+dmb.sy+addr.litmus", "--svg", svg}, out, err) == 0);
    const std::string text = readFile(svg);
    std::string why;
    CHECK(wellFormed(text, why));
    INFO(why);
    CHECK(count(text, "class=\"edge ") >= 5);
    CHECK(count(text, " cycle\"") == 4);
    std::filesystem::remove(svg);
}

TEST_CASE("Pictures: check --svg draws a witness of every allowed state", "[explain][svg]") {
    const std::string svg = tempPath("check.svg");
    std::string out, err;
    REQUIRE(run({"check", kRoot + "/tests/litmus/X86/SB.litmus", "--svg", svg}, out, err) == 0);
    const std::string text = readFile(svg);
    std::string why;
    CHECK(wellFormed(text, why));
    CHECK(count(text, "<g transform=") == 4);  // SB under tso allows four states
    CHECK(count(text, " allowed by tso") == 4);
    CHECK(count(text, " cycle\"") == 0);
    // Several tests on two workers: the pictures in input order, with the model's relations
    // (MP's ppo under tso).
    REQUIRE(run({"check", kRoot + "/tests/litmus/X86/MP.litmus", kRoot + "/tests/litmus/X86/SB.litmus", "--jobs", "2", "--svg", svg},
                out, err) == 0);
    const std::string two = readFile(svg);
    CHECK(wellFormed(two, why));
    CHECK(count(two, "<g transform=") == 7);
    CHECK(two.find(">MP: ") < two.find(">SB: "));
    CHECK(count(two, "class=\"edge ppo\"") >= 1);
    std::filesystem::remove(svg);
}

TEST_CASE("Pictures: a witness shows the model's relations dashed, and long instruction text whole", "[explain][svg]") {
    // MP+dmb.sy+addr's allowed state 1:X0=1; 1:X2=1;: the barrier's bob edge, the address
    // dependency's dob:addr edge.
    const std::string svg = tempPath("mp-allowed.svg");
    std::string out, err;
    REQUIRE(run({"explain", kRoot + "/tests/litmus/AArch64/MP+dmb.sy+addr.litmus", "--outcome", "1:X0=1; 1:X2=1;", "--svg", svg},
                out, err) == 0);
    const std::string text = readFile(svg);
    std::string why;
    CHECK(wellFormed(text, why));
    INFO(why);
    CHECK(count(text, "class=\"edge bob\"") == 1);
    CHECK(count(text, "class=\"edge addr\"") == 1);
    CHECK(count(text, ">dob:addr<") == 1);
    CHECK(count(text, "stroke-dasharray") == 2);
    CHECK(count(text, "LDR W2,[X3,W4,SXTW]  \u00b7 line 7") == 1);
    std::filesystem::remove(svg);
    // A long instruction is not cut: its box is as wide as it needs.
    REQUIRE(run({"explain", kRoot + "/tests/litmus/C11/MP+relacq.litmus", "--outcome", "1:r0=1;", "--svg", svg}, out, err) == 0);
    const std::string wide = readFile(svg);
    CHECK(count(wide, "int r0 = atomic_load_explicit(y, memory_order_acquire);  \u00b7 line 12") == 2);
    CHECK(count(wide, "\u2026") == 0);
    std::filesystem::remove(svg);
}

TEST_CASE("Pictures: a picture file that cannot be written is an error", "[explain][svg]") {
    std::string out, err;
    CHECK(run({"explain", kRoot + "/tests/litmus/X86/SB.litmus", "--svg", "/nonexistent-dir/x.svg"}, out, err) == 1);
    CHECK(err == "/nonexistent-dir/x.svg: error: cannot write the picture\n");
}

TEST_CASE("ExplainApi: explainJson embeds each execution's SVG; bad input gives JSON errors", "[explain][api]") {
    memlit::engine::BruteForceEngine engine;
    memlit::report::ExplainInput in;
    in.file = "SB.litmus";
    in.text = readFile(kRoot + "/tests/litmus/X86/SB.litmus");
    in.model = "sc";
    auto j = nlohmann::json::parse(memlit::report::explainJson(in, engine));
    CHECK(j["status"] == "ok");
    const auto& rej = j["states"][0]["rejections"][0];
    CHECK(rej["axiom"]["name"] == "sc");
    CHECK(rej["cycle"].size() == 4);
    const std::string svg = rej["execution"]["svg"];
    std::string why;
    CHECK(wellFormed(svg, why));

    in.text = "X86 Broken\n{ }\n P0 ;\n MOV [x],$1 ;\nexists (0:EAX=";
    j = nlohmann::json::parse(memlit::report::explainJson(in, engine));
    CHECK(j["status"] == "error");
    REQUIRE(j["errors"].size() >= 1);
    CHECK(j["errors"][0].get<std::string>().rfind("SB.litmus:", 0) == 0);

    in.text = readFile(kRoot + "/tests/litmus/X86/SB.litmus");
    in.model = "no-such-model";
    j = nlohmann::json::parse(memlit::report::explainJson(in, engine));
    CHECK(j["status"] == "error");
    CHECK(j["errors"].size() == 1);
}

TEST_CASE("ExplainApi: checkWitnessSvg draws an allowed state and refuses a forbidden one", "[explain][api]") {
    memlit::engine::BruteForceEngine engine;
    memlit::report::ExplainInput in;
    in.file = "SB.litmus";
    in.text = readFile(kRoot + "/tests/litmus/X86/SB.litmus");
    in.outcome = "0:EAX=0; 1:EAX=0;";
    auto w = memlit::report::checkWitnessSvg(in, engine);
    CHECK(w.errors.empty());
    CHECK(count(w.svg, "class=\"edge fr\"") == 2);
    in.model = "sc";
    w = memlit::report::checkWitnessSvg(in, engine);
    CHECK(w.svg.empty());
    CHECK(w.errors == std::vector<std::string>{"--outcome: error: the model allows no state matching '0:EAX=0; 1:EAX=0;'"});
}
