#include "cli/ExplainCommand.hpp"

#include "cli/Options.hpp"
#include "engine/BruteForce.hpp"
#include "engine/EngineSelector.hpp"
#include "engine/smt/Z3Engine.hpp"
#include "report/ExplainApi.hpp"

#include <fstream>
#include <memory>
#include <sstream>

namespace memlit::cli {

bool writePicture(const std::string& path, const std::string& text, std::ostream& err) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    f.close();
    if (f) return true;
    err << path << ": error: cannot write the picture\n";
    return false;
}

ExitCode explainCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CheckArgs a;
    if (auto stop = parseExplain(args, a, out, err)) return *stop;
    report::ExplainInput in;
    in.file = a.inputs.front();
    in.model = a.model.value_or("");
    in.outcome = a.outcome;
    in.skipChecks = a.skipChecks;
    in.timeoutSeconds = a.timeoutSeconds;
    in.catDirs = a.catDirs;
    in.unroll = a.parse.unroll;
    in.variants = a.variants;
    in.bell = a.bell;
    report::ExplainRun run;
    std::ifstream file(in.file, std::ios::binary);
    if (!file) {
        err << in.file << ": error: cannot open file\n";
        return ExitInputError;
    }
    std::ostringstream text;
    text << file.rdbuf();
    in.text = text.str();
    engine::BruteForceEngine enumerator;
    std::unique_ptr<engine::smt::Z3Engine> z3;
    engine::EngineSelector engines(a.engine, enumerator, [&z3]() -> engine::Engine& {
        if (!z3) z3 = std::make_unique<engine::smt::Z3Engine>();
        return *z3;
    });
    report::explainInto(in, engines, run);
    if (a.json) out << report::explainJsonText(run.report, false);
    else report::printExplainText(out, run.report);
    for (const auto& e : run.report.errors) err << e << '\n';
    bool written = true;
    const auto pictures = report::explanationPictures(run.report);
    if (!a.svg.empty() && run.report.explanation) written = writePicture(a.svg, report::svgDocument(pictures), err) && written;
    if (!a.dot.empty() && run.report.explanation) written = writePicture(a.dot, report::dotDocument(pictures), err) && written;
    if (!run.report.limit.empty()) return ExitSolverUnknown;
    if (!run.report.explanation || !written) return ExitInputError;
    return ExitOk;
}

}  // namespace memlit::cli
