/*
 * feat.c -- the tagger's features: per-token facts (hashes of the word,
 * its lower-case form, shape and digit-normalized form; its Brown cluster;
 * gazetteer matches) computed once per document, then hashed feature keys
 * per token from templates in the tradition of Ratinov & Roth (2009,
 * "Design challenges and misconceptions in named entity recognition"):
 * a +-2 window of words and shapes, affixes, Brown cluster prefixes of
 * 4, 6, 10 and 20 bits (Turian et al. 2010), gazetteer matches with their
 * BILOU position, the previous two labels, sentence position and
 * all-capitals sentences, and in stage 2 what stage 1 said about the same
 * word elsewhere in the document.
 *
 * Exports: ner_hash*, ner_feat_*, ner_feature_set_hash, ner_type_*,
 * ner_spans_bilou, ner_transition_ok. Any change to a template must change
 * FEATURE_SET (the model file records it and the loader compares).
 */
#include <string.h>

#include "../text/text.h"
#include "ner.h"

/* Bump when any template below changes. */
#define FEATURE_SET "ner-features-2024-3"

uint64_t ner_feature_set_hash(void)
{
    return ner_hash(FEATURE_SET, sizeof FEATURE_SET - 1);
}

static const char *const type_names[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};

const char *ner_type_name(int type)
{
    return type >= 0 && type < NER_NTYPES ? type_names[type] : "O";
}

int ner_type_parse(const char *s, size_t len)
{
    for (int t = 0; t < NER_NTYPES; t++)
        if (strlen(type_names[t]) == len && memcmp(type_names[t], s, len) == 0)
            return t;
    return -1;
}

uint64_t ner_hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return ner_mix(h ^ len);
}

static inline unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

uint64_t ner_hash_lower(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= ascii_lower((unsigned char)s[i]);
        h *= 0x100000001b3ull;
    }
    return ner_mix(h ^ len);
}

/* ---- per-token facts ---------------------------------------------------- */

enum { SHAPE_MAX = 12, AFFIX_MAX = 5, WORD_MAX = 64 };

/* The shape class of the character at s[i] and its byte length. */
static char shape_char(const char *s, size_t i, size_t len, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    *n = 1;
    if (c >= 'A' && c <= 'Z')
        return 'X';
    if (c >= 'a' && c <= 'z')
        return 'x';
    if (c >= '0' && c <= '9')
        return 'd';
    if (c < 0x80)
        return (char)c;
    uc_class k = uc_class_at(s, i, len, n);
    return k == UC_UPPER ? 'X' : k == UC_LOWER ? 'x' : 'o';
}

/* Shape with runs longer than two collapsed ("Reuters" -> "Xxx",
 * "1996-08-22" -> "dd-dd-dd"), and the token's flags. */
static uint64_t shape_of(const char *s, size_t len, uint8_t *flags)
{
    char sh[SHAPE_MAX];
    size_t n = 0, step;
    bool letters = false, lower = false;
    *flags = 0;
    for (size_t i = 0; i < len; i += step) {
        char c = shape_char(s, i, len, &step);
        if (c == 'X' || c == 'x') {
            if (!letters && c == 'X')
                *flags |= NER_F_UPPER;
            lower |= c == 'x';
            letters = true;
        }
        if (c == 'd')
            *flags |= NER_F_DIGIT;
        if (i == 0 && c == 'x')
            *flags |= NER_F_LOWER;
        if (n >= 2 && sh[n - 1] == c && sh[n - 2] == c)
            continue;
        if (n < SHAPE_MAX)
            sh[n++] = c;
    }
    if (letters && !lower)
        *flags |= NER_F_ALLCAPS;
    return ner_hash(sh, n);
}

/* The Brown cluster of a word: as written, then for capitals "Reuters"
 * from "REUTERS", then lower case (headlines are in capitals). The hashes
 * of the word and of its lower-case form are in ti already. */
