/*
 * test_alloc.c -- allocation failures (tests/fault/fault.h): for every N,
 * the Nth allocation of loading the models, reading, analyzing the
 * canonical article and ingesting a few articles fails, and the call
 * returns a status saying so (NG_ERR_NOMEM, or an error whose message says
 * why), or succeeds with exactly the result of a run without failures.
 * Nothing crashes, and under SANITIZER=address LeakSanitizer checks at
 * exit that nothing leaked on any of those paths.
 *
 * The ingest walk is the slow one (about 9,000 allocations, most of them
 * SQLite's, each N a fresh store): by default it takes every 101st N;
 * FAULT_STRIDE=1 (make test-faults) takes them all.
 * To look at one failure: FAULT_FROM=N starts the ingest walk at N,
 * FAULT_VERBOSE=1 prints each run's status, FAULT_BACKTRACE=1 where the
 * failing request came from (fault.h).
 */
#include <sqlite3.h>

#include "fault.h"
#include "support.h"

#define CANONICAL "samples/000_3e5691df25d3c8b8.txt"
/* The longest sample: its tokens, entities and quotes grow every array
 * past its first size. */
#define LONGEST "samples/wikinews/gum_news_warhol.txt"

/* Statuses an allocation failure may come back as. */
static bool is_failure_status(ng_status st)
{
    return st == NG_ERR_NOMEM || st == NG_ERR_STORE || st == NG_ERR_IO;
}

static long stride_from_env(const char *name, long fallback)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return fallback;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v < 1 ? fallback : v;
}

static ng_article *read_article(const char *path)
{
    const char *paths[] = {path};
    ng_reader *r;
    ng_article *a;
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    ng_reader_close(r);
    return a;
}

/* The record of `a` with spans, or NULL with *st the failure. */
static char *record_of(const ng_analyzer *an, const ng_article *a,
                       ng_status *st)
{
    ng_analysis *res;
    char *json = NULL;
    size_t len;
    *st = ng_analyze(an, a, &res);
    if (*st != NG_OK)
        return NULL;
    *st = ng_analysis_json(res, NG_JSON_SPANS, &json, &len);
    ng_analysis_free(res);
    return *st == NG_OK ? json : NULL;
}

/* The walks run twice: failing the Nth allocation only (state points to
 * false), and the Nth and all after it (true). */
static bool ONE_SHOT = false, STICKY = true;

static void arm(void **state, long n)
{
    if (*(const bool *)*state)
        fault_arm_sticky(n);
    else
        fault_arm(n);
}

/* Ends a walk: the last run reached no failure, so N went past every
 * one of its `total` allocations. */
static void walk_done(void **state, const char *what, long total, long failed)
{
    print_message("%s: %ld allocations, %ld failures injected (%s)\n", what,
                  total, failed,
                  *(const bool *)*state ? "the Nth and all after it"
                                        : "the Nth only");
    assert_true(failed > 0);
}

static void test_analyzer_new(void **state)
{
    ng_analyzer *clean;
    assert_int_equal(ng_analyzer_new(&clean, NULL), NG_OK);
    ng_article *a = read_article(CANONICAL);
    ng_status st;
    char *want = record_of(clean, a, &st);
    assert_non_null(want);
    long n = 1, failed = 0;
    for (;; n++) {
        ng_analyzer *an = NULL;
        arm(state, n);
        st = ng_analyzer_new(&an, NULL);
        fault_disarm();
        if (!fault_fired()) {
            assert_int_equal(st, NG_OK);
            ng_analyzer_free(an);
            break;
        }
        failed++;
        if (st != NG_OK) {
            /* Not a bad model, not an I/O error: memory. */
            if (st != NG_ERR_NOMEM)
                fail_msg("allocation %ld: status %d (%s): %s", n, st,
                         ng_strerror(st), ng_analyzer_message(an));
        } else {
            /* It coped: the analyzer must be whole. */
            char *got = record_of(an, a, &st);
            assert_non_null(got);
            assert_string_equal(got, want);
            free(got);
        }
        ng_analyzer_free(an);
    }
    walk_done(state, "ng_analyzer_new", fault_count(), failed);
    free(want);
    ng_article_free(a);
    ng_analyzer_free(clean);
}

