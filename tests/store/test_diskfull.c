/*
 * test_diskfull.c -- a full disk during ingest: `newsgraph ingest` run with
 * a file size limit (RLIMIT_FSIZE, which fails writes past it with EFBIG
 * as a full disk fails them with ENOSPC) at several sizes, from one that
 * stops the store's creation to one that stops a commit half-way through
 * the samples. Each time: exit status 1, a message that names the
 * problem, a store that passes PRAGMA integrity_check and holds only
 * whole articles, and a re-run without the limit that completes it to
 * the articles of an uninterrupted ingest.
 */
#include <sqlite3.h>
#include <sys/resource.h>

#include "support.h"

/* Runs `newsgraph ingest --batch 5 --db DB samples` with writes limited to
 * `limit` bytes a file (0: none); stderr goes to `errors`. Returns the
 * exit status. */
static int run_ingest(const char *db, rlim_t limit, const char *errors)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (limit) {
            struct rlimit r = {limit, limit};
            if (setrlimit(RLIMIT_FSIZE, &r) != 0)
                _exit(126);
        }
        if (!freopen("/dev/null", "w", stdout) || !freopen(errors, "w", stderr))
            _exit(126);
        execl(test_binary(), test_binary(), "ingest", "--quiet", "--batch", "5",
              "--db", db, "samples", (char *)NULL);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status))
        fail_msg("ingest died of signal %d", WTERMSIG(status));
    return WEXITSTATUS(status);
}

static int64_t query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* PRAGMA integrity_check and the FTS index's own check pass, and every
 * stored article has its rows: the number of mentions, times, amounts,
 * quotes and keywords of the same article in the reference store.
 * Returns the number of articles (0 when the store was never made). */
static int64_t check_store(const char *path, const char *reference)
{
    if (access(path, F_OK) != 0)
        return 0;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    int64_t n = 0;
    if (query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                      "'articles_fts'") == 1) {
        n = query_int(db, "SELECT count(*) FROM articles");
        assert_int_equal(sqlite3_exec(db,
                                      "INSERT INTO articles_fts(articles_fts) "
                                      "VALUES('integrity-check')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
        char sql[4200];
        snprintf(sql, sizeof sql, "ATTACH '%s' AS ref", reference);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        static const char *const tables[] = {"mentions", "times",    "amounts",
                                             "quotes",   "keywords", "aliases"};
        for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM articles a JOIN ref.articles r "
                     "USING (doc_id) WHERE a.hash != r.hash OR (SELECT "
                     "count(*) FROM %s WHERE article_id = a.id) != (SELECT "
                     "count(*) FROM ref.%s WHERE article_id = r.id)",
                     tables[i], tables[i]);
            if (query_int(db, sql) != 0)
                fail_msg("%s: an article lacks some of its %s", path,
                         tables[i]);
        }
    }
    sqlite3_close(db);
    return n;
}

static void test_ingest_into_full_disk(void **state)
{
    (void)state;
    char *dir = test_temp_dir();
    char *ref = test_path(dir, "ref.db");
    char *db = test_path(dir, "full.db");
    char *errors = test_path(dir, "stderr.txt");
    assert_int_equal(run_ingest(ref, 0, errors), 0);
    int64_t all = check_store(ref, ref);
    assert_true(all > 50);
    /* From too small for the schema to a commit in the middle. */
    static const rlim_t limits[] = {16 << 10, 100 << 10, 300 << 10, 600 << 10};
    int64_t most = 0;
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
        test_remove_store(db);
        int code = run_ingest(db, limits[i], errors);
        char *message = test_read_file(errors, NULL);
        if (code != 1 || !strstr(message, "File too large"))
            fail_msg("limit %zu KiB: exit %d, message '%s'",
                     (size_t)(limits[i] >> 10), code, message);
        free(message);
        int64_t n = check_store(db, ref);
        assert_true(n < all);
        most = n > most ? n : most;
        /* Without the limit, a re-run completes the store. */
        assert_int_equal(run_ingest(db, 0, errors), 0);
        assert_int_equal(check_store(db, ref), all);
    }
    /* The larger limits let some batches commit before the failure. */
    assert_true(most > 0);
    test_remove_tree(dir);
    free(errors);
    free(db);
    free(ref);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ingest_into_full_disk),
    };
    return cmocka_run_group_tests_name("store/diskfull", tests, NULL, NULL);
}
