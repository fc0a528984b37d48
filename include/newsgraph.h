/*
 * newsgraph.h -- the public API of newsgraph, the only header users include.
 *
 * newsgraph turns news articles into a knowledge base in one SQLite file.
 * The API follows the data flow: read articles (ng_reader), analyze them
 * (ng_analyzer -> ng_analysis), store them (ng_store, ng_ingest) and ask the
 * store questions (ng_search).
 *
 * Conventions:
 *  - Every function that can fail returns an ng_status; 0 is NG_OK.
 *    ng_strerror() gives one sentence per code; handles carry a detail
 *    message (ng_reader_message, ng_store_message).
 *  - Handles are opaque. Every _open/_new has a _close/_free, and
 *    _close(NULL)/_free(NULL) do nothing.
 *  - Strings returned as `const char *` are owned by the object they came
 *    from and live as long as it does. Anything the caller must free says so.
 *  - The library never prints and never exits.
 *  - An ng_analyzer is read-only once made: many threads may share one.
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION_MAJOR  0
#define NG_VERSION_MINOR  1
#define NG_VERSION_PATCH  0
#define NG_VERSION_STRING "0.1.0"

/* The analysis record's schema version (design.md section 3). */
#define NG_RECORD_SCHEMA 1

/* Library version at run time, e.g. "0.1.0". */
const char *ng_version(void);

/* Status codes. Never renumbered; new codes are added at the end. */
typedef enum ng_status {
    NG_OK = 0,
    NG_ERR_NOMEM = 1,        /* an allocation failed */
    NG_ERR_IO = 2,           /* a file could not be opened, read or written */
    NG_ERR_INPUT = 3,        /* an input item is malformed and was skipped */
    NG_ERR_TOO_LARGE = 4,    /* an input item exceeds a documented cap */
    NG_ERR_ARG = 5,          /* an argument is invalid */
    NG_ERR_QUERY = 6,        /* a search query has bad syntax */
    NG_ERR_STORE = 7,        /* the SQLite store failed */
    NG_ERR_SCHEMA = 8,       /* the store's schema is newer than this library */
    NG_ERR_NOT_FOUND = 9,    /* the requested item does not exist */
    NG_DONE = 10,            /* no more items: the end of a sequence */
    NG_ERR_INTERRUPTED = 11, /* stopped on request */
    NG_ERR_MODEL = 12        /* a model file is missing, truncated or foreign */
} ng_status;

/* One sentence describing a status; never NULL. */
const char *ng_strerror(ng_status status);

/* ------------------------------------------------------------------ */
/* Articles                                                           */
/* ------------------------------------------------------------------ */

/*
 * One article as read from input. All strings are NUL-terminated UTF-8;
 * optional ones are NULL when the input does not give them. `text` may
 * contain no NUL byte. An article owns its strings; free it with
 * ng_article_free().
 */
typedef struct ng_article {
    char *id;    /* from the input, else the path (path:line for JSONL) */
    char *date;  /* "YYYY-MM-DD" or NULL when unknown */
    char *title; /* NULL when the input has none (native format) */
    char **tags; /* tags without '#', `ntags` of them */
    size_t ntags;
    char *url;
    char *source;
    char *text;      /* the body; paragraphs separated by blank lines */
    size_t text_len; /* strlen(text) */
    char *origin;    /* where it was read: "path" or "path:line" */
} ng_article;

/* Frees an article and all its strings. NULL is a no-op. */
void ng_article_free(ng_article *article);

/*
 * Makes a new article from parts (copies every string; NULL for absent
 * optional fields). `id` and `text` are required; `date`, when given, must
 * be a valid YYYY-MM-DD date. On success *out is owned by the caller.
 */
ng_status ng_article_new(ng_article **out, const char *id, const char *date,
                         const char *title, const char *const *tags,
                         size_t ntags, const char *text, size_t text_len);

/* ------------------------------------------------------------------ */
/* Reading                                                            */
/* ------------------------------------------------------------------ */

typedef enum ng_format {
    NG_FORMAT_AUTO = 0, /* by extension (.jsonl .ndjson .txt) and content */
    NG_FORMAT_NATIVE,   /* "date YYYY-MM-DD #tags" header, then paragraphs */
    NG_FORMAT_JSONL,    /* one JSON object a line with at least "text" */
    NG_FORMAT_TEXT      /* plain text, one article per file */
} ng_format;

/* Input caps (documented in the README): items above them are skipped. */
#define NG_MAX_LINE_BYTES    (16u << 20) /* one line of any input */
#define NG_MAX_ARTICLE_BYTES (16u << 20) /* one article's text */
#define NG_MAX_TAGS          1024u       /* tags of one article */
/* Tokens of one article: beyond it ng_analyze fails with NG_ERR_TOO_LARGE
 * (about 2.5 MB of English prose; the analysis of so many tokens peaks
 * near 100 MB, docs/limits.md). */
#define NG_MAX_ARTICLE_TOKENS 500000
/* A cap as a string literal, for messages: NG_STR(NG_MAX_ARTICLE_TOKENS). */
#define NG_STR(macro) NG_STR_(macro)
#define NG_STR_(x)    #x

typedef struct ng_read_options {
    ng_format format;         /* NG_FORMAT_AUTO unless overridden */
    const char *default_date; /* date for articles without one, or NULL */
} ng_read_options;

