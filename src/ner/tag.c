/*
 * tag.c -- decoding: greedy left to right over each sentence, the best
 * label that BILOU allows after the previous one. Stage 1 tags the whole
 * document; stage 2 tags it again seeing what stage 1 said about the same
 * words elsewhere in the document (two passes, Ratinov & Roth 2009).
 *
 * The hot loop: per token, the rows of its ~60 features are added into 17
 * scores. Rows are 17 floats, contiguous; the dictionary is 8 bytes a
 * slot. Nothing is allocated per token.
 */
#include <string.h>

#include "ner.h"

static inline void add_row(const ner_weights *w, uint64_t k, float *score)
{
    uint32_t r;
    if (!ner_table_get(&w->dict, k, &r))
        return;
    const float *row = w->rows + (size_t)r * NER_NLABELS;
    for (int l = 0; l < NER_NLABELS; l++)
        score[l] += row[l];
}

/* The best label allowed after prev (and before the sentence end when
 * last: no open span may be left). */
static int best_label(const float *score, int prev, bool last)
{
    int best = 0;
    float best_score = -1e30f;
    for (int l = 0; l < NER_NLABELS; l++) {
        if (!ner_transition_ok(prev, l))
            continue;
        int part = ner_label_part(l);
        if (last && (part == NER_B || part == NER_I))
            continue;
        if (score[l] > best_score) {
            best_score = score[l];
            best = l;
        }
    }
    return best;
}

void ner_tag_stage(const ner_weights *w, const ner_doc *doc,
                   const ner_tokinfo *info, const ner_docinfo *docinfo,
                   uint8_t *labels)
{
    ner_feats f;
    for (size_t k = 0; k < doc->nsent; k++) {
        size_t s = doc->sent_start[k], e = doc->sent_start[k + 1];
        int prev1 = 0, prev2 = 0;
        for (size_t i = s; i < e; i++) {
            float score[NER_NLABELS] = {0};
            ner_feat_static(doc, info, docinfo, s, e, i, &f);
            ner_feat_history(info, i, prev1, prev2, &f);
            for (unsigned j = 0; j < f.n; j++)
                add_row(w, f.keys[j], score);
            int l = best_label(score, prev1, i + 1 == e);
            labels[i] = (uint8_t)l;
            prev2 = prev1;
            prev1 = l;
        }
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
    ner_feat_tokinfo(m, doc, info);
    ner_tag_stage(&m->stage[0], doc, info, NULL, first);
    ner_feat_docinfo(doc, first, docinfo, a);
    ner_tag_stage(&m->stage[1], doc, info, docinfo, labels);
    return true;
}
