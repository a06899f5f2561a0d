#pragma once
/// StateParser: herd's state language, i.e. the initial state `{ ... }`, `locations [...]`,
/// `filter` and the final condition; plus herd's printing of conditions.

#include "support/Diagnostics.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/LitmusTest.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace memlit::litmus {

/// How a dialect names registers in the IR (see Dialect::registerName).
using RegisterNamer = std::string (*)(std::string_view);

class StateParser {
public:
    StateParser(const SourceText& src, std::size_t begin, std::size_t end, const std::string& file,
                Diagnostics& diags, RegisterNamer namer);

    /// Items of an initial state, after its '{'; consumes the closing '}'.
    bool parseInit(std::vector<InitEntry>& out);
    /// `locations`, `filter`, the condition and nothing after it.
    bool parseConstraints(LitmusTest& test);
    /// Offset of the next unread token.
    std::size_t offset() const { return lex_.peek().offset; }
    /// Every register named so far, with its position (to check thread numbers).
    const std::vector<std::pair<Place, SourceLoc>>& registers() const { return registers_; }
    /// Every location named so far (not registers), with its position.
    const std::vector<std::pair<Place, SourceLoc>>& locationsNamed() const { return locations_; }

private:
    bool fail(const std::string& what);  // "expected WHAT, found 'tok'"
    std::nullopt_t failed(const std::string& what);  // fail(), for optional-returning rules
    bool isName(std::string_view word) const;
    std::optional<Place> place();
    std::optional<Place> registerOf(std::int64_t thread, SourceLoc loc);
    std::optional<Value> value(bool allowAmper);
    std::optional<std::int64_t> number(const Token& t);
    bool initItem(std::vector<InitEntry>& out);
    std::optional<Prop> orProp();
    std::optional<Prop> andProp();
    std::optional<Prop> impliesProp();
    std::optional<Prop> unaryProp();
    std::optional<Prop> atom();

    Lexer lex_;
    const std::string& file_;
    Diagnostics& diags_;
    RegisterNamer namer_;
    std::vector<std::pair<Place, SourceLoc>> registers_;
    std::vector<std::pair<Place, SourceLoc>> locations_;
    int depth_ = 0;  // nesting of propositions, bounded so garbage cannot overflow the stack
};

/// A proposition as herd prints it: `[x]=1 /\ (0:EAX=0 \/ not (1:EAX=1))`.
std::string formatProp(const Prop& p);
/// `exists (...)`, `~exists (...)` or `forall (...)`.
std::string formatCondition(Condition::Quantifier q, const Prop& p);

}  // namespace memlit::litmus
