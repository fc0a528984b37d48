/*
 * entities.c -- questions about entities in the store: the most mentioned
 * (optionally of one type, within dates, among the articles a query, a
 * tag or another entity keep), and one entity in detail, found by its
 * name or any alias: its counts, its mentions per day and per period (day,
 * ISO week or month, gaps filled), the articles that mention it (paged,
 * newest first, with a snippet around the first mention), the entities
 * mentioned in the same articles (co-occurrence, tally.c) and its aliases.
 *
 * One entity's profile comes from one query over its mentions grouped by
 * article (the mentions_entity index, with each article's date); the
 * totals, days, periods, the page of articles and the set of articles for
 * the co-occurrence are all made from those rows here, and everything is
 * read in one read transaction.
 *
 * Exports: ng_store_entities, ng_store_entity, ng_entity_list_free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

enum {
    DEFAULT_LIMIT = 20,
    DEFAULT_RELATED = 10,
    SNIPPET_BEFORE = 60,
    SNIPPET_AFTER = 100
};

/* The entity of a name: of the type when given, else the most mentioned. */
static const char find_sql[] =
    "SELECT e.id, e.name, e.type FROM entities e" STORE_ENTITY_NAMED(1, 2);

static const char aliases_sql[] =
    "SELECT DISTINCT alias FROM aliases WHERE entity_id = ?1"
    " ORDER BY alias COLLATE NOCASE, alias";

/* Its mentions per article: count, and the first mention's span. */
static const char per_article_sql[] =
    "SELECT m.article_id, a.date, count(*), min(m.start),"
    "  m.end" /* SQLite: a bare column comes from the row of min() */
    " FROM mentions m JOIN articles a ON a.id = m.article_id"
    " WHERE m.entity_id = ?1"
    "   AND (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3)"
    " GROUP BY m.article_id";

static const char article_sql[] =
    "SELECT doc_id, date, title, tags, text FROM articles WHERE id = ?1";

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
    if ((unsigned)q->order > NG_ORDER_ARTICLES)
        return store_fail(s, NG_ERR_ARG, "unknown order of entities");
    if ((unsigned)q->by > NG_PERIOD_AUTO)
        return store_fail(s, NG_ERR_ARG,
                          "the period must be a day, week, "
                          "month or chosen (auto)");
    if (!store_check_entity(s, q->entity, q->entity_type))
        return NG_ERR_ARG;
    return NG_OK;
}

static const char *type_of(const ng_entity_query *q)
{
    return q ? store_entity_type(q->type) : NULL;
}

