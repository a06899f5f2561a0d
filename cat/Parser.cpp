#include "cat/Bell.hpp"
#include "cat/BodyScan.hpp"
#include "cat/CatFiles.hpp"
#include "cat/ExprParser.hpp"
#include "cat/Lexer.hpp"
#include "cat/Model.hpp"
#include "cat/Resolve.hpp"
#include "cat/TokenCursor.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace memlit::cat {

namespace fs = std::filesystem;

namespace {

using K = Token::Kind;

const std::set<std::string, std::less<>> kUnsupportedStatements = {
    "forall", "events", "match", "begin", "do"};

/// State shared by the parsers of one model and the files it includes.
struct Context {
    Model& model;
    Diagnostics& diags;
    std::vector<std::string> stack;   // canonical paths of files being parsed
    std::set<std::string> done;       // canonical paths already included
    std::vector<std::string> searchDirs;  // where includes are looked up before the bundled dir
    std::vector<std::string> variants;    // herd's -variant switches that are set
    BellDecls bell;                       // the tags `enum` statements have declared
};

class Parser {
public:
    Parser(Context& ctx, FileId file, std::string_view text)
        : ctx_(ctx), file_(file), text_(text),
          in_(lex(text, ctx.model.files[file], ctx.diags), ctx.model.files[file], ctx.diags),
          expr_(in_, ctx.variants) {}

    void parseFile(bool top, std::vector<Statement>& out) {
        std::string name;
        // herd's files open with a name line: bare words (`X86 TSO`, `catdep`), a string,
        // or words then a string (`RISCV "Risc V partial order model"`).
        const std::uint32_t line = peek().loc.line;
        // Words count as a name only when more follows on later lines: a lone `foo po` is
        // a mistaken statement, not a named empty model.
        std::size_t words = 0;
        while (peek(words).kind == K::Ident && !isAnyKeyword(peek(words)) &&
               peek(words).loc.line == line)
            ++words;
        if (peek(words).kind == K::String && peek(words).loc.line == line) ++words;
        if (words > 0 && peek(words).kind == K::End) words = 0;
        for (; words > 0 && peek().kind == K::Ident; --words)
            name += (name.empty() ? "" : " ") + take().text;
        if (peek().kind == K::String && (name.empty() || words > 0))
            name = take().text;
        if (top && !name.empty()) ctx_.model.name = name;
        parseStatements(out, false);
    }

private:
    const std::string& fileName() const { return ctx_.model.files[file_]; }
    const Token& peek(std::size_t ahead = 0) const { return in_.peek(ahead); }
    const Token& take() { return in_.take(); }
    bool isKeyword(const Token& t, std::string_view kw) const { return in_.isKeyword(t, kw); }
    bool isAnyKeyword(const Token& t) const { return in_.isAnyKeyword(t); }
    void error(SourceLoc loc, std::string msg) { in_.error(loc, std::move(msg)); }
    void unsupported(SourceLoc loc, const std::string& what) { in_.unsupported(loc, what); }
    void expected(const std::string& what) { in_.expected(what); }
    bool expect(K kind, const std::string& what) { return in_.expect(kind, what); }
    /// The keyword `kw` next, else "expected WHAT" (no report at the end of the file, where
    /// parseStatements has already said what is missing).
    bool expectKeyword(std::string_view kw, const std::string& what) {
        if (isKeyword(peek(), kw)) return take().kind == K::Ident;
        if (peek().kind != K::End) expected(what);
        return false;
    }
    std::optional<std::string> identifier(const std::string& what) { return in_.identifier(what); }
    std::optional<Expr> expression() { return expr_.expression(); }
    bool arguments(std::vector<Expr>& args) { return expr_.arguments(args); }

    bool startsStatement(const Token& t) const {
        static const std::set<std::string, std::less<>> starts = {
            "let", "include", "procedure", "call", "acyclic", "irreflexive", "empty", "flag",
            "show", "unshow", "end", "if", "with", "undefined_unless", "assert", "enum", "instructions"};
        static const std::set<std::string, std::less<>> unsupportedStarts = {"forall", "events"};
        return t.kind == K::End || (t.kind == K::Ident && starts.count(t.text) != 0) ||
               (t.kind == K::Ident && unsupportedStarts.count(t.text) != 0) ||
               (t.kind == K::Tilde && startsCheckKeyword(peek(1)));
    }

