/*
 * analyze.c -- ng_analyze: article in, analysis out. A pure function of
 * (analyzer, article): no global state, so threads share one analyzer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../amount/amount.h"
#include "../keyword/keyword.h"
#include "../quote/quote.h"
#include "../time/timex.h"
#include "analyze.h"

#ifndef NG_MODELS_DIR
#define NG_MODELS_DIR "models"
#endif

/* The models directory: the option, $NEWSGRAPH_MODELS, the built-in. */
static const char *models_dir(const ng_analyzer_options *options)
{
    if (options && options->models_dir)
        return options->models_dir;
    const char *env = getenv("NEWSGRAPH_MODELS");
    return env && *env ? env : NG_MODELS_DIR;
}

ng_status ng_analyzer_new(ng_analyzer **out, const ng_analyzer_options *options)
{
    if (!out)
        return NG_ERR_ARG;
    ng_analyzer *an = calloc(1, sizeof *an);
    *out = an;
    if (!an)
        return NG_ERR_NOMEM;
    buf_init(&an->message, 8192);
    an->skip = options ? options->skip & (NG_STAGE_ENTITIES | NG_STAGE_TIMES |
                                          NG_STAGE_AMOUNTS | NG_STAGE_QUOTES |
                                          NG_STAGE_KEYWORDS)
                       : 0;
    if (an->skip & NG_STAGE_ENTITIES)
        return NG_OK; /* no tagger: no model to load */
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/ner.model", models_dir(options));
    if (n < 0 || (size_t)n >= sizeof path) {
        buf_printf(&an->message, "the models directory name is too long");
        return NG_ERR_ARG;
    }
    ng_status st = ner_model_load(&an->ner, path, &an->message);
    if (st == NG_OK) {
        an->has_model = true;
        uint64_t size = an->ner.size;
        an->model_id = hash_bytes(hash_bytes(HASH_SEED, &size, sizeof size),
                                  an->ner.info, strlen(an->ner.info));
    } else if (st == NG_ERR_MODEL && !strstr(buf_cstr(&an->message), ": "))
        buf_printf(&an->message, "%s: bad model", path);
    if (st != NG_OK)
        return st;
    /* The alias table beside it (a new table re-analyzes as a new model
     * does). */
    snprintf(path, sizeof path, "%s/aliases.tsv", models_dir(options));
    st = resolve_aliases_load(&an->aliases, path, &an->message);
    if (st == NG_OK)
        an->model_id = hash_bytes(an->model_id, &an->aliases.hash,
                                  sizeof an->aliases.hash);
    return st;
}

void ng_analyzer_free(ng_analyzer *analyzer)
{
    if (!analyzer)
        return;
    ner_model_free(&analyzer->ner);
    resolve_aliases_free(&analyzer->aliases);
    buf_free(&analyzer->message);
    free(analyzer);
}

const char *ng_analyzer_message(const ng_analyzer *analyzer)
{
    return analyzer && analyzer->message.data ? analyzer->message.data : "";
}

const char *ng_analyzer_model_info(const ng_analyzer *analyzer)
{
    return analyzer && analyzer->has_model ? analyzer->ner.info : "";
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

static bool is_text(const char *s)
{
    return !s || utf8_valid_prefix(s, strlen(s)) == strlen(s);
}

/* Every field goes into JSON and SQLite as text: it must be UTF-8. */
static bool metadata_is_text(const ng_article *a)
{
    const char *fields[] = {a->id, a->date, a->title, a->url, a->source};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!is_text(fields[i]))
            return false;
    for (size_t i = 0; i < a->ntags; i++)
        if (!a->tags[i] || !is_text(a->tags[i]))
            return false;
    return true;
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

/* Bumped when an extractor changes what it stores, so that re-ingesting
 * re-analyzes articles stored by the older code. */
#define ANALYSIS_VERSION 3

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

uint64_t ng_article_hash(const ng_analyzer *analyzer, const ng_article *a)
{
    /* A new model or other stages change the analysis: re-ingesting then
     * replaces the stored one. */
    uint64_t how[2] = {ANALYSIS_VERSION, analyzer ? analyzer->skip : 0};
    uint64_t h = hash_bytes(hash_article(a), how, sizeof how);
    return analyzer ? h ^ analyzer->model_id : h;
}

/* Times, then amounts (which need the times, so as not to count a year or
 * a clock time): each kept only when its stage is on. */
static ng_status extract_times_amounts(const ng_analyzer *analyzer,
                                       ng_analysis *an)
{
    bool times = !(analyzer->skip & NG_STAGE_TIMES);
    bool amounts = !(analyzer->skip & NG_STAGE_AMOUNTS);
    ng_status st = NG_OK;
    if (times || amounts)
        st = timex_extract(an->article.text, &an->seg, an->article.date,
                           &an->mem, &an->times, &an->ntimes);
    if (st == NG_OK && amounts)
        st = amount_extract(an->article.text, &an->seg, an->times, an->ntimes,
                            &an->mem, &an->amounts, &an->namounts);
    if (!times) {
        an->times = NULL;
        an->ntimes = 0;
    }
    an->has_times = times;
    an->has_amounts = amounts;
    return st;
}

ng_status ng_analyze(const ng_analyzer *analyzer, const ng_article *article,
                     ng_analysis **out)
{
    if (!analyzer || !article || !out || !article->text || !article->id)
        return NG_ERR_ARG;
    *out = NULL;
    if (!metadata_is_text(article))
        return NG_ERR_INPUT;
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
    if (st == NG_OK && analyzer->has_model && !entities_find(analyzer, an))
        st = NG_ERR_NOMEM;
    if (st == NG_OK)
        st = extract_times_amounts(analyzer, an);
    if (st == NG_OK && !(analyzer->skip & NG_STAGE_QUOTES)) {
        st = quote_extract(an->article.text, &an->seg, an->entities,
                           an->nentities, &an->mem, &an->quotes, &an->nquotes);
        an->has_quotes = true;
    }
    if (st == NG_OK && !(analyzer->skip & NG_STAGE_KEYWORDS)) {
        st = kw_extract(an->article.text, &an->seg, &an->mem, &an->keywords,
                        &an->nkeywords);
        an->has_keywords = true;
    }
    if (st != NG_OK) {
        ng_analysis_free(an);
        return st;
    }
    an->content_hash = ng_article_hash(analyzer, article);
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

ng_span ng_analysis_token(const ng_analysis *an, size_t i, ng_token_kind *kind)
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
    static const char *const names[] = {"word",   "number", "punct", "quote",
                                        "symbol", "url",    "email", "hashtag"};
    if ((unsigned)kind < sizeof names / sizeof *names)
        return names[kind];
    return "unknown";
}
