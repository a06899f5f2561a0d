// Pictures of executions, drawn by memlit itself: SVG (threads as columns as wide as their
// widest event, events in program order, edges as labelled curves coloured by relation, the
// model's relations beyond po, rf, co and fr dashed, a cycle drawn bold over faded edges) and
// the same graph as Graphviz DOT.

#include "report/Explain.hpp"

#include "litmus/State.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace memlit::report {

namespace {

constexpr double kColumn = 310, kRow = 86, kBoxW = 220, kBoxH = 46, kMargin = 30, kTitle = 34, kInitGap = 40;

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
    return out;
}

/// The colour of a relation: the base ones fixed, any other name one of a few by its hash.
std::string colour(const std::string& rel) {
    static const std::map<std::string, std::string, std::less<>> fixed{
        {"po", "#6b7280"}, {"rf", "#dc2626"}, {"rfe", "#dc2626"}, {"rfi", "#dc2626"}, {"co", "#2563eb"},
        {"coe", "#2563eb"}, {"coi", "#2563eb"}, {"fr", "#ea580c"}, {"fre", "#ea580c"}, {"fri", "#ea580c"}};
    if (auto it = fixed.find(rel); it != fixed.end()) return it->second;
    static const char* others[] = {"#059669", "#7c3aed", "#0891b2", "#be185d", "#65a30d", "#b45309"};
    std::size_t h = 0;
    for (char c : rel) h = h * 31 + static_cast<unsigned char>(c);
    return others[h % 6];
}

std::string fmt(double v) {
    std::ostringstream o;
    o << std::round(v * 10) / 10;
    return o.str();
}

/// The characters of UTF-8 text (continuation bytes not counted).
std::size_t characters(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

/// `s` cut to `max` characters, an ellipsis marking the cut.
std::string shortText(const std::string& s, std::size_t max) {
    if (characters(s) <= max) return s;
    std::string out;
    std::size_t n = 0;
    for (char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n == max) break;
        out += c;
    }
    return out + "\u2026";
}

constexpr std::size_t kMaxSubText = 80;  // longer instruction text is cut (a box 560 px wide)

/// An event box's two lines: its name and label, and its instruction text and line.
std::pair<std::string, std::string> eventLines(const engine::ExecutionEvent& e, const std::string& name) {
    std::string sub = e.id.thread < 0 ? "initial value" : e.text;
    if (e.loc.line > 0) sub += (sub.empty() ? "line " : "  \u00b7 line ") + std::to_string(e.loc.line);
    return {name + ": " + engine::eventLabel(e), shortText(sub, kMaxSubText)};
}

/// How wide a box must be for its text: 14 px bold Helvetica and 11 px monospace, measured
/// generously (a bold capital is about 0.7 em, a monospace character 0.6 em).
double boxWidth(const std::pair<std::string, std::string>& lines) {
    const double w = 22 + std::max(9.2 * static_cast<double>(characters(lines.first)),
                                   6.7 * static_cast<double>(characters(lines.second)));
    return std::max(kBoxW, std::ceil(w));
}

/// Where each event sits: thread columns left to right, each as wide as its widest event,
/// init writes in a row on top.
struct Layout {
    std::vector<double> x, y, w;  // box centres and widths
    double width = 0, height = 0;
};

