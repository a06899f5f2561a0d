#pragma once
/// The Go lowering (private to litmus/Go*.cpp): goroutine bodies to Program IR, one Lowerer
/// per test. Statements in GoLowering.cpp, expressions in GoExpressions.cpp, sync/atomic,
/// mutexes, wait groups and once in GoSync.cpp, channels and select in GoChannels.cpp
/// (docs/go.md has the scheme); arrays, slices, division and labels in GoCollections.cpp and
/// GoIndexing.cpp, maps in GoMaps.cpp, sync.Cond, sync.Map and atomic.Value in GoCond.cpp,
/// GoSyncMap.cpp and GoValue.cpp; what they share besides the Lowerer in GoLoweringParts.hpp.

#include "litmus/ThreadBuilder.hpp"
#include "litmus/go/GoLoweringParts.hpp"
#include "litmus/go/GoSyntax.hpp"

#include <algorithm>
#include <climits>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace memlit::litmus::go {

class Lowerer {
public:
    Lowerer(const Program& p, const SourceText& src, const std::string& file, Diagnostics& d, LitmusTest& t,
            std::optional<int> unroll, ProgramFacts facts)
        : prog_(p), toks_(p.tokens), src_(src), file_(file), diags_(d), test_(t), unrollOverride_(unroll),
          facts_(std::move(facts)) {}

    bool run();
    /// What this pass learnt (after run).
    ProgramFacts facts() const { return {true, seen_.unownedUnlocks, seen_.closes}; }

private:
    static constexpr std::size_t kMaxGoroutines = 16;
    static constexpr int kMaxInlining = 8;
    // Bounds on one expression, so that no input makes the recursion over it (here, in event
    // building and in the solver) deep enough to overflow the stack.
    static constexpr int kMaxExprDepth = 200;   // nested parentheses and unary operators
    static constexpr int kMaxExprOps = 1000;    // operators in one expression
    static constexpr int kMaxBlockDepth = kMaxNestedBlocks;  // nested `{ ... }` blocks

    const Program& prog_;
    const std::vector<Token>& toks_;
    const SourceText& src_;
    const std::string& file_;
    Diagnostics& diags_;
    LitmusTest& test_;
    std::vector<Job> jobs_;
    ThreadBuilder* b_ = nullptr;
    std::set<std::string> locals_;
    std::size_t pos_ = 0;
    SourceLoc loc_;       // of the statement being lowered: every op it emits carries it
    int inlining_ = 0;
    int exprDepth_ = 0;  // expression()/unary() calls on the stack
    int blockDepth_ = 0;  // body() calls on the stack
    int exprOps_ = 0;    // operators read in the outermost expression being read
    /// Enters one level of expression nesting; false (reported) past kMaxExprDepth.
    bool enterExpr();
    /// Counts one operator at `op`; false (reported) past kMaxExprOps.
    bool countOp(const Token& op);
    /// What the Go compiler rejects in `a op b`: a negative constant shift count, and a
    /// constant result that does not fit int (Go's constant arithmetic is exact).
    bool constantOperands(const Token& op, const Expr& a, const Expr& b);
    std::map<std::string, std::string> types_;  // per local of the goroutine: its type ("int", "*S")
    std::string type_;                 // the type of the expression read last
    std::set<std::string> escaped_;    // locals whose address is taken: in memory, at register "&x"
    std::set<std::string> fresh_;      // registers that hold an allocation's address (never nil)
    std::set<std::string> closed_;     // channels some `close(c)` of the program names
    int unroll_ = 2;                   // rounds of every loop (the test's Unroll=K)
    std::optional<int> unrollOverride_;  // --unroll K
    std::set<std::size_t> goLowered_;  // declared goroutines whose go statement is lowered
    ProgramFacts facts_;               // from an earlier pass
    ProgramFacts seen_;                // collected by this pass
    Holds held_;                       // on the current path of the goroutine being lowered
    /// The loops (and selects) around the statement being lowered, innermost last.
    struct Loop {
        std::string breakTo, continueTo;  // labels; empty for a select
        Holds* leaving = nullptr;         // what holds where the loop ends
        std::optional<Holds> continued;   // what holds at the continue statements of this round
    };
    std::vector<Loop> loops_;

    /// `into` becomes what holds on either path.
    static void merge(Holds& into, const Holds& other);
    int holding(const std::string& m) const {
        auto it = held_.find(m);
        return it == held_.end() ? 0 : it->second;
    }

