/*
 * entities.c -- questions about entities in the store: the most mentioned
 * (optionally of one type, within dates), and one entity in detail, found
 * by its name or any alias (its mentions per day, the articles that
 * mention it with a snippet around the first mention, its aliases).
 *
 * Exports: ng_store_entities, ng_store_entity, ng_entity_list_free.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

enum { DEFAULT_LIMIT = 20, SNIPPET_BEFORE = 60, SNIPPET_AFTER = 100 };

static const char top_sql[] =
    "SELECT e.name, e.type, count(*) AS n, count(DISTINCT m.article_id),"
    "  min(a.date), max(a.date)"
    " FROM mentions m JOIN entities e ON e.id = m.entity_id"
    " JOIN articles a ON a.id = m.article_id"
    " WHERE (?1 IS NULL OR e.type = ?1)"
    "   AND (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3)"
    " GROUP BY m.entity_id ORDER BY n DESC, e.name, e.type LIMIT ?4";

static const char find_sql[] =
    "SELECT e.id, e.name, e.type, count(*) AS n,"
    "  count(DISTINCT m.article_id), min(a.date), max(a.date)"
    " FROM entities e JOIN mentions m ON m.entity_id = e.id"
    " JOIN articles a ON a.id = m.article_id"
    " WHERE (e.name = ?1 COLLATE NOCASE OR e.id IN (SELECT entity_id"
    "        FROM aliases WHERE alias = ?1))"
    "   AND (?2 IS NULL OR e.type = ?2)"
    "   AND (?3 IS NULL OR a.date >= ?3) AND (?4 IS NULL OR a.date <= ?4)"
    " GROUP BY e.id ORDER BY n DESC, e.type LIMIT 1";

static const char days_sql[] =
    "SELECT a.date, count(*), count(DISTINCT a.id)"
    " FROM mentions m JOIN articles a ON a.id = m.article_id"
    " WHERE m.entity_id = ?1 AND a.date IS NOT NULL"
    "   AND (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3)"
    " GROUP BY a.date ORDER BY a.date";

static const char aliases_sql[] =
    "SELECT DISTINCT alias FROM aliases WHERE entity_id = ?1"
    " ORDER BY alias COLLATE NOCASE, alias";

static const char articles_sql[] =
    "SELECT a.doc_id, a.date, a.title, count(*), min(m.start), a.text,"
    "  m.end" /* SQLite: a bare column comes from the row of min() */
    " FROM mentions m JOIN articles a ON a.id = m.article_id"
    " WHERE m.entity_id = ?1"
    "   AND (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3)"
    " GROUP BY a.id ORDER BY a.date DESC, a.id DESC LIMIT ?4";

typedef struct list_mem {
    arena a;
} list_mem;