static uint32_t cluster_of(const ner_model *m, const ner_token *t,
                           const ner_tokinfo *ti)
{
    uint32_t v;
    if (ner_table_get(&m->clusters, ti->word, &v))
        return v;
    if (t->len > WORD_MAX || t->len == 0)
        return 0;
    if (ti->flags & NER_F_ALLCAPS) {
        char w[WORD_MAX];
        w[0] = t->s[0];
        for (size_t i = 1; i < t->len; i++)
            w[i] = (char)ascii_lower((unsigned char)t->s[i]);
        if (ner_table_get(&m->clusters, ner_hash(w, t->len), &v))
            return v;
    }
    return ner_table_get(&m->clusters, ti->lower, &v) ? v : 0;
}

/* The cluster of the word in lower case: is it a common word too? */
static uint32_t lower_cluster_of(const ner_model *m, const ner_token *t,
                                 const ner_tokinfo *ti)
{
    uint32_t v;
    if (t->len > WORD_MAX || t->len == 0)
        return 0;
    return ner_table_get(&m->clusters, ti->lower, &v) ? v : 0;
}

/* Marks gazetteer matches in the sentence [s, e): for each list, the
 * longest phrase starting at each capitalized token, with its BILOU
 * position in 4 bits per list. */
static void gaz_sentence(const ner_model *m, const ner_doc *doc, size_t s,
                         size_t e, ner_tokinfo *info)
{
    for (size_t i = s; i < e; i++) {
        /* Phrases start at a capital or a digit; lower-case words (al,
         * bin, ...) are looked up alone. */
        size_t maxlen =
            info[i].flags & (NER_F_UPPER | NER_F_DIGIT) ? m->gaz_maxlen : 1;
        uint64_t h = 0xcbf29ce484222325ull, keys[NER_GAZ_MAX_LEN];
        uint32_t seen = 0;
        uint32_t found[NER_GAZ_MAX_LEN] = {0};
        size_t n = 0;
        for (; n < maxlen && i + n < e; n++) { /* hash and prefetch */
            const ner_token *t = &doc->tokens[i + n];
            if (n)
                h = (h ^ ' ') * 0x100000001b3ull;
            for (size_t b = 0; b < t->len; b++)
                h = (h ^ ascii_lower((unsigned char)t->s[b])) *
                    0x100000001b3ull;
            keys[n] = ner_mix(h);
            __builtin_prefetch(&m->gaz.slots[(uint32_t)keys[n] & m->gaz.mask]);
        }
        for (size_t k = 0; k < n; k++) {
            uint32_t mask;
            if (ner_table_get(&m->gaz, keys[k], &mask))
                found[k] = mask;
        }
        for (size_t k = maxlen; k-- > 0;) {
            uint32_t mask = found[k] & ~seen;
            seen |= found[k];
            for (unsigned l = 0; mask && l < NER_GAZ_MAX_LISTS; l++) {
                if (!(mask & (1u << l)))
                    continue;
                for (size_t j = 0; j <= k; j++) {
                    unsigned part = k == 0 ? 8 : j == 0 ? 1 : j == k ? 4 : 2;
                    ner_tokinfo *ti = &info[i + j];
                    unsigned shift = (l % 8) * 4;
                    if (!((ti->gaz[l / 8] >> shift) & 15))
                        ti->gaz[l / 8] |= part << shift;
                }
            }
        }
    }
}

size_t ner_gaz_longest(const ner_model *m, const ner_token *toks, size_t n,
                       unsigned list)
{
    uint64_t h = 0xcbf29ce484222325ull;
    size_t best = 0;
    for (size_t k = 0; k < n && k < m->gaz_maxlen; k++) {
        if (k)
            h = (h ^ ' ') * 0x100000001b3ull;
        for (size_t b = 0; b < toks[k].len; b++)
            h = (h ^ ascii_lower((unsigned char)toks[k].s[b])) *
                0x100000001b3ull;
        uint32_t mask;
        if (m->gaz.slots && ner_table_get(&m->gaz, ner_mix(h), &mask) &&
            (mask & (1u << list)))
            best = k + 1;
    }
    return best;
}

