/*
 * timeline.c -- ng_timeline_get: how many articles that match a search
 * query appear per day, ISO week or month, by article date.
 *
 * One SQL query counts matches per article date (FTS5 MATCH, the same
 * query language and filters as ng_search); the days are then folded into
 * weeks (ISO 8601: Monday first, week 1 holds the first Thursday) or
 * months here, and the periods with no match between the first and the
 * last (or between --since and --until) are filled with zeros so that a
 * chart shows gaps as gaps. Filling stops at STORE_MAX_PERIODS.
 *
 * The period helpers (store_period_*, store_day_*) are shared with the
 * entity timelines of entities.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../time/timex.h"
#include "store.h"

struct ng_timeline {
    ng_timeline_point *points;
    size_t n, cap;
    uint64_t total, undated;
};

static const char timeline_sql[] =
    "SELECT a.date, count(*)" STORE_FILTERS_FROM_WHERE
    " GROUP BY a.date ORDER BY a.date";

bool store_day_parse(const char *date, int64_t *day)
{
    if (!date || !ng_date_valid(date))
        return false;
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (date[i] - '0');
    m = (date[5] - '0') * 10 + (date[6] - '0');
    d = (date[8] - '0') * 10 + (date[9] - '0');
    *day = timex_days(y, m, d);
    return true;
}

/* Years outside 0000-9999 do not come from valid dates. */
void store_day_format(int64_t day, char out[11])
{
    int y, m, d;
    char tmp[40];
    timex_civil(day, &y, &m, &d);
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

int64_t store_period_start(int64_t day, ng_period by)
{
    int y, m, d;
    switch (by) {
    case NG_PERIOD_WEEK: return day - (timex_weekday(day) - 1);
    case NG_PERIOD_MONTH:
        timex_civil(day, &y, &m, &d);
        return timex_days(y, m, 1);
    default: return day;
    }
}

int64_t store_period_next(int64_t start, ng_period by)
{
    int y, m, d;
    switch (by) {
    case NG_PERIOD_WEEK: return start + 7;
    case NG_PERIOD_MONTH:
        timex_civil(start, &y, &m, &d);
        return m == 12 ? timex_days(y + 1, 1, 1) : timex_days(y, m + 1, 1);
    default: return start + 1;
    }
}

void store_period_name(int64_t start, ng_period by, char period[11],
                       char first[11])
{
    int y, m, d;
    timex_civil(start, &y, &m, &d);
    store_day_format(start, first);
    char tmp[40];
    if (by == NG_PERIOD_WEEK) {
        int wy, w;
        timex_iso_week(start, &wy, &w);
        snprintf(tmp, sizeof tmp, "%04d-W%02d", wy, w);
    } else if (by == NG_PERIOD_MONTH) {
        snprintf(tmp, sizeof tmp, "%04d-%02d", y, m);
    } else {
        memcpy(tmp, first, 11);
    }
    snprintf(period, 11, "%.10s", tmp);
}

static ng_timeline_point *push_point(ng_timeline *t)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        ng_timeline_point *p = realloc(t->points, cap * sizeof *p);
        if (!p)
            return NULL;
        t->points = p;
        t->cap = cap;
    }
    ng_timeline_point *p = &t->points[t->n++];
    memset(p, 0, sizeof *p);
    return p;
}

/* Adds `count` articles of `day`, opening the periods up to its own
 * (empty ones while `fill`). *cur is the start of the last period. */
static bool add_day(ng_timeline *t, int64_t day, uint64_t count, ng_period by,
                    bool fill, int64_t *cur)
{
    int64_t start = store_period_start(day, by);
    while (t->n == 0 || *cur < start) {
        int64_t next = t->n == 0 ? start : store_period_next(*cur, by);
        if (t->n > 0 && (!fill || t->n >= STORE_MAX_PERIODS))
            next = start;
        ng_timeline_point *p = push_point(t);
        if (!p)
            return false;
        store_period_name(next, by, p->period, p->start);
        *cur = next;
    }
    t->points[t->n - 1].articles += count;
    return true;
}

static bool valid_query(ng_store *s, const ng_timeline_query *q)
{
    if ((q->since && !ng_date_valid(q->since)) ||
        (q->until && !ng_date_valid(q->until))) {
        store_fail(s, NG_ERR_ARG, "since and until need YYYY-MM-DD dates");
        return false;
    }
    if ((unsigned)q->by > NG_PERIOD_MONTH) {
        store_fail(s, NG_ERR_ARG, "the period must be a day, week or month");
        return false;
    }
    return store_check_entity(s, q->entity, q->entity_type);
}

/* Runs the count query and folds its rows into t. */
static ng_status count_days(ng_store *s, const ng_timeline_query *q,
                            const char *match, ng_timeline *t)
{
    sqlite3_stmt *stmt = store_stmt(s, Q_TIMELINE, timeline_sql);
    if (!stmt)
        return store_status(s);
    store_bind_filters(stmt, match, q->since, q->until, q->tag);
    store_bind_entity(stmt, q->entity, q->entity_type);
    int64_t cur = 0;
    int rc;
    bool ok = true;
    int64_t day;
    if (store_day_parse(q->since, &day))
        ok = add_day(t, day, 0, q->by, true, &cur);
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(stmt, 0);
        uint64_t count = (uint64_t)sqlite3_column_int64(stmt, 1);
        if (!store_day_parse(date, &day)) {
            t->undated += count;
            continue;
        }
        t->total += count;
        ok = add_day(t, day, count, q->by, true, &cur);
    }
    if (ok && rc == SQLITE_DONE && store_day_parse(q->until, &day))
        ok = add_day(t, day, 0, q->by, true, &cur);
    sqlite3_reset(stmt);
    if (!ok)
        return NG_ERR_NOMEM;
    if (rc != SQLITE_DONE) {
        if (rc == SQLITE_NOMEM)
            return NG_ERR_NOMEM;
        return store_fail(s, NG_ERR_QUERY, "the query could not be run: %s",
                          sqlite3_errmsg(s->db));
    }
    return NG_OK;
}

ng_status ng_timeline_get(ng_store *s, const ng_timeline_query *q,
                          ng_timeline **out)
{
    if (out)
        *out = NULL;
    if (!s || !q || !q->query || !out)
        return NG_ERR_ARG;
    if (!valid_query(s, q))
        return NG_ERR_ARG;
    buf match;
    buf_init(&match, 1 << 20);
    ng_status st = store_query_match(s, q->query, &match);
    ng_timeline *t = NULL;
    if (st == NG_OK && !(t = calloc(1, sizeof *t)))
        st = NG_ERR_NOMEM;
    if (st == NG_OK)
        st = count_days(s, q, buf_cstr(&match), t);
    buf_free(&match);
    if (st != NG_OK) {
        ng_timeline_free(t);
        return st;
    }
    *out = t;
    return NG_OK;
}

size_t ng_timeline_count(const ng_timeline *t)
{
    return t ? t->n : 0;
}

const ng_timeline_point *ng_timeline_at(const ng_timeline *t, size_t i)
{
    return t && i < t->n ? &t->points[i] : NULL;
}

uint64_t ng_timeline_total(const ng_timeline *t)
{
    return t ? t->total : 0;
}

uint64_t ng_timeline_undated(const ng_timeline *t)
{
    return t ? t->undated : 0;
}

void ng_timeline_free(ng_timeline *t)
{
    if (!t)
        return;
    free(t->points);
    free(t);
}
