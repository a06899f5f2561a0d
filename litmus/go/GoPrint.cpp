// Calls of the library a Go program may make beyond sync: fmt's printing, which main's
// output registers record (docs/go.md, "Go programs"), and time.Sleep / runtime.Gosched /
// runtime.GC, which order nothing in the memory model and so lower to nothing.

#include "litmus/go/GoLowering.hpp"

namespace memlit::litmus::go {

bool Lowerer::libraryCall() {
    const Token& pkg = peek();
    const Token& fn = peek(2);
    if (peek(2).kind != Token::Kind::Ident || !peek(3).punct("(")) return fail("a call of " + pkg.text + "'s functions");
    const std::string name = pkg.text + "." + fn.text;
    pos_ += 4;
    if (name == "runtime.SetFinalizer" || name == "runtime.KeepAlive") return finalizerCall(name);
    if (name == "time.Sleep" || name == "runtime.Gosched" || name == "runtime.GC") {
        // No happens-before edge: the call is skipped with its argument (a duration constant).
        int depth = 1;
        for (; depth > 0 && peek().kind != Token::Kind::End; ++pos_) {
            if (peek().punct("(")) ++depth;
            if (peek().punct(")")) --depth;
        }
        return true;
    }
    if (name != "fmt.Println" && name != "fmt.Printf" && name != "fmt.Print")
        return unsupported(fn, "the function " + name + " (memlit knows fmt.Println, fmt.Printf, fmt.Print, "
                                                         "time.Sleep, runtime.Gosched, runtime.GC, "
                                                         "runtime.SetFinalizer and runtime.KeepAlive)");
    if (b_->thread() != 0)
        return unsupported(pkg, "printing from a goroutine other than main (print what it computed in main)");
    bool first = true;
    while (!peek().punct(")")) {
        if (!first && !expect(",")) return false;
        first = false;
        if (peek().punct(")")) break;
        // String literals (and Printf's format) print the same in every execution.
        if (peek().kind == Token::Kind::String && (peek(1).punct(",") || peek(1).punct(")"))) {
            ++pos_;
            continue;
        }
        auto v = expression();
        if (!v) return false;
        const std::string out = "out" + std::to_string(++prints_);
        emit(Assign{out, *v});
        // A uint64 (uint, uintptr) prints unsigned: the register's type says so.
        if (auto it = intType(type_); it && it->bits == 64 && !it->isSigned)
            test_.init.push_back({Place{0, out}, Value::number(0), "uint64_t", loc_, 0});
    }
    ++pos_;
    return true;
}

}  // namespace memlit::litmus::go
