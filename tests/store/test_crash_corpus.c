/*
 * test_crash_corpus.c -- crash safety over a real corpus: `newsgraph
 * ingest` killed with SIGKILL at random moments while it stores the first
 * file of Reuters-21578 (925 articles, converted by
 * ../shared/tools/reuters_to_corpus.py; NEWSGRAPH_SHARED overrides
 * ../shared). Without ../shared it says so and uses the bundled samples/
 * instead.
 *
 * After every kill: PRAGMA integrity_check and the full-text index's own
 * check pass, and every article in the store is exactly the one of an
 * uninterrupted ingest with exactly its rows (mentions with their
 * entities, times, amounts, quotes with their speakers, keywords,
 * aliases, full-text entry), none missing and none left over from an
 * article that is absent. Every other kill is followed by a re-run, which
 * must bring the store to exactly the uninterrupted ingest's.
 * test_crash.c does the same over a synthetic corpus, with more
 * transactions.
 */
#include <signal.h>
#include <sqlite3.h>
#include <time.h>

#include "support.h"

enum { TRIALS = 12 };

/* Each table's rows of one article, keyed by the article's doc_id and
 * naming entities by name and type (ids differ between stores). `%s` is
 * the schema: "main." or "ref.". */
static const char *const ROWS[] = {
    "SELECT doc_id, date, title, tags, url, source, text, hash, bytes, "
    "sentences, tokens FROM %sarticles a",
    "SELECT a.doc_id, e.name, e.type, m.start, m.end FROM %1$smentions m "
    "JOIN %1$sarticles a ON a.id = m.article_id JOIN %1$sentities e ON e.id "
    "= m.entity_id",
    "SELECT a.doc_id, t.start, t.end, t.text, t.type, t.value, t.mod FROM "
    "%1$stimes t JOIN %1$sarticles a ON a.id = t.article_id",
    "SELECT a.doc_id, x.start, x.end, x.text, x.kind, x.value, x.approx, "
    "x.low, x.high, x.mod, x.unit, x.currency, x.inferred, x.vague FROM "
    "%1$samounts x JOIN %1$sarticles a ON a.id = x.article_id",
    "SELECT a.doc_id, q.start, q.end, q.kind, q.text, e.name, e.type, "
    "q.source_start, q.source_end, q.verb FROM %1$squotes q JOIN "
    "%1$sarticles a ON a.id = q.article_id LEFT JOIN %1$sentities e ON e.id "
    "= q.speaker_id",
    "SELECT a.doc_id, k.rank, k.term, k.score FROM %1$skeywords k JOIN "
    "%1$sarticles a ON a.id = k.article_id",
    "SELECT a.doc_id, x.alias, e.name, e.type FROM %1$saliases x JOIN "
    "%1$sarticles a ON a.id = x.article_id JOIN %1$sentities e ON e.id = "
    "x.entity_id",
    "SELECT a.doc_id, d.sz FROM %1$sarticles_fts_docsize d JOIN "
    "%1$sarticles a ON a.id = d.id"};

/* The rows that belong to an article, by the column naming it (aliases
 * of article 0 belong to the alias table). */
static const char *const OWNED[] = {
    "SELECT article_id FROM mentions",
    "SELECT article_id FROM times",
    "SELECT article_id FROM amounts",
    "SELECT article_id FROM quotes",
    "SELECT article_id FROM keywords",
    "SELECT article_id FROM aliases WHERE article_id > 0",
    "SELECT id FROM articles_fts_docsize"};

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

/* Writes the corpus into dir and returns its path (the caller frees it),
 * or NULL when ../shared or python3 is not there. */
static char *convert_reuters(const char *dir)
{
    const char *shared = getenv("NEWSGRAPH_SHARED");
    if (!shared || !*shared)
        shared = "../shared";
    char raw[4200], tool[4200], cmd[13000];
    snprintf(raw, sizeof raw, "%s/data/reuters21578/raw/reut2-000.sgm", shared);
    snprintf(tool, sizeof tool, "%s/tools/reuters_to_corpus.py", shared);
    if (access(raw, R_OK) != 0 || access(tool, R_OK) != 0 ||
        system("python3 -c '' 2>/dev/null") != 0)
        return NULL;
    /* The converter reads every .sgm of a directory: give it one. */
    snprintf(cmd, sizeof cmd,
             "mkdir '%s/raw' && ln -s \"$(realpath '%s')\" '%s/raw/' && "
             "python3 '%s' '%s/reuters' --raw '%s/raw' >'%s/convert.log' "
             "2>&1",
             dir, raw, dir, tool, dir, dir, dir);
    if (system(cmd) != 0)
        fail_msg("converting %s failed (see %s/convert.log)", raw, dir);
    return test_path(dir, "reuters/reuters21578.jsonl");
}