    const Token& peek(std::size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
    SourceLoc loc(const Token& t) const { return src_.locOf(t.offset); }
    void emit(OpKind op) {
        if (!renames_.empty() || prog_.mainEnds) rename(op);
        b_->emit(std::move(op), loc_);
    }
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
        std::string found = t.kind == Token::Kind::End ? "end of input"
                            : t.kind == Token::Kind::Semi && t.text == "\n" ? "newline"
                                                                            : "'" + t.text + "'";
        return error(t, "expected " + what + ", found " + found);
    }
    bool expect(const char* punct) {
        if (!peek().punct(punct)) return fail(std::string("'") + punct + "'");
        ++pos_;
        return true;
    }
    /// A channel parameter names the channel global its argument named.
    const std::string& chanName(const std::string& name) const {
        auto a = chanAliases_.find(name);
        return a == chanAliases_.end() ? name : a->second;
    }
    const Global* global(const std::string& name) const {
        auto it = prog_.globals.find(chanName(name));
        return it == prog_.globals.end() ? nullptr : &it->second;
    }
    std::size_t matching(std::size_t open) const { return closingBrace(toks_, open); }
    void record(std::size_t firstTok, std::size_t lastTok) {
        std::size_t b = toks_[firstTok].offset, e = toks_[lastTok].end;
        test_.raw.back().push_back({std::string(src_.text().substr(b, e - b)), loc(toks_[firstTok])});
    }

    /// `go P1()` in any body marks goroutine P1 as started by a go statement.
    bool findStartedGoroutines();

    /// The statements between the braces at `open` and `close`.
    bool body(std::size_t open, std::size_t close);
    /// Error recovery: the token after the next top-level separator of this body.
    std::size_t nextStatement(std::size_t close);
    /// A `{ ... }` block at the current token; continues after its `}`.
    bool block();
    bool statement(std::size_t close);
    bool simpleStatement();
    /// `name = e` or `name := e`: a register for a local, a plain store for a global.
    bool assign(const Token& name, const Expr& e, bool declare);
    /// The value of a variable named by `t`: a register, or a plain load of a global.
    std::optional<Expr> load(const Token& t);
    /// `var r int`, `var r, s int`, `var r = e`, `var r int = e` inside a goroutine.
    bool localVar();
    bool ifStatement();
    /// `for cond { }`, `for { }`, `for init; cond; post { }`, unrolled `unroll` times: each
    /// round tests the condition and leaves the loop when it fails; an execution that would
    /// need more rounds halts (Cut) where the condition still holds after the last one.
    bool forStatement();
    /// `break` and `continue`: a forward jump to the end of the innermost loop, or of its round.
    bool breakStatement();
    bool goStatement();
    /// The function after `go` (or SetFinalizer's second argument), at the current token.
    bool goTarget(GoTarget& g);
    /// Stores what `g`'s goroutine finds as its parameters and captured locals.
    bool passArguments(const Token& t, GoTarget& g, const std::vector<Expr>& args);
    bool finalizerCall(const std::string& name);  // runtime.SetFinalizer/KeepAlive (GoFinalizer.cpp)
    std::size_t blockClose_ = 0;                         // the `}` of the block being lowered
    std::map<std::size_t, std::size_t> pendingStarts_;  // a KeepAlive's token: the finalizer it starts
    /// `a, b int, p *S)` of a func literal, after its `(`, and the `)`.
    bool literalParams(std::vector<std::pair<std::string, std::string>>& params);
    /// At the start of goroutine `thread`: its local `name` (or, for "&x", the address of the
    /// parent's x) from where the go statement stored it.
    void capture(std::size_t thread, const std::string& name);

    /// The start of goroutine `i` that a go statement starts: either that statement ran (the
    /// GO read sees it), or no go statement ever starts it (Halt Unstarted).
    void startOf(std::size_t i);
    // ---- halting (docs/go.md, "Blocking, panics and cut loops") ------------------------------

    /// `dst := final value of at` (FinalLoad into a fresh temporary).
    Expr finalValue(const Expr& at);
    /// A blocking operation's second alternative: `never` emits the FinalLoads and Assumes
    /// saying that what it waits for never comes, and the Halt; the ops emitted after this
    /// call are the first alternative, the operation going on.
    void orBlock(const std::function<void()>& never);
    /// `never` for a wait that ends when `cond` (over final values) fails: Assume and Halt.
    void blockIf(const Expr& cond);
    /// Halt Panic `what` unless `ok` holds.
    void panicUnless(const Expr& ok, const std::string& what);
    /// Halt Panic (nil dereference) if pointer `p` is nil, before an access through it.
    void nilCheck(const Expr& p);

