#pragma once
/// The C lowering (private to litmus/c/): thread bodies to Program IR, one Lowerer per test.
/// Statements in CLowering.cpp, expressions in CExpressions.cpp, C11 atomics in
/// CAtomics.cpp, Linux-kernel primitives in CKernel.cpp, allocation in CHeap.cpp (docs/c.md has
/// the scheme).

#include "litmus/ThreadBuilder.hpp"
#include "litmus/c/CSyntax.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace memlit::litmus::c {

using K = Expr::Kind;
using Tags = std::vector<std::string>;

/// Tags the C front end attaches (litmus/Architecture.cpp declares them; models/rc11.cat and
/// models/lkmm.cat name them). C11 memory orders tag accesses and fences; a plain access is NA,
/// an atomic one also A. RMW tags both halves of a kernel RMW (herd's set of them), never a C11 one.
namespace tag {
inline const std::string A = "A", NA = "NA", RLX = "RLX", ACQ = "ACQ", REL = "REL", ACQ_REL = "ACQ_REL", SC = "SC";
inline const std::string Once = "Once", Acquire = "Acquire", Release = "Release", Noreturn = "Noreturn";
inline const std::string Mb = "Mb", LKR = "LKR", LKW = "LKW", UL = "UL", LF = "LF";
/// Both halves of a kernel read-modify-write that writes (herd's RMW set, docs/c.md).
inline const std::string RMW = "RMW";
}  // namespace tag

class Lowerer {
public:
    Lowerer(const Program& p, const SourceText& src, const std::string& file, Diagnostics& d, LitmusTest& t,
            std::optional<int> unroll)
        : prog_(p), toks_(p.tokens), src_(src), file_(file), diags_(d), test_(t), unrollOverride_(unroll) {}

    bool run();

private:
    static constexpr int kMaxDepth = 200;

    const Program& prog_;
    const std::vector<Token>& toks_;
    const SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    LitmusTest& test_;
    std::optional<int> unrollOverride_;
    int unroll_ = 2;
    ThreadBuilder* b_ = nullptr;
    std::size_t pos_ = 0;
    SourceLoc loc_;                  // of the statement being lowered: its ops carry it
    std::set<std::string> locals_;   // registers of the thread being lowered
    std::set<std::string> locations_;  // every memory location: parameters and the init block
    struct Loop {
        std::string breakTo, continueTo;
    };
    std::vector<Loop> loops_;
    int depth_ = 0;  // nesting of statements and expressions, bounded against deep garbage