/* Binds text or NULL. */
static void bind_opt(sqlite3_stmt *stmt, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(stmt, i);
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

/* Counts the entities of the articles the filters keep. */
static ng_status top_entities(ng_store *s, const ng_entity_query *q,
                              const char *match, ng_entity_list *l)
{
    store_filter f = {0};
    if (q) {
        f.since = q->since, f.until = q->until, f.entity = q->entity;
        f.tag = q->tag ? (q->tag[0] == '#' ? q->tag + 1 : q->tag) : NULL;
        f.entity_type = q->entity_type;
    }
    f.match = match;
    store_artset set = {0};
    store_tally t = {0};
    unsigned limit = q && q->limit ? q->limit : DEFAULT_LIMIT;
    ng_status st = store_artset_query(s, &f, &set);
    if (st == NG_OK)
        st = store_tally_count(s, &set, 0, &t);
    if (st == NG_OK)
        st = store_tally_top(s, &t, type_of(q),
                             q && q->order == NG_ORDER_ARTICLES, limit,
                             &((list_mem *)l->mem)->a, &l->items, &l->count);
    store_tally_free(&t);
    store_artset_free(&set);
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
    buf match;
    buf_init(&match, 1 << 20);
    if (q && q->query)
        st = store_query_match(s, q->query, &match);
    ng_entity_list *l = NULL;
    if (st == NG_OK && !(l = list_new()))
        st = NG_ERR_NOMEM;
    bool began = st == NG_OK && store_read_begin(s);
    if (st == NG_OK)
        st = top_entities(s, q, q && q->query ? buf_cstr(&match) : NULL, l);
    store_read_end(s, began);
    buf_free(&match);
    if (st != NG_OK) {
        ng_entity_list_free(l);
        return st;
    }
    *out = l;
    return NG_OK;
}

/* ---- one entity -----------------------------------------------------------
 */

/* One article that mentions the entity. */
typedef struct mention_row {
    int64_t article;
    int64_t day; /* STORE_UNDATED when undated */
    uint64_t mentions;
    int64_t start, end; /* the first mention */
} mention_row;

typedef struct profile {
    ng_store *s;
    const ng_entity_query *q;
    ng_entity_list *l;
    arena *a;
    int64_t entity;
    mention_row *rows;
    size_t nrows, cap;
} profile;

/* Finds the entity; NG_ERR_NOT_FOUND when no entity has the name. */
static ng_status find_entity(profile *p, const char *name)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(p->s->db, find_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(p->s, "entity");
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
    bind_opt(stmt, 2, type_of(p->q));
    int rc = sqlite3_step(stmt);
    ng_entity_count *e = &p->l->items[0];
    if (rc == SQLITE_ROW) {
        p->entity = sqlite3_column_int64(stmt, 0);
        e->name = col_text(p->a, stmt, 1);
        e->type = col_text(p->a, stmt, 2);
        if (!e->name || !e->type)
            rc = SQLITE_NOMEM;
    }
    ng_status st = finish(p->s, stmt, rc, "entity");
    if (st == NG_OK && !p->entity)
        st = store_fail(p->s, NG_ERR_NOT_FOUND, "no entity named '%s'", name);
    return st;
}

/* Reads the entity's mentions per article into p->rows and its totals. */
static ng_status read_rows(profile *p)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(p->s->db, per_article_sql, -1, &stmt, NULL) !=
        SQLITE_OK)
        return store_sqlite_fail(p->s, "entity mentions");
    sqlite3_bind_int64(stmt, 1, p->entity);
    bind_opt(stmt, 2, p->q ? p->q->since : NULL);
    bind_opt(stmt, 3, p->q ? p->q->until : NULL);
    ng_entity_count *e = &p->l->items[0];
    int64_t first = STORE_UNDATED, last = STORE_UNDATED;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (p->nrows == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 256;
            mention_row *rows = realloc(p->rows, cap * sizeof *rows);
            if (!rows) {
                rc = SQLITE_NOMEM;
                break;
            }
            p->rows = rows;
            p->cap = cap;
        }
        mention_row *r = &p->rows[p->nrows++];
        r->article = sqlite3_column_int64(stmt, 0);
        if (!store_day_parse((const char *)sqlite3_column_text(stmt, 1),
                             &r->day))
            r->day = STORE_UNDATED;
        r->mentions = (uint64_t)sqlite3_column_int64(stmt, 2);
        r->start = sqlite3_column_int64(stmt, 3);
        r->end = sqlite3_column_int64(stmt, 4);
        e->mentions += r->mentions;
        if (r->day != STORE_UNDATED) {
            if (first == STORE_UNDATED || r->day < first)
                first = r->day;
            if (last == STORE_UNDATED || r->day > last)
                last = r->day;
        }
    }
    e->articles = p->nrows;
    char d[11];
    if (first != STORE_UNDATED) {
        store_day_format(first, d);
        e->first_date = arena_strndup(p->a, d, 10);
        store_day_format(last, d);
        e->last_date = arena_strndup(p->a, d, 10);
        if (!e->first_date || !e->last_date)
            rc = SQLITE_NOMEM;
    }
    return finish(p->s, stmt, rc, "entity mentions");
}

static int row_by_day(const void *a, const void *b)
{
    const mention_row *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->article > y->article) - (x->article < y->article);
}

/* Newest first, undated last; the later row first within a day. */
static int row_newest(const void *a, const void *b)
{
    const mention_row *x = a, *y = b;
    if (x->day != y->day)
        return x->day > y->day ? -1 : 1; /* STORE_UNDATED is the smallest */
    return (x->article < y->article) - (x->article > y->article);
}

