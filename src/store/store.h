/*
 * store.h -- internals of the SQLite store: the handle, the schema and its
 * migrations, the writer used by ingest, and query translation.
 *
 * Prefixes: store_, query_.
 */
#ifndef NG_STORE_H
#define NG_STORE_H

#include <sqlite3.h>

#include "../analyze/analyze.h"
#include "../util/util.h"
#include "newsgraph.h"

/* Statements kept prepared for the life of the handle (store_stmt). */
typedef enum store_query {
    Q_SEARCH_PAGE,
    Q_SEARCH_COUNT,
    Q_SEARCH_COUNT_FTS, /* the count when no filter needs the articles */
    Q_TIMELINE,         /* matches per article date (timeline.c) */
    Q_COUNT_ALL
} store_query;

struct ng_store {
    sqlite3 *db;
    char *path;
    bool readonly;
    buf message;
    sqlite3_stmt *cached[Q_COUNT_ALL];
};

/*
 * The prepared statement for `sql`, kept in the handle under `which`;
 * reset and unbound, ready to bind. NULL (with the message set) when it
 * cannot be prepared. A handle is used by one thread at a time.
 */
sqlite3_stmt *store_stmt(ng_store *s, store_query which, const char *sql);

/* Sets the handle's message from printf arguments; returns `st`. */
ng_status store_fail(ng_store *s, ng_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fails with SQLite's message for the last call on s->db (and the system's
 * reason for an I/O error), after `what: ` unless `what` is NULL. */
ng_status store_sqlite_fail(ng_store *s, const char *what);

/* The status of SQLite's last error on s->db (a statement that could not
 * be prepared): NG_ERR_NOMEM when it ran out of memory, else
 * NG_ERR_STORE. */
ng_status store_status(const ng_store *s);

/* Runs SQL with no results; NG_OK, or NG_ERR_STORE (NG_ERR_NOMEM) with
 * a message. */
ng_status store_exec(ng_store *s, const char *sql);

/* ---- writing (writer.c) -------------------------------------------- */

typedef struct store_writer store_writer;

typedef enum store_outcome {
    STORE_ADDED,
    STORE_UPDATED,
    STORE_SAME
} store_outcome;

ng_status store_writer_new(ng_store *s, store_writer **out);
ng_status store_writer_begin(store_writer *w);
/* Writes one analyzed article inside the open transaction. */
ng_status store_writer_put(store_writer *w, const ng_analysis *an,
                           store_outcome *outcome);
ng_status store_writer_commit(store_writer *w);
void store_writer_rollback(store_writer *w);
void store_writer_free(store_writer *w);

/* ---- articles and tags (article.c) ------------------------------------ */

/* The row of an article by doc_id, else by row number; NG_ERR_NOT_FOUND
 * (with the message set) when there is none. */
ng_status store_article_row(ng_store *s, const char *id, sqlite3_int64 *row);
/* Reads the article of row `row` into a (zeroed; its strings malloc'ed as
 * ng_article_free expects). */
ng_status store_article_fields(ng_store *s, sqlite3_int64 row, ng_article *a);

/*
 * Parses articles.tags (a JSON array of strings) into *tags. With an arena
 * everything is allocated there; with NULL the array and each string are
 * malloc'ed (as ng_article_free expects). Non-strings are skipped.
 */
ng_status store_tags_parse(const char *json, arena *a, char ***tags,
                           size_t *ntags);

/* ---- queries (query.c) --------------------------------------------- */

/*
 * Translates the user's query language into an FTS5 MATCH expression in
 * `out`. On NG_ERR_QUERY `msg` says what is wrong in words.
 */
ng_status query_translate(const char *query, buf *out, buf *msg);

/* query_translate into `match`, the message of a malformed query set as
 * the store's (NG_ERR_QUERY). */
ng_status store_query_match(ng_store *s, const char *query, buf *match);

/* ---- filters shared by search and timeline (search.c) ---------------- */

/* The filters' WHERE clause binds ?1 MATCH, ?2 since, ?3 until, ?4 tag,
 * ?7 an entity's name and ?8 its type (?5 and ?6 are left to the
 * statement: search's limit and offset). */
#define STORE_FILTERS_FROM_WHERE                                               \
    " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"          \
    " WHERE articles_fts MATCH ?1"                                             \
    "   AND (?2 IS NULL OR a.date >= ?2)"                                      \
    "   AND (?3 IS NULL OR a.date <= ?3)"                                      \
    "   AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(a.tags)"            \
    "        WHERE value = ?4 COLLATE NOCASE))"                                \
    "   AND (?7 IS NULL OR " STORE_MENTIONS_ENTITY(7, 8) ")"

/* True when article a mentions an entity named ?N (case-insensitive) of
 * type ?T (any type when NULL): mentions_entity probes, one per entity of
 * that name. */
#define STORE_MENTIONS_ENTITY(N, T)                                            \
    "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id"               \
    "  AND m.entity_id IN (SELECT id FROM entities"                            \
    "  WHERE name = ?" #N " COLLATE NOCASE AND (?" #T " IS NULL"               \
    "  OR type = ?" #T ")))"

