/*
 * segment_bench.c -- throughput of normalization + segmentation alone, the
 * per-core floor under `newsgraph analyze` and ingest.
 *
 *   segment_bench [--reps N] INPUT...
 *
 * Reads every article of INPUT (any format the reader takes) into memory
 * first, then times text_normalize + seg_segment (src/text/text.h) over
 * all texts, N times (default 5), in this one thread. Each article gets a
 * fresh arena, as ng_analyze does. Prints MB/s and tokens/s by wall clock
 * and by CPU time (median over the repetitions), and the share of the
 * time spent in normalization.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_corpus.h"
#include "bench_util.h"
#include "newsgraph.h"
#include "text/text.h"

enum { MAX_REPS = 1000 };

typedef struct rep_time {
    double wall, cpu, normalize;
    uint64_t tokens, sentences;
} rep_time;

/* One pass over every text. False when an article fails to process. */
static int run_once(const bench_corpus *c, rep_time *t)
{
    memset(t, 0, sizeof *t);
    double wall0 = bench_now(), cpu0 = bench_cpu_now();
    for (size_t i = 0; i < c->n; i++) {
        const ng_article *a = c->articles[i];
        arena mem;
        arena_init(&mem);
        char *norm;
        size_t len;
        seg_doc doc;
        double n0 = bench_now();
        ng_status st = text_normalize(a->text, a->text_len, &mem, &norm, &len);
        t->normalize += bench_now() - n0;
        if (st == NG_OK)
            st = seg_segment(norm, len, &mem, &doc);
        arena_release(&mem);
        if (st != NG_OK) {
            fprintf(stderr, "segment_bench: %s: %s\n", a->origin,
                    ng_strerror(st));
            return 0;
        }
        t->tokens += doc.ntokens;
        t->sentences += doc.nsentences;
    }
    t->wall = bench_now() - wall0;
    t->cpu = bench_cpu_now() - cpu0;
    return 1;
}

static void report(const bench_corpus *c, const rep_time *t, size_t reps)
{
    double wall[MAX_REPS], cpu[MAX_REPS], norm[MAX_REPS];
    for (size_t i = 0; i < reps; i++) {
        wall[i] = t[i].wall;
        cpu[i] = t[i].cpu;
        norm[i] = t[i].normalize;
    }
    bench_sort(wall, reps);
    bench_sort(cpu, reps);
    bench_sort(norm, reps);
    double mb = (double)c->bytes / 1e6, w = bench_median(wall, reps);
    double tok = (double)t[0].tokens;
    printf("  corpus: %zu texts, %.1f MB of text, %llu sentences, %llu "
           "tokens\n",
           c->n, mb, (unsigned long long)t[0].sentences,
           (unsigned long long)t[0].tokens);
    printf("  median of %zu reps: %.3f s wall, %.3f s CPU (best %.3f s "
           "wall)\n",
           reps, w, bench_median(cpu, reps), wall[0]);
    printf("  wall: %.1f MB/s, %.2f M tokens/s   CPU: %.1f MB/s per core, "
           "%.2f M tokens/s\n",
           mb / w, tok / w / 1e6, mb / bench_median(cpu, reps),
           tok / bench_median(cpu, reps) / 1e6);
    printf("  normalize: %.0f%% of the time (%.1f MB/s alone)\n",
           100 * bench_median(norm, reps) / w, mb / bench_median(norm, reps));
}

int main(int argc, char **argv)
{
    size_t reps = 5;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--reps") == 0) {
        reps = strtoul(argv[i + 1], NULL, 10);
        i += 2;
    }
    if (i >= argc || reps == 0 || reps > MAX_REPS) {
        fputs("usage: segment_bench [--reps N (1-1000)] INPUT...\n", stderr);
        return 2;
    }
    bench_corpus c = {0};
    if (!bench_corpus_load(&c, (const char *const *)argv + i,
                           (size_t)(argc - i), "segment_bench"))
        return 1;
    rep_time *times = calloc(reps, sizeof *times);
    int ok = times != NULL;
    for (size_t r = 0; ok && r < reps; r++)
        ok = run_once(&c, &times[r]);
    if (ok)
        report(&c, times, reps);
    free(times);
    bench_corpus_free(&c);
    return ok ? 0 : 1;
}