/// `gaps`: per thread, the room its bowed edges' labels need right of its column.
Layout layout(const engine::Execution& exec, const std::set<std::size_t>& shownInits,
              const std::vector<std::string>& names, const std::map<int, double>& gaps) {
    Layout l;
    std::map<int, std::size_t> column, rows;
    for (const auto& e : exec.events)
        if (e.id.thread >= 0) column.emplace(e.id.thread, 0);
    std::size_t c = 0;
    for (auto& [t, col] : column) col = c++;
    const bool initRow = !shownInits.empty();
    // Column widths: threads' by their widest event; init writes take a slot each.
    std::vector<double> widths(std::max<std::size_t>({column.size(), shownInits.size(), 1}), kBoxW);
    std::vector<std::size_t> slot(exec.events.size(), 0);
    std::size_t inits = 0;
    for (std::size_t i = 0; i < exec.events.size(); ++i) {
        const auto& e = exec.events[i];
        slot[i] = e.id.thread >= 0 ? column[e.id.thread] : shownInits.count(i) ? inits++ : 0;
        widths[slot[i]] = std::max(widths[slot[i]], boxWidth(eventLines(e, names[i])));
    }
    std::vector<double> gap(widths.size(), kColumn - kBoxW);
    for (const auto& [t, g] : gaps)
        if (column.count(t)) gap[column[t]] = std::max(gap[column[t]], g);
    std::vector<double> left{kMargin};
    for (std::size_t k = 0; k < widths.size(); ++k) left.push_back(left.back() + widths[k] + gap[k]);
    for (std::size_t i = 0; i < exec.events.size(); ++i) {
        const auto& e = exec.events[i];
        l.w.push_back(widths[slot[i]]);
        l.x.push_back(left[slot[i]] + widths[slot[i]] / 2);
        if (e.id.thread < 0) {
            l.y.push_back(kTitle + kMargin + kBoxH / 2);
            continue;
        }
        const std::size_t row = rows[e.id.thread]++ + (initRow ? 1 : 0);
        l.y.push_back(kTitle + kMargin + 22 + kBoxH / 2 + static_cast<double>(row) * kRow + (initRow ? kInitGap : 0));
    }
    std::size_t maxRows = initRow ? 1 : 0;
    for (auto& [t, n] : rows) maxRows = std::max(maxRows, n + (initRow ? 1 : 0));
    const std::size_t used = std::max<std::size_t>(column.size(), initRow ? inits : 0);
    const std::size_t last = std::max<std::size_t>(used, 1) - 1;
    l.width = left[last] + widths[last] + std::max(gap[last], kColumn - kBoxW + 40) + kMargin - (kColumn - kBoxW);
    l.height = kTitle + 2 * kMargin + 22 + static_cast<double>(maxRows) * kRow + 30 + (initRow ? kInitGap : 0);
    return l;
}

/// What an edge is labelled: `via:relation` when it unfolds an operand, but a step of a
/// highlighted sequence by the step alone.
std::string edgeLabel(const engine::ExplainEdge& e, bool highlighted) {
    return e.via.empty() || (highlighted && e.step) ? e.relation : e.via + ":" + e.relation;
}

/// The relations every picture draws; the model's others are drawn dashed.
bool baseRelation(const std::string& r) { return r == "po" || r == "rf" || r == "co" || r == "fr"; }

/// The edge labels of one picture, drawn over everything; each placed clear of the earlier
/// ones, moved down (or up) a line at a time when it would cover one.
struct Labels {
    std::ostringstream out;
    std::vector<std::array<double, 4>> placed;  // x, y, width, height

    double clearY(double x, double y, double w) const {
        auto clashes = [&](double yy) {
            return std::any_of(placed.begin(), placed.end(), [&](const std::array<double, 4>& r) {
                return x < r[0] + r[2] + 2 && r[0] < x + w + 2 && yy < r[1] + r[3] + 1 && r[1] < yy + 16 + 1;
            });
        };
        for (int k = 0; k < 8; ++k)
            for (double dy : {17.0 * k, -17.0 * k})
                if (!clashes(y + dy)) return y + dy;
        return y;
    }
};

