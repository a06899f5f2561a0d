#include "runner/HarnessRuntime.hpp"

namespace memlit::runner {

// The harness is plain C-like C++ over <pthread.h> on purpose: it compiles in a fraction of
// the time <thread>/<unordered_map> take, and it must build on any machine with g++ or clang++.
// Protocol (stdout): `memlit-harness 1`, `threads T cpus C pinned P`, `iterations N`,
// `seconds S`, then `state COUNT V...` (V is an integer or `@loc` for a location's address),
// then `end`.
const char* harnessRuntime() {
    return R"MEMLIT(
/* ---- memlit harness runtime ---- */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MEMLIT_LINE 8 /* int64 slots per 64-byte cache line: one location per line */

struct alignas(64) memlit_slot {
    int64_t v;
};

struct memlit_key {
    int64_t v[MEMLIT_NOBS + 1];
    uint64_t sym; /* bit j: value j is the address of location v[j] */
};

struct memlit_entry {
    memlit_key key;
    uint64_t count;
    int used;
};

struct memlit_table {
    memlit_entry* e;
    size_t cap, n;
};

struct memlit_ctx {
    int64_t* mem;
    long stride; /* int64 slots between instances */
    long instances;
    long sync_every; /* instances each thread runs between two start lines */
    int64_t* out[MEMLIT_NTHREADS];
    /* Workers: one pinned OS thread per CPU at most. With no more test threads than CPUs each
       worker runs one test thread; with more, each round deals the test threads out anew at
       random and a worker runs its threads' code in turn for each instance, a full fence
       between two of them (so one thread's stores are visible to all before the next runs,
       as if it had run earlier on a CPU of its own). */
    int nworkers;
    int assign[MEMLIT_NTHREADS][MEMLIT_NTHREADS]; /* test threads of worker w, in turn */
    int nassign[MEMLIT_NTHREADS];
    long rotate;   /* which of a worker's threads goes first at instance 0 of this round */
    uint64_t rng;  /* xorshift state for the deal */
    memlit_slot pos[MEMLIT_NTHREADS]; /* iterations each worker has started */
    memlit_slot starts[MEMLIT_NTHREADS]; /* start lines each worker has passed */
    alignas(64) int bar_count;
    alignas(64) int bar_sense;
    alignas(64) long count;
    long done;
    int stop;
    unsigned spin_limit;
    int pin;
    int cpus[MEMLIT_NTHREADS];
    long max_iter;
    double max_seconds;
    double start;
    int until_covered;                    /* -c: stop once every allowed state was seen */
    int covered[MEMLIT_NALLOWED + 1];     /* allowed state a seen in an earlier round */
    memlit_table tables[MEMLIT_NTHREADS];
};

static double memlit_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Spin, then yield: with more threads than CPUs a pure spin would wait for a preemption. */
static inline void memlit_relax(unsigned* n, unsigned limit) {
    if (++*n < limit) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
        __asm__ __volatile__("yield");
#endif
    } else {
        *n = 0;
        sched_yield();
    }
}

/* Per-instance start line: worker w announces iteration g, then waits for every other worker
   to reach it, so all workers run the same instance at nearly the same moment. */
static inline void memlit_sync(memlit_ctx* c, int w, long g) {
    __atomic_store_n(&c->pos[w].v, g, __ATOMIC_RELEASE);
    for (int u = 0; u < c->nworkers; ++u) {
        unsigned n = 0;
        while (__atomic_load_n(&c->pos[u].v, __ATOMIC_ACQUIRE) < g) memlit_relax(&n, c->spin_limit);
    }
}

static void memlit_barrier(memlit_ctx* c, int* sense) {
    int s = !*sense;
    *sense = s;
    if (__atomic_add_fetch(&c->bar_count, 1, __ATOMIC_ACQ_REL) == c->nworkers) {
        __atomic_store_n(&c->bar_count, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&c->bar_sense, s, __ATOMIC_RELEASE);
    } else {
        unsigned n = 0;
        while (__atomic_load_n(&c->bar_sense, __ATOMIC_ACQUIRE) != s) memlit_relax(&n, c->spin_limit);
    }
}

static uint64_t memlit_hash(const memlit_key* k) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ k->sym;
    for (int j = 0; j < MEMLIT_NOBS; ++j) {
        h ^= (uint64_t)k->v[j];
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 33;
    }
    return h;
}

