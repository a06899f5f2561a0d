// The memlit playground: loads the examples and models from the API, sends the editor's test
// to /api/check (/api/explain, /api/run) and draws the answers. Query string for links and
// the browser test: ?example=ID&model=NAME&outcome=STATE&skip=AXIOMS&action=check|explain|run.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { examples: [], defaults: {}, runs: [], explain: false };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function setStatus(text) { $("status").textContent = text; }

function updateGutter() {
  const lines = $("source").value.split("\n").length;
  let text = "";
  for (let i = 1; i <= lines; i++) text += i + "\n";
  $("gutter").textContent = text;
  $("gutter").scrollTop = $("source").scrollTop;
}

function archOf(source) { return (source.trim().split(/\s+/)[0] || ""); }

function updateButtons() {
  const arch = archOf($("source").value);
  $("explain").hidden = !state.explain;
  $("explain-options").hidden = !state.explain;
  $("run").hidden = !state.runs.includes(arch);
  const def = state.defaults[arch];
  $("model").options[0].textContent = def ? "default (" + def + ")" : "default";
}

function chooseExample(id) {
  const ex = state.examples.find((e) => e.id === id);
  if (!ex) return false;
  $("example").value = id;
  $("source").value = ex.source;
  $("doc").textContent = ex.doc;
  updateGutter();
  updateButtons();
  return true;
}

async function loadLists() {
  const [examples, models] = await Promise.all([
    fetch("api/examples").then((r) => r.json()),
    fetch("api/models").then((r) => r.json()),
  ]);
  state.examples = examples.examples;
  state.defaults = models.defaults;
  state.runs = models.runs || [];
  state.explain = !!models.explain;
  const groups = {};
  for (const ex of state.examples) {
    if (!groups[ex.arch]) groups[ex.arch] = el("optgroup", { label: ex.arch });
    groups[ex.arch].append(el("option", { value: ex.id }, ex.name));
  }
  for (const g of Object.values(groups)) $("example").append(g);
  $("model").append(el("option", { value: "" }, "default"));
  for (const m of models.models) $("model").append(el("option", { value: m }, m));
}

/// The axiom names typed into "Skip axioms" (commas or spaces between them).
function skipped() { return $("skip").value.split(/[\s,]+/).filter((n) => n); }

async function post(path) {
  const request = { source: $("source").value, model: $("model").value };
  if (path !== "api/run" && skipped().length) request.skipChecks = skipped();
  if (path === "api/explain" && $("outcome").value.trim()) request.outcome = $("outcome").value.trim();
  const body = JSON.stringify(request);
  const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  let doc;
  try { doc = await r.json(); } catch (e) { doc = { error: "the server's answer was not JSON (HTTP " + r.status + ")" }; }
  return { status: r.status, doc };
}

function showErrors(lines) {
  $("errors").replaceChildren();
  $("errors").hidden = lines.length === 0;
  if (lines.length) $("errors").append(el("pre", {}, lines.join("\n")));
}

function placesOf(states) {
  const places = [];
  for (const s of states) for (const k of Object.keys(s)) if (k !== "condition" && !places.includes(k)) places.push(k);
  return places;
}