/* The hashes of the word as written, in lower case, and in lower case
 * with every digit as 0 ("1996-08-22" -> "0000-00-00"), in one pass;
 * the first two equal ner_hash and ner_hash_lower. */
static void word_hashes(const ner_token *t, ner_tokinfo *ti)
{
    uint64_t hw = 0xcbf29ce484222325ull, hl = hw, hn = hw;
    for (size_t i = 0; i < t->len; i++) {
        unsigned char c = (unsigned char)t->s[i], lc = ascii_lower(c);
        hw = (hw ^ c) * 0x100000001b3ull;
        hl = (hl ^ lc) * 0x100000001b3ull;
        hn = (hn ^ (c >= '0' && c <= '9' ? '0' : lc)) * 0x100000001b3ull;
    }
    ti->word = ner_mix(hw ^ t->len);
    ti->lower = ner_mix(hl ^ t->len);
    ti->norm = ner_mix(hn ^ t->len);
}

void ner_feat_tokinfo(const ner_model *m, const ner_doc *doc, ner_tokinfo *info)
{
    /* Hashes first, prefetching the cluster slots they will read, then
     * the cluster lookups: the table is megabytes, the misses overlap. */
    const ner_slot *cl = m->clusters.slots;
    for (size_t i = 0; i < doc->ntokens; i++) {
        const ner_token *t = &doc->tokens[i];
        ner_tokinfo *ti = &info[i];
        word_hashes(t, ti);
        ti->shape = shape_of(t->s, t->len, &ti->flags);
        ti->gaz[0] = ti->gaz[1] = 0;
        if (cl) {
            __builtin_prefetch(&cl[(uint32_t)ti->word & m->clusters.mask]);
            __builtin_prefetch(&cl[(uint32_t)ti->lower & m->clusters.mask]);
        }
    }
    for (size_t i = 0; i < doc->ntokens; i++) {
        ner_tokinfo *ti = &info[i];
        ti->cluster = cl ? cluster_of(m, &doc->tokens[i], ti) : 0;
        ti->lcluster = cl ? lower_cluster_of(m, &doc->tokens[i], ti) : 0;
    }
    for (size_t k = 0; k < doc->nsent; k++) {
        size_t s = doc->sent_start[k], e = doc->sent_start[k + 1];
        size_t caps = 0, lower = 0;
        for (size_t i = s; i < e; i++) {
            caps += (info[i].flags & NER_F_ALLCAPS) && doc->tokens[i].len > 1;
            lower += (info[i].flags & NER_F_LOWER) != 0;
        }
        if (caps >= 2 && lower == 0)
            for (size_t i = s; i < e; i++)
                info[i].flags |= NER_F_SENT_CAPS;
        if (m->gaz.slots)
            gaz_sentence(m, doc, s, e, info);
    }
}

/* ---- feature keys ---------------------------------------------------------
 */

enum template_id {
    T_BIAS = 1,
    T_WORD,
    T_LOWER, /* + offset */
    T_SHAPE, /* + offset */
    T_SHAPE_PAIR_L,
    T_SHAPE_PAIR_R,
    T_SHAPE_TRI,
    T_PREFIX,  /* + length */
    T_SUFFIX,  /* + length */
    T_CLUSTER, /* + offset, prefix length */
    T_GAZ,     /* + offset */
    T_LOWER_BI_L,
    T_LOWER_BI_R,
    T_FIRST,
    T_SENT_CAPS,
    T_NORM,
    T_CLUSTER_SHAPE,
    T_PASS1, /* + offset */
    T_MAJOR,
    T_MAJOR_SHAPE,
    T_TYPES,
    T_LONGER,
    T_Y1,
    T_Y12,
    T_Y1_LOWER,
    T_Y1_SHAPE,
    T_WORD_NEAR, /* + offset */
    T_SENT_LEN,
    T_LOWER_CLUSTER,
    T_COUNT
};

