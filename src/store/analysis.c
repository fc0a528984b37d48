/*
 * analysis.c -- ng_store_article_analysis: a stored article and what the
 * analysis found in it, read back from the mentions (with entities),
 * times, amounts, quotes and keywords tables into the analysis API's
 * shapes (ng_entity, ng_time, ng_amount, ng_quote, ng_keyword), so that
 * the server writes them as the analysis record does. A quote's speaker
 * (a store id) becomes the index of its entity among the article's; the
 * store keeps no cue span, so quotes have none.
 *
 * The article and its rows are read in one read transaction: an ingest
 * that replaces the article meanwhile gives it a new row, and offsets of
 * one version must never be laid over the text of another. Rows whose
 * span does not fit the text (a damaged file) are left out.
 *
 * Exports: ng_store_article_analysis, ng_stored_analysis_free.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

static const char mentions_sql[] =
    "SELECT m.entity_id, e.name, e.type, m.start, m.end"
    " FROM mentions m JOIN entities e ON e.id = m.entity_id"
    " WHERE m.article_id = ?1 ORDER BY m.start";

static const char times_sql[] = "SELECT start, end, type, value, mod FROM times"
                                " WHERE article_id = ?1 ORDER BY start";

static const char amounts_sql[] =
    "SELECT start, end, kind, value, approx, low, high, mod, unit, currency,"
    "  inferred, vague FROM amounts WHERE article_id = ?1 ORDER BY start";

static const char quotes_sql[] =
    "SELECT start, end, kind, speaker_id, source_start, source_end, verb"
    " FROM quotes WHERE article_id = ?1 ORDER BY start, kind";

static const char keywords_sql[] = "SELECT term, score FROM keywords"
                                   " WHERE article_id = ?1 ORDER BY rank";

typedef struct analysis_mem {
    arena a;
} analysis_mem;

void ng_stored_analysis_free(ng_stored_analysis *an)
{
    if (!an)
        return;
    analysis_mem *m = an->mem;
    if (m)
        arena_release(&m->a);
    free(m);
    free(an);
}

/* Prepares `sql` with the article's row bound to ?1. */
static sqlite3_stmt *prepare(ng_store *s, const char *sql, sqlite3_int64 row)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        store_sqlite_fail(s, "article analysis");
        return NULL;
    }
    sqlite3_bind_int64(stmt, 1, row);
    return stmt;
}

static ng_status done(ng_store *s, sqlite3_stmt *stmt, int rc)
{
    ng_status st =
        rc == SQLITE_DONE ? NG_OK : store_step_error(s, rc, "article analysis");
    sqlite3_finalize(stmt);
    return st;
}

/* A span read from columns c, c + 1; false when it does not fit the text. */
static bool read_span(sqlite3_stmt *stmt, int c, size_t len, ng_span *sp)
{
    sqlite3_int64 start = sqlite3_column_int64(stmt, c);
    sqlite3_int64 end = sqlite3_column_int64(stmt, c + 1);
    if (start < 0 || end <= start || (size_t)end > len)
        return false;
    sp->start = (uint32_t)start;
    sp->end = (uint32_t)end;
    return true;
}

/* Text or NULL, copied into the arena; *ok false when out of memory. */
static const char *text_or_null(arena *a, sqlite3_stmt *stmt, int c, bool *ok)
{
    const unsigned char *v = sqlite3_column_text(stmt, c);
    if (!v)
        return NULL;
    char *copy = arena_strndup(a, (const char *)v,
                               (size_t)sqlite3_column_bytes(stmt, c));
    *ok &= copy != NULL;
    return copy;
}

/* One mention as read, before grouping by entity. */
typedef struct mention {
    ng_span span;
    size_t index; /* its entity's index in order of first mention */
} mention;

/* entity id -> index in order of first mention (open addressing). */
typedef struct entity_index {
    int64_t *ids; /* 0: an empty slot (entity ids are row ids, never 0) */
    size_t *index;
    size_t cap, n;
} entity_index;

static size_t slot_of(int64_t id, size_t cap)
{
    return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}