static void test_read(void **state)
{
    ng_article *want = read_article(CANONICAL);
    const char *paths[] = {CANONICAL};
    long n = 1, failed = 0;
    for (;; n++) {
        ng_reader *r = NULL;
        ng_article *a = NULL;
        arm(state, n);
        ng_status st = ng_reader_open(&r, paths, 1, NULL);
        if (st == NG_OK)
            st = ng_reader_next(r, &a);
        fault_disarm();
        if (!fault_fired()) {
            assert_int_equal(st, NG_OK);
        } else {
            failed++;
            /* Not a skipped file: the reader cannot go on. */
            if (st != NG_OK && st != NG_ERR_NOMEM)
                fail_msg("allocation %ld: status %d (%s): %s", n, st,
                         ng_strerror(st), r ? ng_reader_message(r) : "");
        }
        if (st == NG_OK) {
            assert_string_equal(a->text, want->text);
            assert_string_equal(a->date, want->date);
            assert_int_equal(a->ntags, want->ntags);
        }
        ng_article_free(a);
        ng_reader_close(r);
        if (!fault_fired())
            break;
    }
    walk_done(state, "reading the canonical article", fault_count(), failed);
    ng_article_free(want);
}

static void walk_analyze(void **state, const char *path)
{
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_article(path);
    ng_status st;
    char *want = record_of(an, a, &st);
    assert_non_null(want);
    long n = 1, failed = 0;
    for (;; n++) {
        arm(state, n);
        char *got = record_of(an, a, &st);
        fault_disarm();
        if (!fault_fired()) {
            assert_int_equal(st, NG_OK);
            free(got);
            break;
        }
        failed++;
        if (st == NG_OK) {
            /* Coping is fine; a record missing something is not. */
            if (strcmp(got, want) != 0)
                fail_msg("%s: allocation %ld failed and the record changed",
                         path, n);
        } else if (st != NG_ERR_NOMEM) {
            fail_msg("%s: allocation %ld: status %d (%s)", path, n, st,
                     ng_strerror(st));
        }
        free(got);
    }
    walk_done(state, path, fault_count(), failed);
    free(want);
    ng_article_free(a);
    ng_analyzer_free(an);
}

static void test_analyze(void **state)
{
    walk_analyze(state, CANONICAL);
    walk_analyze(state, LONGEST);
}

/* ---- ingest ------------------------------------------------------------ */

/* Three articles (the canonical one and two short ones) as JSON Lines:
 * enough for every table and for a second transaction's worth of work. */
static const char INGEST_INPUT[] =
    "{\"id\":\"one\",\"date\":\"2024-01-08\",\"tags\":[\"Iraq\"],\"text\":"
    "\"Gen. Patrick Ryder said on Friday that 2,500 troops would stay in "
    "Iraq. \\\"We are not leaving,\\\" he told reporters in Baghdad.\"}\n"
    "{\"id\":\"two\",\"date\":\"2024-01-09\",\"text\":\"The United Nations "
    "said nearly 100 people died in Gaza on Monday, according to Reuters. "
    "#Gaza\"}\n";

/* Opens the store, ingests the canonical article and INGEST_INPUT with
 * one worker, closes it. */
static ng_status ingest_once(const char *db, const ng_analyzer *an,
                             char *message, size_t size)
{
    const char *paths[] = {CANONICAL};
    ng_store *s = NULL;
    ng_reader *r1 = NULL, *r2 = NULL;
    ng_status st = ng_store_open(&s, db, 0);
    ng_ingest_options opt = {.threads = 1, .batch = 2};
    if (st == NG_OK)
        st = ng_reader_open(&r1, paths, 1, NULL);
    if (st == NG_OK)
        st = ng_ingest(s, an, r1, &opt, NULL);
    if (st == NG_OK)
        st = ng_reader_open_memory(&r2, "input.jsonl", INGEST_INPUT,
                                   sizeof INGEST_INPUT - 1, NULL);
    if (st == NG_OK)
        st = ng_ingest(s, an, r2, &opt, NULL);
    snprintf(message, size, "%s", s ? ng_store_message(s) : "");
    ng_reader_close(r2);
    ng_reader_close(r1);
    ng_store_close(s);
    return st;
}

