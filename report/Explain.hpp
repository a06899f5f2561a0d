#pragma once
/// How `memlit explain` prints an explanation (engine/Explain.hpp): text, one JSON document
/// (docs/cli.md), and pictures of executions — SVG drawn by memlit itself, and Graphviz DOT.

#include "engine/Explain.hpp"
#include "litmus/LitmusTest.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace memlit::report {

/// Everything known about one explained test.
struct ExplainReport {
    std::string file;
    std::string model;
    const litmus::LitmusTest* test = nullptr;            // null when the file did not parse
    const engine::Explanation* explanation = nullptr;    // null when it could not be explained
    std::vector<std::string> errors;                     // formatted diagnostics
    std::string limit;                                   // "timeout", "memory" or empty
};

void printExplainText(std::ostream& out, const ExplainReport& r);
/// The JSON document; with `svg`, each execution carries its picture as an "svg" string.
std::string explainJsonText(const ExplainReport& r, bool svg);

/// A picture of one execution: threads as columns, events in program order with their
/// instruction text, `edges` labelled (`via:relation` when unfolded) and coloured by relation,
/// those other than po, rf, co and fr (the model's: engine::modelEdges) dashed; `highlight`
/// (a cycle) drawn bold on top, the other edges faded when there is one.
struct Picture {
    std::string title;
    const engine::Execution* execution = nullptr;
    std::vector<engine::ExplainEdge> edges;
    std::vector<engine::ExplainEdge> highlight;
};

/// The pictures of an explanation: one per allowed state (its witness with the model's
/// relations in it) and per rejection group of a forbidden state (the candidate and its cycle).
std::vector<Picture> explanationPictures(const ExplainReport& r);

/// One SVG document showing `pictures` one below the other.
std::string svgDocument(const std::vector<Picture>& pictures);
/// One DOT digraph with a cluster per picture.
std::string dotDocument(const std::vector<Picture>& pictures);

/// `a: W[x]=1 (P0, SB.litmus:5) -po-> b: ... -fr-> a`: a cycle (or pair) edge by edge.
std::string cycleText(const engine::Execution& exec, const std::vector<engine::ExplainEdge>& cycle);
/// `acyclic po | rf | co | fr as sc`.
std::string axiomText(const engine::AxiomSite& a);
/// The last component of a path.
std::string baseName(const std::string& path);

}  // namespace memlit::report