/* The index of entity `id`, adding it as `next` when new; SIZE_MAX when
 * out of memory. */
static size_t index_of(entity_index *m, int64_t id, size_t next)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        int64_t *ids = calloc(cap, sizeof *ids);
        size_t *index = malloc(cap * sizeof *index);
        if (!ids || !index) {
            free(ids);
            free(index);
            return SIZE_MAX;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->ids[i])
                continue;
            size_t k = slot_of(m->ids[i], cap);
            while (ids[k])
                k = (k + 1) & (cap - 1);
            ids[k] = m->ids[i];
            index[k] = m->index[i];
        }
        free(m->ids);
        free(m->index);
        m->ids = ids;
        m->index = index;
        m->cap = cap;
    }
    size_t k = slot_of(id, m->cap);
    while (m->ids[k] && m->ids[k] != id)
        k = (k + 1) & (m->cap - 1);
    if (!m->ids[k]) {
        m->ids[k] = id;
        m->index[k] = next;
        m->n++;
    }
    return m->index[k];
}

/* Grows a malloc'ed array of `size`-byte items to hold one more; false
 * (the array untouched) when out of memory. */
static bool reserve(void **items, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *bigger = realloc(*items, ncap * size);
    if (!bigger)
        return false;
    *items = bigger;
    *cap = ncap;
    return true;
}

/* Groups mentions (by start) into entities in order of first mention. */
static ng_status read_entities(ng_store *s, sqlite3_int64 row, size_t len,
                               arena *a, entity_index *map,
                               ng_stored_analysis *an)
{
    sqlite3_stmt *stmt = prepare(s, mentions_sql, row);
    if (!stmt)
        return store_status(s);
    mention *ms = NULL;
    ng_entity *ents = NULL;
    size_t n = 0, cap = 0, nents = 0, ecap = 0;
    bool ok = true;
    int rc;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ng_span sp;
        if (!read_span(stmt, 3, len, &sp))
            continue;
        size_t index = index_of(map, sqlite3_column_int64(stmt, 0), nents);
        if (index == SIZE_MAX ||
            !reserve((void **)&ents, nents, &ecap, sizeof *ents) ||
            !reserve((void **)&ms, n, &cap, sizeof *ms)) {
            ok = false;
            break;
        }
        if (index == nents) { /* a new entity */
            int type = ng_entity_type_parse(
                (const char *)sqlite3_column_text(stmt, 2));
            ng_entity *e = &ents[nents++];
            e->type = type >= 0 ? (ng_entity_type)type : NG_ENTITY_MISC;
            e->nmentions = 0;
            e->mentions = NULL;
            e->name = text_or_null(a, stmt, 1, &ok);
            if (!e->name)
                e->name = "";
        }
        ents[index].nmentions++;
        ms[n++] = (mention){sp, index};
    }
    ng_status st = done(s, stmt, ok ? rc : SQLITE_NOMEM);
    /* Each entity's spans, in one array, in order of start. */
    ng_span *spans = NULL;
    if (st == NG_OK && n && !(spans = arena_alloc(a, n * sizeof *spans)))
        st = NG_ERR_NOMEM;
    ng_entity *out = NULL;
    if (st == NG_OK && n && !(out = arena_alloc(a, nents * sizeof *out)))
        st = NG_ERR_NOMEM;
    if (st == NG_OK && n) {
        size_t at = 0;
        for (size_t e = 0; e < nents; e++) {
            out[e] = ents[e];
            out[e].mentions = spans + at;
            out[e].nmentions = 0;
            at += ents[e].nmentions;
        }
        for (size_t i = 0; i < n; i++) {
            ng_entity *e = &out[ms[i].index];
            spans[(size_t)(e->mentions - spans) + e->nmentions++] = ms[i].span;
        }
        an->entities = out;
        an->nentities = nents;
    }
    free(ms);
    free(ents);
    return st;
}

/* The index of entity `id` among the article's, or -1 when it has no
 * mention there (its rows left out). */