static int memlit_key_eq(const memlit_key* a, const memlit_key* b) {
    if (a->sym != b->sym) return 0;
    for (int j = 0; j < MEMLIT_NOBS; ++j)
        if (a->v[j] != b->v[j]) return 0;
    return 1;
}

static void memlit_add(memlit_table* t, const memlit_key* k, uint64_t count);

static void memlit_grow(memlit_table* t) {
    memlit_table old = *t;
    t->cap = old.cap ? old.cap * 2 : 64;
    t->n = 0;
    t->e = (memlit_entry*)calloc(t->cap, sizeof(memlit_entry));
    if (!t->e) {
        fprintf(stderr, "memlit harness: out of memory\n");
        abort();
    }
    for (size_t i = 0; i < old.cap; ++i)
        if (old.e[i].used) memlit_add(t, &old.e[i].key, old.e[i].count);
    free(old.e);
}

static void memlit_add(memlit_table* t, const memlit_key* k, uint64_t count) {
    if (2 * (t->n + 1) > t->cap) memlit_grow(t);
    size_t i = (size_t)memlit_hash(k) & (t->cap - 1);
    while (t->e[i].used && !memlit_key_eq(&t->e[i].key, k)) i = (i + 1) & (t->cap - 1);
    if (!t->e[i].used) {
        t->e[i].used = 1;
        t->e[i].key = *k;
        ++t->n;
    }
    t->e[i].count += count;
}

static void memlit_reset(memlit_ctx* c, long i) {
    int64_t* m = c->mem + i * c->stride;
    for (int l = 0; l < MEMLIT_NLOCS; ++l)
        m[l * MEMLIT_LINE] = memlit_init_sym[l] >= 0
                                 ? (int64_t)(intptr_t)&m[memlit_init_sym[l] * MEMLIT_LINE]
                                 : memlit_init_num[l];
}

/* A value as its place's type holds it: w bytes, sign-extended (w > 0) or zero-extended (w < 0). */
static int64_t memlit_narrow(int64_t raw, int w) {
    switch (w) {
    case 1: return (int8_t)raw;
    case 2: return (int16_t)raw;
    case 4: return (int32_t)raw;
    case -1: return (uint8_t)raw;
    case -2: return (uint16_t)raw;
    case -4: return (uint32_t)raw;
    default: return raw;
    }
}

/* Reads the final state of instance i into a key: pointers become location indices. */
static void memlit_observe(memlit_ctx* c, long i, memlit_key* k) {
    int64_t* m = c->mem + i * c->stride;
    memset(k, 0, sizeof *k);
    for (int j = 0; j < MEMLIT_NOBS; ++j) {
        int th = memlit_obs_thread[j];
        int64_t raw = th >= 0 ? c->out[th][i * memlit_nout[th] + memlit_obs_index[j]]
                              : m[memlit_obs_index[j] * MEMLIT_LINE];
        int sym = -1;
        for (int l = 0; l < MEMLIT_NLOCS; ++l)
            if (raw == (int64_t)(intptr_t)&m[l * MEMLIT_LINE]) sym = l;
        if (sym >= 0) {
            k->v[j] = sym;
            k->sym |= 1ull << j;
        } else {
            k->v[j] = memlit_narrow(raw, memlit_obs_width[j]);
        }
    }
}

static void memlit_run_body(int t, memlit_ctx* c, long i);

