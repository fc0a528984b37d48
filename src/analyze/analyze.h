/*
 * analyze.h -- the analysis of one article: its metadata, normalized text
 * and segmentation, all in one arena that ng_analysis_free releases.
 * Later stages (entities, times, ...) add their results here.
 */
#ifndef NG_ANALYZE_H
#define NG_ANALYZE_H

#include "../ner/ner.h"
#include "../resolve/resolve.h"
#include "../text/text.h"
#include "../util/util.h"
#include "newsgraph.h"

struct ng_analyzer {
    ner_model ner; /* read-only once loaded */
    bool has_model;
    resolve_aliases aliases; /* models/aliases.tsv, read-only once loaded */
    unsigned skip;           /* NG_STAGE_* left out */
    uint64_t model_id;       /* a hash of the model's size and info text */
    buf message;             /* why ng_analyzer_new failed */
};

struct ng_analysis {
    arena mem;
    ng_article article; /* strings in `mem`; text is the normalized text */
    seg_doc seg;
    uint64_t content_hash; /* of every field the store keeps, and of the
                            * model that found its entities */
    bool tagged;           /* the entity tagger ran */
    ng_entity *entities;   /* in `mem` */
    size_t nentities;
    ng_time *times; /* src/time: ordered, in `mem` */
    size_t ntimes;
    ng_amount *amounts; /* src/amount: ordered, in `mem` */
    size_t namounts;
    ng_quote *quotes; /* src/quote: ordered, in `mem` */
    size_t nquotes;
    ng_keyword *keywords; /* src/keyword: best first, in `mem` */
    size_t nkeywords;
    bool has_times, has_amounts; /* the stages ran (record the fields) */
    bool has_quotes, has_keywords;
};

/* Writes the analysis record into `out` (analysis_json without a copy). */
void record_write(const ng_analysis *an, unsigned flags, buf *out);

/* Tags the segmented text and groups the mentions into entities
 * (entities.c). False when out of memory. */
bool entities_find(const ng_analyzer *analyzer, ng_analysis *an);

/* Corrects the tagger's BILOU labels of doc in place (correct.c): names
 * the CoNLL-trained model cuts, runs together or mistypes in news. */
void entities_correct(const ner_model *m, const ner_doc *doc, uint8_t *labels);

#endif /* NG_ANALYZE_H */
