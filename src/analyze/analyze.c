/*
 * analyze.c -- ng_analyze: article in, analysis out. A pure function of
 * (analyzer, article): no global state, so threads share one analyzer.
 */
#include <stdlib.h>
#include <string.h>

#include "../amount/amount.h"
#include "../time/timex.h"
#include "analyze.h"

ng_status ng_analyzer_new(ng_analyzer **out)
{
    if (!out)
        return NG_ERR_ARG;
    *out = calloc(1, sizeof **out);
    if (!*out)
        return NG_ERR_NOMEM;
    (*out)->version = 1;
    return NG_OK;
}

void ng_analyzer_free(ng_analyzer *analyzer)
{
    free(analyzer);
}

/* Copies an optional string into the arena; false when out of memory. */
static bool copy_field(arena *a, char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return true;
    *dst = arena_strndup(a, src, strlen(src));
    return *dst != NULL;
}

static bool copy_metadata(ng_analysis *an, const ng_article *src)
{
    ng_article *a = &an->article;
    arena *m = &an->mem;
    if (!copy_field(m, &a->id, src->id) ||
        !copy_field(m, &a->date, src->date) ||
        !copy_field(m, &a->title, src->title) ||
        !copy_field(m, &a->url, src->url) ||
        !copy_field(m, &a->source, src->source) ||
        !copy_field(m, &a->origin, src->origin))
        return false;
    if (src->ntags) {
        a->tags = arena_alloc(m, src->ntags * sizeof *a->tags);
        if (!a->tags)
            return false;
        for (size_t i = 0; i < src->ntags; i++)
            if (!copy_field(m, &a->tags[i], src->tags[i]))
                return false;
        a->ntags = src->ntags;
    }
    return true;
}

/* Hashes every stored field, each preceded by its length so that moving
 * bytes between fields changes the hash. */
static uint64_t hash_article(const ng_article *a)
{
    const char *fields[] = {a->id, a->date, a->title, a->url, a->source};
    uint64_t h = HASH_SEED;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        uint64_t n = fields[i] ? strlen(fields[i]) + 1 : 0;
        h = hash_bytes(h, &n, sizeof n);
        if (fields[i])
            h = hash_bytes(h, fields[i], n - 1);
    }
    for (size_t i = 0; i < a->ntags; i++)
        h = hash_bytes(h, a->tags[i], strlen(a->tags[i]) + 1);
    uint64_t n = a->text_len;
    h = hash_bytes(h, &n, sizeof n);
    return hash_bytes(h, a->text, a->text_len);
}

ng_status ng_analyze(const ng_analyzer *analyzer, const ng_article *article,
                     ng_analysis **out)
{
    if (!analyzer || !article || !out || !article->text || !article->id)
        return NG_ERR_ARG;
    *out = NULL;
    ng_analysis *an = calloc(1, sizeof *an);
    if (!an)
        return NG_ERR_NOMEM;
    arena_init(&an->mem);
    ng_status st = NG_ERR_NOMEM;
    if (copy_metadata(an, article))
        st = text_normalize(article->text, article->text_len, &an->mem,
                            &an->article.text, &an->article.text_len);
    if (st == NG_OK)
        st = seg_segment(an->article.text, an->article.text_len, &an->mem,
                         &an->seg);
    if (st == NG_OK)
        st = timex_extract(an->article.text, &an->seg, an->article.date,
                           &an->mem, &an->times, &an->ntimes);
    if (st == NG_OK)
        st = amount_extract(an->article.text, &an->seg, an->times,
                            an->ntimes, &an->mem, &an->amounts,
                            &an->namounts);
    if (st != NG_OK) {
        ng_analysis_free(an);
        return st;
    }
    an->content_hash = hash_article(&an->article);
    *out = an;
    return NG_OK;
}

void ng_analysis_free(ng_analysis *an)
{
    if (!an)
        return;
    arena_release(&an->mem);
    free(an);
}

const char *ng_analysis_text(const ng_analysis *an, size_t *len)
{
    if (len)
        *len = an->article.text_len;
    return an->article.text;
}

const ng_article *ng_analysis_article(const ng_analysis *an)
{
    return &an->article;
}

size_t ng_analysis_paragraph_count(const ng_analysis *an)
{
    return an->seg.nparagraphs;
}

size_t ng_analysis_sentence_count(const ng_analysis *an)
{
    return an->seg.nsentences;
}

size_t ng_analysis_token_count(const ng_analysis *an)
{
    return an->seg.ntokens;
}

ng_span ng_analysis_paragraph(const ng_analysis *an, size_t i)
{
    ng_span sp = {0, 0};
    if (i < an->seg.nparagraphs) {
        sp.start = an->seg.paragraphs[i].start;
        sp.end = an->seg.paragraphs[i].end;
    }
    return sp;
}

ng_span ng_analysis_sentence(const ng_analysis *an, size_t i)
{
    ng_span sp = {0, 0};
    if (i < an->seg.nsentences) {
        sp.start = an->seg.sentences[i].start;
        sp.end = an->seg.sentences[i].end;
    }
    return sp;
}

ng_span ng_analysis_token(const ng_analysis *an, size_t i,
                          ng_token_kind *kind)
{
    ng_span sp = {0, 0};
    if (i < an->seg.ntokens) {
        sp.start = an->seg.tokens[i].start;
        sp.end = an->seg.tokens[i].end;
        if (kind)
            *kind = (ng_token_kind)an->seg.tokens[i].kind;
    }
    return sp;
}

const char *ng_token_kind_name(ng_token_kind kind)
{
    static const char *const names[] = {"word",   "number", "punct",
                                        "quote",  "symbol", "url",
                                        "email",  "hashtag"};
    if ((unsigned)kind < sizeof names / sizeof *names)
        return names[kind];
    return "unknown";
}
