/*
 * resolve.c -- a draft becomes a TIMEX3 value: calendar arithmetic from
 * the article date (DCT) or from the last date mentioned, with the tense
 * of the sentence for bare weekdays, months and holidays.
 *
 * Reading rules (TimeML 1.2.1 guidelines, section 2.4, and the TimeBank
 * practice where they leave a choice):
 *  - "Friday" in a past-tense clause is the latest Friday on or before
 *    the DCT, in a future clause the first after it; without a cue, the
 *    past (news reports what happened).
 *  - "the next day", "that year", "a year earlier", "the previous Friday"
 *    count from the last date mentioned that has the unit they need
 *    (a day for days and weeks), else from the DCT.
 *  - Earnings news reports on a quarter: the latest complete one it
 *    names (not a forecast, not a comparison). "The quarter", "the
 *    latest period" and "the year" are that quarter and its year; "a year
 *    ago", "the year-ago quarter" and "the same period last year" (right
 *    after a quarter, or the day that ends one) are that quarter a year
 *    earlier; "that quarter" is the one named last. Without a quarter in
 *    the text, "the same period last year" is a year.
 *  - A month or holiday without a year takes the DCT's year, moved back
 *    (past tense) or forward (future) when that puts it on the wrong side
 *    of the DCT, else the nearest.
 *  - Without a DCT, what depends on it stays underspecified: XXXX-01-05,
 *    XXXX-WXX-5, XXXX.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "grammar.h"

/* infer_year: how far on the wrong side of the DCT a date may lie for
 * its clause's tense, at what cost; what a future date costs without a
 * tense (news mostly reports the past). */
enum { WRONG_SIDE_DAYS = 60, WRONG_SIDE_COST = 200, FUTURE_COST = 60 };

/* ---- formatting --------------------------------------------------------- */

static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};
static const char *const partday_code[] = {"", "MO", "AF", "EV", "NI", "DT"};

/* The fields of a resolved point, with the time of day of the draft. */
typedef struct full_point {
    tx_point p;
    int8_t partday, hour, minute;
} full_point;

static void put_year(char *out, size_t size, int year)
{
    if (year == TX_NOYEAR)
        snprintf(out, size, "XXXX");
    else
        snprintf(out, size, "%04d", year < 0 ? 0 : year > 9999 ? 9999 : year);
}

/* Writes the day part YYYY-MM-DD (X where unknown). */
static void put_day(char *out, size_t size, const tx_point *p)
{
    char y[8];
    put_year(y, sizeof y, p->year);
    if (p->month < 1)
        snprintf(out, size, "%s-XX-XX", y);
    else if (p->day < 1)
        snprintf(out, size, "%s-%02d-XX", y, p->month);
    else
        snprintf(out, size, "%s-%02d-%02d", y, p->month, p->day);
}

static void format_point(const full_point *f, char *out, size_t size)
{
    const tx_point *p = &f->p;
    char y[8], day[24];
    put_year(y, sizeof y, p->year);
    switch (p->gran) {
    case G_MILLENNIUM: snprintf(out, size, "%d", p->year); return;
    case G_CENTURY:
        if (p->year == TX_NOYEAR)
            snprintf(out, size, "XX");
        else
            snprintf(out, size, "%02d", p->year);
        return;
    case G_DECADE:
        if (p->year == TX_NOYEAR)
            snprintf(out, size, "XXX");
        else
            snprintf(out, size, "%03d", p->year);
        return;
    case G_YEAR: snprintf(out, size, "%s", y); return;
    case G_HALF: snprintf(out, size, "%s-H%d", y, p->half); return;
    case G_QUARTER:
        if (p->quarter < 1)
            snprintf(out, size, "%s-QX", y);
        else
            snprintf(out, size, "%s-Q%d", y, p->quarter);
        return;
    case G_SEASON:
        snprintf(out, size, "%s-%s", y,
                 p->season >= 1 && p->season <= 4 ? season_code[p->season]
                                                  : "XX");
        return;
    case G_MONTH:
        if (p->month < 1)
            snprintf(out, size, "%s-XX", y);
        else
            snprintf(out, size, "%s-%02d", y, p->month);
        return;
    case G_WEEK:
    case G_WEEKEND: {
        if (p->year == TX_NOYEAR || p->day < 1) {
            snprintf(out, size, "%s-WXX%s", y,
                     p->gran == G_WEEKEND ? "-WE" : "");
            return;
        }
        int wy, w;
        timex_iso_week(timex_days(p->year, p->month, p->day), &wy, &w);
        snprintf(out, size, "%04d-W%02d%s", wy, w,
                 p->gran == G_WEEKEND ? "-WE" : "");
        return;
    }
    default: break;
    }
    put_day(day, sizeof day, p);
    if (p->gran == G_PARTDAY && f->partday > 0)
        snprintf(out, size, "%sT%s", day, partday_code[f->partday]);
    else if (p->gran == G_HOUR && f->hour >= 0)
        snprintf(out, size, "%sT%02d:00", day, f->hour);
    else if (p->gran == G_MINUTE && f->hour >= 0)
        snprintf(out, size, "%sT%02d:%02d", day, f->hour, f->minute);
    else
        snprintf(out, size, "%s", day);
}