function showCheck(doc) {
  $("placeholder").hidden = true;
  showErrors(doc.errors || []);
  $("result").hidden = !doc.name;
  if (!doc.name) return;
  $("title").textContent = "Test " + doc.name + " under " + doc.model;
  const verdict = $("verdict");
  verdict.replaceChildren();
  const ok = doc.verdict === "Ok";
  const word = doc.verdict && doc.verdict.startsWith("Unknown") ? doc.verdict : ok ? "Ok" : doc.verdict;
  verdict.append(el("b", { class: ok ? "ok" : "no" }, word), " — ",
    el("code", {}, doc.condition || ""), " is ",
    doc.observation === "Never" ? "never satisfied: the state it asks about is forbidden."
      : doc.observation === "Always" ? "satisfied by every allowed execution."
        : doc.observation === "Sometimes" ? "satisfied by some allowed execution." : "not decided.");
  const states = doc.states || [];
  const places = placesOf(states);
  const table = $("outcomes");
  table.replaceChildren();
  const head = el("tr", {});
  for (const p of places) head.append(el("th", {}, p));
  head.append(el("th", {}, "model"), el("th", {}, "condition"));
  if (state.explain) head.append(el("th", {}, ""));
  table.append(head);
  // "why?" explains that row's state: its witness, or for the condition's forbidden state the
  // axiom and cycle (the outcome field left empty means the condition's states).
  const why = (outcome) => {
    const b = el("button", { class: "why", type: "button", "data-outcome": outcome }, "why?");
    b.addEventListener("click", () => { $("outcome").value = outcome; act("explain"); });
    return el("td", {}, b);
  };
  for (const s of states) {
    const row = el("tr", { class: "allowed" + (s.condition ? " asked" : "") });
    for (const p of places) row.append(el("td", {}, s[p] === undefined ? "" : s[p]));
    row.append(el("td", { class: "kind" }, "allowed"), el("td", {}, s.condition ? "satisfies" : ""));
    if (state.explain) row.append(why(places.filter((p) => s[p] !== undefined).map((p) => p + "=" + s[p] + ";").join(" ")));
    table.append(row);
  }
  if (doc.observation === "Never" && doc.kind !== "Required") {
    const row = el("tr", { class: "forbidden" });
    row.append(el("td", { colspan: String(places.length) }, (doc.condition || "").replace(/^~?exists\s*/, "")),
      el("td", {}, "forbidden"), el("td", {}, "asked"));
    if (state.explain) row.append(why(""));
    table.append(row);
  }
  const notes = $("notes");
  notes.replaceChildren();
  const items = [];
  for (const race of doc.races || []) items.push("data race: " + race.accesses.map((a) => a.where).join("  /  "));
  for (const h of doc.halts || []) items.push((h.outcome || h.kind || "halt") + ": " + JSON.stringify(h.sites || h));
  if (doc.dataRaceFree === true) notes.append(el("p", {}, "No data race: every pair of conflicting accesses is ordered by happens-before."));
  if (items.length) notes.append(el("ul", {}, ...items.map((t) => el("li", {}, t))));
  notes.append(el("p", { class: "doc" }, "Executions: " + doc.positive + " satisfy the condition, " + doc.negative +
    " do not" + (doc.countsExact === false ? " (counting stopped early)" : "") + "."));
}

function showExplanation(doc) {
  $("explanation").hidden = false;
  const text = $("explain-text");
  const pictures = $("pictures");
  text.replaceChildren();
  pictures.replaceChildren();
  const picture = (caption, svg) => {
    if (!svg) return;
    const holder = el("div", {});
    holder.innerHTML = svg;  // drawn by memlit itself (report/Picture.cpp), test text escaped
    const fig = el("figure", {}, holder);
    fig.setAttribute("aria-label", caption);  // the picture carries its own title
    pictures.append(fig);
  };
  for (const s of doc.states || []) {
    if (s.allowed) {
      text.append(el("p", {}, el("b", { class: "ok" }, s.state), " is allowed; a witness execution is drawn."));
      if (s.witness) picture(s.state + " allowed", s.witness.svg);
      continue;
    }
    text.append(el("p", {}, el("b", { class: "no" }, s.state), " is forbidden: each candidate execution that would produce it breaks an axiom."));
    for (const r of s.rejections || []) {
      const where = r.axiom.position ? " (" + r.axiom.position.file + ":" + r.axiom.position.line + ")" : "";
      text.append(el("p", {}, "Axiom ", el("code", {}, r.axiom.text || r.axiom.name), where + ", " + r.candidates + " candidate(s):"),
        el("pre", {}, r.cycleText || ""));
      if (r.execution) picture(s.state + ": " + (r.axiom.name || ""), r.execution.svg);
    }
  }
}

