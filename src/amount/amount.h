/*
 * amount.h -- amounts: numbers in every news form with what they count.
 *
 * amount_extract (extract.c) finds "2,500 troops", "nearly 100 people",
 * "$3bn", "20%", "hundreds more" in segmented text. number.c reads the
 * numbers themselves (digits with separators and suffixes, fractions,
 * number words) and is shared with the time module ("two decades").
 *
 * Sources of the rules: the number formats of English news style guides
 * (AP Stylebook: numerals, "percent", "$3 billion"; Reuters: "$3bn",
 * "1.5m"); ISO 4217 currency codes; for what is not an amount, the
 * TIMEX3 expressions found by src/time (years, dates, clock times, and
 * durations are times), ordinals (21st, first) and telephone numbers.
 *
 * Prefix: amount_. Everything lives in the caller's arena.
 */
#ifndef NG_AMOUNT_H
#define NG_AMOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "../text/text.h"
#include "../util/util.h"
#include "newsgraph.h"

/*
 * Finds the amounts of `text` (segmented in `doc`), skipping the tokens
 * that the temporal expressions `times` (ordered, from timex_extract)
 * cover. The array (ordered by start) and its strings live in `a`.
 */
ng_status amount_extract(const char *text, const seg_doc *doc,
                         const ng_time *times, size_t ntimes, arena *a,
                         ng_amount **out, size_t *count);

/* True when the word tables of extract.c are sorted, as their binary
 * searches need (for a test). */
bool amount_tables_sorted(void);

/* ---- numbers (number.c) --------------------------------------------- */

typedef enum amount_word_kind {
    AW_NONE = 0,
    AW_DIGIT, /* zero .. nine */
    AW_TEEN,  /* ten .. nineteen */
    AW_TENS,  /* twenty .. ninety */
    AW_SCALE, /* hundred thousand million billion trillion */
    AW_DOZEN, /* dozen */
    AW_VAGUE  /* hundreds thousands millions dozens scores tens */
} amount_word_kind;

/*
 * The value of one number word, case-insensitive ("Two" 2, "hundred" 100,
 * "dozen" 12, "hundreds" 100 with AW_VAGUE). AW_NONE when w[0..n) is not
 * one. Hyphenated compounds are not words here (see amount_compound).
 */
amount_word_kind amount_word(const char *w, size_t n, double *value);

/*
 * The value of a spelled-out number in one token: a single number word or
 * a hyphenated compound ("twenty-five", "forty-two"); false otherwise.
 */
bool amount_compound(const char *w, size_t n, double *value);

/*
 * Combines the values of consecutive number words ("two hundred fifty
 * thousand" = 2 100 50 1000) as English reads them; `kinds` tell scales
 * from the rest. False when the sequence is not one number ("two three").
 */
bool amount_combine(const double *values, const uint8_t *kinds, size_t n,
                    double *out);

enum {
    AD_GROUPED = 1u << 0,  /* had thousands separators (2,500) */
    AD_DECIMAL = 1u << 1,  /* had a decimal part (1.5) */
    AD_FRACTION = 1u << 2, /* a fraction (3/4) */
    AD_RANGE = 1u << 3,    /* a range in one token (10-15) */
    AD_ORDINAL = 1u << 4   /* 21st, 2nd */
};

/*
 * Reads a number token's digits: "2,500" "1.5" "3/4" "10-15" "1.5m"
 * "3bn" "21st". *value (and *high for ranges, else = *value) get the
 * number times its suffix's scale (m, bn, k, ...); *flags says what was
 * seen. `count_follows` tells how to read a lone ".ddd" group: "2.500
 * troops" in a text translated from a language that groups with periods
 * is 2500 (a count is whole), "2.500 percent" is 2.5. False when the
 * token is not one number (10:30, 2024-01-08, 1.2.3.4).
 */
bool amount_digits(const char *s, size_t n, bool count_follows, double *value,
                   double *high, unsigned *flags);

#endif /* NG_AMOUNT_H */
