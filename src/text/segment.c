/*
 * segment.c -- paragraphs, sentences and tokens of normalized text.
 *
 * Paragraphs are separated by blank lines. Tokens follow the Penn Treebank
 * conventions that CoNLL and most taggers expect, made news-aware:
 *  - abbreviations, initials and dotted acronyms keep their period
 *    (Gen., J., U.S., a.m.); "No." only before a number;
 *  - numbers keep separators and unit suffixes (2,500  3.5  1.5m  3bn
 *    10:30  2024-01-08  1990s); currency and % are tokens of their own;
 *  - hyphenated and particle names stay whole (al-Nujaba, US-led);
 *  - clitics split off (Iran 's, do n't) but O'Brien stays whole;
 *  - URLs, e-mail addresses and #hashtags are single tokens;
 *  - a period glued between two words ("troops.The") splits them.
 * Sentences end at . ! ? (and ... before a capital) with any closing
 * quotes and brackets, unless the next word starts in lower case; after an
 * abbreviation only when a typical sentence starter follows ("U.S. The"),
 * never after a title or an initial ("Gen. Ryder", "J. R. Smith").
 */
#include <string.h>

#include "text.h"

/* ---- growable arrays in the arena ------------------------------------ */

/* Makes room for one more element, doubling into a new arena block (the
 * old one is released with the arena). */
static bool grow(arena *a, void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t new_cap = *cap ? *cap * 2 : 64;
    void *p = arena_alloc(a, new_cap * size);
    if (!p)
        return false;
    if (n)
        memcpy(p, *items, n * size);
    *items = p;
    *cap = new_cap;
    return true;
}

typedef struct segmenter {
    const char *t;
    size_t len;
    arena *a;
    seg_doc *doc;
    size_t cap_tokens, cap_sentences, cap_paragraphs;
    size_t no_email_before; /* no address starts before this offset */
    bool too_many_tokens;   /* NG_MAX_ARTICLE_TOKENS reached */
} segmenter;

/* ---- character helpers ----------------------------------------------- */

static uc_class cls(const segmenter *s, size_t i, size_t end, size_t *n)
{
    if (i >= end) {
        *n = 0;
        return UC_SPACE;
    }
    return uc_class_at(s->t, i, end, n);
}

static bool is_alnum_class(uc_class c)
{
    return c == UC_UPPER || c == UC_LOWER || c == UC_DIGIT;
}

static bool ascii_lower_eq(const char *s, size_t n, const char *lit)
{
    if (strlen(lit) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

/* End of the run of letters starting at i. */
static size_t letter_run(const segmenter *s, size_t i, size_t end)
{
    size_t n;
    while (i < end && uc_is_letter(cls(s, i, end, &n)))
        i += n;
    return i;
}

/* ---- words ----------------------------------------------------------- */

/* The apostrophe at i starts a clitic ('s 're 've 'll 'd 'm, or 't after
 * n): returns its kind, 0 for none, 't' for n't. */
static char clitic_at(const segmenter *s, size_t i, size_t end, size_t *len)
{
    size_t n;
    uc_class c = cls(s, i, end, &n);
    if (c != UC_APOS)
        return 0;
    size_t r = letter_run(s, i + n, end);
    const char *w = s->t + i + n;
    size_t wl = r - (i + n);
    *len = r - i;
    static const char *const clitics[] = {"s", "re", "ve", "ll", "d", "m"};
    for (size_t k = 0; k < sizeof clitics / sizeof *clitics; k++)
        if (ascii_lower_eq(w, wl, clitics[k]))
            return 's';
    return ascii_lower_eq(w, wl, "t") ? 't' : 0;
}

/* True when the period at i is followed by a capitalized word: a sentence
 * glued to the previous one by scraping ("troops.The"). */
static bool glued_sentence_at(const segmenter *s, size_t i, size_t end)
{
    size_t n, m;
    if (cls(s, i + 1, end, &n) != UC_UPPER)
        return false;
    return cls(s, i + 1 + n, end, &m) == UC_LOWER;
}

/* True when every period-separated part of w is one or two letters, as in
 * U.S, e.g, Ph.D, a.m: the final period belongs to the word. */
static bool dotted_acronym(const char *w, size_t n)
{
    size_t part = 0;
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '.') {
            if (part == 0)
                return false;
            part = 0;
            dot = true;
        } else if (++part > 2) {
            return false;
        }
    }
    return dot && part > 0;
}