/* P2Y, P2Y6M, PT5H30M, PXY. */
static void format_duration(const tx_draft *d, char *out, size_t size)
{
    static const struct {
        char letter;
        bool time;
        int mult;
        char sub;      /* the smaller unit for a fraction */
        bool sub_time; /* the smaller unit is after T */
        int sub_per;
    } units[] = {
        [TU_SECOND] = {'S', true, 1, 0, true, 0},
        [TU_MINUTE] = {'M', true, 1, 'S', true, 60},
        [TU_HOUR] = {'H', true, 1, 'M', true, 60},
        [TU_DAY] = {'D', false, 1, 'H', true, 24},
        [TU_WEEK] = {'W', false, 1, 'D', false, 7},
        [TU_WEEKEND] = {'D', false, 2, 0, false, 0},
        [TU_FORTNIGHT] = {'W', false, 2, 'D', false, 14},
        [TU_MONTH] = {'M', false, 1, 'D', false, 30},
        [TU_QUARTER] = {'Q', false, 1, 'M', false, 3},
        [TU_HALF] = {'M', false, 6, 0, false, 0},
        [TU_YEAR] = {'Y', false, 1, 'M', false, 12},
        [TU_DECADE] = {'Y', false, 10, 0, false, 0},
        [TU_CENTURY] = {'Y', false, 100, 0, false, 0},
        [TU_MILLENNIUM] = {'Y', false, 1000, 0, false, 0},
    };
    unsigned u = d->dunit < sizeof units / sizeof *units ? d->dunit : TU_DAY;
    const char *t = units[u].time ? "T" : "";
    if (d->vague || d->amount <= 0) {
        char l = units[u].letter;
        if (u == TU_WEEKEND)
            l = 'W';
        snprintf(out, size, "P%sX%c", t, l);
        return;
    }
    double amount = d->amount * units[u].mult;
    double whole = floor(amount + 1e-9);
    double frac = amount - whole;
    long w = (long)whole;
    if (frac > 1e-6 && units[u].sub) {
        long part = lround(frac * units[u].sub_per);
        const char *t2 = units[u].sub_time && !units[u].time ? "T" : "";
        if (w > 0)
            snprintf(out, size, "P%s%ld%c%s%ld%c", t, w, units[u].letter, t2,
                     part, units[u].sub);
        else
            snprintf(out, size, "P%s%s%ld%c", t,
                     units[u].sub_time && !units[u].time ? "T" : "", part,
                     units[u].sub);
        return;
    }
    snprintf(out, size, "P%s%ld%c", t, w > 0 ? w : 1, units[u].letter);
}

/* ---- points ----------------------------------------------------------------
 */

static tx_point day_point(int64_t days)
{
    tx_point p = {.gran = G_DAY, .quarter = -1, .half = -1, .season = -1};
    int y, m, d;
    timex_civil(days, &y, &m, &d);
    p.year = y;
    p.month = (int8_t)m;
    p.day = (int8_t)d;
    return p;
}

static bool has_day(const tx_point *p)
{
    return p->gran != G_NONE && p->year != TX_NOYEAR && p->month > 0 &&
           p->day > 0;
}

static bool has_month(const tx_point *p)
{
    return p->gran != G_NONE && p->year != TX_NOYEAR && p->month > 0;
}

/* The base that an expression counts from: the last date mentioned with
 * the fields it needs when anchored, else the DCT. NULL: none. */
