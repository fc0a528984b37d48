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

#define NG_VERSION_MAJOR 0
#define NG_VERSION_MINOR 1
#define NG_VERSION_PATCH 0
#define NG_VERSION_STRING "0.1.0"

/* The analysis record's schema version (design.md section 3). */
#define NG_RECORD_SCHEMA 1

/* Library version at run time, e.g. "0.1.0". */
const char *ng_version(void);

/* Status codes. Never renumbered; new codes are added at the end. */
typedef enum ng_status {
    NG_OK = 0,
    NG_ERR_NOMEM = 1,      /* an allocation failed */
    NG_ERR_IO = 2,         /* a file could not be opened, read or written */
    NG_ERR_INPUT = 3,      /* an input item is malformed and was skipped */
    NG_ERR_TOO_LARGE = 4,  /* an input item exceeds a documented cap */
    NG_ERR_ARG = 5,        /* an argument is invalid */
    NG_ERR_QUERY = 6,      /* a search query has bad syntax */
    NG_ERR_STORE = 7,      /* the SQLite store failed */
    NG_ERR_SCHEMA = 8,     /* the store's schema is newer than this library */
    NG_ERR_NOT_FOUND = 9,  /* the requested item does not exist */
    NG_DONE = 10,          /* no more items: the end of a sequence */
    NG_ERR_INTERRUPTED = 11 /* stopped on request */
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
    char *id;        /* from the input, else the path (path:line for JSONL) */
    char *date;      /* "YYYY-MM-DD" or NULL when unknown */
    char *title;     /* NULL when the input has none (native format) */
    char **tags;     /* tags without '#', `ntags` of them */
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
#define NG_MAX_LINE_BYTES    (16u << 20)  /* one line of any input */
#define NG_MAX_ARTICLE_BYTES (16u << 20)  /* one article's text */
#define NG_MAX_TAGS          1024u        /* tags of one article */

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

/* Makes an analyzer (read-only after this call, shareable by threads). */
ng_status ng_analyzer_new(ng_analyzer **out);
void ng_analyzer_free(ng_analyzer *analyzer);

/*
 * Analyzes one article: normalizes its text (UTF-8 checked, NFC, line
 * ends) and segments it into paragraphs, sentences and tokens. The article
 * is only read; the result owns copies of everything it needs.
 * NG_ERR_INPUT when the text or a metadata field is not valid UTF-8, or
 * the text holds a NUL byte.
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
/* The store                                                          */
/* ------------------------------------------------------------------ */

typedef struct ng_store ng_store;

enum {
    NG_STORE_READONLY = 1u << 0 /* open an existing store for reading */
};

/* The store schema version this library writes (PRAGMA user_version). */
#define NG_STORE_SCHEMA 1

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
    uint64_t articles_added;   /* new articles */
    uint64_t articles_updated; /* same id, changed content */
    uint64_t articles_same;    /* already present, unchanged */
    uint64_t items_skipped;    /* bad input items (reported one by one) */
    uint64_t bytes_done;       /* input bytes consumed */
    uint64_t bytes_total;      /* 0 when unknown (stdin) */
} ng_ingest_progress;

typedef struct ng_ingest_options {
    unsigned threads;      /* analysis threads; 0 = one per core */
    unsigned batch;        /* articles per transaction; 0 = default */
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
    const char *query;  /* the query language: see ng_query_help() */
    const char *since;  /* YYYY-MM-DD or NULL */
    const char *until;  /* YYYY-MM-DD or NULL, inclusive */
    const char *tag;    /* NULL or one tag, case-insensitive */
    unsigned limit;     /* 0 = 10 */
    unsigned offset;
} ng_search_query;

typedef struct ng_search_hit {
    const char *id;
    const char *date;    /* NULL when unknown */
    const char *title;   /* NULL when none */
    const char *const *tags; /* `ntags` tags */
    size_t ntags;
    const char *snippet; /* a passage of the text around the matches */
    const ng_span *marks; /* matched terms, byte spans of `snippet` */
    size_t nmarks;
    double score;        /* BM25, larger is better */
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

/*
 * Timelines: how many articles matching a query there are per day, ISO
 * week or month, by article date (src/store/timeline.c).
 */
typedef enum ng_period {
    NG_PERIOD_DAY = 0,
    NG_PERIOD_WEEK, /* ISO 8601 weeks, Monday first: 2024-W02 */
    NG_PERIOD_MONTH
} ng_period;

typedef struct ng_timeline_query {
    const char *query; /* the query language: see ng_query_help() */
    const char *since; /* YYYY-MM-DD or NULL */
    const char *until; /* YYYY-MM-DD or NULL, inclusive */
    const char *tag;   /* NULL or one tag, case-insensitive */
    ng_period by;
} ng_timeline_query;

typedef struct ng_timeline_point {
    char period[11]; /* "2024-01-08", "2024-W02" or "2024-01" */
    char start[11];  /* the period's first day, YYYY-MM-DD */
    uint64_t articles;
} ng_timeline_point;

typedef struct ng_timeline_result ng_timeline_result;

/* Periods a timeline fills with zeros at most; past this, empty periods
 * are left out (the points stay in order). */
#define NG_TIMELINE_MAX_PERIODS 100000u

/*
 * Counts the articles matching q->query per period, oldest first. Empty
 * periods between the first and the last match (or since and until, when
 * given) are included with 0 articles, so a chart shows gaps as gaps.
 * NG_ERR_QUERY (message on the store) for a malformed query, NG_ERR_ARG
 * for a bad date or period. *out is owned by the caller.
 */
ng_status ng_timeline(ng_store *store, const ng_timeline_query *q,
                      ng_timeline_result **out);
size_t ng_timeline_result_count(const ng_timeline_result *result);
/* Owned by the result; NULL when i is out of range. */
const ng_timeline_point *
ng_timeline_result_point(const ng_timeline_result *result, size_t i);
/* Matching dated articles in all periods; matching undated articles (not
 * in any period; counted only when neither since nor until is given). */
uint64_t ng_timeline_result_total(const ng_timeline_result *result);
uint64_t ng_timeline_result_undated(const ng_timeline_result *result);
void ng_timeline_result_free(ng_timeline_result *result);

/*
 * Reads one stored article by id (or, when no id matches, by its row
 * number). *out is owned by the caller. NG_ERR_NOT_FOUND when absent.
 */
ng_status ng_store_article(ng_store *store, const char *id,
                           ng_article **out);

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
