/*
 * extract.c -- amount_extract: numbers with what they count, sentence by
 * sentence over the segmenter's tokens.
 *
 * An amount is: [qualifier] [currency] number [scale] [%|percent|currency
 * word] [of] [counted noun]. For example "nearly 100 people", "$3bn",
 * "more than 2,500 troops", "20%", "between 10 and 15 km", "hundreds of
 * thousands of people", "1.5 million barrels".
 *
 * Reading rules (sources in amount.h):
 *  - qualifiers: about, around, approximately, roughly, some, an
 *    estimated -> approx; nearly, almost, close to -> approx with the
 *    number as upper bound; more than, over, at least -> a lower bound;
 *    up to, as many as, at most, less than, fewer than, under -> an upper
 *    bound; 10-15, 10 to 15, between 10 and 15 -> a range;
 *  - "hundreds", "thousands", "dozens" are vague: the scale as value, at
 *    least twice it as lower bound;
 *  - the counted thing is the noun after the number (over adjectives:
 *    "2,500 American troops"), or after "of" ("thousands of people"); a
 *    number with no noun of its own ("900 in Syria", "hundreds more")
 *    takes the counted noun of the amount before it in the sentence,
 *    marked as inferred;
 *  - not amounts: tokens inside times (years, dates, clock times,
 *    durations), ordinals (21st, first), telephone numbers (555-0100),
 *    identifiers after a name ("Boeing 747", "Chapter 11"), the pronoun
 *    "one" ("one of them").
 * Invariants: spans are whole tokens, ordered, disjoint, inside the text;
 * values finite and non-negative.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"

enum { WORD_MAX = 24, MAX_AMOUNTS = 1u << 20 };

typedef struct ctx {
    const char *text;
    const seg_token *t; /* the sentence's tokens */
    size_t n;
    bool first_is_start;  /* t[0] starts the sentence */
    const ng_time *times; /* the article's, ordered */
    size_t ntimes;
} ctx;

/* Whether token i lies inside a time (binary search). */
static bool covered(const ctx *c, size_t i)
{
    size_t lo = 0, hi = c->ntimes;
    uint32_t start = c->t[i].start;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->times[mid].span.end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->ntimes && c->times[lo].span.start < c->t[i].end;
}

typedef struct reading {
    ng_amount a;
    size_t end; /* token after the amount */
    bool has_unit;
    size_t unit_tok; /* the counted noun's token when has_unit */
} reading;

/* ---- token tests -------------------------------------------------------- */

static size_t tlen(const ctx *c, size_t i)
{
    return c->t[i].end - c->t[i].start;
}

static const char *ttext(const ctx *c, size_t i)
{
    return c->text + c->t[i].start;
}

/* The token at i is the word w (lower case), in any case. */
static bool is(const ctx *c, size_t i, const char *w)
{
    if (i >= c->n)
        return false;
    size_t n = tlen(c, i);
    const char *s = ttext(c, i);
    for (size_t k = 0; k < n; k++) { /* w ends early: no match */
        char ch = s[k];
        if ((ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch) != w[k])
            return false;
    }
    return w[n] == '\0';
}

static bool is_upper(const ctx *c, size_t i)
{
    return i < c->n && (c->t[i].flags & SEG_UPPER);
}

/* Lower-case copy of a word token; false when not a short word. */
static bool lower(const ctx *c, size_t i, char *out)
{
    if (i >= c->n || c->t[i].kind != NG_TOKEN_WORD || tlen(c, i) >= WORD_MAX)
        return false;
    const char *s = ttext(c, i);
    size_t n = tlen(c, i);
    for (size_t k = 0; k < n; k++)
        out[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] - 'A' + 'a') : s[k];
    out[n] = '\0';
    return true;
}

/* Binary search in a sorted list. */
static bool in_sorted(const char *const *list, size_t n, const char *w)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(list[mid], w);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static bool is_sorted(const char *const *list, size_t n)
{
    for (size_t k = 1; k < n; k++)
        if (strcmp(list[k - 1], list[k]) >= 0)
            return false;
    return true;
}

/* w in a sorted list (the lists below are kept sorted; a test checks). */
#define IN(list, w)  in_sorted(list, sizeof list / sizeof *list, w)
#define SORTED(list) is_sorted(list, sizeof list / sizeof *list)

/* ---- qualifiers ------------------------------------------------------------
 */

typedef struct qualifier {
    const char *words[3];
    const char *mod;
    unsigned flags; /* NG_AMOUNT_APPROX, _HAS_LOW, _HAS_HIGH */
} qualifier;

