/*
 * extract.c -- kw_extract: keyphrases of one article in the manner of
 * YAKE (Campos et al., Information Sciences 509, 2020, section 3).
 *
 * Every word that is not a stop word gets the five features of YAKE from
 * the segmented text, with its occurrences in sentence order:
 *   T_case = max(TF_upper, TF_acronym) / (1 + ln TF)   capitalized away
 *            from a sentence's start, or an acronym;
 *   T_pos  = ln(ln(3 + median sentence))               early is better;
 *   T_freq = TF / (mean TF + sd TF)                    over the words;
 *   T_rel  = 1 + (DL + DR) * TF / max TF, DL (DR) the distinct words
 *            within two tokens on the left (right) over all of them:
 *            a word among many different ones is no topic;
 *   T_sent = sentences with the word / sentences;
 *   S(w)   = T_rel * T_pos / (T_case + T_freq / T_rel + T_sent / T_rel),
 * smaller is more important. A candidate is one to four words in a row
 * within a sentence, without punctuation, not starting or ending with a
 * stop word, with a letter: S(k) = prod S(w) / (TF(k) * (1 + sum S(w)))
 * over its words that are not stop words. A phrase of several words
 * must come twice or be a name (all capitalized). Candidates are taken
 * best first, skipping any too like one already taken (two words in a
 * row in common, all its words in it, or an edit distance under a
 * quarter of the longer: "troop", "troops"), KW_MAX at most.
 *
 * Exports: kw_extract.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "keyword.h"

enum {
    MAX_NGRAM = 4,
    WINDOW = 2,   /* the context of T_rel, tokens each side */
    KEY_MAX = 200 /* bytes of a candidate's key */
};

typedef struct word {
    uint32_t tf, tf_upper, tf_acronym, sentences;
    uint32_t left_distinct, left_total, right_distinct, right_total;
    double median, score;
    bool stop;
} word;

typedef struct candidate {
    uint32_t tf;
    uint32_t words[MAX_NGRAM];
    uint8_t nwords;
    bool initial; /* the kept surface form starts a sentence */
    ng_span surface;
    double score;
    char *key;
} candidate;

typedef struct occurrence {
    uint32_t word, sentence;
} occurrence;

typedef struct kw_ctx {
    const char *text;
    const seg_doc *doc;
    arena *scratch;
    strmap word_ids, cand_ids;
    word *words;
    size_t nwords;
    uint32_t *token_word; /* per token: its word, or UINT32_MAX */
    candidate *cands;
    size_t ncands;
} kw_ctx;

static bool is_word_token(const seg_token *t)
{
    return t->kind == NG_TOKEN_WORD || t->kind == NG_TOKEN_NUMBER;
}

/* The lower-case key of token t into out (cap), a possessive 's cut
 * ("Warhol's" is "warhol"); its length, 0 if long. */
static size_t token_key(const kw_ctx *c, const seg_token *t, char *out,
                        size_t cap)
{
    size_t n = t->end - t->start;
    const char *w = c->text + t->start;
    if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S'))
        n -= 2;
    else if (n > 4 && memcmp(w + n - 4, "\xE2\x80\x99s", 4) == 0)
        n -= 4;
    if (n + 1 > cap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = c->text[t->start + i];
        out[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    out[n] = '\0';
    return n;
}

static bool has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'a' && ch <= 'z') || ch >= 0x80)
            return true;
    }
    return false;
}

static bool all_caps(const char *s, size_t n)
{
    size_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return false;
        caps += s[i] >= 'A' && s[i] <= 'Z';
    }
    return caps >= 2;
}

/* ---- words ---------------------------------------------------------- */