function drawChart(run) {
  const rows = (run.histogram || []).map((s) => ({ ...s, seen: true }))
    .concat((run.unseen || []).map((s) => ({ ...(typeof s === "string" ? { state: s } : s), count: 0, seen: false })));
  const label = (s) => String(s.state || "");
  const max = Math.max(1, ...rows.map((r) => r.count || 0));
  const barLeft = 12 + 7.3 * Math.max(10, ...rows.map((r) => label(r).length)), width = barLeft + 420, rowH = 26;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", String(width)); svg.setAttribute("height", String(rows.length * rowH + 10));
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", "0"); t.setAttribute("y", String(y + 15)); t.textContent = label(r);
    const bar = document.createElementNS(ns, "rect");
    const w = r.count ? Math.max(2, ((width - barLeft - 90) * r.count) / max) : 0;
    bar.setAttribute("x", String(barLeft)); bar.setAttribute("y", String(y)); bar.setAttribute("height", "18");
    bar.setAttribute("width", String(w)); bar.setAttribute("fill", r.allowed === false ? "#b3261e" : "#2456c8");
    const n = document.createElementNS(ns, "text");
    n.setAttribute("x", String(barLeft + w + 6)); n.setAttribute("y", String(y + 15));
    n.textContent = (r.count || 0).toLocaleString("en") + (r.allowed === false ? "  forbidden by the model!" : r.seen ? "" : "  allowed, not seen");
    svg.append(t, bar, n);
  });
  $("chart").replaceChildren(svg);
}

function showRun(doc) {
  showCheck(doc.check);
  const run = doc.run;
  $("hardware").hidden = false;
  $("hardware-summary").textContent = run.status !== "ok" ? "Not run: " + (run.message || run.status)
    : (run.iterations || 0).toLocaleString("en") + " runs in " + (run.seconds || 0).toFixed(2) + " s on " + run.threads +
      " threads: the condition was satisfied " + (run.verdict.positive || 0).toLocaleString("en") + " times (" +
      run.verdict.observation + ")" + (run.verdict.forbidden ? "; " + run.verdict.forbidden +
      " state(s) the model forbids were seen!" : "; nothing the model forbids was seen.");
  if (run.status === "ok") drawChart(run); else $("chart").replaceChildren();
}

async function act(action) {
  for (const b of ["check", "explain", "run"]) $(b).disabled = true;
  setStatus(action === "run" ? "compiling and running…" : "checking…");
  $("explanation").hidden = true;
  $("hardware").hidden = true;
  try {
    if (action === "explain") {
      const checked = await post("api/check");
      if (!checked.doc.error) showCheck(checked.doc);
    }
    const { status, doc } = await post("api/" + action);
    if (doc.error) {
      $("placeholder").hidden = true;
      $("result").hidden = true;
      showErrors(["error (HTTP " + status + "): " + doc.error]);
    } else if (action === "run") showRun(doc);
    else if (action === "explain") { showErrors(doc.errors || []); showExplanation(doc); }
    else showCheck(doc);
    setStatus("done");
  } catch (e) {
    showErrors(["error: " + e]);
    setStatus("failed");
  } finally {
    for (const b of ["check", "explain", "run"]) $(b).disabled = false;
    document.body.dataset.done = action;
  }
}

async function start() {
  try { await loadLists(); } catch (e) { showErrors(["error: cannot load the examples: " + e]); return; }
  const q = new URLSearchParams(location.search);
  // Example ids hold '+' (MP+dmb+addr), which a query string reads as a space unless escaped.
  const wanted = (q.get("example") || "SB").replace(/ /g, "+");
  if (!chooseExample(wanted)) chooseExample(state.examples[0] && state.examples[0].id);
  if (q.get("model")) $("model").value = q.get("model");
  if (q.get("outcome")) $("outcome").value = q.get("outcome");
  if (q.get("skip")) $("skip").value = q.get("skip");
  $("source").addEventListener("input", () => { updateGutter(); updateButtons(); });
  $("source").addEventListener("scroll", () => { $("gutter").scrollTop = $("source").scrollTop; });
  $("example").addEventListener("change", () => chooseExample($("example").value));
  for (const b of ["check", "explain", "run"]) $(b).addEventListener("click", () => act(b));
  const action = q.get("action");
  if (["check", "explain", "run"].includes(action)) await act(action);
  else document.body.dataset.done = "load";
}

start();
