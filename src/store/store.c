/*
 * store.c -- opening the store: connection settings, the schema and its
 * numbered migrations (PRAGMA user_version), stats.
 *
 * Tables (documented for users in the README):
 *   articles       one row per article; doc_id is the id its input gave,
 *                  tags a JSON array of strings
 *   articles_fts   FTS5 over articles(title, tags, text), external content
 *   meta           key/value facts about the store
 *   entities       one row per (name, type): PER, ORG, LOC, MISC
 *   mentions       (article_id, entity_id, start, end): byte spans of
 *                  articles.text
 *   times          the article's temporal expressions (TIMEX3 values)
 *   amounts        the article's amounts with what they count
 *   quotes         the article's quotes and reported speech, with the
 *                  speaking entity when known
 *   keywords       the article's keyphrases, best first
 *   aliases        the names entities go by (mentions' spellings per
 *                  article; the alias table's with article_id 0)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"

/* "NGRH" in the SQLite header, so tools can tell the file is ours. */
#define STORE_APPLICATION_ID 0x4E475248

/* migrations[i] takes the schema from version i to i + 1. Never edit a
 * released one: add the next. */
static const char *const migrations[] = {
    /* 0 -> 1: articles, tags, full-text index */
    "CREATE TABLE articles ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id TEXT NOT NULL UNIQUE,"
    "  date TEXT,"
    "  title TEXT,"
    "  tags TEXT NOT NULL DEFAULT '[]',"
    "  url TEXT,"
    "  source TEXT,"
    "  text TEXT NOT NULL,"
    "  origin TEXT,"
    "  hash INTEGER NOT NULL,"
    "  bytes INTEGER NOT NULL,"
    "  sentences INTEGER NOT NULL,"
    "  tokens INTEGER NOT NULL,"
    "  ingested TEXT NOT NULL);"
    "CREATE INDEX articles_date ON articles(date);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "  title, tags, text, content='articles', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    /* Title and tags weigh more than the body in BM25. */
    "INSERT INTO articles_fts(articles_fts, rank)"
    "  VALUES('rank', 'bm25(10.0, 5.0, 1.0)');"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;",
    /* 1 -> 2: named entities, one row per (name, type) across articles,
     * and their mentions (byte offsets into articles.text) */
    "CREATE TABLE entities ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  UNIQUE (name, type));"
    "CREATE INDEX entities_name ON entities(name COLLATE NOCASE);"
    "CREATE TABLE mentions ("
    "  article_id INTEGER NOT NULL,"
    "  entity_id INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, start)) WITHOUT ROWID;"
    "CREATE INDEX mentions_entity ON mentions(entity_id, article_id);",
    /* 2 -> 3: times and amounts of each article (src/time, src/amount) */
    "CREATE TABLE times ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  mod TEXT,"
    "  PRIMARY KEY (article_id, start)) WITHOUT ROWID;"
    "CREATE INDEX times_value ON times(value);"
    "CREATE TABLE amounts ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  value REAL NOT NULL,"
    "  approx INTEGER NOT NULL,"
    "  low REAL,"
    "  high REAL,"
    "  mod TEXT,"
    "  unit TEXT,"
    "  currency TEXT,"
    "  inferred INTEGER NOT NULL,"
    "  vague INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, start)) WITHOUT ROWID;"
    /* Two indexes only: each costs ingest time on every row. */
    "CREATE INDEX amounts_unit ON amounts(unit COLLATE NOCASE);",
    /* 3 -> 4: quotes and reported speech (src/quote); speaker_id is the
     * speaking entity or NULL, source_start/end the words naming it */
    "CREATE TABLE quotes ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  speaker_id INTEGER REFERENCES entities(id),"
    "  source_start INTEGER,"
    "  source_end INTEGER,"
    "  verb TEXT,"
    "  PRIMARY KEY (article_id, start, kind)) WITHOUT ROWID;"
    "CREATE INDEX quotes_speaker ON quotes(speaker_id);",
    /* 4 -> 5: keyphrases of each article (src/keyword), best first */
    "CREATE TABLE keywords ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  rank INTEGER NOT NULL,"
    "  term TEXT NOT NULL,"
    "  score REAL NOT NULL,"
    "  PRIMARY KEY (article_id, rank)) WITHOUT ROWID;"
    "CREATE INDEX keywords_term ON keywords(term COLLATE NOCASE);",
    /* 5 -> 6: the names an entity goes by: the spellings of its mentions
     * in each article (article_id), and the alias table's (article_id 0) */
    "CREATE TABLE aliases ("
    "  alias TEXT NOT NULL COLLATE NOCASE,"
    "  entity_id INTEGER NOT NULL REFERENCES entities(id),"
    "  article_id INTEGER NOT NULL,"
    "  PRIMARY KEY (alias, entity_id, article_id)) WITHOUT ROWID;"
    "CREATE INDEX aliases_entity ON aliases(entity_id);"
    "CREATE INDEX aliases_article ON aliases(article_id);",
};

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))
_Static_assert(SCHEMA_VERSION == NG_STORE_SCHEMA,
               "NG_STORE_SCHEMA must match the migrations");