/* Whether the period at `dot` ends the abbreviation t[start..dot). */
static bool keeps_period(const segmenter *s, size_t start, size_t dot,
                         size_t end)
{
    const char *w = s->t + start;
    size_t wl = dot - start, n;
    if (dotted_acronym(w, wl))
        return true;
    if (wl == 1 && cls(s, start, end, &n) == UC_UPPER) {
        /* An initial when a name goes on: "J. R. Smith", not "Plan B." */
        size_t j = dot + 1;
        while (j < end && s->t[j] == ' ')
            j++;
        return j > dot + 1 && cls(s, j, end, &n) == UC_UPPER;
    }
    switch (abbrev_lookup(w, wl)) {
    case ABBREV_NONE: return false;
    case ABBREV_NUMBER: {
        size_t j = dot + 1;
        while (j < end && s->t[j] == ' ')
            j++;
        return j < end && s->t[j] >= '0' && s->t[j] <= '9';
    }
    default: return true;
    }
}

/* Scans a word starting at a letter; sets SEG_ABBREV when it keeps a
 * final period. Returns its end. */
static size_t scan_word(const segmenter *s, size_t i, size_t end,
                        uint8_t *flags)
{
    size_t start = i, n, m, cl;
    for (;;) {
        uc_class c = cls(s, i, end, &n);
        if (is_alnum_class(c)) {
            i += n;
            continue;
        }
        uc_class next = cls(s, i + n, end, &m);
        if (c == UC_HYPHEN && is_alnum_class(next)) {
            i += n;
        } else if (s->t[i] == '&' && i > start && s->t[i - 1] >= 'A' &&
                   s->t[i - 1] <= 'Z' && next == UC_UPPER) {
            i += n; /* AT&T, S&P */
        } else if (c == UC_APOS && uc_is_letter(next)) {
            char k = clitic_at(s, i, end, &cl);
            if (k == 's')
                return i;
            if (k == 't' && i - start > 1 && (s->t[i - 1] | 0x20) == 'n')
                return i - 1; /* do|n't */
            i += n;           /* O'Brien */
        } else if (s->t[i] == '.' && uc_is_letter(next)) {
            if (glued_sentence_at(s, i, end))
                return i;
            i += n; /* U.S.A, e.g, domain.com */
        } else if (s->t[i] == '.' && keeps_period(s, start, i, end)) {
            *flags |= SEG_ABBREV;
            i += n;
            if (cls(s, i, end, &n) == UC_HYPHEN &&
                uc_is_letter(cls(s, i + n, end, &m))) {
                *flags &= (uint8_t)~SEG_ABBREV; /* U.S.-led */
                i += n;
                continue;
            }
            return i;
        } else {
            return i;
        }
    }
}

/* ---- numbers --------------------------------------------------------- */

static bool is_digit(const segmenter *s, size_t i, size_t end)
{
    return i < end && s->t[i] >= '0' && s->t[i] <= '9';
}

/* Scans digits with inner separators (2,500 3.5 10:30 1/2 10-15) and a
 * glued suffix (1.5m 3bn 21st 1990s); a hyphenated word that follows
 * (20-year-old) makes it a word. */
