/// Allocation and freeing: `malloc(sizeof(T))`, `kmalloc(sizeof *p, GFP_KERNEL)`, `kzalloc`,
/// `free(p)`, `kfree(p)` (docs/c.md, "Allocation and freeing"). An allocation is one fresh
/// zeroed object (IR Alloc); a free is an IR Free of what its argument points to.

#include "litmus/c/CLowering.hpp"

namespace memlit::litmus::c {

bool Lowerer::objectSize(bool kernel) {
    // `sizeof(T)`, `sizeof(*p)`, `sizeof *p`, `sizeof x`: one object, whatever its type; the
    // operand is not evaluated. Anything else would be an array on the heap.
    const Token& at = peek();
    const char* what = "an allocation of anything but one object (write 'sizeof(T)' or 'sizeof *p')";
    if (at.kind != Token::Kind::Ident || at.text != "sizeof") return unsupported(at, what);
    ++pos_;
    if (peek().punct("(")) {
        const std::size_t close = matching(pos_, "(", ")");
        if (!toks_[close].punct(")")) return fail("')'");
        pos_ = close + 1;
    } else {
        while (peek().punct("*")) ++pos_;
        if (peek().kind != Token::Kind::Ident) return fail("a type or an expression after 'sizeof'");
        ++pos_;
    }
    if (!kernel) {
        if (!peek().punct(")")) return unsupported(peek(), what);
        return true;
    }
    // The GFP flags (`GFP_KERNEL`, `GFP_ATOMIC | __GFP_ZERO`) do not matter here.
    if (!peek().punct(",")) return peek().punct(")") ? fail("',' and the allocation flags") : unsupported(peek(), what);
    ++pos_;
    while (peek().kind == Token::Kind::Ident || peek().punct("|")) ++pos_;
    if (!peek().punct(")")) return fail("allocation flags such as GFP_KERNEL, then ')'");
    return true;
}

std::optional<Expr> Lowerer::heapCall(const Token& name, bool& known) {
    const std::string& f = name.text;
    const bool kernel = f == "kmalloc" || f == "kzalloc";
    if (f == "malloc" || kernel) {
        known = true;
        pos_ += 2;  // the name and '('
        if (!objectSize(kernel) || !expect(")")) return std::nullopt;
        const std::string p = b_->freshTemp();
        emit(Alloc{p, 1, {}});
        return Expr::reg(p);
    }
    if (f != "free" && f != "kfree") return std::nullopt;
    known = true;
    const Token& arg = peek(2);
    ++pos_;
    auto args = arguments(1, name);
    if (!args) return std::nullopt;
    if ((*args)[0].kind == K::Sym) {
        error(arg, f + " of '" + (*args)[0].name + "', a location of the test: only memory from malloc can be freed");
        return std::nullopt;
    }
    emit(Free{(*args)[0], {}});
    return Expr::constant(0);
}

}  // namespace memlit::litmus::c