/* A feature's key: template, sub-template and value mixed by one
 * multiply and a shift (the values are hashes or small integers; the
 * multiply spreads both into the high bits, the fingerprint, and the
 * shift folds them into the low bits, the slot). */
static inline uint64_t key(unsigned tmpl, unsigned sub, uint64_t value)
{
    uint64_t x =
        (value + 0x9E3779B97F4A7C15ull * ((uint64_t)tmpl * 64 + sub + 1)) *
        0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 31);
}

static inline void add(ner_feats *f, uint64_t k)
{
    if (f->n < NER_MAX_FEATS)
        f->keys[f->n++] = k;
}

/* Sentinel values for positions outside the sentence. */
#define OUTSIDE_LEFT  0x5151515151515151ull
#define OUTSIDE_RIGHT 0x7272727272727272ull

static void affixes(const ner_token *t, ner_feats *f)
{
    size_t n = t->len < AFFIX_MAX ? t->len : AFFIX_MAX;
    uint64_t hp = 0xcbf29ce484222325ull, hs = hp;
    for (size_t k = 0; k < n; k++) {
        hp = (hp ^ ascii_lower((unsigned char)t->s[k])) * 0x100000001b3ull;
        hs = (hs ^ ascii_lower((unsigned char)t->s[t->len - 1 - k])) *
             0x100000001b3ull;
        if (k + 1 < t->len) { /* the whole word is a feature already */
            if (k < 4)
                add(f, key(T_PREFIX, (unsigned)k, hp));
            add(f, key(T_SUFFIX, (unsigned)k, hs));
        }
    }
}

static void cluster_feats(uint32_t c, unsigned off, ner_feats *f)
{
    static const unsigned prefixes[] = {4, 6, 10, 20};
    unsigned len = c >> 24;
    uint32_t bits = c & 0xFFFFFF;
    if (!c) {
        add(f, key(T_CLUSTER, off * 8, 0));
        return;
    }
    for (unsigned p = 0; p < 4; p++) {
        unsigned keep = len < prefixes[p] ? len : prefixes[p];
        uint32_t v = bits >> (len - keep);
        add(f, key(T_CLUSTER, off * 8 + p, ((uint64_t)keep << 32) | v));
        if (keep == len)
            break;
    }
}

static void gaz_feats(const ner_tokinfo *ti, unsigned off, ner_feats *f)
{
    for (unsigned l = 0; l < NER_GAZ_MAX_LISTS; l++) {
        unsigned part = (ti->gaz[l / 8] >> ((l % 8) * 4)) & 15;
        if (part)
            add(f, key(T_GAZ, off, l * 16 + part));
    }
}

