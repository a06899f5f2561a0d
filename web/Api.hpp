#pragma once
/// Api: the playground's JSON API without the HTTP around it (docs/web.md): reading a check
/// request, and the documents of /api/examples and /api/models. web/Server.cpp routes to it.

#include "web/Checker.hpp"
#include "web/Models.hpp"
#include "web/Reply.hpp"

#include <optional>
#include <string>

namespace memlit::web {

/// The request of /api/check, /api/explain and /api/run: `{"source": TEXT, "model": NAME,
/// "outcome": STATE, "skipChecks": [NAME...]}` (all but `source` optional; `outcome` is
/// explain's only). Nullopt with `error` (a 400 or 404 reply) when the body is not JSON,
/// not such an object, or names a model that is not bundled.
std::optional<CheckRequest> readCheckRequest(const std::string& body, const Models& models, Reply& error);

/// `{"examples": [{"id", "arch", "name", "doc", "model", "source"}]}`: every bundled example
/// (examples/**/*.litmus, embedded), `id` its path below examples/ without `.litmus`.
std::string examplesDocument();

/// `{"models": [...], "defaults": {ARCH: MODEL}, "explain": true, "run": bool, "runs": [ARCH...]}`:
/// the models a request may name, each architecture's default, that /api/explain is served,
/// whether /api/run is, and which
/// architectures this host can run.
std::string modelsDocument(const Models& models, bool allowRun);

}  // namespace memlit::web