static const tx_point *base_for(const tx_state *st, bool anchored, uint8_t unit)
{
    if (anchored) {
        bool need_day = unit <= TU_FORTNIGHT;
        bool need_month =
            unit == TU_MONTH || unit == TU_QUARTER || unit == TU_HALF;
        if (need_day && has_day(&st->last_day))
            return &st->last_day;
        if (!need_day && need_month && has_month(&st->last))
            return &st->last;
        if (!need_day && !need_month && st->last.gran != G_NONE &&
            st->last.year != TX_NOYEAR)
            return &st->last;
        if (!need_day && has_day(&st->last_day))
            return &st->last_day;
    }
    return st->has_dct ? &st->dct : NULL;
}

static int quarter_of(int month)
{
    return (month - 1) / 3 + 1;
}

/* Moves year-month by n months. */
static void add_months(int *y, int *m, int n)
{
    int total = *y * 12 + (*m - 1) + n;
    *y = total / 12;
    *m = total % 12 + 1;
}

/* The year of a month (and day) without one: of the years around the
 * DCT's, the one that puts the date nearest to it, where a date on the
 * wrong side of the DCT for the clause's tense costs WRONG_SIDE_COST
 * days more when within WRONG_SIDE_DAYS of it or in its year (a tense
 * cue can be wrong: "declared a dividend payable Dec. 15") and is out of
 * the question farther (for a month without a day, outside the DCT's
 * year); without a tense, a future date costs FUTURE_COST more. */
static int infer_year(const tx_point *dct, int month, int day, int tense)
{
    int64_t ref = timex_days(dct->year, dct->month, dct->day);
    int best = dct->year;
    int64_t best_cost = INT64_MAX;
    for (int y = dct->year - 1; y <= dct->year + 1; y++) {
        int md = timex_month_days(y, month);
        int64_t when =
            timex_days(y, month, day > 0 ? (day > md ? md : day) : 15);
        int64_t cost = when > ref ? when - ref : ref - when;
        /* the wrong side of the DCT for the tense: near it a cue may be
         * wrong, farther the tense wins */
        if ((tense == TT_PAST && when > ref + 2) ||
            (tense == TT_FUTURE && when < ref - 2))
            cost += cost > (day > 0 ? WRONG_SIDE_DAYS : 0) && y != dct->year
                        ? 100000
                        : WRONG_SIDE_COST;
        if ((tense == TT_NONE || tense == TT_PRESENT) && when > ref + 2)
            cost += FUTURE_COST;
        if (cost < best_cost) {
            best_cost = cost;
            best = y;
        }
    }
    return best;
}

/* "last November", "next March": strictly before or after the DCT. */
static int shifted_month_year(const tx_point *dct, int month, int shift)
{
    if (shift < 0)
        return month < dct->month ? dct->year : dct->year - 1;
    if (shift > 0)
        return month > dct->month ? dct->year : dct->year + 1;
    return dct->year;
}

/* The quarter meant by "the quarter", "the latest quarter": the one
 * the article reports on (named last, not a forecast or a comparison),
 * else the last complete one before the DCT. */
static void context_quarter(const tx_state *st, int *year, int *quarter)
{
    if (st->quarter.gran == G_QUARTER && st->quarter.quarter > 0) {
        *year = st->quarter.year;
        *quarter = st->quarter.quarter;
        return;
    }
    if (!st->has_dct) {
        *year = TX_NOYEAR;
        *quarter = 0;
        return;
    }
    int q = quarter_of(st->dct.month) - 1, y = st->dct.year;
    if (q == 0) {
        q = 4;
        y--;
    }
    *year = y;
    *quarter = q;
}