    bool startsCheckKeyword(const Token& t) const { return isKeyword(t, "acyclic") || isKeyword(t, "irreflexive") || isKeyword(t, "empty"); }

    /// Skips an unsupported block construct through its matching `end`.
    void skipBlock() {
        int depth = 0;
        while (peek().kind != K::End) {
            const Token& t = take();
            if (isKeyword(t, "forall") || isKeyword(t, "begin") || isKeyword(t, "procedure") ||
                isKeyword(t, "match"))
                ++depth;
            else if (isKeyword(t, "end") && --depth <= 0)
                return;
        }
    }

    /// Skips to the next token that can start a statement, after an error.
    void recover() {
        take();
        while (!startsStatement(peek())) take();
    }

    void parseStatements(std::vector<Statement>& out, bool inProcedure) {
        // Nesting (`if ... else`, procedures) is bounded: past it the rest of the file is skipped.
        if (inProcedure && nesting_ >= kMaxNesting) {
            error(peek().loc, "statements nested more than " + std::to_string(kMaxNesting) + " deep");
            while (peek().kind != K::End) take();
            return;
        }
        struct Leave { int& n; ~Leave() { --n; } } leave{++nesting_};  // NOLINT: one-line guard
        for (;;) {
            const Token& t = peek();
            if (t.kind == K::End) {
                if (inProcedure) expected("'end' closing the procedure");
                return;
            }
            if (isKeyword(t, "end") || isKeyword(t, "else")) {
                if (inProcedure) return;
                error(t.loc, "'" + t.text + "' outside a procedure or 'if'");
                take();
                continue;
            }
            if (!statement(out)) recover();
        }
    }

    bool statement(std::vector<Statement>& out) {
        const Token& t = peek();
        const SourceLoc loc = t.loc;
        if (t.kind == K::Tilde && startsCheckKeyword(peek(1))) return check(out);
        if (t.kind != K::Ident) {
            expected("a statement");
            return false;
        }
        if (t.text == "let") return let(out);
        if (t.text == "include") return include(out);
        if (t.text == "procedure") return procedure(out);
        if (t.text == "call") {
            take();
            auto name = identifier("a procedure name");
            if (!name) return false;
            std::vector<Expr> args;
            if (!arguments(args)) return false;
            out.push_back({CallProc{*name, std::move(args)}, file_, loc});
            return true;
        }
        if (t.text == "show" || t.text == "unshow") return show();
        if (t.text == "if") return ifVariant(out);
        if (t.text == "with") return withFrom(out);
        if (t.text == "enum") return take().kind == K::Ident && parseEnum(in_, ctx_.bell, file_, loc, out);
        if (t.text == "instructions") return take().kind == K::Ident && parseInstructions(in_, ctx_.bell);
        if (t.text == "flag" || t.text == "assert" || t.text == "acyclic" ||
            t.text == "irreflexive" || t.text == "empty" || t.text == "undefined_unless")
            return check(out);
        if (kUnsupportedStatements.count(t.text) != 0) {
            unsupported(loc, "'" + t.text + "'");
            if (t.text == "forall" || t.text == "begin") {
                skipBlock();
                return true;
            }
            return false;
        }
        expected("a statement");
        return false;
    }

    bool let(std::vector<Statement>& out) {
        const SourceLoc loc = take().loc;
        Let let;
        if (isKeyword(peek(), "rec")) {
            take();
            let.rec = true;
        }
        do {
            Binding b;
            b.loc = peek().loc;
            auto name = identifier("a name after 'let'");
            if (!name) return false;
            b.name = *name;
            if (peek().kind == K::Ident && !isAnyKeyword(peek())) {
                b.isFunction = true;   // herd's `let udr r = ...`: one parameter, no brackets
                b.params.push_back(take().text);
            } else if (peek().kind == K::LParen) {
                take();
                b.isFunction = true;
                if (!parameters(b.params)) return false;
            }
            if (let.rec && !let.bindings.empty() && let.bindings.front().isFunction != b.isFunction) {
                unsupported(b.loc, "'let rec' mixing functions and values");
                return false;
            }
            if (!expect(K::Equal, "'='")) return false;
            if (const BodyExtent scan = scanBody(in_); scan.opaque) {
                // Kept as a binding, so later names resolve; using it is the error.
                for (std::size_t i = 0; i < scan.tokens; ++i) take();
                b.body = Expr{Expr::Op::Opaque, *scan.opaque, {}, scan.opaqueLoc, {}, {}};
                let.bindings.push_back(std::move(b));
                continue;
            }
            auto body = expression();
            if (!body) return false;
            b.body = std::move(*body);
            let.bindings.push_back(std::move(b));
        } while (isKeyword(peek(), "and") && take().kind == K::Ident);
        if (isKeyword(peek(), "in")) {
            unsupported(peek().loc, "'let ... in'");
            return false;
        }
        out.push_back({std::move(let), file_, loc});
        return true;
    }