/// One edge as a curve between box borders, bowed to the side so that edges between the same
/// columns do not lie on each other; its label at the middle.
void drawEdge(std::ostream& o, Labels& labels, const Layout& l, const engine::ExplainEdge& e, const std::string& name,
              bool bold, bool faded, double bend, const std::string& id) {
    double x1 = l.x[e.from], y1 = l.y[e.from], x2 = l.x[e.to], y2 = l.y[e.to];
    const std::string c = colour(e.relation);
    const double w1 = l.w[e.from], w2 = l.w[e.to];
    const bool sameColumn = std::abs(x1 - x2) < 1;
    double cx, cy;
    if (sameColumn) {
        // Down (or up) one column: straight for adjacent po, else bowed out to the right.
        const bool adjacent = e.relation == "po" && std::abs(y2 - y1) <= kRow + 1;
        const double dir = y2 > y1 ? 1 : -1;
        y1 += dir * kBoxH / 2;
        y2 -= dir * kBoxH / 2;
        cx = adjacent ? x1 : x1 + w1 / 2 + 30 + 18 * bend;
        if (!adjacent) {
            x1 += w1 / 2 - 10;
            x2 += w2 / 2 - 10;
        }
        cy = (y1 + y2) / 2;
    } else {
        const double dir = x2 > x1 ? 1 : -1;
        x1 += dir * w1 / 2;
        x2 -= dir * w2 / 2;
        cx = (x1 + x2) / 2;
        // An edge that skips columns bows away from the boxes between.
        const double span = std::abs(x2 - x1) > kColumn ? 0.12 * std::abs(x2 - x1) : 0;
        cy = (y1 + y2) / 2 + 16.0 * bend + span;
    }
    const double opacity = faded ? 0.45 : 1.0;
    o << "<path id=\"" << id << "\" class=\"edge " << escape(e.relation) << (bold ? " cycle" : "") << "\" d=\"M" << fmt(x1)
      << ',' << fmt(y1) << " Q" << fmt(cx) << ',' << fmt(cy) << ' ' << fmt(x2) << ',' << fmt(y2) << "\" fill=\"none\" stroke=\""
      << c << "\" stroke-width=\"" << (bold ? 3.2 : 1.6) << (bold || baseRelation(e.relation) ? "" : "\" stroke-dasharray=\"6 3")
      << "\" opacity=\"" << opacity << "\" marker-end=\"url(#" << (bold ? "b" : "a") << c.substr(1)
      << ")\"/>\n";
    // The label on the curve (a quadratic Bezier): at its middle within a column, nearer the
    // source between columns, so that two edges crossing between the same columns keep
    // their labels apart.
    const double t = sameColumn ? 0.5 : 0.3;
    const double lx = (1 - t) * (1 - t) * x1 + 2 * t * (1 - t) * cx + t * t * x2;
    double ly = (1 - t) * (1 - t) * y1 + 2 * t * (1 - t) * cy + t * t * y2;
    const double w = 7.2 * static_cast<double>(characters(name)) + 8;
    // Beside an edge bowed out of one column the label starts at the curve and runs right,
    // into the gap between the columns, not over the boxes; labels are drawn over the boxes.
    const double left = sameColumn && std::abs(cx - x1) > 1 ? lx - 6 : lx - w / 2;
    ly = labels.clearY(left, ly - 9, w) + 9;
    labels.placed.push_back({left, ly - 9, w, 16});
    labels.out << "<g class=\"label\" opacity=\"" << opacity << "\"><rect x=\"" << fmt(left) << "\" y=\"" << fmt(ly - 9)
      << "\" width=\"" << fmt(w) << "\" height=\"16\" rx=\"3\" fill=\"white\" stroke=\"" << c << "\" stroke-width=\""
      << (bold ? 1.5 : 0.6) << "\"/><text x=\"" << fmt(left + w / 2) << "\" y=\"" << fmt(ly + 3.5)
      << "\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"" << (bold ? "bold" : "normal") << "\" fill=\"" << c
      << "\">" << escape(name) << "</text></g>\n";
}

void drawEvent(std::ostream& o, const Layout& l, const engine::ExecutionEvent& e, const std::string& name, std::size_t i,
               bool onCycle) {
    const double x = l.x[i] - l.w[i] / 2, y = l.y[i] - kBoxH / 2;
    const auto [head, sub] = eventLines(e, name);
    o << "<g class=\"event\"><rect x=\"" << fmt(x) << "\" y=\"" << fmt(y) << "\" width=\"" << fmt(l.w[i]) << "\" height=\""
      << kBoxH << "\" rx=\"7\" fill=\"" << (onCycle ? "#fef3c7" : "#f9fafb") << "\" stroke=\""
      << (onCycle ? "#b45309" : "#9ca3af") << "\" stroke-width=\"" << (onCycle ? 2 : 1) << "\"/>\n";
    o << "<text x=\"" << fmt(x + 10) << "\" y=\"" << fmt(y + 19) << "\" font-size=\"14\" font-weight=\"bold\" fill=\"#111827\">"
      << escape(head) << "</text>\n";
    o << "<text x=\"" << fmt(x + 10) << "\" y=\"" << fmt(y + 36)
      << "\" font-size=\"11\" font-family=\"monospace\" fill=\"#4b5563\">" << escape(sub) << "</text></g>\n";
}