    // ---- tokens and diagnostics ----
    const Token& peek(std::size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
    SourceLoc loc(const Token& t) const { return src_.locOf(t.offset); }
    void emit(OpKind op) { b_->emit(std::move(op), loc_); }
    bool error(const Token& at, std::string msg) {
        diags_.error(file_, loc(at), std::move(msg));
        return false;
    }
    bool unsupported(const Token& at, const std::string& what) {
        diags_.unsupported(file_, loc(at), what);
        return false;
    }
    bool fail(const std::string& what) {
        const Token& t = peek();
        return error(t, "expected " + what + ", found " + (t.kind == Token::Kind::End ? "end of input" : "'" + t.text + "'"));
    }
    bool expect(const char* punct) {
        if (!peek().punct(punct)) return fail(std::string("'") + punct + "'");
        ++pos_;
        return true;
    }
    std::size_t matching(std::size_t open, const char* o, const char* c) const;
    /// Keeps the source text of tokens [first, last] as one instruction of the thread.
    void record(std::size_t first, std::size_t last);

    // ---- statements (CLowering.cpp) ----
    bool thread(const Function& f);
    bool statements(std::size_t close);
    bool statement();
    bool block();
    static bool isTypeWord(const Token& t);
    bool startsDeclaration() const;
    bool declaration();
    bool ifStatement();
    /// `while (c) s`, `for (i; c; p) s`, `do s while (c);` unrolled `unroll_` times; an
    /// execution needing more rounds halts (Cut) where the condition still holds.
    bool loop();
    struct LoopParts {
        bool isDo = false;
        std::size_t condAt = 0, condEnd = 0, postAt = 0, postEnd = 0, bodyAt = 0, after = 0;
    };
    bool loopHeader(LoopParts& l);
    /// The token after the statement starting at `p`, without lowering it.
    std::size_t statementEnd(std::size_t p) const;
    bool jump();
    bool expressionStatement();
    /// Ops that make the code between here and `until` control-dependent on `cond`
    /// without jumping (the else branch of an if).
    void dependUntil(const Expr& cond, const std::string& until);

    // ---- expressions (CExpressions.cpp) ----
    struct LValue {
        bool memory = false;
        std::string reg;  // !memory: the register
        Expr addr;        // memory: the address
    };
    static bool isAssignment(const Token& t);
    std::optional<Expr> expression();  // assignment-expression
    std::optional<Expr> conditional();
    std::optional<Expr> binary(int minPrec);
    std::optional<Expr> shortCircuit(const Expr& left, bool isAnd, int prec);
    std::optional<Expr> unary();
    std::optional<Expr> postfix();
    std::optional<Expr> primary();
    std::optional<Expr> name(const Token& t);
    bool skipCast();
    /// The place the current tokens name: `r` (a register) or `*e` (memory).
    std::optional<LValue> lvalue();
    /// The address an lvalue argument names (`READ_ONCE(*x)`, `WRITE_ONCE(x[0], v)`).
    std::optional<Expr> lvalueAddress();
    std::optional<Expr> read(const LValue& lv, const Tags& tags);
    void write(const LValue& lv, const Expr& value, const Tags& tags);
    std::optional<std::vector<Expr>> arguments(std::size_t n, const Token& name);
    static std::optional<std::int64_t> integer(const std::string& text);

    // ---- memory operations ----
    Expr load(const Expr& addr, const Tags& tags);
    void store(const Expr& addr, const Expr& value, const Tags& tags);
    void fence(const Tags& tags) { emit(Fence{tags}); }
    /// A read-modify-write: `old := [addr]; [addr] := update(old)`; returns old.
    Expr rmw(const Expr& addr, const Tags& readTags, const Tags& writeTags, const std::function<Expr(const Expr&)>& update);
    /// A conditional read-modify-write (compare-and-swap, trylock): either the read finds `expect`
    /// (`succeeds(old)`) and writes `update`, or it finds another value and writes nothing. A
    /// free choice between the two, each path assuming its outcome. `onFail` runs on the failing
    /// path. Returns old; `*okOut` is set to the register holding 1 on success.
    Expr conditionalRmw(const Expr& addr, const Tags& okRead, const Tags& okWrite, const Tags& failRead,
                        const std::function<Expr(const Expr&)>& succeeds, const std::function<Expr(const Expr&)>& update,
                        std::string* okOut, bool fullFence, bool canFailSpuriously,
                        const std::function<void(const Expr&)>& onFail = {});

    // ---- calls (CAtomics.cpp, CKernel.cpp) ----
    std::optional<Expr> call(const Token& name);
    std::optional<Expr> c11Call(const Token& name, bool& known);
    std::optional<Expr> kernelCall(const Token& name, bool& known);
    std::optional<Expr> srcuCall(const Token& name, bool& known);
    std::optional<Expr> kernelAtomic(const Token& name, bool& known);
    /// malloc, kmalloc, kzalloc, free, kfree (CHeap.cpp).
    std::optional<Expr> heapCall(const Token& name, bool& known);
    /// The size argument of an allocation (`sizeof ...`, for kmalloc also the flags), up to
    /// the closing ')'.
    bool objectSize(bool kernel);
    std::optional<std::string> memoryOrder(const Token& at);
    std::optional<Expr> pointerArg();
};

}  // namespace memlit::litmus::c