static int32_t index_known(const entity_index *m, int64_t id)
{
    if (!m->cap)
        return -1;
    size_t k = slot_of(id, m->cap);
    while (m->ids[k] && m->ids[k] != id)
        k = (k + 1) & (m->cap - 1);
    return m->ids[k] ? (int32_t)m->index[k] : -1;
}

static ng_time_type time_type(const char *name)
{
    for (int t = NG_TIME_DATE; t <= NG_TIME_SET; t++)
        if (name && strcmp(name, ng_time_type_name((ng_time_type)t)) == 0)
            return (ng_time_type)t;
    return NG_TIME_DATE;
}

static ng_amount_kind amount_kind(const char *name)
{
    for (int k = NG_AMOUNT_NUMBER; k <= NG_AMOUNT_MEASURE; k++)
        if (name && strcmp(name, ng_amount_kind_name((ng_amount_kind)k)) == 0)
            return (ng_amount_kind)k;
    return NG_AMOUNT_NUMBER;
}

/* Grows an arena array of `size`-byte items to hold one more. */
static void *grow(arena *a, void *items, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return items;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *bigger = arena_alloc(a, ncap * size);
    if (bigger && n)
        memcpy(bigger, items, n * size);
    *cap = ncap;
    return bigger;
}

static ng_status read_times(ng_store *s, sqlite3_int64 row, size_t len,
                            arena *a, ng_stored_analysis *an)
{
    sqlite3_stmt *stmt = prepare(s, times_sql, row);
    if (!stmt)
        return store_status(s);
    ng_time *times = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    int rc;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ng_time t = {0};
        if (!read_span(stmt, 0, len, &t.span))
            continue;
        t.type = time_type((const char *)sqlite3_column_text(stmt, 2));
        t.value = text_or_null(a, stmt, 3, &ok);
        t.mod = text_or_null(a, stmt, 4, &ok);
        if (!t.value)
            t.value = "";
        if (ok && (times = grow(a, times, n, &cap, sizeof *times)))
            times[n++] = t;
        ok &= times != NULL;
    }
    an->times = times;
    an->ntimes = n;
    return done(s, stmt, ok ? rc : SQLITE_NOMEM);
}

static ng_status read_amounts(ng_store *s, sqlite3_int64 row, size_t len,
                              arena *a, ng_stored_analysis *an)
{
    sqlite3_stmt *stmt = prepare(s, amounts_sql, row);
    if (!stmt)
        return store_status(s);
    ng_amount *amounts = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    int rc;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ng_amount m = {0};
        if (!read_span(stmt, 0, len, &m.span))
            continue;
        m.kind = amount_kind((const char *)sqlite3_column_text(stmt, 2));
        m.value = sqlite3_column_double(stmt, 3);
        if (sqlite3_column_int(stmt, 4))
            m.flags |= NG_AMOUNT_APPROX;
        if (sqlite3_column_type(stmt, 5) != SQLITE_NULL) {
            m.flags |= NG_AMOUNT_HAS_LOW;
            m.low = sqlite3_column_double(stmt, 5);
        }
        if (sqlite3_column_type(stmt, 6) != SQLITE_NULL) {
            m.flags |= NG_AMOUNT_HAS_HIGH;
            m.high = sqlite3_column_double(stmt, 6);
        }
        m.mod = text_or_null(a, stmt, 7, &ok);
        m.unit = text_or_null(a, stmt, 8, &ok);
        m.currency = text_or_null(a, stmt, 9, &ok);
        if (sqlite3_column_int(stmt, 10))
            m.flags |= NG_AMOUNT_INFERRED;
        if (sqlite3_column_int(stmt, 11))
            m.flags |= NG_AMOUNT_VAGUE;
        if (ok && (amounts = grow(a, amounts, n, &cap, sizeof *amounts)))
            amounts[n++] = m;
        ok &= amounts != NULL;
    }
    an->amounts = amounts;
    an->namounts = n;
    return done(s, stmt, ok ? rc : SQLITE_NOMEM);
}

static ng_quote_kind quote_kind(const char *name)
{
    for (int k = NG_QUOTE_DIRECT; k <= NG_QUOTE_REPORTED; k++)
        if (name && strcmp(name, ng_quote_kind_name((ng_quote_kind)k)) == 0)
            return (ng_quote_kind)k;
    return NG_QUOTE_DIRECT;
}

