/*
 * quotes.c -- questions about quotes in the store: by speaker (an
 * entity's name, an alias it goes by, or its last word: "Ryder" finds
 * "Patrick Ryder"), by one entity (as its profile finds it), by the
 * speaker's type, by words in the quote, by kind
 * and article dates; newest articles first, paged, with the count of all
 * that match (read in one read transaction with the page).
 *
 * Exports: ng_store_quotes, ng_quote_list_free.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

enum { DEFAULT_LIMIT = 20, MAX_WORDS = 16, FIRST_WORD = 10 };

/* ?2 kind, ?3 since, ?4 until, ?5 speaker type; ?1 speaker, ?8 entity
 * and words from ?10 on are added when given (build_sql), so that the
 * quotes_speaker index finds a speaker's quotes ("?1 IS NULL OR ..."
 * would scan every quote). */
static const char from_where_sql[] =
    " FROM quotes q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN entities e ON e.id = q.speaker_id"
    " WHERE (?2 IS NULL OR q.kind = ?2)"
    "   AND (?3 IS NULL OR a.date >= ?3) AND (?4 IS NULL OR a.date <= ?4)"
    "   AND (?5 IS NULL OR e.type = ?5)";

/* A speaker is any entity of that name, going by it (aliases) or whose
 * name ends with it as a word ("Ryder"). */
static const char speaker_sql[] =
    " AND q.speaker_id IN (SELECT id FROM entities"
    "   WHERE name = ?1 COLLATE NOCASE"
    "      OR substr(name, -length(?1) - 1) = ' ' || ?1 COLLATE NOCASE"
    "   UNION SELECT entity_id FROM aliases WHERE alias = ?1)";

/* An entity is the one ng_store_entity finds (entities.c): what an
 * entity's page shows. */
static const char entity_sql[] =
    " AND q.speaker_id = (SELECT e.id FROM entities e" STORE_ENTITY_NAMED(
        8, 5) ")";

static const char select_sql[] =
    "SELECT a.doc_id, a.date, q.kind, q.text, e.name, e.type,"
    "  CASE WHEN q.source_end > q.source_start THEN"
    "    substr(CAST(a.text AS BLOB), q.source_start + 1,"
    "           q.source_end - q.source_start) END,"
    "  q.verb, q.start, q.end";

static const char order_sql[] =
    " ORDER BY a.date DESC, a.id DESC, q.start LIMIT ?6 OFFSET ?7";

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

/* `head`, the filters (the speaker's and entity's when q has them) and
 * one "text LIKE ?N" per word of q->words (bound as %word%; split at
 * spaces), then `tail`. */
static bool build_sql(buf *sql, const char *head, const ng_quote_query *q,
                      const char *tail)
{
    buf_append(sql, head, strlen(head));
    buf_append(sql, from_where_sql, strlen(from_where_sql));
    if (q && q->speaker)
        buf_append(sql, speaker_sql, strlen(speaker_sql));
    if (q && q->entity)
        buf_append(sql, entity_sql, strlen(entity_sql));
    size_t nwords = 0;
    for (const char *p = q ? q->words : NULL; p && *p && nwords < MAX_WORDS;) {
        p += strspn(p, " \t");
        size_t n = strcspn(p, " \t");
        if (!n)
            break;
        buf_printf(sql, " AND q.text LIKE ?%zu ESCAPE '\\'",
                   FIRST_WORD + nwords);
        nwords++;
        p += n;
    }
    buf_append(sql, tail, strlen(tail));
    return !sql->failed;
}

/* Binds "%word%" with LIKE's own characters escaped: the quote contains
 * the word, ASCII letters in any case (as SQLite's lower() would give;
 * LIKE needs no copy of every quote and was 3 times as fast). */
static bool bind_word(sqlite3_stmt *stmt, int i, const char *w, size_t n)
{
    buf pattern;
    buf_init(&pattern, 0);
    buf_putc(&pattern, '%');
    for (size_t k = 0; k < n; k++) {
        if (w[k] == '%' || w[k] == '_' || w[k] == '\\')
            buf_putc(&pattern, '\\');
        buf_putc(&pattern, w[k]);
    }
    buf_putc(&pattern, '%');
    bool ok = !pattern.failed &&
              sqlite3_bind_text(stmt, i, pattern.data, (int)pattern.len,
                                SQLITE_TRANSIENT) == SQLITE_OK;
    buf_free(&pattern);
    return ok;
}