static uint64_t memlit_random(memlit_ctx* c) {
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    return c->rng;
}

/* The deal for the next round: worker w runs test thread w when there are no more threads
   than workers; otherwise a random permutation, one thread to each worker first and each
   of the rest to a random worker, so every grouping and every order comes up in turn. */
static void memlit_deal(memlit_ctx* c) {
    int perm[MEMLIT_NTHREADS];
    for (int t = 0; t < MEMLIT_NTHREADS; ++t) perm[t] = t;
    for (int w = 0; w < c->nworkers; ++w) c->nassign[w] = 0;
    if (MEMLIT_NTHREADS > c->nworkers) {
        for (int t = MEMLIT_NTHREADS - 1; t > 0; --t) {
            int u = (int)(memlit_random(c) % (uint64_t)(t + 1)), x = perm[t];
            perm[t] = perm[u];
            perm[u] = x;
        }
    }
    for (int k = 0; k < MEMLIT_NTHREADS; ++k) {
        int w = k < c->nworkers ? k : (int)(memlit_random(c) % (uint64_t)c->nworkers);
        c->assign[w][c->nassign[w]++] = perm[k];
    }
    c->rotate = (long)(memlit_random(c) % MEMLIT_NTHREADS);
}

/* One round of worker w: `count` instances, a start line every sync_every of them. */
static void memlit_run_worker(memlit_ctx* c, int w, long count) {
    const int* ts = c->assign[w];
    int nt = c->nassign[w];
    long g = c->starts[w].v;
    if (nt == 1) {
        int t = ts[0];
        for (long i = 0; i < count; ++i) {
            if (i % c->sync_every == 0) memlit_sync(c, w, ++g);
            memlit_run_body(t, c, i);
        }
    } else {
        for (long i = 0; i < count; ++i) {
            if (i % c->sync_every == 0) memlit_sync(c, w, ++g);
            int first = (int)((i + c->rotate) % nt);
            for (int k = 0; k < nt; ++k) {
                if (k) __atomic_thread_fence(__ATOMIC_SEQ_CST);
                memlit_run_body(ts[(first + k) % nt], c, i);
            }
        }
    }
    c->starts[w].v = g;
}
static int memlit_cond(const memlit_key* k);

static void memlit_allowed_key(int a, memlit_key* k) {
    memset(k, 0, sizeof *k);
    for (int j = 0; j < MEMLIT_NOBS; ++j) k->v[j] = memlit_allowed_v[a][j];
    k->sym = memlit_allowed_sym[a];
}

static int memlit_seen(const memlit_table* t, const memlit_key* k) {
    if (t->cap == 0) return 0;
    size_t i = (size_t)memlit_hash(k) & (t->cap - 1);
    while (t->e[i].used) {
        if (memlit_key_eq(&t->e[i].key, k)) return 1;
        i = (i + 1) & (t->cap - 1);
    }
    return 0;
}

/* Whether every allowed state is in some thread's table: checked between rounds, when no
   thread writes its table, and only for the states not yet seen. */
static int memlit_all_covered(memlit_ctx* c) {
    int all = 1;
    for (int a = 0; a < MEMLIT_NALLOWED; ++a) {
        if (c->covered[a]) continue;
        memlit_key k;
        memlit_allowed_key(a, &k);
        for (int w = 0; w < c->nworkers && !c->covered[a]; ++w) c->covered[a] = memlit_seen(&c->tables[w], &k);
        all = all && c->covered[a];
    }
    return all;
}

struct memlit_arg {
    memlit_ctx* c;
    int w;
};