static ng_status read_quotes(ng_store *s, sqlite3_int64 row, size_t len,
                             arena *a, const entity_index *map,
                             ng_stored_analysis *an)
{
    sqlite3_stmt *stmt = prepare(s, quotes_sql, row);
    if (!stmt)
        return store_status(s);
    ng_quote *quotes = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    int rc;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ng_quote q = {.speaker = -1};
        if (!read_span(stmt, 0, len, &q.span))
            continue;
        q.kind = quote_kind((const char *)sqlite3_column_text(stmt, 2));
        if (sqlite3_column_type(stmt, 3) != SQLITE_NULL)
            q.speaker = index_known(map, sqlite3_column_int64(stmt, 3));
        if (sqlite3_column_type(stmt, 4) != SQLITE_NULL &&
            !read_span(stmt, 4, len, &q.source))
            q.source = (ng_span){0, 0};
        q.verb = text_or_null(a, stmt, 6, &ok);
        if (ok && (quotes = grow(a, quotes, n, &cap, sizeof *quotes)))
            quotes[n++] = q;
        ok &= quotes != NULL;
    }
    an->quotes = quotes;
    an->nquotes = n;
    return done(s, stmt, ok ? rc : SQLITE_NOMEM);
}

static ng_status read_keywords(ng_store *s, sqlite3_int64 row, arena *a,
                               ng_stored_analysis *an)
{
    sqlite3_stmt *stmt = prepare(s, keywords_sql, row);
    if (!stmt)
        return store_status(s);
    ng_keyword *kws = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    int rc;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ng_keyword k = {text_or_null(a, stmt, 0, &ok),
                        sqlite3_column_double(stmt, 1)};
        if (!k.term)
            continue;
        if (ok && (kws = grow(a, kws, n, &cap, sizeof *kws)))
            kws[n++] = k;
        ok &= kws != NULL;
    }
    an->keywords = kws;
    an->nkeywords = n;
    return done(s, stmt, ok ? rc : SQLITE_NOMEM);
}

/* Reads what the analysis found in article `row` into an. */
static ng_status read_analysis(ng_store *s, sqlite3_int64 row, size_t len,
                               arena *a, ng_stored_analysis *an)
{
    entity_index map = {0}; /* store id -> index, for the speakers */
    ng_status st = read_entities(s, row, len, a, &map, an);
    if (st == NG_OK)
        st = read_times(s, row, len, a, an);
    if (st == NG_OK)
        st = read_amounts(s, row, len, a, an);
    if (st == NG_OK)
        st = read_quotes(s, row, len, a, &map, an);
    if (st == NG_OK)
        st = read_keywords(s, row, a, an);
    free(map.ids);
    free(map.index);
    return st;
}

ng_status ng_store_article_analysis(ng_store *s, const char *id,
                                    ng_article **article,
                                    ng_stored_analysis **analysis)
{
    if (article)
        *article = NULL;
    if (analysis)
        *analysis = NULL;
    if (!s || !id || !article || !analysis)
        return NG_ERR_ARG;
    ng_article *art = calloc(1, sizeof *art);
    ng_stored_analysis *an = calloc(1, sizeof *an);
    analysis_mem *mem = calloc(1, sizeof *mem);
    if (!art || !an || !mem) {
        free(art);
        free(an);
        free(mem);
        return NG_ERR_NOMEM;
    }
    arena_init(&mem->a);
    an->mem = mem;
    bool began = store_read_begin(s);
    sqlite3_int64 row = 0;
    ng_status st = store_article_row(s, id, &row);
    if (st == NG_OK)
        st = store_article_fields(s, row, art);
    if (st == NG_OK)
        st = read_analysis(s, row, art->text_len, &mem->a, an);
    store_read_end(s, began);
    if (st != NG_OK) {
        ng_article_free(art);
        ng_stored_analysis_free(an);
        return st;
    }
    *article = art;
    *analysis = an;
    return NG_OK;
}