/// One picture, its top at `top`; returns its height.
double drawPicture(std::ostream& o, const Picture& p, double top, double& width, std::size_t index) {
    const auto& x = *p.execution;
    const auto names = engine::eventNames(x);
    std::vector<engine::ExplainEdge> edges = p.edges;
    std::set<std::size_t> inits, onCycle;
    for (const auto& e : p.highlight) onCycle.insert({e.from, e.to});
    for (const auto* list : {&p.edges, &p.highlight})
        for (const auto& e : *list)
            for (std::size_t i : {e.from, e.to})
                if (x.events[i].id.thread < 0) inits.insert(i);
    // An edge between two events of one thread that are not next to each other bows out right
    // of the column, its label in the gap after it: the gap grows to hold the label.
    std::map<int, double> gaps;
    for (const auto* list : {&p.edges, &p.highlight})
        for (const auto& e : *list) {
            const auto &a = x.events[e.from].id, &b = x.events[e.to].id;
            const bool nextInPo = e.relation == "po" && (a.index + 1 == b.index || b.index + 1 == a.index);
            if (a.thread < 0 || a.thread != b.thread || nextInPo || e.from == e.to) continue;
            gaps[a.thread] = std::max(gaps[a.thread], 7.2 * static_cast<double>(characters(edgeLabel(e, list == &p.highlight))) + 48);
        }
    const Layout l = layout(x, inits, names, gaps);
    width = std::max({width, l.width, 2 * kMargin + 8.4 * static_cast<double>(p.title.size())});
    o << "<g transform=\"translate(0," << fmt(top) << ")\">\n";
    o << "<text x=\"" << kMargin << "\" y=\"" << 24 << "\" font-size=\"15\" font-weight=\"bold\" fill=\"#111827\">"
      << escape(p.title) << "</text>\n";
    std::map<int, int> headed;
    for (std::size_t i = 0; i < x.events.size(); ++i)
        if (x.events[i].id.thread >= 0 && !headed[x.events[i].id.thread]++)
            o << "<text x=\"" << fmt(l.x[i]) << "\" y=\"" << fmt(l.y[i] - kBoxH / 2 - 10)
              << "\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"#374151\">P"
              << x.events[i].id.thread << "</text>\n";
    // Edges under the events; a highlighted edge replaces a plain one between the same events.
    // The edges between two events fan out around the straight line, 36 px apart.
    std::map<std::pair<std::size_t, std::size_t>, int> total, seen;
    auto key = [](const engine::ExplainEdge& e) { return std::pair{std::min(e.from, e.to), std::max(e.from, e.to)}; };
    auto covered = [&](const engine::ExplainEdge& e) {
        return std::any_of(p.highlight.begin(), p.highlight.end(),
                           [&](const engine::ExplainEdge& h) { return h.from == e.from && h.to == e.to; });
    };
    for (const auto& e : edges)
        if (!covered(e)) ++total[key(e)];
    for (const auto& e : p.highlight) ++total[key(e)];
    auto bendOf = [&](const engine::ExplainEdge& e) {
        const auto k = key(e);
        return 36.0 * (seen[k]++ - (total[k] - 1) / 2.0) / 16.0;
    };
    std::size_t id = 0;
    Labels labels;
    const std::string prefix = "p" + std::to_string(index) + "e";
    for (const auto& e : edges) {
        if (!covered(e) && e.from != e.to)
            drawEdge(o, labels, l, e, edgeLabel(e, false), false, !p.highlight.empty(), bendOf(e),
                     prefix + std::to_string(id++));
    }
    for (const auto& e : p.highlight)
        if (e.from != e.to)
            drawEdge(o, labels, l, e, edgeLabel(e, true), true, false, bendOf(e),
                     prefix + std::to_string(id++));
    for (std::size_t i = 0; i < x.events.size(); ++i)
        if (x.events[i].id.thread >= 0 || inits.count(i)) drawEvent(o, l, x.events[i], names[i], i, onCycle.count(i) > 0);
    o << labels.out.str() << "</g>\n";
    return l.height;
}

}  // namespace

