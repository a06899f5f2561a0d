#include "runner/HarnessRuntime.hpp"

namespace memlit::runner {

// How a harness prints what it saw: herd's state order, JSON strings, the host and compiler,
// and the litmus7-style JSON document of one test (`-j`, used by emitted directories).
const char* harnessOutput() {
    return R"MEMLIT(
static void memlit_format_value(char* buf, size_t n, const memlit_key* k, int j) {
    if (k->sym >> j & 1)
        snprintf(buf, n, "%s", memlit_loc_names[k->v[j]]);
    else
        snprintf(buf, n, "%lld", (long long)k->v[j]);
}

/* herd's order: value by value, numbers below addresses (locations are sorted by name). */
static int memlit_entry_cmp(const void* pa, const void* pb) {
    const memlit_key* a = &((const memlit_entry*)pa)->key;
    const memlit_key* b = &((const memlit_entry*)pb)->key;
    for (int j = 0; j < MEMLIT_NOBS; ++j) {
        int sa = (int)(a->sym >> j & 1), sb = (int)(b->sym >> j & 1);
        if (sa != sb) return sa - sb;
        if (a->v[j] != b->v[j]) return a->v[j] < b->v[j] ? -1 : 1;
    }
    return 0;
}

static void memlit_json_string(FILE* f, const char* s) {
    fputc('"', f);
    for (; *s; ++s) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

static void memlit_state_text(char* buf, size_t n, const memlit_key* k) {
    size_t used = 0;
    buf[0] = 0;
    for (int j = 0; j < MEMLIT_NOBS && used < n; ++j) {
        char v[64];
        memlit_format_value(v, sizeof v, k, j);
        used += (size_t)snprintf(buf + used, n - used, "%s%s=%s;", j ? " " : "", memlit_obs_names[j], v);
    }
}

static void memlit_cpu_model(char* buf, size_t n) {
    snprintf(buf, n, "unknown");
    FILE* f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) && strncmp(line, "Model", 5) && strncmp(line, "uarch", 5)) continue;
        char* colon = strchr(line, ':');
        if (!colon) continue;
        colon += 1 + (colon[1] == ' ');
        colon[strcspn(colon, "\n")] = 0;
        snprintf(buf, n, "%s", colon);
        break;
    }
    fclose(f);
}

#ifndef MEMLIT_CXXFLAGS
#define MEMLIT_CXXFLAGS ""
#endif
#ifndef MEMLIT_CXX
#define MEMLIT_CXX "c++"
#endif

static void memlit_json_host(FILE* f) {
    char cpu[256];
    memlit_cpu_model(cpu, sizeof cpu);
    fprintf(f, "\"memlit\": \"harness\",\n\"host\": {\"cpu\": ");
    memlit_json_string(f, cpu);
    fprintf(f, ", \"cores\": %ld},\n\"compiler\": {\"command\": ", sysconf(_SC_NPROCESSORS_ONLN));
    memlit_json_string(f, MEMLIT_CXX);
    fprintf(f, ", \"version\": ");
    memlit_json_string(f, __VERSION__);
    fprintf(f, ", \"flags\": ");
    memlit_json_string(f, MEMLIT_CXXFLAGS);
    fprintf(f, "},\n\"model\": ");
    memlit_json_string(f, memlit_model);
}

/* How the run happened, as `memlit run` says it: "hardware", or "emulated (qemu-aarch64)" when
   the emitted Makefile runs the harness through an emulator (`-x`). */
static const char* memlit_execution = "hardware";

static void memlit_json_test(FILE* f, memlit_entry* es, size_t n, long iterations, double seconds,
                             int ncpus, int pinned, int workers) {
    unsigned long long positive = 0, negative = 0, forbidden = 0;
    char text[4096];
    fprintf(f, "{\"name\": ");
    memlit_json_string(f, memlit_test_name);
    fprintf(f, ", \"arch\": ");
    memlit_json_string(f, memlit_arch);
    fprintf(f, ", \"execution\": ");
    memlit_json_string(f, memlit_execution);
    fprintf(f, ", \"status\": \"ok\", \"message\": \"\", \"threads\": %d, \"cpus\": %d, \"pinned\": %s, \"workers\": %d,\n",
            MEMLIT_NTHREADS, ncpus, pinned ? "true" : "false", workers);
    fprintf(f, " \"iterations\": %ld, \"seconds\": %.6f, \"condition\": ", iterations, seconds);
    memlit_json_string(f, memlit_cond_text);
    fprintf(f, ",\n \"histogram\": [");
    for (size_t i = 0; i < n; ++i) {
        int allowed = 0;
        for (int a = 0; a < MEMLIT_NALLOWED; ++a) {
            memlit_key k;
            memlit_allowed_key(a, &k);
            if (memlit_key_eq(&k, &es[i].key)) allowed = 1;
        }
        int cond = memlit_cond(&es[i].key);
        if (cond) positive += es[i].count; else negative += es[i].count;
        if (!allowed) ++forbidden;
        memlit_state_text(text, sizeof text, &es[i].key);
        fprintf(f, "%s\n  {\"state\": ", i ? "," : "");
        memlit_json_string(f, text);
        fprintf(f, ", \"count\": %llu, \"allowed\": %s, \"condition\": %s}",
                (unsigned long long)es[i].count, allowed ? "true" : "false", cond ? "true" : "false");
    }
    fprintf(f, "],\n \"unseen\": [");
    int first = 1;
    for (int a = 0; a < MEMLIT_NALLOWED; ++a) {
        int seen = 0;
        memlit_key k;
        memlit_allowed_key(a, &k);
        for (size_t i = 0; i < n; ++i)
            if (memlit_key_eq(&k, &es[i].key)) seen = 1;
        if (seen) continue;
        memlit_state_text(text, sizeof text, &k);
        fprintf(f, "%s\n  {\"state\": ", first ? "" : ",");
        memlit_json_string(f, text);
        fprintf(f, ", \"condition\": %s}", memlit_cond(&k) ? "true" : "false");
        first = 0;
    }
    int ok = memlit_quantifier == 0 ? positive > 0 : memlit_quantifier == 1 ? positive == 0 : negative == 0;
    const char* obs = positive == 0 ? "Never" : negative == 0 ? "Always" : "Sometimes";
    fprintf(f, "],\n \"verdict\": {\"ok\": %s, \"observation\": \"%s\", \"positive\": %llu, \"negative\": %llu, \"forbidden\": %llu}}",
            ok ? "true" : "false", obs, positive, negative, forbidden);
}

)MEMLIT";
}

}  // namespace memlit::runner
