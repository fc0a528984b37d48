/*
 * keyword.h -- keyphrases of an article and the hashtags of the native
 * header.
 *
 * kw_extract (extract.c) scores words and phrases of one to four words
 * from the article alone in the manner of YAKE (Campos et al., "YAKE!
 * Keyword extraction from single documents using multiple local
 * features", Information Sciences 509, 2020): how often a word comes,
 * where it first comes (early sentences weigh more), how often it is
 * capitalized or an acronym away from a sentence's start, in how many
 * sentences it is, and how varied its neighbours are (a word next to
 * many different words is a function word, not a topic). A phrase scores
 * by its words and its own frequency; near-duplicates of a better phrase
 * are dropped.
 *
 * kw_title_tags (tags.c) makes the native header's hashtags from a title:
 * its content words in order, case kept, stop words, numbers and
 * one-letter words dropped, no repeats, "U.S." as "US", "Afghan's" as
 * "Afghan" -- the convention of the corpus converters in ../shared/tools
 * that made samples/.
 *
 * Prefix: kw_. Everything lives in the caller's arena.
 */
#ifndef NG_KEYWORD_H
#define NG_KEYWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "../text/text.h"
#include "../util/util.h"
#include "newsgraph.h"

/* Keyphrases kept per article. */
#define KW_MAX 10

/*
 * The article's best keyphrases (at most KW_MAX), best first, in `a`.
 * score is the best phrase's YAKE score over this one's: 1 for the best,
 * smaller for the rest.
 */
ng_status kw_extract(const char *text, const seg_doc *doc, arena *a,
                     ng_keyword **out, size_t *count);

/* A stop word (English function words; w[0..n) in any case). */
bool kw_stop(const char *w, size_t n);

/* True when the stop list is sorted, as its binary search needs. */
bool kw_tables_sorted(void);

/*
 * Adds the hashtags of `text` (a title, or a keyphrase) to tags[*n ..],
 * at most `max` in all, skipping those already there (case-insensitive).
 * Each tag is a copy in `a`. False when out of memory.
 */
bool kw_title_tags(const char *text, arena *a, char **tags, size_t *n,
                   size_t max);

#endif /* NG_KEYWORD_H */
