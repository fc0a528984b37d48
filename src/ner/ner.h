/*
 * ner.h -- the named-entity tagger: a greedy left-to-right averaged
 * perceptron over BILOU labels, in two stages (the second sees the first
 * stage's predictions for the whole document), with hashed features looked
 * up in a compact feature dictionary.
 *
 * Modules and prefixes:
 *   ner_doc_*    a document to tag: tokens (strings), sentences (feat.c)
 *   ner_feat_*   per-token facts and feature extraction (feat.c)
 *   ner_model_*  the model file: load, check, write (model.c)
 *   ner_tag_*    decoding with a loaded model (tag.c)
 *   ner_train    the trainer (train.c)
 *   ner_gaz_*    gazetteer lists compiled from text files (gaz.c)
 *   ner_conll_*  CoNLL column files: parse, write, score (conll.c)
 *   ner_split_*  glued tokens from scraping ("Ryderthe") (split.c)
 *
 * Labels: 0 is O; 1 + 4 * type + {B, I, L, U} for the four types
 * PER, ORG, LOC, MISC. Nothing here keeps global mutable state: a loaded
 * model is read-only and shared by threads; every per-document scratch
 * buffer lives in the caller's arena.
 */
#ifndef NG_NER_H
#define NG_NER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"
#include "newsgraph.h"

enum { NER_NTYPES = 4, NER_NLABELS = 1 + 4 * NER_NTYPES };
enum { NER_B = 0, NER_I = 1, NER_L = 2, NER_U = 3 };

/* "PER", "ORG", "LOC", "MISC"; type in [0, NER_NTYPES). */
const char *ner_type_name(int type);
/* The type of a name (case-sensitive), -1 when unknown. */
int ner_type_parse(const char *s, size_t len);

static inline int ner_label(int type, int part)
{
    return 1 + 4 * type + part;
}
static inline int ner_label_type(int label)
{
    return label ? (label - 1) / 4 : -1;
}
static inline int ner_label_part(int label)
{
    return label ? (label - 1) % 4 : -1;
}

/* ---- hashing --------------------------------------------------------- */

/* A strong 64-bit mix (splitmix64's finalizer). */
static inline uint64_t ner_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

/* Hash of a byte string (FNV-1a, then mixed). */
uint64_t ner_hash(const char *s, size_t len);
/* Hash of s lowercased (ASCII letters only). */
uint64_t ner_hash_lower(const char *s, size_t len);

/* ---- hashed tables (open addressing, linear probing) ----------------- */

/*
 * A table of 2^bits slots, each a 32-bit fingerprint and a 32-bit value;
 * fingerprint 0 marks an empty slot. Keys are 64-bit hashes: the low bits
 * pick the slot, the high 32 bits are the fingerprint. Used for the
 * feature dictionary, the word clusters and the gazetteer.
 */
typedef struct ner_slot {
    uint32_t fp, value;
} ner_slot;

typedef struct ner_table {
    const ner_slot *slots;
    uint32_t mask; /* slots - 1 */
} ner_table;

static inline uint32_t ner_fp(uint64_t key)
{
    uint32_t fp = (uint32_t)(key >> 32);
    return fp ? fp : 1;
}

/* The value of `key`, or false when absent. */
static inline bool ner_table_get(const ner_table *t, uint64_t key,
                                 uint32_t *value)
{
    uint32_t fp = ner_fp(key), i = (uint32_t)key & t->mask;
    for (;;) {
        const ner_slot *s = &t->slots[i];
        if (s->fp == fp) {
            *value = s->value;
            return true;
        }
        if (s->fp == 0)
            return false;
        i = (i + 1) & t->mask;
    }
}

/* A growable table used while building (training, gazetteers). */
typedef struct ner_table_builder {
    ner_slot *slots;
    uint64_t *keys; /* full keys, to tell fingerprint clashes apart */
    uint32_t mask;
    uint32_t count;
} ner_table_builder;

bool ner_tb_init(ner_table_builder *b, unsigned bits);
/* The value slot for key, inserting `value_if_new` when absent; NULL when
 * out of memory. *is_new says whether it was inserted. */