static const qualifier qualifiers[] = {
    {{"about"}, "about", NG_AMOUNT_APPROX},
    {{"around"}, "about", NG_AMOUNT_APPROX},
    {{"approximately"}, "about", NG_AMOUNT_APPROX},
    {{"roughly"}, "about", NG_AMOUNT_APPROX},
    {{"some"}, "about", NG_AMOUNT_APPROX},
    {{"an", "estimated"}, "about", NG_AMOUNT_APPROX},
    {{"estimated"}, "about", NG_AMOUNT_APPROX},
    {{"nearly"}, "nearly", NG_AMOUNT_APPROX | NG_AMOUNT_HAS_HIGH},
    {{"almost"}, "nearly", NG_AMOUNT_APPROX | NG_AMOUNT_HAS_HIGH},
    {{"close", "to"}, "nearly", NG_AMOUNT_APPROX | NG_AMOUNT_HAS_HIGH},
    {{"more", "than"}, "more_than", NG_AMOUNT_HAS_LOW},
    {{"over"}, "more_than", NG_AMOUNT_HAS_LOW},
    {{"just", "over"}, "more_than", NG_AMOUNT_HAS_LOW},
    {{"well", "over"}, "more_than", NG_AMOUNT_HAS_LOW},
    {{"upwards", "of"}, "more_than", NG_AMOUNT_HAS_LOW},
    {{"at", "least"}, "at_least", NG_AMOUNT_HAS_LOW},
    {{"no", "less", "than"}, "at_least", NG_AMOUNT_HAS_LOW},
    {{"no", "fewer", "than"}, "at_least", NG_AMOUNT_HAS_LOW},
    {{"up", "to"}, "up_to", NG_AMOUNT_HAS_HIGH},
    {{"as", "many", "as"}, "up_to", NG_AMOUNT_HAS_HIGH},
    {{"as", "much", "as"}, "up_to", NG_AMOUNT_HAS_HIGH},
    {{"at", "most"}, "up_to", NG_AMOUNT_HAS_HIGH},
    {{"no", "more", "than"}, "up_to", NG_AMOUNT_HAS_HIGH},
    {{"less", "than"}, "less_than", NG_AMOUNT_HAS_HIGH},
    {{"fewer", "than"}, "less_than", NG_AMOUNT_HAS_HIGH},
    {{"under"}, "less_than", NG_AMOUNT_HAS_HIGH},
    {{"just", "under"}, "less_than", NG_AMOUNT_HAS_HIGH},
    {{"below"}, "less_than", NG_AMOUNT_HAS_HIGH},
};

/* The longest qualifier at i; its end (i when none). */
/* The first words of the qualifiers (sorted), to tell quickly whether a
 * word may begin one. */
static const char *const qualifier_heads[] = {
    "about", "almost",  "an",      "approximately", "around",
    "as",    "at",      "below",   "close",         "estimated",
    "fewer", "just",    "less",    "more",          "nearly",
    "no",    "over",    "roughly", "some",          "under",
    "up",    "upwards", "well"};

static size_t qualifier_at(const ctx *c, size_t i, const qualifier **q)
{
    size_t best = i;
    *q = NULL;
    char w[WORD_MAX];
    if (!lower(c, i, w) || !IN(qualifier_heads, w))
        return i;
    for (size_t k = 0; k < sizeof qualifiers / sizeof *qualifiers; k++) {
        size_t j = 0;
        while (j < 3 && qualifiers[k].words[j] &&
               is(c, i + j, qualifiers[k].words[j]))
            j++;
        if ((j == 3 || !qualifiers[k].words[j]) && i + j > best) {
            best = i + j;
            *q = &qualifiers[k];
        }
    }
    return best;
}

/* ---- currencies
 * -------------------------------------------------------------- */

typedef struct currency {
    const char *word;
    const char *code;
} currency;

/* Symbols and codes before the number. */
static const currency symbols[] = {
    {"$", "USD"},   {"us$", "USD"}, {"€", "EUR"},   {"£", "GBP"},
    {"¥", "JPY"},   {"₹", "INR"},   {"₽", "RUB"}, {"₩", "KRW"},
    {"c$", "CAD"},  {"ca$", "CAD"}, {"a$", "AUD"},  {"au$", "AUD"},
    {"hk$", "HKD"}, {"nz$", "NZD"}, {"s$", "SGD"},  {"r$", "BRL"},
    {"usd", "USD"}, {"eur", "EUR"}, {"gbp", "GBP"}, {"jpy", "JPY"},
    {"chf", "CHF"}, {"cny", "CNY"}, {"rs", "INR"},  {"rs.", "INR"},
};

