/*
 * tag.c -- decoding: greedy left to right over each sentence, the best
 * label, the sequence repaired into valid BILOU as it goes. Stage 1 tags the
 * whole document; stage 2 tags it again seeing what stage 1 said about the same
 * words elsewhere in the document (two passes, Ratinov & Roth 2009).
 *
 * The hot loop: per token, the rows of its ~60 features are added into 17
 * scores. Rows are 17 16-bit integers, contiguous; the dictionary is 8
 * bytes a slot; the slots and rows of a token are prefetched together.
 * Nothing is allocated per token.
 */
#include <string.h>

#include "ner.h"

/* score += row, written as 16 + 1 so that the compiler vectorizes the
 * 16 at -O2 (a loop of 17 would need an epilogue it will not emit). */
static inline void add_to(int32_t *restrict score, const int16_t *restrict row)
{
    _Static_assert(NER_NLABELS == 17, "add_to assumes 17 labels");
    for (int l = 0; l < 16; l++)
        score[l] += row[l];
    score[16] += row[16];
}

static inline void add_row(const ner_weights *w, uint64_t k, int32_t *score)
{
    uint32_t r;
    if (!ner_table_get(&w->dict, k, &r))
        return;
    add_to(score, w->rows + (size_t)r * NER_NLABELS);
}

/* The best label over all; the decoder then repairs the sequence. */
static int argmax(const int32_t *score)
{
    int best = 0;
    for (int l = 1; l < NER_NLABELS; l++)
        if (score[l] > score[best])
            best = l;
    return best;
}

/* Closes an open span at token i: B -> U, I -> L. */
static int close_label(int label)
{
    int part = ner_label_part(label);
    if (part == NER_B)
        return ner_label(ner_label_type(label), NER_U);
    if (part == NER_I)
        return ner_label(ner_label_type(label), NER_L);
    return label;
}

/*
 * Greedy decoding that trusts the current token over the past: when the
 * best label cannot follow the previous one, the previous span is closed
 * there (B -> U, I -> L) rather than forcing the current token to go on
 * with it; when the best label goes on with a span of its type that the
 * previous token closed, that span is reopened (L -> I, U -> B); any other
 * I or L after a closed label becomes B or U. The result is always a valid
 * BILOU sequence.
 */
static int repair(uint8_t *labels, size_t i, size_t s, int best, bool last)
{
    int prev = i > s ? labels[i - 1] : 0;
    int part = ner_label_part(best), pp = ner_label_part(prev);
    bool goes_on = part == NER_I || part == NER_L;
    if (goes_on && prev && ner_label_type(prev) == ner_label_type(best) &&
        (pp == NER_L || pp == NER_U)) {
        /* The span the previous token closed goes on after all. */
        int type = ner_label_type(prev);
        labels[i - 1] = (uint8_t)ner_label(type, pp == NER_L ? NER_I : NER_B);
    } else if (!ner_transition_ok(prev, best)) {
        if (i > s)
            labels[i - 1] = (uint8_t)close_label(prev);
        if (part == NER_I)
            best = ner_label(ner_label_type(best), NER_B);
        else if (part == NER_L)
            best = ner_label(ner_label_type(best), NER_U);
    }
    return last ? close_label(best) : best;
}

static void static_scores(const ner_weights *w, const ner_feats *f,
                          int32_t *score)
{
    const ner_slot *slots = w->dict.slots;
    uint32_t mask = w->dict.mask;
    uint32_t rows[NER_MAX_FEATS];
    unsigned n = 0;
    for (unsigned j = 0; j < f->n; j++)
        __builtin_prefetch(&slots[(uint32_t)f->keys[j] & mask]);
    for (unsigned j = 0; j < f->n; j++) {
        uint32_t r;
        if (!ner_table_get(&w->dict, f->keys[j], &r))
            continue;
        const int16_t *row = w->rows + (size_t)r * NER_NLABELS;
        __builtin_prefetch(row);
        __builtin_prefetch(row + NER_NLABELS - 1);
        rows[n++] = r;
    }
    for (unsigned j = 0; j < n; j++)
        add_to(score, w->rows + (size_t)rows[j] * NER_NLABELS);
}