std::string svgDocument(const std::vector<Picture>& pictures) {
    std::ostringstream body;
    double top = 0, width = 420;
    for (std::size_t i = 0; i < pictures.size(); ++i)
        if (pictures[i].execution) top += drawPicture(body, pictures[i], top, width, i);
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << fmt(width) << "\" height=\"" << fmt(std::max(top, 60.0))
      << "\" viewBox=\"0 0 " << fmt(width) << ' ' << fmt(std::max(top, 60.0))
      << "\" font-family=\"Helvetica, Arial, sans-serif\">\n";
    o << "<defs>\n";
    for (const std::string c : {"#6b7280", "#dc2626", "#2563eb", "#ea580c", "#059669", "#7c3aed", "#0891b2", "#be185d",
                                 "#65a30d", "#b45309"})
        for (const char* kind : {"a", "b"})
            o << "<marker id=\"" << kind << c.substr(1) << "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\""
              << (*kind == 'a' ? 7 : 5) << "\" markerHeight=\"" << (*kind == 'a' ? 7 : 5)
              << "\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" << c << "\"/></marker>\n";
    o << "</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    if (pictures.empty())
        o << "<text x=\"20\" y=\"34\" font-size=\"14\" fill=\"#4b5563\">no execution to draw</text>\n";
    o << body.str() << "</svg>\n";
    return o.str();
}

std::string dotDocument(const std::vector<Picture>& pictures) {
    auto quote = [](const std::string& s) {
        std::string out = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            if (c != '\n') out += c;
        }
        return out + "\"";
    };
    std::ostringstream o;
    o << "digraph memlit {\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f9fafb\", fontname=\"Helvetica\"];\n";
    for (std::size_t k = 0; k < pictures.size(); ++k) {
        const auto& p = pictures[k];
        if (!p.execution) continue;
        const auto& x = *p.execution;
        const auto names = engine::eventNames(x);
        const std::string pre = "p" + std::to_string(k) + "_";
        o << "  subgraph cluster_" << k << " {\n    label=" << quote(p.title) << ";\n";
        std::map<int, std::vector<std::size_t>> threads;
        for (std::size_t i = 0; i < x.events.size(); ++i) threads[x.events[i].id.thread].push_back(i);
        for (const auto& [t, evs] : threads) {
            o << "    subgraph cluster_" << k << "_" << (t < 0 ? std::string("init") : "P" + std::to_string(t))
              << " {\n      label=" << quote(t < 0 ? "init" : "P" + std::to_string(t)) << ";\n";
            for (std::size_t i : evs)
                o << "      " << pre << names[i] << " [label=" << quote(names[i] + ": " + engine::eventLabel(x.events[i]) +
                                                                  (x.events[i].text.empty() ? "" : "\\n" + x.events[i].text))
                  << "];\n";
            o << "    }\n";
        }
        for (const auto& e : p.edges)
            o << "    " << pre << names[e.from] << " -> " << pre << names[e.to]
              << " [label=" << quote(e.via.empty() ? e.relation : e.via + ":" + e.relation) << ", color=" << quote(colour(e.relation))
              << ", fontcolor=" << quote(colour(e.relation)) << (baseRelation(e.relation) ? "" : ", style=dashed") << "];\n";
        for (const auto& e : p.highlight)
            o << "    " << pre << names[e.from] << " -> " << pre << names[e.to] << " [label="
              << quote(e.via.empty() || e.step ? e.relation : e.via + ":" + e.relation) << ", color=" << quote(colour(e.relation))
              << ", fontcolor=" << quote(colour(e.relation)) << ", penwidth=3, style=bold];\n";
        o << "  }\n";
    }
    o << "}\n";
    return o.str();
}

std::vector<Picture> explanationPictures(const ExplainReport& r) {
    std::vector<Picture> out;
    if (!r.explanation) return out;
    const auto& x = *r.explanation;
    for (const auto& s : x.states) {
        const std::string state = litmus::formatState(x.places, s.state);
        if (s.allowed && s.witness) {
            auto edges = engine::executionEdges(*s.witness);
            edges.insert(edges.end(), s.witnessEdges.begin(), s.witnessEdges.end());
            out.push_back({state + " allowed by " + r.model, &*s.witness, edges, {}});
        }
        for (const auto& rej : s.rejections)
            out.push_back({state + " forbidden by " + r.model + ": " + axiomText(rej.axiom), &rej.execution,
                           engine::executionEdges(rej.execution), rej.cycle});
    }
    return out;
}

}  // namespace memlit::report
