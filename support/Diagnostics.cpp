#include "support/Diagnostics.hpp"

#include <algorithm>

namespace memlit {

void Diagnostics::error(const std::string& file, SourceLoc loc, std::string message) {
    diags_.push_back({Severity::Error, file, loc, std::move(message), false});
}

void Diagnostics::note(const std::string& file, SourceLoc loc, std::string message) {
    diags_.push_back({Severity::Note, file, loc, std::move(message), false});
}

void Diagnostics::unsupported(const std::string& file, SourceLoc loc, const std::string& what) {
    diags_.push_back({Severity::Error, file, loc, "unsupported feature: " + what, true});
}

bool Diagnostics::hasErrors() const {
    return std::any_of(diags_.begin(), diags_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

bool Diagnostics::onlyUnsupported() const {
    bool any = false;
    for (const auto& d : diags_) {
        if (d.severity != Severity::Error) continue;
        if (!d.unsupported) return false;
        any = true;
    }
    return any;
}

std::string Diagnostics::format(const Diagnostic& d) {
    std::string out = d.file.empty() ? std::string("memlit") : d.file;
    if (d.loc.line > 0) out += ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col);
    out += d.severity == Severity::Error ? ": error: " : ": note: ";
    out += d.message;
    return out;
}

void Diagnostics::print(std::ostream& os) const {
    for (const auto& d : diags_) os << format(d) << '\n';
}

}  // namespace memlit