typedef struct ng_reader ng_reader;

/*
 * Opens a reader over files, directories (walked recursively in byte order
 * of their names, hidden entries skipped, files ending in .txt, .text,
 * .jsonl, .ndjson or .json taken) and "-" for standard input. Paths are
 * copied. `options` may be NULL. Fails only on bad arguments or memory:
 * unreadable paths are reported by ng_reader_next as they are reached.
 */
ng_status ng_reader_open(ng_reader **out, const char *const *paths,
                         size_t npaths, const ng_read_options *options);

/*
 * Opens a reader over a memory buffer (copied) named `name` in messages
 * and ids.
 */
ng_status ng_reader_open_memory(ng_reader **out, const char *name,
                                const void *data, size_t len,
                                const ng_read_options *options);

/*
 * Reads the next article. Returns:
 *  NG_OK     *out is a new article owned by the caller;
 *  NG_DONE   no more input;
 *  an error  an input item was skipped (NG_ERR_INPUT, NG_ERR_TOO_LARGE,
 *            NG_ERR_IO): ng_reader_message() says which file and line and
 *            why; call again to go on with the rest of the input.
 *  NG_ERR_NOMEM is the only status after which the reader cannot go on.
 */
ng_status ng_reader_next(ng_reader *reader, ng_article **out);

/* The message of the last problem, "path:line: what is wrong". */
const char *ng_reader_message(const ng_reader *reader);

/* Bytes consumed so far and the total known in advance (0 if unknown). */
void ng_reader_progress(const ng_reader *reader, uint64_t *done,
                        uint64_t *total);

/* Items skipped so far (each reported once through ng_reader_next). */
size_t ng_reader_skipped(const ng_reader *reader);

void ng_reader_close(ng_reader *reader);

/* ------------------------------------------------------------------ */
/* Analysis                                                           */
/* ------------------------------------------------------------------ */

typedef struct ng_analyzer ng_analyzer;
typedef struct ng_analysis ng_analysis;

/* Stages of the analysis that can be left out (ng_analyzer_options.skip):
 * their fields are then absent from the record and their rows from the
 * store. Normalization and segmentation always run. */
enum {
    NG_STAGE_ENTITIES = 1u << 0, /* no model is loaded */
    NG_STAGE_TIMES = 1u << 1,
    NG_STAGE_AMOUNTS = 1u << 2,
    NG_STAGE_QUOTES = 1u << 3,  /* quotes and reported speech */
    NG_STAGE_KEYWORDS = 1u << 4 /* keyphrases */
};

typedef struct ng_analyzer_options {
    /* Where the models are (ner.model): NULL for $NEWSGRAPH_MODELS, else
     * the directory compiled in (NG_MODELS_DIR, the source tree's
     * models/). */
    const char *models_dir;
    unsigned skip; /* NG_STAGE_* to leave out; 0 runs every stage */
} ng_analyzer_options;

/*
 * Makes an analyzer (read-only after this call, shareable by threads) and
 * loads its models; `options` may be NULL. A missing or bad model fails
 * with NG_ERR_MODEL (or NG_ERR_IO): *out then still holds a handle whose
 * ng_analyzer_message() says which file and why; free it either way.
 */
ng_status ng_analyzer_new(ng_analyzer **out,
                          const ng_analyzer_options *options);
void ng_analyzer_free(ng_analyzer *analyzer);

/*
 * The content hash the store keeps for an article: of every field of the
 * article as read and of what this analyzer does with it (its model, its
 * stages). Equal hashes mean re-analyzing would store the same rows, so
 * ingest skips the article without analyzing it.
 */
uint64_t ng_article_hash(const ng_analyzer *analyzer,
                         const ng_article *article);

/* Detail of the failure of ng_analyzer_new ("" when none). */
const char *ng_analyzer_message(const ng_analyzer *analyzer);

/* What trained the entity model, one line per fact (owned by the
 * analyzer). */
const char *ng_analyzer_model_info(const ng_analyzer *analyzer);

/*
 * Analyzes one article: normalizes its text (UTF-8 checked, NFC, line
 * ends), segments it into paragraphs, sentences and tokens, and finds its
 * times (normalized against article->date) and amounts. The article
 * is only read; the result owns copies of everything it needs.
 * NG_ERR_INPUT when the text or a metadata field is not valid UTF-8, or
 * the text holds a NUL byte; NG_ERR_TOO_LARGE when it has more than
 * NG_MAX_ARTICLE_TOKENS tokens.
 */
ng_status ng_analyze(const ng_analyzer *analyzer, const ng_article *article,
                     ng_analysis **out);
void ng_analysis_free(ng_analysis *analysis);

/* The normalized text that every offset refers to. */
const char *ng_analysis_text(const ng_analysis *analysis, size_t *len);

/* The article as analyzed: its fields, with `text` the normalized text.
 * Owned by the analysis. */
const ng_article *ng_analysis_article(const ng_analysis *analysis);

/* A byte span [start, end) of the normalized text. */
typedef struct ng_span {
    uint32_t start;
    uint32_t end;
} ng_span;

