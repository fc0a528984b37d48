/*
 * resolve.h -- entity resolution: mentions -> entities.
 *
 * In one article (article.c), mentions of one thing become one entity:
 *  - aliases of one entity of the alias table (alias.c, from
 *    models/aliases.tsv: countries with their codes, short forms and
 *    demonyms; organizations with theirs): "US", "America", "American"
 *    are the United States, whose name and type the entity takes;
 *  - the same name, titles dropped ("Maj. Gen. Patrick Ryder", "Patrick
 *    Ryder"), case, hyphens and particles folded ("Harakat al Nujaba",
 *    "Harakat al-Nujaba"); a name of two words or more joins its twin
 *    even when the tagger gave the two different types (the type of most
 *    mentions wins);
 *  - spelling variants of transliterated names: names of as many words
 *    whose words are equal or have the same consonant skeleton (q and c
 *    as k, vowels and doubled letters dropped: "Kassim Suleimani",
 *    "Qasim Suleimani"), one word at least equal;
 *  - an acronym and its expansion: "Islamic State (ISIS)" (a short form
 *    in parentheses after a name), or the initials of the name's words
 *    ("US", "United States"; "U.S." too);
 *  - a person's surname alone, or first name alone, joins the one
 *    person of the article whose name ends (begins) with it ("Ryder" ->
 *    "Patrick Ryder", "Suleimani" -> "Qasim Suleimani"); when two
 *    people share it ("Anna Kowalski", "Tomasz Kowalski") it joins
 *    neither: they stay apart.
 * An entity's name is its fullest mention, titles dropped.
 *
 * Sources of the rules: the within-document coreference heuristics of
 * Stanford's multi-pass sieve (Lee et al., Computational Linguistics
 * 39(4), 2013: exact match, strict head match, acronyms, demonyms left
 * to the alias tables); the consonant-skeleton matching of Arabic names
 * in Latin script (as in Lisbach and Meyer, "Linguistic Identity
 * Matching", 2013: vowels vary, consonants hold); AP style for titles.
 *
 * Prefix: resolve_.
 */
#ifndef NG_RESOLVE_H
#define NG_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/util.h"
#include "newsgraph.h"

/* ---- the alias table (alias.c) ------------------------------------- */

typedef struct resolve_alias_entry {
    const char *name; /* canonical */
    int type;         /* ng_entity_type */
    const char **aliases;
    size_t naliases;
} resolve_alias_entry;

typedef struct resolve_aliases {
    arena mem;
    strmap index; /* alias key -> entry */
    resolve_alias_entry *entries;
    size_t n;
    uint64_t hash; /* of the file, for the analyzer's model id */
} resolve_aliases;

/* Names and aliases longer than this are not looked up. */
enum { RESOLVE_ALIAS_MAX_NAME = 256 };

/* Loads models/aliases.tsv; NG_ERR_MODEL with the file (and line) in
 * `message` when it is missing or malformed. Free it either way. */
ng_status resolve_aliases_load(resolve_aliases *al, const char *path,
                               buf *message);
/* The same from the table's bytes data[0..len) (data[len] must be NUL;
 * the caller keeps data, which is changed); `name` for messages. */
ng_status resolve_aliases_from_memory(resolve_aliases *al, char *data,
                                      size_t len, const char *name,
                                      buf *message);
void resolve_aliases_free(resolve_aliases *al);
/* The entry whose canonical name or alias is `name`, or -1. */
int32_t resolve_alias_find(const resolve_aliases *al, const char *name);
const resolve_alias_entry *resolve_alias_entry_at(const resolve_aliases *al,
                                                  int32_t i);

/* ---- resolution in an article (article.c) --------------------------- */

typedef struct resolve_mention {
    ng_span span;     /* in the article's text */
    int type;         /* ng_entity_type */
    const char *name; /* the mention's words, whitespace collapsed */
} resolve_mention;

/*
 * Groups the mentions (in text order) of `text` into entities:
 * entity[k] gets mention k's entity, entities numbered in order of first
 * mention; *nentities their count; canonical[e] (size n) the alias
 * table's entry of entity e, or -1. Mentions that are aliases of one
 * entry of `al` (may be NULL) are one entity. Scratch memory in `a`.
 * False when out of memory.
 */
bool resolve_article(const char *text, size_t len, const resolve_mention *m,
                     size_t n, const resolve_aliases *al, arena *a,
                     uint32_t *entity, size_t *nentities, int32_t *canonical);

/* The mention's name without its leading titles ("Maj. Gen. Patrick
 * Ryder" -> "Patrick Ryder"): a pointer into name. Only a person's
 * (type NG_ENTITY_PER): "General Motors" keeps its first word. */
const char *resolve_strip_titles(const char *name, int type);

/* The consonant skeleton of word w[0..n) into out (size cap, NUL
 * terminated): lower case, q and c as k, ph as f, vowels, y, h after a
 * consonant and doubled letters dropped, the first letter kept. */
void resolve_skeleton(const char *w, size_t n, char *out, size_t cap);

#endif /* NG_RESOLVE_H */
