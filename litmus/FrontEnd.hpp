#pragma once
/// FrontEnd: what reads one test's body, after the header every architecture shares
/// (litmus/Parser.cpp: `ARCH NAME`, the doc string, `Key=value` lines). Two kinds: the table
/// front end (litmus/table/: herd's init block and thread table, one Dialect per architecture)
/// and whole-program front ends (litmus/go/), which read a program in a language of their own.

#include "support/Diagnostics.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/LitmusTest.hpp"
#include "litmus/Parser.hpp"

#include <cstddef>
#include <string>

namespace memlit::litmus {

/// A test's body as the shared parser hands it over.
struct TestBody {
    const SourceText& src;  // the whole file, comments blanked (positions are the file's; a
                            // BOM dropped, a lone CR a newline); see blankComments
    std::size_t begin;      // offset of the `{` that opens the body
    const std::string& file;
    Diagnostics& diags;
    const ParseOptions& options;
};

class FrontEnd {
public:
    enum class Kind {
        Table,         // herd's thread table: each cell is one instruction of a Dialect
        WholeProgram,  // a program in its own language; `LitmusTest::programText` keeps it
    };

    virtual ~FrontEnd() = default;
    virtual Kind kind() const = 0;
    /// Reads the body from `body.begin` to the end of the file into `t` (init, threads, raw
    /// cells, program text, locations, filter, condition; `t.arch`, `t.name`, `t.doc` and
    /// `t.meta` are already set). Reports positioned diagnostics; returns false on error.
    virtual bool parseBody(const TestBody& body, LitmusTest& t) const = 0;
    /// The file's text with comments blanked (newlines kept), before the header is read. The
    /// default is herd's `(* ... *)` and `//` (litmus/Lexer.hpp); C, where `(*x` is code,
    /// reads C comments inside its functions (litmus/c/CComments.cpp).
    virtual std::string blankComments(std::string_view text, const std::string& file, Diagnostics& diags) const {
        return stripComments(text, file, diags);
    }
};

}  // namespace memlit::litmus