typedef enum ng_token_kind {
    NG_TOKEN_WORD = 0,
    NG_TOKEN_NUMBER,
    NG_TOKEN_PUNCT,
    NG_TOKEN_QUOTE,
    NG_TOKEN_SYMBOL,
    NG_TOKEN_URL,
    NG_TOKEN_EMAIL,
    NG_TOKEN_HASHTAG
} ng_token_kind;

/* "word", "number", ... */
const char *ng_token_kind_name(ng_token_kind kind);

size_t ng_analysis_paragraph_count(const ng_analysis *analysis);
size_t ng_analysis_sentence_count(const ng_analysis *analysis);
size_t ng_analysis_token_count(const ng_analysis *analysis);
ng_span ng_analysis_paragraph(const ng_analysis *analysis, size_t i);
ng_span ng_analysis_sentence(const ng_analysis *analysis, size_t i);
ng_span ng_analysis_token(const ng_analysis *analysis, size_t i,
                          ng_token_kind *kind);

/* Named entities: PER, ORG, LOC, MISC. */
typedef enum ng_entity_type {
    NG_ENTITY_PER = 0,
    NG_ENTITY_ORG,
    NG_ENTITY_LOC,
    NG_ENTITY_MISC
} ng_entity_type;

/* "PER", "ORG", "LOC", "MISC". */
const char *ng_entity_type_name(ng_entity_type type);
/* The type named s (case-insensitive); -1 when none. */
int ng_entity_type_parse(const char *s);

/*
 * An entity of one article: its mentions resolved to one thing (the same
 * name with titles dropped, spelling variants of a transliterated name,
 * an acronym and its expansion, a person's surname or first name when
 * one person of the article has it; src/resolve). `name` is the fullest
 * mention without titles; `type` that of most mentions.
 */
typedef struct ng_entity {
    const char *name;
    ng_entity_type type;
    const ng_span *mentions; /* byte spans of the normalized text */
    size_t nmentions;
    /* The alias table's other names of the entity (models/aliases.tsv:
     * "US", "USA", "American" for the United States), or none. */
    const char *const *aliases;
    size_t naliases;
} ng_entity;

/* Entities in order of first mention. */
size_t ng_analysis_entity_count(const ng_analysis *analysis);
const ng_entity *ng_analysis_entity(const ng_analysis *analysis, size_t i);
/* ---- Times ----------------------------------------------------------
 * Temporal expressions normalized to TimeML TIMEX3 values against the
 * article's date (design.md section 3). Extents follow TimeML: "on Friday"
 * is the expression "Friday". Without an article date, values that need
 * one stay underspecified (XXXX-01-05, XXXX-WXX-5).
 */
typedef enum ng_time_type {
    NG_TIME_DATE = 0, /* 2024-01-05, 2024-01, 2013, 2024-W02, PRESENT_REF */
    NG_TIME_TIME,     /* 2024-01-05T10:30, 2024-01-05TMO */
    NG_TIME_DURATION, /* P2D, P20Y, PT3H, PXY */
    NG_TIME_SET       /* P1D (daily), XXXX-WXX-1 (Mondays) */
} ng_time_type;

typedef struct ng_time {
    ng_span span;
    ng_time_type type;
    const char *value; /* the TIMEX3 value */
    const char *mod;   /* TIMEX3 mod (MORE_THAN, APPROX, START...) or NULL */
} ng_time;

/* "DATE", "TIME", "DURATION", "SET". */
const char *ng_time_type_name(ng_time_type type);

/* The article's times, ordered by start, not overlapping. The items and
 * their strings are owned by the analysis; NULL when i is out of range. */
size_t ng_analysis_time_count(const ng_analysis *analysis);
const ng_time *ng_analysis_time(const ng_analysis *analysis, size_t i);

/* ---- Amounts --------------------------------------------------------
 * Numbers with what they count: "2,500 troops" (2500, troops), "nearly
 * 100 people" (100, approximately), "$3bn" (3e9 USD), "20%". Years,
 * dates, clock times, durations (those are times), ordinals and telephone
 * numbers are not amounts.
 */
typedef enum ng_amount_kind {
    NG_AMOUNT_NUMBER = 0, /* a number with nothing counted */
    NG_AMOUNT_COUNT,      /* a count of something: 2,500 troops */
    NG_AMOUNT_MONEY,      /* with a currency: $3bn */
    NG_AMOUNT_PERCENT,    /* 20%, 20 percent */
    NG_AMOUNT_MEASURE     /* with a unit of measure: 10 km, 5 tonnes */
} ng_amount_kind;

enum {
    NG_AMOUNT_APPROX = 1u << 0,   /* about, nearly, some, roughly ... */
    NG_AMOUNT_HAS_LOW = 1u << 1,  /* `low` is a bound: more than, at least */
    NG_AMOUNT_HAS_HIGH = 1u << 2, /* `high` is a bound: up to, less than */
    NG_AMOUNT_INFERRED = 1u << 3, /* the unit comes from an earlier amount
                                     ("900 in Syria", "hundreds more") */
    NG_AMOUNT_VAGUE = 1u << 4     /* hundreds, thousands, dozens */
};

typedef struct ng_amount {
    ng_span span;
    ng_amount_kind kind;
    unsigned flags;       /* NG_AMOUNT_* */
    double value;         /* the number (the low end of a range) */
    double low, high;     /* bounds, when the flags say so */
    const char *mod;      /* the qualifier as a word: "about", "nearly",
                             "more_than", "at_least", "up_to", "less_than",
                             "range", or NULL */
    const char *unit;     /* what is counted or measured, or NULL */
    const char *currency; /* ISO 4217 code for money, else NULL */
} ng_amount;

