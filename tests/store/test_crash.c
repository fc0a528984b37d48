/*
 * test_crash.c -- crash safety: `newsgraph ingest` killed with SIGKILL at
 * random moments leaves a store that passes integrity checks, holds every
 * article whole (text, tags, index, mentions, times, amounts, quotes,
 * keywords, aliases) or not at all, and that a
 * re-run completes to exactly the articles and mentions of an
 * uninterrupted ingest.
 */
#include <signal.h>
#include <sqlite3.h>
#include <time.h>

#include "support.h"

enum { ARTICLES = 3000, TRIALS = 10 };

/* Writes a JSON Lines corpus of distinct articles built from a sample
 * text, so that the run is long enough to be killed half-way. */
static void write_corpus(const char *path)
{
    size_t len;
    char *text = test_read_file("samples/000_3e5691df25d3c8b8.txt", &len);
    char *body = strstr(text, "\n\n");
    assert_non_null(body);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < ARTICLES; i++) {
        fprintf(f,
                "{\"id\": \"a%d\", \"date\": \"2024-01-%02d\", \"tags\": "
                "[\"t%d\", \"Iraq\"], \"text\": \"Article %d. ",
                i, 1 + i % 28, i % 50, i);
        for (const char *p = body + 2; *p; p++) {
            if (*p == '\n')
                fputs("\\n", f);
            else if (*p == '"' || *p == '\\')
                fprintf(f, "\\%c", *p);
            else
                fputc(*p, f);
        }
        fputs("\"}\n", f);
    }
    fclose(f);
    free(text);
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

/* Checks a store left by a killed ingest against the reference store
 * (NULL for the reference itself); returns its article count. */
static int64_t check_consistent(const char *path, const char *reference)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    int64_t n = query_int(db, "SELECT count(*) FROM articles");
    if (n > 0) {
        /* The full-text index matches the articles exactly... */
        assert_int_equal(sqlite3_exec(db,
                                      "INSERT INTO articles_fts("
                                      "articles_fts) VALUES("
                                      "'integrity-check')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
        /* ...and every article is whole: both tags, all of its text... */
        assert_int_equal(query_int(db, "SELECT count(*) FROM articles WHERE "
                                       "json_array_length(tags) != 2 OR "
                                       "bytes != length(CAST(text AS BLOB))"),
                         0);
        /* ...with its mentions (the sample body has dozens; the exact
         * ones are compared with the reference after a re-run), and no
         * mention is left of a missing article. */
        assert_true(query_int(db,
                              "SELECT min(c) FROM (SELECT count(m.start) "
                              "AS c FROM articles a LEFT JOIN mentions m "
                              "ON m.article_id = a.id GROUP BY a.id)") > 20);
        /* ...with all of its times and amounts (as many as the same
         * article has in the uninterrupted reference store)... */
        if (reference) {
            char sql[4200];
            snprintf(sql, sizeof sql, "ATTACH '%s' AS ref", reference);
            assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
                             SQLITE_OK);
            static const char *const whole[] = {
                "SELECT count(*) FROM articles a JOIN ref.articles r USING "
                "(doc_id) WHERE (SELECT count(*) FROM times WHERE article_id "
                "= a.id) != (SELECT count(*) FROM ref.times WHERE article_id "
                "= r.id)",
                "SELECT count(*) FROM articles a JOIN ref.articles r USING "
                "(doc_id) WHERE (SELECT count(*) FROM amounts WHERE "
                "article_id = a.id) != (SELECT count(*) FROM ref.amounts "
                "WHERE article_id = r.id)",
                "SELECT count(*) FROM articles a JOIN ref.articles r USING "
                "(doc_id) WHERE (SELECT count(*) FROM quotes WHERE "
                "article_id = a.id) != (SELECT count(*) FROM ref.quotes "
                "WHERE article_id = r.id)",
                "SELECT count(*) FROM articles a JOIN ref.articles r USING "
                "(doc_id) WHERE (SELECT count(*) FROM keywords WHERE "
                "article_id = a.id) != (SELECT count(*) FROM ref.keywords "
                "WHERE article_id = r.id)",
                "SELECT count(*) FROM articles a JOIN ref.articles r USING "
                "(doc_id) WHERE (SELECT count(*) FROM aliases WHERE "
                "article_id = a.id) != (SELECT count(*) FROM ref.aliases "
                "WHERE article_id = r.id)"};
            for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
                assert_int_equal(query_int(db, whole[i]), 0);
            sqlite3_exec(db, "DETACH ref", NULL, NULL, NULL);
        }
        /* ...and no time or amount outlives its article. */
        assert_true(query_int(db, "SELECT count(*) FROM times") >= n);
        assert_true(query_int(db, "SELECT count(*) FROM amounts") >= n);
        assert_int_equal(query_int(db, "SELECT count(*) FROM times WHERE "
                                       "article_id NOT IN (SELECT id FROM "
                                       "articles)"),
                         0);
        assert_int_equal(query_int(db, "SELECT count(*) FROM amounts WHERE "
                                       "article_id NOT IN (SELECT id FROM "
                                       "articles)"),
                         0);
        /* ...with its quotes (the sample has a blockquote and reported
         * speech), none outliving its article. */
        assert_true(query_int(db,
                              "SELECT min(c) FROM (SELECT count(q.start) "
                              "AS c FROM articles a LEFT JOIN quotes q "
                              "ON q.article_id = a.id GROUP BY a.id)") >= 3);
        assert_int_equal(query_int(db, "SELECT count(*) FROM quotes WHERE "
                                       "article_id NOT IN (SELECT id FROM "
                                       "articles)"),
                         0);
        /* ...and its keyphrases. */
        assert_int_equal(query_int(db, "SELECT count(*) FROM articles WHERE "
                                       "id NOT IN (SELECT article_id FROM "
                                       "keywords)"),
                         0);
        assert_int_equal(query_int(db, "SELECT count(*) FROM keywords WHERE "
                                       "article_id NOT IN (SELECT id FROM "
                                       "articles)"),
                         0);
        assert_int_equal(query_int(db, "SELECT count(*) FROM aliases WHERE "
                                       "article_id > 0 AND article_id NOT IN "
                                       "(SELECT id FROM articles)"),
                         0);
    }
    assert_int_equal(query_int(db, "SELECT count(*) FROM mentions WHERE "
                                   "article_id NOT IN (SELECT id FROM "
                                   "articles)"),
                     0);
    sqlite3_close(db);
    return n;
}

