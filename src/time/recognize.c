/*
 * recognize.c -- the grammar of temporal expressions over the token view:
 * at a token, every rule is tried and the longest match wins. A rule
 * returns the end of its match (0 for none) and fills a draft that says
 * what the expression means before it is resolved (resolve.c).
 *
 * Extents follow the TimeML 1.2.1 guidelines (section 2.2 and the
 * TimeBank 1.2 practice): determiners and modifiers belong to the
 * expression ("the third quarter", "more than two decades", "early next
 * year"), prepositions do not ("on Friday" -> "Friday"); an expression
 * covers whole tokens.
 *
 * Rules, in the order of the file:
 *  numbers and units    count_at, unit_at (shared by the rules below)
 *  fixed phrases        "the future", "these days", "the near term"
 *  deictic words        today, yesterday, now, recently (+ morning)
 *  calendar dates       January 5, 2024; 5 January; Jan. 2024; 2024-01-05
 *  weekdays             Friday, Friday morning, Friday, Oct. 23
 *  years and decades    2013, the 1990s, fiscal 1989, nineteen ninety-six
 *  quarters and halves  the third quarter (of 1989), third-quarter
 *  seasons, holidays    last fall, the summer of 1989, Thanksgiving Day
 *  shifted units        last year, next week, this morning, that day
 *  durations            two decades, the past two months, 30-year
 *  ... ago / later      two days ago, a year earlier, three weeks later
 *  sets                 daily, every week, each Thursday, Mondays
 *  clock times          10:35 a.m., noon Thursday, 5 p.m. EST Nov. 9
 *  modifiers            more than, about, early, the end of, earlier this
 */
#include <string.h>

#include "../amount/amount.h"
#include "grammar.h"

typedef size_t (*rule_fn)(const tx_sent *s, size_t i, tx_draft *d);

/* ---- token tests ------------------------------------------------------ */

static int cls(const tx_sent *s, size_t i)
{
    return i < s->n && s->t[i].lex ? s->t[i].lex->cls : TC_NONE;
}

static int val(const tx_sent *s, size_t i)
{
    return i < s->n && s->t[i].lex ? s->t[i].lex->val : 0;
}

static unsigned lexflags(const tx_sent *s, size_t i)
{
    return i < s->n && s->t[i].lex ? s->t[i].lex->flags : 0;
}

static int kind(const tx_sent *s, size_t i)
{
    return i < s->n ? s->t[i].kind : TV_PUNCT;
}

/* The token at i is the word w (lower case), in any case. */
static bool is(const tx_sent *s, size_t i, const char *w)
{
    if (i >= s->n)
        return false;
    const tx_tok *t = &s->t[i];
    size_t n = t->end - t->start;
    if (t->flags & TV_PERIOD)
        n--;
    const char *p = s->text + t->start;
    for (size_t j = 0; j < n; j++) { /* w ends early: no match, no strlen */
        char c = p[j];
        if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != w[j])
            return false;
    }
    return w[n] == '\0';
}

/* The first byte of token i in lower case ('\0' past the end): a cheap
 * guard before a rule compares whole words. */
