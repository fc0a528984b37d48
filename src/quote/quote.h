/*
 * quote.h -- quotes and reported speech with their speakers.
 *
 * quote_extract (extract.c) finds, in segmented text whose entities are
 * known:
 *  - direct quotes: spans between quotation marks of every style ("..."
 *    “...” ‘...’ '...' «...» „...“ ‹...›), nested marks kept inside the
 *    outer quote, a quote running over paragraphs when the next one opens
 *    with a mark again (the news convention);
 *  - blockquotes: a first-person paragraph without marks whose speaker
 *    the next paragraph names ("I am not aware ..." / "he announced on
 *    Monday Patrick Ryder ..."), or the previous one introduces ("X
 *    said:");
 *  - reported speech: "X said (that) ...", "X told reporters ...", "X
 *    denied that ...", "according to X, ...", "..., X said.";
 * and the speaker of each (speaker.c): an entity mention, a pronoun
 * resolved to the most recent compatible person, or a description ("the
 * major general") resolved to the one person the article gives that role,
 * else none: never a guess.
 *
 * Sources of the rules: the reporting verbs of Krestel, Bergler and Witte,
 * "Minding the Source: Automatic Tagging of Reported Speech in Newspaper
 * Articles" (LREC 2008) and Levin's verbs of communication (English Verb
 * Classes and Alternations, 1993, class 37); the attribution patterns
 * (cue, source, content) of the PARC corpus guidelines (Pareti, LREC
 * 2016); the quotation-mark conventions of the Chicago Manual of Style
 * (13.30, multi-paragraph quotes) and of French, German and Swedish
 * typography; the titles of AP style (Gen., Maj. Gen., Sen., Gov.).
 *
 * Prefix: quote_. Everything lives in the caller's arena.
 */
#ifndef NG_QUOTE_H
#define NG_QUOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "../text/text.h"
#include "../util/util.h"
#include "newsgraph.h"

/* At most this many quotes per article (a cap on what input can grow). */
#define QUOTE_MAX 100000

/*
 * Finds the quotes of `text` (segmented in `doc`) whose entities are
 * `ents` (the analysis' entities, may be empty). The array (ordered by
 * start, then kind) lives in `a`; speakers are indexes of `ents`.
 */
ng_status quote_extract(const char *text, const seg_doc *doc,
                        const ng_entity *ents, size_t nents, arena *a,
                        ng_quote **out, size_t *count);

/* ---- word tables (lexicon.c) ----------------------------------------- */

enum {
    QV_NOUN = 1u << 0,   /* also a noun (claims, reports): needs "that" or
                            a quote next to it */
    QV_OBJECT = 1u << 1, /* takes the hearer as object (told, asked) */
    QV_QUOTE = 1u << 2,  /* introduces only direct quotes (continued,
                            asked, replied) */
    QV_GERUND = 1u << 3, /* an -ing form */
    QV_THAT = 1u << 4    /* has a sense with a noun object ("announced the
                            winners", "conceded a penalty"): a claim needs
                            "that" or a subject pronoun after it */
};

typedef struct quote_verb {
    const char *form; /* lower case, as written in text */
    unsigned flags;   /* QV_* */
} quote_verb;

/* The reporting verb w[0..n) (case-insensitive), or NULL. */
const quote_verb *quote_verb_lookup(const char *w, size_t n);

/* Roles that descriptions and titles name ("general" for "Gen.", "the
 * major general", "Maj. Gen."). */
typedef struct quote_role {
    const char *word; /* as written: "Gen." and "general" both */
    uint8_t role;     /* the role's number */
    uint8_t gender;   /* QUOTE_MALE, QUOTE_FEMALE or 0 */
} quote_role;

enum { QUOTE_MALE = 1, QUOTE_FEMALE = 2 };
#define QUOTE_ROLES 64 /* role numbers are below this */

/* The role word w[0..n) (titles case-sensitive with their period, nouns
 * case-insensitive), or NULL. */
const quote_role *quote_role_lookup(const char *w, size_t n);

/* Personal pronouns that can be a speaker: QUOTE_MALE (he), QUOTE_FEMALE
 * (she), 3 (they, it: never resolved), 4 (I, we), else 0. */
int quote_pronoun(const char *w, size_t n);

/* First-person words (I, we, my, our, me, us, I'm, we're ...). */
bool quote_first_person(const char *w, size_t n);

/* Words between a subject and its reporting verb (also, has, later) and
 * the be-forms of a passive (was, are). */