/* "number", "count", "money", "percent", "measure". */
const char *ng_amount_kind_name(ng_amount_kind kind);

/* The article's amounts, ordered by start. Owned by the analysis; NULL
 * when i is out of range. */
size_t ng_analysis_amount_count(const ng_analysis *analysis);
const ng_amount *ng_analysis_amount(const ng_analysis *analysis, size_t i);

/* ---- Quotes ---------------------------------------------------------
 * Direct quotes (in quotation marks of any style, across sentences and
 * paragraphs), blockquotes (a paragraph of speech without marks, its
 * speaker named in the paragraph next to it) and reported speech ("Ryder
 * said he was not aware that ...", "according to X, ..."), each with its
 * speaker when the article says who it is (src/quote).
 */
typedef enum ng_quote_kind {
    NG_QUOTE_DIRECT = 0, /* the words inside the quotation marks */
    NG_QUOTE_BLOCKQUOTE, /* a whole paragraph of speech without marks */
    NG_QUOTE_REPORTED    /* the claim of indirect speech */
} ng_quote_kind;

typedef struct ng_quote {
    ng_span span; /* the quoted words or the claim */
    ng_quote_kind kind;
    int32_t speaker;  /* index of ng_analysis_entity, or -1: unknown */
    ng_span source;   /* the words naming the speaker ("Patrick Ryder",
                       * "he", "the major general"); {0, 0} when none */
    ng_span cue;      /* the verb or cue ("said", "according to");
                       * {0, 0} when none */
    const char *verb; /* the cue's words in lower case, or NULL */
} ng_quote;

/* "direct", "blockquote", "reported". */
const char *ng_quote_kind_name(ng_quote_kind kind);

/* The article's quotes, ordered by start. Owned by the analysis; NULL
 * when i is out of range. */
size_t ng_analysis_quote_count(const ng_analysis *analysis);
const ng_quote *ng_analysis_quote(const ng_analysis *analysis, size_t i);

/* ---- Keywords -------------------------------------------------------
 * Keyphrases of one to four words scored from the article alone in the
 * manner of YAKE (position, frequency, casing, spread over sentences,
 * variety of neighbours; src/keyword).
 */
typedef struct ng_keyword {
    const char *term; /* as first written in the article */
    double score;     /* 1 for the best phrase, less for the others */
} ng_keyword;

/* The article's keyphrases, best first. Owned by the analysis; NULL
 * when i is out of range. */
size_t ng_analysis_keyword_count(const ng_analysis *analysis);
const ng_keyword *ng_analysis_keyword(const ng_analysis *analysis, size_t i);

/*
 * The hashtags of the native header for a title: its content words in
 * order, case kept, stop words, numbers and one-letter words dropped, no
 * repeats ("Pentagon denies preparing to withdraw American troops from
 * Iraq" -> Pentagon denies preparing withdraw American troops Iraq). With
 * title NULL, proposed from the analysis' keyphrases instead (best
 * first). At most `max` tags; *tags is a malloc'ed array of malloc'ed
 * strings the caller frees with ng_tags_free.
 */
ng_status ng_header_tags(const char *title, const ng_analysis *analysis,
                         size_t max, char ***tags, size_t *ntags);
void ng_tags_free(char **tags, size_t ntags);

/* What ng_analysis_json writes beyond the always-present fields. */
enum {
    NG_JSON_SPANS = 1u << 0 /* paragraphs, sentences and tokens */
};

/*
 * Writes the analysis record (design.md section 3) as one line of JSON
 * without a newline. *json is malloc'ed and owned by the caller.
 */
ng_status ng_analysis_json(const ng_analysis *analysis, unsigned flags,
                           char **json, size_t *len);

/* ------------------------------------------------------------------ */
/* The entity tagger on CoNLL columns (evaluation and training)       */
/* ------------------------------------------------------------------ */

/*
 * A CoNLL file: one token per line (first column), blank lines between
 * sentences, -DOCSTART- lines between documents; the last column, when it
 * is a tag (IOB1, IOB2, BIOES; types PER ORG LOC MISC), is the gold
 * standard.
 */
typedef struct ng_conll ng_conll;

/* Parses data[0..len) (copied). NG_ERR_TOO_LARGE above 1 GiB. */
ng_status ng_conll_parse(ng_conll **out, const char *data, size_t len);
size_t ng_conll_token_count(const ng_conll *conll);
/* 1 when every token line has a gold tag in its last column. */
int ng_conll_has_gold(const ng_conll *conll);
/* Tags every token with the analyzer's entity model. */
ng_status ng_conll_tag(const ng_analyzer *analyzer, ng_conll *conll);
/* Every line with one more column, the predicted tag in IOB2 (B-X, I-X,
 * O); -DOCSTART- lines get O, blank lines stay blank. *out is malloc'ed
 * and owned by the caller. */
ng_status ng_conll_write(const ng_conll *conll, char **out, size_t *len);
void ng_conll_free(ng_conll *conll);

#define NG_NER_TYPES 4 /* index NG_NER_TYPES of the arrays is overall */