/* The entity "e" that a name ?N stands for: named so or going by it (an
 * alias), of type ?T when not NULL, else the most mentioned of them
 * (ng_store_entity's, and ng_store_quotes' entity filter). */
#define STORE_ENTITY_NAMED(N, T)                                               \
    " WHERE (e.name = ?" #N " COLLATE NOCASE OR e.id IN (SELECT entity_id"     \
    "        FROM aliases WHERE alias = ?" #N "))"                             \
    "   AND (?" #T " IS NULL OR e.type = ?" #T ")"                             \
    " ORDER BY (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)"     \
    " DESC, e.type LIMIT 1"

/* False (with the message set, NG_ERR_ARG) when since or until is given
 * and not a YYYY-MM-DD date. */
bool store_check_dates(ng_store *s, const char *since, const char *until);
/* Binds the MATCH expression and the filters (NULL = none; a tag's
 * leading '#' is dropped). */
void store_bind_filters(sqlite3_stmt *stmt, const char *match,
                        const char *since, const char *until, const char *tag);
/* Binds ?7 and ?8 of the filters: an entity's name and type (NULL =
 * none; the type in any case). */
void store_bind_entity(sqlite3_stmt *stmt, const char *entity,
                       const char *type);
/* The canonical name of an entity type given in any case ("per" ->
 * "PER"), or NULL when type is NULL or not one. */
const char *store_entity_type(const char *type);
/* False (with the message set, NG_ERR_ARG) when `type` is given and not
 * PER, ORG, LOC or MISC, or given without an entity. */
bool store_check_entity(ng_store *s, const char *entity, const char *type);
/* The status for a failed sqlite3_step: a query FTS5 refused is
 * NG_ERR_QUERY, memory NG_ERR_NOMEM, else NG_ERR_STORE. */
ng_status store_step_error(ng_store *s, int rc, const char *what);

/* ---- read transactions ----------------------------------------------- */

/* Starts a read transaction unless one is open, so that several
 * statements see the same version of the store; true when it started
 * one, which store_read_end then ends. */
bool store_read_begin(ng_store *s);
void store_read_end(ng_store *s, bool began);

/* ---- periods of timelines (timeline.c) -------------------------------- */

/* Day numbers (days since 1970-01-01) of a YYYY-MM-DD date; false when it
 * is not a valid date. */
bool store_day_parse(const char *date, int64_t *day);
/* Writes day as YYYY-MM-DD into out (11 bytes). */
void store_day_format(int64_t day, char out[11]);
/* The first day of the period holding `day`, and of the next period. */
int64_t store_period_start(int64_t day, ng_period by);
int64_t store_period_next(int64_t start, ng_period by);
/* The period's name ("2024-01-08", "2024-W02", "2024-01") and first day. */
void store_period_name(int64_t start, ng_period by, char period[11],
                       char first[11]);
/* Gaps are filled up to this many periods (55 years of days, an answer
 * of about 1 MB); a chart has no use for more. */
enum { STORE_MAX_PERIODS = 20000 };

/* ---- counting entities over sets of articles (tally.c) ---------------- */

#define STORE_UNDATED INT64_MIN

/* An article of a set: its row and its date as a day number. */
typedef struct store_art {
    int64_t id;
    int64_t day; /* STORE_UNDATED when undated */
} store_art;

/* Articles, sorted by id without duplicates once store_artset_sort ran. */
typedef struct store_artset {
    store_art *items;
    size_t n, cap;
} store_artset;

/* Filters on articles; NULL fields filter nothing. `match` is an FTS5
 * expression (query_translate), `entity_type` upper case. */
typedef struct store_filter {
    const char *match, *since, *until, *tag, *entity, *entity_type;
} store_filter;

/* Fills `set` with the articles that pass the filters, sorted. */
ng_status store_artset_query(ng_store *s, const store_filter *f,
                             store_artset *set);
bool store_artset_push(store_artset *set, int64_t id, int64_t day);
void store_artset_sort(store_artset *set);
void store_artset_free(store_artset *set);

/* What an entity counts over a set of articles; 32 bytes, since the
 * table is touched once a mention. */
typedef struct store_tally_item {
    int64_t entity;
    uint32_t mentions; /* saturates at UINT32_MAX */
    uint32_t articles;
    int32_t first, last;   /* day numbers of its first and last dated
                              article; INT32_MIN when none */
    uint32_t last_article; /* 1 + the index in the set of the last one */
} store_tally_item;

/* An entity id -> counts hash table. */
typedef struct store_tally {
    store_tally_item *slots;
    size_t cap, n;
} store_tally;

/*
 * Counts the mentions of every entity but `skip` (0: none) in the
 * articles of `set`, by one scan of the mentions table when the set is
 * a large part of the store, else one index probe per article.
 */
ng_status store_tally_count(ng_store *s, const store_artset *set, int64_t skip,
                            store_tally *t);
/*
 * The first `limit` entities of the tally of type `type` (NULL: any),
 * most mentioned first (by_articles: in most articles first), with their
 * names; the items and strings are allocated in `a`.
 */
ng_status store_tally_top(ng_store *s, const store_tally *t, const char *type,
                          bool by_articles, size_t limit, arena *a,
                          ng_entity_count **items, size_t *count);
void store_tally_free(store_tally *t);

#endif /* NG_STORE_H */