static ng_entity_list *list_new(void)
{
    ng_entity_list *l = calloc(1, sizeof *l);
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

void ng_entity_list_free(ng_entity_list *l)
{
    if (!l)
        return;
    list_mem *m = l->mem;
    if (m)
        arena_release(&m->a);
    free(m);
    free(l);
}

static char *col_text(arena *a, sqlite3_stmt *stmt, int col)
{
    const unsigned char *v = sqlite3_column_text(stmt, col);
    return v ? arena_strndup(a, (const char *)v,
                             (size_t)sqlite3_column_bytes(stmt, col))
             : NULL;
}

static ng_status check_query(ng_store *s, const ng_entity_query *q)
{
    if (!q)
        return NG_OK;
    if ((q->since && !ng_date_valid(q->since)) ||
        (q->until && !ng_date_valid(q->until)))
        return store_fail(s, NG_ERR_ARG, "dates must be YYYY-MM-DD");
    if (q->type && ng_entity_type_parse(q->type) < 0)
        return store_fail(s, NG_ERR_ARG,
                          "unknown entity type '%s' (PER, "
                          "ORG, LOC or MISC)",
                          q->type);
    return NG_OK;
}

static const char *type_of(const ng_entity_query *q)
{
    int t = q && q->type ? ng_entity_type_parse(q->type) : -1;
    return t >= 0 ? ng_entity_type_name((ng_entity_type)t) : NULL;
}

/* Binds text or NULL. */
static void bind_opt(sqlite3_stmt *stmt, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(stmt, i);
}

/* Reads a count row (name, type, mentions, articles, first, last) from
 * column `c0` on. */
static bool read_count(arena *a, sqlite3_stmt *stmt, int c0, ng_entity_count *e)
{
    e->name = col_text(a, stmt, c0);
    e->type = col_text(a, stmt, c0 + 1);
    e->mentions = (uint64_t)sqlite3_column_int64(stmt, c0 + 2);
    e->articles = (uint64_t)sqlite3_column_int64(stmt, c0 + 3);
    e->first_date = col_text(a, stmt, c0 + 4);
    e->last_date = col_text(a, stmt, c0 + 5);
    return e->name && e->type;
}

static ng_status finish(ng_store *s, sqlite3_stmt *stmt, int rc,
                        const char *what)
{
    ng_status st = rc == SQLITE_DONE || rc == SQLITE_ROW ? NG_OK
                   : rc == SQLITE_NOMEM                  ? NG_ERR_NOMEM
                                        : store_sqlite_fail(s, what);
    sqlite3_finalize(stmt);
    return st;
}

ng_status ng_store_entities(ng_store *s, const ng_entity_query *q,
                            ng_entity_list **out)
{
    if (!s || !out)
        return NG_ERR_ARG;
    *out = NULL;
    ng_status st = check_query(s, q);
    if (st != NG_OK)
        return st;
    unsigned limit = q && q->limit ? q->limit : DEFAULT_LIMIT;
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, top_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "entities");
    bind_opt(stmt, 1, type_of(q));
    bind_opt(stmt, 2, q ? q->since : NULL);
    bind_opt(stmt, 3, q ? q->until : NULL);
    sqlite3_bind_int64(stmt, 4, limit);
    ng_entity_list *l = list_new();
    arena *a = l ? &((list_mem *)l->mem)->a : NULL;
    if (l)
        l->items = arena_alloc(a, limit * sizeof *l->items);
    int rc = SQLITE_NOMEM;
    while (l && l->items && (rc = sqlite3_step(stmt)) == SQLITE_ROW &&
           l->count < limit)
        if (!read_count(a, stmt, 0, &l->items[l->count++])) {
            rc = SQLITE_NOMEM;
            break;
        }
    st = finish(s, stmt, rc, "entities");
    if (st != NG_OK) {
        ng_entity_list_free(l);
        return st;
    }
    *out = l;
    return NG_OK;
}

/* The text around the first mention [start, end), cut at spaces. */
static void snippet(arena *a, const char *text, size_t len, size_t start,
                    size_t end, ng_entity_article *art)
{
    size_t from = start > SNIPPET_BEFORE ? start - SNIPPET_BEFORE : 0;
    size_t to = end + SNIPPET_AFTER < len ? end + SNIPPET_AFTER : len;
    while (from > 0 && from < start && text[from - 1] != ' ')
        from++;
    while (to < len && to > end && text[to] != ' ')
        to--;
    char *p = arena_strndup(a, text + from, to - from);
    for (size_t i = 0; p && p[i]; i++)
        if (p[i] == '\n')
            p[i] = ' ';
    art->snippet = p;
    art->mark.start = (uint32_t)(start - from);
    art->mark.end = (uint32_t)(end - from);
}

static ng_status read_days(ng_store *s, ng_entity_list *l, int64_t id,
                           const ng_entity_query *q, arena *a)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, days_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "entity days");
    sqlite3_bind_int64(stmt, 1, id);
    bind_opt(stmt, 2, q ? q->since : NULL);
    bind_opt(stmt, 3, q ? q->until : NULL);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (l->ndays == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            ng_entity_day *d = arena_alloc(a, ncap * sizeof *d);
            if (!d) {
                rc = SQLITE_NOMEM;
                break;
            }
            if (cap)
                memcpy(d, l->days, cap * sizeof *d);
            l->days = d;
            cap = ncap;
        }
        ng_entity_day *d = &l->days[l->ndays++];
        d->date = col_text(a, stmt, 0);
        d->mentions = (uint64_t)sqlite3_column_int64(stmt, 1);
        d->articles = (uint64_t)sqlite3_column_int64(stmt, 2);
    }
    return finish(s, stmt, rc, "entity days");
}

