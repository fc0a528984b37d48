/*
 * train.h -- internals of the trainer shared by train.c (the perceptron
 * and its schedule) and train_data.c (loading the files, the feature
 * dictionary, writing the model).
 */
#ifndef NG_NER_TRAIN_H
#define NG_NER_TRAIN_H

#include "conll.h"
#include "ner.h"

/* The feature dictionary: feature key -> id (a row while training). */
typedef struct train_dict {
    ner_table_builder b;
    uint32_t n;
} train_dict;

/* A CoNLL file with what training needs per token. */
typedef struct train_corpus {
    ng_conll *c;
    ner_doc *docs; /* c->ndocs views */
    size_t ndocs;
    arena mem; /* the docs' sentence tables */
    ner_tokinfo *info;
    uint32_t *feat_off; /* ntokens + 1: static feature ids of token i are */
    uint32_t *feat_ids; /* feat_ids[feat_off[i] .. feat_off[i + 1]) */
    uint8_t *pass1;     /* stage-1 labels (jackknifed on train) */
    ner_docinfo *docinfo;
} train_corpus;

typedef struct train_ctx {
    const ng_ner_train_options *opt;
    unsigned max_epochs, patience, threads;
    buf msg;
    double started;
    ner_model res; /* clusters and gazetteer (tables point into builders) */
    ner_table_builder clusters, gaz;
    size_t nclusters;
    train_corpus train, dev;
    train_dict dict;
    uint32_t nfeat1, nfeat2;
    float *stage1_avg, *stage2_avg;
    unsigned stage1_epochs, stage2_epochs;
    uint8_t *doc_fold;
    double dev_f1;
} train_ctx;

double train_now(void);
void train_progress(train_ctx *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reads the files, clusters and gazetteer; computes token facts. */
ng_status train_load(train_ctx *t);
/* Fills cp->feat_off/feat_ids for one stage, adding unseen keys to the
 * dictionary when `grow`. */
ng_status train_features(train_ctx *t, train_corpus *cp, bool stage2,
                         bool grow);
/* The ids of the history features (absent keys skipped); returns count. */
size_t train_history_ids(const train_dict *d, const ner_tokinfo *info, size_t i,
                         int prev1, int prev2, uint32_t *ids);
/* Stage-2 facts of every document from cp->pass1. */
void train_docinfo(train_ctx *t, train_corpus *cp);
/* Writes the model file. */
ng_status train_write(train_ctx *t);
/* The dev scores of the final pipeline. */
ng_status train_dev_score(train_ctx *t, ng_ner_score *out);
void train_free(train_ctx *t);

#endif /* NG_NER_TRAIN_H */
