/// expandInputs: command-line inputs (files, directories, herd `@index` files) to litmus paths.

#include "litmus/Inputs.hpp"
#include "litmus/Parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace memlit::litmus {

namespace {

namespace fs = std::filesystem;

class Expander {
public:
    explicit Expander(Diagnostics& diags) : diags_(diags) {}

    /// `where`/`loc` name the index line that mentioned `arg` (empty for the command line).
    void input(const std::string& arg, const std::string& where, SourceLoc loc);
    std::vector<Input> out;

private:
    /// Reports an input that yields no test, and keeps it in its place.
    void failed(const std::string& input, const std::string& file, SourceLoc loc, const std::string& message) {
        diags_.error(file, loc, message);
        out.push_back({input, diags_.all().back()});
    }
    void index(const fs::path& path, const std::string& where, SourceLoc loc);
    void missing(const std::string& arg, const std::string& where, SourceLoc loc) {
        if (where.empty()) failed(arg, arg, {}, "no such file or directory");
        else failed(arg, where, loc, "no such file or directory: '" + arg + "'");
    }

    Diagnostics& diags_;
    std::vector<fs::path> open_;  // index files being read, to find cycles
};

bool isIndexName(const fs::path& p) {
    std::string f = p.filename().string();
    return !f.empty() && f[0] == '@';
}

void Expander::input(const std::string& arg, const std::string& where, SourceLoc loc) {
    std::error_code ec;
    fs::path p(arg);
    if (!arg.empty() && arg[0] == '@' && !fs::exists(p, ec)) {
        // `@all` names the index `all` unless a file is really called `@all`.
        fs::path bare(arg.substr(1));
        if (!fs::exists(bare, ec)) return missing(arg, where, loc);
        return index(bare, where, loc);
    }
    if (fs::is_directory(p, ec)) {
        std::vector<std::string> found;
        for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec) && it->path().extension() == ".litmus")
                found.push_back(it->path().string());
        std::sort(found.begin(), found.end());
        for (auto& f : found) out.push_back({std::move(f), std::nullopt});
        if (ec) failed(arg, arg, {}, "cannot read directory: " + ec.message());
        else if (found.empty()) failed(arg, arg, {}, "no .litmus files in this directory");
        return;
    }
    if (!fs::exists(p, ec)) return missing(arg, where, loc);
    if (isIndexName(p)) return index(p, where, loc);
    out.push_back({arg, std::nullopt});
}

void Expander::index(const fs::path& path, const std::string& where, SourceLoc loc) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(path, ec);
    if (ec) canon = path;
    if (std::find(open_.begin(), open_.end(), canon) != open_.end()) {
        std::string msg = "index file '" + path.string() + "' includes itself";
        if (where.empty()) failed(path.string(), path.string(), {}, msg);
        else failed(path.string(), where, loc, msg);
        return;
    }
    std::ifstream in(path);
    if (!in || fs::is_directory(path, ec)) {
        failed(path.string(), path.string(), {}, "cannot open index file");
        return;
    }
    open_.push_back(canon);
    fs::path dir = path.parent_path();
    std::string line;
    std::uint32_t n = 0;
    while (std::getline(in, line)) {
        ++n;
        std::size_t b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '#') continue;
        std::size_t e = line.find_last_not_of(" \t\r");
        std::string name = line.substr(b, e - b + 1);
        fs::path target = fs::path(name).is_absolute() ? fs::path(name) : dir / name;
        input(target.string(), path.string(), {n, static_cast<std::uint32_t>(b + 1)});
    }
    open_.pop_back();
}

}  // namespace

std::vector<Input> expandInputList(const std::vector<std::string>& args, Diagnostics& diags) {
    Expander x(diags);
    for (const auto& a : args) x.input(a, {}, {});
    return std::move(x.out);
}

std::vector<std::string> expandInputs(const std::vector<std::string>& args, Diagnostics& diags) {
    std::vector<std::string> paths;
    for (auto& in : expandInputList(args, diags))
        if (!in.problem) paths.push_back(std::move(in.path));
    return paths;
}

}  // namespace memlit::litmus