static void resolve_quarter(const tx_state *st, const tx_draft *d,
                            full_point *f)
{
    tx_point *p = &f->p;
    p->gran = d->gran;
    p->half = d->half;
    int year = d->year, q = d->quarter;
    if (d->period && !d->latest && st->quarter.gran != G_QUARTER) {
        /* "the same period last year" with no quarter named: weekly or
         * monthly figures as often; the year is what is known */
        p->gran = G_YEAR;
        p->year = year != TX_NOYEAR ? year
                  : st->has_dct
                      ? st->dct.year + (d->kind == DK_REL ? d->shift : 0)
                      : TX_NOYEAR;
        return;
    }
    if (d->gran == G_QUARTER && q == 0) {
        int cy;
        if (d->current && st->has_dct) {
            cy = st->dct.year;
            q = quarter_of(st->dct.month);
        } else if (d->anchored && d->kind == DK_POINT &&
                   st->named_quarter.gran == G_QUARTER) {
            cy = st->named_quarter.year; /* "that quarter" */
            q = st->named_quarter.quarter;
        } else {
            context_quarter(st, &cy, &q);
        }
        if (year == TX_NOYEAR)
            year = cy;
    }
    if (d->kind == DK_REL && d->anchored && d->quarter == 0) {
        /* the year-ago quarter: the quarter in context, a year back */
        if (year != TX_NOYEAR)
            year += d->shift;
    } else if (d->kind == DK_REL) {
        const tx_point *b = st->quarter.gran == G_QUARTER && d->anchored
                                ? &st->quarter
                            : st->has_dct ? &st->dct
                                          : NULL;
        year = b ? b->year + d->shift : TX_NOYEAR;
        if (b && d->unit == TU_QUARTER) { /* two quarters ago */
            int bq = b->gran == G_QUARTER ? b->quarter : quarter_of(b->month);
            int total = b->year * 4 + bq - 1 + d->shift;
            year = total / 4;
            q = total % 4 + 1;
        }
    } else if (year == TX_NOYEAR && st->has_dct) {
        /* an ordinal quarter after the DCT's is last year's, unless the
         * clause speaks of the future */
        year = st->dct.year;
        int cur = quarter_of(st->dct.month);
        if (d->gran == G_QUARTER && d->tense != TT_FUTURE && q > cur)
            year--;
    }
    p->year = year;
    p->quarter = (int8_t)q;
}

static void resolve_point(const tx_state *st, const tx_draft *d, full_point *f)
{
    tx_point *p = &f->p;
    p->gran = d->gran;
    p->year = d->year;
    p->month = d->month;
    p->day = d->day;
    p->season = d->season;
    p->quarter = d->quarter;
    p->half = d->half;
    if (d->gran == G_QUARTER || d->gran == G_HALF) {
        resolve_quarter(st, d, f);
        return;
    }
    if (d->gran == G_DECADE && d->year_infer) {
        int c = st->has_dct ? st->dct.year / 100 : 19;
        if (st->has_dct && c * 10 + d->year > st->dct.year / 10)
            c--;
        p->year = c * 10 + d->year;
        return;
    }
    if (!d->year_infer || p->year != TX_NOYEAR)
        goto holiday;
    if (!st->has_dct)
        goto holiday;
    if (d->gran == G_SEASON) {
        p->year = st->dct.year + (d->shift < 0 && d->season >= 3 ? -1 : 0) +
                  (d->shift > 0 ? 1 : 0);
        if (d->shift < 0 && d->season < 3)
            p->year = st->dct.year - (d->season * 3 >= st->dct.month);
        goto holiday;
    }
    if (d->holiday) {
        int m, day;
        timex_holiday_date((timex_holiday)d->holiday, st->dct.year, &m, &day);
        p->year = infer_year(&st->dct, m, day, d->tense);
    } else if (d->shift) {
        p->year = shifted_month_year(&st->dct, d->month, d->shift);
    } else if (d->month > 0) {
        p->year = infer_year(&st->dct, d->month, d->day, d->tense);
    } else {
        p->year = st->dct.year;
    }
holiday:
    if (d->holiday) {
        int m, day;
        if (p->year != TX_NOYEAR &&
            timex_holiday_date((timex_holiday)d->holiday, p->year, &m, &day)) {
            p->month = (int8_t)m;
            p->day = (int8_t)day;
        } else {
            p->month = p->day = -1;
        }
    }
}

/* A day from a base moved by n days (gran day and finer). */
static void rel_days(const tx_point *b, int n, full_point *f)
{
    uint8_t gran = f->p.gran;
    f->p = day_point(timex_days(b->year, b->month, b->day) + n);
    f->p.gran = gran;
}

/* "the weekend": the one before the base in the past, else the next. */
static void weekend_of(const tx_point *b, int tense, int shift, full_point *f)
{
    int64_t day = timex_days(b->year, b->month, b->day);
    int wd = timex_weekday(day);
    int64_t sat = day + (6 - wd);
    if ((tense == TT_PAST || shift < 0) && wd < 6)
        sat -= 7;
    if (shift < 0 && wd >= 6)
        sat -= 7;
    if (shift > 0)
        sat += wd >= 6 ? 7 : 0;
    f->p = day_point(sat);
    f->p.gran = G_WEEKEND;
}

