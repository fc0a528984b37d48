/*
 * fts5_bulkload.c -- the baseline for the ingest benchmark: a plain bulk
 * load of a JSON Lines corpus into one SQLite FTS5 table, with the same
 * tokenizer and connection settings as the newsgraph store, and nothing
 * else (no analysis, no articles table, no tags table, no dedup lookup).
 *
 *   fts5_bulkload JSONL DB
 *
 * Each line's "title", "tags" (joined by spaces, as the store indexes
 * them) and "text" go into
 *   CREATE VIRTUAL TABLE docs USING fts5(title, tags, text,
 *       tokenize='unicode61 remove_diacritics 2')
 * inside one transaction. DB must not exist yet (the script removes it).
 * Prints "N records, B bytes of JSONL, load T s" on stdout; the script
 * times the whole process from outside.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "newsgraph.h"

/* The store's settings (src/store/store.c, configure()). */
static const char setup_sql[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    "PRAGMA cache_size = -65536;"
    "PRAGMA temp_store = MEMORY;"
    "CREATE VIRTUAL TABLE docs USING fts5(title, tags, text,"
    "  tokenize='unicode61 remove_diacritics 2');";

static const char insert_sql[] =
    "INSERT INTO docs(title, tags, text) VALUES (?, ?, ?)";

typedef struct loader {
    sqlite3 *db;
    sqlite3_stmt *insert;
    char *tags; /* the current record's tags joined by spaces */
    size_t tags_cap;
    size_t records;
    size_t bad_lines;
} loader;

static int fail_sqlite(sqlite3 *db, const char *what)
{
    fprintf(stderr, "fts5_bulkload: %s: %s\n", what, sqlite3_errmsg(db));
    return 1;
}

static int exec_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
        return 0;
    fprintf(stderr, "fts5_bulkload: %s\n", err ? err : "exec failed");
    sqlite3_free(err);
    return 1;
}

/* Joins the strings of the JSON array `tags` by single spaces into
 * l->tags; false when out of memory. */
static int join_tags(loader *l, json_t *tags)
{
    size_t need = 1, i;
    json_t *v;
    json_array_foreach(tags, i, v) if (json_is_string(v)) need +=
        json_string_length(v) + 1;
    if (need > l->tags_cap) {
        char *p = realloc(l->tags, need);
        if (!p)
            return 0;
        l->tags = p;
        l->tags_cap = need;
    }
    size_t o = 0;
    json_array_foreach(tags, i, v)
    {
        if (!json_is_string(v))
            continue;
        if (o)
            l->tags[o++] = ' ';
        memcpy(l->tags + o, json_string_value(v), json_string_length(v));
        o += json_string_length(v);
    }
    l->tags[o] = '\0';
    return 1;
}

static void bind_member(sqlite3_stmt *stmt, int col, json_t *obj,
                        const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_string(v))
        sqlite3_bind_text(stmt, col, json_string_value(v),
                          (int)json_string_length(v), SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, col);
}

/* Parses one line and inserts it; returns nonzero on a fatal error. A
 * malformed line is counted and skipped, as the store's reader would. */
static int load_line(loader *l, const char *line, size_t len)
{
    json_t *obj = json_loadb(line, len, 0, NULL);
    if (!json_is_object(obj) || !json_is_string(json_object_get(obj, "text"))) {
        json_decref(obj);
        l->bad_lines++;
        return 0;
    }
    int rc = 0;
    json_t *tags = json_object_get(obj, "tags");
    if (!join_tags(l, json_is_array(tags) ? tags : NULL)) {
        fputs("fts5_bulkload: out of memory\n", stderr);
        rc = 1;
    }
    if (rc == 0) {
        bind_member(l->insert, 1, obj, "title");
        sqlite3_bind_text(l->insert, 2, l->tags, -1, SQLITE_STATIC);
        bind_member(l->insert, 3, obj, "text");
        if (sqlite3_step(l->insert) != SQLITE_DONE)
            rc = fail_sqlite(l->db, "insert");
        sqlite3_reset(l->insert);
        l->records++;
    }
    json_decref(obj);
    return rc;
}

/* Reads the file line by line; lines above the store's cap are skipped. */
static int load_file(loader *l, FILE *in, size_t *bytes)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, in)) >= 0) {
        *bytes += (size_t)n;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (n == 0)
            continue;
        if ((size_t)n > NG_MAX_LINE_BYTES)
            l->bad_lines++;
        else
            rc = load_line(l, line, (size_t)n);
    }
    free(line);
    return rc;
}

static int open_db(loader *l, const char *path)
{
    if (sqlite3_open_v2(path, &l->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        return fail_sqlite(l->db, path);
    if (exec_sql(l->db, setup_sql))
        return 1;
    if (sqlite3_prepare_v2(l->db, insert_sql, -1, &l->insert, NULL) !=
        SQLITE_OK)
        return fail_sqlite(l->db, "prepare");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: fts5_bulkload JSONL DB\n", stderr);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    loader l = {0};
    size_t bytes = 0;
    double start = bench_now();
    int rc = open_db(&l, argv[2]);
    if (rc == 0)
        rc = exec_sql(l.db, "BEGIN");
    if (rc == 0)
        rc = load_file(&l, in, &bytes);
    if (rc == 0)
        rc = exec_sql(l.db, "COMMIT");
    double secs = bench_now() - start;
    sqlite3_finalize(l.insert);
    sqlite3_close(l.db);
    fclose(in);
    free(l.tags);
    if (rc == 0)
        printf("%zu records, %zu bytes of JSONL, %zu bad lines, load %.3f "
               "s\n",
               l.records, bytes, l.bad_lines, secs);
    return rc;
}