    static int precedence(const Token& t);

    std::optional<Expr> expression(int minPrec = 1);

    std::optional<Expr> unary();

    std::optional<Expr> primary();

    // Integer types (GoIntegers.cpp): `a op b` Go's way (wrapped, uint64 unsigned; sets type_);
    // `x op= e` after its operator (e read, then x by `old`); `T(e)`; `e` (of type_) as a
    // `target` (an untyped constant must fit); `fits`: that check; uint64's `/` and `%`.
    std::optional<Expr> binaryOp(const Token& op, Expr a, const std::string& ta, Expr b, const std::string& tb);
    std::optional<Expr> compoundValue(const Token& op, const std::string& type,
                                      const std::function<std::optional<Expr>()>& old);
    std::optional<Expr> conversion();
    std::optional<Expr> asType(const Token& at, Expr e, const std::string& target);
    bool fits(const Token& at, const Expr& e, const std::string& from, const std::string& to);

    // ---- pointers (GoPointers.cpp; docs/go.md, "Pointers") -----------------------------------

    /// A type as written in a goroutine (`int`, `*S`, `**int`; a struct `S` too if `structs`);
    /// nullopt (reported) otherwise.
    std::optional<std::string> typeName(bool structs = false);
    /// The locals of the body between `open` and `close` whose address `&x` takes: they live in
    /// memory (one fresh object per execution of their declaration).
    void findEscaping(std::size_t open, std::size_t close);
    /// Declares local `n` of type `ty` with value `e` (an object of its own if it escapes).
    void declareLocal(const std::string& n, const std::string& ty, const Expr& e);

    /// `new(T)` or `&S{...}`: a fresh zeroed object per execution (IR Alloc), its address.
    std::optional<Expr> allocation();
    /// `&S{f: e, ...}` or `&S{e, ...}`: the current token is `&`.
    std::optional<Expr> compositeLiteral();
    /// `&x`, `&p.f`: the address of a variable or a field; the current token is `&`.
    std::optional<Expr> addressOf();
    /// `*p`: a plain load through pointer `p` (a Panic when nil); the current token is `*`.
    std::optional<Expr> indirect();

    /// The address of field `f` of the object `p` (of type `ptype`, a pointer to a struct)
    /// points to: `p` plus the field's offset. Sets type_ to the field's type.
    std::optional<Expr> fieldAddress(const Expr& p, const std::string& ptype, const Token& f);

    /// `.f` after a pointer value (of type type_): a plain load of the field.
    std::optional<Expr> fieldLoad(const Expr& p);

    /// `*p = e`, `p.f = e`, `*p += e`, `p.f++`: a plain store (after a load, for compound ones).
    bool storeStatement();

    /// Arguments `(e, ...)` of a call; the current token is '('.
    std::optional<std::vector<Expr>> arguments();

    bool arity(const Token& name, const std::vector<Expr>& args, std::size_t n);

    /// `atomic.AddInt32(&x, 1)` and friends: the operation on plain variable x.
    std::optional<Expr> atomicFunction();

    /// An atomic operation on location `x`; `name` is the method/function token (messages).
    std::optional<Expr> atomicOp(const std::string& x, const std::string& op, const Token& name,
                                 const std::vector<Expr>& args);

    /// `v.Method(args)` on a global v.
    std::optional<Expr> method(const Global& g);

    // ---- channels (docs/go.md: counters, slots and receive marks) ---------------------------

    struct Channel {
        std::string name;
        std::int64_t capacity = 0;
        Expr sym(const char* part) const { return Expr::sym(name + "." + part); }
        /// Cell `index` of an array of marks or values: unnamed addresses after `name.part`,
        /// so a cell nobody wrote has no value at all and a read of it cannot happen.
        Expr cell(const char* part, Expr index) const {
            return Expr::binary(K::Add, sym(part), Expr::binary(K::Add, std::move(index), Expr::constant(1)));
        }
    };

    /// The channel named by the current token (consumed).
    std::optional<Channel> channel();

    /// The k-th send (k from the send counter) writes slot k, then completes once receive
    /// k-C has begun (C = capacity): it reads that receive's mark. Outside a select it may
    /// instead block forever (or panic, if the channel ends closed).
    bool send(const Channel& c, const Expr& value, bool inSelect = false);

