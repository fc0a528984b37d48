/*
 * search.c -- full-text search (BM25 over FTS5, title and tags weighted
 * above the body) with date and tag filters, and the filter helpers that
 * timeline.c, tally.c and entities.c share (store_check_dates,
 * store_bind_filters, store_bind_entity, store_check_entity,
 * store_step_error), and read transactions (store_read_begin, _end).
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

struct ng_search_result {
    arena mem;
    ng_search_hit *hits;
    size_t nhits;
    uint64_t total;
};

static const char page_sql[] =
    "SELECT a.doc_id, a.date, a.title, a.tags,"
    "  snippet(articles_fts, 2, char(1), char(2), '…', 24),"
    "  -rank" STORE_FILTERS_FROM_WHERE " ORDER BY rank LIMIT ?5 OFFSET ?6";

static const char count_sql[] = "SELECT count(*)" STORE_FILTERS_FROM_WHERE;

static const char count_fts_sql[] =
    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1";

const char *ng_query_help(void)
{
    return "  words        every word must match      iraq troops\n"
           "  \"a phrase\"   the words in this order    \"air strike\"\n"
           "  word*        words starting so          withdraw*\n"
           "  A OR B       either                     iraq OR syria\n"
           "  A NOT B      A without B                iraq NOT syria\n"
           "  ( )          grouping                   (iraq OR syria) "
           "militia\n"
           "  field:word   only in title, tags, text  tags:Pentagon\n";
}

bool store_check_dates(ng_store *s, const char *since, const char *until)
{
    if (since && !ng_date_valid(since)) {
        store_fail(s, NG_ERR_ARG, "since: '%s' is not a date (YYYY-MM-DD)",
                   since);
        return false;
    }
    if (until && !ng_date_valid(until)) {
        store_fail(s, NG_ERR_ARG, "until: '%s' is not a date (YYYY-MM-DD)",
                   until);
        return false;
    }
    return true;
}

void store_bind_filters(sqlite3_stmt *stmt, const char *match,
                        const char *since, const char *until, const char *tag)
{
    sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
    if (since)
        sqlite3_bind_text(stmt, 2, since, -1, SQLITE_STATIC);
    if (until)
        sqlite3_bind_text(stmt, 3, until, -1, SQLITE_STATIC);
    if (tag)
        sqlite3_bind_text(stmt, 4, tag[0] == '#' ? tag + 1 : tag, -1,
                          SQLITE_STATIC);
}

const char *store_entity_type(const char *type)
{
    int t = type ? ng_entity_type_parse(type) : -1;
    return t >= 0 ? ng_entity_type_name((ng_entity_type)t) : NULL;
}

void store_bind_entity(sqlite3_stmt *stmt, const char *entity, const char *type)
{
    if (entity)
        sqlite3_bind_text(stmt, 7, entity, -1, SQLITE_STATIC);
    if (entity && store_entity_type(type))
        sqlite3_bind_text(stmt, 8, store_entity_type(type), -1, SQLITE_STATIC);
}

bool store_check_entity(ng_store *s, const char *entity, const char *type)
{
    if (type && !store_entity_type(type)) {
        store_fail(s, NG_ERR_ARG,
                   "'%s' is not an entity type (PER, ORG, LOC or MISC)", type);
        return false;
    }
    if (type && !entity) {
        store_fail(s, NG_ERR_ARG, "an entity type needs an entity name");
        return false;
    }
    return true;
}

bool store_read_begin(ng_store *s)
{
    return sqlite3_get_autocommit(s->db) &&
           sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void store_read_end(ng_store *s, bool began)
{
    if (began && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

static void bind_filters(sqlite3_stmt *stmt, const char *match,
                         const ng_search_query *q)
{
    store_bind_filters(stmt, match, q->since, q->until, q->tag);
    store_bind_entity(stmt, q->entity, q->entity_type);
}

static char *copy_column(arena *a, sqlite3_stmt *stmt, int col)
{
    const unsigned char *v = sqlite3_column_text(stmt, col);
    if (!v)
        return NULL;
    return arena_strndup(a, (const char *)v,
                         (size_t)sqlite3_column_bytes(stmt, col));
}

/* Strips the \1 \2 markers out of the snippet, recording their spans. */
static bool take_snippet(arena *a, sqlite3_stmt *stmt, int col,
                         ng_search_hit *hit)
{
    const char *raw = (const char *)sqlite3_column_text(stmt, col);
    size_t n = raw ? (size_t)sqlite3_column_bytes(stmt, col) : 0;
    char *text = arena_alloc(a, n + 1);
    size_t nmarks = 0;
    for (size_t i = 0; i < n; i++)
        nmarks += raw[i] == '\1';
    ng_span *marks = arena_alloc(a, (nmarks ? nmarks : 1) * sizeof *marks);
    if (!text || !marks)
        return false;
    size_t o = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        if (raw[i] == '\1' && m < nmarks)
            marks[m].start = (uint32_t)o;
        else if (raw[i] == '\2' && m < nmarks)
            marks[m++].end = (uint32_t)o;
        else
            text[o++] = raw[i];
    }
    text[o] = '\0';
    hit->snippet = text;
    hit->marks = marks;
    hit->nmarks = m;
    return true;
}

