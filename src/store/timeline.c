/*
 * timeline.c -- ng_timeline: how many articles that match a search query
 * there are per day, ISO week or month, by article date.
 *
 * One SQL query counts matches per article date (FTS5 MATCH, with the
 * query language and the filters of ng_search); the days are folded into
 * weeks (ISO 8601: Monday first, week 1 holds the year's first Thursday)
 * or months here, and the periods without a match between the first and
 * the last (or between since and until) are filled with zeros, up to
 * NG_TIMELINE_MAX_PERIODS periods.
 *
 * Days are counted from 1970-01-01 in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil / civil_from_days algorithms).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

struct ng_timeline_result {
    ng_timeline_point *points;
    size_t n, cap;
    uint64_t total, undated;
};

static const char timeline_sql[] =
    "SELECT a.date, count(*)" STORE_FILTERS_FROM_WHERE
    " GROUP BY a.date ORDER BY a.date";

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(int64_t day)
{
    int64_t w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w) + 1;
}

/* Day number of a valid YYYY-MM-DD date. */
static int64_t day_of(const char *date)
{
    int y = 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (date[i] - '0');
    int m = (date[5] - '0') * 10 + (date[6] - '0');
    int d = (date[8] - '0') * 10 + (date[9] - '0');
    return days_from_civil(y, m, d);
}

/* The first day of the period holding `day`. */
static int64_t period_start(int64_t day, ng_period by)
{
    int y, m, d;
    switch (by) {
    case NG_PERIOD_WEEK: return day - (weekday(day) - 1);
    case NG_PERIOD_MONTH:
        civil_from_days(day, &y, &m, &d);
        return days_from_civil(y, m, 1);
    default: return day;
    }
}

/* The first day of the period after the one starting on `start`. */
static int64_t period_next(int64_t start, ng_period by)
{
    int y, m, d;
    switch (by) {
    case NG_PERIOD_WEEK: return start + 7;
    case NG_PERIOD_MONTH:
        civil_from_days(start, &y, &m, &d);
        return m == 12 ? days_from_civil(y + 1, 1, 1)
                       : days_from_civil(y, m + 1, 1);
    default: return start + 1;
    }
}

/* Names the period starting on `start`: the ISO week's year is the year
 * of its Thursday. */
static void period_name(int64_t start, ng_period by, ng_timeline_point *p)
{
    int y, m, d;
    civil_from_days(start, &y, &m, &d);
    snprintf(p->start, sizeof p->start, "%04d-%02d-%02d", y, m, d);
    if (by == NG_PERIOD_WEEK) {
        int ty, tm, td;
        civil_from_days(start + 3, &ty, &tm, &td);
        int64_t week = (start + 3 - days_from_civil(ty, 1, 1)) / 7 + 1;
        snprintf(p->period, sizeof p->period, "%04d-W%02d", ty, (int)week);
    } else if (by == NG_PERIOD_MONTH) {
        snprintf(p->period, sizeof p->period, "%04d-%02d", y, m);
    } else {
        memcpy(p->period, p->start, sizeof p->period);
    }
}

static ng_timeline_point *push_point(ng_timeline_result *t)
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

/* Adds `count` articles of `day`, opening the periods up to its own (the
 * empty ones while under the cap). *cur is the start of the last period. */
static bool add_day(ng_timeline_result *t, int64_t day, uint64_t count,
                    ng_period by, int64_t *cur)
{
    int64_t start = period_start(day, by);
    while (t->n == 0 || *cur < start) {
        int64_t next = start;
        if (t->n > 0 && t->n < NG_TIMELINE_MAX_PERIODS)
            next = period_next(*cur, by);
        ng_timeline_point *p = push_point(t);
        if (!p)
            return false;
        period_name(next, by, p);
        *cur = next;
    }
    t->points[t->n - 1].articles += count;
    return true;
}

static bool valid_query(ng_store *s, const ng_timeline_query *q)
{
    if (!store_check_dates(s, q->since, q->until))
        return false;
    if ((unsigned)q->by > NG_PERIOD_MONTH) {
        store_fail(s, NG_ERR_ARG, "the period must be a day, week or month");
        return false;
    }
    return true;
}

/* Runs the count query and folds its rows into t. */
static ng_status count_days(ng_store *s, const ng_timeline_query *q,
                            const char *match, ng_timeline_result *t)
{
    sqlite3_stmt *stmt = store_stmt(s, Q_TIMELINE, timeline_sql);
    if (!stmt)
        return NG_ERR_STORE;
    store_bind_filters(stmt, match, q->since, q->until, q->tag);
    int64_t cur = 0;
    int rc = SQLITE_DONE;
    bool ok = !q->since || add_day(t, day_of(q->since), 0, q->by, &cur);
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(stmt, 0);
        uint64_t count = (uint64_t)sqlite3_column_int64(stmt, 1);
        if (!date || !ng_date_valid(date)) {
            t->undated += count;
            continue;
        }
        t->total += count;
        ok = add_day(t, day_of(date), count, q->by, &cur);
    }
    if (ok && q->until && rc == SQLITE_DONE)
        ok = add_day(t, day_of(q->until), 0, q->by, &cur);
    ng_status st = !ok                 ? NG_ERR_NOMEM
                   : rc != SQLITE_DONE ? store_step_error(s, rc, "timeline")
                                       : NG_OK;
    sqlite3_reset(stmt);
    return st;
}

ng_status ng_timeline(ng_store *s, const ng_timeline_query *q,
                      ng_timeline_result **out)
{
    if (out)
        *out = NULL;
    if (!s || !q || !q->query || !out)
        return NG_ERR_ARG;
    if (!valid_query(s, q))
        return NG_ERR_ARG;
    buf match, msg;
    buf_init(&match, 1 << 20);
    buf_init(&msg, 1024);
    ng_status st = query_translate(q->query, &match, &msg);
    if (st == NG_ERR_QUERY)
        store_fail(s, st, "%s", buf_cstr(&msg));
    ng_timeline_result *t = NULL;
    if (st == NG_OK && !(t = calloc(1, sizeof *t)))
        st = NG_ERR_NOMEM;
    if (st == NG_OK)
        st = count_days(s, q, buf_cstr(&match), t);
    buf_free(&match);
    buf_free(&msg);
    if (st != NG_OK) {
        ng_timeline_result_free(t);
        return st;
    }
    *out = t;
    return NG_OK;
}

size_t ng_timeline_result_count(const ng_timeline_result *t)
{
    return t ? t->n : 0;
}

const ng_timeline_point *ng_timeline_result_point(const ng_timeline_result *t,
                                                  size_t i)
{
    return t && i < t->n ? &t->points[i] : NULL;
}

uint64_t ng_timeline_result_total(const ng_timeline_result *t)
{
    return t ? t->total : 0;
}

uint64_t ng_timeline_result_undated(const ng_timeline_result *t)
{
    return t ? t->undated : 0;
}

void ng_timeline_result_free(ng_timeline_result *t)
{
    if (!t)
        return;
    free(t->points);
    free(t);
}