static size_t scan_number(const segmenter *s, size_t i, size_t end,
                          uint8_t *kind)
{
    size_t n;
    *kind = NG_TOKEN_NUMBER;
    while (i < end) {
        if (is_digit(s, i, end)) {
            i++;
            continue;
        }
        char c = s->t[i];
        if ((c == ',' || c == '.' || c == ':' || c == '/' || c == '-') &&
            is_digit(s, i + 1, end)) {
            i++;
            continue;
        }
        break;
    }
    i = letter_run(s, i, end);
    if (cls(s, i, end, &n) == UC_HYPHEN) {
        size_t m;
        if (is_alnum_class(cls(s, i + n, end, &m))) {
            uint8_t flags = 0;
            *kind = NG_TOKEN_WORD;
            return scan_word(s, i + n, end, &flags);
        }
    }
    return i;
}

/* ---- URLs, e-mail, hashtags ------------------------------------------- */

static bool starts_with(const segmenter *s, size_t i, size_t end,
                        const char *lit)
{
    size_t n = strlen(lit);
    return end - i >= n && memcmp(s->t + i, lit, n) == 0;
}

/* Trailing punctuation that ends a sentence rather than the URL. */
static size_t trim_url_end(const segmenter *s, size_t start, size_t i)
{
    while (i > start) {
        unsigned char c = (unsigned char)s->t[i - 1];
        if (c == ')' && memchr(s->t + start, '(', i - start))
            break;
        if (c < 0x80) {
            if (!strchr(".,;:!?)]}'\"", c))
                break;
            i--;
            continue;
        }
        size_t k = i - 1; /* a closing curly quote or guillemet */
        while (k > start && ((unsigned char)s->t[k] & 0xC0) == 0x80)
            k--;
        size_t n;
        uc_class cl = uc_class_at(s->t, k, i, &n);
        if (cl != UC_QUOTE && cl != UC_APOS)
            break;
        i = k;
    }
    return i;
}

static size_t scan_url(const segmenter *s, size_t i, size_t end)
{
    size_t start = i, n;
    while (i < end && cls(s, i, end, &n) != UC_SPACE)
        i += n;
    return trim_url_end(s, start, i);
}

static bool is_url_start(const segmenter *s, size_t i, size_t end)
{
    size_t n;
    char c = s->t[i];
    if (c != 'h' && c != 'w' && c != 'f' && c != 'H' && c != 'W')
        return false;
    return starts_with(s, i, end, "http://") ||
           starts_with(s, i, end, "https://") ||
           starts_with(s, i, end, "ftp://") ||
           ((starts_with(s, i, end, "www.") ||
             starts_with(s, i, end, "WWW.")) &&
            i + 4 < end && is_alnum_class(cls(s, i + 4, end, &n)));
}

static bool email_local_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-';
}

/* The end of an e-mail address starting at i, or 0 when there is none.
 * Every start inside one run of local-part characters reaches the same
 * '@' (or none), so a failed run is remembered: scanning it again from
 * each of its tokens would be quadratic ("a_a_a_..."). */
static size_t scan_email(segmenter *s, size_t i, size_t end)
{
    if (i < s->no_email_before)
        return 0;
    size_t j = i;
    while (j < end && email_local_char(s->t[j]))
        j++;
    s->no_email_before = j;
    if (j == i || j >= end || s->t[j] != '@')
        return 0;
    size_t k = ++j, last_dot = 0;
    while (k < end) {
        char c = s->t[k];
        if (c == '.' && k > j && k + 1 < end && s->t[k - 1] != '.' &&
            email_local_char(s->t[k + 1]) && s->t[k + 1] != '.')
            last_dot = k;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9') || c == '-'))
            break;
        k++;
    }
    return last_dot && k - last_dot > 2 ? k : 0;
}

static size_t scan_handle(const segmenter *s, size_t i, size_t end)
{
    size_t n;
    i++; /* # or @ */
    for (;;) {
        uc_class c = cls(s, i, end, &n);
        if (!(is_alnum_class(c) || (i < end && s->t[i] == '_')))
            return i;
        i += n;
    }
}

