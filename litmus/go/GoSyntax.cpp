#include "litmus/go/GoSyntax.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <variant>

namespace memlit::litmus::go {

namespace {

/// The fixed-width spelling of a Go integer type for the init block (litmus::valueTypeOf reads
/// C's names, where `int` is 32-bit; Go's `int` and `uint` are 64-bit here, as on every target
/// memlit runs Go on). Other types are kept.
std::string widthType(const std::string& go) {
    static const std::pair<const char*, const char*> table[] = {
        {"int", "int64_t"},           {"int8", "int8_t"},           {"int16", "int16_t"},
        {"int32", "int32_t"},         {"int64", "int64_t"},         {"uint", "uint64_t"},
        {"uint8", "uint8_t"},         {"byte", "uint8_t"},          {"uint16", "uint16_t"},
        {"uint32", "uint32_t"},       {"uint64", "uint64_t"},       {"uintptr", "uint64_t"},
        };
    for (const auto& [from, to] : table)
        if (go == from) return to;
    return go;
}

}  // namespace

bool isValueType(const Program& prog, const std::string& type) {
    static const char* plain[] = {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
                                  "uint32", "uint64", "uintptr", "bool", "byte"};
    if (std::any_of(std::begin(plain), std::end(plain), [&](const char* p) { return type == p; })) return true;
    if (type.empty() || type[0] != '*') return false;
    return prog.structs.count(type.substr(1)) || isValueType(prog, type.substr(1));
}

std::optional<std::vector<const Token*>> nameList(const std::vector<Token>& toks, std::size_t& pos) {
    auto at = [&]() -> const Token& { return toks[std::min(pos, toks.size() - 1)]; };
    std::vector<const Token*> names;
    while (true) {
        if (at().kind != Token::Kind::Ident) return std::nullopt;
        names.push_back(&at());
        ++pos;
        if (!at().punct(",")) return names;
        ++pos;
    }
}

namespace {

/// Reads the declaration block and the function declarations.
class DeclParser {
public:
    DeclParser(const SourceText& src, const std::string& file, Diagnostics& diags, Program& prog)
        : src_(src), file_(file), diags_(diags), prog_(prog), toks_(prog.tokens) {}

    bool run() {
        if (!expect("{", "'{' to start the declarations")) return false;
        while (!peek().punct("}")) {
            if (peek().kind == Token::Kind::Semi) { ++pos_; continue; }
            if (peek().kind == Token::Kind::End) return fail("'}' to end the declarations");
            if (peek().ident("type") ? !typeDecl() : !varDecl()) return false;
        }
        ++pos_;
        skipSemis();
        while (peek().ident("func")) {
            if (!funcDecl()) return false;
            skipSemis();
        }
        if (peek().kind != Token::Kind::End) return fail("'func' or the final condition");
        if (prog_.goroutines.empty()) {
            diags_.error(file_, loc(peek()), "expected at least one goroutine 'func P0() { ... }'");
            return false;
        }
        return true;
    }

private:
    const SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    Program& prog_;
    const std::vector<Token>& toks_;
    std::size_t pos_ = 0;

