/*
 * timex.h -- temporal expressions: finding them in segmented text and
 * normalizing them to TimeML TIMEX3 values against the article's date.
 *
 * timex_extract is the entry point (extract.c). Inside the module:
 *  - calendar.c  proleptic Gregorian arithmetic, ISO weeks, holidays;
 *  - lexicon.c   the words that build temporal expressions;
 *  - view.c      the token view the recognizer reads (hyphenated words
 *                split, lexicon classes, numbers);
 *  - recognize.c the grammar: token patterns -> a draft (what the
 *                expression says, not yet what it means);
 *  - resolve.c   draft -> value: the article date, the sentence's tense
 *                and the last date mentioned.
 *
 * Sources of the rules: the TimeML 1.2.1 annotation guidelines and the
 * TIMEX3 value syntax (ISO 8601 with TimeML's extensions: PAST_REF,
 * PRESENT_REF, FUTURE_REF, seasons SP/SU/FA/WI, parts of day MO/AF/EV/NI,
 * quarters Q1-Q4, halves H1/H2, weekends -WE, X for unknown digits);
 * the extents and values of the TempEval-3 training data (TimeBank 1.2 and
 * AQUAINT) for where the guidelines leave a choice.
 *
 * Prefix: timex_. Everything lives in the caller's arena; no global
 * mutable state.
 */
#ifndef NG_TIMEX_H
#define NG_TIMEX_H

#include <stdbool.h>
#include <stdint.h>

#include "../text/text.h"
#include "../util/util.h"
#include "newsgraph.h"

/*
 * Finds and normalizes the temporal expressions of `text` (segmented in
 * `doc`). `dct` is the article's date, "YYYY-MM-DD", or NULL when unknown:
 * then values that depend on it stay underspecified (XXXX-01-05). The
 * array (ordered by start, not overlapping) and its strings live in `a`.
 */
ng_status timex_extract(const char *text, const seg_doc *doc, const char *dct,
                        arena *a, ng_time **out, size_t *count);

/* ---- calendar (calendar.c) ------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t timex_days(int year, int month, int day);
/* The date of a day number. */
void timex_civil(int64_t days, int *year, int *month, int *day);
/* ISO weekday, Monday 1 .. Sunday 7. */
int timex_weekday(int64_t days);
/* ISO 8601 week of a day: its week-based year and week number. */
void timex_iso_week(int64_t days, int *week_year, int *week);
/* The day number of Monday of ISO week `week` of `week_year`. */
int64_t timex_iso_week_monday(int week_year, int week);
int timex_month_days(int year, int month);

/* Fixed and movable feasts a news article names (holiday.c ids). */
typedef enum timex_holiday {
    TH_NONE = 0,
    TH_CHRISTMAS,
    TH_CHRISTMAS_EVE,
    TH_NEW_YEAR,
    TH_NEW_YEARS_EVE,
    TH_THANKSGIVING, /* US: fourth Thursday of November */
    TH_EASTER,
    TH_INDEPENDENCE, /* US: July 4 */
    TH_HALLOWEEN,
    TH_VALENTINE,
    TH_ELECTION, /* US: Tuesday after the first Monday of November */
    TH_LABOR,    /* US: first Monday of September */
    TH_MEMORIAL  /* US: last Monday of May */
} timex_holiday;

/* The month and day of a holiday in `year`; false for none. */
bool timex_holiday_date(timex_holiday h, int year, int *month, int *day);

/* ---- lexicon (lexicon.c) ------------------------------------------- */

typedef enum timex_class {
    TC_NONE = 0,
    TC_MONTH,     /* val 1..12; flag TF_ABBREV for Jan Sept ... */
    TC_WEEKDAY,   /* val 1..7 (Monday 1); TF_PLURAL for "Mondays" */
    TC_UNIT,      /* val timex_unit; TF_PLURAL */
    TC_SEASON,    /* val 1..4: spring summer fall winter */
    TC_PARTDAY,   /* val timex_partday */
    TC_DEICTIC,   /* val timex_deictic: today, yesterday, now ... */
    TC_SHIFT,     /* val timex_shift: last, next, this, past ... */
    TC_AFTERWORD, /* val timex_after: ago, earlier, later, before ... */
    TC_ORDINAL,   /* val 1..31: first .. thirty-first */
    TC_PART,      /* val timex_part: early, mid, late, beginning, end */
    TC_FREQ,      /* val timex_unit: daily weekly monthly annually ... */
    TC_QUANTMOD,  /* val timex_qmod: about, nearly, over ... */
    TC_VAGUE,     /* several, few, many, some, couple: an unknown count */
    TC_HOLIDAY,   /* val timex_holiday */
    TC_NUMWORD,   /* a number word (amount_word_value knows its value) */
    TC_DET,       /* the, a, an, its, this year's */
    TC_EVERY,     /* each, every, per */
    TC_CLOCK,     /* val: noon, midnight, midday; a.m., p.m. (timex_clock) */
    TC_ZONE,      /* EST EDT GMT UTC ...: part of a clock time */
    TC_FISCAL,    /* fiscal */
    TC_PERIOD     /* period, term, time, moment, while: heads with a date */
} timex_class;