ng_status store_fail(ng_store *s, ng_status st, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    buf_clear(&s->message);
    buf_append(&s->message, tmp, strlen(tmp));
    return st;
}

ng_status store_sqlite_fail(ng_store *s, const char *what)
{
    int saved_errno = errno; /* of the failed call, when it made one */
    int code = sqlite3_extended_errcode(s->db);
    ng_status st = code == SQLITE_NOMEM ? NG_ERR_NOMEM : NG_ERR_STORE;
    /* SQLite says "disk I/O error" for a write that failed; the system's
     * reason (no space left, file too large) is what the user can act
     * on. SQLite keeps it for opens and some reads; for writes it is
     * still in errno. */
    int sys = sqlite3_system_errno(s->db);
    if (!sys && (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
                 code == SQLITE_IOERR_TRUNCATE || code == SQLITE_FULL))
        sys = saved_errno;
    int primary = code & 0xff;
    bool system = sys && (primary == SQLITE_IOERR || primary == SQLITE_FULL ||
                          primary == SQLITE_CANTOPEN);
    return store_fail(s, st, "%s%s%s%s%s%s", what ? what : "", what ? ": " : "",
                      sqlite3_errmsg(s->db), system ? " (" : "",
                      system ? strerror(sys) : "", system ? ")" : "");
}

ng_status store_status(const ng_store *s)
{
    return sqlite3_errcode(s->db) == SQLITE_NOMEM ? NG_ERR_NOMEM : NG_ERR_STORE;
}

ng_status store_exec(ng_store *s, const char *sql)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
        return NG_OK;
    return store_sqlite_fail(s, NULL);
}

static ng_status query_int(ng_store *s, const char *sql, int64_t *out)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, sql);
    int rc = sqlite3_step(stmt);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_fail(s, sql);
    return NG_OK;
}

/* Brings the schema to SCHEMA_VERSION, or says why it cannot. */
static ng_status migrate(ng_store *s)
{
    int64_t version = 0, objects = 0, app = 0;
    ng_status st;
    if ((st = query_int(s, "PRAGMA user_version", &version)) ||
        (st = query_int(s, "SELECT count(*) FROM sqlite_master", &objects)) ||
        (st = query_int(s, "PRAGMA application_id", &app)))
        return st;
    if ((version == 0 && objects > 0) ||
        (version > 0 && app != STORE_APPLICATION_ID))
        return store_fail(s, NG_ERR_STORE, "not a newsgraph store");
    if (version > SCHEMA_VERSION)
        return store_fail(s, NG_ERR_SCHEMA,
                          "schema version %d, this newsgraph knows up to %d",
                          (int)version, SCHEMA_VERSION);
    if (version == SCHEMA_VERSION)
        return NG_OK;
    if (s->readonly)
        return store_fail(s, NG_ERR_SCHEMA,
                          version == 0 ? "no newsgraph store here yet (run "
                                         "'newsgraph ingest' first)"
                                       : "the schema needs an upgrade; open "
                                         "it once for writing (ingest)");
    if ((st = store_exec(s, "BEGIN IMMEDIATE")))
        return st;
    for (int v = (int)version; v < SCHEMA_VERSION && st == NG_OK; v++)
        st = store_exec(s, migrations[v]);
    char sql[160];
    snprintf(sql, sizeof sql,
             "PRAGMA user_version = %d; PRAGMA application_id = %d;"
             "INSERT OR REPLACE INTO meta VALUES('created_by', "
             "'newsgraph " NG_VERSION_STRING "');",
             SCHEMA_VERSION, STORE_APPLICATION_ID);
    if (st == NG_OK)
        st = store_exec(s, sql);
    if (st == NG_OK)
        return store_exec(s, "COMMIT");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

static ng_status configure(ng_store *s)
{
    sqlite3_busy_timeout(s->db, 10000);
    /* Readers (the server's connections) map the file: pages are read
     * without a copy per page, which halved the time of the entity
     * questions that read much of the mentions table. */
    if (s->readonly)
        return store_exec(s, "PRAGMA query_only = 1;"
                             "PRAGMA mmap_size = 268435456;");
    /* WAL: readers never block on the writer, and a killed writer leaves
     * a consistent file; NORMAL sync is crash-safe in WAL mode. */
    return store_exec(s, "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA cache_size = -65536;"
                         "PRAGMA temp_store = MEMORY;");
}

ng_status ng_store_open(ng_store **out, const char *path, unsigned flags)
{
    if (!out || !path)
        return NG_ERR_ARG;
    ng_store *s = calloc(1, sizeof *s);
    *out = s;
    if (!s)
        return NG_ERR_NOMEM;
    buf_init(&s->message, 4096);
    /* Room for any message store_fail writes (at most 1023 bytes), so
     * that saying "out of memory" never needs memory. */
    if (!buf_reserve(&s->message, 1024))
        return NG_ERR_NOMEM;
    buf_clear(&s->message); /* "" until a failure */
    s->readonly = flags & NG_STORE_READONLY;
    size_t plen = strlen(path) + 1;
    if (!(s->path = malloc(plen)))
        return NG_ERR_NOMEM;
    memcpy(s->path, path, plen);
    if (s->readonly) {
        struct stat st;
        if (stat(path, &st) != 0)
            return store_fail(s, NG_ERR_NOT_FOUND,
                              "no store here (run 'newsgraph ingest' "
                              "first, or give --db)");
    }
    int oflags = s->readonly ? SQLITE_OPEN_READONLY
                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        return store_sqlite_fail(s, "open");
    ng_status st = configure(s);
    if (st == NG_OK)
        st = migrate(s);
    return st;
}

sqlite3_stmt *store_stmt(ng_store *s, store_query which, const char *sql)
{
    sqlite3_stmt **slot = &s->cached[which];
    if (*slot) {
        sqlite3_reset(*slot);
        sqlite3_clear_bindings(*slot);
        return *slot;
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot,
                           NULL) != SQLITE_OK) {
        store_sqlite_fail(s, "prepare");
        *slot = NULL;
    }
    return *slot;
}