static void* memlit_worker(void* p) {
    memlit_arg* a = (memlit_arg*)p;
    memlit_ctx* c = a->c;
    int w = a->w, sense = 0;
    if (c->pin) {
        cpu_set_t s;
        CPU_ZERO(&s);
        CPU_SET(c->cpus[w], &s);
        pthread_setaffinity_np(pthread_self(), sizeof s, &s);
    }
    for (;;) {
        memlit_barrier(c, &sense);
        if (c->stop) break;
        long count = c->count, first = c->done;
        memlit_run_worker(c, w, count);
        memlit_barrier(c, &sense);
        for (long i = w; i < count; i += c->nworkers) {
            memlit_key k;
            memlit_observe(c, i, &k);
            memlit_add(&c->tables[w], &k, 1);
            memlit_reset(c, i);
        }
        if (c->until_covered) memlit_barrier(c, &sense); /* every table is complete */
        if (w == 0) {
            memlit_deal(c);
            c->done = first + count;
            long left = c->max_iter > 0 ? c->max_iter - c->done : c->instances;
            if (left <= 0 || (c->max_seconds > 0 && memlit_now() - c->start >= c->max_seconds) ||
                (c->until_covered && memlit_all_covered(c)))
                c->stop = 1;
            else
                c->count = left < c->instances ? left : c->instances;
        }
    }
    return 0;
}

)MEMLIT";
}