/* Entity-level scores (conlleval: a predicted entity counts when start,
 * end and type match a gold one). Zero it, add files with
 * ng_conll_score, then ng_ner_score_finish fills the percentages. */
typedef struct ng_ner_score {
    uint64_t gold[NG_NER_TYPES + 1];
    uint64_t predicted[NG_NER_TYPES + 1];
    uint64_t correct[NG_NER_TYPES + 1];
    uint64_t tokens, tokens_correct;
    double precision[NG_NER_TYPES + 1]; /* percent */
    double recall[NG_NER_TYPES + 1];
    double f1[NG_NER_TYPES + 1];
} ng_ner_score;

/* Adds the file's counts (gold vs tagged); NG_ERR_INPUT without gold. */
ng_status ng_conll_score(const ng_conll *conll, ng_ner_score *score);
void ng_ner_score_finish(ng_ner_score *score);
/* "PER" ... "MISC" for 0..3, "overall" for NG_NER_TYPES. */
const char *ng_ner_type_name(int type);

/* Training the entity model from CoNLL files. */
typedef struct ng_ner_train_options {
    const char *train_path;    /* CoNLL-2003 style training file */
    const char *dev_path;      /* held-out file for early stopping */
    const char *clusters_path; /* Brown clusters: bits<TAB>word<TAB>count,
                                * or NULL */
    const char *lexicon_dir;   /* gazetteer lists (models/lex), or NULL */
    const char *output_path;   /* the model file to write */
    unsigned seed;             /* shuffling; the same seed, the same model */
    unsigned max_epochs;       /* 0 = 30 */
    unsigned patience;         /* epochs without gain before stopping; 0 = 8 */
    unsigned threads;          /* 0 = 2 */
    /* Progress lines (without newline), from the calling thread. */
    void (*on_progress)(void *ctx, const char *line);
    void *ctx;
} ng_ner_train_options;

/*
 * Trains both stages, writes the model, and fills *dev with the final
 * model's dev scores (may be NULL). On failure `message` (size bytes)
 * says why.
 */
ng_status ng_ner_train(const ng_ner_train_options *options, ng_ner_score *dev,
                       char *message, size_t size);

/* ------------------------------------------------------------------ */
/* The store                                                          */
/* ------------------------------------------------------------------ */

typedef struct ng_store ng_store;

enum {
    NG_STORE_READONLY = 1u << 0 /* open an existing store for reading */
};

/* The store schema version this library writes (PRAGMA user_version). */
#define NG_STORE_SCHEMA 6

/*
 * Opens (creating and migrating unless read-only) the store at `path`.
 * On failure *out may still hold a handle whose message says why; close
 * it either way.
 */
ng_status ng_store_open(ng_store **out, const char *path, unsigned flags);
void ng_store_close(ng_store *store);

/* Detail of the last failure on this handle. */
const char *ng_store_message(const ng_store *store);

/* Ingest: read, analyze in worker threads, write in batched transactions. */
typedef struct ng_ingest_progress {
    uint64_t articles_read;
    /* After a failure, the two below count only committed articles: the
     * last transaction is rolled back. */
    uint64_t articles_added;   /* new articles */
    uint64_t articles_updated; /* same id, changed content */
    uint64_t articles_same;    /* already present, unchanged */
    uint64_t items_skipped;    /* bad input items (reported one by one) */
    uint64_t bytes_done;       /* input bytes consumed */
    uint64_t bytes_total;      /* 0 when unknown (stdin) */
} ng_ingest_progress;

typedef struct ng_ingest_options {
    unsigned threads; /* analysis threads; 0 = one per core */
    unsigned batch;   /* articles per transaction; 0 = default */
    /* Called from the calling thread for each skipped input item. */
    void (*on_problem)(void *ctx, ng_status status, const char *message);
    /* Called from the calling thread now and then, and once at the end. */
    void (*on_progress)(void *ctx, const ng_ingest_progress *progress);
    void *ctx;
} ng_ingest_options;

/*
 * Reads every article from `reader`, analyzes and stores it. Articles are
 * keyed by id: an unchanged article is not written again, a changed one
 * replaces the old. Returns NG_OK when every readable article was stored
 * (skipped input items are counted in *progress, which may be NULL), or
 * the first store or memory failure.
 */
ng_status ng_ingest(ng_store *store, const ng_analyzer *analyzer,
                    ng_reader *reader, const ng_ingest_options *options,
                    ng_ingest_progress *progress);

/* Search. */
typedef struct ng_search_query {
    const char *query; /* the query language: see ng_query_help() */
    const char *since; /* YYYY-MM-DD or NULL */
    const char *until; /* YYYY-MM-DD or NULL, inclusive */
    const char *tag;   /* NULL or one tag, case-insensitive */
    unsigned limit;    /* 0 = 10 */
    unsigned offset;
    /* Only articles that mention an entity of this name (case-insensitive;
     * NULL = any article), of this type when entity_type is given. */
    const char *entity;
    const char *entity_type; /* "PER", "ORG", "LOC", "MISC" or NULL */
} ng_search_query;

typedef struct ng_search_hit {
    const char *id;
    const char *date;        /* NULL when unknown */
    const char *title;       /* NULL when none */
    const char *const *tags; /* `ntags` tags */
    size_t ntags;
    const char *snippet;  /* a passage of the text around the matches */
    const ng_span *marks; /* matched terms, byte spans of `snippet` */
    size_t nmarks;
    double score; /* BM25, larger is better */
} ng_search_hit;