void ner_feat_static(const ner_doc *doc, const ner_tokinfo *info,
                     const ner_docinfo *docinfo, size_t s, size_t e, size_t i,
                     ner_feats *f)
{
    const ner_tokinfo *t0 = &info[i];
    uint64_t lw[5], sh[5];
    for (int k = -2; k <= 2; k++) {
        bool in =
            (k < 0 && i >= s + (size_t)-k) || (k >= 0 && i + (size_t)k < e);
        lw[k + 2] = in      ? info[i + k].lower
                    : k < 0 ? OUTSIDE_LEFT
                            : OUTSIDE_RIGHT;
        sh[k + 2] = in      ? info[i + k].shape
                    : k < 0 ? OUTSIDE_LEFT
                            : OUTSIDE_RIGHT;
    }
    f->n = 0;
    add(f, key(T_BIAS, 0, 0));
    add(f, key(T_WORD, 0, t0->word));
    add(f, key(T_NORM, 0, t0->norm));
    for (unsigned k = 0; k < 5; k++) {
        add(f, key(T_LOWER, k, lw[k]));
        add(f, key(T_SHAPE, k, sh[k]));
    }
    add(f, key(T_SHAPE_PAIR_L, 0, sh[1] * 31 + sh[2]));
    add(f, key(T_SHAPE_PAIR_R, 0, sh[2] * 31 + sh[3]));
    add(f, key(T_SHAPE_TRI, 0, (sh[1] * 31 + sh[2]) * 31 + sh[3]));
    add(f, key(T_LOWER_BI_L, 0, lw[1] * 31 + lw[2]));
    add(f, key(T_LOWER_BI_R, 0, lw[2] * 31 + lw[3]));
    affixes(&doc->tokens[i], f);
    for (int k = -2; k <= 2; k++) {
        bool in =
            (k < 0 && i >= s + (size_t)-k) || (k >= 0 && i + (size_t)k < e);
        if (in)
            cluster_feats(info[i + k].cluster, (unsigned)(k + 2), f);
        if (in && k >= -1 && k <= 1)
            gaz_feats(&info[i + k], (unsigned)(k + 1), f);
    }
    add(f, key(T_CLUSTER_SHAPE, 0, ((uint64_t)t0->cluster << 20) ^ sh[2]));
    if (i > s)
        add(f, key(T_WORD_NEAR, 0, info[i - 1].word));
    if (i + 1 < e)
        add(f, key(T_WORD_NEAR, 1, info[i + 1].word));
    size_t len = e - s;
    unsigned bucket = len <= 3    ? (unsigned)len
                      : len <= 5  ? 4
                      : len <= 10 ? 5
                                  : 6;
    add(f, key(T_SENT_LEN, bucket, sh[2]));
    if (t0->flags & NER_F_UPPER) {
        uint32_t lc = t0->lcluster;
        unsigned keep = (lc >> 24) < 6 ? lc >> 24 : 6;
        add(f, key(T_LOWER_CLUSTER, i == s,
                   lc ? ((uint64_t)keep << 32) |
                            ((lc & 0xFFFFFF) >> ((lc >> 24) - keep))
                      : 1ull << 40));
    }
    if (i == s)
        add(f, key(T_FIRST, 0, sh[2]));
    if (t0->flags & NER_F_SENT_CAPS)
        add(f, key(T_SENT_CAPS, 0, sh[2]));
    if (docinfo)
        ner_feat_stage2(info, docinfo, s, e, i, f);
}

void ner_feat_stage2(const ner_tokinfo *info, const ner_docinfo *docinfo,
                     size_t s, size_t e, size_t i, ner_feats *f)
{
    const ner_docinfo *d = &docinfo[i];
    for (int k = -1; k <= 1; k++) {
        bool in = (k < 0 && i > s) || (k >= 0 && i + (size_t)k < e);
        add(f, key(T_PASS1, (unsigned)(k + 1), in ? docinfo[i + k].pass1 : 99));
    }
    add(f, key(T_MAJOR, 0, d->major));
    add(f, key(T_MAJOR_SHAPE, d->major, info[i].shape));
    for (unsigned t = 0; t < NER_NTYPES; t++)
        if (d->types & (1u << t))
            add(f, key(T_TYPES, t, 1));
    add(f, key(T_LONGER, 0, d->in_longer));
}

void ner_feat_history(const ner_tokinfo *info, size_t i, int prev1, int prev2,
                      ner_feats *f)
{
    add(f, key(T_Y1, 0, (uint64_t)prev1));
    add(f, key(T_Y12, 0, (uint64_t)(prev2 * 32 + prev1)));
    add(f, key(T_Y1_LOWER, (unsigned)prev1, info[i].lower));
    add(f, key(T_Y1_SHAPE, (unsigned)prev1, info[i].shape));
}

/* ---- document-level facts (stage 2) ---------------------------------------
 */

typedef struct word_stat {
    uint16_t count[NER_NTYPES];
    uint16_t longer[NER_NTYPES];
} word_stat;

