/*
 * grammar.h -- what the time module's files share inside: the token view
 * of a sentence (view.c), the draft of an expression (recognize.c) and
 * its resolution into a TIMEX3 value (resolve.c), the tense of the
 * sentence around an expression (tense.c).
 *
 * The view splits hyphenated words into parts ("third-quarter" is third,
 * -, quarter) so that patterns see them, and keeps the segmenter token of
 * each part: extents always cover whole segmenter tokens.
 */
#ifndef NG_TIME_GRAMMAR_H
#define NG_TIME_GRAMMAR_H

#include "timex.h"

/* ---- the token view (view.c) ---------------------------------------- */

typedef enum tx_kind {
    TV_WORD = 0,
    TV_NUMBER,  /* digits: num is the value; ndigits for plain integers */
    TV_NUMWORD, /* a number word: num, wkind (amount_word_kind) */
    TV_HYPHEN,  /* the '-' inside a hyphenated word */
    TV_CLOCK,   /* 10:35 or 10am: num = minutes after midnight */
    TV_ISODATE, /* 2024-01-08 (or 2024-01): num = yyyymmdd (dd 0) */
    TV_DECADE,  /* 1990s, '80s: num = 1990 or 80 */
    TV_ORDNUM,  /* 21st: num = 21 */
    TV_PUNCT,   /* anything else that is not a word */
    TV_POSS     /* the clitic 's */
} tx_kind;

enum {
    TV_UPPER = 1u << 0,  /* starts with a capital */
    TV_PERIOD = 1u << 1, /* an abbreviation with its period (Sept.) */
    TV_JOINED = 1u << 2, /* no space before it (inside a word) */
    TV_FIRST = 1u << 3,  /* first token of the sentence */
    TV_AMPM = 1u << 4,   /* TV_CLOCK with a.m./p.m. glued (10am) */
    TV_STRONG = 1u << 5  /* a token only temporal expressions have (a
                            month, a unit, a number...): the grammar
                            runs only near one */
};

typedef struct tx_tok {
    uint32_t start, end;    /* byte span of this part */
    uint32_t seg;           /* index of its segmenter token */
    const timex_entry *lex; /* NULL when not in the lexicon */
    double num;
    uint8_t kind;    /* tx_kind */
    uint8_t flags;   /* TV_* */
    uint8_t ndigits; /* digits of a plain integer, else 0 */
    uint8_t wkind;   /* amount_word_kind of a TV_NUMWORD */
} tx_tok;

typedef struct tx_sent {
    const char *text;
    const seg_token *seg; /* the document's tokens */
    tx_tok *t;
    size_t n;
} tx_sent;

/* Fills *s with the view of the segmenter tokens [first, first + n);
 * `store` is grown as needed (malloc'ed, capped). False when out of
 * memory. */
typedef struct tx_buf {
    tx_tok *items;
    size_t cap;
    timex_index index; /* the lexicon by first letter */
} tx_buf;
bool timex_view(const char *text, const seg_token *tokens, size_t first,
                size_t n, tx_buf *store, tx_sent *s);

/* ---- drafts (recognize.c) --------------------------------------------- */

typedef enum tx_gran {
    G_NONE = 0,
    G_MILLENNIUM,
    G_CENTURY,
    G_DECADE,
    G_YEAR,
    G_HALF,
    G_QUARTER,
    G_SEASON,
    G_MONTH,
    G_WEEK,
    G_WEEKEND,
    G_DAY,
    G_PARTDAY,
    G_HOUR,
    G_MINUTE
} tx_gran;

typedef enum tx_dkind {
    DK_POINT = 1, /* a date whose fields are given (year maybe inferred) */
    DK_REL,       /* a shift of `shift` units from the DCT or the anchor */
    DK_WEEKDAY,   /* a weekday near the DCT or the anchor */
    DK_LITERAL,   /* value given as is (PRESENT_REF, P2Y, XXXX-WXX-1) */
    DK_DURATION   /* amount and unit: value built from them */
} tx_dkind;

typedef enum tx_tense { TT_NONE = 0, TT_PAST, TT_PRESENT, TT_FUTURE } tx_tense;

#define TX_NOYEAR (-999999)

typedef struct tx_draft {
    uint8_t kind;        /* tx_dkind */
    uint8_t type;        /* ng_time_type */
    uint8_t gran;        /* tx_gran of the value */
    bool anchored;       /* relative to the last date mentioned, not the DCT */
    bool year_infer;     /* month/day without a year: the year from context */
    bool follow_quarter; /* "a year ago": that quarter, after a quarter */
    bool latest;         /* "the latest quarter": the last complete one */
    bool current;        /* "this quarter": the DCT's */
    bool no_anchor;      /* a comparison ("a year earlier"): not a new anchor */
    bool in_span;        /* "in five years": a point ahead in the future */
    bool reported;       /* "the year": the one of the reported quarter */
    bool period;         /* "the same period": a quarter only in context */
    uint8_t tense;       /* tx_tense of the sentence around it */
    const char *mod;     /* TIMEX3 mod or NULL */
    /* DK_POINT */
    int year; /* TX_NOYEAR when absent; centuries and decades: 19, 198 */
    int8_t month, day, quarter, half, season, partday, weekday, holiday;
    int8_t hour, minute; /* -1 when absent */
    /* DK_REL and DK_WEEKDAY: the shift */
    uint8_t unit; /* timex_unit */
    int shift;
    bool vague; /* an unknown count: "several years ago" */
    /* DK_DURATION: amount of unit (0 with vague = X) */
    double amount;
    uint8_t dunit;
    /* DK_LITERAL */
    const char *literal;
} tx_draft;

/* A match: tokens [start, end) of the view and what they say. */
typedef struct tx_match {
    size_t start, end;
    tx_draft d;
} tx_match;

/*
 * Recognizes the expression that starts at token i of the sentence, the
 * longest that the grammar knows. Returns false when none starts there.
 */
bool timex_recognize(const tx_sent *s, size_t i, tx_match *m);

/* Makes duration draft d the point its length after the DCT ("in five
 * years" in a future clause). */
void timex_duration_ahead(tx_draft *d);

/* ---- tense (tense.c) --------------------------------------------------- */

/* The tense of the clause around tokens [i, j): the nearest verb cue
 * ("will", "said", "-ed"), TT_NONE without one. */
tx_tense timex_tense(const tx_sent *s, size_t i, size_t j);

/* ---- resolution (resolve.c) -----------------------------------------------
 */

/* A resolved point: what later expressions may be anchored to. */
typedef struct tx_point {
    uint8_t gran; /* G_NONE: no point */
    int year;
    int8_t month, day, quarter, half, season;
} tx_point;

typedef struct tx_state {
    bool has_dct;
    tx_point dct;           /* the article date as a day */
    tx_point last;          /* the last date mentioned (any granularity) */
    tx_point last_day;      /* the last date mentioned with a day */
    tx_point quarter;       /* the quarter the article reports on (resolve.c) */
    tx_point named_quarter; /* the quarter named last */
    bool day_ends_quarter;  /* last is a day named right after a quarter */
} tx_state;

/* Writes the value of draft d (max 32 bytes with NUL) and updates the
 * state's last date mentioned. */
void timex_resolve(tx_state *st, const tx_draft *d, char *value, size_t size);

#endif /* NG_TIME_GRAMMAR_H */
