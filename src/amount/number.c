/*
 * number.c -- numbers as news writes them: number words ("twenty-five",
 * "a dozen", "hundreds"), digits with thousands separators and decimals
 * ("2,500", "1.5"), fractions ("3/4"), ranges in one token ("10-15") and
 * scale suffixes ("1.5m", "3bn", "20k", "21st" is an ordinal).
 *
 * Exports amount_word, amount_compound, amount_combine, amount_digits.
 * Invariant: values are finite and non-negative; a token that is not one
 * clean number (10:30, 2024-01-08, 1,2,3) is refused, not half read.
 */
#include <math.h>
#include <string.h>

#include "amount.h"

typedef struct number_word {
    const char *word;
    double value;
    uint8_t kind;
} number_word;

/* Sorted for binary search. */
static const number_word words[] = {
    {"billion", 1e9, AW_SCALE},   {"billions", 1e9, AW_VAGUE},
    {"dozen", 12, AW_DOZEN},      {"dozens", 12, AW_VAGUE},
    {"eight", 8, AW_DIGIT},       {"eighteen", 18, AW_TEEN},
    {"eighty", 80, AW_TENS},      {"eleven", 11, AW_TEEN},
    {"fifteen", 15, AW_TEEN},     {"fifty", 50, AW_TENS},
    {"five", 5, AW_DIGIT},        {"forty", 40, AW_TENS},
    {"four", 4, AW_DIGIT},        {"fourteen", 14, AW_TEEN},
    {"hundred", 100, AW_SCALE},   {"hundreds", 100, AW_VAGUE},
    {"million", 1e6, AW_SCALE},   {"millions", 1e6, AW_VAGUE},
    {"nine", 9, AW_DIGIT},        {"nineteen", 19, AW_TEEN},
    {"ninety", 90, AW_TENS},      {"one", 1, AW_DIGIT},
    {"scores", 20, AW_VAGUE},     {"seven", 7, AW_DIGIT},
    {"seventeen", 17, AW_TEEN},   {"seventy", 70, AW_TENS},
    {"six", 6, AW_DIGIT},         {"sixteen", 16, AW_TEEN},
    {"sixty", 60, AW_TENS},       {"ten", 10, AW_TEEN},
    {"tens", 10, AW_VAGUE},       {"thirteen", 13, AW_TEEN},
    {"thirty", 30, AW_TENS},      {"thousand", 1e3, AW_SCALE},
    {"thousands", 1e3, AW_VAGUE}, {"three", 3, AW_DIGIT},
    {"trillion", 1e12, AW_SCALE}, {"trillions", 1e12, AW_VAGUE},
    {"twelve", 12, AW_TEEN},      {"twenty", 20, AW_TENS},
    {"two", 2, AW_DIGIT},         {"zero", 0, AW_DIGIT},
};

enum { NWORDS = sizeof words / sizeof *words, WORD_MAX = 16 };

/* Lower-cases an ASCII word into low; false when too long or not
 * letters. */
static bool lower_word(const char *w, size_t n, char *low)
{
    if (n == 0 || n >= WORD_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c < 'a' || c > 'z')
            return false;
        low[i] = c;
    }
    low[n] = '\0';
    return true;
}

/* Whether a word could be a number word, from its length and first two
 * letters (most words are not: this runs on many). */
static bool maybe_number_word(const char *w, size_t n)
{
    if (n < 3 || n > 9)
        return false;
    char a = (char)(w[0] | 0x20), b = (char)(w[1] | 0x20);
    switch (a) {
    case 'b': return b == 'i';
    case 'd': return b == 'o';
    case 'e': return b == 'i' || b == 'l';
    case 'f': return b == 'i' || b == 'o';
    case 'h': return b == 'u';
    case 'm': return b == 'i';
    case 'n': return b == 'i';
    case 'o': return b == 'n';
    case 's': return b == 'c' || b == 'e' || b == 'i';
    case 't': return b == 'e' || b == 'h' || b == 'r' || b == 'w';
    case 'z': return b == 'e';
    default: return false;
    }
}