    /// The j-th receive marks its start, then reads slot j; on a channel some goroutine closes
    /// it may instead see the close, when fewer than j+1 sends ever happen: zero, ok = 0.
    /// Outside a select it may instead block forever.
    std::optional<Expr> receive(const Channel& c, std::string* okOut, bool inSelect = false);

    bool closeStatement();

    /// `for v := range c { ... }` (also `v = range c`, `range c`): each round receives (it may
    /// block), leaves the loop when the receive sees the close, else runs the body; after
    /// `unroll` rounds one more receive that gets a value means the loop needs more (Cut).
    bool rangeStatement(std::size_t rangeAt, std::size_t open);

    /// `len(c)` and `cap(c)`; the current token is `len` or `cap`.
    std::optional<Expr> lengthOf();

    struct SelectCase;
    /// `select { case ...: ... default: ... }`: a choice among the cases (docs/go.md).
    bool selectStatement();
    bool selectCase(SelectCase& c, std::size_t end);
    /// Assume that no case of `cases` can proceed now (the default case may run).
    void noCaseReady(const std::vector<SelectCase>& cases);
    /// Block forever if no case of `cases` can proceed at the end.
    void noCaseEverReady(const std::vector<SelectCase>& cases);

    // ---- arrays, slices, division, labels (GoCollections.cpp; docs/go.md, "Arrays and slices") --

    /// Loops named by a label: `depth` is the index in loops_ of the loop it labels.
    struct LoopLabel {
        std::string name;
        std::size_t depth = 0;
    };
    std::vector<LoopLabel> labels_;
    std::map<std::pair<std::size_t, std::string>, std::size_t> labelsDefined_;  // (goroutine, name) -> its token
    /// `L: for ...`: the labelled statement (a for loop), `break L` / `continue L` inside it.
    bool labelledStatement(std::size_t close);
    /// `break L`, `continue L`: the current token is the label.
    bool labelledBreak(const Token& keyword);
    /// After `a / b` or `a % b` is read: a constant zero divisor is Go's compile error, any
    /// other may be zero at run time (a Panic halt).
    bool divisionCheck(const Token& op, const Expr& divisor);
    /// `[N]T`, `[...]T` (if `literal`) or `[]T` at the current token: an internal type name.
    std::optional<std::string> collectionTypeName(bool literal = false);
    /// `make([]T, n)` with constant n: a fresh zeroed object of n cells; the current token is `make`.
    std::optional<Expr> makeCollection();
    /// `[]T{a, b}`, `[N]T{...}`, `[...]T{...}`: the current token is `[`.
    std::optional<Expr> collectionLiteral();
    /// The address of element `[i]` of the collection `base` (of type `type`): the current token
    /// is `[`. Checks the bounds (a constant index statically, else a Panic halt); sets type_.
    std::optional<Expr> elementAddress(const Expr& base, const std::string& type);
    /// An index read by parseIndex: the expression, the collection's length and element type,
    /// and how a panic message shows it (the constant, else the source text).
    struct Index {
        Expr index;
        std::int64_t length = 0;
        std::string elem, text;
    };
    /// `[i]` after a value of type `type`; a constant index out of an array's bounds is an error.
    std::optional<Index> parseIndex(const std::string& type);
    /// Halt Panic "index out of range" unless 0 <= i < length.
    void boundsCheck(const Index& i);
    /// The element's address: `base + i * size`.
    Expr elementAt(const Expr& base, const Index& i) const;
    /// Bytes between elements of the collection at `base` (a global array's element type, else
    /// an allocated object's cell).
    std::int64_t elementSize(const Expr& base) const;
    /// `a[i]` as a value: a plain load of the element; the current token is `[`.
    std::optional<Expr> indexLoad(const Expr& base);
    /// `a[i]` (and `a[i].f`) in an expression; the current token is the name.
    std::optional<Expr> indexExpression();
    /// The value of `var a T` for an array or slice type: a fresh zeroed array, a nil slice.
    Expr zeroCollection(std::string& type);
    /// Whether the current token starts `name[...]` of a local or global collection.
    bool indexesCollection() const;
    /// `a[i] = e`, `a[i] += e`, `a[i]++`: a plain store to the element.
    bool indexStatement();
    /// The collection a name denotes, as a value: its address and type (type_).
    std::optional<Expr> collectionBase(const Token& name);
    /// `for i, v := range a { ... }` over an array or slice (its length is known).
    bool rangeCollection(std::size_t rangeAt, std::size_t open);
    /// `len(a)`, `cap(a)` of an array or slice; nullopt with no diagnostic if the argument
    /// names no collection.
    std::optional<Expr> collectionLength(bool& handled);