/*
 * Stage 2 sees the same static features as stage 1 plus a few stage-2
 * ones: stage 1 keeps each token's keys here and stage 2 reads them back
 * instead of hashing them again. Bounded: room for KEYS_PER_TOKEN keys a
 * token on average, documents of at most KEYS_MAX_TOKENS tokens; past
 * that, stage 2 computes its keys itself.
 */
enum { KEYS_PER_TOKEN = 96, KEYS_MAX_TOKENS = 1 << 16 };

typedef struct key_cache {
    uint64_t *keys;
    uint32_t *off; /* ntokens + 1 */
    size_t cap;
    bool full; /* some token did not fit: do not use */
} key_cache;

static void tag_stage(const ner_weights *w, const ner_doc *doc,
                      const ner_tokinfo *info, const ner_docinfo *docinfo,
                      uint8_t *labels, key_cache *kc)
{
    ner_feats f;
    bool fill = kc && !docinfo, use = kc && docinfo && !kc->full;
    for (size_t k = 0; k < doc->nsent; k++) {
        size_t s = doc->sent_start[k], e = doc->sent_start[k + 1];
        int prev1 = 0, prev2 = 0;
        for (size_t i = s; i < e; i++) {
            int32_t score[NER_NLABELS] = {0};
            if (use) {
                f.n = kc->off[i + 1] - kc->off[i];
                memcpy(f.keys, kc->keys + kc->off[i], f.n * sizeof *f.keys);
                ner_feat_stage2(info, docinfo, s, e, i, &f);
            } else {
                ner_feat_static(doc, info, docinfo, s, e, i, &f);
            }
            if (fill) {
                size_t at = kc->off[i];
                kc->full |= at + f.n > kc->cap;
                size_t n = kc->full ? 0 : f.n;
                memcpy(kc->keys + at, f.keys, n * sizeof *f.keys);
                kc->off[i + 1] = (uint32_t)(at + n);
            }
            static_scores(w, &f, score);
            f.n = 0;
            ner_feat_history(info, i, prev1, prev2, &f);
            for (unsigned j = 0; j < f.n; j++)
                add_row(w, f.keys[j], score);
            int l = repair(labels, i, s, argmax(score), i + 1 == e);
            labels[i] = (uint8_t)l;
            prev2 = prev1;
            prev1 = l;
        }
    }
}

void ner_tag_stage(const ner_weights *w, const ner_doc *doc,
                   const ner_tokinfo *info, const ner_docinfo *docinfo,
                   uint8_t *labels)
{
    tag_stage(w, doc, info, docinfo, labels, NULL);
}

void ner_quantize(const float *w, size_t n, int16_t *out, float *scale)
{
    float big = 0;
    for (size_t i = 0; i < n; i++)
        big = w[i] > big ? w[i] : -w[i] > big ? -w[i] : big;
    *scale = big > 0 ? big / 32000.0f : 1.0f;
    for (size_t i = 0; i < n; i++) {
        float v = w[i] / *scale;
        out[i] = (int16_t)(v < 0 ? v - 0.5f : v + 0.5f);
    }
}

bool ner_tag_doc(const ner_model *m, const ner_doc *doc, uint8_t *labels,
                 arena *a)
{
    size_t n = doc->ntokens;
    if (n == 0)
        return true;
    ner_tokinfo *info = arena_alloc(a, n * sizeof *info);
    ner_docinfo *docinfo = arena_alloc(a, n * sizeof *docinfo);
    uint8_t *first = arena_alloc(a, n);
    if (!info || !docinfo || !first)
        return false;
    key_cache kc = {.cap = n * KEYS_PER_TOKEN}, *cache = NULL;
    if (n <= KEYS_MAX_TOKENS) {
        kc.keys = arena_alloc(a, kc.cap * sizeof *kc.keys);
        kc.off = arena_alloc(a, (n + 1) * sizeof *kc.off);
        cache = kc.keys && kc.off ? &kc : NULL;
        if (cache)
            kc.off[0] = 0;
    }
    ner_feat_tokinfo(m, doc, info);
    tag_stage(&m->stage[0], doc, info, NULL, first, cache);
    ner_feat_docinfo(doc, first, docinfo, a);
    tag_stage(&m->stage[1], doc, info, docinfo, labels, cache);
    return true;
}