/* ---- one token -------------------------------------------------------- */

/* Scans the token at i (not a space) up to `end`; fills kind and flags. */
static size_t scan_token(segmenter *s, size_t i, size_t end, bool after_word,
                         seg_token *tok)
{
    size_t n, m, cl;
    uc_class c = cls(s, i, end, &n);
    uc_class next = cls(s, i + n, end, &m);
    char ch = s->t[i];
    tok->kind = NG_TOKEN_PUNCT;
    if (c == UC_UPPER)
        tok->flags |= SEG_UPPER;
    else if (c == UC_LOWER)
        tok->flags |= SEG_LOWER;

    if (uc_is_letter(c) || c == UC_DIGIT) {
        size_t e;
        if (is_url_start(s, i, end)) {
            tok->kind = NG_TOKEN_URL;
            return scan_url(s, i, end);
        }
        if ((e = scan_email(s, i, end))) {
            tok->kind = NG_TOKEN_EMAIL;
            return e;
        }
    }
    if (uc_is_letter(c)) {
        tok->kind = NG_TOKEN_WORD;
        if (after_word && (ch == 'n' || ch == 'N') &&
            clitic_at(s, i + 1, end, &cl) == 't')
            return i + 1 + cl; /* n't */
        size_t e = i;
        while (e < end && e - i < 3 && s->t[e] >= 'A' && s->t[e] <= 'Z')
            e++;
        if (e > i && e < end && s->t[e] == '$') {
            tok->kind = NG_TOKEN_SYMBOL; /* US$ HK$ */
            return e + 1;
        }
        return scan_word(s, i, end, &tok->flags);
    }
    if (c == UC_DIGIT) {
        uint8_t kind;
        size_t e = scan_number(s, i, end, &kind);
        tok->kind = kind;
        return e;
    }
    if ((ch == '#' || ch == '@') && uc_is_letter(next)) {
        tok->kind = ch == '#' ? NG_TOKEN_HASHTAG : NG_TOKEN_WORD;
        return scan_handle(s, i, end);
    }
    if (ch == '.') {
        if (starts_with(s, i, end, "...")) {
            size_t e = i + 3;
            while (e < end && s->t[e] == '.')
                e++;
            return e;
        }
        if (is_digit(s, i + 1, end) && !after_word) {
            uint8_t kind;
            size_t e = scan_number(s, i + 1, end, &kind);
            tok->kind = kind;
            return e;
        }
        return i + 1;
    }
    if (c == UC_HYPHEN || c == UC_DASH || c == UC_ELLIPSIS) {
        size_t e = i + n;
        if (ch == '-')
            while (e < end && s->t[e] == '-')
                e++; /* -- */
        return e;
    }
    if (c == UC_APOS) {
        if (after_word && clitic_at(s, i, end, &cl) == 's') {
            tok->kind = NG_TOKEN_WORD;
            return i + cl;
        }
        if (next == UC_DIGIT && !after_word) {
            uint8_t kind;
            size_t e = scan_number(s, i + n, end, &kind); /* '90s */
            tok->kind = kind;
            return e;
        }
        tok->kind = NG_TOKEN_QUOTE;
        if (ch == '\'' && i + 1 < end && s->t[i + 1] == '\'')
            return i + 2; /* '' */
        return i + n;
    }
    if (c == UC_QUOTE) {
        tok->kind = NG_TOKEN_QUOTE;
        if (ch == '`' && i + 1 < end && s->t[i + 1] == '`')
            return i + 2; /* `` */
        return i + n;
    }
    if (c == UC_SYMBOL)
        tok->kind = NG_TOKEN_SYMBOL;
    return i + n;
}

/* ---- sentences --------------------------------------------------------- */

static const char *tok_text(const segmenter *s, const seg_token *t, size_t *len)
{
    *len = t->end - t->start;
    return s->t + t->start;
}