/* Every row of every table of the store, as one string to compare. */
static char *store_dump(const char *path)
{
    static const char *const tables[] = {
        "SELECT doc_id, date, title, tags, text, hash FROM articles",
        "SELECT a.doc_id, e.name, e.type, m.start, m.end FROM mentions m "
        "JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = "
        "m.entity_id",
        "SELECT a.doc_id, t.start, t.end, t.type, t.value FROM times t JOIN "
        "articles a ON a.id = t.article_id",
        "SELECT a.doc_id, x.start, x.end, x.kind, x.value, x.unit FROM "
        "amounts x JOIN articles a ON a.id = x.article_id",
        "SELECT a.doc_id, q.start, q.end, q.kind, q.verb FROM quotes q JOIN "
        "articles a ON a.id = q.article_id",
        "SELECT a.doc_id, k.rank, k.term FROM keywords k JOIN articles a ON "
        "a.id = k.article_id",
        "SELECT a.doc_id, x.alias, 0 FROM aliases x JOIN articles a ON a.id = "
        "x.article_id",
        "SELECT a.doc_id, f.rowid, 0 FROM articles_fts f JOIN articles a ON "
        "a.id = f.rowid WHERE articles_fts MATCH 'Iraq OR Gaza'"};
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    char *integrity = NULL;
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    integrity = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    assert_string_equal(integrity, "ok");
    free(integrity);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        char sql[600];
        snprintf(sql, sizeof sql, "%s ORDER BY 1, 2, 3", tables[t]);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                size_t n = v ? strlen(v) : 4;
                while (len + n + 2 > cap) {
                    cap *= 2;
                    out = realloc(out, cap);
                    assert_non_null(out);
                }
                memcpy(out + len, v ? v : "NULL", n);
                len += n;
                out[len++] = c + 1 < sqlite3_column_count(st) ? '|' : '\n';
            }
        }
        sqlite3_finalize(st);
    }
    out[len] = '\0';
    sqlite3_close(db);
    return out;
}

/* Fails the test showing the first line where two dumps differ. */
static void fail_dump_differs(long n, const char *got, const char *want)
{
    size_t i = 0, line = 0;
    while (got[i] && got[i] == want[i])
        i++;
    while (i > 0 && got[i - 1] != '\n')
        i--;
    for (size_t k = 0; k < i; k++)
        line += got[k] == '\n';
    fail_msg("allocation %ld: the store differs from a clean run at line "
             "%zu:\n  got  %.200s\n  want %.200s",
             n, line + 1, got + i, want + i);
}

static void test_ingest(void **state)
{
    long stride = stride_from_env("FAULT_STRIDE", 101);
    /* Thousands of small stores: in memory when the machine allows. */
    if (!getenv("TMPDIR") && access("/dev/shm", W_OK) == 0)
        setenv("TMPDIR", "/dev/shm", 1);
    char *dir = test_temp_dir();
    char *db = test_path(dir, "faults.db");
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    char message[1024];
    ng_status clean = ingest_once(db, an, message, sizeof message);
    if (clean != NG_OK)
        fail_msg("ingest without failures: %s: %s", ng_strerror(clean),
                 message);
    char *want = store_dump(db);
    long n = stride_from_env("FAULT_FROM", 1), failed = 0;
    for (;; n += stride) {
        test_remove_store(db);
        arm(state, n);
        ng_status st = ingest_once(db, an, message, sizeof message);
        fault_disarm();
        if (!fault_fired()) {
            assert_int_equal(st, NG_OK);
            break;
        }
        failed++;
        if (getenv("FAULT_VERBOSE"))
            print_message("allocation %ld: %s: %s\n", n, ng_strerror(st),
                          message);
        if (st != NG_OK) {
            if (!is_failure_status(st))
                fail_msg("allocation %ld: status %d (%s)", n, st,
                         ng_strerror(st));
            /* Whatever was stored is consistent, and a run without
             * failures completes it. */
            st = ingest_once(db, an, message, sizeof message);
            if (st != NG_OK)
                fail_msg("allocation %ld: the re-run failed: %s: %s", n,
                         ng_strerror(st), message);
        }
        char *got = store_dump(db);
        if (strcmp(got, want) != 0)
            fail_dump_differs(n, got, want);
        free(got);
    }
    print_message("ingest: N from %ld in steps of %ld\n",
                  stride_from_env("FAULT_FROM", 1), stride);
    walk_done(state, "ingest", fault_count(), failed);
    free(want);
    ng_analyzer_free(an);
    test_remove_tree(dir);
    free(db);
    free(dir);
}

int main(void)
{
    fault_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_read, &ONE_SHOT),
        cmocka_unit_test_prestate(test_read, &STICKY),
        cmocka_unit_test_prestate(test_analyzer_new, &ONE_SHOT),
        cmocka_unit_test_prestate(test_analyzer_new, &STICKY),
        cmocka_unit_test_prestate(test_analyze, &ONE_SHOT),
        cmocka_unit_test_prestate(test_analyze, &STICKY),
        cmocka_unit_test_prestate(test_ingest, &ONE_SHOT),
        cmocka_unit_test_prestate(test_ingest, &STICKY),
    };
    return cmocka_run_group_tests_name("fault/alloc", tests, NULL, NULL);
}