uint32_t *ner_tb_put(ner_table_builder *b, uint64_t key, uint32_t value_if_new,
                     bool *is_new);
uint32_t *ner_tb_find(const ner_table_builder *b, uint64_t key);
void ner_tb_free(ner_table_builder *b);

/* ---- the model ------------------------------------------------------- */

/* A weight table: feature key -> row of NER_NLABELS weights, stored as
 * 16-bit integers (weight = value * scale): half the bytes of floats in
 * the hot loop, and scores add up exactly in 32-bit integers. */
typedef struct ner_weights {
    ner_table dict;
    const int16_t *rows; /* nrows * NER_NLABELS */
    uint32_t nrows;
    float scale;
} ner_weights;

/* Rounds float weights to 16 bits with one scale for all of them. */
void ner_quantize(const float *w, size_t n, int16_t *out, float *scale);

typedef struct ner_model {
    unsigned char *data; /* the whole file, malloc'ed; everything points in */
    size_t size;
    ner_table clusters;  /* word hash -> (path length << 24) | path bits */
    ner_table gaz;       /* phrase hash -> bit mask of lists */
    uint32_t gaz_maxlen; /* longest phrase, in tokens */
    ner_weights stage[2];
    const char *info; /* NUL-terminated text: what trained it */
} ner_model;

/* Model file format version and the feature-set hash (bumped whenever the
 * feature templates change, so an old model is refused, not misread). */
#define NER_MODEL_VERSION 1u
uint64_t ner_feature_set_hash(void);

/*
 * Loads and checks a model file. On failure returns NG_ERR_IO (cannot
 * read) or NG_ERR_MODEL with `msg` saying what is wrong.
 */
ng_status ner_model_load(ner_model *m, const char *path, buf *msg);
/* Checks a model held in memory (takes ownership of data, malloc'ed). */
ng_status ner_model_from_memory(ner_model *m, unsigned char *data, size_t size,
                                buf *msg);
void ner_model_free(ner_model *m);

/* ---- gazetteers -------------------------------------------------------- */

enum { NER_GAZ_MAX_LISTS = 16, NER_GAZ_MAX_LEN = 8 };

/* Names of the gazetteer lists, in bit order (files models/lex/NAME.txt). */
extern const char *const ner_gaz_lists[];
extern const size_t ner_gaz_nlists;

/* The bits of lists that rules outside the tagger look at, in the order
 * of ner_gaz_lists. */
enum {
    NER_GAZ_COUNTRIES = 0,
    NER_GAZ_CITIES = 1,
    NER_GAZ_REGIONS = 2,
    NER_GAZ_DEMONYMS = 3,
    NER_GAZ_FIRST_NAMES = 4,
    NER_GAZ_ORG_SUFFIXES = 5,
    NER_GAZ_ORG_NAMES = 6, /* well-known organizations */
    NER_GAZ_PERSON_TITLES = 7,
    NER_GAZ_ORG_WORDS = 11
};

/* Reads every list from dir into b (phrase hash -> list mask); *maxlen
 * gets the longest phrase in tokens. */
ng_status ner_gaz_build(const char *dir, ner_table_builder *b, uint32_t *maxlen,
                        buf *msg);

/* ---- documents --------------------------------------------------------- */

typedef struct ner_token {
    const char *s;
    uint32_t len;
} ner_token;

typedef struct ner_doc {
    ner_token *tokens;
    size_t ntokens;
    uint32_t *sent_start; /* nsent + 1 entries: sentence k is tokens */
    size_t nsent;         /* [sent_start[k], sent_start[k + 1]) */
} ner_doc;

/* The length in tokens of the longest phrase of gazetteer `list` that
 * starts at toks[0] (at most n tokens), 0 when none (feat.c). */
size_t ner_gaz_longest(const ner_model *m, const ner_token *toks, size_t n,
                       unsigned list);

/* Per-token facts computed once per document (feat.c). */
typedef struct ner_tokinfo {
    uint64_t word, lower, shape, norm; /* hashes */
    uint32_t cluster;                  /* (len << 24) | bits, 0 if none */
    uint32_t lcluster;                 /* the same of the lower-case form */
    uint32_t gaz[2];                   /* up to 16 lists x 4 bits: B I L U */
    uint8_t flags;                     /* NER_F_* */
} ner_tokinfo;

