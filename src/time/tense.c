/*
 * tense.c -- the tense of the clause around a temporal expression, which
 * decides whether a bare weekday or month is the one before or after the
 * article date ("announced on Friday" vs "will meet on Friday").
 *
 * The nearest verb cue wins, looking left and right within the sentence
 * and stopping at clause punctuation (; : and quotes): modal "will",
 * "'ll", "shall", "going to", "plans to", "expected to", "scheduled" for
 * the future; "-ed" forms and the common irregular past forms (from the
 * English irregular verb lists of Quirk et al., A Comprehensive Grammar of
 * the English Language, App. I) for the past; "is", "are", "says" for the
 * present. This is the heuristic of HeidelTime's news rules (Strotgen &
 * Gertz 2013, section 4.3), on tokens instead of part-of-speech tags.
 */
#include <string.h>

#include "grammar.h"

enum { TENSE_WINDOW = 12, WORD_MAX = 16 };

/* Sorted. */
static const char *const past_forms[] = {
    "ate",       "became", "began",   "bought", "brought",  "built", "came",
    "caught",    "chose",  "did",     "drew",   "drove",    "fell",  "felt",
    "fled",      "flew",   "fought",  "found",  "gave",     "got",   "grew",
    "had",       "heard",  "held",    "hit",    "hung",     "kept",  "knew",
    "laid",      "led",    "left",    "lost",   "made",     "meant", "met",
    "paid",      "quit",   "ran",     "rang",   "rose",     "said",  "sang",
    "sank",      "sat",    "saw",     "sent",   "shot",     "shut",  "slid",
    "sold",      "spent",  "spoke",   "spun",   "stole",    "stood", "struck",
    "swore",     "taught", "thought", "threw",  "told",     "took",  "tore",
    "underwent", "was",    "went",    "were",   "withdrew", "won",   "wore",
    "wrote"};

static const char *const future_cues[] = {"'ll",  "shall", "should",
                                          "will", "wo",    "would"};

/* Present forms of scheduling verbs: "the summit opens Monday". */
static const char *const scheduled_cues[] = {
    "arrive", "arrives", "begin",  "begins",  "closes", "convene", "convenes",
    "depart", "departs", "ends",   "expires", "meet",   "meets",   "opens",
    "resume", "resumes", "starts", "visit",   "visits"};

static const char *const present_cues[] = {"am", "are", "can",
                                           "is", "may", "says"};

/* Auxiliaries before a participle: "will be named", "has been sold". */
static const char *const auxiliaries[] = {"be",   "been", "being", "is",  "are",
                                          "was",  "were", "am",    "get", "got",
                                          "have", "has",  "had"};

/* Words ending in -ed that are not past verbs of the clause. */
static const char *const not_past[] = {
    "need",    "red",    "seed",    "speed", "bed",    "shed",
    "feed",    "weed",   "hundred", "bred",  "indeed", "succeed",
    "proceed", "exceed", "breed",   "bleed", "greed",  "steed"};

/* Words before an -ed form that make it an adjective ("a still
 * unspecified date", "the revised plan"), not the clause's verb; not
 * adverbs that verbs take too ("he recently resigned"). */
static const char *const adjective_leads[] = {
    "a",   "an",   "the",   "its",   "his",   "her",   "their",
    "our", "this", "these", "those", "still", "newly", "as-yet"};

static bool in_list(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return true;
    return false;
}

