/*
 * bench_corpus.h -- a corpus held in memory for the stage benchmarks
 * (segment_bench, extract_bench, quote_bench): every article of the input
 * read once, so the timed passes measure the stage, not the reader.
 * Header-only (static inline) like bench_util.h.
 *
 * Prefix: bench_corpus_. The corpus owns its articles.
 */
#ifndef NG_BENCH_CORPUS_H
#define NG_BENCH_CORPUS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "newsgraph.h"

typedef struct bench_corpus {
    ng_article **articles;
    size_t n, cap;
    uint64_t bytes; /* of article text */
} bench_corpus;

static inline int bench_corpus_add(bench_corpus *c, ng_article *a)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        ng_article **p = realloc(c->articles, cap * sizeof *p);
        if (!p)
            return 0;
        c->articles = p;
        c->cap = cap;
    }
    c->articles[c->n++] = a;
    c->bytes += a->text_len;
    return 1;
}

/* Reads every article of `paths`; a bad input is reported and skipped, as
 * ingest does. 0 (said on stderr after `prog`) when reading fails. */
static inline int bench_corpus_load(bench_corpus *c, const char *const *paths,
                                    size_t npaths, const char *prog)
{
    ng_reader *r = NULL;
    ng_status st = ng_reader_open(&r, paths, npaths, NULL);
    ng_article *a;
    while (st == NG_OK && (st = ng_reader_next(r, &a)) != NG_DONE) {
        if (st == NG_ERR_NOMEM)
            break;
        if (st != NG_OK) {
            fprintf(stderr, "%s\n", ng_reader_message(r));
            st = NG_OK;
            continue;
        }
        if (!bench_corpus_add(c, a)) {
            ng_article_free(a);
            st = NG_ERR_NOMEM;
        }
    }
    ng_reader_close(r);
    if (st != NG_DONE) {
        fprintf(stderr, "%s: %s\n", prog, ng_strerror(st));
        return 0;
    }
    return 1;
}

static inline void bench_corpus_free(bench_corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        ng_article_free(c->articles[i]);
    free(c->articles);
}

#endif /* NG_BENCH_CORPUS_H */