// The harness's entry point: options, pinning, the round loop's set-up and the text protocol.
const char* harnessMain() {
    return R"MEMLIT(
int main(int argc, char** argv) {
    long max_iter = 0, instances = 1000, sync_every = 32;
    double seconds = 1.0;
    int seconds_given = 0, json_test = 0, json_host = 0, until_covered = 0, max_workers = 0;
    const char* json = 0;
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : 0;
        if (!strcmp(a, "-n") && v) { max_iter = atol(v); ++i; }
        else if (!strcmp(a, "-s") && v) { seconds = atof(v); seconds_given = 1; ++i; }
        else if (!strcmp(a, "-a") && v) { instances = atol(v); ++i; }
        else if (!strcmp(a, "-k") && v) { sync_every = atol(v); ++i; }
        else if (!strcmp(a, "-w") && v) { max_workers = atoi(v); ++i; }
        else if (!strcmp(a, "-j") && v) { json = v; ++i; }
        else if (!strcmp(a, "-x") && v) { memlit_execution = v; ++i; }
        else if (!strcmp(a, "-c")) until_covered = 1;
        else if (!strcmp(a, "--json-test")) json_test = 1;
        else if (!strcmp(a, "--json-host")) json_host = 1;
        else {
            fprintf(stderr, "usage: %s [-n ITERATIONS] [-s SECONDS] [-a INSTANCES] [-k SYNC_EVERY] [-w WORKERS] [-j FILE|-] [-x EXECUTION] [-c] [--json-test] [--json-host]\n", argv[0]);
            return 2;
        }
    }
    if (json_host) {
        memlit_json_host(stdout);
        printf("\n");
        return 0;
    }
    if (max_iter > 0 && !seconds_given) seconds = 0;
    if (max_iter > 0 && max_iter < instances) instances = max_iter;
    if (instances < 1) instances = 1;

    static memlit_ctx ctx;
    memlit_ctx* c = &ctx;
    cpu_set_t allowed;
    int ncpus = 0, cpu_ids[CPU_SETSIZE];
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        for (int i = 0; i < CPU_SETSIZE; ++i)
            if (CPU_ISSET(i, &allowed)) cpu_ids[ncpus++] = i;
    }
    int cpu_ids_known = ncpus > 0;
    if (ncpus == 0) ncpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (ncpus < 1) ncpus = 1;
    c->nworkers = MEMLIT_NTHREADS < ncpus ? MEMLIT_NTHREADS : ncpus;
    if (max_workers > 0 && max_workers < c->nworkers) c->nworkers = max_workers;
    c->pin = cpu_ids_known;
    for (int w = 0; w < c->nworkers && c->pin; ++w) c->cpus[w] = cpu_ids[w];
    c->rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)time(0) ^ ((uint64_t)getpid() << 32);
    memlit_deal(c);
    /* A few thousand pauses (~0.1 ms) before yielding: long enough to catch a running partner,
       short enough not to burn the time slice a preempted partner needs. */
    c->spin_limit = c->pin ? (1u << 12) : 8u;
    c->stride = (MEMLIT_NLOCS > 0 ? MEMLIT_NLOCS : 1) * MEMLIT_LINE;
    c->instances = instances;
    c->sync_every = sync_every < 1 ? 1 : sync_every;
    c->mem = (int64_t*)aligned_alloc(64, (size_t)(instances * c->stride) * sizeof(int64_t));
    for (int t = 0; t < MEMLIT_NTHREADS; ++t)
        c->out[t] = (int64_t*)calloc((size_t)instances * (size_t)(memlit_nout[t] + 1), sizeof(int64_t));
    if (!c->mem) {
        fprintf(stderr, "memlit harness: out of memory\n");
        return 3;
    }
    for (long i = 0; i < instances; ++i) memlit_reset(c, i);
    c->max_iter = max_iter;
    c->max_seconds = seconds;
    c->until_covered = until_covered && MEMLIT_NALLOWED > 0;
    c->count = instances;
    c->start = memlit_now();

    pthread_t th[MEMLIT_NTHREADS];
    memlit_arg args[MEMLIT_NTHREADS];
    for (int w = 0; w < c->nworkers; ++w) {
        args[w].c = c;
        args[w].w = w;
        if (pthread_create(&th[w], 0, memlit_worker, &args[w]) != 0) {
            fprintf(stderr, "memlit harness: cannot create thread %d\n", w);
            return 3;
        }
    }
    for (int w = 0; w < c->nworkers; ++w) pthread_join(th[w], 0);
    double elapsed = memlit_now() - c->start;

    memlit_table* all = &c->tables[0];
    for (int w = 1; w < c->nworkers; ++w)
        for (size_t i = 0; i < c->tables[w].cap; ++i)
            if (c->tables[w].e[i].used) memlit_add(all, &c->tables[w].e[i].key, c->tables[w].e[i].count);
    size_t n = 0;
    memlit_entry* es = (memlit_entry*)calloc(all->n + 1, sizeof(memlit_entry));
    for (size_t i = 0; i < all->cap; ++i)
        if (all->e[i].used) es[n++] = all->e[i];
    qsort(es, n, sizeof *es, memlit_entry_cmp);

    if (json_test) {
        memlit_json_test(stdout, es, n, c->done, elapsed, ncpus, c->pin, c->nworkers);
        printf("\n");
        return 0;
    }
    printf("memlit-harness 1\nthreads %d cpus %d pinned %d workers %d\niterations %ld\nseconds %.6f\n",
           MEMLIT_NTHREADS, ncpus, c->pin, c->nworkers, c->done, elapsed);
    for (size_t i = 0; i < n; ++i) {
        printf("state %llu", (unsigned long long)es[i].count);
        for (int j = 0; j < MEMLIT_NOBS; ++j) {
            if (es[i].key.sym >> j & 1)
                printf(" @%s", memlit_loc_names[es[i].key.v[j]]);
            else
                printf(" %lld", (long long)es[i].key.v[j]);
        }
        printf("\n");
    }
    printf("end\n");
    if (json) {
        FILE* f = strcmp(json, "-") ? fopen(json, "w") : stdout;
        if (!f) {
            fprintf(stderr, "memlit harness: cannot write %s\n", json);
            return 3;
        }
        fprintf(f, "{\n");
        memlit_json_host(f);
        fprintf(f, ",\n\"tests\": [\n");
        memlit_json_test(f, es, n, c->done, elapsed, ncpus, c->pin, c->nworkers);
        fprintf(f, "\n]}\n");
        if (f != stdout) fclose(f);
    }
    return 0;
}
/* ---- end of memlit harness runtime ---- */
)MEMLIT";
}

}  // namespace memlit::runner