/* Adds `mentions` in `articles` to the period of `day`, opening the
 * periods before it (empty while there are fewer than the cap). */
static bool add_to_period(profile *p, size_t *cap, int64_t day,
                          uint64_t mentions, uint64_t articles, int64_t *cur)
{
    ng_entity_list *l = p->l;
    int64_t start = store_period_start(day, l->by);
    while (l->nperiods == 0 || *cur < start) {
        int64_t next =
            l->nperiods == 0 ? start : store_period_next(*cur, l->by);
        if (l->nperiods >= STORE_MAX_PERIODS)
            next = start;
        if (l->nperiods == *cap) {
            size_t ncap = *cap ? *cap * 2 : 64;
            ng_entity_period *np = arena_alloc(p->a, ncap * sizeof *np);
            if (!np)
                return false;
            if (*cap)
                memcpy(np, l->periods, *cap * sizeof *np);
            l->periods = np;
            *cap = ncap;
        }
        ng_entity_period *pe = &l->periods[l->nperiods++];
        memset(pe, 0, sizeof *pe);
        store_period_name(next, l->by, pe->period, pe->start);
        *cur = next;
    }
    l->periods[l->nperiods - 1].mentions += mentions;
    l->periods[l->nperiods - 1].articles += articles;
    return true;
}

/* The period that shows a span of days in a readable number of bars. */
static ng_period auto_period(int64_t first, int64_t last)
{
    if (last - first <= 62)
        return NG_PERIOD_DAY;
    return last - first <= 366 ? NG_PERIOD_WEEK : NG_PERIOD_MONTH;
}

/* Days and periods, from the rows sorted by day. */
static ng_status make_timeline(profile *p)
{
    ng_entity_list *l = p->l;
    if (p->nrows > 1)
        qsort(p->rows, p->nrows, sizeof *p->rows, row_by_day);
    size_t dated = 0;
    while (dated < p->nrows && p->rows[dated].day == STORE_UNDATED)
        dated++; /* undated rows sort first */
    const mention_row *rows = p->nrows ? p->rows + dated : NULL;
    size_t n = p->nrows - dated, ndays = 0;
    for (size_t i = 0; i < n; i++)
        ndays += i == 0 || rows[i].day != rows[i - 1].day;
    l->days = arena_alloc(p->a, (ndays ? ndays : 1) * sizeof *l->days);
    if (!l->days)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || rows[i].day != rows[i - 1].day) {
            ng_entity_day *d = &l->days[l->ndays++];
            char text[11];
            store_day_format(rows[i].day, text);
            if (!(d->date = arena_strndup(p->a, text, 10)))
                return NG_ERR_NOMEM;
            d->mentions = d->articles = 0;
        }
        l->days[l->ndays - 1].mentions += rows[i].mentions;
        l->days[l->ndays - 1].articles++;
    }
    int64_t since, until, first = n ? rows[0].day : 0,
                          last = n ? rows[n - 1].day : 0;
    bool has_since = store_day_parse(p->q ? p->q->since : NULL, &since);
    bool has_until = store_day_parse(p->q ? p->q->until : NULL, &until);
    l->by = p->q ? p->q->by : NG_PERIOD_DAY;
    if (l->by == NG_PERIOD_AUTO)
        l->by =
            auto_period(has_since ? since : first, has_until ? until : last);
    size_t cap = 0;
    int64_t cur = 0;
    if (has_since && !add_to_period(p, &cap, since, 0, 0, &cur))
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < l->ndays; i++) {
        int64_t day;
        store_day_parse(l->days[i].date, &day);
        if (!add_to_period(p, &cap, day, l->days[i].mentions,
                           l->days[i].articles, &cur))
            return NG_ERR_NOMEM;
    }
    if (has_until && (has_since || n) &&
        !add_to_period(p, &cap, until, 0, 0, &cur))
        return NG_ERR_NOMEM;
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

/* Reads one listed article; a row deleted meanwhile cannot happen inside
 * the read transaction, but is skipped rather than failed. */