/* Whether the text speaks of the reported quarter: it was named, and
 * the last date since is a quarter or the day that came right after one
 * ("the quarter ended Sept. 30"), so that "a year ago" compares with it. */
static bool after_quarter(const tx_state *st)
{
    return st->quarter.gran == G_QUARTER &&
           (st->last.gran == G_QUARTER ||
            (st->last.gran == G_DAY && st->day_ends_quarter));
}

static void resolve_rel(const tx_state *st, const tx_draft *d, full_point *f)
{
    tx_point *p = &f->p;
    p->gran = d->gran;
    p->year = TX_NOYEAR;
    p->month = p->day = p->quarter = p->half = p->season = -1;
    if (d->gran == G_QUARTER || d->gran == G_HALF) {
        resolve_quarter(st, d, f);
        return;
    }
    /* "a year ago" after a quarter was named: that quarter a year back */
    if (d->unit == TU_YEAR && d->shift == -1 && d->gran == G_YEAR &&
        !d->anchored && d->follow_quarter && after_quarter(st)) {
        p->gran = G_QUARTER;
        p->year = st->quarter.year - 1;
        p->quarter = st->quarter.quarter;
        return;
    }
    if (d->unit == TU_YEAR && d->anchored && d->shift < 0 &&
        after_quarter(st)) {
        p->gran = G_QUARTER;
        p->year = st->quarter.year + d->shift;
        p->quarter = st->quarter.quarter;
        return;
    }
    const tx_point *b = base_for(st, d->anchored, d->unit);
    if (d->reported && st->quarter.gran == G_QUARTER)
        b = &st->quarter; /* "4th qtr ... for the year": that year */
    if (!b || b->year == TX_NOYEAR)
        return; /* underspecified */
    switch (d->unit) {
    case TU_SECOND:
    case TU_MINUTE:
    case TU_HOUR:
    case TU_DAY:
        if (!has_day(b))
            return;
        rel_days(b, d->unit == TU_DAY ? d->shift : 0, f);
        return;
    case TU_WEEK:
    case TU_FORTNIGHT:
        if (has_day(b))
            rel_days(b, d->shift * (d->unit == TU_WEEK ? 7 : 14), f);
        return;
    case TU_WEEKEND:
        if (has_day(b))
            weekend_of(b, d->tense, d->shift, f);
        return;
    case TU_MONTH: {
        if (b->month < 1)
            return;
        int y = b->year, m = b->month;
        add_months(&y, &m, d->shift);
        p->year = y;
        p->month = (int8_t)m;
        if (p->gran > G_MONTH && b->day > 0) {
            int md = timex_month_days(y, m);
            p->day = (int8_t)(b->day > md ? md : b->day);
        }
        return;
    }
    case TU_DECADE: p->year = b->year / 10 + d->shift; return;
    case TU_CENTURY: p->year = b->year / 100 + d->shift; return;
    default:
        p->year = b->year + d->shift;
        if (d->month > 0) { /* July last year, year-end */
            p->month = d->month;
            p->day = d->day;
            return;
        }
        if (d->anchored && d->no_anchor && d->shift && b->gran > G_YEAR &&
            b->gran <= G_DAY) {
            /* a year earlier than a day, a month: the same granularity;
             * "the following year" is the calendar year */
            p->gran = b->gran;
            p->month = b->month;
            p->day = b->day;
            p->quarter = b->quarter;
            p->half = b->half;
            p->season = b->season;
        }
        return;
    }
}