void ner_feat_docinfo(const ner_doc *doc, const uint8_t *labels,
                      ner_docinfo *docinfo, arena *a)
{
    /* Hash the lower-case words of capitalized tokens into a small table
     * of type counts (per document, so collisions are rare and harmless). */
    size_t n = doc->ntokens, size = 64;
    while (size < n * 2)
        size *= 2;
    uint64_t *keys = arena_alloc(a, size * sizeof *keys);
    word_stat *stats = arena_alloc(a, size * sizeof *stats);
    ner_span *spans = arena_alloc(a, (n + 1) * sizeof *spans);
    for (size_t i = 0; i < n; i++)
        docinfo[i] = (ner_docinfo){.pass1 = labels[i]};
    if (!keys || !stats || !spans)
        return; /* out of memory: stage 2 sees no document facts */
    memset(keys, 0, size * sizeof *keys);
    memset(stats, 0, size * sizeof *stats);
    size_t nspans = ner_spans_bilou(labels, n, spans);
    for (size_t k = 0; k < nspans; k++)
        for (uint32_t i = spans[k].first; i <= spans[k].last; i++) {
            uint64_t h = ner_hash_lower(doc->tokens[i].s, doc->tokens[i].len);
            size_t j = h & (size - 1);
            while (keys[j] && keys[j] != h)
                j = (j + 1) & (size - 1);
            keys[j] = h;
            word_stat *w = &stats[j];
            if (w->count[spans[k].type] < 60000)
                w->count[spans[k].type]++;
            if (spans[k].last > spans[k].first &&
                w->longer[spans[k].type] < 60000)
                w->longer[spans[k].type]++;
        }
    for (size_t i = 0; i < n; i++) {
        const ner_token *t = &doc->tokens[i];
        if (t->len < 2 || !(t->s[0] >= 'A' && t->s[0] <= 'Z'))
            continue;
        uint64_t h = ner_hash_lower(t->s, t->len);
        size_t j = h & (size - 1);
        while (keys[j] && keys[j] != h)
            j = (j + 1) & (size - 1);
        if (!keys[j])
            continue;
        word_stat w = stats[j];
        int own = ner_label_type(labels[i]);
        if (own >= 0) { /* leave this token's own vote out */
            w.count[own]--;
        }
        unsigned best = 0, best_type = 0, longer_best = 0, longer_type = 0;
        for (unsigned ty = 0; ty < NER_NTYPES; ty++) {
            if (w.count[ty])
                docinfo[i].types |= (uint8_t)(1u << ty);
            if (w.count[ty] > best) {
                best = w.count[ty];
                best_type = ty + 1;
            }
            if (w.longer[ty] > longer_best) {
                longer_best = w.longer[ty];
                longer_type = ty + 1;
            }
        }
        docinfo[i].major = (uint8_t)best_type;
        docinfo[i].in_longer = (uint8_t)longer_type;
    }
}

/* ---- labels and spans
 * -------------------------------------------------------- */

bool ner_transition_ok(int prev, int next)
{
    int pp = ner_label_part(prev), np = ner_label_part(next);
    bool open = prev && (pp == NER_B || pp == NER_I);
    if (open)
        return next && ner_label_type(next) == ner_label_type(prev) &&
               (np == NER_I || np == NER_L);
    return next == 0 || np == NER_B || np == NER_U;
}

size_t ner_spans_bilou(const uint8_t *labels, size_t n, ner_span *spans)
{
    size_t count = 0;
    size_t i = 0;
    while (i < n) {
        int l = labels[i];
        if (!l) {
            i++;
            continue;
        }
        int type = ner_label_type(l), part = ner_label_part(l);
        size_t first = i;
        /* A span runs while the type stays and no new one starts. */
        while (part != NER_L && part != NER_U && i + 1 < n) {
            int nl = labels[i + 1];
            int np = ner_label_part(nl);
            if (!nl || ner_label_type(nl) != type || np == NER_B || np == NER_U)
                break;
            i++;
            part = np;
        }
        if (spans)
            spans[count] = (ner_span){(uint32_t)first, (uint32_t)i, type};
        count++;
        i++;
    }
    return count;
}
