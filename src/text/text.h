/*
 * text.h -- normalization and segmentation of an article's text.
 *
 * text_normalize: UTF-8 check, line ends to "\n", control characters to
 * spaces, Unicode NFC (utf8proc) only when a character could change.
 * seg_segment: paragraphs (split at blank lines), sentences and tokens,
 * each a byte span of the normalized text. Everything is allocated in the
 * caller's arena.
 *
 * Prefixes: text_, seg_, abbrev_, uc_ (code point classes).
 */
#ifndef NG_TEXT_H
#define NG_TEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/util.h"
#include "newsgraph.h"

/* Sentences longer than this many tokens are cut (tables, lists). */
#define SEG_MAX_SENTENCE_TOKENS 400

typedef struct seg_token {
    uint32_t start, end;
    uint8_t kind;  /* ng_token_kind */
    uint8_t flags; /* SEG_* below */
} seg_token;

enum {
    SEG_SPACE_BEFORE = 1u << 0, /* whitespace (or paragraph start) before */
    SEG_ABBREV = 1u << 1,       /* a word that ends in its own period */
    SEG_UPPER = 1u << 2,        /* starts with an upper-case letter */
    SEG_LOWER = 1u << 3         /* starts with a lower-case letter */
};

typedef struct seg_sentence {
    uint32_t start, end;
    uint32_t first_token, ntokens;
} seg_sentence;

typedef struct seg_paragraph {
    uint32_t start, end;
    uint32_t first_sentence, nsentences;
} seg_paragraph;

typedef struct seg_doc {
    seg_token *tokens;
    size_t ntokens;
    seg_sentence *sentences;
    size_t nsentences;
    seg_paragraph *paragraphs;
    size_t nparagraphs;
} seg_doc;

/*
 * Normalizes text[0..len) into a new NUL-terminated string in `a`.
 * NG_ERR_INPUT when the text has invalid UTF-8 or a NUL byte (the reader
 * reports those with lines; this is the library's own guard).
 */
ng_status text_normalize(const char *text, size_t len, arena *a, char **out,
                         size_t *out_len);

/* Segments normalized text; the arrays live in `a`. */
ng_status seg_segment(const char *text, size_t len, arena *a, seg_doc *doc);

/* ---- abbreviations (abbrev.c) ---------------------------------------- */

typedef enum abbrev_kind {
    ABBREV_NONE = 0,
    ABBREV_TITLE,  /* Gen. Mr. Dr.: a name follows, never a sentence end */
    ABBREV_NUMBER, /* No. Vol.: only before a number */
    ABBREV_MONTH,  /* Jan. Feb.: a day or year usually follows */
    ABBREV_OTHER   /* Inc. Corp. etc.: may end a sentence */
} abbrev_kind;

/* The kind of the word s[0..len) (without its period), case-sensitive. */
abbrev_kind abbrev_lookup(const char *s, size_t len);

/* True for a capitalized word that commonly starts a sentence (The, He,
 * But...): after "U.S." it tells a sentence end from "U.S. Army". */
bool abbrev_is_sentence_starter(const char *s, size_t len);

/* True when the tables are sorted, as binary search needs (for a test). */
bool abbrev_tables_sorted(void);

/* ---- code points (uc.c) --------------------------------------------- */

/* Decodes the code point at s[i] (valid UTF-8 assumed); *n gets its length. */
static inline uint32_t uc_decode(const char *str, size_t i, size_t len,
                                 size_t *n)
{
    const unsigned char *s = (const unsigned char *)str + i;
    if (s[0] < 0x80) {
        *n = 1;
        return s[0];
    }
    size_t need = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    if (need > len - i) { /* cannot happen in validated text */
        *n = 1;
        return 0xFFFD;
    }
    *n = need;
    if (need == 2)
        return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    if (need == 3)
        return ((uint32_t)(s[0] & 0x0F) << 12) |
               ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
           ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

typedef enum uc_class {
    UC_SPACE,
    UC_UPPER, /* upper- or title-case letter */
    UC_LOWER, /* any other letter or a combining mark */
    UC_DIGIT,
    UC_APOS,   /* ' and the right single quote, both apostrophe and quote */
    UC_QUOTE,  /* " and the curly, guillemet and low-9 quotes */
    UC_HYPHEN, /* - and the Unicode hyphens */
    UC_DASH,   /* en, em and horizontal-bar dashes */
    UC_ELLIPSIS,
    UC_PUNCT, /* other punctuation */
    UC_SYMBOL /* currency, math, emoji, everything else */
} uc_class;

uc_class uc_classify(uint32_t cp);

extern const uint8_t uc_ascii_class[128];

/* The class of the character at text[i] and its length in *n. */
static inline uc_class uc_class_at(const char *text, size_t i, size_t len,
                                   size_t *n)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) {
        *n = 1;
        return (uc_class)uc_ascii_class[c];
    }
    return uc_classify(uc_decode(text, i, len, n));
}

static inline bool uc_is_letter(uc_class c)
{
    return c == UC_UPPER || c == UC_LOWER;
}

#endif /* NG_TEXT_H */