/* Words after the number (plural and singular). */
static const currency currency_words[] = {
    {"dinar", "IQD"},    {"dinars", "IQD"},  {"dollar", "USD"},
    {"dollars", "USD"},  {"eur", "EUR"},     {"euro", "EUR"},
    {"euros", "EUR"},    {"franc", "CHF"},   {"francs", "CHF"},
    {"gbp", "GBP"},      {"hryvnia", "UAH"}, {"hryvnias", "UAH"},
    {"lira", "TRY"},     {"liras", "TRY"},   {"marks", "DEM"},
    {"naira", "NGN"},    {"peso", "MXN"},    {"pesos", "MXN"},
    {"pounds", "GBP"},   {"rand", "ZAR"},    {"renminbi", "CNY"},
    {"rial", "IRR"},     {"rials", "IRR"},   {"riyal", "SAR"},
    {"riyals", "SAR"},   {"rouble", "RUB"},  {"roubles", "RUB"},
    {"ruble", "RUB"},    {"rubles", "RUB"},  {"rupee", "INR"},
    {"rupees", "INR"},   {"shekel", "ILS"},  {"shekels", "ILS"},
    {"sterling", "GBP"}, {"usd", "USD"},     {"yen", "JPY"},
    {"yuan", "CNY"},     {"zloty", "PLN"},   {"zlotys", "PLN"},
};

static const char *symbol_at(const ctx *c, size_t i)
{
    char w[WORD_MAX];
    if (i >= c->n || tlen(c, i) >= WORD_MAX ||
        (c->t[i].kind != NG_TOKEN_SYMBOL &&
         !(c->t[i].kind == NG_TOKEN_WORD && is_upper(c, i) && tlen(c, i) <= 3)))
        return NULL; /* symbols, or US$-like words and codes in capitals */
    size_t n = tlen(c, i);
    const char *s = ttext(c, i);
    for (size_t k = 0; k < n; k++)
        w[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] - 'A' + 'a') : s[k];
    w[n] = '\0';
    for (size_t k = 0; k < sizeof symbols / sizeof *symbols; k++)
        if (strcmp(symbols[k].word, w) == 0) {
            /* codes and "Rs" only in capitals, before a number */
            if (k >= 16 && !is_upper(c, i))
                return NULL;
            return symbols[k].code;
        }
    return NULL;
}