/* The store holds exactly the reference's articles with the same text. */
static void check_same_articles(const char *path, const char *reference)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char sql[4200];
    snprintf(sql, sizeof sql, "ATTACH '%s' AS ref", reference);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(query_int(db, "SELECT count(*) FROM (SELECT doc_id, "
                                   "hash FROM articles EXCEPT SELECT doc_id, "
                                   "hash FROM ref.articles)"),
                     0);
    assert_int_equal(query_int(db, "SELECT count(*) FROM (SELECT doc_id, "
                                   "hash FROM ref.articles EXCEPT SELECT "
                                   "doc_id, hash FROM articles)"),
                     0);
    /* The same mentions, with the same entities. */
    assert_int_equal(query_int(db, "SELECT count(*) FROM (SELECT a.doc_id, "
                                   "e.name, e.type, m.start, m.end FROM "
                                   "mentions m JOIN articles a ON a.id = "
                                   "m.article_id JOIN entities e ON e.id = "
                                   "m.entity_id EXCEPT SELECT a.doc_id, "
                                   "e.name, e.type, m.start, m.end FROM "
                                   "ref.mentions m JOIN ref.articles a ON "
                                   "a.id = m.article_id JOIN ref.entities e "
                                   "ON e.id = m.entity_id)"),
                     0);
    assert_int_equal(query_int(db, "SELECT count(*) FROM mentions"),
                     query_int(db, "SELECT count(*) FROM ref.mentions"));
    sqlite3_close(db);
}

static void test_sigkill_during_ingest(void **state)
{
    (void)state;
    char *dir = test_temp_dir();
    char *corpus = test_path(dir, "corpus.jsonl");
    char *ref = test_path(dir, "ref.db");
    char *db = test_path(dir, "killed.db");
    write_corpus(corpus);
    double t0 = test_now();
    assert_int_equal(test_run_ingest(ref, corpus, "50"), 0);
    double full = test_now() - t0;
    assert_int_equal(check_consistent(ref, NULL), ARTICLES);
    srand(20240108);
    int partial = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        /* Odd trials kill the same store again before completing it. */
        if (trial % 2 == 0)
            test_remove_store(db);
        pid_t pid = test_start_ingest(db, corpus, "50");
        double delay = full * (double)rand() / RAND_MAX;
        usleep((useconds_t)(delay * 1e6));
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        int64_t n = check_consistent(db, ref);
        partial += n > 0 && n < ARTICLES;
        if (trial % 2 == 1) {
            assert_int_equal(test_run_ingest(db, corpus, "50"), 0);
            assert_int_equal(check_consistent(db, ref), ARTICLES);
            check_same_articles(db, ref);
        }
    }
    /* The kills must have landed mid-ingest, or the test proves little. */
    print_message("%d of %d kills left a partial store (full run %.2f s)\n",
                  partial, TRIALS, full);
    assert_true(partial >= TRIALS / 3);
    test_remove_tree(dir);
    free(corpus);
    free(ref);
    free(db);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigkill_during_ingest),
    };
    return cmocka_run_group_tests_name("store/crash", tests, NULL, NULL);
}