/* False when out of memory. */
static bool bind_query(sqlite3_stmt *stmt, const ng_quote_query *q)
{
    if (!q)
        return true;
    if (q->speaker) /* ?1 and ?8 are in the SQL only when given */
        bind_opt(stmt, 1, q->speaker);
    bind_opt(stmt, 2, q->kind);
    bind_opt(stmt, 3, q->since);
    bind_opt(stmt, 4, q->until);
    bind_opt(stmt, 5, store_entity_type(q->speaker_type));
    if (q->entity)
        bind_opt(stmt, 8, q->entity);
    int i = FIRST_WORD;
    for (const char *p = q->words; p && *p && i < FIRST_WORD + MAX_WORDS;) {
        p += strspn(p, " \t");
        size_t n = strcspn(p, " \t");
        if (!n)
            break;
        if (!bind_word(stmt, i++, p, n))
            return false;
        p += n;
    }
    return true;
}

/* Prepares the filters' statement between head and tail, bound. */
static ng_status prepare(ng_store *s, const ng_quote_query *q, const char *head,
                         const char *tail, sqlite3_stmt **stmt)
{
    buf sql;
    buf_init(&sql, 0);
    ng_status st = NG_OK;
    *stmt = NULL;
    if (!build_sql(&sql, head, q, tail))
        st = NG_ERR_NOMEM;
    else if (sqlite3_prepare_v2(s->db, buf_cstr(&sql), -1, stmt, NULL) !=
             SQLITE_OK)
        st = store_sqlite_fail(s, "quotes");
    buf_free(&sql);
    if (st == NG_OK && !bind_query(*stmt, q)) {
        sqlite3_finalize(*stmt);
        *stmt = NULL;
        st = NG_ERR_NOMEM;
    }
    return st;
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
    if (q->speaker_type && !store_entity_type(q->speaker_type))
        return store_fail(s, NG_ERR_ARG,
                          "unknown entity type '%s' (PER, ORG, LOC or MISC)",
                          q->speaker_type);
    return NG_OK;
}

/* How many quotes match in all. */
static ng_status count_all(ng_store *s, const ng_quote_query *q,
                           uint64_t *total)
{
    sqlite3_stmt *stmt;
    ng_status st = prepare(s, q, "SELECT count(*)", "", &stmt);
    if (st != NG_OK)
        return st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *total = (uint64_t)sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? NG_OK : store_step_error(s, rc, "quotes");
}

/* The page of quotes, into l (its items allocated for `limit`). */
static ng_status read_page(ng_store *s, const ng_quote_query *q, unsigned limit,
                           ng_quote_list *l)
{
    sqlite3_stmt *stmt;
    ng_status st = prepare(s, q, select_sql, order_sql, &stmt);
    if (st != NG_OK)
        return st;
    sqlite3_bind_int64(stmt, 6, limit);
    sqlite3_bind_int64(stmt, 7, q ? q->offset : 0);
    arena *a = &((list_mem *)l->mem)->a;
    l->items = arena_alloc(a, limit * sizeof *l->items);
    int rc = l->items ? SQLITE_OK : SQLITE_NOMEM;
    while (rc != SQLITE_NOMEM && (rc = sqlite3_step(stmt)) == SQLITE_ROW &&
           l->count < limit)
        if (!read_hit(a, stmt, &l->items[l->count++]))
            rc = SQLITE_NOMEM;
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE || rc == SQLITE_ROW
               ? NG_OK
               : store_step_error(s, rc, "quotes");
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
    ng_quote_list *l = list_new();
    if (!l)
        return NG_ERR_NOMEM;
    /* The page and the count see the same version of the store. */
    bool began = store_read_begin(s);
    st = read_page(s, q, q && q->limit ? q->limit : DEFAULT_LIMIT, l);
    if (st == NG_OK)
        st = count_all(s, q, &l->total);
    store_read_end(s, began);
    if (st != NG_OK) {
        ng_quote_list_free(l);
        return st;
    }
    *out = l;
    return NG_OK;
}