static ng_status read_articles(ng_store *s, ng_entity_list *l, int64_t id,
                               const ng_entity_query *q, arena *a)
{
    unsigned limit = q && q->limit ? q->limit : DEFAULT_LIMIT;
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, articles_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "entity articles");
    sqlite3_bind_int64(stmt, 1, id);
    bind_opt(stmt, 2, q ? q->since : NULL);
    bind_opt(stmt, 3, q ? q->until : NULL);
    sqlite3_bind_int64(stmt, 4, limit);
    l->articles = arena_alloc(a, limit * sizeof *l->articles);
    int rc = l->articles ? SQLITE_OK : SQLITE_NOMEM;
    while (l->articles && (rc = sqlite3_step(stmt)) == SQLITE_ROW &&
           l->narticles < limit) {
        ng_entity_article *art = &l->articles[l->narticles++];
        art->id = col_text(a, stmt, 0);
        art->date = col_text(a, stmt, 1);
        art->title = col_text(a, stmt, 2);
        art->mentions = (uint64_t)sqlite3_column_int64(stmt, 3);
        size_t start = (size_t)sqlite3_column_int64(stmt, 4);
        size_t end = (size_t)sqlite3_column_int64(stmt, 6);
        const char *text = (const char *)sqlite3_column_text(stmt, 5);
        size_t len = text ? (size_t)sqlite3_column_bytes(stmt, 5) : 0;
        if (end > len || start > end)
            start = end = 0; /* a damaged row: no mark */
        snippet(a, text ? text : "", len, start, end, art);
        if (!art->id || !art->snippet) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    return finish(s, stmt, rc, "entity articles");
}

/* Every name the entity goes by. */
static ng_status read_aliases(ng_store *s, ng_entity_list *l, int64_t id,
                              arena *a)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, aliases_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "entity aliases");
    sqlite3_bind_int64(stmt, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (l->naliases == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            const char **p = arena_alloc(a, ncap * sizeof *p);
            if (!p) {
                rc = SQLITE_NOMEM;
                break;
            }
            if (cap)
                memcpy(p, l->aliases, cap * sizeof *p);
            l->aliases = p;
            cap = ncap;
        }
        if (!(l->aliases[l->naliases++] = col_text(a, stmt, 0))) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    return finish(s, stmt, rc, "entity aliases");
}

ng_status ng_store_entity(ng_store *s, const char *name,
                          const ng_entity_query *q, ng_entity_list **out)
{
    if (!s || !name || !out)
        return NG_ERR_ARG;
    *out = NULL;
    ng_status st = check_query(s, q);
    if (st != NG_OK)
        return st;
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, find_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "entity");
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
    bind_opt(stmt, 2, type_of(q));
    bind_opt(stmt, 3, q ? q->since : NULL);
    bind_opt(stmt, 4, q ? q->until : NULL);
    ng_entity_list *l = list_new();
    arena *a = l ? &((list_mem *)l->mem)->a : NULL;
    int rc = SQLITE_NOMEM;
    int64_t id = 0;
    if (l && (l->items = arena_alloc(a, sizeof *l->items))) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            id = sqlite3_column_int64(stmt, 0);
            l->count = 1;
            if (!read_count(a, stmt, 1, &l->items[0]))
                rc = SQLITE_NOMEM;
        }
    }
    st = finish(s, stmt, rc, "entity");
    if (st == NG_OK && l->count == 0)
        st = store_fail(s, NG_ERR_NOT_FOUND, "no entity named '%s'", name);
    if (st == NG_OK)
        st = read_days(s, l, id, q, a);
    if (st == NG_OK)
        st = read_articles(s, l, id, q, a);
    if (st == NG_OK)
        st = read_aliases(s, l, id, a);
    if (st != NG_OK) {
        ng_entity_list_free(l);
        return st;
    }
    *out = l;
    return NG_OK;
}
