/*
 * extract_bench.c -- throughput of the time and amount extractors beside
 * normalization + segmentation alone, in the same run.
 *
 *   extract_bench [--reps N] INPUT...
 *
 * Reads every article of INPUT into memory, then N times (default 5) runs
 * over all texts in this one thread, with a fresh arena per article as
 * ng_analyze does: text_normalize + seg_segment, then timex_extract (with
 * the article date) and amount_extract, each phase timed on its own.
 * Each phase is timed in this thread's CPU time (per core, robust on a
 * shared machine). Prints MB/s of text per phase (median over the
 * repetitions) and the ratio of the extractors' speed to the
 * segmenter's, plus how many times and amounts were found. MB are 10^6
 * bytes of article text.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "amount/amount.h"
#include "bench_corpus.h"
#include "bench_util.h"
#include "newsgraph.h"
#include "text/text.h"
#include "time/timex.h"

enum { MAX_REPS = 1000 };

typedef struct rep_time {
    double segment, times, amounts, cpu;
    uint64_t ntimes, namounts;
} rep_time;

/* One article through the three phases; false on failure. */
static int run_article(const ng_article *a, rep_time *t)
{
    arena mem;
    arena_init(&mem);
    char *norm;
    size_t len;
    seg_doc doc;
    ng_time *times = NULL;
    ng_amount *amounts = NULL;
    size_t nt = 0, na = 0;
    double t0 = bench_thread_cpu();
    ng_status st = text_normalize(a->text, a->text_len, &mem, &norm, &len);
    if (st == NG_OK)
        st = seg_segment(norm, len, &mem, &doc);
    double t1 = bench_thread_cpu();
    if (st == NG_OK)
        st = timex_extract(norm, &doc, a->date, &mem, &times, &nt);
    double t2 = bench_thread_cpu();
    if (st == NG_OK)
        st = amount_extract(norm, &doc, times, nt, &mem, &amounts, &na);
    double t3 = bench_thread_cpu();
    arena_release(&mem);
    t->segment += t1 - t0;
    t->times += t2 - t1;
    t->amounts += t3 - t2;
    t->ntimes += nt;
    t->namounts += na;
    if (st != NG_OK)
        fprintf(stderr, "extract_bench: %s: %s\n", a->origin, ng_strerror(st));
    return st == NG_OK;
}

static int run_once(const bench_corpus *c, rep_time *t)
{
    memset(t, 0, sizeof *t);
    double cpu0 = bench_cpu_now();
    for (size_t i = 0; i < c->n; i++)
        if (!run_article(c->articles[i], t))
            return 0;
    t->cpu = bench_cpu_now() - cpu0;
    return 1;
}

static double median_of(const rep_time *t, size_t reps, size_t offset)
{
    double v[MAX_REPS];
    for (size_t i = 0; i < reps; i++)
        v[i] = *(const double *)((const char *)&t[i] + offset);
    bench_sort(v, reps);
    return bench_median(v, reps);
}

static void report(const bench_corpus *c, const rep_time *t, size_t reps)
{
    double mb = (double)c->bytes / 1e6;
    double seg = median_of(t, reps, offsetof(rep_time, segment));
    double tim = median_of(t, reps, offsetof(rep_time, times));
    double amt = median_of(t, reps, offsetof(rep_time, amounts));
    double cpu = median_of(t, reps, offsetof(rep_time, cpu));
    printf("  corpus: %zu texts, %.1f MB of text; found %llu times, %llu "
           "amounts\n",
           c->n, mb, (unsigned long long)t[0].ntimes,
           (unsigned long long)t[0].namounts);
    printf("  median of %zu reps (one thread, %.3f s CPU per rep; phases in "
           "thread CPU time):\n",
           reps, cpu);
    printf("    normalize + segment    %8.1f MB/s  (%.3f s)\n", mb / seg, seg);
    printf("    times                  %8.1f MB/s  (%.3f s)\n", mb / tim, tim);
    printf("    amounts                %8.1f MB/s  (%.3f s)\n", mb / amt, amt);
    printf("    times + amounts        %8.1f MB/s  (goal >= 20 MB/s per "
           "core)\n",
           mb / (tim + amt));
    printf("    all three              %8.1f MB/s\n", mb / (seg + tim + amt));
    printf("  RATIO extractors / segmenter speed: %.2f (extraction adds "
           "%.0f%% to segmentation's time)\n",
           seg / (tim + amt), 100 * (tim + amt) / seg);
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
        fputs("usage: extract_bench [--reps N (1-1000)] INPUT...\n", stderr);
        return 2;
    }
    bench_corpus c = {0};
    if (!bench_corpus_load(&c, (const char *const *)argv + i,
                           (size_t)(argc - i), "extract_bench"))
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