    // ---- maps (GoMaps.cpp; docs/go.md, "Maps") ---------------------------------------------

    /// Where a map's parts are: the location races are about, the mark of a write in progress,
    /// and the first presence and value cells (one per key from mapLo_, `size` bytes apart).
    struct MapCells {
        Expr race, flag, has, val;
        std::int64_t size = 0;
        std::string type;  // "map[int]int"
    };
    std::int64_t mapLo_ = 0, mapKeys_ = 0;  // the keys modelled: mapLo_ .. mapLo_ + mapKeys_ - 1
    /// The key range (from the program's constant keys) and the cells of the global maps.
    bool declareMaps();
    /// Whether the current token starts `m[...]` of a map.
    bool indexesMap() const;
    /// The map a name denotes (its name consumed by the caller).
    std::optional<MapCells> mapCells(const Token& name);
    /// `make(map[K]V)` after the type (a map type): a fresh object (its race cell, mark and key cells).
    std::optional<Expr> makeMap(const std::string& type);
    Expr keyCell(const Expr& cells, const MapCells& m, const Expr& key) const;
    /// Whether `key` is one of the keys modelled.
    Expr keyModelled(const Expr& key) const;
    /// A read of `m[key]`: the value (zero when absent), with `okOut` set to the presence register.
    Expr mapLoad(const MapCells& m, const Expr& key, std::string* okOut);
    /// `m[key] = value`, or `delete(m, key)` when `value` is nullopt.
    void mapWrite(const MapCells& m, const Expr& key, const std::optional<Expr>& value);
    /// `[k]` after a map.
    std::optional<Expr> mapKey();
    /// `m[k]` in an expression; the current token is the map's name.
    std::optional<Expr> mapIndexExpression(std::string* okOut);
    /// `m[k] = e`, `m[k] += e`, `m[k]++`.
    bool mapStatement();
    /// `delete(m, k)`.
    bool deleteStatement();
    /// `v, ok := m[k]`.
    bool mapLookupOk(const std::vector<const Token*>& names, bool declare);
    /// `len(m)`: the number of keys present; the current token is the map's name (consumed by the caller).
    std::optional<Expr> mapLength(const Token& name);

    /// `c.Wait()`, `c.Signal()`, `c.Broadcast()`, `c.L.Lock()` of a sync.Cond (GoCond.cpp);
    /// the current token is after the method name.
    std::optional<Expr> condMethod(const Global& g, const Token& var, const Token& name);

    /// `v.Load().(T)`, `v.Load() == nil`, `v.Store(e)` of an atomic.Value (GoValue.cpp); the
    /// current token is the variable.
    std::optional<Expr> atomicValue(const Token& var);

    /// sync.Map (GoSyncMap.cpp): the cell of key args[0] of `name`, cut when the key is not modelled.
    std::optional<Expr> syncMapCell(const std::string& name, const Token& key, const std::vector<Expr>& args);
    /// `m.Store(k, v)`, `m.Delete(k)` (the method's arguments read).
    bool syncMapStatement(const Global& g, const Token& var, const Token& name, const std::vector<Expr>& args);
    /// `v, ok := m.Load(k)`, `v, loaded := m.LoadOrStore(k, v)`, `v, loaded := m.LoadAndDelete(k)`.
    bool syncMapPair(const std::vector<const Token*>& names, bool declare);
    /// `.(T)` after a value of type `any` (2v + 1, or 0 for nil): v, or a Panic on nil.
    std::optional<Expr> typeAssertion(const Expr& v);

    enum class LockMode { Mutex, Writer, Reader };
    /// Lock (RLock): an atomic read-modify-write that must find the mutex free (Reader: no
    /// writer) and leaves it held; it may instead block forever when `canBlock`.
    void lock(const Expr& at, LockMode mode, bool canBlock);
    /// Unlock (RUnlock): a read-modify-write that panics when the mutex is not held.
    void unlock(const Expr& at, LockMode mode);
    /// TryLock (TryRLock): a free choice between a lock that cannot block and nothing.
    Expr tryLock(const Expr& at, LockMode mode);
    std::optional<Expr> mutexMethod(const Global& g, const Token& name, const Expr& at);

    // ---- calls (GoCalls.cpp; docs/go.md, "Functions, closures and defer") ---------------------

