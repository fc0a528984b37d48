/*
 * calendar.c -- proleptic Gregorian day numbers, ISO 8601 weeks and the
 * dates of holidays that news names.
 *
 * Day numbers count from 1970-01-01 (Howard Hinnant's days_from_civil and
 * civil_from_days, public domain, http://howardhinnant.github.io/
 * date_algorithms.html). ISO weeks start on Monday; week 1 holds the
 * year's first Thursday. Easter: the anonymous Gregorian algorithm (Meeus,
 * Astronomical Algorithms, ch. 8). US holidays as fixed by 5 U.S.C. 6103.
 */
#include "timex.h"

int64_t timex_days(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void timex_civil(int64_t days, int *year, int *month, int *day)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *day = d;
}

int timex_weekday(int64_t days)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = (days + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int64_t timex_iso_week_monday(int week_year, int week)
{
    int64_t jan4 = timex_days(week_year, 1, 4);
    int64_t monday1 = jan4 - (timex_weekday(jan4) - 1);
    return monday1 + (int64_t)(week - 1) * 7;
}

void timex_iso_week(int64_t days, int *week_year, int *week)
{
    int y, m, d;
    /* The Thursday of the same week decides the week-based year. */
    int64_t thursday = days + (4 - timex_weekday(days));
    timex_civil(thursday, &y, &m, &d);
    *week_year = y;
    *week = (int)((thursday - timex_iso_week_monday(y, 1)) / 7) + 1;
}

int timex_month_days(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12)
        return 30;
    return days[month - 1] + (month == 2 && leap);
}

/* The day of the month of the n-th (1-based; -1 = last) weekday `wd`. */
static int nth_weekday(int year, int month, int wd, int n)
{
    if (n < 0) {
        int last = timex_month_days(year, month);
        int64_t d = timex_days(year, month, last);
        return last - (timex_weekday(d) - wd + 7) % 7;
    }
    int64_t first = timex_days(year, month, 1);
    return 1 + (wd - timex_weekday(first) + 7) % 7 + (n - 1) * 7;
}

static void easter(int year, int *month, int *day)
{
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    *month = (h + l - 7 * m + 114) / 31;
    *day = (h + l - 7 * m + 114) % 31 + 1;
}

bool timex_holiday_date(timex_holiday h, int year, int *month, int *day)
{
    static const struct {
        int8_t month, day;
    } fixed[] = {[TH_CHRISTMAS] = {12, 25},  [TH_CHRISTMAS_EVE] = {12, 24},
                 [TH_NEW_YEAR] = {1, 1},     [TH_NEW_YEARS_EVE] = {12, 31},
                 [TH_INDEPENDENCE] = {7, 4}, [TH_HALLOWEEN] = {10, 31},
                 [TH_VALENTINE] = {2, 14}};
    switch (h) {
    case TH_NONE: return false;
    case TH_THANKSGIVING:
        *month = 11;
        *day = nth_weekday(year, 11, 4, 4);
        return true;
    case TH_ELECTION:
        *month = 11;
        *day = nth_weekday(year, 11, 1, 1) + 1;
        return true;
    case TH_LABOR:
        *month = 9;
        *day = nth_weekday(year, 9, 1, 1);
        return true;
    case TH_MEMORIAL:
        *month = 5;
        *day = nth_weekday(year, 5, 1, -1);
        return true;
    case TH_EASTER: easter(year, month, day); return true;
    default:
        *month = fixed[h].month;
        *day = fixed[h].day;
        return true;
    }
}