/* Gives every word token its word and counts the case features. */
static bool count_words(kw_ctx *c, occurrence *occ, size_t *nocc)
{
    const seg_doc *d = c->doc;
    char key[KEY_MAX];
    *nocc = 0;
    for (size_t i = 0; i < d->ntokens; i++)
        c->token_word[i] = UINT32_MAX;
    for (size_t s = 0; s < d->nsentences; s++) {
        const seg_sentence *st = &d->sentences[s];
        for (size_t i = st->first_token; i < st->first_token + st->ntokens;
             i++) {
            const seg_token *t = &d->tokens[i];
            size_t n = is_word_token(t) ? token_key(c, t, key, sizeof key) : 0;
            if (!n)
                continue;
            int64_t id;
            if (!strmap_get(&c->word_ids, key, n, &id)) {
                id = (int64_t)c->nwords++;
                if (!strmap_put(&c->word_ids, key, n, id))
                    return false;
                memset(&c->words[id], 0, sizeof c->words[id]);
                /* Clitics ('s, n't) and numbers are no keywords. */
                c->words[id].stop = kw_stop(key, n) || !has_letter(key, n) ||
                                    key[0] == '\'' ||
                                    (unsigned char)key[0] == 0xE2;
            }
            word *w = &c->words[id];
            c->token_word[i] = (uint32_t)id;
            w->tf++;
            const char *raw = c->text + t->start;
            if (all_caps(raw, t->end - t->start))
                w->tf_acronym++;
            else if ((t->flags & SEG_UPPER) && i != st->first_token)
                w->tf_upper++;
            occ[(*nocc)++] = (occurrence){(uint32_t)id, (uint32_t)s};
        }
    }
    return true;
}

static int by_word_sentence(const void *pa, const void *pb)
{
    const occurrence *a = pa, *b = pb;
    if (a->word != b->word)
        return a->word < b->word ? -1 : 1;
    return a->sentence < b->sentence ? -1 : a->sentence > b->sentence;
}

/* Median sentence and sentence count of each word. */
static void spread(kw_ctx *c, occurrence *occ, size_t nocc)
{
    qsort(occ, nocc, sizeof *occ, by_word_sentence);
    for (size_t i = 0; i < nocc;) {
        size_t j = i;
        uint32_t distinct = 0;
        while (j < nocc && occ[j].word == occ[i].word) {
            distinct += j == i || occ[j].sentence != occ[j - 1].sentence;
            j++;
        }
        size_t n = j - i;
        word *w = &c->words[occ[i].word];
        w->median =
            n % 2
                ? occ[i + n / 2].sentence
                : (occ[i + n / 2 - 1].sentence + occ[i + n / 2].sentence) / 2.0;
        w->sentences = distinct;
        i = j;
    }
}