static bool tok_is(const segmenter *s, const seg_token *t, const char *lit)
{
    size_t n;
    const char *w = tok_text(s, t, &n);
    return n == strlen(lit) && memcmp(w, lit, n) == 0;
}

static bool is_ellipsis(const segmenter *s, const seg_token *t)
{
    return t->kind == NG_TOKEN_PUNCT &&
           (tok_is(s, t, "\xE2\x80\xA6") ||
            (t->end - t->start >= 3 && s->t[t->start] == '.'));
}

static bool is_terminal(const segmenter *s, const seg_token *t)
{
    if (t->flags & SEG_ABBREV)
        return true;
    if (t->kind != NG_TOKEN_PUNCT)
        return false;
    return tok_is(s, t, ".") || tok_is(s, t, "!") || tok_is(s, t, "?") ||
           is_ellipsis(s, t);
}

/* A token that closes what the sentence opened: quotes and brackets. */
static bool is_closer(const segmenter *s, const seg_token *t)
{
    if (t->kind == NG_TOKEN_QUOTE) {
        size_t n;
        const char *w = tok_text(s, t, &n);
        /* Opening-only quotes never close. */
        return !(tok_is(s, t, "\xE2\x80\x9C") || tok_is(s, t, "\xE2\x80\x98") ||
                 tok_is(s, t, "\xE2\x80\x9E") || tok_is(s, t, "\xC2\xAB") ||
                 tok_is(s, t, "``") || (n == 1 && w[0] == '`'));
    }
    return tok_is(s, t, ")") || tok_is(s, t, "]") || tok_is(s, t, "}");
}

/* Whether the sentence may end after token k given the next token `nx`. */
static bool ends_before(const segmenter *s, const seg_token *t,
                        const seg_token *nx)
{
    if (nx->flags & SEG_LOWER)
        return false;
    bool starter = false;
    if (nx->kind == NG_TOKEN_WORD) {
        size_t n;
        const char *w = tok_text(s, nx, &n);
        starter = abbrev_is_sentence_starter(w, n);
    }
    bool opens = nx->kind == NG_TOKEN_QUOTE;
    if (t->flags & SEG_ABBREV) {
        size_t n;
        const char *w = tok_text(s, t, &n);
        n--; /* the period */
        size_t cl;
        if (n == 1 && uc_class_at(w, 0, n, &cl) == UC_UPPER)
            return false; /* an initial: J. R. Smith */
        abbrev_kind k = abbrev_lookup(w, n);
        if (k == ABBREV_TITLE || k == ABBREV_NUMBER)
            return false;
        return starter || opens;
    }
    if (!(nx->flags & SEG_SPACE_BEFORE) && !tok_is(s, t, "."))
        return false; /* "Yahoo!Inc" */
    if (is_ellipsis(s, t))
        return (nx->flags & SEG_UPPER) || opens;
    return true;
}

static bool add_sentence(segmenter *s, size_t first, size_t end_tok)
{
    seg_doc *d = s->doc;
    if (end_tok <= first)
        return true;
    if (!grow(s->a, (void **)&d->sentences, &s->cap_sentences, d->nsentences,
              sizeof *d->sentences))
        return false;
    seg_sentence *sent = &d->sentences[d->nsentences++];
    sent->first_token = (uint32_t)first;
    sent->ntokens = (uint32_t)(end_tok - first);
    sent->start = d->tokens[first].start;
    sent->end = d->tokens[end_tok - 1].end;
    return true;
}

