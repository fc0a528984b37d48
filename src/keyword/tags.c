/*
 * tags.c -- the stop list and the native header's hashtags: a title's
 * content words in order (keyword.h), and ng_header_tags, which falls
 * back on the keyphrases when an article has no title.
 *
 * Source of the stop list: the common English function-word list of
 * ranks.nl (articles, pronouns, prepositions, conjunctions, auxiliaries
 * and their contractions), with the prepositions amid, across, among,
 * beyond, despite, onto, per, since, toward(s), within and without, as
 * the converters in ../shared/tools use it to make samples/.
 *
 * Exports: kw_stop, kw_tables_sorted, kw_title_tags, ng_header_tags,
 * ng_tags_free.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analyze/analyze.h"
#include "keyword.h"

/* Sorted by bytes, lower case, "'" as the apostrophe. */
static const char *const stops[] = {
    "a",          "about",   "above",   "across",    "after",   "again",
    "against",    "all",     "also",    "am",        "amid",    "amidst",
    "among",      "amongst", "an",      "and",       "any",     "are",
    "aren't",     "as",      "at",      "be",        "because", "been",
    "before",     "being",   "below",   "between",   "beyond",  "both",
    "but",        "by",      "can",     "can't",     "cannot",  "could",
    "couldn't",   "despite", "did",     "didn't",    "do",      "does",
    "doesn't",    "doing",   "don't",   "down",      "during",  "each",
    "few",        "for",     "from",    "further",   "had",     "hadn't",
    "has",        "hasn't",  "have",    "haven't",   "having",  "he",
    "he'd",       "he'll",   "he's",    "her",       "here",    "here's",
    "hers",       "herself", "him",     "himself",   "his",     "how",
    "how's",      "i",       "i'd",     "i'll",      "i'm",     "i've",
    "if",         "in",      "into",    "is",        "isn't",   "it",
    "it's",       "its",     "itself",  "let's",     "may",     "me",
    "might",      "more",    "most",    "must",      "mustn't", "my",
    "myself",     "no",      "nor",     "not",       "of",      "off",
    "on",         "once",    "only",    "onto",      "or",      "other",
    "ought",      "our",     "ours",    "ourselves", "out",     "over",
    "own",        "per",     "s",       "same",      "shall",   "shan't",
    "she",        "she'd",   "she'll",  "she's",     "should",  "shouldn't",
    "since",      "so",      "some",    "such",      "t",       "than",
    "that",       "that's",  "the",     "their",     "theirs",  "them",
    "themselves", "then",    "there",   "there's",   "these",   "they",
    "they'd",     "they'll", "they're", "they've",   "this",    "those",
    "through",    "to",      "too",     "toward",    "towards", "under",
    "until",      "up",      "upon",    "very",      "via",     "was",
    "wasn't",     "we",      "we'd",    "we'll",     "we're",   "we've",
    "were",       "weren't", "what",    "what's",    "when",    "when's",
    "where",      "where's", "which",   "while",     "who",     "who's",
    "whom",       "why",     "why's",   "will",      "with",    "within",
    "without",    "won't",   "would",   "wouldn't",  "you",     "you'd",
    "you'll",     "you're",  "you've",  "your",      "yours",   "yourself",
    "yourselves",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

bool kw_stop(const char *w, size_t n)
{
    char key[16];
    if (n == 0 || n >= sizeof key)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    key[n] = '\0';
    size_t lo = 0, hi = COUNT(stops);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, stops[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

bool kw_tables_sorted(void)
{
    for (size_t i = 1; i < COUNT(stops); i++)
        if (strcmp(stops[i - 1], stops[i]) >= 0)
            return false;
    return true;
}

/* The class of the character at s[i] (s valid UTF-8), its length in *n. */
static uc_class class_at(const char *s, size_t i, size_t len, size_t *n)
{
    return uc_class_at(s, i, len, n);
}

static bool word_char(uc_class c)
{
    return c == UC_UPPER || c == UC_LOWER || c == UC_DIGIT;
}

/* Joiners inside a word: ' ’ & . - between word characters. */
static bool joiner(const char *s, size_t i, size_t n)
{
    if (s[i] == '\'' || s[i] == '&' || s[i] == '.' || s[i] == '-')
        return n == 1;
    return n == 3 && (unsigned char)s[i] == 0xE2 &&
           (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99;
}

/* The end of the word starting at s[i]. */
static size_t word_end(const char *s, size_t i, size_t len)
{
    size_t n;
    while (i < len) {
        if (word_char(class_at(s, i, len, &n))) {
            i += n;
            continue;
        }
        size_t m;
        if (i + n < len && joiner(s, i, n) &&
            word_char(class_at(s, i + n, len, &m))) {
            i += n;
            continue;
        }
        break;
    }
    return i;
}

/* "U.S" (single letters with periods) as "US". */
static bool dotted_initials(const char *w, size_t n)
{
    if (n < 3)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool letter =
            (w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= 'a' && w[i] <= 'z');
        if (i % 2 == 0 ? !letter : w[i] != '.')
            return false;
    }
    return n % 2 == 1;
}

/* The tag form of word w[0..n) into out (size > n), or 0 when it is no
 * tag: a stop word, a number, one letter. */
static size_t tag_form(const char *w, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) { /* ’ as ' */
        if (i + 2 < n && (unsigned char)w[i] == 0xE2 &&
            (unsigned char)w[i + 1] == 0x80 &&
            (unsigned char)w[i + 2] == 0x99) {
            out[k++] = '\'';
            i += 2;
        } else {
            out[k++] = w[i];
        }
    }
    if (dotted_initials(out, k)) {
        size_t j = 0;
        for (size_t i = 0; i < k; i++)
            if (out[i] != '.')
                out[j++] = out[i];
        k = j;
    }
    if (k >= 2 && out[k - 2] == '\'' &&
        (out[k - 1] == 's' || out[k - 1] == 'S'))
        k -= 2; /* Afghan's */
    if (kw_stop(out, k))
        return 0;
    size_t j = 0, chars = 0;
    bool letter = false;
    for (size_t i = 0; i < k;) {
        size_t m;
        uc_class c = class_at(out, i, k, &m);
        if (out[i] == '\'' || out[i] == '&') {
            i++;
            continue;
        }
        letter |= c == UC_UPPER || c == UC_LOWER;
        memmove(out + j, out + i, m);
        j += m;
        i += m;
        chars++;
    }
    if (!letter || chars < 2 || kw_stop(out, j))
        return 0;
    out[j] = '\0';
    return j;
}

bool kw_title_tags(const char *text, arena *a, char **tags, size_t *n,
                   size_t max)
{
    size_t len = strlen(text);
    char *form = arena_alloc(a, len + 1);
    if (!form)
        return false;
    for (size_t i = 0; i < len && *n < max;) {
        size_t m;
        if (!word_char(class_at(text, i, len, &m))) {
            i += m;
            continue;
        }
        size_t end = word_end(text, i, len);
        size_t k = tag_form(text + i, end - i, form);
        i = end;
        if (!k)
            continue;
        bool seen = false;
        for (size_t t = 0; t < *n && !seen; t++)
            seen = strlen(tags[t]) == k && strncasecmp(tags[t], form, k) == 0;
        if (seen)
            continue;
        if (!(tags[*n] = arena_strndup(a, form, k)))
            return false;
        (*n)++;
    }
    return true;
}

void ng_tags_free(char **tags, size_t ntags)
{
    for (size_t i = 0; tags && i < ntags; i++)
        free(tags[i]);
    free(tags);
}

ng_status ng_header_tags(const char *title, const ng_analysis *an, size_t max,
                         char ***out, size_t *nout)
{
    if (!out || !nout || (!title && !an))
        return NG_ERR_ARG;
    *out = NULL;
    *nout = 0;
    if (max == 0)
        return NG_OK;
    arena a;
    arena_init(&a);
    size_t room = max + 64; /* a keyphrase that would not fit is dropped */
    char **tags = arena_alloc(&a, room * sizeof *tags);
    size_t n = 0;
    bool ok = tags != NULL;
    if (ok && title)
        ok = kw_title_tags(title, &a, tags, &n, max);
    for (size_t i = 0; ok && !title && i < ng_analysis_keyword_count(an); i++) {
        size_t before = n; /* whole phrases only: no "#Islamic" alone */
        ok =
            kw_title_tags(ng_analysis_keyword(an, i)->term, &a, tags, &n, room);
        if (n > max)
            n = before;
    }
    char **res = ok ? calloc(n + 1, sizeof *res) : NULL;
    for (size_t i = 0; res && i < n; i++)
        if (!(res[i] = str_dup(tags[i]))) {
            ng_tags_free(res, i);
            res = NULL;
        }
    arena_release(&a);
    if (!res)
        return NG_ERR_NOMEM;
    *out = res;
    *nout = n;
    return NG_OK;
}