amount_word_kind amount_word(const char *w, size_t n, double *value)
{
    char low[WORD_MAX];
    if (!maybe_number_word(w, n) || !lower_word(w, n, low))
        return AW_NONE;
    size_t lo = 0, hi = NWORDS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *k = words[mid].word;
        size_t j = 0; /* inline compare: called for many words */
        while (k[j] && k[j] == low[j])
            j++;
        int c = (unsigned char)k[j] - (unsigned char)low[j];
        if (c == 0) {
            *value = words[mid].value;
            return (amount_word_kind)words[mid].kind;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return AW_NONE;
}

bool amount_compound(const char *w, size_t n, double *value)
{
    const char *dash = memchr(w, '-', n);
    if (!dash)
        return amount_word(w, n, value) != AW_NONE;
    double tens, unit;
    size_t a = (size_t)(dash - w);
    if (amount_word(w, a, &tens) != AW_TENS ||
        amount_word(dash + 1, n - a - 1, &unit) != AW_DIGIT || unit == 0)
        return false;
    *value = tens + unit;
    return true;
}

bool amount_combine(const double *values, const uint8_t *kinds, size_t n,
                    double *out)
{
    double total = 0, current = 0;
    uint8_t prev = AW_NONE;
    for (size_t i = 0; i < n; i++) {
        uint8_t k = kinds[i];
        if (k == AW_SCALE) {
            if (prev == AW_SCALE && values[i] <= 100)
                return false;
            double base = current > 0 ? current : 1;
            if (values[i] == 100) {
                current = base * 100;
            } else {
                total += base * values[i];
                current = 0;
            }
        } else if (k == AW_DIGIT || k == AW_TEEN || k == AW_TENS) {
            /* "two three" and "twenty thirty" are not one number. */
            if (prev == AW_DIGIT || prev == AW_TEEN ||
                (prev == AW_TENS && k != AW_DIGIT))
                return false;
            current += values[i];
        } else {
            return false;
        }
        prev = k;
    }
    *out = total + current;
    return n > 0;
}

/* ---- digits ---------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The scale of a suffix glued to digits: 1.5m, 3bn, 20k, 5tn. */
static bool suffix_scale(const char *s, size_t n, double *scale)
{
    static const struct {
        const char *sfx;
        double scale;
    } sfx[] = {{"k", 1e3},   {"m", 1e6},   {"mn", 1e6},
               {"mln", 1e6}, {"b", 1e9},   {"bn", 1e9},
               {"bln", 1e9}, {"tn", 1e12}, {"trn", 1e12}};
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++)
        if (strlen(sfx[i].sfx) == n && strncmp(s, sfx[i].sfx, n) == 0) {
            *scale = sfx[i].scale;
            return true;
        }
    return false;
}

static bool ordinal_suffix(const char *digits, size_t nd, const char *s,
                           size_t n)
{
    if (n != 2)
        return false;
    int last = digits[nd - 1] - '0';
    int tens = nd > 1 ? digits[nd - 2] - '0' : 0;
    const char *want = "th";
    if (tens != 1 && last == 1)
        want = "st";
    else if (tens != 1 && last == 2)
        want = "nd";
    else if (tens != 1 && last == 3)
        want = "rd";
    return (s[0] | 0x20) == want[0] && (s[1] | 0x20) == want[1];
}

typedef struct digit_run {
    double value;
    size_t end;     /* where the number stopped */
    unsigned flags; /* AD_GROUPED, AD_DECIMAL */
} digit_run;

/* Groups after the first: ",ddd" or ".ddd" repeated, all with `sep`. */
static size_t groups_end(const char *s, size_t i, size_t n, char sep,
                         int *ngroups)
{
    *ngroups = 0;
    while (i + 4 <= n && s[i] == sep && is_digit(s[i + 1]) &&
           is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
           (i + 4 == n || !is_digit(s[i + 4]))) {
        i += 4;
        (*ngroups)++;
    }
    return i;
}

