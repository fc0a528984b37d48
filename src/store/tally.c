/*
 * tally.c -- counting entities over a set of articles: the most mentioned
 * entities (of every article, or of those a query, dates, a tag or an
 * entity filter keep) and the entities mentioned with one entity
 * (co-occurrence).
 *
 * The counting is done here rather than with SQL's GROUP BY: the set of
 * articles comes from one query (FTS5 or the articles_date index, which
 * holds id and date), then either one scan of the mentions table (when
 * the set is a large part of the store) or one primary-key probe per
 * article feeds an entity id -> counts hash table. On the Reuters-21578
 * store (19,043 articles, 174,298 mentions) the most mentioned entities of
 * the whole store take about a tenth of the time of the GROUP BY over a
 * join with articles, and the entities mentioned with "U.S." (3,001
 * articles) a quarter. Distinct articles are counted without a set: the
 * mentions of one article come together in both the scan and the probes,
 * so an entity's article count grows when its last article changes.
 *
 * Exports (store.h): store_artset_*, store_tally_*.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* ---- sets of articles -------------------------------------------------- */

bool store_artset_push(store_artset *set, int64_t id, int64_t day)
{
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        store_art *items = realloc(set->items, cap * sizeof *items);
        if (!items)
            return false;
        set->items = items;
        set->cap = cap;
    }
    set->items[set->n].id = id;
    set->items[set->n].day = day;
    set->n++;
    return true;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const store_art *)a)->id, y = ((const store_art *)b)->id;
    return (x > y) - (x < y);
}

void store_artset_sort(store_artset *set)
{
    bool sorted = true;
    for (size_t i = 1; i < set->n && sorted; i++)
        sorted = set->items[i - 1].id < set->items[i].id;
    if (!sorted && set->n > 1)
        qsort(set->items, set->n, sizeof *set->items, by_id);
    size_t o = 0; /* drop duplicates */
    for (size_t i = 0; i < set->n; i++)
        if (o == 0 || set->items[o - 1].id != set->items[i].id)
            set->items[o++] = set->items[i];
    set->n = o;
}

void store_artset_free(store_artset *set)
{
    free(set->items);
    memset(set, 0, sizeof *set);
}

/*
 * The SQL of an article set, made of fixed pieces (the values are bound:
 * ?1 MATCH, ?2 since, ?3 until, ?4 tag, ?7 entity, ?8 its type). Only the
 * filters in use are written, so that without a query SQLite reads the
 * articles_date index (id and date) instead of the articles themselves.
 */
static void artset_sql(const store_filter *f, buf *sql)
{
    if (f->match)
        buf_printf(sql, "SELECT a.id, a.date FROM articles_fts JOIN articles a"
                        " ON a.id = articles_fts.rowid"
                        " WHERE articles_fts MATCH ?1");
    else
        buf_printf(sql, "SELECT a.id, a.date FROM articles a WHERE 1");
    if (f->since)
        buf_printf(sql, " AND a.date >= ?2");
    if (f->until)
        buf_printf(sql, " AND a.date <= ?3");
    if (f->tag)
        buf_printf(sql, " AND EXISTS (SELECT 1 FROM json_each(a.tags)"
                        " WHERE value = ?4 COLLATE NOCASE)");
    if (f->entity)
        buf_printf(sql, " AND %s", STORE_MENTIONS_ENTITY(7, 8));
}

ng_status store_artset_query(ng_store *s, const store_filter *f,
                             store_artset *set)
{
    buf sql;
    buf_init(&sql, 4096);
    artset_sql(f, &sql);
    sqlite3_stmt *stmt = NULL;
    if (sql.failed) {
        buf_free(&sql);
        return NG_ERR_NOMEM;
    }
    int rc = sqlite3_prepare_v2(s->db, buf_cstr(&sql), -1, &stmt, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, "articles");
    store_bind_filters(stmt, f->match, f->since, f->until, f->tag);
    store_bind_entity(stmt, f->entity, f->entity_type);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t day;
        if (!store_day_parse((const char *)sqlite3_column_text(stmt, 1), &day))
            day = STORE_UNDATED;
        if (!store_artset_push(set, sqlite3_column_int64(stmt, 0), day)) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    ng_status st =
        rc == SQLITE_DONE ? NG_OK : store_step_error(s, rc, "articles");
    sqlite3_finalize(stmt);
    if (st == NG_OK)
        store_artset_sort(set);
    return st;
}

/* ---- the entity -> counts table ---------------------------------------- */

static size_t slot_of(int64_t entity, size_t cap)
{
    uint64_t h = (uint64_t)entity * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & (cap - 1);
}

