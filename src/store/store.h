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

/* store_fail with SQLite's own message for the last call on s->db. */
ng_status store_sqlite_fail(ng_store *s, const char *what);

/* Runs SQL with no results; NG_OK or NG_ERR_STORE with a message. */
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

/* ---- tags (article.c) ------------------------------------------------- */

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

/* ---- filters shared by search and timeline (search.c) ---------------- */

/* The filters' WHERE clause binds ?1 MATCH, ?2 since, ?3 until, ?4 tag. */
#define STORE_FILTERS_FROM_WHERE                                               \
    " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"          \
    " WHERE articles_fts MATCH ?1"                                             \
    "   AND (?2 IS NULL OR a.date >= ?2)"                                      \
    "   AND (?3 IS NULL OR a.date <= ?3)"                                      \
    "   AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(a.tags)"            \
    "        WHERE value = ?4 COLLATE NOCASE))"

/* False (with the message set, NG_ERR_ARG) when since or until is given
 * and not a YYYY-MM-DD date. */
bool store_check_dates(ng_store *s, const char *since, const char *until);
/* Binds the MATCH expression and the filters (NULL = none; a tag's
 * leading '#' is dropped). */
void store_bind_filters(sqlite3_stmt *stmt, const char *match,
                        const char *since, const char *until, const char *tag);
/* The status for a failed sqlite3_step: a query FTS5 refused is
 * NG_ERR_QUERY, memory NG_ERR_NOMEM, else NG_ERR_STORE. */
ng_status store_step_error(ng_store *s, int rc, const char *what);

#endif /* NG_STORE_H */
