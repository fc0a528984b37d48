/*
 * quote_bench.c -- throughput of the quote finder and the keyphrase
 * extractor beside normalization + segmentation alone, in the same run.
 *
 *   quote_bench [--reps N] INPUT...
 *
 * Reads every article of INPUT and analyzes it once with the entity
 * tagger (untimed: the quote finder needs the entities), then N times
 * (default 5) runs over all texts in this one thread: text_normalize +
 * seg_segment of the article, then quote_extract over the analysis'
 * segmentation and entities, then kw_extract, each phase timed in this
 * thread's CPU time. Prints MB/s of text per phase (median over the
 * repetitions), their ratio to the segmenter's speed and how many quotes
 * and keyphrases were found. MB are 10^6 bytes of article text.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze/analyze.h"
#include "bench_corpus.h"
#include "bench_util.h"
#include "keyword/keyword.h"
#include "newsgraph.h"
#include "quote/quote.h"
#include "text/text.h"

enum { MAX_REPS = 1000 };

/* The articles and their entities (the stages measured here read them). */
typedef struct corpus {
    bench_corpus texts;
    ng_analysis **analyses; /* one per article */
} corpus;

typedef struct rep_time {
    double segment, quotes, keywords;
    uint64_t nquotes, nkeywords;
} rep_time;

/* Reads and tags every article (entities only). */
static int load_corpus(corpus *c, const char *const *paths, size_t npaths)
{
    if (!bench_corpus_load(&c->texts, paths, npaths, "quote_bench"))
        return 0;
    ng_analyzer *az = NULL;
    ng_analyzer_options opt = {.skip = NG_STAGE_TIMES | NG_STAGE_AMOUNTS |
                                       NG_STAGE_QUOTES | NG_STAGE_KEYWORDS};
    if (ng_analyzer_new(&az, &opt) != NG_OK) {
        fprintf(stderr, "quote_bench: %s\n", ng_analyzer_message(az));
        ng_analyzer_free(az);
        return 0;
    }
    size_t n = c->texts.n;
    c->analyses = calloc(n ? n : 1, sizeof *c->analyses);
    int ok = c->analyses != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const ng_article *a = c->texts.articles[i];
        if (ng_analyze(az, a, &c->analyses[i]) != NG_OK) {
            fprintf(stderr, "quote_bench: %s: %s\n", a->id,
                    ng_analyzer_message(az));
            ok = 0;
        }
    }
    ng_analyzer_free(az);
    return ok;
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; c->analyses && i < c->texts.n; i++)
        ng_analysis_free(c->analyses[i]);
    free(c->analyses);
    bench_corpus_free(&c->texts);
}

static int run_article(const ng_article *a, const ng_analysis *an, rep_time *t)
{
    arena mem;
    arena_init(&mem);
    char *norm;
    size_t len;
    seg_doc doc;
    double t0 = bench_thread_cpu();
    ng_status st = text_normalize(a->text, a->text_len, &mem, &norm, &len);
    if (st == NG_OK)
        st = seg_segment(norm, len, &mem, &doc);
    double t1 = bench_thread_cpu();
    ng_quote *q = NULL;
    size_t nq = 0;
    if (st == NG_OK)
        st = quote_extract(an->article.text, &an->seg, an->entities,
                           an->nentities, &mem, &q, &nq);
    double t2 = bench_thread_cpu();
    ng_keyword *kw = NULL;
    size_t nk = 0;
    if (st == NG_OK)
        st = kw_extract(an->article.text, &an->seg, &mem, &kw, &nk);
    double t3 = bench_thread_cpu();
    arena_release(&mem);
    t->segment += t1 - t0;
    t->quotes += t2 - t1;
    t->keywords += t3 - t2;
    t->nquotes += nq;
    t->nkeywords += nk;
    return st == NG_OK;
}

static double median_of(const rep_time *t, size_t reps, size_t offset)
{
    double v[MAX_REPS];
    for (size_t i = 0; i < reps; i++)
        v[i] = *(const double *)((const char *)&t[i] + offset);
    bench_sort(v, reps);
    return bench_median(v, reps);
}

static void report(const corpus *c, const rep_time *t, size_t reps)
{
    double mb = (double)c->texts.bytes / 1e6;
    double seg = median_of(t, reps, offsetof(rep_time, segment));
    double quo = median_of(t, reps, offsetof(rep_time, quotes));
    double kws = median_of(t, reps, offsetof(rep_time, keywords));
    printf("  corpus: %zu texts, %.1f MB of text; found %llu quotes, %llu "
           "keyphrases\n",
           c->texts.n, mb, (unsigned long long)t[0].nquotes,
           (unsigned long long)t[0].nkeywords);
    printf("  median of %zu reps (one thread, phases in thread CPU time):\n",
           reps);
    printf("    normalize + segment    %8.1f MB/s  (%.3f s)\n", mb / seg, seg);
    printf("    quotes                 %8.1f MB/s  (%.3f s)\n", mb / quo, quo);
    printf("    keywords               %8.1f MB/s  (%.3f s)\n", mb / kws, kws);
    printf("    quotes + keywords      %8.1f MB/s\n", mb / (quo + kws));
    printf("  RATIO quotes / segmenter speed: %.2f, keywords / segmenter: "
           "%.2f\n",
           seg / quo, seg / kws);
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
        fputs("usage: quote_bench [--reps N (1-1000)] INPUT...\n", stderr);
        return 2;
    }
    corpus c = {0};
    if (!load_corpus(&c, (const char *const *)argv + i, (size_t)(argc - i))) {
        corpus_free(&c);
        return 1;
    }
    rep_time *times = calloc(reps, sizeof *times);
    int ok = times != NULL;
    for (size_t r = 0; ok && r < reps; r++) {
        memset(&times[r], 0, sizeof times[r]);
        for (size_t k = 0; ok && k < c.texts.n; k++)
            ok = run_article(c.texts.articles[k], c.analyses[k], &times[r]);
    }
    if (ok)
        report(&c, times, reps);
    free(times);
    corpus_free(&c);
    return ok ? 0 : 1;
}