ng_status store_step_error(ng_store *s, int rc, const char *what)
{
    if (rc == SQLITE_NOMEM)
        return NG_ERR_NOMEM;
    const char *err = sqlite3_errmsg(s->db);
    if (strstr(err, "fts5") || strstr(err, "no such column"))
        return store_fail(s, NG_ERR_QUERY, "the query could not be run: %s",
                          err);
    return store_sqlite_fail(s, what);
}

static ng_status fetch_page(ng_store *s, const char *match,
                            const ng_search_query *q, ng_search_result *r)
{
    sqlite3_stmt *stmt = store_stmt(s, Q_SEARCH_PAGE, page_sql);
    if (!stmt)
        return store_status(s);
    bind_filters(stmt, match, q);
    unsigned limit = q->limit ? q->limit : 10;
    sqlite3_bind_int64(stmt, 5, limit);
    sqlite3_bind_int64(stmt, 6, q->offset);
    r->hits = arena_alloc(&r->mem, limit * sizeof *r->hits);
    int rc = SQLITE_NOMEM;
    while (r->hits && (rc = sqlite3_step(stmt)) == SQLITE_ROW &&
           r->nhits < limit) {
        ng_search_hit *h = &r->hits[r->nhits];
        h->id = copy_column(&r->mem, stmt, 0);
        h->date = copy_column(&r->mem, stmt, 1);
        h->title = copy_column(&r->mem, stmt, 2);
        h->score = sqlite3_column_double(stmt, 5);
        char **tags;
        if (!h->id || !take_snippet(&r->mem, stmt, 4, h) ||
            store_tags_parse((const char *)sqlite3_column_text(stmt, 3),
                             &r->mem, &tags, &h->ntags) != NG_OK) {
            rc = SQLITE_NOMEM;
            break;
        }
        h->tags = (const char *const *)tags;
        r->nhits++;
    }
    ng_status st = rc == SQLITE_DONE || rc == SQLITE_ROW
                       ? NG_OK
                       : store_step_error(s, rc, "search");
    sqlite3_reset(stmt);
    return st;
}

static ng_status count_all(ng_store *s, const char *match,
                           const ng_search_query *q, uint64_t *total)
{
    bool filtered = q->since || q->until || q->tag || q->entity;
    sqlite3_stmt *stmt = filtered
                             ? store_stmt(s, Q_SEARCH_COUNT, count_sql)
                             : store_stmt(s, Q_SEARCH_COUNT_FTS, count_fts_sql);
    if (!stmt)
        return store_status(s);
    if (filtered)
        bind_filters(stmt, match, q);
    else
        sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *total = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(stmt, 0) : 0;
    ng_status st = rc == SQLITE_ROW ? NG_OK : store_step_error(s, rc, "count");
    sqlite3_reset(stmt);
    return st;
}

ng_status ng_search(ng_store *s, const ng_search_query *q,
                    ng_search_result **out)
{
    if (!s || !q || !q->query || !out)
        return NG_ERR_ARG;
    *out = NULL;
    if (!store_check_dates(s, q->since, q->until) ||
        !store_check_entity(s, q->entity, q->entity_type))
        return NG_ERR_ARG;
    buf match;
    buf_init(&match, 1 << 20);
    ng_status st = store_query_match(s, q->query, &match);
    ng_search_result *r = NULL;
    if (st == NG_OK && !(r = calloc(1, sizeof *r)))
        st = NG_ERR_NOMEM;
    if (r)
        arena_init(&r->mem);
    bool began = st == NG_OK && store_read_begin(s); /* page and count agree */
    if (st == NG_OK)
        st = fetch_page(s, buf_cstr(&match), q, r);
    if (st == NG_OK)
        st = count_all(s, buf_cstr(&match), q, &r->total);
    store_read_end(s, began);
    buf_free(&match);
    if (st != NG_OK) {
        ng_search_result_free(r);
        return st;
    }
    *out = r;
    return NG_OK;
}

size_t ng_search_result_count(const ng_search_result *r)
{
    return r ? r->nhits : 0;
}

uint64_t ng_search_result_total(const ng_search_result *r)
{
    return r ? r->total : 0;
}

const ng_search_hit *ng_search_result_hit(const ng_search_result *r, size_t i)
{
    return r && i < r->nhits ? &r->hits[i] : NULL;
}

void ng_search_result_free(ng_search_result *r)
{
    if (!r)
        return;
    arena_release(&r->mem);
    free(r);
}