static void resolve_weekday(const tx_state *st, const tx_draft *d,
                            full_point *f)
{
    tx_point *p = &f->p;
    p->gran = d->gran;
    const tx_point *b = base_for(st, d->anchored, TU_DAY);
    if (!b || !has_day(b)) {
        p->year = TX_NOYEAR;
        p->month = p->day = -1;
        return;
    }
    int64_t base = timex_days(b->year, b->month, b->day);
    int wd = timex_weekday(base);
    int back = (wd - d->weekday + 7) % 7;  /* days back to it */
    int ahead = (d->weekday - wd + 7) % 7; /* days ahead to it */
    int64_t day;
    if (d->shift < 0)
        day = base - (back ? back : 7);
    else if (d->shift > 0)
        day = base + (ahead ? ahead : 7);
    else if (d->tense == TT_FUTURE)
        day = base + (ahead ? ahead : 7);
    else if (d->tense == TT_PAST || d->anchored)
        day = base - back;
    else /* no cue: the nearer, the past when close (news reports) */
        day = ahead && ahead + 2 < back ? base + ahead : base - back;
    uint8_t gran = p->gran;
    *p = day_point(day);
    p->gran = gran;
}

/* Whether point p of draft d is a quarter the article reports on: named
 * ("the third quarter", "the latest quarter"), not a comparison ("the
 * year-ago quarter", "the 1988 period") and complete at the DCT (not a
 * forecast: "losses through the third quarter of 1990", "expects
 * fourth-quarter profit to fall"), and not before one named earlier. */
static bool reported_quarter(const tx_state *st, const tx_draft *d,
                             const tx_point *p)
{
    if (p->gran != G_QUARTER || p->quarter < 1 || d->no_anchor ||
        d->kind != DK_POINT || (d->quarter < 1 && !d->latest && !d->current))
        return false;
    if (st->has_dct && p->year * 4 + p->quarter >=
                           st->dct.year * 4 + quarter_of(st->dct.month))
        return false;
    /* the latest one named: "after a flat second quarter" is background
     * to the third quarter's results */
    return st->quarter.gran != G_QUARTER ||
           p->year * 4 + p->quarter >=
               st->quarter.year * 4 + st->quarter.quarter;
}

/* ---- entry --------------------------------------------------------------- */

static void resolve_literal(const tx_draft *d, char *value, size_t size)
{
    if (d->weekday > 0 && d->type == NG_TIME_SET) {
        if (d->partday > 0)
            snprintf(value, size, "XXXX-WXX-%dT%s", d->weekday,
                     partday_code[d->partday]);
        else
            snprintf(value, size, "XXXX-WXX-%d", d->weekday);
    } else if (d->month > 0 && d->type == NG_TIME_SET) {
        snprintf(value, size, "XXXX-%02d", d->month);
    } else if (d->partday > 0 && d->type == NG_TIME_SET) {
        snprintf(value, size, "XXXX-XX-XXT%s", partday_code[d->partday]);
    } else {
        snprintf(value, size, "%s", d->literal ? d->literal : "");
    }
}

/* Underspecified values of a relative expression without a base. */
static void format_unknown(const full_point *f, char *value, size_t size)
{
    full_point u = *f;
    u.p.year = TX_NOYEAR;
    format_point(&u, value, size);
}

void timex_resolve(tx_state *st, const tx_draft *d, char *value, size_t size)
{
    full_point f = {
        .partday = d->partday, .hour = d->hour, .minute = d->minute};
    f.p.gran = G_NONE;
    switch (d->kind) {
    case DK_LITERAL: resolve_literal(d, value, size); return;
    case DK_DURATION: format_duration(d, value, size); return;
    case DK_POINT: resolve_point(st, d, &f); break;
    case DK_REL: resolve_rel(st, d, &f); break;
    case DK_WEEKDAY: resolve_weekday(st, d, &f); break;
    default: snprintf(value, size, "XXXX"); return;
    }
    if (d->kind == DK_WEEKDAY && f.p.year == TX_NOYEAR) {
        if (f.partday > 0)
            snprintf(value, size, "XXXX-WXX-%dT%s", d->weekday,
                     partday_code[f.partday]);
        else
            snprintf(value, size, "XXXX-WXX-%d", d->weekday);
        return;
    }
    if (f.p.year == TX_NOYEAR) {
        format_unknown(&f, value, size);
        return;
    }
    format_point(&f, value, size);
    if (reported_quarter(st, d, &f.p))
        st->quarter = f.p;
    if (f.p.gran == G_QUARTER && f.p.quarter > 0 && !d->no_anchor)
        st->named_quarter = f.p;
    if (f.p.gran != G_NONE && !d->no_anchor) {
        st->day_ends_quarter = f.p.gran == G_DAY && st->last.gran == G_QUARTER;
        st->last = f.p;
        if (has_day(&f.p))
            st->last_day = f.p;
    }
}