static bool tally_grow(store_tally *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    store_tally_item *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].entity)
            continue;
        size_t k = slot_of(t->slots[i].entity, cap);
        while (slots[k].entity)
            k = (k + 1) & (cap - 1);
        slots[k] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return true;
}

/* Counts one mention of `entity` in article `at` of the set. Entity ids
 * are row ids of the entities table: never 0. */
static bool tally_add(store_tally *t, int64_t entity, const store_artset *set,
                      size_t at)
{
    if (2 * (t->n + 1) > t->cap && !tally_grow(t))
        return false;
    size_t k = slot_of(entity, t->cap);
    while (t->slots[k].entity && t->slots[k].entity != entity)
        k = (k + 1) & (t->cap - 1);
    store_tally_item *it = &t->slots[k];
    if (!it->entity) {
        it->entity = entity;
        it->first = it->last = INT32_MIN;
        t->n++;
    }
    if (it->mentions < UINT32_MAX)
        it->mentions++;
    if (it->last_article != at + 1) {
        it->articles++;
        it->last_article = (uint32_t)(at + 1);
        int64_t day = set->items[at].day;
        if (day != STORE_UNDATED) {
            int32_t d = (int32_t)day;
            if (it->first == INT32_MIN || d < it->first)
                it->first = d;
            if (it->last == INT32_MIN || d > it->last)
                it->last = d;
        }
    }
    return true;
}

void store_tally_free(store_tally *t)
{
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* The largest article row id: how big the store is, for choosing between
 * a scan and probes. */
static int64_t max_article(ng_store *s)
{
    sqlite3_stmt *stmt;
    int64_t n = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT max(id) FROM articles", -1, &stmt,
                           NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

/* Reads every mention in article order (the primary key: no sort) and
 * walks the sorted set alongside. */
static ng_status scan_all(ng_store *s, const store_artset *set, int64_t skip,
                          store_tally *t)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT article_id, entity_id FROM mentions"
                           " ORDER BY article_id",
                           -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "mentions");
    size_t at = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t article = sqlite3_column_int64(stmt, 0);
        while (at < set->n && set->items[at].id < article)
            at++;
        if (at == set->n)
            break; /* past the last article of the set */
        int64_t entity = sqlite3_column_int64(stmt, 1);
        if (set->items[at].id != article || entity == skip)
            continue;
        if (!tally_add(t, entity, set, at)) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    ng_status st = rc == SQLITE_DONE || rc == SQLITE_ROW
                       ? NG_OK
                       : store_step_error(s, rc, "mentions");
    sqlite3_finalize(stmt);
    return st;
}

static ng_status probe_each(ng_store *s, const store_artset *set, int64_t skip,
                            store_tally *t)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(
            s->db, "SELECT entity_id FROM mentions WHERE article_id = ?", -1,
            &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "mentions");
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < set->n && rc == SQLITE_DONE; i++) {
        sqlite3_bind_int64(stmt, 1, set->items[i].id);
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int64_t entity = sqlite3_column_int64(stmt, 0);
            if (entity != skip && !tally_add(t, entity, set, i)) {
                rc = SQLITE_NOMEM;
                break;
            }
        }
        sqlite3_reset(stmt);
    }
    ng_status st =
        rc == SQLITE_DONE ? NG_OK : store_step_error(s, rc, "mentions");
    sqlite3_finalize(stmt);
    return st;
}

ng_status store_tally_count(ng_store *s, const store_artset *set, int64_t skip,
                            store_tally *t)
{
    if (set->n == 0)
        return NG_OK;
    /* A probe costs about as much as reading three mentions of the scan
     * (measured on Reuters-21578, about nine mentions an article). */
    if ((int64_t)set->n * 3 > max_article(s))
        return scan_all(s, set, skip, t);
    return probe_each(s, set, skip, t);
}

/* ---- the top of the table ---------------------------------------------- */

/* Orders of the top: most mentioned first, or in most articles first;
 * ties by entity id, so that the order is stable. Negative: x first. */
static int by_mentions(const store_tally_item *x, const store_tally_item *y)
{
    if (x->mentions != y->mentions)
        return x->mentions > y->mentions ? -1 : 1;
    if (x->articles != y->articles)
        return x->articles > y->articles ? -1 : 1;
    return (x->entity > y->entity) - (x->entity < y->entity);
}

static int by_articles(const store_tally_item *x, const store_tally_item *y)
{
    if (x->articles != y->articles)
        return x->articles > y->articles ? -1 : 1;
    return by_mentions(x, y);
}

typedef int (*tally_order)(const store_tally_item *, const store_tally_item *);