enum {
    TF_PLURAL = 1u << 0,
    TF_ABBREV = 1u << 1, /* a short form (Jan, Fri) */
    TF_CAPONLY = 1u << 2 /* only when capitalized (May, March, Sun) */
};

typedef enum timex_unit {
    TU_NONE = 0,
    TU_SECOND,
    TU_MINUTE,
    TU_HOUR,
    TU_DAY,
    TU_WEEK,
    TU_WEEKEND,
    TU_FORTNIGHT,
    TU_MONTH,
    TU_QUARTER,
    TU_HALF, /* "half" of a year, as a period */
    TU_YEAR,
    TU_DECADE,
    TU_CENTURY,
    TU_MILLENNIUM
} timex_unit;

typedef enum timex_partday {
    TP_NONE = 0,
    TP_MORNING,
    TP_AFTERNOON,
    TP_EVENING,
    TP_NIGHT,
    TP_DAYTIME
} timex_partday;

typedef enum timex_deictic {
    TD_TODAY = 1,
    TD_YESTERDAY,
    TD_TOMORROW,
    TD_TONIGHT,
    TD_NOW,       /* PRESENT_REF */
    TD_PAST_REF,  /* recently, previously, formerly */
    TD_FUTURE_REF /* soon */
} timex_deictic;

typedef enum timex_shift {
    TS_LAST = 1, /* last, past, previous, preceding, prior */
    TS_NEXT,     /* next, coming, following, upcoming */
    TS_THIS,     /* this, current, present */
    TS_THAT,     /* that, same */
    TS_RECENT,   /* recent: "recent years" */
    TS_EARLIER,  /* earlier: "earlier this year" */
    TS_LATER     /* later: "later this month" */
} timex_shift;

typedef enum timex_after {
    TA_AGO = 1,
    TA_EARLIER, /* earlier, before, previously */
    TA_LATER,   /* later, after, afterwards, hence, on */
    TA_AHEAD    /* ahead: "the weeks ahead" */
} timex_after;

typedef enum timex_part {
    TR_EARLY = 1, /* early, beginning, start: START */
    TR_MID,       /* mid, middle: MID */
    TR_LATE,      /* late, end, close: END */
    TR_FIRST_HALF,
    TR_SECOND_HALF
} timex_part;

typedef enum timex_qmod {
    TQ_APPROX = 1,    /* about, around, approximately, roughly, some */
    TQ_LESS_THAN,     /* less than, under, almost, nearly */
    TQ_MORE_THAN,     /* more than, over */
    TQ_EQUAL_OR_LESS, /* up to, at most, no more than, within */
    TQ_EQUAL_OR_MORE  /* at least, no less than */
} timex_qmod;

typedef enum timex_clock { TK_NOON = 1, TK_MIDNIGHT, TK_AM, TK_PM } timex_clock;

typedef struct timex_entry {
    const char *word; /* lower case */
    uint8_t cls;      /* timex_class */
    int8_t val;
    uint8_t flags;
} timex_entry;

/* The entry of the lower-case word w[0..n), or NULL. */
const timex_entry *timex_lookup(const char *w, size_t n);

/* The lexicon's words by first letter: made once per extraction (by
 * timex_index_init, 200-odd steps) so that the lookup of every word of a
 * text searches one letter's words. No global state. */
typedef struct timex_index {
    uint16_t start[28];  /* a..z, then the rest */
    uint32_t second[27]; /* bit b: some word starts with this letter and
                            then letter b (26: anything else) */
} timex_index;

void timex_index_init(timex_index *ix);
const timex_entry *timex_lookup_in(const timex_index *ix, const char *w,
                                   size_t n);

/* True when the table is sorted as the lookup needs (for a test). */
bool timex_lexicon_sorted(void);

#endif /* NG_TIMEX_H */
