#include "runner/GoGenerator.hpp"

#include "litmus/GoSyntax.hpp"
#include "litmus/Lexer.hpp"
#include "litmus/State.hpp"
#include "runner/Process.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace memlit::runner {

namespace {

namespace go = litmus::go;
using go::Token;

/// The runtime half of every generated program: the round loop, the start line and the
/// protocol printer. `memlitRound` (generated) starts one round's goroutines.
const char* const kGoRuntime = R"GO(
// ---- memlit runtime ----

var memlitObs [memlitNObs]int64
var memlitDone sync.WaitGroup
var memlitGo atomic.Int32

// memlitStart holds a goroutine at the start line until main opens it, so the goroutines of
// a round start together. The line orders main's reset before every goroutine, nothing else.
func memlitStart(f func()) {
	for spins := 0; memlitGo.Load() == 0; spins++ {
		if spins > 100 {
			runtime.Gosched()
			spins = 0
		}
	}
	f()
}

func memlitInt(v any) int64 {
	switch t := v.(type) {
	case bool:
		if t {
			return 1
		}
		return 0
	case int:
		return int64(t)
	case int8:
		return int64(t)
	case int16:
		return int64(t)
	case int32:
		return int64(t)
	case int64:
		return t
	case uint:
		return int64(t)
	case uint8:
		return int64(t)
	case uint16:
		return int64(t)
	case uint32:
		return int64(t)
	case uint64:
		return int64(t)
	case uintptr:
		return int64(t)
	}
	panic(fmt.Sprintf("memlit: cannot observe a value of type %T", v))
}

func main() {
	n := flag.Int64("n", 0, "iterations (0: until -s runs out)")
	s := flag.Float64("s", 1, "seconds (0: until -n runs out)")
	flag.Parse()
	if *n <= 0 && *s <= 0 {
		fmt.Fprintln(os.Stderr, "usage: harness [-n ITERATIONS] [-s SECONDS]")
		os.Exit(2)
	}
	hist := make(map[[memlitNObs]int64]uint64)
	begin := time.Now()
	var done int64
	for (*n <= 0 || done < *n) && (*s <= 0 || time.Since(begin).Seconds() < *s) {
		memlitReset()
		memlitObs = [memlitNObs]int64{}
		memlitGo.Store(0)
		memlitRound()
		memlitGo.Store(1)
		memlitDone.Wait()
		memlitFinal()
		hist[memlitObs]++
		done++
	}
	elapsed := time.Since(begin).Seconds()
	fmt.Printf("memlit-harness 1\nthreads %d cpus %d pinned 0\niterations %d\nseconds %.6f\n",
		memlitThreads, runtime.NumCPU(), done, elapsed)
	for k, c := range hist {
		fmt.Printf("state %d", c)
		for _, v := range k {
			fmt.Printf(" %d", v)
		}
		fmt.Println()
	}
	fmt.Println("end")
}
)GO";

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

/// Locals a body declares at its top level (`r := e`, `a, b := e`, `var r, s int`): the only
/// ones still in scope at its end, where the observed ones are saved and the rest marked used.
std::vector<std::string> topLevelLocals(const std::vector<Token>& toks, std::size_t open, std::size_t close) {
    std::vector<std::string> names;
    auto add = [&](const std::string& n) {
        if (n != "_" && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    };
    int depth = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        const Token& t = toks[i];
        if (t.punct("{") || t.punct("(")) ++depth;
        else if (t.punct("}") || t.punct(")")) --depth;
        if (depth != 0) continue;
        if (t.ident("var")) {
            for (std::size_t j = i + 1; j < close && toks[j].kind == Token::Kind::Ident; j += 2) {
                add(toks[j].text);
                if (!(j + 1 < close && toks[j + 1].punct(","))) break;
            }
        } else if (t.punct(":=")) {
            std::vector<std::string> lhs;
            std::size_t j = i;
            while (j > open + 1 && toks[j - 1].kind == Token::Kind::Ident) {
                lhs.push_back(toks[j - 1].text);
                if (j - 1 > open + 1 && toks[j - 2].punct(",")) j -= 2;
                else {
                    --j;
                    break;
                }
            }
            // `if r := ...`, `for i := ...`: scoped to the statement, not the body.
            const bool scoped = j > open + 1 && (toks[j - 1].ident("if") || toks[j - 1].ident("for") ||
                                                 toks[j - 1].ident("switch"));
            if (!scoped)
                for (auto it = lhs.rbegin(); it != lhs.rend(); ++it) add(*it);
        }
    }
    return names;
}

class Generator {
public:
    Generator(const litmus::LitmusTest& test, Diagnostics& diags)
        : test_(test), diags_(diags), src_(test.goSource) {}