/* Sifts heap[i] down a heap whose root is the item that comes last. */
static void sift_down(const store_tally_item **heap, size_t n, size_t i,
                      tally_order before)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && before(heap[m], heap[l]) < 0)
            m = l;
        if (r < n && before(heap[m], heap[r]) < 0)
            m = r;
        if (m == i)
            return;
        const store_tally_item *tmp = heap[i];
        heap[i] = heap[m];
        heap[m] = tmp;
        i = m;
    }
}

/* The first k items of the table in order, into top[0..*n): a bounded
 * heap, so that a store of many entities is not sorted whole. */
static void select_top(const store_tally *t, tally_order before, size_t k,
                       const store_tally_item **top, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < t->cap && k; i++) {
        const store_tally_item *it = &t->slots[i];
        if (!it->entity)
            continue;
        if (*n < k) {
            top[(*n)++] = it;
            if (*n == k) /* heapify */
                for (size_t j = k / 2; j-- > 0;)
                    sift_down(top, k, j, before);
        } else if (before(it, top[0]) < 0) {
            top[0] = it;
            sift_down(top, k, 0, before);
        }
    }
    if (*n < k)
        for (size_t j = *n / 2; j-- > 0;)
            sift_down(top, *n, j, before);
    for (size_t end = *n; end > 1; end--) { /* heap sort: the last goes last */
        const store_tally_item *tmp = top[0];
        top[0] = top[end - 1];
        top[end - 1] = tmp;
        sift_down(top, end - 1, 0, before);
    }
}

static const char *day_text(arena *a, int32_t day)
{
    if (day == INT32_MIN)
        return NULL;
    char d[11];
    store_day_format(day, d);
    return arena_strndup(a, d, 10);
}

/* Names the candidates in order, keeping those of `type`, up to limit. */
static int name_top(sqlite3_stmt *stmt, const store_tally_item **top,
                    size_t ntop, const char *type, size_t limit, arena *a,
                    ng_entity_count *items, size_t *count)
{
    int rc = SQLITE_DONE;
    *count = 0;
    for (size_t i = 0; i < ntop && *count < limit; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, top[i]->entity);
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) /* not in this version of the store */
            continue;
        if (rc != SQLITE_ROW)
            return rc;
        rc = SQLITE_DONE;
        const char *etype = (const char *)sqlite3_column_text(stmt, 1);
        if (type && (!etype || strcmp(etype, type) != 0))
            continue;
        ng_entity_count *e = &items[*count];
        e->name = arena_strndup(a, (const char *)sqlite3_column_text(stmt, 0),
                                (size_t)sqlite3_column_bytes(stmt, 0));
        e->type = arena_strndup(a, etype ? etype : "",
                                (size_t)sqlite3_column_bytes(stmt, 1));
        e->mentions = top[i]->mentions;
        e->articles = top[i]->articles;
        e->first_date = day_text(a, top[i]->first);
        e->last_date = day_text(a, top[i]->last);
        if (!e->name || !e->type ||
            (top[i]->first != INT32_MIN && !e->last_date))
            return SQLITE_NOMEM;
        (*count)++;
    }
    return rc;
}

ng_status store_tally_top(ng_store *s, const store_tally *t, const char *type,
                          bool articles_first, size_t limit, arena *a,
                          ng_entity_count **items, size_t *count)
{
    *count = 0;
    *items = arena_alloc(a, (limit ? limit : 1) * sizeof **items);
    if (!*items)
        return NG_ERR_NOMEM;
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT name, type FROM entities WHERE id = ?", -1,
                           &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "entities");
    /* With a type, some of the first candidates are of others: take more
     * until enough are of the type or every entity was a candidate. */
    size_t k = type ? 8 * limit : limit, ntop = 0;
    const store_tally_item **top = NULL;
    int rc = SQLITE_DONE;
    for (;;) {
        if (k > t->n)
            k = t->n;
        const store_tally_item **bigger =
            realloc(top, (k ? k : 1) * sizeof *top);
        if (!bigger) {
            rc = SQLITE_NOMEM;
            break;
        }
        top = bigger;
        select_top(t, articles_first ? by_articles : by_mentions, k, top,
                   &ntop);
        rc = name_top(stmt, top, ntop, type, limit, a, *items, count);
        if (rc != SQLITE_DONE || *count >= limit || k >= t->n)
            break;
        k *= 4;
    }
    ng_status st = rc == SQLITE_DONE    ? NG_OK
                   : rc == SQLITE_NOMEM ? NG_ERR_NOMEM
                                        : store_step_error(s, rc, "entities");
    sqlite3_finalize(stmt);
    free(top);
    return st;
}
