#include "cli/CheckPictures.hpp"

#include "cli/ExplainCommand.hpp"
#include "report/Explain.hpp"

namespace memlit::cli {

ExitCode writeCheckPictures(const CheckArgs& a, const std::vector<CheckPicture>& witnesses, std::ostream& err) {
    if (a.svg.empty() && a.dot.empty()) return ExitOk;
    std::vector<report::Picture> pictures;
    for (const auto& w : witnesses) pictures.push_back({w.title, &w.execution, w.edges, {}});
    bool ok = true;
    if (!a.svg.empty()) ok = writePicture(a.svg, report::svgDocument(pictures), err) && ok;
    if (!a.dot.empty()) ok = writePicture(a.dot, report::dotDocument(pictures), err) && ok;
    return ok ? ExitOk : ExitInputError;
}

}  // namespace memlit::cli