    std::optional<GoProgram> run() {
        std::size_t stop = 0;
        const std::size_t begin = test_.goSource.find_first_not_of(" \t\r\n");
        auto parsed = go::parseGoProgram(src_, begin, test_.file, diags_, stop);
        if (!parsed) return std::nullopt;
        prog_ = std::move(*parsed);
        const auto& toks = prog_.tokens;
        if (!checkSupported()) return std::nullopt;
        places_ = litmus::observedPlaces(test_);

        std::ostringstream o;
        o << "// Generated by memlit from the Go litmus test " << test_.name
          << ": runs its goroutines\n// many times and prints the histogram of final states "
             "(protocol memlit-harness 1).\n"
          << "package main\n\nimport (\n\t\"flag\"\n\t\"fmt\"\n\t\"os\"\n\t\"runtime\"\n\t\"sync\"\n"
          << "\t\"sync/atomic\"\n\t\"time\"\n)\n\n// ---- the test's declarations ----\n\n";
        std::size_t close = matching(0);
        o << trim(text(0, close)) << "\n";

        o << "\n// ---- the test's functions ----\n";
        for (const auto& [name, f] : prog_.helpers)
            o << "\nfunc " << name << "() {\n\t" << trim(text(f.open, f.close)) << "\n}\n";
        for (std::size_t g = 0; g < prog_.goroutines.size(); ++g) {
            const auto& f = prog_.goroutines[g];
            o << "\nfunc " << f.name << "() {\n\tdefer memlitDone.Done()\n\t" << trim(text(f.open, f.close))
              << "\n";
            auto locals = topLevelLocals(toks, f.open, f.close);
            for (std::size_t k = 0; k < places_.size(); ++k) {
                const auto& p = places_[k];
                if (p.thread != static_cast<int>(g)) continue;
                if (std::find(locals.begin(), locals.end(), p.name) == locals.end()) {
                    diags_.unsupported(test_.file, f.loc,
                                       "observing '" + p.name + "', which " + f.name +
                                           " does not declare at the top level of its body (memlit run)");
                    return std::nullopt;
                }
                o << "\tmemlitObs[" << k << "] = memlitInt(" << p.name << ")\n";
            }
            for (const auto& l : locals) {
                bool observed = std::any_of(places_.begin(), places_.end(), [&](const litmus::Place& p) {
                    return p.thread == static_cast<int>(g) && p.name == l;
                });
                if (!observed) o << "\t_ = " << l << "\n";
            }
            o << "}\n";
        }

        o << "\n// ---- generated for this test ----\n\nconst memlitNObs = " << places_.size()
          << "\nconst memlitThreads = " << prog_.goroutines.size() << "\n";
        o << "\n// memlitReset gives every variable its initial value before a round.\nfunc memlitReset() {\n";
        for (const auto& [name, g] : prog_.globals) o << resetLine(name, g);
        o << "}\n\n// memlitRound starts the goroutines no go statement starts.\nfunc memlitRound() {\n"
          << "\tmemlitDone.Add(" << prog_.goroutines.size() << ")\n";
        for (const auto& f : prog_.goroutines)
            if (!startedByGo_.count(f.name)) o << "\tgo memlitStart(" << f.name << ")\n";
        o << "}\n\n// memlitFinal reads the observed variables after a round.\nfunc memlitFinal() {\n";
        for (std::size_t k = 0; k < places_.size(); ++k) {
            const auto& p = places_[k];
            if (p.isRegister()) continue;
            auto it = prog_.globals.find(p.name);
            if (it == prog_.globals.end() ||
                (it->second.kind != go::GlobalKind::Plain && it->second.kind != go::GlobalKind::Atomic)) {
                diags_.unsupported(test_.file, test_.condition.loc,
                                   "observing '" + p.name + "', which is not a plain or atomic variable (memlit run)");
                return std::nullopt;
            }
            o << "\tmemlitObs[" << k << "] = memlitInt(" << p.name
              << (it->second.kind == go::GlobalKind::Atomic ? ".Load()" : "") << ")\n";
        }
        o << "}\n" << kGoRuntime;
        return GoProgram{o.str(), places_, static_cast<int>(prog_.goroutines.size())};
    }

private:
    std::string text(std::size_t openTok, std::size_t closeTok) const {
        const auto& toks = prog_.tokens;
        const std::size_t b = toks[openTok].end, e = toks[closeTok].offset;
        return std::string(src_.text().substr(b, e - b));
    }

    std::size_t matching(std::size_t open) const {
        int depth = 0;
        for (std::size_t i = open; i < prog_.tokens.size(); ++i) {
            if (prog_.tokens[i].punct("{")) ++depth;
            else if (prog_.tokens[i].punct("}") && --depth == 0) return i;
        }
        return prog_.tokens.size() - 1;
    }

    SourceLoc locOf(const Token& t) const { return src_.locOf(t.offset); }