/* Reads "2,500.75", "2.500" (as grouping when `dot_groups`), "1.5". */
static bool read_run(const char *s, size_t n, bool count_follows, digit_run *r)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0 || i > 15)
        return false;
    size_t lead = i;
    int ngroups;
    char sep = ',';
    size_t e = groups_end(s, i, n, ',', &ngroups);
    if (ngroups == 0) {
        /* "1.234.567" groups with periods; one ".ddd" only for counts. */
        size_t d = groups_end(s, i, n, '.', &ngroups);
        if (ngroups >= 2 ||
            (ngroups == 1 && count_follows && !(d < n && s[d] == ','))) {
            sep = '.';
            e = d;
        } else {
            ngroups = 0;
        }
    }
    if (ngroups > 0 && lead > 3)
        return false; /* "12345,678" is not grouped */
    double v = 0;
    for (size_t k = 0; k < e; k++)
        if (is_digit(s[k]))
            v = v * 10 + (s[k] - '0');
    r->flags = ngroups ? AD_GROUPED : 0;
    char dec = sep == '.' && ngroups ? ',' : '.';
    if (e + 1 < n && s[e] == dec && is_digit(s[e + 1])) {
        double place = 0.1;
        e++;
        while (e < n && is_digit(s[e])) {
            v += (s[e] - '0') * place;
            place /= 10;
            e++;
        }
        r->flags |= AD_DECIMAL;
    }
    r->value = v;
    r->end = e;
    return true;
}

/* "3/4": a fraction when the parts are small (a denominator up to 10) and
 * it is not a date ("9/11", "1/15"). */
static bool read_fraction(const char *s, size_t n, double *value)
{
    const char *slash = memchr(s, '/', n);
    if (!slash)
        return false;
    size_t a = (size_t)(slash - s), b = n - a - 1;
    if (a == 0 || b == 0 || a > 2 || b > 2)
        return false;
    int num = 0, den = 0;
    for (size_t i = 0; i < a; i++) {
        if (!is_digit(s[i]))
            return false;
        num = num * 10 + (s[i] - '0');
    }
    for (size_t i = a + 1; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        den = den * 10 + (s[i] - '0');
    }
    if (den < 2 || den > 10 || num >= den || num == 0) /* not 9/11 */
        return false;
    *value = (double)num / den;
    return true;
}

bool amount_digits(const char *s, size_t n, bool count_follows, double *value,
                   double *high, unsigned *flags)
{
    *flags = 0;
    if (n > 0 && s[0] == '.') {
        /* ".5" */
        digit_run r;
        if (n < 2 || !read_run(s + 1, n - 1, false, &r) || r.flags ||
            r.end != n - 1)
            return false;
        *value = *high = r.value / pow(10, (double)r.end);
        *flags = AD_DECIMAL;
        return true;
    }
    if (memchr(s, '/', n)) {
        if (!read_fraction(s, n, value))
            return false;
        *high = *value;
        *flags = AD_FRACTION;
        return true;
    }
    digit_run r;
    if (!read_run(s, n, count_follows, &r))
        return false;
    *flags = r.flags;
    *value = *high = r.value;
    size_t e = r.end;
    if (e < n && s[e] == '-') {
        digit_run r2;
        if (!read_run(s + e + 1, n - e - 1, count_follows, &r2) ||
            r2.value <= r.value)
            return false;
        *high = r2.value;
        *flags |= AD_RANGE | r2.flags;
        e += 1 + r2.end;
    }
    if (e == n)
        return true;
    double scale;
    if (suffix_scale(s + e, n - e, &scale) && !(*flags & AD_RANGE)) {
        *value *= scale;
        *high *= scale;
        return true;
    }
    if (!(*flags & (AD_GROUPED | AD_DECIMAL | AD_RANGE)) &&
        ordinal_suffix(s, e, s + e, n - e)) {
        *flags |= AD_ORDINAL;
        return true;
    }
    return false;
}