    /// `if COND statements [else statements] end`, COND over herd's `-variant` switches (set
    /// with --variant). The branch not chosen is stepped over unparsed: it may include files
    /// written for options memlit lacks.
    bool ifVariant(std::vector<Statement>& out) {
        take();
        const auto holds = variantCondition(in_, ctx_.variants);
        if (!holds) return false;
        if (*holds) parseStatements(out, true);
        else if (!skipToElseOrEnd(in_)) return false;
        if (isKeyword(peek(), "else")) {
            take();
            if (!*holds) parseStatements(out, true);
            else if (!skipToElseOrEnd(in_)) return false;
        }
        return expectKeyword("end", "'end' closing the 'if'");
    }

    /// `with co from e`: memlit's engines already range over every coherence order (initial
    /// write first, FW last), the choice herd's `generate_cos` offers; its cobase is kept by
    /// the stock models' own coherence axioms. So `e` is not evaluated. `with x from e` for
    /// any other name is a With statement: the rest of the model runs once per choice.
    bool withFrom(std::vector<Statement>& out) {
        const SourceLoc loc = take().loc;
        auto name = identifier("a name after 'with'");
        if (!name) return false;
        if (!isKeyword(peek(), "from")) {
            expected("'from'");
            return false;
        }
        take();
        if (*name == "co") {
            const BodyExtent scan = scanBody(in_);
            for (std::size_t i = 0; i < scan.tokens; ++i) take();
            return true;
        }
        auto from = expression();
        if (!from) return false;
        out.push_back({With{*name, std::move(*from)}, file_, loc});
        return true;
    }

    /// After '(': `a, b)` or `)`.
    bool parameters(std::vector<std::string>& params) {
        if (peek().kind == K::RParen) {
            take();
            return true;
        }
        for (;;) {
            auto p = identifier("a parameter name");
            if (!p) return false;
            params.push_back(*p);
            if (peek().kind == K::Comma) {
                take();
                continue;
            }
            return expect(K::RParen, "',' or ')'");
        }
    }

    bool check(std::vector<Statement>& out) {
        const SourceLoc loc = peek().loc;
        Check c;
        // `undefined_unless CHECK`: an execution failing CHECK has undefined behaviour. A
        // flag that fires when CHECK fails, named `*undef*` as herd reports it.
        const bool undefinedUnless = isKeyword(peek(), "undefined_unless");
        if (isKeyword(peek(), "flag") || undefinedUnless) {
            take();
            c.isFlag = true;
        } else if (isKeyword(peek(), "assert")) {   // herd's sanity check: kept as an axiom
            take();
        }
        if (peek().kind == K::Tilde) {
            take();
            c.negated = true;
        }
        if (isKeyword(peek(), "acyclic")) {
            c.kind = CheckKind::Acyclic;
        } else if (isKeyword(peek(), "irreflexive")) {
            c.kind = CheckKind::Irreflexive;
        } else if (isKeyword(peek(), "empty")) {
            c.kind = CheckKind::Empty;
        } else {
            expected("'acyclic', 'irreflexive' or 'empty'");
            return false;
        }
        take();
        const std::size_t begin = peek().begin;
        auto e = expression();
        if (!e) return false;
        c.expr = std::move(*e);
        c.name = sourceText(begin, in_.previous().end);
        if (isKeyword(peek(), "as")) {
            take();
            auto name = identifier("a name after 'as'");
            if (!name) return false;
            c.name = *name;
        }
        if (undefinedUnless) {
            c.negated = !c.negated;
            c.name = kUndefinedFlag;
        }
        out.push_back({std::move(c), file_, loc});
        return true;
    }

    /// `show e, e [as name]` and `unshow ...`: display directives, parsed and dropped.
    bool show() {
        take();
        for (;;) {
            if (!expression()) return false;
            if (isKeyword(peek(), "as")) {
                take();
                if (!identifier("a name after 'as'")) return false;
            }
            if (peek().kind != K::Comma) return true;
            take();
        }
    }

