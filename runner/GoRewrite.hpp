#pragma once
/// GoRewrite: the functions of a Go litmus test rewritten to run on one instance of its
/// variables: every function takes the instance pointer, globals become its fields, `go`
/// statements tell the harness about the goroutines they start, and goroutines save their
/// observed locals into the instance.

#include "support/Diagnostics.hpp"
#include "litmus/go/GoSyntax.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/State.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace memlit::runner {

class GoRewriter {
public:
    /// `inst` is the name of the instance parameter (`in`); `places` the observed places, in
    /// the order of the instance's `memlitObs` array.
    GoRewriter(const litmus::go::Program& prog, const litmus::SourceText& src, const std::string& file,
               Diagnostics& diags, std::string inst, std::vector<litmus::Place> places);

    /// Plans every edit; false (with an `unsupported feature` diagnostic) for what the harness
    /// cannot run faithfully.
    bool run();

    /// `func NAME(in *memlitInst) { ... }` for a declared goroutine or a helper.
    std::string function(const litmus::go::Func& f) const;

    /// Declared goroutines that a go statement starts (the others are the harness's workers).
    const std::set<std::string>& startedByGo() const { return startedByGo_; }

private:
    using Token = litmus::go::Token;

    /// A goroutine as the lowering numbers it: a declared one, then each func literal or helper
    /// a go statement starts, in the order the lowering meets those statements.
    struct Goroutine {
        std::size_t open = 0, close = 0;  // its body's braces
        std::string helper;               // started by `go helper()`
    };

    /// Names declared by the `var` or `:=` at token i, and where they are in scope.
    struct Declaration {
        enum class Scope { Block, Statement, Clause };  // `r := e`; `if r := e; ...`; `case r := <-c:`
        std::vector<std::size_t> names;                 // token indices
        Scope scope = Scope::Block;
    };

    void numberGoroutines();
    void scanForGo(std::size_t open, std::size_t close, int inlining);
    bool planBody(std::size_t open, std::size_t close);
    Declaration declaration(std::size_t i) const;
    /// `_ = name` for each declared name where Go sees it, so no local is "declared and not used".
    void planUses(std::size_t i, const Declaration& d, std::size_t close);
    /// The go statement at token i of the function body (fopen, fclose).
    bool planGo(std::size_t i, std::size_t fopen, std::size_t fclose);
    /// Refuses a func literal goroutine that shares a local its parent or itself writes later.
    bool checkCaptures(std::size_t go, std::size_t fopen, std::size_t fclose);
    /// Token i (a name) is assigned to: `x = e`, `x++`, `x += e`, `x, y = ...`.
    bool assigns(std::size_t i) const;
    void planIdent(std::size_t i);
    bool planObservations();
    /// Locals the block (open, close) declares at its own top level, in order.
    std::vector<std::string> topLevelLocals(std::size_t open, std::size_t close) const;
    std::string render(std::size_t from, std::size_t to) const;
    std::size_t matching(std::size_t open) const;
    /// The `{` of the func literal a `go func(...) {` at token `go` starts.
    std::size_t literalOpen(std::size_t go) const {
        std::size_t k = go;
        while (!toks_[k].punct("{")) ++k;
        return k;
    }
    std::size_t statementEnd(std::size_t i, std::size_t close) const;
    /// The last token of the block (open, close) that is not a separator (open if none).
    std::size_t lastInBlock(std::size_t open, std::size_t close) const;
    bool isGlobal(const std::string& name) const { return prog_.globals.count(name) != 0; }
    bool isFunction(const std::string& name) const;
    bool refuse(std::size_t tok, const std::string& what);

    const litmus::go::Program& prog_;
    const std::vector<Token>& toks_;
    const litmus::SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    std::string inst_;
    std::vector<litmus::Place> places_;

    std::vector<Goroutine> goroutines_;
    std::optional<std::size_t> firstUnnumbered_;  // goroutines from here on have no sure number
    std::size_t firstUnnumberedTok_ = 0;          // the go statement that starts the first of them
    std::set<std::string> startedByGo_;
    std::map<std::string, int> helperUses_;       // helper -> places naming it (go f(), once.Do(f))
    std::map<std::size_t, std::string> replace_;  // token index -> text instead of the token
    std::map<std::size_t, std::string> after_;    // token index -> text after the token
    std::map<std::size_t, std::vector<std::string>> endOf_;  // function body open -> statements at its end
    std::map<std::size_t, std::set<std::string>> observedIn_;  // body open -> locals saved at its end
};

}  // namespace memlit::runner
