/*
 * analyze.h -- the analysis of one article: its metadata, normalized text
 * and segmentation, all in one arena that ng_analysis_free releases.
 * Later stages (entities, times, ...) add their results here.
 */
#ifndef NG_ANALYZE_H
#define NG_ANALYZE_H

#include "../text/text.h"
#include "../util/util.h"
#include "newsgraph.h"

struct ng_analyzer {
    unsigned version; /* nothing to hold yet: models come with the tagger */
};

struct ng_analysis {
    arena mem;
    ng_article article; /* strings in `mem`; text is the normalized text */
    seg_doc seg;
    ng_time *times; /* src/time: ordered, in `mem` */
    size_t ntimes;
    ng_amount *amounts; /* src/amount: ordered, in `mem` */
    size_t namounts;
    uint64_t content_hash; /* of every field the store keeps */
};

/* Writes the analysis record into `out` (analysis_json without a copy). */
void record_write(const ng_analysis *an, unsigned flags, buf *out);

#endif /* NG_ANALYZE_H */