    const Token& peek(std::size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
    SourceLoc loc(const Token& t) const { return src_.locOf(t.offset); }
    bool fail(const std::string& what) {
        const Token& t = peek();
        std::string found = t.kind == Token::Kind::End ? "end of input"
                            : t.kind == Token::Kind::Semi && t.text == "\n" ? "newline"
                                                                            : "'" + t.text + "'";
        diags_.error(file_, loc(t), "expected " + what + ", found " + found);
        return false;
    }
    bool expect(const char* punct, const std::string& what) {
        if (!peek().punct(punct)) return fail(what);
        ++pos_;
        return true;
    }
    void skipSemis() {
        while (peek().kind == Token::Kind::Semi) ++pos_;
    }

    /// `int`, `atomic.Int32`, `sync.Mutex`, `atomic.Pointer[T]`, `*T`, `[N]T`.
    bool type(std::string& out) {
        std::string key;  // map[K]V and [N]T: "map[K" or "[N"
        if (peek().ident("map") && peek(1).punct("[")) {
            pos_ += 2;
            if (!type(key) || !expect("]", "']'")) return false;
            key = "map[" + key;
        } else if (peek().punct("[") && peek(1).kind == Token::Kind::Int && peek(2).punct("]")) {
            key = "[" + peek(1).text;
            pos_ += 3;
        }
        if (!key.empty()) return type(out) && (out = key + "]" + out, true);
        if (peek().punct("*")) {
            ++pos_;
            if (!type(out)) return false;
            out = "*" + out;
            return true;
        }
        if (peek().kind != Token::Kind::Ident) return fail("a type");
        out = peek().text;
        ++pos_;
        if (peek().punct(".") && peek(1).kind == Token::Kind::Ident) {
            out += "." + peek(1).text;
            pos_ += 2;
        }
        if (peek().punct("[")) {
            ++pos_;
            std::string arg;
            if (!type(arg) || !expect("]", "']'")) return false;
            out += "[" + arg + "]";
        }
        return true;
    }

    std::optional<GlobalKind> kindOf(const std::string& type, const Token& at) {
        if (isValueType(prog_, type)) return GlobalKind::Plain;
        static const char* atomics[] = {"atomic.Int32", "atomic.Int64", "atomic.Uint32", "atomic.Uint64",
                                        "atomic.Uintptr", "atomic.Bool", "atomic.Value"};
        if (std::find_if(std::begin(atomics), std::end(atomics), [&](const char* p) { return type == p; }) !=
            std::end(atomics))
            return GlobalKind::Atomic;
        if (auto c = collectionOf(type); c && !c->slice && isValueType(prog_, c->elem) && c->length <= 64)
            return GlobalKind::Array;
        if (auto c = collectionOf(type); c && !c->slice && isValueType(prog_, c->elem))
            return diags_.unsupported(file_, loc(at), "arrays of more than 64 elements"), std::nullopt;
        if (isMapType(prog_, type))
            return diags_.unsupported(file_, loc(at), "nil maps (declare 'var m = make(" + type + ")')"), std::nullopt;
        if (type == "sync.Mutex") return GlobalKind::Mutex;
        if (type == "sync.Map") return GlobalKind::SyncMap;
        if (type == "sync.RWMutex") return GlobalKind::RWMutex;
        if (type == "sync.WaitGroup") return GlobalKind::WaitGroup;
        if (type == "sync.Once") return GlobalKind::Once;
        if (type.rfind("atomic.Pointer[", 0) == 0 && prog_.structs.count(type.substr(15, type.size() - 16)))
            return GlobalKind::Atomic;
        if (prog_.structs.count(type))
            diags_.unsupported(file_, loc(at), "struct values (use a pointer: *" + type + ")");
        else if (type == "sync.Cond")
            diags_.unsupported(file_, loc(at), "a sync.Cond without a Locker (declare 'var c = sync.NewCond(&mu)')");
        else if (type == "string" || type == "sync.Pool")
            diags_.unsupported(file_, loc(at), "Go type '" + type + "' (not in phase 1)");
        else
            diags_.error(file_, loc(at), "unknown type '" + type + "'");
        return std::nullopt;
    }

    std::optional<std::int64_t> literal() {
        bool neg = false;
        if (peek().punct("-")) {
            neg = true;
            ++pos_;
        }
        const Token& t = peek();
        if (t.ident("true") || t.ident("false")) {
            ++pos_;
            return t.text == "true" ? 1 : 0;
        }
        if (t.kind != Token::Kind::Int) {
            if (t.ident("make"))
                diags_.unsupported(file_, loc(t), "channels (not in phase 1)");
            else
                fail("an integer constant");
            return std::nullopt;
        }
        std::int64_t v = 0;
        auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
        if (ec != std::errc() || ptr != t.text.data() + t.text.size()) {
            diags_.error(file_, loc(t), "bad integer constant '" + t.text + "'");
            return std::nullopt;
        }
        ++pos_;
        return neg ? -v : v;
    }

    /// `type S struct { x, y int; z int }`: integer (or pointer) fields.
    bool typeDecl() {
        ++pos_;
        if (peek().kind != Token::Kind::Ident) return fail("a type name");
        const Token& name = peek();
        ++pos_;
        if (!peek().ident("struct")) return unsupported(peek(), "type declarations other than structs");
        ++pos_;
        if (!expect("{", "'{'")) return false;
        std::vector<std::string> fields;
        std::vector<std::pair<const Token*, std::string>> types;  // checked once S is known
        while (!peek().punct("}")) {
            if (peek().kind == Token::Kind::Semi) {
                ++pos_;
                continue;
            }
            auto names = nameList(toks_, pos_);
            if (!names) return fail("a field name");
            types.push_back({&peek(), ""});
            if (!type(types.back().second)) return false;
            for (const Token* n : *names) {
                if (prog_.fieldTypes[name.text].count(n->text)) return error(*n, "duplicate field " + n->text);
                fields.push_back(n->text);
                prog_.fieldTypes[name.text][n->text] = types.back().second;
            }
        }
        ++pos_;
        if (fields.empty()) return error(name, "struct " + name.text + " has no fields");
        if (prog_.structs.count(name.text) || prog_.globals.count(name.text))
            return error(name, "'" + name.text + "' redeclared");
        prog_.structs[name.text] = fields;
        for (const auto& [at, ty] : types)
            if (!isValueType(prog_, ty))
                return prog_.structs.count(ty) ? unsupported(*at, "struct-valued fields (use a pointer: *" + ty + ")")
                                               : error(*at, "unknown type '" + ty + "'");
        return true;
    }
    bool unsupported(const Token& at, const std::string& what) {
        diags_.unsupported(file_, loc(at), what);
        return false;
    }
    bool error(const Token& at, const std::string& msg) {
        diags_.error(file_, loc(at), msg);
        return false;
    }

    /// `var c = sync.NewCond(&mu)` with mu a sync.Mutex (or sync.RWMutex) declared before.
    bool condDecl(const std::vector<const Token*>& names) {
        pos_ += 4;
        if (!expect("(", "'('") || !expect("&", "'&' and a mutex")) return false;
        const Token& mu = peek();
        auto it = prog_.globals.find(mu.text);
        if (mu.kind != Token::Kind::Ident || it == prog_.globals.end() ||
            (it->second.kind != GlobalKind::Mutex && it->second.kind != GlobalKind::RWMutex))
            return error(mu, "sync.NewCond needs the address of a sync.Mutex or sync.RWMutex declared before it");
        ++pos_;
        if (!expect(")", "')'") || !declareOne(names, GlobalKind::Cond, "sync.Cond")) return false;
        prog_.condLocks[names[0]->text] = mu.text;
        return true;
    }
    /// The one name of `var n = ...` becomes a global of `kind`.
    bool declareOne(const std::vector<const Token*>& names, GlobalKind kind, const std::string& type) {
        if (names.size() != 1) return error(*names[1], "declare one " + type.substr(0, type.find('[')) + " per 'var'");
        const std::string& n = names[0]->text;
        if (prog_.globals.count(n)) return error(*names[0], "'" + n + "' redeclared");
        prog_.globals[n] = {kind, type, loc(*names[0]), 0};
        return peek().kind == Token::Kind::Semi || peek().punct("}") || fail("';' or newline");
    }

    /// `var m = make(map[K]V)`, after `make(`: K an integer type, V an integer, bool or pointer type.
    bool mapDecl(const std::vector<const Token*>& names) {
        const Token& at = peek();
        std::string ty;
        if (!type(ty) || !expect(")", "')'")) return false;
        if (!isMapType(prog_, ty)) return unsupported(at, "maps of type " + ty + " (keys and values are integers)");
        return declareOne(names, GlobalKind::Map, ty);
    }

    /// `var c = make(chan T)` or `make(chan T, C)`.
    bool channelDecl(const std::vector<const Token*>& names) {
        pos_ += 2;
        if (!expect("(", "'('")) return false;
        if (peek().ident("map")) return mapDecl(names);
        if (!peek().ident("chan")) return fail("'chan' or 'map'");
        ++pos_;
        std::string elem;
        if (!type(elem)) return false;
        std::int64_t capacity = 0;
        if (peek().punct(",")) {
            ++pos_;
            auto c = literal();
            if (!c) return false;
            if (*c < 0) return error(*names[0], "negative channel capacity");
            capacity = *c;
        }
        if (!expect(")", "')'")) return false;
        if (names.size() != 1) return error(*names[1], "declare one channel per 'var'");
        const std::string& n = names[0]->text;
        if (prog_.globals.count(n)) return error(*names[0], "'" + n + "' redeclared");
        prog_.globals[n] = {GlobalKind::Chan, "chan " + elem, loc(*names[0]), capacity};
        if (peek().kind != Token::Kind::Semi && !peek().punct("}")) return fail("';' or newline");
        return true;
    }

    /// `var a, b T`, `var a T = 1`, `var a = 1`.
    bool varDecl() {
        if (!peek().ident("var")) return fail("'var' declaration");
        ++pos_;
        auto list = nameList(toks_, pos_);
        if (!list) return fail("a variable name");
        const std::vector<const Token*>& names = *list;
        std::string ty = "int";
        const Token* typeTok = &peek();
        if (peek().punct("=") && peek(1).ident("make")) return channelDecl(names);
        if (peek().punct("=") && peek(1).ident("sync") && peek(2).punct(".") && peek(3).ident("NewCond"))
            return condDecl(names);
        if (peek().ident("chan")) return unsupported(peek(), "nil channels (declare 'var c = make(chan T)')");
        if (!peek().punct("=") && !type(ty)) return false;
        auto kind = kindOf(ty, *typeTok);
        if (!kind) return false;
        std::vector<std::int64_t> values;
        if (peek().punct("=")) {
            ++pos_;
            while (true) {
                auto v = literal();
                if (!v) return false;
                values.push_back(*v);
                if (!peek().punct(",")) break;
                ++pos_;
            }
            if (*kind != GlobalKind::Plain) {
                diags_.error(file_, loc(*typeTok), "only plain variables take an initial value");
                return false;
            }
            if (values.size() != names.size()) {
                diags_.error(file_, loc(*names[0]), "declares " + std::to_string(names.size()) +
                                                        " variables but gives " + std::to_string(values.size()) +
                                                        " values");
                return false;
            }
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string& n = names[i]->text;
            if (prog_.globals.count(n)) {
                diags_.error(file_, loc(*names[i]), "'" + n + "' redeclared");
                return false;
            }
            prog_.globals[n] = {*kind, ty, loc(*names[i]), 0};
            InitEntry e;
            e.place = Place{-1, n};
            e.value = Value::number(values.empty() ? 0 : values[i]);
            e.type = widthType(ty);
            if (const auto c = collectionOf(ty); c && *kind == GlobalKind::Array) {  // locations n[0], n[1], ...
                e.cells = prog_.globals[n].capacity = c->length;
                e.value = Value::array(std::vector<Value>(static_cast<std::size_t>(c->length), Value::number(0)));
                e.type = widthType(c->elem) == c->elem ? "int64_t" : widthType(c->elem);
            }
            e.loc = loc(*names[i]);
            prog_.init.push_back(std::move(e));
        }
        if (peek().kind != Token::Kind::Semi && !peek().punct("}")) return fail("';' or newline");
        return true;
    }

    /// `a, b int, p *S)`: the parameters, after the `(`, and the `)`.
    bool params(Func& f) {
        while (!peek().punct(")")) {
            auto names = nameList(toks_, pos_);
            if (!names) return fail("a parameter name");
            const Token& at = peek();
            std::string ty;
            if (peek().punct("<-") && peek(1).ident("chan")) ++pos_;  // <-chan T: receive-only
            if (peek().ident("chan")) {
                pos_ += peek(1).punct("<-") ? 2 : 1;  // chan<- T: send-only
                if (!type(ty)) return false;
                ty = "chan " + ty;
            } else if (!type(ty)) {
                return false;
            } else if (!isValueType(prog_, ty)) {
                return error(at, "parameters of type '" + ty + "' are not supported");
            }
            for (const Token* n : *names) f.params.push_back({n->text, ty});
            if (peek().punct(",")) ++pos_;
            else if (!peek().punct(")")) return fail("',' or ')'");
        }
        ++pos_;
        return true;
    }

    /// `int`, `(int, bool)` or `(n int, ok bool)` after the parameters.
    bool results(Func& f) {
        if (!peek().punct("(")) {
            const Token& at = peek();
            std::string ty;
            if (!type(ty)) return false;
            if (!isValueType(prog_, ty)) return error(at, "results of type '" + ty + "' are not supported");
            f.results.push_back({"", ty});
            return true;
        }
        ++pos_;
        // Named results (`(q, m int)`) have a name followed by a type somewhere in the list.
        bool named = false;
        for (std::size_t i = pos_; i + 1 < toks_.size() && !toks_[i].punct(")") && !toks_[i].punct("{"); ++i)
            named = named || (toks_[i].kind == Token::Kind::Ident && !toks_[i].ident("chan") &&
                              (toks_[i + 1].kind == Token::Kind::Ident || toks_[i + 1].punct("*")));
        if (!named) {
            while (!peek().punct(")")) {
                const Token& at = peek();
                std::string ty;
                if (!type(ty)) return false;
                if (!isValueType(prog_, ty)) return error(at, "results of type '" + ty + "' are not supported");
                f.results.push_back({"", ty});
                if (peek().punct(",")) ++pos_;
                else if (!peek().punct(")")) return fail("',' or ')'");
            }
            ++pos_;
            return true;
        }
        Func named_;
        if (!params(named_)) return false;
        f.results = named_.params;
        return true;
    }

    bool funcDecl() {
        const Token& kw = peek();
        ++pos_;
        Func f;
        std::string receiver;  // a method's: `func (c *T) m()` is helper "T.m"
        if (peek().punct("(")) {
            ++pos_;
            if (!params(f)) return false;
            if (f.params.size() != 1 || f.params[0].second[0] != '*' || !prog_.structs.count(f.params[0].second.substr(1)))
                return unsupported(toks_[pos_ - 1], "receivers other than one pointer to a struct: (p *T)");
            receiver = f.params[0].second.substr(1) + ".";
        }
        if (peek().kind != Token::Kind::Ident) return fail("a function name");
        f.name = receiver + peek().text;
        f.loc = loc(peek());
        ++pos_;
        if (!expect("(", "'('") || !params(f)) return false;
        if (!peek().punct("{") && peek().kind != Token::Kind::Semi && peek().kind != Token::Kind::End &&
            !results(f))
            return false;
        if (!peek().punct("{")) return fail("'{' to start the body of " + f.name);
        f.open = pos_;
        int depth = 0;
        for (; pos_ < toks_.size() && toks_[pos_].kind != Token::Kind::End; ++pos_) {
            if (toks_[pos_].punct("{")) ++depth;
            if (toks_[pos_].punct("}") && --depth == 0) break;
        }
        if (depth != 0) {
            diags_.error(file_, loc(kw), "unterminated body of function " + f.name);
            return false;
        }
        f.close = pos_++;
        const bool goroutine = f.name.size() > 1 && f.name[0] == 'P' &&
                               std::all_of(f.name.begin() + 1, f.name.end(),
                                           [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
        if (goroutine) {
            if (!f.params.empty()) {
                diags_.error(file_, f.loc, "goroutine " + f.name + " takes no parameters (start a helper: go f(a))");
                return false;
            }
            std::string want = "P" + std::to_string(prog_.goroutines.size());
            if (f.name != want) {
                diags_.error(file_, f.loc, "expected goroutine " + want + ", found " + f.name);
                return false;
            }
            prog_.goroutines.push_back(f);
        } else {
            if (prog_.helpers.count(f.name) || prog_.globals.count(f.name)) {
                diags_.error(file_, f.loc, "'" + f.name + "' redeclared");
                return false;
            }
            prog_.helpers[f.name] = f;
        }
        return true;
    }
};

}  // namespace

std::optional<Program> parseGoProgram(const SourceText& src, std::size_t begin, const std::string& file,
                                      Diagnostics& diags, std::size_t& stop) {
    Program prog;
    const bool before = diags.hasErrors();
    prog.tokens = tokenize(src, begin, file, diags, stop);
    if (diags.hasErrors() && !before) return std::nullopt;
    if (!DeclParser(src, file, diags, prog).run()) return std::nullopt;
    return prog;
}

std::optional<Program> parseGoTokens(std::vector<Token> tokens, const SourceText& src, const std::string& file,
                                     Diagnostics& diags) {
    Program prog;
    prog.tokens = std::move(tokens);
    if (!DeclParser(src, file, diags, prog).run()) return std::nullopt;
    return prog;
}

}  // namespace memlit::litmus::go