enum {
    NER_F_UPPER = 1,     /* first letter upper case */
    NER_F_ALLCAPS = 2,   /* letters, all upper case */
    NER_F_DIGIT = 4,     /* has a digit */
    NER_F_LOWER = 8,     /* first character lower case */
    NER_F_SENT_CAPS = 16 /* the whole sentence is in capitals */
};

/* Stage-2 facts: what stage 1 said about the same word in the document. */
typedef struct ner_docinfo {
    uint8_t pass1;     /* the stage-1 label of this token */
    uint8_t major;     /* 1 + the type most often given to this word
                        * elsewhere in the document, 0 when none */
    uint8_t types;     /* bit mask of types given elsewhere */
    uint8_t in_longer; /* 1 + type of a longer entity containing this word
                        * elsewhere in the document, 0 when none */
} ner_docinfo;

/* Features of one token: keys hashed from template ids and values. */
enum { NER_MAX_FEATS = 128 };

typedef struct ner_feats {
    uint64_t keys[NER_MAX_FEATS];
    unsigned n;
} ner_feats;

/* Fills info[0..ntokens) for doc. */
void ner_feat_tokinfo(const ner_model *m, const ner_doc *doc,
                      ner_tokinfo *info);

/*
 * The features of token i of the sentence [s, e) given the previous two
 * labels; `docinfo` is NULL in stage 1. Label-independent features come
 * first (ner_feat_static), then the history ones (ner_feat_history) so
 * that a decoder can score the static part once.
 */
void ner_feat_static(const ner_doc *doc, const ner_tokinfo *info,
                     const ner_docinfo *docinfo, size_t s, size_t e, size_t i,
                     ner_feats *f);
/* The stage-2 features of token i (the last ones ner_feat_static adds
 * when given docinfo), appended to f. */
void ner_feat_stage2(const ner_tokinfo *info, const ner_docinfo *docinfo,
                     size_t s, size_t e, size_t i, ner_feats *f);
void ner_feat_history(const ner_tokinfo *info, size_t i, int prev1, int prev2,
                      ner_feats *f);

/* Fills docinfo from stage-1 labels of the whole document. */
void ner_feat_docinfo(const ner_doc *doc, const uint8_t *labels,
                      ner_docinfo *docinfo, arena *a);

/* ---- tagging ----------------------------------------------------------- */

/* Tags the document with both stages: labels[0..ntokens). Scratch memory
 * comes from `a`. False when out of memory. */
bool ner_tag_doc(const ner_model *m, const ner_doc *doc, uint8_t *labels,
                 arena *a);

/* Greedy decoding of one stage over every sentence (used by training). */
void ner_tag_stage(const ner_weights *w, const ner_doc *doc,
                   const ner_tokinfo *info, const ner_docinfo *docinfo,
                   uint8_t *labels);

/* True when label `next` may follow `prev` in BILOU. */
bool ner_transition_ok(int prev, int next);

/* ---- glued words (split.c) ---------------------------------------------- */

/* Where to split a glued word ("Ryderthe" -> 5), or 0 to keep it whole;
 * word_follows: the next token is a word (a glued "the" or "on" opens a
 * phrase, so without one "Gustafon." stays whole). */
size_t ner_split_glued(const ner_model *m, const char *s, size_t len,
                       bool word_follows);

/* True when w[0..len) in lower case is a word of the model's vocabulary
 * (the Brown clusters): a common word ("Square"), not a name ("Perkins"). */
bool ner_common_word(const ner_model *m, const char *s, size_t len);

/* ---- spans ------------------------------------------------------------- */

typedef struct ner_span {
    uint32_t first, last; /* token indexes, inclusive */
    int type;
} ner_span;

/* Spans of a BILOU label sequence (invalid sequences repaired: an I or L
 * without a B starts a span). Returns the count; spans may be NULL to
 * count only. */
size_t ner_spans_bilou(const uint8_t *labels, size_t n, ner_span *spans);

#endif /* NG_NER_H */