static int by_pair(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/* Left and right neighbours within WINDOW tokens, punctuation breaking:
 * every (left, right) pair of word ids is listed, sorted, and counted
 * once for the distinct neighbours and every time for the totals. */
static bool context(kw_ctx *c)
{
    const seg_doc *d = c->doc;
    uint64_t *pairs =
        arena_alloc(c->scratch, (d->ntokens * WINDOW + 1) * sizeof *pairs);
    if (!pairs)
        return false;
    size_t n = 0;
    for (size_t s = 0; s < d->nsentences; s++) {
        const seg_sentence *st = &d->sentences[s];
        size_t end = st->first_token + st->ntokens;
        for (size_t i = st->first_token; i < end; i++) {
            uint32_t b = c->token_word[i];
            if (b == UINT32_MAX)
                continue;
            for (size_t k = 1; k <= WINDOW && i >= st->first_token + k; k++) {
                uint32_t a = c->token_word[i - k];
                if (a == UINT32_MAX)
                    break;
                pairs[n++] = (uint64_t)a << 32 | b;
            }
        }
    }
    qsort(pairs, n, sizeof *pairs, by_pair);
    for (size_t i = 0; i < n; i++) {
        uint32_t a = (uint32_t)(pairs[i] >> 32), b = (uint32_t)pairs[i];
        if (i == 0 || pairs[i] != pairs[i - 1]) {
            c->words[b].left_distinct++;
            c->words[a].right_distinct++;
        }
        c->words[b].left_total++;
        c->words[a].right_total++;
    }
    return true;
}

static void score_words(kw_ctx *c)
{
    double sum = 0, sum2 = 0, max_tf = 1;
    size_t n = 0;
    for (size_t i = 0; i < c->nwords; i++) {
        const word *w = &c->words[i];
        if (w->stop)
            continue;
        sum += w->tf;
        sum2 += (double)w->tf * w->tf;
        max_tf = w->tf > max_tf ? w->tf : max_tf;
        n++;
    }
    double mean = n ? sum / (double)n : 0;
    double sd = n ? sqrt(fmax(0, sum2 / (double)n - mean * mean)) : 0;
    double nsent = c->doc->nsentences ? (double)c->doc->nsentences : 1;
    for (size_t i = 0; i < c->nwords; i++) {
        word *w = &c->words[i];
        double tf = w->tf;
        double t_case = fmax(w->tf_upper, w->tf_acronym) / (1 + log(tf));
        double t_pos = log(log(3 + w->median));
        double t_freq = tf / (mean + sd > 0 ? mean + sd : 1);
        double dl =
            w->left_total ? (double)w->left_distinct / w->left_total : 0;
        double dr =
            w->right_total ? (double)w->right_distinct / w->right_total : 0;
        double t_rel = 1 + (dl + dr) * tf / max_tf;
        double t_sent = w->sentences / nsent;
        w->score = t_rel * t_pos / (t_case + t_freq / t_rel + t_sent / t_rel);
    }
}

/* ---- candidates ----------------------------------------------------- */

/* Adds (or counts again) the candidate of tokens [i, i + n), keyed by
 * its words' ids. */
static bool add_candidate(kw_ctx *c, size_t i, size_t n, bool initial)
{
    const seg_token *t = c->doc->tokens;
    uint32_t ids[MAX_NGRAM];
    for (size_t k = 0; k < n; k++)
        ids[k] = c->token_word[i + k];
    int64_t id;
    const char *key = (const char *)ids;
    if (strmap_get(&c->cand_ids, key, n * sizeof *ids, &id)) {
        candidate *k = &c->cands[id];
        k->tf++;
        if (k->initial && !initial) { /* prefer the form inside a sentence */
            k->surface = (ng_span){t[i].start, t[i + n - 1].end};
            k->initial = false;
        }
        return true;
    }
    id = (int64_t)c->ncands++;
    candidate *k = &c->cands[id];
    memset(k, 0, sizeof *k);
    k->tf = 1;
    k->nwords = (uint8_t)n;
    memcpy(k->words, ids, n * sizeof *ids);
    k->surface = (ng_span){t[i].start, t[i + n - 1].end};
    k->initial = initial;
    return strmap_put(&c->cand_ids, key, n * sizeof *ids, id);
}

/* The lower-case key of a candidate, made when it is considered. */
static bool candidate_key(kw_ctx *c, candidate *k)
{
    if (k->key)
        return true;
    size_t n = k->surface.end - k->surface.start;
    if (n > KEY_MAX)
        n = KEY_MAX;
    k->key = arena_strndup(c->scratch, c->text + k->surface.start, n);
    for (char *p = k->key; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return k->key != NULL;
}

static bool find_candidates(kw_ctx *c)
{
    const seg_doc *d = c->doc;
    for (size_t s = 0; s < d->nsentences; s++) {
        const seg_sentence *st = &d->sentences[s];
        size_t end = st->first_token + st->ntokens;
        for (size_t i = st->first_token; i < end; i++) {
            uint32_t first = c->token_word[i];
            if (first == UINT32_MAX || c->words[first].stop)
                continue;
            for (size_t n = 1; n <= MAX_NGRAM && i + n <= end; n++) {
                uint32_t last = c->token_word[i + n - 1];
                if (last == UINT32_MAX)
                    break; /* punctuation ends it */
                if (c->words[last].stop)
                    continue;
                if (!add_candidate(c, i, n, i == st->first_token))
                    return false;
            }
        }
    }
    return true;
}

static void score_candidates(kw_ctx *c)
{
    for (size_t i = 0; i < c->ncands; i++) {
        candidate *k = &c->cands[i];
        double prod = 1, sum = 0;
        for (size_t w = 0; w < k->nwords; w++) {
            const word *wd = &c->words[k->words[w]];
            if (wd->stop)
                continue;
            prod *= wd->score;
            sum += wd->score;
        }
        k->score = prod / (k->tf * (1 + sum));
    }
}

static int by_score(const void *pa, const void *pb)
{
    const candidate *a = *(const candidate *const *)pa;
    const candidate *b = *(const candidate *const *)pb;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    return a->surface.start < b->surface.start
               ? -1
               : a->surface.start > b->surface.start;
}

/* Levenshtein distance of a and b, stopping past `limit`. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > KEY_MAX || nb > KEY_MAX)
        return limit + 1;
    if ((na > nb ? na - nb : nb - na) > limit)
        return limit + 1;
    size_t row[KEY_MAX + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t cost = diag + (a[i - 1] != b[j - 1]);
            size_t v = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = cost < v ? cost : v;
            diag = up;
            best = row[j] < best ? row[j] : best;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[nb];
}

/* Whether a and b share two words or more in a row ("Iraqi prime",
 * "Iraqi prime minister"; "American Revolution Constitution",
 * "Revolution Constitution Hall"). */
static bool share_run(const candidate *a, const candidate *b)
{
    for (size_t i = 0; i + 1 < a->nwords; i++)
        for (size_t j = 0; j + 1 < b->nwords; j++)
            if (a->words[i] == b->words[j] &&
                a->words[i + 1] == b->words[j + 1])
                return true;
    return false;
}

/* Every word of a (stop words aside) is in b: "State" after "Islamic
 * State", "Central Bank" -> "Bank". */
static bool words_within(const kw_ctx *c, const candidate *a,
                         const candidate *b)
{
    for (size_t i = 0; i < a->nwords; i++) {
        bool in = c->words[a->words[i]].stop;
        for (size_t j = 0; j < b->nwords && !in; j++)
            in = a->words[i] == b->words[j];
        if (!in)
            return false;
    }
    return true;
}

static bool too_like(const kw_ctx *c, const candidate *k,
                     candidate *const *taken, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (share_run(k, taken[i]) || words_within(c, k, taken[i]))
            return true;
        size_t la = strlen(k->key), lb = strlen(taken[i]->key);
        size_t limit = (la > lb ? la : lb) / 4;
        if (distance(k->key, taken[i]->key, limit) <= limit)
            return true;
    }
    return false;
}

/* A phrase of several words is kept when it comes twice or more, or is
 * a name (every word capitalized): "US Air Force", not "prime minister
 * spoke" once. */
static bool phrase_holds(const kw_ctx *c, const candidate *k)
{
    if (k->nwords == 1 || k->tf >= 2)
        return true;
    size_t pos = k->surface.start;
    for (size_t w = 0; w < k->nwords; w++) {
        while (pos < k->surface.end && c->text[pos] == ' ')
            pos++;
        const word *wd = &c->words[k->words[w]];
        unsigned char ch = (unsigned char)c->text[pos];
        if (!wd->stop && !(ch >= 'A' && ch <= 'Z') && ch < 0x80)
            return false;
        while (pos < k->surface.end && c->text[pos] != ' ')
            pos++;
    }
    return true;
}

static ng_status select_best(kw_ctx *c, arena *a, ng_keyword **out,
                             size_t *count)
{
    candidate **order =
        arena_alloc(c->scratch, (c->ncands + 1) * sizeof *order);
    ng_keyword *kws = arena_alloc(a, KW_MAX * sizeof *kws);
    if (!order || !kws)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < c->ncands; i++)
        order[i] = &c->cands[i];
    qsort(order, c->ncands, sizeof *order, by_score);
    candidate *taken[KW_MAX];
    size_t n = 0;
    for (size_t i = 0; i < c->ncands && n < KW_MAX; i++) {
        if (!phrase_holds(c, order[i]))
            continue;
        if (!candidate_key(c, order[i]))
            return NG_ERR_NOMEM;
        if (too_like(c, order[i], taken, n))
            continue;
        taken[n] = order[i];
        ng_span sp = order[i]->surface;
        kws[n].term = arena_strndup(a, c->text + sp.start, sp.end - sp.start);
        if (!kws[n].term)
            return NG_ERR_NOMEM;
        kws[n].score =
            order[i]->score > 0 ? taken[0]->score / order[i]->score : 1;
        n++;
    }
    *out = kws;
    *count = n;
    return NG_OK;
}

ng_status kw_extract(const char *text, const seg_doc *doc, arena *a,
                     ng_keyword **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    arena scratch;
    arena_init(&scratch);
    kw_ctx c = {.text = text, .doc = doc, .scratch = &scratch};
    strmap_init(&c.word_ids);
    strmap_init(&c.cand_ids);
    size_t nt = doc->ntokens + 1;
    c.words = arena_alloc(&scratch, nt * sizeof *c.words);
    c.token_word = arena_alloc(&scratch, nt * sizeof *c.token_word);
    c.cands = arena_alloc(&scratch, nt * MAX_NGRAM * sizeof *c.cands);
    occurrence *occ = arena_alloc(&scratch, nt * sizeof *occ);
    size_t nocc = 0;
    ng_status st = NG_ERR_NOMEM;
    if (c.words && c.token_word && c.cands && occ &&
        count_words(&c, occ, &nocc) && context(&c)) {
        spread(&c, occ, nocc);
        score_words(&c);
        if (find_candidates(&c)) {
            score_candidates(&c);
            st = select_best(&c, a, out, count);
        }
    }
    strmap_clear(&c.word_ids);
    strmap_clear(&c.cand_ids);
    arena_release(&scratch);
    return st;
}
