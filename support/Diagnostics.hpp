#pragma once
/// Diagnostics: user-facing errors with a file position, collected by front ends and printed
/// as `file:line:col: error: message` lines. Only cli/ turns them into exit codes.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace memlit {

struct SourceLoc {
    std::uint32_t line = 0;  // 1-based; 0 means "no position"
    std::uint32_t col = 0;   // 1-based
    bool operator==(const SourceLoc&) const = default;
    auto operator<=>(const SourceLoc&) const = default;
};

enum class Severity { Error, Note };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;
    SourceLoc loc;
    std::string message;
    /// True when the input is well formed but uses a feature memlit declines on purpose;
    /// the message then starts with "unsupported feature: ".
    bool unsupported = false;
    bool operator==(const Diagnostic&) const = default;
};

class Diagnostics {
public:
    void error(const std::string& file, SourceLoc loc, std::string message);
    void note(const std::string& file, SourceLoc loc, std::string message);
    /// Records "unsupported feature: WHAT" as an error marked unsupported.
    void unsupported(const std::string& file, SourceLoc loc, const std::string& what);

    bool hasErrors() const;
    bool onlyUnsupported() const;  // has errors, and every error is an unsupported feature
    const std::vector<Diagnostic>& all() const { return diags_; }
    void clear() { diags_.clear(); }

    /// `file:line:col: error: message` (or `file: error: message` without a position),
    /// in the order reported.
    static std::string format(const Diagnostic& d);
    void print(std::ostream& os) const;

private:
    std::vector<Diagnostic> diags_;
};

/// Thrown by MEMLIT_ASSERT: a broken invariant inside memlit, never a user error.
struct InternalError : std::exception {
    explicit InternalError(std::string m) : msg(std::move(m)) {}
    const char* what() const noexcept override { return msg.c_str(); }
    std::string msg;
};

}  // namespace memlit

#define MEMLIT_ASSERT(cond, msg)                                                            \
    do {                                                                                    \
        if (!(cond))                                                                        \
            throw ::memlit::InternalError(std::string(__FILE__) + ":" +                     \
                                          std::to_string(__LINE__) + ": " + (msg));         \
    } while (0)