typedef struct ng_search_result ng_search_result;

/*
 * Runs a search. On NG_ERR_QUERY the store message explains what is wrong
 * with the query in words. *out is owned by the caller.
 */
ng_status ng_search(ng_store *store, const ng_search_query *query,
                    ng_search_result **out);
size_t ng_search_result_count(const ng_search_result *result);
/* Matching articles in all (not only this page). */
uint64_t ng_search_result_total(const ng_search_result *result);
const ng_search_hit *ng_search_result_hit(const ng_search_result *result,
                                          size_t i);
void ng_search_result_free(ng_search_result *result);

/* A short description of the query language, for --help. */
const char *ng_query_help(void);

/* Timelines: matching articles per day, week or month (by article date). */
typedef enum ng_period {
    NG_PERIOD_DAY = 0,
    NG_PERIOD_WEEK, /* ISO 8601 weeks, Monday first: 2024-W02 */
    NG_PERIOD_MONTH,
    NG_PERIOD_AUTO /* ng_store_entity only: days for up to 62 days, weeks
                      for up to a year, else months */
} ng_period;

typedef struct ng_timeline_query {
    const char *query; /* the query language: see ng_query_help() */
    const char *since; /* YYYY-MM-DD or NULL */
    const char *until; /* YYYY-MM-DD or NULL, inclusive */
    const char *tag;   /* NULL or one tag, case-insensitive */
    ng_period by;
    const char *entity;      /* as in ng_search_query */
    const char *entity_type; /* as in ng_search_query */
} ng_timeline_query;

typedef struct ng_timeline_point {
    char period[11]; /* "2024-01-08", "2024-W02" or "2024-01" */
    char start[11];  /* the period's first day, YYYY-MM-DD */
    uint64_t articles;
} ng_timeline_point;

typedef struct ng_timeline ng_timeline;

/*
 * Counts the articles matching q->query per period, oldest first. Periods
 * without a match between the first and the last one (or since and
 * until, when given) are included with 0. *out is owned by the caller.
 * NG_ERR_QUERY (message on the store) for a malformed query.
 */
ng_status ng_timeline_get(ng_store *store, const ng_timeline_query *q,
                          ng_timeline **out);
size_t ng_timeline_count(const ng_timeline *timeline);
/* Owned by the timeline; NULL when i is out of range. */
const ng_timeline_point *ng_timeline_at(const ng_timeline *timeline, size_t i);
/* Matching dated articles in all periods, and matching undated ones
 * (counted only when neither since nor until is given). */
uint64_t ng_timeline_total(const ng_timeline *timeline);
uint64_t ng_timeline_undated(const ng_timeline *timeline);
void ng_timeline_free(ng_timeline *timeline);

/*
 * Reads one stored article by id (or, when no id matches, by its row
 * number). *out is owned by the caller. NG_ERR_NOT_FOUND when absent.
 */
ng_status ng_store_article(ng_store *store, const char *id, ng_article **out);

/* What is in the store. */
typedef struct ng_store_stats {
    uint64_t articles;
    uint64_t text_bytes;
    uint64_t sentences;
    uint64_t tokens;
    uint64_t undated;
    char first_date[11]; /* "" when no dated article */
    char last_date[11];
    int schema_version;
    uint64_t file_bytes;
} ng_store_stats;

ng_status ng_store_stats_get(ng_store *store, ng_store_stats *stats);

/* The `n` most used tags, most used first; *count set to how many. */
typedef struct ng_tag_count {
    char tag[64];
    uint64_t articles;
} ng_tag_count;

ng_status ng_store_top_tags(ng_store *store, ng_tag_count *tags, size_t n,
                            size_t *count);

/*
 * The analysis of a stored article, read back from the store's entities,
 * mentions, times, amounts, quotes and keywords tables in the shapes of
 * the analysis
 * (offsets are byte offsets into the stored text). Entities are in order
 * of first mention (their index is the record's entity id), times and
 * amounts by start. Everything is owned by the struct: free it with
 * ng_stored_analysis_free(). A stage that was skipped at ingest leaves
 * its array empty.
 */
typedef struct ng_stored_analysis {
    const ng_entity *entities;
    size_t nentities;
    const ng_time *times;
    size_t ntimes;
    const ng_amount *amounts;
    size_t namounts;
    void *mem; /* internal */
    /* By start; speaker is an index of `entities` (or -1). The store
     * keeps no cue span: cue is {0, 0}. */
    const ng_quote *quotes;
    size_t nquotes;
    const ng_keyword *keywords; /* best first */
    size_t nkeywords;
} ng_stored_analysis;

/*
 * Reads one stored article (as ng_store_article: by id, else row number)
 * and its analysis, in one read transaction so that the offsets fit the
 * text even while an ingest replaces the article. Both results are owned
 * by the caller. NG_ERR_NOT_FOUND when absent.
 */
ng_status ng_store_article_analysis(ng_store *store, const char *id,
                                    ng_article **article,
                                    ng_stored_analysis **analysis);
void ng_stored_analysis_free(ng_stored_analysis *analysis);