static const char *currency_word_at(const ctx *c, size_t i)
{
    char w[WORD_MAX];
    if (!lower(c, i, w))
        return NULL;
    size_t lo = 0, hi = sizeof currency_words / sizeof *currency_words;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(currency_words[mid].word, w);
        if (cmp == 0)
            return currency_words[mid].code;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- numbers ----------------------------------------------------------------
 */

/* A scale word after a number: 1.5 million, 3 billion, 10 thousand. */
static bool scale_at(const ctx *c, size_t i, double *scale)
{
    static const struct {
        const char *w;
        double v;
    } scales[] = {{"thousand", 1e3},  {"million", 1e6}, {"billion", 1e9},
                  {"trillion", 1e12}, {"m", 1e6},       {"mn", 1e6},
                  {"bn", 1e9},        {"b", 1e9},       {"tn", 1e12},
                  {"k", 1e3},         {"lakh", 1e5},    {"crore", 1e7}};
    if (i >= c->n || c->t[i].kind != NG_TOKEN_WORD || tlen(c, i) > 8)
        return false;
    for (size_t k = 0; k < sizeof scales / sizeof *scales; k++)
        if (is(c, i, scales[k].w)) {
            /* "m" and "b" alone only when glued or right after digits */
            if (strlen(scales[k].w) == 1 && (c->t[i].flags & SEG_SPACE_BEFORE))
                return false;
            *scale = scales[k].v;
            return true;
        }
    return false;
}

/* Words that make the number before them a count: plural nouns, mostly.
 * Used to read "2.500" as 2500. */
static bool count_noun_follows(const ctx *c, size_t i)
{
    char w[WORD_MAX];
    if (!lower(c, i, w))
        return false;
    size_t n = strlen(w);
    return (n > 2 && w[n - 1] == 's' && w[n - 2] != 's') ||
           strcmp(w, "people") == 0;
}

/* Number words from i: "two hundred and fifty", "twenty-five", "a
 * dozen", "hundreds". Returns the end (i when none). */
static size_t number_words(const ctx *c, size_t i, double *value, bool *vague)
{
    double vals[8];
    uint8_t kinds[8];
    size_t n = 0, k = i, end = i;
    *vague = false;
    if (is(c, k, "a") || is(c, k, "an")) {
        double v;
        amount_word_kind wk =
            k + 1 < c->n ? amount_word(ttext(c, k + 1), tlen(c, k + 1), &v)
                         : AW_NONE;
        if (wk != AW_SCALE && wk != AW_DOZEN)
            return i;
        k++; /* a dozen, a hundred, a million */
    }
    while (n < 8 && k < c->n && c->t[k].kind == NG_TOKEN_WORD) {
        double v;
        amount_word_kind wk = amount_word(ttext(c, k), tlen(c, k), &v);
        if (wk == AW_NONE && amount_compound(ttext(c, k), tlen(c, k), &v))
            wk = AW_TENS; /* twenty-five: like a tens word with units */
        if (wk == AW_NONE)
            break;
        if (wk == AW_VAGUE) {
            if (n > 0)
                break;
            *vague = true;
            *value = v;
            end = ++k;
            /* tens of thousands, hundreds of millions */
            if (is(c, k, "of")) {
                double v2;
                if (k + 1 < c->n &&
                    amount_word(ttext(c, k + 1), tlen(c, k + 1), &v2) ==
                        AW_VAGUE &&
                    v2 > v) {
                    *value = v * v2;
                    end = k + 2;
                }
            }
            return end;
        }
        if (wk == AW_DOZEN)
            wk = AW_SCALE;
        vals[n] = v;
        kinds[n++] =
            (uint8_t)(wk == AW_TENS && v != floor(v / 10) * 10 ? AW_TEEN : wk);
        double total;
        if (!amount_combine(vals, kinds, n, &total)) {
            n--;
            break;
        }
        *value = total;
        end = ++k;
        if (is(c, k, "and") && k + 1 < c->n &&
            amount_word(ttext(c, k + 1), tlen(c, k + 1), &v) != AW_NONE &&
            kinds[n - 1] == AW_SCALE)
            k++;
    }
    return n ? end : i;
}

/* Telephone numbers: 555-0100, 202-555-0100 (one token or more). */
static bool phone_like(const char *s, size_t n)
{
    size_t digits = 0, dashes = 0, group = 0;
    bool leading_zero_group = false;
    for (size_t k = 0; k < n; k++) {
        if (s[k] >= '0' && s[k] <= '9') {
            if (group == 0 && s[k] == '0' && dashes > 0)
                leading_zero_group = true;
            digits++;
            group++;
        } else if (s[k] == '-') {
            dashes++;
            group = 0;
        } else {
            return false;
        }
    }
    return dashes > 0 && digits >= 7 && (group == 4 || leading_zero_group);
}

/* Reads the number at i; fills value/high/flags; returns its end (i when
 * none). */
static size_t number_at(const ctx *c, size_t i, reading *r, bool *vague,
                        unsigned *dflags)
{
    *vague = false;
    *dflags = 0;
    if (i >= c->n)
        return i;
    if (c->t[i].kind == NG_TOKEN_NUMBER) {
        const char *s = ttext(c, i);
        size_t n = tlen(c, i);
        if (phone_like(s, n))
            return i;
        double v, high;
        bool count = count_noun_follows(c, i + 1);
        if (!amount_digits(s, n, count, &v, &high, dflags) ||
            (*dflags & AD_ORDINAL))
            return i;
        r->a.value = v;
        if (*dflags & AD_RANGE) {
            r->a.low = v;
            r->a.high = high;
            r->a.flags |= NG_AMOUNT_HAS_LOW | NG_AMOUNT_HAS_HIGH;
            r->a.mod = "range";
        }
        return i + 1;
    }
    double v;
    size_t e = number_words(c, i, &v, vague);
    if (e > i)
        r->a.value = v;
    return e;
}

/* ---- what is counted
 * --------------------------------------------------------- */

/* Words that never are the counted thing (sorted: binary search). */
static const char *const not_units[] = {
    "a",      "about",    "above",   "after",      "against", "ago",
    "all",    "alone",    "also",    "altogether", "am",      "among",
    "an",     "and",      "apart",   "apiece",     "are",     "around",
    "as",     "at",       "away",    "be",         "been",    "before",
    "being",  "below",    "between", "both",       "but",     "by",
    "can",    "could",    "did",     "do",         "does",    "down",
    "during", "each",     "earlier", "either",     "else",    "even",
    "ever",   "every",    "for",     "from",       "had",     "has",
    "have",   "he",       "her",     "here",       "his",     "how",
    "i",      "if",       "in",      "instead",    "into",    "is",
    "it",     "its",      "just",    "last",       "later",   "least",
    "less",   "like",     "many",    "may",        "might",   "more",
    "most",   "much",     "must",    "near",       "nearly",  "next",
    "no",     "nor",      "not",     "now",        "of",      "off",
    "on",     "once",     "one",     "only",       "onto",    "or",
    "other",  "others",   "our",     "out",        "over",    "overall",
    "per",    "percent",  "plus",    "point",      "points",  "respectively",
    "said",   "says",     "shall",   "she",        "should",  "since",
    "so",     "some",     "still",   "such",       "than",    "that",
    "the",    "their",    "them",    "then",       "there",   "these",
    "they",   "this",     "those",   "through",    "till",    "times",
    "to",     "together", "too",     "total",      "toward",  "towards",
    "under",  "until",    "up",      "upon",       "us",      "very",
    "via",    "was",      "we",      "were",       "what",    "when",
    "where",  "which",    "while",   "who",        "whom",    "whose",
    "why",    "will",     "with",    "within",     "without", "would",
    "yet",    "you",      "your"};

/* Units of measure (kind measure). */
static const char *const measures[] = {
    "acres",     "barrel",     "barrels",   "bpd",       "calories",
    "cm",        "cubic",      "degrees",   "feet",      "foot",
    "ft",        "g",          "gallons",   "gb",        "gram",
    "grams",     "gw",         "hectares",  "inch",      "inches",
    "kg",        "kilogram",   "kilograms", "kilometer", "kilometers",
    "kilometre", "kilometres", "kilos",     "km",        "km/h",
    "kph",       "kw",         "kwh",       "lb",        "lbs",
    "liters",    "litres",     "m",         "mb",        "megawatts",
    "meter",     "meters",     "metre",     "metres",    "mile",
    "miles",     "mm",         "mph",       "mw",        "ounces",
    "pounds",    "square",     "tb",        "ton",       "tonne",
    "tonnes",    "tons",       "volts",     "watts",     "yards"};

static bool is_measure(const char *w)
{
    return IN(measures, w);
}

static const char *const time_units[] = {
    "centuries", "century", "day",    "days",    "decade", "decades",
    "hour",      "hours",   "minute", "minutes", "month",  "months",
    "second",    "seconds", "week",   "weeks",   "year",   "years"};

/* Units of time: "two decades" is a time (src/time); what the time
 * extractor leaves ("52 years old", an age) is no amount either. */
static bool is_time_unit(const char *w)
{
    return IN(time_units, w);
}

/* A plausible noun for the counted thing: a word, not a function word,
 * not a verb form in -ed/-ing, not an adverb in -ly. */
static bool noun_like(const ctx *c, size_t i)
{
    char w[WORD_MAX];
    if (!lower(c, i, w) ||
        in_sorted(not_units, sizeof not_units / sizeof *not_units, w))
        return false;
    size_t n = strlen(w);
    if (n < 2 && !is_measure(w))
        return false;
    if (n > 4 && ((w[n - 2] == 'e' && w[n - 1] == 'd') ||
                  (w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g') ||
                  (w[n - 2] == 'l' && w[n - 1] == 'y')))
        return false;
    return true;
}

static const char *const adjectives[] = {
    "active", "additional", "armed",  "civilian", "extra", "foreign",
    "former", "junior",     "large",  "local",    "more",  "new",
    "other",  "retired",    "senior", "small",    "total", "young"};

/* Adjectives that may stand between a number and its noun: nationality
 * and other capitalized words, "more", "additional", "other", "new". */
static bool skippable_adjective(const ctx *c, size_t i)
{
    char w[WORD_MAX];
    if (!lower(c, i, w))
        return false;
    if (is_upper(c, i) && noun_like(c, i + 1) && !is_upper(c, i + 1) &&
        w[strlen(w) - 1] != 's')
        return true; /* 2,500 American troops; not "5,000 Americans live" */
    return IN(adjectives, w) && noun_like(c, i + 1);
}

/* The counted noun after the number, as written; its token in *unit_tok.
 * Returns the end of the amount (e when none). */
static size_t unit_at(const ctx *c, size_t e, size_t *unit_tok)
{
    size_t k = e;
    if (is(c, k, "of") && noun_like(c, k + 1)) /* thousands of people */
        k++;
    for (int guard = 0; guard < 2 && skippable_adjective(c, k); guard++)
        k++;
    if (!noun_like(c, k))
        return e;
    /* A capitalized word is a name ("5 Downing Street"), unless a plural
     * ("2,500 Americans"). */
    if (is_upper(c, k) && ttext(c, k)[tlen(c, k) - 1] != 's')
        return e;
    /* a compound's head: "police officers", "aid workers" */
    char w[WORD_MAX], next[WORD_MAX];
    if (lower(c, k, w) && lower(c, k + 1, next) && !is_upper(c, k + 1) &&
        noun_like(c, k + 1) && w[strlen(w) - 1] != 's' &&
        next[strlen(next) - 1] == 's' && !is_measure(w))
        k++;
    *unit_tok = k;
    return k + 1;
}

/* ---- one amount
 * ---------------------------------------------------------------- */

static const char *const id_labels[] = {
    "#",        "account",  "act",    "amendment", "apartment",
    "article",  "bill",     "bus",    "category",  "channel",
    "chapter",  "class",    "clause", "code",      "district",
    "division", "episode",  "exit",   "fig.",      "figure",
    "flight",   "gate",     "grade",  "highway",   "interstate",
    "issue",    "item",     "league", "level",     "line",
    "lot",      "model",    "no",     "no.",       "nos.",
    "number",   "p.",       "page",   "paragraph", "phase",
    "pier",     "platform", "pp.",    "precinct",  "resolution",
    "room",     "route",    "rule",   "season",    "seat",
    "section",  "step",     "suite",  "table",     "terminal",
    "track",    "type",     "unit",   "version",   "vol.",
    "volume",   "ward"};

/* Is the number at i an identifier ("Boeing 747", "Chapter 11")? */
static bool identifier_before(const ctx *c, size_t i)
{
    if (i == 0)
        return false;
    size_t p = i - 1;
    char w[WORD_MAX];
    if (c->t[p].kind == NG_TOKEN_PUNCT && ttext(c, p)[0] == '#')
        return true;
    if (!lower(c, p, w))
        return false;
    if (IN(id_labels, w))
        return true;
    /* a capitalized name right before a plain number: "Boeing 747",
     * "Apollo 11" (not "Friday 2,500", not "In 1990") */
    if (!is_upper(c, p) || (p == 0 && c->first_is_start) ||
        c->t[i].kind != NG_TOKEN_NUMBER || symbol_at(c, p) || covered(c, p))
        return false;
    for (size_t k = 0; k < tlen(c, i); k++)
        if (ttext(c, i)[k] < '0' || ttext(c, i)[k] > '9')
            return false;
    return true;
}

/* Percent after the number: %, percent, per cent, percentage points. */
static size_t percent_at(const ctx *c, size_t e, const char **unit)
{
    *unit = NULL;
    if (e < c->n && tlen(c, e) == 1 && ttext(c, e)[0] == '%')
        return e + 1;
    if (is(c, e, "percent") || is(c, e, "pct"))
        return e + 1;
    if (is(c, e, "per") && is(c, e + 1, "cent"))
        return e + 2;
    if (is(c, e, "percentage") &&
        (is(c, e + 1, "points") || is(c, e + 1, "point"))) {
        *unit = "percentage points";
        return e + 2;
    }
    return e;
}

/* "10 to 15", "10-15", "between 10 and 15": the upper end. */
static size_t range_at(const ctx *c, size_t e, reading *r)
{
    if (!(is(c, e, "to") ||
          (r->a.mod && !strcmp(r->a.mod, "between") && is(c, e, "and")) ||
          (e < c->n && c->t[e].kind != NG_TOKEN_WORD && tlen(c, e) == 1 &&
           (ttext(c, e)[0] == '-' || (unsigned char)ttext(c, e)[0] == 0xE2))))
        return e;
    reading hi = {0};
    bool vague;
    unsigned df;
    size_t k = e + 1;
    size_t h = number_at(c, k, &hi, &vague, &df);
    if (h == k || vague || hi.a.value <= r->a.value || (df & AD_RANGE))
        return e;
    r->a.low = r->a.value;
    r->a.high = hi.a.value;
    r->a.flags |= NG_AMOUNT_HAS_LOW | NG_AMOUNT_HAS_HIGH;
    r->a.mod = "range";
    return h;
}

/* Applies a scale word to the value and the bounds. */
static void apply_scale(reading *r, double scale)
{
    r->a.value *= scale;
    r->a.low *= scale;
    r->a.high *= scale;
}

/* Reads an amount at i; false when none starts there. */
static bool amount_at(const ctx *c, size_t i, reading *r)
{
    memset(r, 0, sizeof *r);
    const qualifier *q;
    size_t k = qualifier_at(c, i, &q);
    bool between = false;
    if (k == i && is(c, i, "between")) {
        between = true;
        k = i + 1;
    }
    const char *cur = symbol_at(c, k);
    if (cur)
        k++;
    bool vague;
    unsigned df;
    size_t e = number_at(c, k, r, &vague, &df);
    if (e == k)
        return false;
    if (identifier_before(c, k) && !q && !cur)
        return false;
    if (between)
        r->a.mod = "between";
    double scale;
    if (!vague && scale_at(c, e, &scale)) {
        apply_scale(r, scale);
        e++;
    }
    size_t re = range_at(c, e, r);
    bool ranged = re > e;
    if (ranged) {
        e = re;
        if (!vague && scale_at(c, e, &scale)) { /* 10 to 15 million */
            apply_scale(r, scale);
            e++;
        }
    } else if (between) {
        return false; /* "between 10" without its other end */
    }
    if (r->a.mod && !strcmp(r->a.mod, "between"))
        r->a.mod = NULL;
    if (vague) { /* "hundreds": 200 or more; "hundreds to 1,000": 100 */
        r->a.flags |= NG_AMOUNT_VAGUE | NG_AMOUNT_APPROX | NG_AMOUNT_HAS_LOW;
        if (!ranged)
            r->a.low = 2 * r->a.value;
    }
    if (q) {
        r->a.mod = q->mod;
        r->a.flags |= q->flags;
        if (q->flags & NG_AMOUNT_HAS_HIGH)
            r->a.flags &= ~(unsigned)NG_AMOUNT_HAS_LOW; /* up to hundreds */
        if (q->flags & NG_AMOUNT_HAS_LOW)
            r->a.low = r->a.value;
        if (q->flags & NG_AMOUNT_HAS_HIGH)
            r->a.high = r->a.value;
    }
    r->a.kind = NG_AMOUNT_NUMBER;
    const char *unit;
    size_t pe = percent_at(c, e, &unit);
    const char *word_cur;
    size_t unit_tok;
    if (pe > e) {
        r->a.kind = NG_AMOUNT_PERCENT;
        r->a.unit = unit;
        e = pe;
    } else if (cur) {
        r->a.kind = NG_AMOUNT_MONEY;
        r->a.currency = cur;
    } else if ((word_cur = currency_word_at(c, e)) &&
               !(is(c, e, "pounds") && is(c, e + 1, "of"))) {
        r->a.kind = NG_AMOUNT_MONEY;
        r->a.currency = word_cur;
        e++;
    } else if (is(c, e, "of") && (word_cur = currency_word_at(c, e + 1))) {
        r->a.kind = NG_AMOUNT_MONEY; /* billions of dollars */
        r->a.currency = word_cur;
        e += 2;
    } else if (is(c, e, "cents") || is(c, e, "pence")) {
        r->a.kind = NG_AMOUNT_MONEY;
        r->a.currency = is(c, e, "cents") ? "USD" : "GBP";
        apply_scale(r, 0.01);
        e++;
    } else {
        size_t ue = unit_at(c, e, &unit_tok);
        if (ue == e && is_upper(c, e) && c->t[e].kind == NG_TOKEN_WORD && !q &&
            c->t[k].kind == NG_TOKEN_NUMBER)
            return false; /* 10 Downing Street: an address */
        if (ue > e) {
            char w[WORD_MAX];
            lower(c, unit_tok, w);
            if (is_time_unit(w))
                return false;
            r->a.kind = is_measure(w) ? NG_AMOUNT_MEASURE : NG_AMOUNT_COUNT;
            r->has_unit = true;
            r->unit_tok = unit_tok;
            e = ue;
        }
    }
    r->end = e;
    r->a.span.start = (uint32_t)i;
    return true;
}

/* ---- the extraction
 * ---------------------------------------------------------- */

typedef struct out {
    arena *a;
    ng_amount *items;
    size_t n, cap;
} out;

static bool out_push(out *o, const ng_amount *m)
{
    if (o->n >= MAX_AMOUNTS)
        return true; /* past the cap: dropped, not an error */
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        ng_amount *p = arena_alloc(o->a, cap * sizeof *p);
        if (!p)
            return false;
        if (o->n)
            memcpy(p, o->items, o->n * sizeof *p);
        o->items = p;
        o->cap = cap;
    }
    o->items[o->n++] = *m;
    return true;
}

static const char *const inherit_after[] = {
    "and",    "apiece", "at",   "each", "elsewhere", "from", "had",
    "have",   "in",     "into", "last", "more",      "on",   "or",
    "others", "this",   "to",   "was",  "were"};

/* A number that stands alone may count what the amount before it counted:
 * "2,500 troops in Iraq and 900 in Syria", "nearly 100 people and injured
 * hundreds more". */
static bool may_inherit(const ctx *c, const reading *r)
{
    if (r->a.kind != NG_AMOUNT_NUMBER)
        return false;
    size_t e = r->end;
    if (e >= c->n)
        return true;
    char w[WORD_MAX];
    if (lower(c, e, w))
        return IN(inherit_after, w);
    return c->t[e].kind == NG_TOKEN_PUNCT;
}

/* The one-word pronoun "one" ("one of them") and the article "a" alone
 * are no amounts; "one" counts only with a noun. */
static bool weak_number(const ctx *c, size_t i, const reading *r)
{
    size_t k = i;
    if (r->a.mod)
        return false;
    if (r->end == k + 1 && (is(c, k, "one") || is(c, k, "zero")) &&
        !r->has_unit)
        return true;
    return false;
}

/* Whether token i is a number: digits or a number word. */
static bool numeric_token(const ctx *c, size_t i)
{
    const seg_token *t = &c->t[i];
    if (t->kind == NG_TOKEN_NUMBER)
        return true;
    size_t n = t->end - t->start;
    if (t->kind != NG_TOKEN_WORD || n < 3 || n > 15)
        return false;
    char f = (char)(ttext(c, i)[0] | 0x20); /* number words start so */
    double v;
    return strchr("bdefhmnostz", f) && amount_compound(ttext(c, i), n, &v);
}

/* Whether an amount may start at token i: a number, or a word or symbol
 * with a number within the next few tokens (qualifiers, currencies,
 * "between", "a dozen"). Keeps amount_at off most tokens. */
static bool may_start(const ctx *c, const bool *numeric, size_t i)
{
    enum { LEAD_WINDOW = 4 };
    if (numeric[i])
        return true;
    char w[WORD_MAX];
    if (c->t[i].kind == NG_TOKEN_SYMBOL)
        ; /* $, US$ */
    else if (!lower(c, i, w))
        return false;
    else if (!IN(qualifier_heads, w) && strcmp(w, "between") != 0 &&
             strcmp(w, "a") != 0 && !symbol_at(c, i))
        return false; /* qualifiers, "between", "a" (a dozen), codes */
    for (size_t k = i + 1; k < c->n && k <= i + LEAD_WINDOW; k++)
        if (numeric[k])
            return true;
    return false;
}

static bool scan_sentence(const ctx *c, out *o)
{
    const char *prev_unit = NULL;
    const char *prev_currency = NULL;
    ng_amount_kind prev_kind = NG_AMOUNT_NUMBER;
    bool numeric[SEG_MAX_SENTENCE_TOKENS];
    bool any = false;
    for (size_t k = 0; k < c->n && k < SEG_MAX_SENTENCE_TOKENS; k++)
        any |= numeric[k] = numeric_token(c, k);
    if (!any)
        return true;
    size_t i = 0;
    while (i < c->n) {
        reading r;
        if (!may_start(c, numeric, i) || covered(c, i) ||
            !amount_at(c, i, &r)) {
            i++;
            continue;
        }
        /* no part of the amount may fall inside a time */
        size_t last = r.end - 1;
        bool clash = false;
        for (size_t k = i + 1; k <= last && !clash; k++)
            clash = covered(c, k);
        if (clash || weak_number(c, i, &r)) {
            i++;
            continue;
        }
        ng_amount m = r.a;
        m.span.start = c->t[i].start;
        m.span.end = c->t[last].end;
        if (r.has_unit) {
            size_t ut = r.unit_tok;
            m.unit = arena_strndup(o->a, ttext(c, ut), tlen(c, ut));
            if (!m.unit)
                return false;
        } else if (may_inherit(c, &r) && prev_kind == NG_AMOUNT_COUNT &&
                   prev_unit) {
            m.kind = NG_AMOUNT_COUNT;
            m.unit = prev_unit;
            m.flags |= NG_AMOUNT_INFERRED;
            if (is(c, r.end, "more") || is(c, r.end, "others")) {
                m.span.end = c->t[r.end].end; /* hundreds more */
                r.end++;
            }
        } else if (may_inherit(c, &r) && prev_kind == NG_AMOUNT_MONEY &&
                   prev_currency && (m.value >= 1000 || r.end > i + 1)) {
            m.kind = NG_AMOUNT_MONEY;
            m.currency = prev_currency;
            m.flags |= NG_AMOUNT_INFERRED;
        }
        if (!(m.flags & NG_AMOUNT_HAS_LOW))
            m.low = 0;
        if (!(m.flags & NG_AMOUNT_HAS_HIGH))
            m.high = 0;
        if (!isfinite(m.value) || m.value < 0)
            m.value = 0;
        if (!out_push(o, &m))
            return false;
        if (m.kind == NG_AMOUNT_COUNT || m.kind == NG_AMOUNT_MONEY) {
            prev_kind = m.kind;
            prev_unit = m.unit;
            prev_currency = m.currency;
        }
        i = r.end;
    }
    return true;
}

ng_status amount_extract(const char *text, const seg_doc *doc,
                         const ng_time *times, size_t ntimes, arena *a,
                         ng_amount **result, size_t *count)
{
    out o = {.a = a};
    for (size_t s = 0; s < doc->nsentences; s++) {
        const seg_sentence *sent = &doc->sentences[s];
        ctx c = {.text = text,
                 .t = doc->tokens + sent->first_token,
                 .n = sent->ntokens,
                 .first_is_start = true,
                 .times = times,
                 .ntimes = ntimes};
        if (!scan_sentence(&c, &o)) {
            *result = NULL;
            *count = 0;
            return NG_ERR_NOMEM;
        }
    }
    *result = o.items;
    *count = o.n;
    return NG_OK;
}

bool amount_tables_sorted(void)
{
    for (size_t k = 1; k < sizeof currency_words / sizeof *currency_words; k++)
        if (strcmp(currency_words[k - 1].word, currency_words[k].word) >= 0)
            return false;
    return SORTED(not_units) && SORTED(measures) && SORTED(time_units) &&
           SORTED(qualifier_heads) && SORTED(adjectives) && SORTED(id_labels) &&
           SORTED(inherit_after);
}
