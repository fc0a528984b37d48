/*
 * conll.h -- internals of CoNLL files (conll.c): the parsed file, shared
 * with the trainer.
 */
#ifndef NG_NER_CONLL_H
#define NG_NER_CONLL_H

#include "ner.h"

/* The largest CoNLL input parsed at once (the CLI feeds documents). */
#define CONLL_MAX_BYTES ((size_t)1 << 30)

typedef struct conll_line {
    uint32_t start, len; /* in text, without the line end */
    uint8_t kind;
    uint8_t pad[3];
} conll_line;

struct ng_conll {
    char *text; /* a copy of the input, NUL-terminated */
    size_t len;
    conll_line *lines;
    size_t nlines;
    ner_token *tokens; /* point into text */
    uint32_t *token_line;
    uint8_t *gold; /* BILOU labels from the last column */
    uint8_t *pred; /* BILOU labels predicted */
    size_t ntokens;
    uint32_t *sent_start; /* nsent + 1 entries */
    size_t nsent;
    uint32_t *doc_sent; /* ndocs + 1 entries: documents as sentence ranges */
    size_t ndocs;
    size_t bad_gold, no_gold; /* token lines without a usable tag */
};

/* Document d as a ner_doc (its sentence table in `a`). */
bool ner_conll_doc(const ng_conll *c, size_t d, ner_doc *doc, arena *a);

/* Adds the counts of one sentence's gold and predicted labels. */
void ner_score_labels(const uint8_t *gold, const uint8_t *pred, size_t n,
                      ng_ner_score *score, arena *a);

#endif /* NG_NER_CONLL_H */