    /// Refuses what the generated program cannot run faithfully yet.
    bool checkSupported() {
        const auto& toks = prog_.tokens;
        bool ok = true;
        auto refuse = [&](SourceLoc loc, const std::string& what) {
            diags_.unsupported(test_.file, loc, what + " (memlit run)");
            ok = false;
        };
        for (const auto& [name, g] : prog_.globals)
            if (g.kind == go::GlobalKind::Chan) refuse(g.loc, "channels");
        if (!prog_.structs.empty() || !prog_.allocs.empty())
            refuse(toks.empty() ? SourceLoc{} : locOf(toks[0]), "structs, allocation and pointers");
        for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
            if (!toks[i].ident("go")) continue;
            if (toks[i + 1].ident("func")) {
                refuse(locOf(toks[i]), "go statements with a function literal");
            } else if (toks[i + 1].kind == Token::Kind::Ident) {
                const std::string& callee = toks[i + 1].text;
                bool declared = std::any_of(prog_.goroutines.begin(), prog_.goroutines.end(),
                                            [&](const go::Func& f) { return f.name == callee; });
                if (!declared) refuse(locOf(toks[i]), "go statements starting a helper function");
                else if (!startedByGo_.insert(callee).second)
                    refuse(locOf(toks[i]), "a goroutine started by two go statements");
            }
        }
        return ok;
    }

    std::string resetLine(const std::string& name, const go::Global& g) const {
        std::int64_t v = 0;
        for (const auto& e : prog_.init)
            if (!e.place.isRegister() && e.place.name == name) v = e.value.num;
        const bool isBool = g.type == "bool" || g.type == "atomic.Bool";
        const std::string value = isBool ? (v != 0 ? "true" : "false") : std::to_string(v);
        if (g.kind == go::GlobalKind::Plain) return "\t" + name + " = " + value + "\n";
        std::string s = "\t" + name + " = *new(" + g.type + ")\n";
        if (g.kind == go::GlobalKind::Atomic && v != 0) s += "\t" + name + ".Store(" + value + ")\n";
        return s;
    }

    const litmus::LitmusTest& test_;
    Diagnostics& diags_;
    litmus::SourceText src_;
    go::Program prog_;
    std::vector<litmus::Place> places_;
    std::set<std::string> startedByGo_;
};

}  // namespace

std::optional<GoProgram> generateGoProgram(const litmus::LitmusTest& test, Diagnostics& diags) {
    if (test.goSource.empty()) {
        diags.unsupported(test.file, {}, "a Go test without its program text (memlit run)");
        return std::nullopt;
    }
    return Generator(test, diags).run();
}

std::vector<std::string> goBuildCommand(const RunOptions& options, const std::string& source,
                                        const std::string& binary) {
    std::vector<std::string> cmd{options.go, "build"};
    if (options.race) cmd.push_back("-race");
    cmd.insert(cmd.end(), {"-o", binary, source});
    return cmd;
}

std::optional<std::string> goVersion(const std::string& go, std::string& error) {
    auto r = runProcess({go, "version"}, 30);
    if (!r.succeeded()) {
        error = "Go toolchain '" + go + "' " + r.describe() +
                (r.status == ProcessResult::Status::SpawnFailed ? " (install golang-go)" : "");
        return std::nullopt;
    }
    return r.out.substr(0, r.out.find('\n'));
}

HarnessRun buildAndRunGo(const GoProgram& program, const RunOptions& options) {
    HarnessBuild b;
    b.code = program.code;
    b.sourceName = "main.go";
    b.places = program.places;
    b.buildCommand = goBuildCommand(options, "SRC", "BIN");
    b.builderName = "go build";
    b.missingBuilder = "cannot run the Go toolchain '" + options.go + "' (install golang-go)";
    b.what = "the Go harness";
    if (options.iterations > 0) b.runArgs.insert(b.runArgs.end(), {"-n", std::to_string(options.iterations)});
    std::ostringstream s;
    s << (options.iterations == 0 || options.seconds > 0 ? options.seconds : 0.0);
    b.runArgs.insert(b.runArgs.end(), {"-s", s.str()});
    // A race-enabled binary that saw a race exits with status 66 after a normal run.
    if (options.race) b.raceExitCode = 66;
    return buildAndRun(b, options);
}

TestReport runGoTest(const litmus::LitmusTest& test, const ModelVerdict& verdict,
                     const RunOptions& options) {
    Diagnostics diags;
    auto program = generateGoProgram(test, diags);
    if (!program) {
        std::ostringstream msg;
        diags.print(msg);
        return judge(test, failedRun(RunStatus::Unsupported, outputTail(msg.str())), verdict);
    }
    return judge(test, buildAndRunGo(*program, options), verdict);
}

}  // namespace memlit::runner
