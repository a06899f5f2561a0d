#pragma once
/// Explain: why a model allows or forbids final states of a test, as plain values. An allowed
/// state gets one witness execution; a forbidden one, per group of candidate executions ending
/// in it, the axiom that rejects them (its name and position in the .cat file) and a shortest
/// cycle (reflexive pair, non-empty pair) of the axiom's relation, edge by edge, each edge
/// named by the operand of the model's relation that holds it. Races and deadlocks come from
/// the engine's CheckResult. Engine-agnostic: the Engine interface plus the concrete evaluator.

#include "engine/Budget.hpp"
#include "engine/CheckResult.hpp"
#include "engine/Engine.hpp"
#include "engine/Execution.hpp"
#include "engine/PreparedTest.hpp"
#include "litmus/State.hpp"
#include "support/Diagnostics.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlit::cat {
struct Model;
}

namespace memlit::engine {

struct ExplainOptions {
    /// `0:EAX=0; 1:EAX=0;` (herd's state syntax; a subset of the places selects every state
    /// agreeing on them). Unset: the states the condition asks about (explainTargets).
    std::optional<std::string> outcome;
    std::vector<std::string> skipChecks;  // axioms relaxed, as for check
    Budget budget;
    /// Candidate executions enumerated to find the forbidden states and their rejections; past
    /// it, only allowed states and a fully given --outcome are explained, with one candidate.
    std::uint64_t maxCandidates = 200000;
    std::size_t maxGroups = 4;   // rejection groups shown per forbidden state
    std::size_t maxStates = 16;  // states explained
    /// Explain every final state some candidate reaches, not only the targets (tests).
    bool everyState = false;
};

/// One edge of a cycle or of a witness picture: events by index into Execution::events.
struct ExplainEdge {
    std::size_t from = 0, to = 0;
    std::string relation;  // as the model spells the operand holding it: "po", "fr", "rfe"
    std::string via;       // the axiom's operand it belongs to when that is not `relation`
                           // ("com" for an edge named "fr"), or ""
    /// One step of a sequence operand (`via`, e.g. "rf ; hb"): the consecutive steps of one
    /// such operand together make one pair of it.
    bool step = false;
    bool operator==(const ExplainEdge&) const = default;
};

/// An axiom of the model as written: `acyclic ghb as tso` at tso.cat:41:1.
struct AxiomSite {
    std::string name;
    std::string kind;      // "acyclic", "irreflexive", "empty"
    bool negated = false;
    std::string expr;      // its relation as written (printed back from the AST)
    std::string file;
    SourceLoc loc;
    bool operator==(const AxiomSite&) const = default;
};

/// What rejects a group of candidate executions of one shape (the same axiom and cycle).
struct Rejection {
    AxiomSite axiom;
    /// "cycle" (acyclic), "reflexive" (irreflexive), "pair" (empty), or "holds" when the
    /// check is negated (nothing to show but that the relation is empty or acyclic).
    std::string shape;
    std::vector<ExplainEdge> cycle;  // closed for "cycle" and "reflexive"; one pair for "pair"
    Execution execution;             // the first candidate of the group
    std::uint64_t candidates = 0;    // how many candidates of the enumeration share it
};

/// One explained state.
struct StateExplanation {
    litmus::State state;              // over the shown places
    bool allowed = false;
    /// Allowed: one execution producing it that every axiom not skipped allows, and the
    /// model's relations that matter in it (modelEdges).
    std::optional<Execution> witness;
    std::vector<ExplainEdge> witnessEdges;
    std::vector<Rejection> rejections;   // forbidden: by group, most candidates first
    std::uint64_t candidates = 0;        // candidates ending in it (0 when not enumerated)
    std::size_t moreGroups = 0;          // groups not shown (past maxGroups)
    bool enumerated = false;             // false: a single candidate from the engine
};

/// A pair of accesses a race flag relates: in `related` (the flag relation's first operand,
/// e.g. "conflict") but in none of `absent` (e.g. "hb | hb^-1": no happens-before path).
struct RaceExplanation {
    FlagPair pair;
    std::string related;
    std::vector<std::string> absent;
};

struct Explanation {
    std::vector<litmus::Place> places;   // the shown places, the columns of every state
    CheckResult check;                   // the check under the same options
    /// "condition" (the default targets) or "outcome" (--outcome).
    std::string targetsFrom;
    std::vector<StateExplanation> states;
    std::size_t moreStates = 0;          // target states not explained (past maxStates)
    std::vector<RaceExplanation> races;
    bool candidatesCapped = false;       // more candidates than maxCandidates
};

/// Explains `test` under `model`, a resolved or unresolved model. Nullopt with diagnostics
/// on an error (a model error, a malformed --outcome); throws BudgetExceeded past the budget.
std::optional<Explanation> explain(const PreparedTest& test, const cat::Model& model, Engine& engine,
                                   const ExplainOptions& options, Diagnostics& diags);

/// Why `exec` is rejected by `axiom` of `model` (resolved): the axiom's site and a shortest
/// cycle (pair), each edge labelled. Nullopt when `model` has no such axiom or on a model error.
std::optional<Rejection> explainRejection(const cat::Model& model, const Execution& exec,
                                          const std::string& axiom, Diagnostics& diags);

/// The edges a picture of `exec` draws: po (immediate), rf, co (immediate), fr (immediate per
/// read), labelled by their base names.
std::vector<ExplainEdge> executionEdges(const Execution& exec);

/// The model's relations that matter in `exec` (a witness), beyond what executionEdges draws:
/// for each check of `model` (resolved; flags too, the axioms in `skipChecks` left out) the
/// named operands of its relation — a union split, a closure opened, a derived operand
/// unfolded one level (`dob:addr`, via "dob"), a sequence's named steps — that are non-empty
/// and not po, rf, co or fr by another name (or their internal, external or same-location
/// parts, or a union of those: `com`); per relation its transitive reduction without initial writes, po pairs only for a relation
/// within po, one direction of a symmetric pair; each pair once, at most 24 edges.
std::vector<ExplainEdge> modelEdges(const cat::Model& model, const Execution& exec,
                                    const std::vector<std::string>& skipChecks);

/// Short names of the events of `exec`: "a", "b", ... for thread events in order, "i0", ...
/// for initial writes.
std::vector<std::string> eventNames(const Execution& exec);
/// "W[x]=1", "R[y]=0", "F[MFENCE]", "Init[x]=0".
std::string eventLabel(const ExecutionEvent& e);

}  // namespace memlit::engine