static char first(const tx_sent *s, size_t i)
{
    if (i >= s->n)
        return '\0';
    char c = s->text[s->t[i].start];
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_char(const tx_sent *s, size_t i, char c)
{
    return i < s->n && s->t[i].end - s->t[i].start == 1 &&
           s->text[s->t[i].start] == c;
}

static bool upper(const tx_sent *s, size_t i)
{
    return i < s->n && (s->t[i].flags & TV_UPPER);
}

/* A capitalized word inside a sentence, not in capitals: a time word
 * written so is part of a name or title (ABC's "This Week", "60
 * Minutes", "High Noon", "USA Today"). Words after the sentence's opening
 * marks and its first word are not. */
static bool title_word(const tx_sent *s, size_t i)
{
    if (!upper(s, i) || s->t[i].end - s->t[i].start < 2)
        return false;
    char c = s->text[s->t[i].start + 1];
    if (!(c >= 'a' && c <= 'z'))
        return false;
    for (size_t k = 0; k < i; k++)
        if (s->t[k].kind != TV_PUNCT)
            return true;
    return false;
}

/* A plain integer of `digits` digits (0: any) in [lo, hi]. */
static bool int_at(const tx_sent *s, size_t i, int digits, int lo, int hi)
{
    if (kind(s, i) != TV_NUMBER || s->t[i].ndigits == 0)
        return false;
    if (digits && s->t[i].ndigits != digits)
        return false;
    return s->t[i].num >= lo && s->t[i].num <= hi;
}

/* Skips an optional hyphen (inside a hyphenated word). */
static size_t opt_hyphen(const tx_sent *s, size_t i)
{
    return kind(s, i) == TV_HYPHEN ? i + 1 : i;
}

/* Extends a match that ends inside a hyphenated word to its end, unless
 * the rest is a word of its own ("two-year-old" stays whole, as TimeBank
 * marks it). */
static size_t whole_word(const tx_sent *s, size_t e)
{
    while (e < s->n && e > 0 && s->t[e].seg == s->t[e - 1].seg)
        e++;
    return e;
}

/* ---- drafts ----------------------------------------------------------- */

static void draft_init(tx_draft *d, uint8_t kind_, uint8_t gran)
{
    memset(d, 0, sizeof *d);
    d->kind = kind_;
    d->type = NG_TIME_DATE;
    d->gran = gran;
    d->year = TX_NOYEAR;
    d->month = d->day = d->quarter = d->half = d->season = -1;
    d->partday = d->weekday = d->hour = d->minute = -1;
}

static void literal(tx_draft *d, const char *value)
{
    draft_init(d, DK_LITERAL, G_NONE);
    d->literal = value;
}

/* ---- numbers and units ------------------------------------------------ */

/* A run of number words from i ("twenty four", "two hundred and fifty",
 * "twenty-five"); its end, 0 for none. */
static size_t number_words(const tx_sent *s, size_t i, double *value)
{
    double vals[8];
    uint8_t kinds[8];
    size_t n = 0, k = i, end = 0;
    while (n < 8 && k < s->n) {
        if (kind(s, k) == TV_NUMWORD && s->t[k].wkind != AW_VAGUE) {
            vals[n] = s->t[k].num;
            kinds[n++] = s->t[k].wkind;
            end = ++k;
            double v;
            if (amount_combine(vals, kinds, n, &v))
                *value = v;
            else
                return n > 1 && amount_combine(vals, kinds, n - 1, value)
                           ? k - 1 - (kind(s, k - 2) == TV_HYPHEN)
                           : 0;
            continue;
        }
        if (n > 0 && (kind(s, k) == TV_HYPHEN || is(s, k, "and")) &&
            kind(s, k + 1) == TV_NUMWORD) {
            k++;
            continue;
        }
        break;
    }
    return end;
}

/* A count before a unit: 2, 1.5, 5 1/2, two, twenty-four, a, an, a few,
 * several, a couple of. *vague for unknown counts. Returns its end. */
static size_t count_at(const tx_sent *s, size_t i, double *value, bool *vague)
{
    *vague = false;
    if (kind(s, i) == TV_NUMBER && s->t[i].num > 0) {
        *value = s->t[i].num;
        if (kind(s, i + 1) == TV_NUMBER && s->t[i + 1].num < 1 &&
            s->t[i + 1].num > 0 && s->t[i].ndigits) {
            *value += s->t[i + 1].num; /* 5 1/2 */
            return i + 2;
        }
        return i + 1;
    }
    size_t e = number_words(s, i, value);
    if (e)
        return e;
    if (cls(s, i) == TC_DET && val(s, i) == 1) { /* a, an */
        if (is(s, i + 1, "few") || is(s, i + 1, "couple")) {
            *vague = is(s, i + 1, "few");
            *value = 2;
            return is(s, i + 2, "of") ? i + 3 : i + 2;
        }
        e = number_words(s, i + 1, value); /* a hundred */
        if (e && kind(s, i + 1) == TV_NUMWORD && s->t[i + 1].wkind == AW_SCALE)
            return e;
        *value = 1;
        return i + 1;
    }
    if (is(s, i, "couple") && is(s, i + 1, "of")) {
        *value = 2;
        return i + 2;
    }
    if (cls(s, i) == TC_VAGUE && !is(s, i, "couple")) {
        *vague = true;
        *value = 0;
        return i + 1;
    }
    return 0;
}

/* Adjectives between a count and its unit: "eight trading days". */
static size_t unit_adjective(const tx_sent *s, size_t i)
{
    static const char *const adj[] = {
        "trading",  "business",    "working",    "calendar", "fiscal", "full",
        "straight", "consecutive", "additional", "more",     "long",   "school",
        "academic", "financial",   "extra",      "further"};
    for (size_t k = 0; k < sizeof adj / sizeof *adj; k++)
        if (is(s, i, adj[k]))
            return i + 1;
    return i;
}

/* A unit at i: *unit and whether it is plural; returns its end. "second"
 * counts when `after_count`. */
static size_t unit_at(const tx_sent *s, size_t i, bool after_count,
                      uint8_t *unit, bool *plural)
{
    if (cls(s, i) == TC_UNIT && !title_word(s, i)) {
        *unit = (uint8_t)val(s, i);
        *plural = lexflags(s, i) & TF_PLURAL;
        return i + 1;
    }
    if (after_count && is(s, i, "second")) {
        *unit = TU_SECOND;
        *plural = false;
        return i + 1;
    }
    return 0;
}

static void duration_draft(tx_draft *d, double amount, bool vague,
                           uint8_t unit);
static void point_from_duration(tx_draft *d, int dir, bool anchored);

/* ---- fixed phrases ------------------------------------------------------ */

typedef struct phrase {
    const char *words[4];
    const char *value;
} phrase;

static size_t phrase_at(const tx_sent *s, size_t i, const phrase *p)
{
    size_t k = 0;
    for (; k < 4 && p->words[k]; k++)
        if (!is(s, i + k, p->words[k]))
            return 0;
    return i + k;
}

static size_t rule_phrase(const tx_sent *s, size_t i, tx_draft *d)
{
    static const phrase phrases[] = {
        {{"the", "future"}, "FUTURE_REF"},
        {{"the", "near", "future"}, "FUTURE_REF"},
        {{"the", "distant", "future"}, "FUTURE_REF"},
        {{"the", "foreseeable", "future"}, "FUTURE_REF"},
        {{"the", "near", "term"}, "FUTURE_REF"},
        {{"the", "short", "term"}, "FUTURE_REF"},
        {{"the", "long", "term"}, "FUTURE_REF"},
        {{"a", "later", "date"}, "FUTURE_REF"},
        {{"as", "soon", "as", "possible"}, "FUTURE_REF"},
        {{"the", "past"}, "PAST_REF"},
        {{"these", "days"}, "PRESENT_REF"},
        {{"right", "now"}, "PRESENT_REF"},
        {{"just", "now"}, "PRESENT_REF"},
        {{"the", "present"}, "PRESENT_REF"},
        {{"more", "recently"}, "PAST_REF"},
        {{"until", "recently"}, "PAST_REF"},
    };
    if (!strchr("tajmruf", first(s, i)) || kind(s, i) != TV_WORD)
        return 0; /* the, a, as, just, more, right, until, these, future */
    size_t best = 0;
    for (size_t k = 0; k < sizeof phrases / sizeof *phrases; k++) {
        size_t e = phrase_at(s, i, &phrases[k]);
        if (e > best) {
            best = e;
            literal(d, phrases[k].value);
        }
    }
    /* "in future", "future quarters" */
    if (!best && is(s, i, "future") && i > 0 && is(s, i - 1, "in")) {
        literal(d, "FUTURE_REF");
        best = i + 1;
    }
    return best;
}

/* ---- deictic words ---------------------------------------------------- */

/* Adds a part of day after a day ("yesterday morning"): TIME. */
static size_t part_of_day(const tx_sent *s, size_t e, tx_draft *d)
{
    if (cls(s, e) == TC_PARTDAY && !(lexflags(s, e) & TF_PLURAL) &&
        !(lexflags(s, e) & TF_ABBREV)) {
        d->partday = (int8_t)val(s, e);
        d->gran = G_PARTDAY;
        d->type = NG_TIME_TIME;
        return e + 1;
    }
    return e;
}

static size_t rule_deictic(const tx_sent *s, size_t i, tx_draft *d)
{
    if (cls(s, i) != TC_DEICTIC ||
        (val(s, i) == TD_TODAY && title_word(s, i) && upper(s, i - 1)))
        return 0; /* "USA Today", "VOA Today" */
    switch (val(s, i)) {
    case TD_NOW: literal(d, "PRESENT_REF"); return i + 1;
    case TD_PAST_REF: literal(d, "PAST_REF"); return i + 1;
    case TD_FUTURE_REF: literal(d, "FUTURE_REF"); return i + 1;
    default: break;
    }
    draft_init(d, DK_REL, G_DAY);
    d->unit = TU_DAY;
    int v = val(s, i);
    d->shift = v == TD_YESTERDAY ? -1 : v == TD_TOMORROW ? 1 : 0;
    size_t e = i + 1;
    if (is(s, e, "'s") || kind(s, e) == TV_POSS) {
        static const char *const generic[] = {
            "world", "youth", "society", "generation", "children", "young"};
        for (size_t g = 0;
             v == TD_TODAY && g < sizeof generic / sizeof *generic; g++)
            if (is(s, e + 1, generic[g]))
                return 0; /* "today's world": the present age, no day */
        return e;         /* today's: the day */
    }
    return part_of_day(s, e, d);
}

/* "afternoon yesterday", "(mid-)morning today": the part of that day. */
static size_t rule_partday_deictic(const tx_sent *s, size_t i, tx_draft *d)
{
    if (cls(s, i) != TC_PARTDAY || (lexflags(s, i) & TF_PLURAL) ||
        cls(s, i + 1) != TC_DEICTIC || val(s, i + 1) > TD_TOMORROW)
        return 0;
    size_t e = rule_deictic(s, i + 1, d);
    if (!e || d->gran != G_DAY)
        return 0;
    d->partday = (int8_t)val(s, i);
    d->gran = G_PARTDAY;
    d->type = NG_TIME_TIME;
    return e;
}

/* ---- calendar dates ----------------------------------------------------- */

/* A month name at i, with the checks that keep "may" and "March" the
 * verbs out. */
static bool month_at(const tx_sent *s, size_t i)
{
    if (cls(s, i) != TC_MONTH)
        return false;
    unsigned f = lexflags(s, i);
    bool up = upper(s, i);
    if ((f & TF_CAPONLY) && !up)
        return false;
    if ((f & TF_ABBREV) && !up)
        return false;
    if ((f & TF_ABBREV) && !(s->t[i].flags & TV_PERIOD) && !is(s, i, "sept") &&
        !(kind(s, i + 1) == TV_NUMBER))
        return false; /* "Jan" alone: only before a number */
    if (val(s, i) == 5 && (s->t[i].flags & TV_FIRST) &&
        kind(s, i + 1) != TV_NUMBER)
        return false; /* "May we ..." */
    return true;
}

/* An ordinal at i, 5th or fifth, within [lo, hi]: its value in *n. The
 * digits may be any number of them: the range comes before the cast. */
static bool ordinal_at(const tx_sent *s, size_t i, int lo, int hi, int *n)
{
    double v = kind(s, i) == TV_ORDNUM   ? s->t[i].num
               : cls(s, i) == TC_ORDINAL ? val(s, i)
                                         : 0;
    if (v < lo || v > hi)
        return false;
    *n = (int)v;
    return true;
}

/* A day of the month at i: 5, 05, 5th, fifth; its value in *day. */
static size_t day_at(const tx_sent *s, size_t i, int *day)
{
    if (int_at(s, i, 0, 1, 31) && s->t[i].ndigits <= 2) {
        *day = (int)s->t[i].num;
        return i + 1;
    }
    return ordinal_at(s, i, 1, 31, day) ? i + 1 : 0;
}

/* A four-digit year, or a year in words ("nineteen ninety-six"). */
static size_t year_at(const tx_sent *s, size_t i, int *year)
{
    if (int_at(s, i, 4, 1000, 2199)) {
        *year = (int)s->t[i].num;
        return i + 1;
    }
    /* nineteen ninety-six, two thousand (and) nine */
    if (kind(s, i) == TV_NUMWORD && s->t[i].wkind == AW_TEEN &&
        s->t[i].num >= 11 && kind(s, i + 1) == TV_NUMWORD &&
        s->t[i + 1].wkind == AW_TENS) {
        double rest;
        size_t e = number_words(s, i + 1, &rest);
        if (e && rest < 100) {
            *year = (int)(s->t[i].num * 100 + rest);
            return e;
        }
    }
    if (is(s, i, "two") && is(s, i + 1, "thousand")) {
        double v;
        size_t e = number_words(s, i, &v);
        if (e && v >= 2000 && v < 2100) {
            *year = (int)v;
            return e;
        }
    }
    return 0;
}

/* ", 99999" or " 12345" after a month (and day): a year the calendar
 * does not take. The date must then not be read with a guessed year. */
static bool unreadable_year_after(const tx_sent *s, size_t e)
{
    size_t k = is_char(s, e, ',') ? e + 1 : e;
    return kind(s, k) == TV_NUMBER && s->t[k].ndigits >= 5;
}

/* ", 2024" or " 2024" after a month and day. */
static size_t year_after(const tx_sent *s, size_t e, int *year)
{
    size_t k = is_char(s, e, ',') ? e + 1 : e;
    size_t y = year_at(s, k, year);
    if (y && kind(s, k) == TV_NUMBER && kind(s, y) == TV_NUMWORD &&
        is(s, y + 1, "percent"))
        return 0;
    return y;
}

/* Month [day] [, year] | month year | month of year. */
static size_t rule_month(const tx_sent *s, size_t i, tx_draft *d)
{
    if (!month_at(s, i))
        return 0;
    draft_init(d, DK_POINT, G_MONTH);
    d->month = (int8_t)val(s, i);
    d->year_infer = true;
    size_t e = i + 1;
    int day, year;
    size_t k;
    if ((k = day_at(s, e, &day))) {
        if (cls(s, e) == TC_ORDINAL && !upper(s, i))
            return 0;
        if (day > timex_month_days(2000, d->month))
            return 0;
        d->day = (int8_t)day;
        d->gran = G_DAY;
        e = k;
        if (unreadable_year_after(s, e))
            return 0;
        if ((k = year_after(s, e, &year))) {
            d->year = year;
            d->year_infer = false;
            e = k;
        }
        return e;
    }
    if (d->month == 3 && (is(s, e, "of") || is(s, e, "for")) &&
        kind(s, e + 1) == TV_WORD &&
        (upper(s, e + 1) || (is(s, e + 1, "the") && upper(s, e + 2))))
        return 0; /* a march: "the March for Life", "March of the Mothers" */
    size_t of = is(s, e, "of") ? e + 1 : e;
    if (unreadable_year_after(s, of))
        return 0;
    if ((k = year_at(s, of, &year)) ||
        (is_char(s, of, ',') && (k = year_at(s, of + 1, &year)))) {
        d->year = year;
        d->year_infer = false;
        return k;
    }
    /* July last year, January this year */
    if (cls(s, e) == TC_SHIFT && is(s, e + 1, "year") &&
        (val(s, e) == TS_LAST || val(s, e) == TS_NEXT ||
         val(s, e) == TS_THIS)) {
        d->kind = DK_REL;
        d->unit = TU_YEAR;
        d->shift = val(s, e) == TS_LAST ? -1 : val(s, e) == TS_NEXT ? 1 : 0;
        d->year_infer = false;
        return e + 2;
    }
    if (kind(s, e) == TV_HYPHEN)
        return 0; /* "March-April", "May-day": not a month alone */
    return e;
}

/* 5 January 2024, the 5th of January, 5th January. */
static size_t rule_day_month(const tx_sent *s, size_t i, tx_draft *d)
{
    int day, year;
    size_t k = day_at(s, i, &day);
    if (!k || cls(s, i) == TC_ORDINAL)
        return 0;
    size_t m = is(s, k, "of") ? k + 1 : k;
    if (!month_at(s, m) || day > timex_month_days(2000, val(s, m)))
        return 0;
    draft_init(d, DK_POINT, G_DAY);
    d->month = (int8_t)val(s, m);
    d->day = (int8_t)day;
    d->year_infer = true;
    size_t e = m + 1;
    if (unreadable_year_after(s, e))
        return 0;
    if ((k = year_after(s, e, &year))) {
        d->year = year;
        d->year_infer = false;
        e = k;
    }
    return e;
}

static size_t rule_iso(const tx_sent *s, size_t i, tx_draft *d)
{
    if (kind(s, i) != TV_ISODATE)
        return 0;
    int v = (int)s->t[i].num;
    draft_init(d, DK_POINT, v % 100 ? G_DAY : G_MONTH);
    d->year = v / 10000;
    d->month = (int8_t)(v / 100 % 100);
    if (v % 100)
        d->day = (int8_t)(v % 100);
    return i + 1;
}

/* ---- weekdays ------------------------------------------------------------ */

static bool weekday_at(const tx_sent *s, size_t i)
{
    if (cls(s, i) != TC_WEEKDAY)
        return false;
    unsigned f = lexflags(s, i);
    if ((f & TF_CAPONLY) && !(upper(s, i) && (s->t[i].flags & TV_PERIOD)))
        return false;
    return true;
}

/* Friday, Friday morning, Friday, Oct. 23 (, 1998), Fridays (a set). */
static size_t rule_weekday(const tx_sent *s, size_t i, tx_draft *d)
{
    if (!weekday_at(s, i))
        return 0;
    if (lexflags(s, i) & TF_PLURAL) {
        draft_init(d, DK_LITERAL, G_NONE);
        d->type = NG_TIME_SET;
        d->weekday = (int8_t)val(s, i);
        d->literal = "XXXX-WXX-"; /* Mondays: resolve adds the day */
        return i + 1;
    }
    draft_init(d, DK_WEEKDAY, G_DAY);
    d->weekday = (int8_t)val(s, i);
    size_t e = i + 1;
    tx_draft date;
    size_t k = is_char(s, e, ',') ? e + 1 : e;
    size_t de = rule_month(s, k, &date);
    if (!de)
        de = rule_day_month(s, k, &date);
    if (de && date.gran == G_DAY) {
        *d = date;
        d->weekday = -1;
        return part_of_day(s, de, d);
    }
    if (kind(s, e) == TV_POSS) {
        /* "get around Wednesday's ruling": the clause's tense is not
         * the event's; the nearest Wednesday (TT_PRESENT: no cue) */
        d->tense = TT_PRESENT;
        return e;
    }
    if (cls(s, e) == TC_PARTDAY && (lexflags(s, e) & TF_PLURAL)) {
        int8_t wd = d->weekday; /* Tuesday nights: a set */
        draft_init(d, DK_LITERAL, G_NONE);
        d->type = NG_TIME_SET;
        d->weekday = wd;
        d->partday = (int8_t)val(s, e);
        return e + 1;
    }
    return part_of_day(s, e, d);
}

/* ---- years and decades ------------------------------------------------- */

/* A year on its own: refuse amounts ("1,500" never gets here; "2000
 * troops", "$1990", "1990 percent" do). */
static bool looks_like_year(const tx_sent *s, size_t i, size_t e)
{
    if (i > 0 && (is_char(s, i - 1, '$') || is(s, i - 1, "about") ||
                  is(s, i - 1, "some") || is(s, i - 1, "nearly") ||
                  is(s, i - 1, "over") || is(s, i - 1, "than") ||
                  is(s, i - 1, "almost") || is(s, i - 1, "approximately")))
        return false;
    if (is_char(s, e, '%') || is(s, e, "percent") || is(s, e, "per") ||
        kind(s, e) == TV_NUMWORD)
        return false;
    if (s->t[i].num < 1500 &&
        !(i > 0 && (is(s, i - 1, "in") || is(s, i - 1, "since"))))
        return false;
    static const char *const preps[] = {"in",     "since",  "by",      "until",
                                        "during", "before", "after",   "from",
                                        "of",     "to",     "through", "till"};
    for (size_t k = 0; i > 0 && k < sizeof preps / sizeof *preps; k++)
        if (is(s, i - 1, preps[k]))
            return true; /* "In 1990 sales rose" */
    /* "2000 employees": a count before a plural noun */
    if (kind(s, e) == TV_WORD && !s->t[e].lex && !(s->t[e].flags & TV_UPPER) &&
        s->text[s->t[e].end - 1] == 's' && !is(s, e, "as") &&
        !is(s, e, "was") && !is(s, e, "is") && !is(s, e, "has") &&
        !is(s, e, "its") && !is(s, e, "this"))
        return false;
    if (is(s, e, "people"))
        return false;
    return true;
}

static size_t rule_year(const tx_sent *s, size_t i, tx_draft *d)
{
    int year;
    size_t e;
    size_t k = i;
    bool fiscal = false;
    if (cls(s, k) == TC_FISCAL || is(s, k, "fy")) {
        fiscal = true;
        k++;
    }
    if (is(s, k, "the") && is(s, k + 1, "year"))
        k += 2; /* the year 2000 */
    if (!(e = year_at(s, k, &year)))
        return 0;
    if (kind(s, k) == TV_NUMBER && !fiscal && k == i &&
        !looks_like_year(s, i, e))
        return 0;
    draft_init(d, DK_POINT, G_YEAR);
    d->year = year;
    return e;
}

/* "in his 30s", "her early 20s", "their mid-40s": an age, not a decade. */
static bool age_decade(const tx_sent *s, size_t k)
{
    static const char *const owners[] = {"his",  "her", "their", "my",
                                         "your", "our", "its"};
    if (s->t[k].num >= 100)
        return false;
    size_t p = k;
    if (p > 0 && kind(s, p - 1) == TV_HYPHEN)
        p--;
    if (p > 0 && cls(s, p - 1) == TC_PART)
        p--;
    for (size_t w = 0; p > 0 && w < sizeof owners / sizeof *owners; w++)
        if (is(s, p - 1, owners[w]))
            return true;
    return false;
}

/* 1990s, the '80s, the nineties, the 1980s. */
static size_t rule_decade(const tx_sent *s, size_t i, tx_draft *d)
{
    size_t k = is(s, i, "the") ? i + 1 : i;
    if (kind(s, k) == TV_DECADE && age_decade(s, k))
        return 0;
    if (kind(s, k) == TV_DECADE) {
        int v = (int)s->t[k].num;
        draft_init(d, DK_POINT, G_DECADE);
        d->year = v / 10; /* 1990s: 199; '80s: 8, its century later */
        d->year_infer = v < 100;
        return k + 1;
    }
    static const char *const decades[] = {"twenties", "thirties", "forties",
                                          "fifties",  "sixties",  "seventies",
                                          "eighties", "nineties"};
    if (k == i)
        return 0;
    for (int n = 0; n < 8; n++)
        if (is(s, k, decades[n])) {
            draft_init(d, DK_POINT, G_DECADE);
            d->year = n + 2;
            d->year_infer = true;
            return k + 1;
        }
    return 0;
}

/* the 20th century, the nineteenth century. */
static size_t rule_century(const tx_sent *s, size_t i, tx_draft *d)
{
    size_t k = is(s, i, "the") ? i + 1 : i;
    int n;
    if (!ordinal_at(s, k, 1, 30, &n) || !is(s, k + 1, "century"))
        return 0;
    draft_init(d, DK_POINT, G_CENTURY);
    d->year = n - 1;
    return k + 2;
}

/* ---- quarters and halves ----------------------------------------------- */

/* "of 1989", "of fiscal 1990", "of this year", "of next year". */
static size_t of_year(const tx_sent *s, size_t e, tx_draft *d)
{
    if (!is(s, e, "of"))
        return e;
    size_t k = e + 1;
    if (cls(s, k) == TC_FISCAL)
        k++;
    int year;
    size_t y = year_at(s, k, &year);
    if (y) {
        d->year = year;
        d->year_infer = false;
        return y;
    }
    if (is(s, k, "the") && is(s, k + 1, "year")) {
        d->year_infer = true;
        return k + 2;
    }
    if (is(s, k, "the") && kind(s, k + 1) == TV_DECADE && d->gran == G_HALF) {
        /* the last half of the '80s: that part of the decade */
        int v = (int)s->t[k + 1].num;
        d->mod = d->half == 1 ? "START" : "END";
        d->gran = G_DECADE;
        d->kind = DK_POINT;
        d->year = v / 10;
        d->year_infer = v < 100;
        d->half = -1;
        return k + 2;
    }
    if (cls(s, k) == TC_SHIFT && is(s, k + 1, "year")) {
        d->kind = DK_REL;
        d->unit = TU_YEAR;
        d->shift = val(s, k) == TS_LAST ? -1 : val(s, k) == TS_NEXT ? 1 : 0;
        return k + 2;
    }
    return e;
}

/* Words that may stand between "the" and a quarter: the fiscal, the
 * latest, the year-ago, its, this year's. *qualified when they say which
 * quarter a bare "period" is. */
static size_t quarter_lead(const tx_sent *s, size_t i, tx_draft *d,
                           int *year_shift, bool *qualified)
{
    size_t k = i;
    *year_shift = 0;
    *qualified = false;
    if (cls(s, k) == TC_DET && val(s, k) == 0)
        k++; /* the, its */
    else if (is(s, k, "a"))
        k++; /* a flat second quarter */
    int year;
    size_t y;
    for (int guard = 0; guard < 3; guard++) {
        if (is(s, k, "latest") || is(s, k, "recent")) {
            d->latest = *qualified = true;
            k = opt_hyphen(s, k + 1);
        } else if (is(s, k, "this") || is(s, k, "current")) {
            d->current = true;
            k++;
        } else if (is(s, k, "that") && is(s, k + 1, "quarter")) {
            d->anchored = true; /* the quarter named last */
            k++;
        } else if (is(s, k, "corresponding") || is(s, k, "comparable") ||
                   is(s, k, "same")) {
            *qualified = true;
            k++;
        } else if (cls(s, k) == TC_FISCAL || is(s, k, "flat") ||
                   is(s, k, "full")) {
            k = opt_hyphen(s, k + 1);
        } else if (is(s, k, "year") && kind(s, k + 1) == TV_HYPHEN &&
                   (is(s, k + 2, "ago") || is(s, k + 2, "earlier"))) {
            *year_shift = -1;
            *qualified = true;
            k += 3;
        } else if ((y = year_at(s, k, &year)) && kind(s, k) == TV_NUMBER) {
            d->year = year;
            d->year_infer = false;
            *qualified = true;
            k = y;
        } else if (cls(s, k) == TC_SHIFT && is(s, k + 1, "year") &&
                   kind(s, k + 2) == TV_POSS) {
            int v = val(s, k);
            *year_shift = v == TS_LAST ? -1 : v == TS_NEXT ? 1 : 0;
            d->kind = DK_REL;
            *qualified = true;
            k += 3; /* this year's */
        } else {
            break;
        }
    }
    return k;
}

/* "last year", "a year ago", "a year earlier" after a quarter or period:
 * the same quarter a year back. */
static size_t year_back(const tx_sent *s, size_t e, int *year_shift)
{
    if (is(s, e, "last") && is(s, e + 1, "year")) {
        *year_shift = -1;
        return e + 2;
    }
    if (is(s, e, "a") && is(s, e + 1, "year") &&
        (is(s, e + 2, "ago") || is(s, e + 2, "earlier"))) {
        *year_shift = -1;
        return e + 3;
    }
    return e;
}

/* the third quarter (of 1989), third-quarter, the fiscal first quarter,
 * the first half (of 1989), the year-ago quarter, the latest quarter,
 * the 1988 period, the corresponding period last year. */
static size_t rule_quarter(const tx_sent *s, size_t i, tx_draft *d)
{
    int year_shift;
    bool qualified;
    draft_init(d, DK_POINT, G_QUARTER);
    size_t k = quarter_lead(s, i, d, &year_shift, &qualified);
    int ord = 0;
    /* the first two quarters (of 1990): a half */
    bool two_quarters = false;
    if ((is(s, k, "first") || is(s, k, "last")) &&
        (is(s, k + 1, "two") || int_at(s, k + 1, 1, 2, 2)) &&
        is(s, k + 2, "quarters")) {
        ord = is(s, k, "first") ? 1 : 2;
        two_quarters = true;
        k += 2;
    } else if (cls(s, k) == TC_ORDINAL && val(s, k) <= 4) {
        ord = val(s, k);
        k = opt_hyphen(s, k + 1);
        if (cls(s, k) == TC_FISCAL)
            k = opt_hyphen(s, k + 1);
    } else if (is(s, k, "last") && (is(s, k + 1, "half"))) {
        ord = 2;
        k++;
    }
    bool half = (is(s, k, "half") || two_quarters) && ord >= 1 && ord <= 2;
    bool period = ord == 0 && k > i && is(s, k, "period") && is(s, i, "the");
    if (!half && !is(s, k, "quarter") && !period)
        return 0;
    if (!half && ord == 0 && k == i)
        return 0; /* a bare "quarter": a quarter of what? */
    if (!half && kind(s, k + 1) == TV_HYPHEN &&
        (is(s, k + 2, "century") || is(s, k + 2, "to")))
        return 0; /* "its quarter-century low", "quarter-to-quarter" */
    if (!half && ord == 0 && !is(s, k - 1, "the") && !d->latest &&
        !d->current && !year_shift && d->kind != DK_REL && !qualified &&
        !is(s, k - 1, "that") && d->year == TX_NOYEAR && !is(s, k - 1, "its"))
        return 0;
    size_t e = k + 1;
    if (!half && ord == 0)
        e = year_back(s, e, &year_shift);
    if (period && !qualified && !year_shift)
        return 0; /* "the period": which? */
    if (half) {
        d->gran = G_HALF;
        d->half = (int8_t)ord;
    } else {
        d->quarter = (int8_t)ord; /* 0: the quarter in context */
        d->period = period;
    }
    if (d->kind == DK_REL) {
        d->unit = TU_YEAR;
        d->shift = year_shift;
    } else if (year_shift) {
        d->kind = DK_REL;
        d->unit = TU_YEAR;
        d->shift = year_shift;
        d->anchored = true;
        d->no_anchor = true;
    } else if (d->year == TX_NOYEAR) {
        d->year_infer = true;
    }
    size_t before_of = e;
    e = of_year(s, e, d);
    if (!half && ord == 0 && !year_shift && e == before_of &&
        (is(s, k - 1, "same") || is(s, k - 1, "comparable") ||
         is(s, k - 1, "corresponding")))
        return 0; /* "the same period": of which year? */
    return whole_word(s, e);
}

/* ---- seasons and holidays ------------------------------------------------ */

static size_t rule_season(const tx_sent *s, size_t i, tx_draft *d)
{
    size_t k = i;
    bool det = false;
    if (is(s, k, "the")) {
        det = true;
        k++;
    }
    int mod = 0;
    if (cls(s, k) == TC_PART && (val(s, k) == TR_EARLY ||
                                 val(s, k) == TR_LATE || val(s, k) == TR_MID)) {
        mod = val(s, k);
        k = opt_hyphen(s, k + 1);
    }
    if (cls(s, k) != TC_SEASON || (lexflags(s, k) & TF_PLURAL))
        return 0;
    draft_init(d, DK_POINT, G_SEASON);
    d->season = (int8_t)val(s, k);
    d->mod = mod == TR_EARLY  ? "START"
             : mod == TR_LATE ? "END"
             : mod            ? "MID"
                              : NULL;
    size_t e = k + 1;
    int year;
    size_t y;
    if ((y = year_at(s, e, &year)) ||
        (is(s, e, "of") && (y = year_at(s, e + 1, &year)))) {
        d->year = year;
        return y;
    }
    /* bare "fall" and "spring" are verbs; "the summer" is enough */
    if (!det && (d->season == 1 || d->season == 3))
        return 0;
    if (!det && !(i > 0 && (is(s, i - 1, "in") || is(s, i - 1, "this") ||
                            is(s, i - 1, "during") || is(s, i - 1, "by"))))
        return 0;
    d->year_infer = true;
    return e;
}

static size_t rule_holiday(const tx_sent *s, size_t i, tx_draft *d)
{
    if (cls(s, i) != TC_HOLIDAY && !(upper(s, i) && kind(s, i) == TV_WORD))
        return 0;
    int h = 0;
    size_t e = i;
    if (cls(s, i) == TC_HOLIDAY && upper(s, i)) {
        h = val(s, i);
        e = i + 1;
        if (h == TH_CHRISTMAS && is(s, e, "eve")) {
            h = TH_CHRISTMAS_EVE;
            e++;
        } else if (is(s, e, "day")) {
            e++;
        } else if (is(s, e, "week")) {
            draft_init(d, DK_POINT, G_WEEK); /* Easter week */
            d->holiday = (int8_t)h;
            d->year_infer = true;
            return e + 1;
        }
    } else if (is(s, i, "new") && is(s, i + 1, "year") &&
               kind(s, i + 2) == TV_POSS && upper(s, i)) {
        e = i + 3;
        h = TH_NEW_YEAR;
        if (is(s, e, "eve")) {
            h = TH_NEW_YEARS_EVE;
            e++;
        } else if (is(s, e, "day")) {
            e++;
        } else {
            return 0;
        }
    } else {
        static const struct {
            const char *word;
            int h;
        } day_names[] = {{"independence", TH_INDEPENDENCE},
                         {"election", TH_ELECTION},
                         {"labor", TH_LABOR},
                         {"memorial", TH_MEMORIAL}};
        for (size_t k = 0; k < 4; k++)
            if (is(s, i, day_names[k].word) && upper(s, i) &&
                is(s, i + 1, "day") && upper(s, i + 1)) {
                h = day_names[k].h;
                e = i + 2;
            }
    }
    if (!h)
        return 0;
    draft_init(d, DK_POINT, G_DAY);
    d->holiday = (int8_t)h;
    d->year_infer = true;
    int year;
    size_t y = year_after(s, e, &year);
    if (y) {
        d->year = year;
        d->year_infer = false;
        return y;
    }
    return e;
}

/* ---- shifted units: last year, this morning, that day ------------------ */

static int shift_of(int v)
{
    switch (v) {
    case TS_LAST: return -1;
    case TS_NEXT: return 1;
    default: return 0;
    }
}

/* [the] SHIFT unit|weekday|month|season|part of day. */
static size_t rule_shift(const tx_sent *s, size_t i, tx_draft *d)
{
    size_t k = i;
    bool the = false;
    if (is(s, k, "the")) {
        the = true;
        k++;
    }
    if (cls(s, k) != TC_SHIFT)
        return 0;
    int sv = val(s, k);
    if (sv == TS_RECENT || sv == TS_EARLIER || sv == TS_LATER)
        return 0;
    if (sv == TS_LAST && is(s, k, "past") && !the && i > 0 &&
        is(s, i - 1, "the"))
        return 0;
    size_t e = k + 1;
    /* this coming Sunday, this past spring */
    if (sv == TS_THIS && cls(s, e) == TC_SHIFT &&
        (val(s, e) == TS_NEXT || val(s, e) == TS_LAST)) {
        sv = val(s, e);
        e++;
    }
    bool anchored = sv == TS_THAT || (the && (sv == TS_LAST || sv == TS_NEXT) &&
                                      !is(s, k, "past") && !is(s, k, "coming"));
    /* "the following day", "the previous year": from the last date */
    if (cls(s, e) == TC_FISCAL)
        e++;
    uint8_t unit;
    bool plural;
    size_t u = unit_at(s, e, false, &unit, &plural);
    if (u && !plural) {
        if (unit == TU_QUARTER)
            return 0; /* rule_quarter */
        draft_init(d, DK_REL, G_NONE);
        d->unit = unit;
        d->shift = shift_of(sv);
        d->anchored = anchored;
        static const uint8_t gran[] = {[TU_SECOND] = G_MINUTE,
                                       [TU_MINUTE] = G_MINUTE,
                                       [TU_HOUR] = G_HOUR,
                                       [TU_DAY] = G_DAY,
                                       [TU_WEEK] = G_WEEK,
                                       [TU_WEEKEND] = G_WEEKEND,
                                       [TU_FORTNIGHT] = G_WEEK,
                                       [TU_MONTH] = G_MONTH,
                                       [TU_HALF] = G_HALF,
                                       [TU_YEAR] = G_YEAR,
                                       [TU_DECADE] = G_DECADE,
                                       [TU_CENTURY] = G_CENTURY,
                                       [TU_MILLENNIUM] = G_MILLENNIUM};
        d->gran = gran[unit];
        if (unit <= TU_HOUR)
            return 0; /* "this hour", "next minute": rare and vague */
        if (unit == TU_DAY && sv == TS_THIS)
            return 0;
        if (unit == TU_DAY && !anchored && sv != TS_THAT)
            return 0;
        e = u;
        if (unit == TU_DAY)
            e = part_of_day(s, e, d);
        return e;
    }
    if (weekday_at(s, e) && !(lexflags(s, e) & TF_PLURAL)) {
        draft_init(d, DK_WEEKDAY, G_DAY);
        d->weekday = (int8_t)val(s, e);
        d->shift = sv == TS_THIS ? 0 : shift_of(sv);
        d->anchored = anchored && sv != TS_THIS;
        if (sv == TS_THIS || sv == TS_THAT)
            d->shift = 0;
        return part_of_day(s, e + 1, d);
    }
    if (month_at(s, e) && sv == TS_THIS) {
        draft_init(d, DK_REL, G_MONTH); /* this September */
        d->unit = TU_YEAR;
        d->month = (int8_t)val(s, e);
        return e + 1;
    }
    if (month_at(s, e)) {
        draft_init(d, DK_POINT, G_MONTH);
        d->month = (int8_t)val(s, e);
        d->year_infer = true;
        d->tense = sv == TS_LAST   ? TT_PAST
                   : sv == TS_NEXT ? TT_FUTURE
                                   : TT_NONE;
        d->shift = shift_of(sv);
        tx_draft day; /* last Oct. 23 */
        size_t de = rule_month(s, e, &day);
        if (de && day.gran == G_DAY && day.year_infer) {
            d->day = day.day;
            d->gran = G_DAY;
            return de;
        }
        return e + 1;
    }
    if (cls(s, e) == TC_SEASON && !(lexflags(s, e) & TF_PLURAL)) {
        draft_init(d, DK_POINT, G_SEASON);
        d->season = (int8_t)val(s, e);
        d->year_infer = true;
        d->tense = sv == TS_LAST   ? TT_PAST
                   : sv == TS_NEXT ? TT_FUTURE
                                   : TT_PRESENT;
        d->shift = shift_of(sv);
        return e + 1;
    }
    if (cls(s, e) == TC_PARTDAY && !(lexflags(s, e) & TF_PLURAL) &&
        (sv == TS_THIS || sv == TS_LAST || sv == TS_THAT ||
         (the && sv == TS_NEXT))) {
        draft_init(d, DK_REL, G_PARTDAY);
        d->unit = TU_DAY;
        d->type = NG_TIME_TIME;
        d->partday = (int8_t)val(s, e);
        d->anchored = sv == TS_THAT || the;
        d->shift = sv == TS_LAST && d->partday == TP_NIGHT ? -1
                   : sv == TS_NEXT                         ? 1
                                                           : 0;
        if (sv == TS_LAST && d->partday != TP_NIGHT)
            return 0;
        if (the && sv == TS_NEXT) {
            d->type = NG_TIME_DATE;
            d->gran = G_DAY;
        }
        return e + 1;
    }
    return 0;
}

/* the year, the week, the weekend, the day: the one in context. */
static size_t rule_the_unit(const tx_sent *s, size_t i, tx_draft *d)
{
    if (!is(s, i, "the"))
        return 0;
    size_t k = i + 1;
    if (is(s, k, "full") || is(s, k, "whole") || is(s, k, "entire"))
        k++;
    if (cls(s, k) == TC_FISCAL)
        k++;
    uint8_t unit;
    bool plural;
    size_t e = unit_at(s, k, false, &unit, &plural);
    if (!e || plural ||
        !(unit == TU_WEEKEND || unit == TU_YEAR || unit == TU_WEEK ||
          unit == TU_MONTH))
        return 0;
    if (unit == TU_MONTH && !(i > 1 && is(s, i - 1, "of")))
        return 0; /* the end of the month */
    if (unit == TU_WEEK && is(s, e, "of")) {
        tx_draft day; /* the week of March 6 */
        size_t de = rule_month(s, e + 1, &day);
        if (!de || day.gran != G_DAY)
            return 0;
        *d = day;
        d->gran = G_WEEK;
        return de;
    }
    if (is(s, e, "of") || is(s, e, "before") || is(s, e, "after") ||
        kind(s, e) == TV_HYPHEN)
        return 0;
    if (unit == TU_YEAR && kind(s, e) == TV_NUMBER)
        return 0; /* the year 99999: a year the calendar does not take */
    /* "the year ended March 31" is a span of a year (TimeBank: P1Y), and
     * so is "throughout the year"; "for the year" is the year reported
     * on. */
    if (unit == TU_YEAR &&
        (is(s, e, "ended") || is(s, e, "ending") ||
         (i > 0 && (is(s, i - 1, "during") || is(s, i - 1, "over") ||
                    is(s, i - 1, "throughout"))))) {
        duration_draft(d, 1, false, unit);
        return e;
    }
    draft_init(d, DK_REL,
               unit == TU_YEAR    ? G_YEAR
               : unit == TU_WEEK  ? G_WEEK
               : unit == TU_MONTH ? G_MONTH
                                  : G_WEEKEND);
    d->unit = unit;
    d->reported = unit == TU_YEAR; /* "results for the year" */
    return e;
}

/* year-end, year end, year's end, the end of the year -> handled by parts;
 * "year-end" on its own is the last day of the year. */
static size_t rule_year_end(const tx_sent *s, size_t i, tx_draft *d)
{
    size_t k = is(s, i, "the") ? i + 1 : i;
    if (!is(s, k, "year"))
        return 0;
    size_t e = k + 1;
    if (kind(s, e) == TV_HYPHEN || kind(s, e) == TV_POSS)
        e++;
    if (!is(s, e, "end"))
        return 0;
    if (kind(s, k + 1) == TV_HYPHEN) {
        draft_init(d, DK_REL, G_DAY); /* year-end: December 31 */
        d->unit = TU_YEAR;
        d->month = 12;
        d->day = 31;
        return whole_word(s, e + 1);
    }
    draft_init(d, DK_REL, G_YEAR);
    d->unit = TU_YEAR;
    d->mod = "END";
    return whole_word(s, e + 1);
}

/* ---- durations ----------------------------------------------------------- */

static void duration_draft(tx_draft *d, double amount, bool vague, uint8_t unit)
{
    draft_init(d, DK_DURATION, G_NONE);
    d->type = NG_TIME_DURATION;
    d->amount = amount;
    d->vague = vague;
    d->dunit = unit;
}

/* "and a half" after a unit. */
static size_t and_a_half(const tx_sent *s, size_t e, double *amount)
{
    if (is(s, e, "and") && is(s, e + 1, "a") && is(s, e + 2, "half")) {
        *amount += 0.5;
        return e + 3;
    }
    return e;
}

/* A count and a unit: two decades, 30-year, a week, 5 1/2 hours, several
 * years, two to three weeks, a year and a half. Returns its end. */
static size_t count_unit(const tx_sent *s, size_t i, tx_draft *d)
{
    double amount;
    bool vague;
    size_t k = count_at(s, i, &amount, &vague);
    if (!k)
        return 0;
    size_t c_end = k;
    double high;
    bool hv;
    if ((is(s, k, "to") || is(s, k, "or")) && count_at(s, k + 1, &high, &hv) &&
        !hv) {
        k = count_at(s, k + 1, &high, &hv); /* two to three weeks */
    }
    k = opt_hyphen(s, k);
    size_t a = unit_adjective(s, k);
    if (a > k && is(s, k, "long"))
        a = k;
    uint8_t unit;
    bool plural;
    size_t e = unit_at(s, a, true, &unit, &plural);
    if (!e)
        return 0;
    if (kind(s, e) == TV_HYPHEN && !is(s, e + 1, "long"))
        return 0; /* year-earlier, 6-year-old, quarter-century */
    if (is(s, e, "old") || (unit == TU_QUARTER && is(s, e, "of")))
        return 0; /* 52 years old; three quarters of */
    bool article = cls(s, i) == TC_DET;
    if (article && !plural && i > 0 &&
        (kind(s, i - 1) == TV_NUMBER || is_char(s, i - 1, '%') ||
         is(s, i - 1, "million") || is(s, i - 1, "billion") ||
         is(s, i - 1, "percent") || is(s, i - 1, "cents")) &&
        cls(s, e) != TC_AFTERWORD && cls(s, e) != TC_SHIFT)
        return 0; /* a rate: "$500 million a year", not "a year ago" */
    if (article && plural && !vague && kind(s, i + 1) != TV_NUMWORD &&
        !is(s, i + 1, "couple"))
        return 0; /* "a days" */
    if (!article && !vague && amount == 1 && plural &&
        kind(s, c_end - 1) != TV_NUMBER)
        return 0;
    if (kind(s, c_end - 1) == TV_NUMBER && s->t[c_end - 1].ndigits == 4 &&
        !plural && kind(s, c_end) != TV_HYPHEN)
        return 0; /* "the 1988 quarter" is a year */
    duration_draft(d, amount, vague, unit);
    e = and_a_half(s, e, &d->amount);
    if (kind(s, e) == TV_HYPHEN && is(s, e + 1, "long"))
        e += 2;
    return whole_word(s, e);
}

/* half an hour, half a century. */
static size_t half_unit(const tx_sent *s, size_t i, tx_draft *d)
{
    if (!is(s, i, "half") || (!is(s, i + 1, "a") && !is(s, i + 1, "an")))
        return 0;
    uint8_t unit;
    bool plural;
    size_t e = unit_at(s, i + 2, false, &unit, &plural);
    if (!e || plural)
        return 0;
    duration_draft(d, 0.5, false, unit);
    return e;
}

/* The word before i is a modal verb: "will one day", "could one day". */
static bool after_modal(const tx_sent *s, size_t i)
{
    static const char *const modals[] = {"will",  "would", "could", "may",
                                         "might", "can",   "should"};
    for (size_t k = 0; i > 0 && k < sizeof modals / sizeof *modals; k++)
        if (is(s, i - 1, modals[k]))
            return true;
    return false;
}

/* the (past|last|next|first|coming|final) N units, the nine months. */
static size_t rule_duration(const tx_sent *s, size_t i, tx_draft *d)
{
    size_t k = i;
    bool the = is(s, k, "the") || is(s, k, "its") || is(s, k, "each");
    if (the)
        k++;
    bool lead = false;
    if (cls(s, k) == TC_SHIFT || (cls(s, k) == TC_ORDINAL && val(s, k) == 1) ||
        is(s, k, "latest") || is(s, k, "final") || is(s, k, "remaining") ||
        is(s, k, "year-earlier")) {
        int sv = val(s, k);
        if (cls(s, k) == TC_SHIFT && (sv == TS_THIS || sv == TS_THAT ||
                                      sv == TS_EARLIER || sv == TS_LATER))
            return 0;
        lead = true;
        k++;
    } else if (is(s, k, "year") && kind(s, k + 1) == TV_HYPHEN &&
               is(s, k + 2, "earlier") && the) {
        k += 3;
    }
    size_t e = count_unit(s, k, d);
    if (e == i + 2 && is(s, i, "one") && d->dunit == TU_DAY && i > 0 &&
        after_modal(s, i)) {
        literal(d, "FUTURE_REF"); /* "Islam will one day be": someday */
        return e;
    }
    if (!e)
        e = half_unit(s, k, d);
    if (!e) {
        /* "the past few weeks", "recent months", "the coming years" */
        uint8_t unit;
        bool plural;
        if (lead && (e = unit_at(s, k, false, &unit, &plural)) && plural) {
            /* "recent years" too: a span of unknown length up to now
             * (TimeBank: PXY more often than PAST_REF) */
            duration_draft(d, 0, true, unit);
            return e;
        }
        return 0;
    }
    if (lead && is(s, k, "a") && !the)
        return 0;
    /* "the past year" is a year; "past two years" a duration */
    return e;
}

/* Bare plural units after "for", "in", "over", "within": for years. */
static size_t rule_bare_units(const tx_sent *s, size_t i, tx_draft *d)
{
    uint8_t unit;
    bool plural;
    size_t e = unit_at(s, i, false, &unit, &plural);
    if (e && kind(s, e) == TV_HYPHEN && is(s, e + 1, "long")) {
        duration_draft(d, plural ? 0 : 1, plural, unit);
        return e + 2; /* decades-long, day-long */
    }
    if (e && plural && i > 0 && is(s, i - 1, "the") &&
        cls(s, e) == TC_AFTERWORD && val(s, e) == TA_AHEAD) {
        duration_draft(d, 0, true, unit);
        return e + 1; /* the weeks ahead (after "the") */
    }
    if (!e || !plural || i == 0)
        return 0;
    if (!(is(s, i - 1, "for") || is(s, i - 1, "over") ||
          is(s, i - 1, "within") || is(s, i - 1, "took") ||
          is(s, i - 1, "after") || (is(s, i - 1, "in") && !is(s, e, "of"))))
        return 0;
    if (unit < TU_DAY && unit != TU_HOUR)
        return 0;
    duration_draft(d, 0, true, unit);
    if (kind(s, e) == TV_HYPHEN && is(s, e + 1, "long"))
        e += 2;
    return e;
}

/* Turns a duration into a point before or after the DCT or the anchor:
 * two days ago, a year earlier, three weeks later, two years from now. */
static size_t duration_shift(const tx_sent *s, size_t e, tx_draft *d)
{
    int dir = 0;
    bool anchored = false;
    size_t end = e;
    if (cls(s, e) == TC_AFTERWORD && val(s, e) == TA_AGO) {
        dir = -1;
        end = e + 1;
    } else if (is(s, e, "from") && is(s, e + 1, "now")) {
        dir = 1;
        end = e + 2;
    } else if (is(s, e, "hence")) {
        dir = 1;
        end = e + 1;
    } else if ((is(s, e, "earlier") || is(s, e, "before") ||
                is(s, e, "previously")) &&
               !(cls(s, e + 1) == TC_SHIFT && val(s, e + 1) == TS_THIS)) {
        if (is(s, e, "before") &&
            (kind(s, e + 1) == TV_WORD || kind(s, e + 1) == TV_NUMBER) &&
            !is(s, e + 1, "that"))
            return 0; /* "two days before the vote": a duration */
        dir = -1;
        anchored = true;
        end = e + 1;
    }
    /* "three days later" stays a duration, "later" outside it (TimeBank):
     * its anchor is an event, not a date. */
    if (!dir || d->kind != DK_DURATION)
        return 0;
    /* "1.34 billion two weeks earlier" reads as a billion weeks: no date
     * is that far, and the shift in days must fit an int. */
    if (d->amount > 100000)
        return 0;
    point_from_duration(d, dir, anchored);
    return end;
}

/* Turns duration draft d into the point dir (-1, 1) of its length away
 * from the DCT, or from the anchor when anchored. */
static void point_from_duration(tx_draft *d, int dir, bool anchored)
{
    double amount = d->amount;
    bool vague = d->vague;
    uint8_t unit = d->dunit;
    draft_init(d, DK_REL, G_DAY);
    d->unit = unit;
    d->vague = vague;
    d->anchored = anchored;
    /* callers leave out absurd counts; the clamp keeps the int shift
     * (times 1000 for millennia) defined whatever comes */
    int n = (int)((amount < 100000 ? amount : 100000) + 0.5);
    d->shift = dir * (n > 0 ? n : 1);
    d->follow_quarter = unit == TU_YEAR && n == 1 && dir < 0 && !vague;
    d->no_anchor = unit == TU_YEAR && anchored;
    switch (unit) {
    case TU_SECOND:
    case TU_MINUTE:
    case TU_HOUR: d->gran = G_DAY; break;
    case TU_MONTH: d->gran = G_MONTH; break;
    case TU_QUARTER: d->gran = G_QUARTER; break;
    case TU_YEAR:
    case TU_DECADE:
    case TU_CENTURY:
    case TU_MILLENNIUM: d->gran = G_YEAR; break;
    default: d->gran = G_DAY; break;
    }
    if (unit == TU_DECADE || unit == TU_CENTURY || unit == TU_MILLENNIUM) {
        d->shift *= unit == TU_DECADE ? 10 : unit == TU_CENTURY ? 100 : 1000;
        d->unit = TU_YEAR;
    } else if (unit == TU_WEEK || unit == TU_FORTNIGHT) {
        d->unit = TU_DAY;
        d->shift *= unit == TU_WEEK ? 7 : 14;
    }
    if (vague)
        literal(d, dir < 0 ? "PAST_REF" : "FUTURE_REF");
}

void timex_duration_ahead(tx_draft *d)
{
    point_from_duration(d, 1, false);
}

/* year-earlier, year-ago (as adjectives before a noun that is not a
 * quarter: "year-ago levels" -> the year before). */
static size_t rule_year_ago(const tx_sent *s, size_t i, tx_draft *d)
{
    size_t k = is(s, i, "the") ? i + 1 : i;
    if (!is(s, k, "year") || kind(s, k + 1) != TV_HYPHEN ||
        !(is(s, k + 2, "ago") || is(s, k + 2, "earlier")))
        return 0;
    draft_init(d, DK_REL, G_YEAR);
    d->unit = TU_YEAR;
    d->shift = -1;
    d->follow_quarter = true;
    d->no_anchor = true;
    size_t e = k + 3;
    if (is(s, e, "period") || is(s, e, "quarter"))
        return e + 1;
    return k == i ? e : 0;
}

/* ---- sets ---------------------------------------------------------------- */

static void set_draft(tx_draft *d, const char *value)
{
    literal(d, value);
    d->type = NG_TIME_SET;
}

static const char *const set_values[] = {
    [TU_SECOND] = "PT1S",   [TU_MINUTE] = "PT1M",
    [TU_HOUR] = "PT1H",     [TU_DAY] = "P1D",
    [TU_WEEK] = "P1W",      [TU_WEEKEND] = "XXXX-WXX-WE",
    [TU_FORTNIGHT] = "P2W", [TU_MONTH] = "P1M",
    [TU_QUARTER] = "P1Q",   [TU_HALF] = "P6M",
    [TU_YEAR] = "P1Y",      [TU_DECADE] = "P10Y",
    [TU_CENTURY] = "P100Y", [TU_MILLENNIUM] = "P1000Y"};

static size_t rule_set(const tx_sent *s, size_t i, tx_draft *d)
{
    if (cls(s, i) == TC_FREQ) {
        int u = val(s, i);
        if ((i > 0 && (is(s, i - 1, "average") || is(s, i - 1, "party"))) ||
            (upper(s, i + 1) && !(s->t[i + 1].flags & TV_FIRST)))
            return 0; /* average daily volume; the party daily Granma */
        set_draft(d, u == TU_QUARTER ? "P3M" : set_values[u]);
        return i + 1;
    }
    size_t k = i;
    bool every = cls(s, k) == TC_EVERY;
    bool article = false;
    if (!every && cls(s, k) == TC_DET && val(s, k) == 1 && i > 0 &&
        (is(s, i - 1, "once") || is(s, i - 1, "twice") ||
         is(s, i - 1, "times")))
        article = true;
    if (!every && !article)
        return 0;
    k++;
    if (every && is(s, k, "other"))
        k++;
    uint8_t unit;
    bool plural;
    size_t e = unit_at(s, k, false, &unit, &plural);
    if (e && !plural) {
        set_draft(d, set_values[unit]);
        return e;
    }
    if (!every)
        return 0;
    if (weekday_at(s, k)) {
        set_draft(d, "XXXX-WXX-");
        d->weekday = (int8_t)val(s, k);
        e = part_of_day(s, k + 1, d);
        d->type = NG_TIME_SET;
        d->gran = G_NONE;
        return e;
    }
    if (month_at(s, k)) {
        set_draft(d, "XXXX-");
        d->month = (int8_t)val(s, k);
        return k + 1;
    }
    if (cls(s, k) == TC_PARTDAY && !(lexflags(s, k) & TF_PLURAL)) {
        set_draft(d, "XXXX-XX-XXT");
        d->partday = (int8_t)val(s, k);
        return k + 1;
    }
    return 0;
}

/* ---- clock times ------------------------------------------------------- */

/* 10:35 a.m., 10 p.m., 10am, noon, midnight, 4 in the morning; hour and
 * minute in *h, *m. */
static size_t clock_at(const tx_sent *s, size_t i, int *h, int *m)
{
    if (cls(s, i) == TC_CLOCK &&
        (val(s, i) == TK_NOON || val(s, i) == TK_MIDNIGHT) &&
        !title_word(s, i)) {
        *h = val(s, i) == TK_NOON ? 12 : 24;
        *m = 0;
        return i + 1;
    }
    int hh, mm = 0;
    size_t e = i + 1;
    if (kind(s, i) == TV_CLOCK) {
        int mins = (int)s->t[i].num;
        hh = mins / 60;
        mm = mins % 60;
        if (s->t[i].flags & TV_AMPM) {
            *h = hh;
            *m = mm;
            return e;
        }
    } else if (int_at(s, i, 0, 1, 12) && s->t[i].ndigits <= 2) {
        hh = (int)s->t[i].num;
    } else {
        return 0;
    }
    if (cls(s, e) == TC_CLOCK && (val(s, e) == TK_AM || val(s, e) == TK_PM)) {
        if (hh < 1 || hh > 12)
            return 0;
        *h = hh % 12 + (val(s, e) == TK_PM ? 12 : 0);
        *m = mm;
        return e + 1;
    }
    if (is(s, e, "o'clock") || (is(s, e, "o") && is(s, e + 1, "'clock"))) {
        *h = hh;
        *m = mm;
        return is(s, e, "o'clock") ? e + 1 : e + 2;
    }
    if (is(s, e, "in") && is(s, e + 1, "the") && cls(s, e + 2) == TC_PARTDAY) {
        int pd = val(s, e + 2);
        *h = hh % 12 + (pd == TP_AFTERNOON || pd == TP_EVENING ? 12 : 0);
        *m = mm;
        return e + 3;
    }
    if (kind(s, i) == TV_CLOCK && hh <= 24) {
        *h = hh;
        *m = mm;
        return e; /* 14:30 */
    }
    return 0;
}

static size_t rule_clock(const tx_sent *s, size_t i, tx_draft *d)
{
    int h, m;
    size_t e = clock_at(s, i, &h, &m);
    if (!e)
        return 0;
    draft_init(d, DK_REL, m ? G_MINUTE : G_HOUR);
    d->type = NG_TIME_TIME;
    d->unit = TU_DAY;
    d->hour = (int8_t)h;
    d->minute = (int8_t)m;
    d->anchored = true; /* "at 10 p.m.": of the day the text speaks of */
    if (cls(s, e) == TC_ZONE)
        e++;
    size_t k = is_char(s, e, ',') ? e + 1 : e;
    if (is(s, k, "on"))
        k++;
    tx_draft day;
    size_t de = 0;
    if (weekday_at(s, k))
        de = rule_weekday(s, k, &day);
    else if (month_at(s, k))
        de = rule_month(s, k, &day);
    else if (cls(s, k) == TC_DEICTIC && val(s, k) <= TD_TONIGHT)
        de = rule_deictic(s, k, &day);
    if (de && day.gran == G_DAY) {
        int8_t hour = d->hour, minute = d->minute;
        uint8_t gran = d->gran;
        *d = day;
        d->hour = hour;
        d->minute = minute;
        d->gran = gran;
        d->type = NG_TIME_TIME;
        return de;
    }
    return e;
}

/* ---- the rules together -------------------------------------------------- */

/* What the first token of a match is: each rule runs only on the kinds
 * of first token it can begin with (the grammar is tried at many tokens;
 * this keeps most rules from comparing words that cannot match). */
enum {
    F_THE = 1u << 0, /* "the" */
    F_DET = 1u << 1, /* the, a, an, its */
    F_NUM = 1u << 2, /* digits */
    F_NUMWORD = 1u << 3,
    F_ORD = 1u << 4,   /* 21st, third */
    F_SHIFT = 1u << 5, /* last, next, this ... */
    F_MONTH = 1u << 6,
    F_WEEKDAY = 1u << 7,
    F_UNIT = 1u << 8,
    F_SEASON = 1u << 9,
    F_PART = 1u << 10, /* early, mid, late ... */
    F_DEICTIC = 1u << 11,
    F_HOLIDAY = 1u << 12,
    F_FISCAL = 1u << 13,
    F_CLOCK = 1u << 14, /* 10:30, noon, a.m. */
    F_ISO = 1u << 15,
    F_DECADE = 1u << 16,
    F_EVERY = 1u << 17,  /* each, every, per; daily, weekly */
    F_VAGUE = 1u << 18,  /* several, few, couple */
    F_WORD = 1u << 19,   /* any other word */
    F_PARTDAY = 1u << 20 /* morning, afternoon ... */
};

static unsigned first_traits(const tx_sent *s, size_t i)
{
    const tx_tok *t = &s->t[i];
    switch (t->kind) {
    case TV_NUMBER: return F_NUM;
    case TV_NUMWORD: return F_NUMWORD;
    case TV_ORDNUM: return F_ORD;
    case TV_CLOCK: return F_CLOCK;
    case TV_ISODATE: return F_ISO;
    case TV_DECADE: return F_DECADE;
    case TV_WORD: break;
    default: return 0;
    }
    if (!t->lex)
        return F_WORD;
    static const unsigned by_class[] = {
        [TC_MONTH] = F_MONTH,     [TC_WEEKDAY] = F_WEEKDAY,
        [TC_UNIT] = F_UNIT,       [TC_SEASON] = F_SEASON,
        [TC_DEICTIC] = F_DEICTIC, [TC_SHIFT] = F_SHIFT,
        [TC_ORDINAL] = F_ORD,     [TC_PART] = F_PART,
        [TC_FREQ] = F_EVERY,      [TC_VAGUE] = F_VAGUE,
        [TC_HOLIDAY] = F_HOLIDAY, [TC_EVERY] = F_EVERY,
        [TC_CLOCK] = F_CLOCK,     [TC_FISCAL] = F_FISCAL,
        [TC_PARTDAY] = F_PARTDAY, [TC_QUANTMOD] = 0,
        [TC_AFTERWORD] = 0,       [TC_ZONE] = 0,
        [TC_PERIOD] = 0,          [TC_NUMWORD] = F_NUMWORD};
    if (t->lex->cls == TC_DET)
        return F_DET | (strcmp(t->lex->word, "the") == 0 ? F_THE : 0);
    return t->lex->cls < sizeof by_class / sizeof *by_class
               ? by_class[t->lex->cls]
               : 0;
}

typedef struct rule {
    rule_fn fn;
    unsigned first; /* F_* of the tokens it may begin with */
} rule;

static const rule point_rules[] = {
    {rule_phrase, F_DET | F_WORD},
    {rule_deictic, F_DEICTIC},
    {rule_partday_deictic, F_PARTDAY},
    {rule_month, F_MONTH},
    {rule_day_month, F_NUM | F_ORD},
    {rule_iso, F_ISO},
    {rule_weekday, F_WEEKDAY},
    {rule_year, F_NUM | F_NUMWORD | F_FISCAL | F_THE | F_WORD},
    {rule_decade, F_DECADE | F_THE},
    {rule_century, F_THE | F_ORD},
    {rule_quarter,
     F_DET | F_ORD | F_FISCAL | F_SHIFT | F_WORD | F_NUM | F_UNIT},
    {rule_season, F_THE | F_PART | F_SEASON},
    {rule_holiday, F_HOLIDAY | F_WORD},
    {rule_shift, F_THE | F_SHIFT},
    {rule_the_unit, F_THE},
    {rule_year_end, F_THE | F_UNIT},
    {rule_year_ago, F_THE | F_UNIT},
    {rule_clock, F_CLOCK | F_NUM},
};

static const rule duration_rules[] = {
    {rule_duration, F_DET | F_EVERY | F_SHIFT | F_ORD | F_WORD | F_NUM |
                        F_NUMWORD | F_VAGUE | F_UNIT},
    {rule_bare_units, F_UNIT},
};

/* The longest core expression at i: a point, a duration (with its
 * "ago"/"later"), or a set. */
static size_t core_at(const tx_sent *s, size_t i, tx_draft *best)
{
    unsigned traits = first_traits(s, i);
    if (!traits)
        return 0;
    size_t best_end = 0;
    tx_draft d;
    for (size_t r = 0; r < sizeof point_rules / sizeof *point_rules; r++) {
        if (!(point_rules[r].first & traits))
            continue;
        size_t e = point_rules[r].fn(s, i, &d);
        if (e > best_end) {
            best_end = e;
            *best = d;
        }
    }
    if (traits & (F_EVERY | F_DET)) {
        size_t set_end = rule_set(s, i, &d); /* "twice a week": sets win */
        if (set_end > best_end) {
            best_end = set_end;
            *best = d;
        }
    }
    for (size_t r = 0; r < sizeof duration_rules / sizeof *duration_rules;
         r++) {
        if (!(duration_rules[r].first & traits))
            continue;
        size_t e = duration_rules[r].fn(s, i, &d);
        if (!e)
            continue;
        size_t se = duration_shift(s, e, &d);
        if (se)
            e = se;
        if (e > best_end) {
            best_end = e;
            *best = d;
        }
    }
    return best_end;
}

/* ---- modifiers -------------------------------------------------------------
 */

/* A quantity modifier before a duration or a point: about, more than,
 * at least, up to, no more than. Returns its end and the mod. */
static size_t quant_mod(const tx_sent *s, size_t i, const char **mod)
{
    if (cls(s, i) != TC_QUANTMOD &&
        (kind(s, i) != TV_WORD || !strchr("mlfaunwjs", first(s, i))))
        return 0;
    static const struct {
        const char *w[3];
        const char *mod;
    } mods[] = {
        {{"more", "than"}, "MORE_THAN"},
        {{"less", "than"}, "LESS_THAN"},
        {{"fewer", "than"}, "LESS_THAN"},
        {{"at", "least"}, "EQUAL_OR_MORE"},
        {{"at", "most"}, "EQUAL_OR_LESS"},
        {{"up", "to"}, "EQUAL_OR_LESS"},
        {{"no", "more", "than"}, "EQUAL_OR_LESS"},
        {{"not", "more", "than"}, "EQUAL_OR_LESS"},
        {{"no", "less", "than"}, "EQUAL_OR_MORE"},
        {{"well", "over"}, "MORE_THAN"},
        {{"just", "over"}, "MORE_THAN"},
        {{"just", "under"}, "LESS_THAN"},
        {{"some"}, "APPROX"},
    };
    for (size_t k = 0; k < sizeof mods / sizeof *mods; k++) {
        size_t j = 0;
        while (j < 3 && mods[k].w[j] && is(s, i + j, mods[k].w[j]))
            j++;
        if (j > 0 && (j == 3 || !mods[k].w[j])) {
            *mod = mods[k].mod;
            return i + j;
        }
    }
    if (cls(s, i) == TC_QUANTMOD) {
        static const char *const names[] = {
            [TQ_APPROX] = "APPROX",
            [TQ_LESS_THAN] = "LESS_THAN",
            [TQ_MORE_THAN] = "MORE_THAN",
            [TQ_EQUAL_OR_LESS] = "EQUAL_OR_LESS",
            [TQ_EQUAL_OR_MORE] = "EQUAL_OR_MORE"};
        *mod = names[val(s, i)];
        return i + 1;
    }
    return 0;
}

/* A part-of modifier before a point: early, mid-, late, the end of, the
 * beginning of, earlier, later. */
static size_t part_mod(const tx_sent *s, size_t i, const char **mod)
{
    int c0 = cls(s, i);
    if (c0 != TC_DET && c0 != TC_PART && c0 != TC_SHIFT)
        return 0;
    size_t k = i;
    bool the = is(s, k, "the");
    if (the)
        k++;
    if (cls(s, k) == TC_PART) {
        int v = val(s, k);
        const char *m = v == TR_EARLY ? "START" : v == TR_MID ? "MID" : "END";
        bool noun = is(s, k, "beginning") || is(s, k, "start") ||
                    is(s, k, "end") || is(s, k, "middle") || is(s, k, "close");
        if (noun) {
            if (!the || !is(s, k + 1, "of"))
                return 0;
            *mod = m;
            return k + 2;
        }
        if (the && kind(s, k + 1) != TV_DECADE)
            return 0; /* the early 1980s; not "the late night" */
        *mod = m;
        return opt_hyphen(s, k + 1);
    }
    if (!the && cls(s, k) == TC_SHIFT &&
        (val(s, k) == TS_EARLIER || val(s, k) == TS_LATER)) {
        *mod = val(s, k) == TS_EARLIER ? "START" : "END";
        return k + 1;
    }
    return 0;
}

/* "or so" after an expression: approximately. */
static size_t or_so(const tx_sent *s, size_t e, tx_draft *d)
{
    if (is(s, e, "or") && is(s, e + 1, "so")) {
        d->mod = "APPROX";
        size_t k = e + 2;
        if (d->kind == DK_DURATION) {
            tx_draft tmp = *d;
            size_t se = duration_shift(s, k, &tmp);
            if (se) {
                *d = tmp;
                d->mod = "APPROX";
                return se;
            }
        }
        return k;
    }
    return e;
}

/* The expression at i starts with its count ("five years", "a year"),
 * not "the next five years". */
static bool count_first(const tx_sent *s, size_t i)
{
    return kind(s, i) == TV_NUMBER || kind(s, i) == TV_NUMWORD ||
           is(s, i, "a") || is(s, i, "an");
}

/* "the highest in ten years", "the first in five years": a span up to
 * now, whatever the clause's tense. Looks at the few words before "in". */
static bool after_superlative(const tx_sent *s, size_t i)
{
    for (size_t k = i >= 5 ? i - 5 : 0; k + 1 < i; k++) {
        if (kind(s, k) != TV_WORD)
            continue;
        size_t n = s->t[k].end - s->t[k].start;
        const char *w = s->text + s->t[k].start;
        if (is(s, k, "first") || is(s, k, "best") || is(s, k, "worst") ||
            is(s, k, "most") || is(s, k, "least") || is(s, k, "only") ||
            (n >= 6 && memcmp(w + n - 3, "est", 3) == 0))
            return true;
    }
    return false;
}

bool timex_recognize(const tx_sent *s, size_t i, tx_match *m)
{
    const char *mod = NULL;
    size_t k, e = 0;
    tx_draft d;
    if ((k = quant_mod(s, i, &mod)) && !is(s, k, "the") &&
        (e = core_at(s, k, &d))) {
        bool ok = d.kind == DK_DURATION ||
                  (d.type == NG_TIME_TIME && !strcmp(mod, "APPROX")) ||
                  (d.kind == DK_REL && d.unit != TU_DAY && k > i &&
                   d.gran <= G_MONTH && s->t[k].kind != TV_WORD);
        if (!ok && d.kind == DK_POINT && !strcmp(mod, "APPROX") &&
            is(s, i, "around"))
            ok = true;
        if (!ok && d.kind == DK_REL && s->t[k].kind != TV_WORD)
            ok = true; /* more than two years ago */
        if (!ok && d.kind == DK_LITERAL && d.type == NG_TIME_DATE &&
            s->t[k].kind != TV_WORD)
            ok = true;
        if (ok) {
            if (!d.mod)
                d.mod = mod;
        } else {
            e = 0;
        }
    }
    if (!e && (k = part_mod(s, i, &mod)) && (e = core_at(s, k, &d))) {
        bool point =
            d.kind == DK_POINT || d.kind == DK_REL || d.kind == DK_WEEKDAY;
        if (point && d.type == NG_TIME_DATE && !d.mod) {
            d.mod = mod;
        } else if (point && d.type == NG_TIME_TIME) {
            d.mod = mod;
        } else {
            e = 0;
        }
    }
    if (!e)
        e = core_at(s, i, &d);
    if (!e)
        return false;
    e = or_so(s, e, &d);
    /* "redeemed in five years": a point if the clause speaks of the
     * future (extract.c asks the tense), else a span */
    d.in_span = d.kind == DK_DURATION && !d.vague && !d.mod && i > 0 &&
                is(s, i - 1, "in") && count_first(s, i) && !is(s, e, "that") &&
                !is(s, e, "which") && !is(s, e, "when") && !is(s, e, "of") &&
                !after_superlative(s, i);
    m->start = i;
    m->end = e;
    m->d = d;
    return true;
}