    /// What a call runs: a declared function or method, or a func literal (a closure, which
    /// shares the variables of the function around it).
    struct Callee {
        std::string name;  // "f", "T.m", or the local a literal is assigned to
        std::size_t open = 0, close = 0;
        std::vector<std::pair<std::string, std::string>> params, results;  // results: name may be ""
        bool closure = false;
    };
    /// A deferred call: it runs at the function's end when `flag` (set at the defer statement) is 1.
    struct Deferred {
        std::string flag;
        std::size_t at = 0;       // a `v.Method()` on a sync global: re-read from here at the end
        std::optional<Callee> callee;
        std::vector<Expr> args;   // evaluated at the defer statement
        SourceLoc loc;
    };
    /// A function being inlined (or a goroutine's body): where `return` goes and what runs then.
    struct Frame {
        std::string name, prefix, end;     // prefix: of its locals' registers ("" for a goroutine);
                                           // end: where `return` jumps, made by the first one
        std::vector<std::string> results;  // the registers that receive the results
        std::vector<std::pair<std::string, std::string>> named;  // named results (locals)
        std::vector<std::string> resultTypes;
        bool discard = false;              // a goroutine's body: results are dropped
        int onceDepth = 0;                 // inlining_ at entry: `return` may not leave a once.Do
        std::optional<Holds> returned;     // what holds at the return statements
        std::vector<Deferred> defers;
    };
    std::vector<Frame> frames_;
    std::map<std::string, std::string> renames_;  // a local of the inlined function -> its register
    std::map<std::string, Callee> closures_;      // locals holding a func literal
    std::map<std::string, std::string> chanAliases_;  // channel parameter -> channel global
    int calls_ = 0;                               // inlined calls in this goroutine (prefixes)
    mutable std::string threadEnd_;               // label after the goroutine's last op (made when used)
    static constexpr std::size_t kMaxCallDepth = 32;
    std::vector<std::string> resultTypes_;        // of the call inlined last

    /// The renames_ of the registers `op` names; in a program whose end is main's (a .go file), a
    /// goroutine other than main that blocks forever just stops (threadEnd_), as Go drops it.
    void rename(OpKind& op) const;
    /// Binds local `n` to a register of the innermost frame (declareLocal calls it).
    void bindLocal(const std::string& n);
    /// A goroutine's body as a frame: `return` ends it, deferred calls run at its end.
    bool functionBody(std::size_t open, std::size_t close);
    /// Whether the current token starts a call of a function, method or closure this lowering knows.
    bool callAhead() const;
    /// The callee named at the current token (consumed, with a method's receiver value in `recv`).
    std::optional<Callee> calleeAt(std::optional<Expr>& recv);
    /// Whether `.m(` follows a value of type `*T` with a method `m`.
    bool methodAhead() const;
    /// `.m(args)` after receiver value `recv` (of type type_): the method inlined, its first result.
    std::optional<Expr> methodCall(const Expr& recv);
    /// `f(args)`, `p.m(args)`, `func(...) {...}(args)`: the results (empty for none).
    std::optional<std::vector<Expr>> call();
    /// Inlines `c` with argument values `args` (already in temporaries): Go's value semantics.
    std::optional<std::vector<Expr>> inlineCall(const Callee& c, const std::vector<Expr>& args, const Token& at);
    /// `func(a int) int { ... }` at the current token (consumed).
    std::optional<Callee> funcLiteral();
    bool callStatement();
    /// `a, b := f(x)` / `a, b = f(x)`, and `a, b := e, f` / `a, b = b, a`.
    bool multiAssign(const std::vector<const Token*>& names, bool declare);
    bool closureDecl();
    bool returnStatement();
    bool deferStatement();
    bool panicStatement();
    /// `fmt.Println(...)`, `fmt.Printf(...)`, `time.Sleep(d)`, `runtime.Gosched()` (GoPrint.cpp).
    bool libraryCall();
    int prints_ = 0;  // values main printed so far: registers out1, out2, ...
    /// The deferred calls of the innermost frame, last first, each if its defer statement ran.
    bool runDefers();

    /// `once.Do(f)`: the once holds 0 (fresh), 1 (f running) or 2 (f returned). The caller that
    /// claims it (0 -> 1) runs f, inlined, then stores 2; every other caller waits for 2.
    std::optional<Expr> onceDo(const Token& var, const Token& name);
};

}  // namespace memlit::litmus::go