/* Splits the tokens [first, last) of one paragraph into sentences. */
static bool split_sentences(segmenter *s, size_t first, size_t last)
{
    const seg_token *tk = s->doc->tokens;
    size_t start = first;
    for (size_t k = first; k < last; k++) {
        if (k + 1 - start >= SEG_MAX_SENTENCE_TOKENS) {
            if (!add_sentence(s, start, k + 1))
                return false;
            start = k + 1;
            continue;
        }
        if (!is_terminal(s, &tk[k]))
            continue;
        size_t j = k + 1;
        while (j < last && j + 1 - start < SEG_MAX_SENTENCE_TOKENS &&
               !(tk[j].flags & SEG_SPACE_BEFORE) &&
               (is_closer(s, &tk[j]) || is_terminal(s, &tk[j])))
            j++;
        if (j >= last)
            break;
        if (!ends_before(s, &tk[k], &tk[j])) {
            k = j - 1; /* the run was looked at once: stay linear on "!!!!" */
            continue;
        }
        if (!add_sentence(s, start, j))
            return false;
        start = j;
        k = j - 1;
    }
    return add_sentence(s, start, last);
}

/* ---- paragraphs --------------------------------------------------------- */

/* Tokenizes text[start..end) and splits it into sentences. */
static bool segment_paragraph(segmenter *s, size_t start, size_t end)
{
    seg_doc *d = s->doc;
    size_t first_tok = d->ntokens, first_sent = d->nsentences;
    bool space = true, after_word = false;
    size_t i = start, n;
    while (i < end) {
        uc_class c = uc_class_at(s->t, i, end, &n);
        if (c == UC_SPACE) {
            space = true;
            after_word = false;
            i += n;
            continue;
        }
        if (d->ntokens >= NG_MAX_ARTICLE_TOKENS) {
            s->too_many_tokens = true;
            return false;
        }
        if (!grow(s->a, (void **)&d->tokens, &s->cap_tokens, d->ntokens,
                  sizeof *d->tokens))
            return false;
        seg_token *tok = &d->tokens[d->ntokens];
        tok->flags = space ? SEG_SPACE_BEFORE : 0;
        size_t e = scan_token(s, i, end, after_word, tok);
        if (e <= i)
            e = i + n; /* never stall */
        tok->start = (uint32_t)i;
        tok->end = (uint32_t)e;
        after_word = tok->kind == NG_TOKEN_WORD || tok->kind == NG_TOKEN_NUMBER;
        d->ntokens++;
        space = false;
        i = e;
    }
    if (d->ntokens == first_tok)
        return true;
    if (!split_sentences(s, first_tok, d->ntokens))
        return false;
    if (!grow(s->a, (void **)&d->paragraphs, &s->cap_paragraphs, d->nparagraphs,
              sizeof *d->paragraphs))
        return false;
    seg_paragraph *p = &d->paragraphs[d->nparagraphs++];
    p->start = d->tokens[first_tok].start;
    p->end = d->tokens[d->ntokens - 1].end;
    p->first_sentence = (uint32_t)first_sent;
    p->nsentences = (uint32_t)(d->nsentences - first_sent);
    return true;
}

/* The end of the paragraph starting at i: the next blank line or the end. */
static size_t paragraph_end(const char *t, size_t i, size_t len)
{
    for (;;) {
        const char *nl = memchr(t + i, '\n', len - i);
        if (!nl)
            return len;
        size_t j = (size_t)(nl - t) + 1;
        while (j < len && (t[j] == ' ' || t[j] == '\t'))
            j++;
        if (j >= len || t[j] == '\n')
            return (size_t)(nl - t);
        i = j;
    }
}

ng_status seg_segment(const char *text, size_t len, arena *a, seg_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    if (len > UINT32_MAX)
        return NG_ERR_TOO_LARGE;
    segmenter s = {.t = text, .len = len, .a = a, .doc = doc};
    size_t i = 0;
    while (i < len) {
        while (i < len &&
               (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
            i++;
        if (i >= len)
            break;
        size_t e = paragraph_end(text, i, len);
        if (!segment_paragraph(&s, i, e))
            return s.too_many_tokens ? NG_ERR_TOO_LARGE : NG_ERR_NOMEM;
        i = e;
    }
    return NG_OK;
}
