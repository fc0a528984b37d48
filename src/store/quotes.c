/*
 * quotes.c -- questions about quotes in the store: by speaker (an
 * entity's name, or its last word: "Ryder" finds "Patrick Ryder"), by
 * words in the quote, by kind and article dates; newest articles first.
 *
 * Exports: ng_store_quotes, ng_quote_list_free.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

enum { DEFAULT_LIMIT = 20, MAX_WORDS = 16 };

/* ?1 speaker, ?2 kind, ?3 since, ?4 until, ?5 limit, ?6.. words. */
static const char quotes_sql[] =
    "SELECT a.doc_id, a.date, q.kind, q.text, e.name, e.type,"
    "  CASE WHEN q.source_end > q.source_start THEN"
    "    substr(CAST(a.text AS BLOB), q.source_start + 1,"
    "           q.source_end - q.source_start) END,"
    "  q.verb, q.start, q.end"
    " FROM quotes q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN entities e ON e.id = q.speaker_id"
    " WHERE (?1 IS NULL OR (e.name = ?1 COLLATE NOCASE"
    "        OR e.name LIKE '% ' || ?1))"
    "   AND (?2 IS NULL OR q.kind = ?2)"
    "   AND (?3 IS NULL OR a.date >= ?3) AND (?4 IS NULL OR a.date <= ?4)";

static const char order_sql[] =
    " ORDER BY a.date DESC, a.id DESC, q.start LIMIT ?5";

typedef struct list_mem {
    arena a;
} list_mem;

void ng_quote_list_free(ng_quote_list *l)
{
    if (!l)
        return;
    list_mem *m = l->mem;
    if (m)
        arena_release(&m->a);
    free(m);
    free(l);
}

static ng_quote_list *list_new(void)
{
    ng_quote_list *l = calloc(1, sizeof *l);
    list_mem *m = calloc(1, sizeof *m);
    if (!l || !m) {
        free(l);
        free(m);
        return NULL;
    }
    arena_init(&m->a);
    l->mem = m;
    return l;
}

static char *col_text(arena *a, sqlite3_stmt *stmt, int col)
{
    const void *v = sqlite3_column_blob(stmt, col);
    if (!v && sqlite3_column_type(stmt, col) == SQLITE_NULL)
        return NULL;
    return arena_strndup(a, v ? v : "",
                         (size_t)sqlite3_column_bytes(stmt, col));
}

static void bind_opt(sqlite3_stmt *stmt, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(stmt, i);
}

/* The SQL with one "instr(lower(text), lower(?N))" per word of `words`
 * (split at spaces); *nwords gets their count. */
static bool build_sql(buf *sql, const char *words, size_t *nwords)
{
    buf_append(sql, quotes_sql, strlen(quotes_sql));
    *nwords = 0;
    for (const char *p = words; p && *p && *nwords < MAX_WORDS;) {
        p += strspn(p, " \t");
        size_t n = strcspn(p, " \t");
        if (!n)
            break;
        buf_printf(sql, " AND instr(lower(q.text), lower(?%zu)) > 0",
                   6 + *nwords);
        (*nwords)++;
        p += n;
    }
    buf_append(sql, order_sql, strlen(order_sql));
    return !sql->failed;
}

static void bind_words(sqlite3_stmt *stmt, const char *words)
{
    int i = 6;
    for (const char *p = words; p && *p && i < 6 + MAX_WORDS;) {
        p += strspn(p, " \t");
        size_t n = strcspn(p, " \t");
        if (!n)
            break;
        sqlite3_bind_text(stmt, i++, p, (int)n, SQLITE_TRANSIENT);
        p += n;
    }
}

static bool read_hit(arena *a, sqlite3_stmt *stmt, ng_quote_hit *h)
{
    h->article = col_text(a, stmt, 0);
    h->date = col_text(a, stmt, 1);
    h->kind = col_text(a, stmt, 2);
    h->text = col_text(a, stmt, 3);
    h->speaker = col_text(a, stmt, 4);
    h->speaker_type = col_text(a, stmt, 5);
    h->source = col_text(a, stmt, 6);
    h->verb = col_text(a, stmt, 7);
    h->span.start = (uint32_t)sqlite3_column_int64(stmt, 8);
    h->span.end = (uint32_t)sqlite3_column_int64(stmt, 9);
    return h->article && h->kind && h->text;
}

static ng_status check(ng_store *s, const ng_quote_query *q)
{
    if (!q)
        return NG_OK;
    if (!store_check_dates(s, q->since, q->until))
        return NG_ERR_ARG;
    if (q->kind && strcmp(q->kind, "direct") != 0 &&
        strcmp(q->kind, "blockquote") != 0 && strcmp(q->kind, "reported") != 0)
        return store_fail(s, NG_ERR_ARG,
                          "unknown quote kind '%s' (direct, blockquote or "
                          "reported)",
                          q->kind);
    return NG_OK;
}

ng_status ng_store_quotes(ng_store *s, const ng_quote_query *q,
                          ng_quote_list **out)
{
    if (!s || !out)
        return NG_ERR_ARG;
    *out = NULL;
    ng_status st = check(s, q);
    if (st != NG_OK)
        return st;
    unsigned limit = q && q->limit ? q->limit : DEFAULT_LIMIT;
    buf sql;
    buf_init(&sql, 0);
    size_t nwords;
    if (!build_sql(&sql, q ? q->words : NULL, &nwords)) {
        buf_free(&sql);
        return NG_ERR_NOMEM;
    }
    sqlite3_stmt *stmt;
    int rc = sqlite3_prepare_v2(s->db, buf_cstr(&sql), -1, &stmt, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, "quotes");
    bind_opt(stmt, 1, q ? q->speaker : NULL);
    bind_opt(stmt, 2, q ? q->kind : NULL);
    bind_opt(stmt, 3, q ? q->since : NULL);
    bind_opt(stmt, 4, q ? q->until : NULL);
    sqlite3_bind_int64(stmt, 5, limit);
    bind_words(stmt, q ? q->words : NULL);
    ng_quote_list *l = list_new();
    arena *a = l ? &((list_mem *)l->mem)->a : NULL;
    if (l)
        l->items = arena_alloc(a, limit * sizeof *l->items);
    rc = l && l->items ? SQLITE_OK : SQLITE_NOMEM;
    while (rc != SQLITE_NOMEM && (rc = sqlite3_step(stmt)) == SQLITE_ROW &&
           l->count < limit)
        if (!read_hit(a, stmt, &l->items[l->count++]))
            rc = SQLITE_NOMEM;
    st = rc == SQLITE_DONE || rc == SQLITE_ROW ? NG_OK
         : rc == SQLITE_NOMEM                  ? NG_ERR_NOMEM
                                               : store_sqlite_fail(s, "quotes");
    sqlite3_finalize(stmt);
    if (st != NG_OK) {
        ng_quote_list_free(l);
        return st;
    }
    *out = l;
    return NG_OK;
}