    bool procedure(std::vector<Statement>& out) {
        const SourceLoc loc = take().loc;
        Procedure p;
        auto name = identifier("a procedure name");
        if (!name) return false;
        p.name = *name;
        if (!expect(K::LParen, "'('") || !parameters(p.params)) return false;
        if (!expect(K::Equal, "'='")) return false;
        parseStatements(p.body, true);
        if (!expectKeyword("end", "'end' closing the procedure")) return false;
        out.push_back({std::move(p), file_, loc});
        return true;
    }

    bool include(std::vector<Statement>& out) {
        const SourceLoc loc = take().loc;
        if (peek().kind != K::String) {
            expected("a file name string after 'include'");
            return false;
        }
        const std::string name = take().text;
        std::optional<std::string> path;
        const fs::path here = fs::path(fileName()).parent_path() / name;
        std::error_code ec;
        if (fs::is_regular_file(here, ec)) path = here.string();
        else path = findBundledFile(name, ctx_.searchDirs);
        if (!path) {
            error(loc, "cannot find included file '" + name + "'");
            return true;
        }
        const std::string key = canonical(*path);
        for (const auto& open : ctx_.stack)
            if (open == key) {
                error(loc, "include cycle: '" + name + "' is already being included");
                return true;
            }
        if (ctx_.done.count(key) != 0) return true;   // included before: nothing new
        includeFile(ctx_, *path, out, loc, fileName());
        return true;
    }

public:
    /// Parses `path` into `out`; a read failure is reported at `loc` of `from`.
    static void includeFile(Context& ctx, const std::string& path, std::vector<Statement>& out,
                            SourceLoc loc, const std::string& from) {
        auto text = readFile(path);
        if (!text) {
            ctx.diags.error(from, loc, "cannot read included file '" + path + "'");
            return;
        }
        const std::string key = canonical(path);
        ctx.done.insert(key);
        ctx.stack.push_back(key);
        const auto id = static_cast<FileId>(ctx.model.files.size());
        ctx.model.files.push_back(path);
        Parser sub(ctx, id, *text);
        sub.parseFile(false, out);
        ctx.stack.pop_back();
    }

private:
    std::string sourceText(std::size_t begin, std::size_t end) const {
        std::string out;
        bool space = false;
        for (std::size_t i = begin; i < end && i < text_.size(); ++i) {
            const char c = text_[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = !out.empty();
                continue;
            }
            if (space) out += ' ';
            space = false;
            out += c;
        }
        return out;
    }

    Context& ctx_;
    static constexpr int kMaxNesting = 100;  int nesting_ = 0;  // parseStatements calls on the stack
    FileId file_;
    std::string_view text_;
    TokenCursor in_;
    ExprParser expr_;
};

std::string stem(const std::string& path) { return fs::path(path).stem().string(); }

}  // namespace

std::optional<Model> parseModel(std::string_view text, const std::string& file,
                                Diagnostics& diags, bool withPrelude,
                                const std::vector<std::string>& searchDirs,
                                const std::vector<std::string>& variants, const std::string& bell) {
    const std::size_t errorsBefore = diags.all().size();
    Model model;
    Context ctx{model, diags, {}, {}, includeSearchDirs(file, searchDirs), variants, {}};
    if (withPrelude && fs::path(file).filename() != "stdlib.cat") {
        if (auto prelude = findBundledFile("stdlib.cat")) {
            Parser::includeFile(ctx, *prelude, model.statements, {}, file);
        } else {
            diags.error("", {}, "cannot find the cat prelude stdlib.cat in the bundled models "
                                "directories");
        }
    }
    if (!bell.empty()) Parser::includeFile(ctx, bell, model.statements, {}, file);   // herd's bell: before the cat
    const std::string key = canonical(file);
    ctx.done.insert(key);
    ctx.stack.push_back(key);
    const auto id = static_cast<FileId>(model.files.size());
    model.files.push_back(file);
    Parser(ctx, id, text).parseFile(true, model.statements);
    for (std::size_t i = errorsBefore; i < diags.all().size(); ++i)
        if (diags.all()[i].severity == Severity::Error) return std::nullopt;
    if (model.name.empty()) model.name = stem(file);
    return model;
}

}  // namespace memlit::cat