/* Entities in the store: the most mentioned, and one in detail. */
typedef enum ng_entity_order {
    NG_ORDER_MENTIONS = 0, /* most mentions first */
    NG_ORDER_ARTICLES      /* mentioned in most articles first */
} ng_entity_order;

typedef struct ng_entity_query {
    const char *type;  /* "PER", "ORG", "LOC", "MISC" or NULL for all */
    const char *since; /* only mentions in articles dated D or later */
    const char *until; /* ... or earlier (inclusive); YYYY-MM-DD or NULL */
    unsigned limit;    /* 0 = 20 (ng_store_entity: articles listed) */
    /* ng_store_entities only: count only the articles that match this
     * search query (ng_query_help(); NULL = every article), have this tag,
     * and mention an entity of this name (case-insensitive; of
     * entity_type when given). */
    const char *query;
    const char *tag;
    const char *entity;
    const char *entity_type;
    ng_entity_order order; /* ng_store_entities: the order of the list */
    /* ng_store_entity only: */
    unsigned offset;  /* articles skipped before the listed ones */
    ng_period by;     /* the periods of `periods` (NG_PERIOD_DAY when 0) */
    unsigned related; /* co-mentioned entities to list; 0 = 10 */
} ng_entity_query;

typedef struct ng_entity_count {
    const char *name;
    const char *type;
    uint64_t mentions; /* within the query's dates */
    uint64_t articles;
    const char *first_date; /* NULL when every article is undated */
    const char *last_date;
} ng_entity_count;

typedef struct ng_entity_day {
    const char *date;
    uint64_t mentions;
    uint64_t articles;
} ng_entity_day;

typedef struct ng_entity_article {
    const char *id;    /* the article's doc_id */
    const char *date;  /* NULL when undated */
    const char *title; /* NULL when none */
    uint64_t mentions;
    const char *snippet; /* the text around the first mention */
    ng_span mark;        /* the first mention within `snippet` */
    const char *const *tags;
    size_t ntags;
} ng_entity_article;

/* An entity's mentions in one period; gaps are periods with zeros. */
typedef struct ng_entity_period {
    char period[11]; /* "2024-01-08", "2024-W02" or "2024-01" */
    char start[11];  /* the period's first day */
    uint64_t mentions;
    uint64_t articles;
} ng_entity_period;

typedef struct ng_entity_list {
    ng_entity_count *items; /* most mentioned first */
    size_t count;
    /* Filled by ng_store_entity only: */
    ng_entity_day *days; /* mentions per date, oldest first */
    size_t ndays;
    ng_entity_article *articles; /* newest first, at most the limit */
    size_t narticles;
    ng_entity_period *periods; /* mentions per query->by period, oldest
                                  first, gaps filled (at most 100,000) */
    size_t nperiods;
    ng_period by;             /* the period used (AUTO resolved) */
    ng_entity_count *related; /* the entities mentioned in the same
                                 articles: `articles` counts the shared
                                 articles (most first), `mentions` their
                                 mentions there, the dates those of the
                                 shared articles */
    size_t nrelated;
    void *mem; /* internal */
    /* Filled by ng_store_entity only: every name it goes by (its
     * mentions' spellings and the alias table's), sorted. */
    const char **aliases;
    size_t naliases;
} ng_entity_list;

/* The most mentioned entities (of the articles query's filters keep);
 * *out is owned by the caller. NG_ERR_QUERY for a malformed query. */
ng_status ng_store_entities(ng_store *store, const ng_entity_query *query,
                            ng_entity_list **out);

/*
 * The entity named `name` or going by it (any alias: "USA", "American",
 * "Suleimani"; case-insensitive; of query->type when given, else the most
 * mentioned): items[0] is its count, days and periods its mentions over
 * time, articles the articles that mention it (query->offset and limit
 * page them; items[0].articles is how many in all), related the entities
 * that appear with it and aliases its names. Counts are within
 * query->since and until. NG_ERR_NOT_FOUND when no entity has that name.
 */
ng_status ng_store_entity(ng_store *store, const char *name,
                          const ng_entity_query *query, ng_entity_list **out);
void ng_entity_list_free(ng_entity_list *list);

/* Quotes in the store. */
typedef struct ng_quote_query {
    const char *speaker; /* an entity name (case-insensitive; a surname
                          * finds the full name) or NULL for all */
    const char *words;   /* words the quote must contain, or NULL */
    const char *kind;    /* "direct", "blockquote", "reported" or NULL */
    const char *since;   /* articles dated D or later, YYYY-MM-DD or NULL */
    const char *until;   /* ... or earlier (inclusive) */
    unsigned limit;      /* 0 = 20 */
    unsigned offset;     /* quotes skipped before the listed ones */
    const char *speaker_type; /* only speakers of this type (PER, ORG,
                               * LOC, MISC in any case), or NULL */
    const char *entity;       /* only the quotes of the one entity that
                               * ng_store_entity finds by this name or alias
                               * (of speaker_type when given), or NULL */
} ng_quote_query;

typedef struct ng_quote_hit {
    const char *article; /* the article's doc_id */
    const char *date;    /* NULL when undated */
    const char *kind;
    const char *text;         /* the quote or claim */
    const char *speaker;      /* the entity's name, or NULL */
    const char *speaker_type; /* its type, or NULL */
    const char *source;       /* the words naming the speaker, or NULL */
    const char *verb;         /* or NULL */
    ng_span span;             /* in the article's text */
} ng_quote_hit;