void ng_store_close(ng_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < Q_COUNT_ALL; i++)
        sqlite3_finalize(s->cached[i]);
    sqlite3_close_v2(s->db);
    free(s->path);
    buf_free(&s->message);
    free(s);
}

const char *ng_store_message(const ng_store *s)
{
    return s && s->message.data ? s->message.data : "";
}

ng_status ng_store_stats_get(ng_store *s, ng_store_stats *out)
{
    memset(out, 0, sizeof *out);
    static const char sql[] =
        "SELECT count(*), total(bytes), total(sentences), total(tokens),"
        "  count(*) - count(date), min(date), max(date),"
        "  (SELECT page_count * page_size FROM pragma_page_count,"
        "   pragma_page_size)"
        " FROM articles";
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "stats");
    ng_status st = NG_OK;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        out->articles = (uint64_t)sqlite3_column_int64(stmt, 0);
        out->text_bytes = (uint64_t)sqlite3_column_double(stmt, 1);
        out->sentences = (uint64_t)sqlite3_column_double(stmt, 2);
        out->tokens = (uint64_t)sqlite3_column_double(stmt, 3);
        out->undated = (uint64_t)sqlite3_column_int64(stmt, 4);
        const unsigned char *d0 = sqlite3_column_text(stmt, 5);
        const unsigned char *d1 = sqlite3_column_text(stmt, 6);
        snprintf(out->first_date, sizeof out->first_date, "%s",
                 d0 ? (const char *)d0 : "");
        snprintf(out->last_date, sizeof out->last_date, "%s",
                 d1 ? (const char *)d1 : "");
        out->file_bytes = (uint64_t)sqlite3_column_int64(stmt, 7);
    } else {
        st = store_sqlite_fail(s, "stats");
    }
    sqlite3_finalize(stmt);
    out->schema_version = SCHEMA_VERSION;
    return st;
}

ng_status ng_store_top_tags(ng_store *s, ng_tag_count *tags, size_t n,
                            size_t *count)
{
    *count = 0;
    static const char sql[] =
        "SELECT t.value, count(*) AS c FROM articles, json_each(articles.tags)"
        " AS t GROUP BY t.value COLLATE NOCASE ORDER BY c DESC, t.value LIMIT "
        "?";
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "tags");
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)n);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *count < n) {
        ng_tag_count *t = &tags[(*count)++];
        snprintf(t->tag, sizeof t->tag, "%s",
                 (const char *)sqlite3_column_text(stmt, 0));
        t->articles = (uint64_t)sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? NG_OK
                                                 : store_sqlite_fail(s, "tags");
}