/* Articles per transaction: enough transactions that most kills land
 * between two commits with some committed. */
static const char *batch = "20";

/* Rows of ROWS[i] in one store and not in the other, over the articles
 * the killed store holds. */
static int64_t rows_differing(sqlite3 *db, size_t i, const char *from,
                              const char *to)
{
    char a[1200], b[1200], sql[3000];
    snprintf(a, sizeof a, ROWS[i], from);
    snprintf(b, sizeof b, ROWS[i], to);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM (%s WHERE a.doc_id IN (SELECT doc_id FROM "
             "main.articles) EXCEPT %s)",
             a, b);
    return query_int(db, sql);
}

/* Checks the store after a kill; returns its number of articles. */
static int64_t check_whole_or_absent(const char *path, const char *reference)
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
    if (query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                      "'articles'") == 0) {
        sqlite3_close(db); /* killed before the schema was committed */
        return 0;
    }
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO articles_fts(articles_fts) "
                                  "VALUES('integrity-check')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char sql[4200];
    snprintf(sql, sizeof sql, "ATTACH '%s' AS ref", reference);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    /* Nothing is left of an absent article... */
    for (size_t i = 0; i < sizeof OWNED / sizeof *OWNED; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM (%s EXCEPT SELECT id FROM articles)",
                 OWNED[i]);
        if (query_int(db, sql) != 0)
            fail_msg("%s: rows of %s outlive their article", path, OWNED[i]);
    }
    /* ...and a present one is exactly the uninterrupted ingest's. */
    for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
        int64_t extra = rows_differing(db, i, "main.", "ref.");
        int64_t missing = rows_differing(db, i, "ref.", "main.");
        if (extra || missing)
            fail_msg("%s: %lld rows of '%.60s...' not in the reference, "
                     "%lld missing",
                     path, (long long)extra, ROWS[i], (long long)missing);
    }
    int64_t n = query_int(db, "SELECT count(*) FROM main.articles");
    sqlite3_close(db);
    return n;
}

static void test_sigkill_over_a_real_corpus(void **state)
{
    (void)state;
    char *dir = test_temp_dir();
    char *corpus = convert_reuters(dir);
    if (!corpus) {
        print_message("Reuters-21578 skipped: ../shared (its data and "
                      "tools) or python3 not found; killing the ingest of "
                      "samples/ instead\n");
        corpus = str_ndup_test("samples", 7);
        batch = "2";
    }
    char *ref = test_path(dir, "ref.db");
    char *db = test_path(dir, "killed.db");
    double t0 = test_now();
    assert_int_equal(test_run_ingest(ref, corpus, batch), 0);
    double full = test_now() - t0;
    int64_t all = check_whole_or_absent(ref, ref);
    print_message("%s: %lld articles, ingested in %.2f s\n", corpus,
                  (long long)all, full);
    srand(20240108);
    int partial = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        /* A kill every trial; odd trials then re-run without one, so even
         * ones start from scratch and odd ones from a partial store. */
        if (trial % 2 == 0)
            test_remove_store(db);
        pid_t pid = test_start_ingest(db, corpus, batch);
        usleep((useconds_t)(full * 1e6 * rand() / RAND_MAX));
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        int64_t n = check_whole_or_absent(db, ref);
        partial += n > 0 && n < all;
        if (trial % 2 == 1) {
            assert_int_equal(test_run_ingest(db, corpus, batch), 0);
            assert_int_equal(check_whole_or_absent(db, ref), all);
        }
    }
    print_message("%d of %d kills left a partial store\n", partial, TRIALS);
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
        cmocka_unit_test(test_sigkill_over_a_real_corpus),
    };
    return cmocka_run_group_tests_name("store/crash_corpus", tests, NULL, NULL);
}