bool quote_adverb(const char *w, size_t n);
bool quote_be(const char *w, size_t n);

/* True when the tables are sorted, as their binary searches need. */
bool quote_tables_sorted(void);

/* ---- internals shared by extract.c, reported.c and speaker.c -------- */

enum {
    QT_IN_QUOTE = 1u << 0, /* inside a direct quote's marks */
    QT_MARK = 1u << 1,     /* a quotation mark that opens or closes one */
    QT_CUE = 1u << 2       /* a verb already used as a quote's cue */
};

typedef struct quote_candidate quote_candidate; /* extract.c */

/* An organization's name by its head word ("Church" of "Church of
 * Scientology"), for "the church": speaker.c. */
typedef struct quote_head {
    uint64_t hash;  /* of the head word in lower case */
    int32_t entity; /* -2 when several organizations have it */
} quote_head;

typedef struct quote_ctx {
    const char *text;
    size_t len;
    const seg_doc *doc;
    const ng_entity *ents;
    size_t nents;
    int32_t *ent;    /* per token: the entity of a mention on it, or -1 */
    uint8_t *flags;  /* per token: QT_* */
    uint32_t *sent;  /* per token: its sentence */
    uint32_t *para;  /* per sentence: its paragraph */
    uint8_t *gender; /* per entity: QUOTE_MALE, QUOTE_FEMALE or 0 */
    int32_t role_ent[QUOTE_ROLES]; /* the one person of a role; -1 none,
                                    * -2 several */
    quote_head *heads;             /* sorted by hash (quote_roles_find) */
    size_t nheads;
    arena *a;
    quote_candidate *cands; /* quotation-mark pairs (extract.c) */
    size_t ncands;
    ng_quote *q; /* the quotes found so far (grown in the arena) */
    size_t nq, cap;
    bool nomem;
} quote_ctx;

/* The speaker of a cue: an entity (or -1) and the words that name it. */
typedef struct quote_speaker {
    int32_t entity;
    ng_span source;
} quote_speaker;

/* Token i's text and length. */
static inline const char *quote_tok(const quote_ctx *c, size_t i, size_t *n)
{
    const seg_token *t = &c->doc->tokens[i];
    *n = t->end - t->start;
    return c->text + t->start;
}

/* True when token i is the word w (case-insensitive, ASCII). */
bool quote_tok_is(const quote_ctx *c, size_t i, const char *w);
/* The first and one-past-last token of token i's sentence. */
void quote_sentence_bounds(const quote_ctx *c, size_t i, size_t *first,
                           size_t *end);
/* Adds a quote; false when out of memory or at the cap. */
bool quote_add(quote_ctx *c, const ng_quote *q);
/* The span of tokens [first, last]. */
ng_span quote_tokens_span(const quote_ctx *c, size_t first, size_t last);

/* Who speaks at the cue tokens [cue, cue_end): the subject before it
 * (not before token lo), else the name after it (not from token hi on).
 * speaker.c */
quote_speaker quote_speaker_at(const quote_ctx *c, size_t cue, size_t cue_end,
                               unsigned verb_flags, size_t lo, size_t hi);
/* The subject words before token `end` (not before lo): [*first, end). */
size_t quote_subject_start(const quote_ctx *c, size_t end, size_t lo);
/* The speaker named by the tokens [first, end) (a mention, pronoun or
 * description), ranking mentions nearest `end` first when backwards. */
quote_speaker quote_speaker_in(const quote_ctx *c, size_t first, size_t end,
                               bool backwards);
/* The first person (else organization) named in the sentence of token
 * `end`, before it. */
quote_speaker quote_sentence_subject(const quote_ctx *c, size_t end, size_t lo);
/* ", said Mauer, are required": a person's name at token i (before hi)
 * closed by a comma or period, the tokens [*first, *end); false when
 * none. */
bool quote_parenthetical_name(const quote_ctx *c, size_t i, size_t hi,
                              size_t *first, size_t *end);
/* Roles and genders of the article's people, from titles and
 * appositions ("Maj. Gen. Patrick Ryder", "Ryder, the spokesman"), and
 * the organizations' head words. */
void quote_roles_find(quote_ctx *c);
/* Skips adjuncts after a verb ("on Monday", "in a statement", ","):
 * the first token after them. */
size_t quote_skip_adjuncts(const quote_ctx *c, size_t i, size_t end);

/* Reported speech and "according to" (reported.c). */
void quote_find_reported(quote_ctx *c);

#endif /* NG_QUOTE_H */