static bool is_past_form(const char *w)
{
    size_t lo = 0, hi = sizeof past_forms / sizeof *past_forms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(past_forms[mid], w);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Lower-cases the view token at k into out; false when not a word. */
static bool lower(const tx_sent *s, size_t k, char *out)
{
    const tx_tok *t = &s->t[k];
    size_t n = t->end - t->start;
    if ((t->kind != TV_WORD && t->kind != TV_POSS) || n >= WORD_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s->text[t->start + i];
        out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
    return true;
}

static bool is_clause_break(const tx_sent *s, size_t k)
{
    const tx_tok *t = &s->t[k];
    if (t->kind != TV_PUNCT)
        return false;
    char c = s->text[t->start];
    return c == ';' || c == ':' || c == '"' || c == '(' || c == ')';
}

/* "going to", "plans to", "payable", "was planned for": what is
 * announced comes after the article. "for" only after scheduling words
 * ("plans for" is a noun); "planned to" only before the expression ("On
 * Friday, the government planned to pay": the planning was on Friday). */
static bool future_phrase(const tx_sent *s, size_t k, const char *w, bool left)
{
    static const char *const before_to[] = {
        "going",  "plans",  "plan",   "expected", "expects",   "planning",
        "is",     "are",    "due",    "intends",  "scheduled", "set",
        "poised", "likely", "slated", "planned"};
    static const char *const before_for[] = {"scheduled", "set",     "due",
                                             "slated",    "planned", "poised"};
    static const char *const alone[] = {"scheduled", "payable", "effective"};
    char next[WORD_MAX];
    if (in_list(alone, sizeof alone / sizeof *alone, w))
        return true;
    if (!in_list(before_to, sizeof before_to / sizeof *before_to, w) ||
        (!left && strcmp(w, "planned") == 0))
        return false;
    if (k + 1 >= s->n || !lower(s, k + 1, next))
        return false;
    if (strcmp(w, "is") == 0 || strcmp(w, "are") == 0)
        return strcmp(next, "to") == 0; /* "is to resume" */
    return strcmp(next, "to") == 0 ||
           (strcmp(next, "for") == 0 &&
            in_list(before_for, sizeof before_for / sizeof *before_for, w));
}

/* The word before k is one of `list`. */
static bool after_one_of(const tx_sent *s, size_t k, const char *const *list,
                         size_t n)
{
    char prev[WORD_MAX];
    return k > 0 && lower(s, k - 1, prev) && in_list(list, n, prev);
}

/* The tense cue of the word at k (left of the expression or right of
 * it), TT_NONE when it gives none. */
static tx_tense cue_at(const tx_sent *s, size_t k, bool left)
{
    static const char *const past_aux[] = {"had"};
    static const char *const to[] = {"to"};
    char w[WORD_MAX];
    if (!lower(s, k, w))
        return TT_NONE;
    if (future_phrase(s, k, w, left))
        return after_one_of(s, k, past_aux, 1) ||
                       (k > 1 && after_one_of(s, k - 1, past_aux, 1))
                   ? TT_PAST
                   : TT_FUTURE; /* "had been due to" */
    /* "an offer to begin Thursday" is ahead; in "the October slaying, to
     * begin presenting a case" the infinitive says nothing of October */
    bool scheduled =
        in_list(scheduled_cues, sizeof scheduled_cues / sizeof *scheduled_cues,
                w) &&
        (left || !after_one_of(s, k, to, 1));
    if (in_list(future_cues, sizeof future_cues / sizeof *future_cues, w) ||
        scheduled)
        return TT_FUTURE;
    if (in_list(present_cues, sizeof present_cues / sizeof *present_cues, w))
        return TT_PRESENT;
    size_t n = strlen(w);
    if (after_one_of(s, k, auxiliaries,
                     sizeof auxiliaries / sizeof *auxiliaries))
        return TT_NONE; /* a participle: its auxiliary tells */
    if (is_past_form(w))
        return TT_PAST;
    if (n >= 4 && w[n - 2] == 'e' && w[n - 1] == 'd' &&
        !in_list(not_past, sizeof not_past / sizeof *not_past, w) &&
        !(s->t[k].flags & TV_UPPER && !(s->t[k].flags & TV_FIRST)) &&
        !after_one_of(s, k, adjective_leads,
                      sizeof adjective_leads / sizeof *adjective_leads))
        return TT_PAST;
    return TT_NONE;
}

/* "as soon as Tuesday", "as early as next week". */
static bool as_soon_as(const tx_sent *s, size_t i)
{
    char a[WORD_MAX], b[WORD_MAX], c[WORD_MAX];
    return i >= 3 && lower(s, i - 3, a) && lower(s, i - 2, b) &&
           lower(s, i - 1, c) && strcmp(a, "as") == 0 && strcmp(c, "as") == 0 &&
           (strcmp(b, "soon") == 0 || strcmp(b, "early") == 0);
}

/* "postponed until Tuesday", "adjourned till Monday": a deadline set
 * for after the article, whatever the verb's tense. */
static bool deferred_until(const tx_sent *s, size_t i)
{
    static const char *const until[] = {"until", "till"};
    static const char *const deferring[] = {
        "postponed", "delayed",  "adjourned", "deferred", "extended",
        "suspended", "recessed", "off",       "pushed",   "moved"};
    char w[WORD_MAX];
    if (!after_one_of(s, i, until, 2))
        return false;
    for (size_t k = i - 1; k > 0 && k + 4 > i; k--)
        if (lower(s, k - 1, w) &&
            in_list(deferring, sizeof deferring / sizeof *deferring, w))
            return true;
    return false;
}

tx_tense timex_tense(const tx_sent *s, size_t i, size_t j)
{
    if (as_soon_as(s, i) || deferred_until(s, i))
        return TT_FUTURE;
    /* The verb that governs an adverbial usually precedes it: the left
     * side first, then the right. */
    for (size_t d = 1; d <= TENSE_WINDOW && d <= i; d++) {
        if (is_clause_break(s, i - d))
            break;
        tx_tense t = cue_at(s, i - d, true);
        if (t != TT_NONE)
            return t;
    }
    for (size_t k = j; k < s->n && k < j + TENSE_WINDOW; k++) {
        if (is_clause_break(s, k))
            break;
        tx_tense t = cue_at(s, k, false);
        if (t != TT_NONE)
            return t;
    }
    return TT_NONE;
}
