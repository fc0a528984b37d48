/*
 * view.c -- the token view of one sentence for the time grammar: each
 * segmenter token, with hyphenated words split at their hyphens, carries
 * its lexicon entry or its numeric reading (2,500; 10:35; 2024-01-08;
 * 1990s; '80s; 21st; 10am).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../amount/amount.h"
#include "grammar.h"

enum {
    WORD_MAX = 24,
    MAX_PARTS = 6, /* more hyphens than this: the word stays whole */
    VIEW_MAX = SEG_MAX_SENTENCE_TOKENS * MAX_PARTS * 2
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads exactly n digits at s; -1 when they are not all digits. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* 10:35, 9:05 -> minutes; 24:00 allowed for midnight. */
static bool read_clock(const char *s, size_t n, double *minutes)
{
    if ((n != 4 && n != 5) || s[n - 3] != ':')
        return false;
    int h = digits_value(s, n - 3), m = digits_value(s + n - 2, 2);
    if (h < 0 || m < 0 || h > 24 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

/* 2024-01-08 or 2024-01 -> yyyymmdd (dd = 0 for a month). */
static bool read_iso(const char *s, size_t n, double *v)
{
    if ((n != 10 && n != 7) || s[4] != '-' || (n == 10 && s[7] != '-'))
        return false;
    int y = digits_value(s, 4), m = digits_value(s + 5, 2);
    int d = n == 10 ? digits_value(s + 8, 2) : 0;
    if (y < 1000 || m < 1 || m > 12 || d < 0 ||
        (n == 10 && (d < 1 || d > timex_month_days(y, m))))
        return false;
    *v = (double)y * 10000 + m * 100 + d;
    return true;
}

/* 1990s, 80s, '80s -> 1990 or 80. */
static bool read_decade(const char *s, size_t n, double *v)
{
    if (n > 0 && (s[0] == '\'' || (unsigned char)s[0] == 0xE2)) {
        size_t skip = s[0] == '\'' ? 1 : 3; /* ' or the right quote */
        if (n <= skip)
            return false;
        s += skip;
        n -= skip;
    }
    if ((n != 5 && n != 3) || (s[n - 1] != 's' && s[n - 1] != 'S'))
        return false;
    int y = digits_value(s, n - 1);
    if (y < 0 || y % 10 != 0)
        return false;
    *v = y;
    return true;
}

/* 10am, 5pm, 10.30pm -> minutes after midnight. */
static bool read_ampm(const char *s, size_t n, double *minutes)
{
    if (n < 3)
        return false;
    char a = (char)(s[n - 2] | 0x20), m = (char)(s[n - 1] | 0x20);
    if ((a != 'a' && a != 'p') || m != 'm')
        return false;
    n -= 2;
    int h, mi = 0;
    if (n > 3 && (s[n - 3] == ':' || s[n - 3] == '.')) {
        h = digits_value(s, n - 3);
        mi = digits_value(s + n - 2, 2);
    } else {
        h = n <= 2 ? digits_value(s, n) : -1;
    }
    if (h < 1 || h > 12 || mi < 0 || mi > 59)
        return false;
    *minutes = (h % 12 + (a == 'p' ? 12 : 0)) * 60 + mi;
    return true;
}

/* Classifies a number token. */
static void view_number(const char *s, size_t n, tx_tok *v)
{
    v->kind = TV_NUMBER;
    size_t nd = 0;
    while (nd < n && is_digit(s[nd]))
        nd++;
    if (nd == n && n <= 9) {
        v->ndigits = (uint8_t)n;
        v->num = digits_value(s, n);
        return;
    }
    double x, high;
    unsigned flags;
    if (read_clock(s, n, &x)) {
        v->kind = TV_CLOCK;
    } else if (read_ampm(s, n, &x)) {
        v->kind = TV_CLOCK;
        v->flags |= TV_AMPM;
    } else if (read_iso(s, n, &x)) {
        v->kind = TV_ISODATE;
    } else if (read_decade(s, n, &x)) {
        v->kind = TV_DECADE;
    } else if (amount_digits(s, n, false, &x, &high, &flags)) {
        if (flags & AD_ORDINAL)
            v->kind = TV_ORDNUM;
        else if (flags & AD_RANGE)
            v->kind = TV_PUNCT; /* 10-15: not a single number */
    } else {
        v->kind = TV_PUNCT;
        x = 0;
    }
    v->num = x;
}

/* Looks a word up: the time lexicon first, then number words. */
static void view_word(const timex_index *ix, const char *s, size_t n, tx_tok *v)
{
    char low[WORD_MAX];
    v->kind = TV_WORD;
    if (n >= WORD_MAX)
        return;
    size_t m = n;
    if (m > 1 && s[m - 1] == '.') {
        m--;
        v->flags |= TV_PERIOD;
    }
    for (size_t i = 0; i < m; i++) {
        char c = s[i];
        low[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    low[m] = '\0';
    if (m == 2 && low[0] == '\'' && low[1] == 's') {
        v->kind = TV_POSS;
        return;
    }
    v->lex = timex_lookup_in(ix, low, m);
    double x;
    amount_word_kind k;
    if (!v->lex && strchr("bdefhmnostz", low[0]) &&
        (k = amount_word(low, m, &x)) != AW_NONE) {
        v->kind = TV_NUMWORD;
        v->num = x;
        v->wkind = (uint8_t)k;
    }
}

/* Whether the token can only be read inside a temporal expression or as
 * its number: the recognizer tries its rules only near such tokens. */
static bool strong_token(const char *s, size_t n, const tx_tok *v)
{
    switch (v->kind) {
    case TV_CLOCK:
    case TV_ISODATE:
    case TV_DECADE: return true;
    case TV_NUMBER: /* a year; other numbers are mostly amounts */
        return v->ndigits == 4 && v->num >= 1000 && v->num <= 2199;
    case TV_WORD: break;
    default: return false;
    }
    if (v->lex) {
        switch (v->lex->cls) {
        case TC_MONTH:
        case TC_WEEKDAY:
        case TC_UNIT:
        case TC_SEASON:
        case TC_PARTDAY:
        case TC_DEICTIC:
        case TC_HOLIDAY:
        case TC_FREQ:
        case TC_CLOCK:
        case TC_ZONE:
        case TC_PERIOD: return true;
        case TC_SHIFT: /* "the past", "the present" */
            return n >= 4 && (s[0] | 0x20) == 'p';
        default: return false;
        }
    }
    /* words of the fixed phrases (the future, a later date, as soon as
     * possible) and decades in words, by length first */
    static const char *const by_len[10][5] = {
        [4] = {"date"},
        [6] = {"future"},
        [7] = {"forties", "fifties", "sixties"},
        [8] = {"possible", "twenties", "thirties", "eighties", "nineties"},
        [9] = {"seventies"}};
    if (v->kind != TV_WORD || n < 4 || n > 9)
        return false;
    for (size_t k = 0; k < 5 && by_len[n][k]; k++)
        if ((s[0] | 0x20) == by_len[n][k][0] &&
            strncasecmp(by_len[n][k], s, n) == 0)
            return true;
    return false;
}

static bool push(tx_buf *b, size_t n, tx_tok **out)
{
    if (n >= VIEW_MAX)
        return false;
    if (n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        tx_tok *p = realloc(b->items, cap * sizeof *p);
        if (!p)
            return false;
        b->items = p;
        b->cap = cap;
    }
    *out = &b->items[n];
    memset(*out, 0, sizeof **out);
    return true;
}

/* Number of hyphen-separated parts of a word, 1 when it stays whole. */
static size_t count_parts(const char *s, size_t n)
{
    size_t parts = 1;
    for (size_t i = 1; i + 1 < n; i++)
        if (s[i] == '-' && s[i - 1] != '-' && s[i + 1] != '-')
            parts++;
    return parts <= MAX_PARTS && s[0] != '-' && s[n - 1] != '-' ? parts : 1;
}

static bool add_part(tx_buf *b, size_t *n, const char *text, uint32_t start,
                     uint32_t end, uint32_t seg, uint8_t flags)
{
    tx_tok *v;
    if (!push(b, (*n)++, &v))
        return false;
    v->start = start;
    v->end = end;
    v->seg = seg;
    v->flags = flags;
    const char *s = text + start;
    size_t len = end - start;
    if (s[0] >= 'A' && s[0] <= 'Z')
        v->flags |= TV_UPPER;
    if (is_digit(s[0]) || (len > 1 && s[0] == '\'' && is_digit(s[1])))
        view_number(s, len, v);
    else
        view_word(&b->index, s, len, v);
    if (strong_token(s, len, v))
        v->flags |= TV_STRONG;
    return true;
}

/* Adds a word token split at its hyphens. */
static bool add_split(tx_buf *b, size_t *n, const char *text,
                      const seg_token *t, uint32_t seg, uint8_t flags)
{
    uint32_t p = t->start;
    for (uint32_t i = t->start + 1; i + 1 < t->end; i++) {
        if (text[i] != '-')
            continue;
        if (!add_part(b, n, text, p, i, seg, flags))
            return false;
        tx_tok *h;
        if (!push(b, (*n)++, &h))
            return false;
        *h = (tx_tok){.start = i,
                      .end = i + 1,
                      .seg = seg,
                      .kind = TV_HYPHEN,
                      .flags = TV_JOINED};
        p = i + 1;
        flags = TV_JOINED;
    }
    return add_part(b, n, text, p, t->end, seg, flags);
}

bool timex_view(const char *text, const seg_token *tokens, size_t first,
                size_t count, tx_buf *b, tx_sent *s)
{
    size_t n = 0;
    for (size_t k = first; k < first + count; k++) {
        const seg_token *t = &tokens[k];
        uint8_t flags = t->flags & SEG_SPACE_BEFORE ? 0 : TV_JOINED;
        if (k == first)
            flags |= TV_FIRST;
        bool ok;
        if (t->kind == NG_TOKEN_WORD &&
            count_parts(text + t->start, t->end - t->start) > 1) {
            ok = add_split(b, &n, text, t, (uint32_t)k, flags);
        } else if (t->kind == NG_TOKEN_WORD || t->kind == NG_TOKEN_NUMBER) {
            ok = add_part(b, &n, text, t->start, t->end, (uint32_t)k, flags);
        } else {
            tx_tok *v;
            ok = push(b, n++, &v);
            if (ok)
                *v = (tx_tok){.start = t->start,
                              .end = t->end,
                              .seg = (uint32_t)k,
                              .kind = TV_PUNCT,
                              .flags = flags};
        }
        if (!ok)
            return false;
    }
    s->text = text;
    s->seg = tokens;
    s->t = b->items;
    s->n = n;
    return true;
}