static ng_status read_article(profile *p, sqlite3_stmt *stmt,
                              const mention_row *r)
{
    sqlite3_bind_int64(stmt, 1, r->article);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        return rc == SQLITE_DONE ? NG_OK
                                 : store_step_error(p->s, rc, "entity article");
    }
    ng_entity_list *l = p->l;
    ng_entity_article *art = &l->articles[l->narticles];
    art->id = col_text(p->a, stmt, 0);
    art->date = col_text(p->a, stmt, 1);
    art->title = col_text(p->a, stmt, 2);
    art->mentions = r->mentions;
    char **tags = NULL;
    ng_status st = store_tags_parse((const char *)sqlite3_column_text(stmt, 3),
                                    p->a, &tags, &art->ntags);
    art->tags = (const char *const *)tags;
    const char *text = (const char *)sqlite3_column_text(stmt, 4);
    size_t len = text ? (size_t)sqlite3_column_bytes(stmt, 4) : 0;
    size_t start = (size_t)r->start, end = (size_t)r->end;
    if (r->start < 0 || end > len || start > end)
        start = end = 0; /* a damaged row: no mark */
    snippet(p->a, text ? text : "", len, start, end, art);
    sqlite3_reset(stmt);
    if (st == NG_OK && (!art->id || !art->snippet))
        st = NG_ERR_NOMEM;
    if (st == NG_OK)
        l->narticles++;
    return st;
}

/* The page of articles: newest first, from query->offset. */
static ng_status list_articles(profile *p)
{
    unsigned limit = p->q && p->q->limit ? p->q->limit : DEFAULT_LIMIT;
    size_t offset = p->q ? p->q->offset : 0;
    ng_entity_list *l = p->l;
    if (!(l->articles = arena_alloc(p->a, limit * sizeof *l->articles)))
        return NG_ERR_NOMEM;
    if (offset >= p->nrows)
        return NG_OK; /* also when there is no row: p->rows is NULL */
    qsort(p->rows, p->nrows, sizeof *p->rows, row_newest);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(p->s->db, article_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(p->s, "entity article");
    ng_status st = NG_OK;
    for (size_t i = offset; i < p->nrows && l->narticles < limit && !st; i++)
        st = read_article(p, stmt, &p->rows[i]);
    sqlite3_finalize(stmt);
    return st;
}

/* The entities mentioned in the entity's articles, most shared first. */
static ng_status list_related(profile *p)
{
    unsigned n = p->q && p->q->related ? p->q->related : DEFAULT_RELATED;
    store_artset set = {0};
    ng_status st = NG_OK;
    for (size_t i = 0; i < p->nrows && st == NG_OK; i++)
        if (!store_artset_push(&set, p->rows[i].article, p->rows[i].day))
            st = NG_ERR_NOMEM;
    store_artset_sort(&set);
    store_tally t = {0};
    if (st == NG_OK)
        st = store_tally_count(p->s, &set, p->entity, &t);
    if (st == NG_OK)
        st = store_tally_top(p->s, &t, NULL, true, n, p->a, &p->l->related,
                             &p->l->nrelated);
    store_tally_free(&t);
    store_artset_free(&set);
    return st;
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
    profile p = {.s = s, .q = q, .l = list_new()};
    if (!p.l)
        return NG_ERR_NOMEM;
    p.a = &((list_mem *)p.l->mem)->a;
    if (!(p.l->items = arena_alloc(p.a, sizeof *p.l->items)))
        st = NG_ERR_NOMEM;
    else
        memset(p.l->items, 0, sizeof *p.l->items);
    p.l->count = 1;
    bool began = st == NG_OK && store_read_begin(s);
    if (st == NG_OK)
        st = find_entity(&p, name);
    if (st == NG_OK)
        st = read_rows(&p);
    if (st == NG_OK)
        st = make_timeline(&p);
    if (st == NG_OK)
        st = list_related(&p);
    if (st == NG_OK)
        st = list_articles(&p);
    if (st == NG_OK)
        st = read_aliases(s, p.l, p.entity, p.a);
    store_read_end(s, began);
    free(p.rows);
    if (st != NG_OK) {
        ng_entity_list_free(p.l);
        return st;
    }
    *out = p.l;
    return NG_OK;
}