typedef struct ng_quote_list {
    ng_quote_hit *items; /* newest article first, then in text order */
    size_t count;
    void *mem;      /* internal */
    uint64_t total; /* quotes matching q in all, not only those listed */
} ng_quote_list;

/* The quotes matching q (NULL for all); *out is owned by the caller.
 * A speaker matches by its entity's name, any alias it goes by (the
 * aliases table: "American" finds the United States' quotes) or the
 * name's last word. NG_ERR_ARG (message on the store) for a bad date,
 * kind or type. */
ng_status ng_store_quotes(ng_store *store, const ng_quote_query *q,
                          ng_quote_list **out);
void ng_quote_list_free(ng_quote_list *list);

/* The co-occurrence network of entities: nodes are the most mentioned
 * entities, an edge joins two that occur in the same articles, weighted
 * by how many. */
typedef struct ng_graph_query {
    const char *since;   /* only articles dated D or later, or NULL */
    const char *until;   /* ... or earlier (inclusive) */
    const char *type;    /* only entities of this type, or NULL */
    unsigned min_weight; /* edges in at least this many articles; 0 = 1 */
    unsigned max_nodes;  /* the most mentioned entities kept; 0 = 500 */
} ng_graph_query;

typedef struct ng_graph_node {
    int64_t id; /* entities.id */
    const char *name;
    const char *type;
    uint64_t mentions; /* within the dates */
    uint64_t articles;
} ng_graph_node;

typedef struct ng_graph_edge {
    size_t source, target; /* indexes of nodes, source < target */
    uint64_t weight;       /* articles where both occur */
} ng_graph_edge;

typedef struct ng_graph {
    ng_graph_node *nodes; /* most mentioned first */
    size_t nnodes;
    ng_graph_edge *edges; /* heaviest first */
    size_t nedges;
    void *mem; /* internal */
} ng_graph;

/* NG_ERR_ARG (message on the store) for bad dates or type. */
ng_status ng_store_graph(ng_store *store, const ng_graph_query *q,
                         ng_graph **out);
void ng_graph_free(ng_graph *graph);

/* Keyphrases in the store, weighted by the corpus: a term's weight is its
 * score times its IDF, ln(articles / articles with the term). */
typedef struct ng_keyword_query {
    const char *article; /* one article (its id or row number), or NULL:
                          * the terms of all articles in the dates */
    const char *since;   /* YYYY-MM-DD or NULL */
    const char *until;   /* YYYY-MM-DD or NULL, inclusive */
    unsigned limit;      /* 0 = 20 */
} ng_keyword_query;

typedef struct ng_keyword_weight {
    const char *term;
    double score;      /* in the article, or summed over the articles */
    uint64_t articles; /* articles with the term (within the dates) */
    double idf;        /* ln(articles in the store / articles with it) */
    double weight;     /* score x idf, the order of the list */
} ng_keyword_weight;

typedef struct ng_keyword_list {
    ng_keyword_weight *items; /* heaviest first */
    size_t count;
    void *mem; /* internal */
} ng_keyword_list;

/* NG_ERR_NOT_FOUND for an unknown article, NG_ERR_ARG for bad dates. */
ng_status ng_store_keywords(ng_store *store, const ng_keyword_query *q,
                            ng_keyword_list **out);
void ng_keyword_list_free(ng_keyword_list *list);
/* ------------------------------------------------------------------ */
/* The HTTP server                                                    */
/* ------------------------------------------------------------------ */

/*
 * `newsgraph serve`: the JSON API and the web page (docs/api.md) over a
 * store opened read-only, on libmicrohttpd with a pool of threads, each
 * with its own store handle. It keeps answering while an ingest writes.
 */
typedef struct ng_server ng_server;

/* One answered request, for an access log. */
typedef struct ng_server_request {
    const char *method;
    const char *target; /* the raw path and query string */
    unsigned status;
    double ms; /* from the request line to the queued answer */
} ng_server_request;

typedef struct ng_server_options {
    const char *db;          /* the store, opened read-only */
    const char *bind;        /* numeric IPv4/IPv6 address; NULL = 127.0.0.1 */
    unsigned port;           /* 0 = a free port (see ng_server_port) */
    unsigned threads;        /* 0 = one per core (at most 64) */
    unsigned timeout;        /* idle seconds before a connection is closed;
                                0 = 10 */
    const char *cors_origin; /* NULL = no CORS header (the default) */
    /* Called from the server's threads after each request; may be NULL. */
    void (*on_request)(void *ctx, const ng_server_request *request);
    void *ctx;
} ng_server_options;

/*
 * Opens the store and starts answering in background threads. On failure
 * *out may hold a handle whose message says why; stop it either way.
 */
ng_status ng_server_start(ng_server **out, const ng_server_options *options);
/* The port listened on (the chosen one when options->port was 0). */
unsigned ng_server_port(const ng_server *server);
const char *ng_server_message(const ng_server *server);
/* Stops listening, waits for the requests in flight and frees. */
void ng_server_stop(ng_server *server);

/* Validates a YYYY-MM-DD date (a real day of the Gregorian calendar). */
int ng_date_valid(const char *date);

#ifdef __cplusplus
}
#endif

#endif /* NEWSGRAPH_H */
