/*
 * test_store.c -- the store: schema and migrations, ingest (new, unchanged,
 * changed, bad items), search with filters, snippets and query errors,
 * reading articles back, stats, refusing foreign or newer files,
 * entities and their mentions (top list, one entity, replacement).
 */
#include <math.h>
#include <sqlite3.h>

#include "store/store.h"

#include "support.h"

typedef struct fixture {
    char *dir;
    char *db;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = test_temp_dir();
    f->db = test_path(f->dir, "test.db");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    test_remove_tree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

typedef struct problems {
    int count;
    char last[512];
} problems;

static void on_problem(void *ctx, ng_status st, const char *msg)
{
    (void)st;
    problems *p = ctx;
    p->count++;
    snprintf(p->last, sizeof p->last, "%s", msg);
}

/* Ingests paths into the store and returns the progress counters. */
static ng_ingest_progress ingest_paths(const char *db, const char **paths,
                                       size_t n, problems *probs)
{
    ng_store *s;
    ng_analyzer *an;
    ng_reader *r;
    assert_int_equal(ng_store_open(&s, db, 0), NG_OK);
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_int_equal(ng_reader_open(&r, paths, n, NULL), NG_OK);
    ng_ingest_options opt = {
        .threads = 2, .batch = 7, .on_problem = on_problem, .ctx = probs};
    ng_ingest_progress p;
    assert_int_equal(ng_ingest(s, an, r, &opt, &p), NG_OK);
    ng_reader_close(r);
    ng_analyzer_free(an);
    ng_store_close(s);
    return p;
}

static ng_ingest_progress ingest_memory(const char *db, const char *name,
                                        const char *data, problems *probs)
{
    ng_store *s;
    ng_analyzer *an;
    ng_reader *r;
    assert_int_equal(ng_store_open(&s, db, 0), NG_OK);
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_int_equal(ng_reader_open_memory(&r, name, data, strlen(data), NULL),
                     NG_OK);
    ng_ingest_options opt = {
        .threads = 1, .on_problem = on_problem, .ctx = probs};
    ng_ingest_progress p;
    assert_int_equal(ng_ingest(s, an, r, &opt, &p), NG_OK);
    ng_reader_close(r);
    ng_analyzer_free(an);
    ng_store_close(s);
    return p;
}

static int64_t sql_int(const char *db, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static void sql_exec(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

static void test_schema(void **state)
{
    fixture *f = *state;
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, 0), NG_OK);
    ng_store_close(s);
    assert_int_equal(sql_int(f->db, "PRAGMA user_version"), NG_STORE_SCHEMA);
    assert_int_equal(sql_int(f->db, "PRAGMA application_id"), 0x4E475248);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM sqlite_master "
                                    "WHERE name IN ('articles', "
                                    "'articles_fts', 'meta', 'entities', "
                                    "'mentions', 'times', 'amounts')"),
                     7);
    /* Opening again migrates nothing and keeps the data. */
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_store_close(s);
}

static void test_refuses_foreign_and_newer(void **state)
{
    fixture *f = *state;
    char *foreign = test_path(f->dir, "foreign.db");
    sql_exec(foreign, "CREATE TABLE t(x)");
    ng_store *s;
    assert_int_equal(ng_store_open(&s, foreign, 0), NG_ERR_STORE);
    assert_string_equal(ng_store_message(s), "not a newsgraph store");
    ng_store_close(s);
    assert_int_equal(ng_store_open(&s, f->db, 0), NG_OK);
    ng_store_close(s);
    sql_exec(f->db, "PRAGMA user_version = 99");
    assert_int_equal(ng_store_open(&s, f->db, 0), NG_ERR_SCHEMA);
    assert_non_null(strstr(ng_store_message(s), "schema version 99"));
    ng_store_close(s);
    char *missing = test_path(f->dir, "missing.db");
    assert_int_equal(ng_store_open(&s, missing, NG_STORE_READONLY),
                     NG_ERR_NOT_FOUND);
    ng_store_close(s);
    free(missing);
    free(foreign);
}

static void test_ingest_samples_twice(void **state)
{
    fixture *f = *state;
    const char *paths[] = {"samples"};
    problems probs = {0};
    ng_ingest_progress p = ingest_paths(f->db, paths, 1, &probs);
    assert_int_equal(p.articles_added, 74);
    assert_int_equal(p.items_skipped, 0);
    assert_int_equal(probs.count, 0);
    assert_int_equal(p.bytes_done, p.bytes_total);
    p = ingest_paths(f->db, paths, 1, &probs);
    assert_int_equal(p.articles_added, 0);
    assert_int_equal(p.articles_same, 74);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles"), 74);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles_fts"), 74);
    /* Row order follows input order whatever the threads did. */
    assert_int_equal(sql_int(f->db, "SELECT id FROM articles WHERE doc_id = "
                                    "'samples/000_3e5691df25d3c8b8.txt'"),
                     1);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_store_stats st;
    assert_int_equal(ng_store_stats_get(s, &st), NG_OK);
    assert_int_equal(st.articles, 74);
    assert_string_equal(st.first_date, "2006-01-12");
    assert_string_equal(st.last_date, "2024-01-08");
    assert_true(st.tokens > 40000 && st.sentences > 1500);
    ng_tag_count tags[3];
    size_t n;
    assert_int_equal(ng_store_top_tags(s, tags, 3, &n), NG_OK);
    assert_int_equal(n, 3);
    assert_string_equal(tags[0].tag, "markets");
    ng_store_close(s);
}

static void test_changed_article_replaces(void **state)
{
    fixture *f = *state;
    problems probs = {0};
    ng_ingest_progress p = ingest_memory(
        f->db, "a.jsonl",
        "{\"id\": \"x\", \"tags\": [\"old\"], \"text\": \"zebras graze\"}\n",
        &probs);
    assert_int_equal(p.articles_added, 1);
    p = ingest_memory(
        f->db, "a.jsonl",
        "{\"id\": \"x\", \"tags\": [\"new\"], \"text\": \"lions hunt\"}\n",
        &probs);
    assert_int_equal(p.articles_updated, 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles_fts WHERE "
                                    "articles_fts MATCH 'zebras'"),
                     0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles_fts WHERE "
                                    "articles_fts MATCH 'lions'"),
                     1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles, "
                                    "json_each(articles.tags) WHERE value = "
                                    "'old'"),
                     0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles_fts WHERE "
                                    "articles_fts MATCH 'tags:new'"),
                     1);
    sql_exec(f->db, "INSERT INTO articles_fts(articles_fts) "
                    "VALUES('integrity-check')");
}

/* Times and amounts are stored with their article and replaced with it. */
static void test_times_and_amounts(void **state)
{
    fixture *f = *state;
    problems probs = {0};
    ingest_memory(f->db, "t.jsonl",
                  "{\"id\": \"x\", \"date\": \"2024-01-08\", \"text\": "
                  "\"They met on Friday. About 2,500 troops left.\"}\n",
                  &probs);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM times WHERE "
                                    "value = '2024-01-05' AND text = "
                                    "'Friday' AND type = 'DATE'"),
                     1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM amounts WHERE "
                                    "value = 2500 AND unit = 'troops' AND "
                                    "approx = 1 AND kind = 'count'"),
                     1);
    /* Offsets point into articles.text. */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM times t JOIN "
                                    "articles a ON a.id = t.article_id WHERE "
                                    "substr(a.text, t.start + 1, t.end - "
                                    "t.start) = t.text"),
                     1);
    ingest_memory(f->db, "t.jsonl",
                  "{\"id\": \"x\", \"date\": \"2024-01-08\", \"text\": "
                  "\"Nothing happened. 20% fewer.\"}\n",
                  &probs);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM times"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM amounts"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM amounts WHERE "
                                    "kind = 'percent' AND value = 20"),
                     1);
}

/* Timelines: matching articles per day, week and month, with gaps. */
static void test_timeline(void **state)
{
    fixture *f = *state;
    problems probs = {0};
    ingest_memory(f->db, "tl.jsonl",
                  "{\"id\": \"1\", \"date\": \"2024-01-01\", "
                  "\"text\": \"troops\"}\n"
                  "{\"id\": \"2\", \"date\": \"2024-01-03\", "
                  "\"text\": \"troops\"}\n"
                  "{\"id\": \"3\", \"date\": \"2024-01-03\", "
                  "\"tags\": [\"Iraq\"], \"text\": \"troops\"}\n"
                  "{\"id\": \"4\", \"date\": \"2024-02-12\", "
                  "\"text\": \"troops\"}\n"
                  "{\"id\": \"5\", \"text\": \"troops undated\"}\n"
                  "{\"id\": \"6\", \"date\": \"2024-01-02\", "
                  "\"text\": \"nothing\"}\n",
                  &probs);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_timeline *t;
    ng_timeline_query q = {.query = "troops", .by = NG_PERIOD_DAY};
    assert_int_equal(ng_timeline_get(s, &q, &t), NG_OK);
    assert_int_equal(ng_timeline_total(t), 4);
    assert_int_equal(ng_timeline_undated(t), 1);
    assert_int_equal(ng_timeline_count(t), 43); /* Jan 1 .. Feb 12 */
    assert_string_equal(ng_timeline_at(t, 0)->period, "2024-01-01");
    assert_int_equal(ng_timeline_at(t, 1)->articles, 0);
    assert_int_equal(ng_timeline_at(t, 2)->articles, 2);
    assert_null(ng_timeline_at(t, 43));
    ng_timeline_free(t);
    q.by = NG_PERIOD_WEEK;
    assert_int_equal(ng_timeline_get(s, &q, &t), NG_OK);
    assert_string_equal(ng_timeline_at(t, 0)->period, "2024-W01");
    assert_int_equal(ng_timeline_at(t, 0)->articles, 3);
    assert_string_equal(ng_timeline_at(t, 6)->period, "2024-W07");
    assert_string_equal(ng_timeline_at(t, 6)->start, "2024-02-12");
    assert_int_equal(ng_timeline_count(t), 7);
    ng_timeline_free(t);
    q.by = NG_PERIOD_MONTH;
    q.since = "2023-12-15";
    q.until = "2024-03-01";
    assert_int_equal(ng_timeline_get(s, &q, &t), NG_OK);
    assert_int_equal(ng_timeline_count(t), 4);
    assert_string_equal(ng_timeline_at(t, 0)->period, "2023-12");
    assert_int_equal(ng_timeline_at(t, 1)->articles, 3);
    assert_int_equal(ng_timeline_at(t, 2)->articles, 1);
    assert_int_equal(ng_timeline_at(t, 3)->articles, 0);
    assert_int_equal(ng_timeline_undated(t), 0);
    ng_timeline_free(t);
    /* gaps are filled up to the cap, then only days with matches (and
     * `until`) are periods */
    q = (ng_timeline_query){.query = "troops",
                            .by = NG_PERIOD_DAY,
                            .since = "1900-01-01",
                            .until = "2024-03-01"};
    assert_int_equal(ng_timeline_get(s, &q, &t), NG_OK);
    assert_int_equal(ng_timeline_count(t), STORE_MAX_PERIODS + 4);
    assert_string_equal(ng_timeline_at(t, 0)->period, "1900-01-01");
    assert_string_equal(ng_timeline_at(t, STORE_MAX_PERIODS)->period,
                        "2024-01-01");
    assert_int_equal(ng_timeline_at(t, STORE_MAX_PERIODS + 1)->articles, 2);
    assert_string_equal(ng_timeline_at(t, STORE_MAX_PERIODS + 3)->period,
                        "2024-03-01");
    assert_int_equal(ng_timeline_total(t), 4);
    ng_timeline_free(t);
    q = (ng_timeline_query){.query = "troops", .tag = "iraq"};
    assert_int_equal(ng_timeline_get(s, &q, &t), NG_OK);
    assert_int_equal(ng_timeline_total(t), 1);
    ng_timeline_free(t);
    q = (ng_timeline_query){.query = "troops OR"};
    assert_int_equal(ng_timeline_get(s, &q, &t), NG_ERR_QUERY);
    assert_null(t);
    q = (ng_timeline_query){.query = "troops", .since = "2024-13-01"};
    assert_int_equal(ng_timeline_get(s, &q, &t), NG_ERR_ARG);
    ng_timeline_free(NULL);
    ng_store_close(s);
}

static void test_bad_items_are_reported(void **state)
{
    fixture *f = *state;
    problems probs = {0};
    ng_ingest_progress p =
        ingest_memory(f->db, "mixed.jsonl",
                      "{\"text\": \"good one\"}\nnot json\n{\"id\": "
                      "1}\n{\"text\": \"two\"}\n",
                      &probs);
    assert_int_equal(p.articles_added, 2);
    assert_int_equal(p.items_skipped, 2);
    assert_int_equal(probs.count, 2);
    assert_non_null(strstr(probs.last, "mixed.jsonl:3: the object has no"));
}

/* Search: query -> total matches in the sample corpus (0 for none). */
static void test_search(void **state)
{
    fixture *f = *state;
    const char *paths[] = {"samples"};
    problems probs = {0};
    ingest_paths(f->db, paths, 1, &probs);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    static const struct {
        ng_search_query q;
        int64_t total; /* -1: at least one */
        const char *first_id;
    } cases[] = {
        {{.query = "al-Nujaba"}, 1, "samples/000_3e5691df25d3c8b8.txt"},
        {{.query = "Nujaba Suleimani"}, 1, NULL},
        {{.query = "\"air strike\""}, -1, NULL},
        {{.query = "Suleimani*"}, 1, NULL},
        {{.query = "Suleim*"}, 2, NULL},
        {{.query = "tags:Pentagon"}, 1, "samples/000_3e5691df25d3c8b8.txt"},
        {{.query = "title:Pentagon"}, 0, NULL},
        {{.query = "troops", .tag = "#Pentagon"}, 1, NULL},
        {{.query = "troops", .tag = "pentagon"}, 1, NULL},
        {{.query = "troops", .since = "2024-01-08"}, 1, NULL},
        {{.query = "troops", .until = "2023-12-31"}, -1, NULL},
        {{.query = "troops", .since = "2030-01-01"}, 0, NULL},
        {{.query = "iraq NOT syria"}, -1, NULL},
        {{.query = "(iraq OR syria) militia"}, 1, NULL},
        {{.query = "2,500 troops"}, 1, NULL},
        {{.query = "U.S."}, -1, NULL},
        {{.query = "qqqzzzxxx"}, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ng_search_result *r;
        ng_status st = ng_search(s, &cases[i].q, &r);
        if (st != NG_OK)
            fail_msg("case %zu: %s: %s", i + 1, ng_strerror(st),
                     ng_store_message(s));
        uint64_t total = ng_search_result_total(r);
        if (cases[i].total >= 0 ? total != (uint64_t)cases[i].total
                                : total == 0)
            fail_msg("case %zu (%s): %llu results", i + 1, cases[i].q.query,
                     (unsigned long long)total);
        if (cases[i].first_id)
            assert_string_equal(ng_search_result_hit(r, 0)->id,
                                cases[i].first_id);
        ng_search_result_free(r);
    }
    ng_store_close(s);
}

/* Diacritics and case fold away: "Sao" finds "São". */
static void test_search_folds_diacritics(void **state)
{
    fixture *f = *state;
    problems probs = {0};
    ingest_memory(f->db, "m.jsonl",
                  "{\"text\": \"Caf\xC3\xA9 in S\xC3\xA3o Paulo\"}\n", &probs);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    static const char *const queries[] = {"sao paulo", "CAFE", "S\xC3\xA3o",
                                          "caf\xC3\xA9*"};
    for (size_t i = 0; i < 4; i++) {
        ng_search_query q = {.query = queries[i]};
        ng_search_result *r;
        assert_int_equal(ng_search(s, &q, &r), NG_OK);
        assert_int_equal(ng_search_result_total(r), 1);
        ng_search_result_free(r);
    }
    ng_store_close(s);
}

static void test_search_paging_and_marks(void **state)
{
    fixture *f = *state;
    const char *paths[] = {"samples"};
    problems probs = {0};
    ingest_paths(f->db, paths, 1, &probs);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_search_query q = {.query = "market", .limit = 3};
    ng_search_result *r;
    assert_int_equal(ng_search(s, &q, &r), NG_OK);
    assert_int_equal(ng_search_result_count(r), 3);
    assert_true(ng_search_result_total(r) > 3);
    const ng_search_hit *h0 = ng_search_result_hit(r, 0);
    assert_true(h0->score >= ng_search_result_hit(r, 2)->score);
    for (size_t i = 0; i < 3; i++) {
        const ng_search_hit *h = ng_search_result_hit(r, i);
        for (size_t m = 0; m < h->nmarks; m++)
            assert_true(
                strncasecmp(h->snippet + h->marks[m].start, "market", 6) == 0);
    }
    char *second = str_dup(ng_search_result_hit(r, 1)->id);
    ng_search_result_free(r);
    q.offset = 1;
    q.limit = 1;
    assert_int_equal(ng_search(s, &q, &r), NG_OK);
    assert_string_equal(ng_search_result_hit(r, 0)->id, second);
    assert_null(ng_search_result_hit(r, 1));
    ng_search_result_free(r);
    free(second);
    ng_store_close(s);
}

static void test_query_errors(void **state)
{
    fixture *f = *state;
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, 0), NG_OK);
    static const struct {
        const char *query, *message;
    } cases[] = {
        {"", "the query has no words to search for"},
        {"  - & ", "the query has no words to search for"},
        {"NOT iraq", "NOT needs a term before it"},
        {"\"air strike", "a quotation mark is not closed"},
        {"(iraq", "a '(' is not closed"},
        {"iraq)", "a ')' has no '(' before it"},
        {"iraq OR", "the query ends with an operator"},
        {"AND iraq", "AND needs a term on each side"},
        {"iraq OR AND syria", "AND needs a term on each side"},
        {"()", "the parentheses hold nothing"},
        {"(iraq OR)", "an operator before ')' needs a term after it"},
        {"\"--\"", "the phrase has no words to search for"},
        {"title:(a OR b)", "a field applies to one word"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ng_search_query q = {.query = cases[i].query};
        ng_search_result *r = NULL;
        assert_int_equal(ng_search(s, &q, &r), NG_ERR_QUERY);
        assert_null(r);
        if (!strstr(ng_store_message(s), cases[i].message))
            fail_msg("query '%s': message '%s'", cases[i].query,
                     ng_store_message(s));
    }
    ng_search_query bad_date = {.query = "x", .since = "2024-02-30"};
    ng_search_result *r = NULL;
    assert_int_equal(ng_search(s, &bad_date, &r), NG_ERR_ARG);
    ng_store_close(s);
}

static void test_query_translation(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"iraq troops", "\"iraq\" AND \"troops\""},
        {"al-Nujaba", "\"al-Nujaba\""},
        {"\"air strike\"", "\"air strike\""},
        {"withdraw*", "\"withdraw\"*"},
        {"iraq NOT syria", "\"iraq\" NOT \"syria\""},
        {"(iraq OR syria) militia", "(\"iraq\" OR \"syria\") AND \"militia\""},
        {"tags:Pentagon", "tags : \"Pentagon\""},
        {"title:\"Black Monday\"", "title : \"Black Monday\""},
        {"say \"\"\"", NULL},
        {"and or not", "\"and\" AND \"or\" AND \"not\""},
        {"foo:bar", "\"foo:bar\""},
    };
    buf out, msg;
    buf_init(&out, 0);
    buf_init(&msg, 0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ng_status st = query_translate(cases[i].in, &out, &msg);
        if (!cases[i].out) {
            assert_int_equal(st, NG_ERR_QUERY);
            continue;
        }
        assert_int_equal(st, NG_OK);
        assert_string_equal(buf_cstr(&out), cases[i].out);
    }
    buf_free(&out);
    buf_free(&msg);
}

static void test_show(void **state)
{
    fixture *f = *state;
    problems probs = {0};
    ingest_memory(
        f->db, "m.jsonl",
        "{\"id\": \"a1\", \"date\": \"2024-01-05\", \"title\": \"T\","
        " \"url\": \"http://x\", \"tags\": [\"b\", \"a\"],"
        " \"text\": \"Body.\"}\n{\"id\": \"7\", \"text\": \"Seven\"}\n",
        &probs);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_article *a;
    assert_int_equal(ng_store_article(s, "a1", &a), NG_OK);
    assert_string_equal(a->date, "2024-01-05");
    assert_string_equal(a->title, "T");
    assert_string_equal(a->url, "http://x");
    assert_null(a->source);
    assert_int_equal(a->ntags, 2);
    assert_string_equal(a->tags[0], "b");
    assert_string_equal(a->text, "Body.");
    ng_article_free(a);
    /* "7" is a doc_id before it is a row number. */
    assert_int_equal(ng_store_article(s, "7", &a), NG_OK);
    assert_string_equal(a->text, "Seven");
    ng_article_free(a);
    assert_int_equal(ng_store_article(s, "2", &a), NG_OK);
    assert_string_equal(a->id, "7");
    ng_article_free(a);
    assert_int_equal(ng_store_article(s, "nope", &a), NG_ERR_NOT_FOUND);
    assert_null(a);
    ng_store_close(s);
}

/* A store of schema 1 (made by hand as the first release made it) is
 * migrated to the current schema with its articles kept. */
static void test_migrates_schema_1(void **state)
{
    fixture *f = *state;
    sql_exec(f->db, "CREATE TABLE articles (id INTEGER PRIMARY KEY,"
                    " doc_id TEXT NOT NULL UNIQUE, date TEXT, title TEXT,"
                    " tags TEXT NOT NULL DEFAULT '[]', url TEXT, source TEXT,"
                    " text TEXT NOT NULL, origin TEXT, hash INTEGER NOT NULL,"
                    " bytes INTEGER NOT NULL, sentences INTEGER NOT NULL,"
                    " tokens INTEGER NOT NULL, ingested TEXT NOT NULL);"
                    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"
                    " WITHOUT ROWID;"
                    "INSERT INTO articles VALUES (1, 'old', NULL, NULL, '[]',"
                    " NULL, NULL, 'text', NULL, 1, 4, 1, 1, 'now');"
                    "PRAGMA user_version = 1;"
                    "PRAGMA application_id = 1313296968;");
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, 0), NG_OK);
    ng_store_close(s);
    assert_int_equal(sql_int(f->db, "PRAGMA user_version"), NG_STORE_SCHEMA);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM mentions"), 0);
}

static void test_entities(void **state)
{
    fixture *f = *state;
    const char *paths[] = {"samples"};
    problems probs = {0};
    ingest_paths(f->db, paths, 1, &probs);
    int64_t mentions = sql_int(f->db, "SELECT count(*) FROM mentions");
    assert_true(mentions > 500);
    /* Every mention lies inside its article's text. */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM mentions m JOIN "
                                    "articles a ON a.id = m.article_id WHERE "
                                    "m.start >= m.end OR m.end > a.bytes"),
                     0);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_entity_list *l;
    ng_entity_query q = {.type = "LOC", .limit = 5};
    assert_int_equal(ng_store_entities(s, &q, &l), NG_OK);
    assert_int_equal(l->count, 5);
    for (size_t i = 0; i < l->count; i++)
        assert_string_equal(l->items[i].type, "LOC");
    assert_true(l->items[0].mentions >= l->items[4].mentions);
    ng_entity_list_free(l);
    ng_entity_query dated = {.since = "2024-01-01", .until = "2024-12-31"};
    assert_int_equal(ng_store_entities(s, &dated, &l), NG_OK);
    assert_true(l->count > 5);
    for (size_t i = 0; i < l->count; i++)
        assert_string_equal(l->items[i].first_date, "2024-01-08");
    ng_entity_list_free(l);
    assert_int_equal(ng_store_entity(s, "patrick RYDER", NULL, &l), NG_OK);
    assert_string_equal(l->items[0].name, "Patrick Ryder");
    assert_string_equal(l->items[0].type, "PER");
    assert_int_equal(l->items[0].mentions, 2);
    assert_int_equal(l->ndays, 1);
    assert_string_equal(l->days[0].date, "2024-01-08");
    assert_int_equal(l->narticles, 1);
    const ng_entity_article *a = &l->articles[0];
    assert_string_equal(a->id, "samples/000_3e5691df25d3c8b8.txt");
    assert_true(strncmp(a->snippet + a->mark.start, "Patrick Ryder",
                        a->mark.end - a->mark.start) == 0);
    assert_int_equal(a->mark.end - a->mark.start, 13);
    ng_entity_list_free(l);
    /* Any name an entity goes by finds it, and the names are listed. */
    static const char *const us[] = {"USA", "american", "U.S."};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(ng_store_entity(s, us[i], NULL, &l), NG_OK);
        assert_string_equal(l->items[0].name, "United States");
        assert_string_equal(l->items[0].type, "LOC");
        bool america = false;
        for (size_t k = 0; k < l->naliases; k++)
            america |= strcmp(l->aliases[k], "America") == 0;
        assert_true(america);
        ng_entity_list_free(l);
    }
    assert_int_equal(ng_store_entity(s, "Qasim Suleimani", NULL, &l), NG_OK);
    assert_string_equal(l->items[0].name, "Kassim Suleimani");
    assert_int_equal(l->naliases, 3);
    ng_entity_list_free(l);
    assert_int_equal(ng_store_entity(s, "Nobody Here", NULL, &l),
                     NG_ERR_NOT_FOUND);
    assert_null(l);
    ng_entity_query bad = {.type = "PERSON"};
    assert_int_equal(ng_store_entities(s, &bad, &l), NG_ERR_ARG);
    ng_store_close(s);
}

static void test_replaced_article_mentions(void **state)
{
    fixture *f = *state;
    problems probs = {0};
    ingest_memory(f->db, "a.jsonl",
                  "{\"id\": \"x\", \"text\": \"Angela Merkel met Jacques "
                  "Chirac in Paris.\"}\n",
                  &probs);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM mentions"), 3);
    ingest_memory(f->db, "a.jsonl",
                  "{\"id\": \"x\", \"text\": \"Gerhard Schroeder spoke in "
                  "Berlin.\"}\n",
                  &probs);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM mentions"), 2);
    /* The old version's spellings are gone; the entities stay. */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM aliases WHERE "
                                    "alias = 'Jacques Chirac'"),
                     0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM aliases WHERE "
                                    "alias = 'Gerhard Schroeder' AND "
                                    "article_id > 0"),
                     1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM mentions m JOIN "
                                    "entities e ON e.id = m.entity_id WHERE "
                                    "e.name = 'Paris'"),
                     0);
}

/* Quotes: stored with their speakers' entity ids, asked for by speaker
 * (a surname or an alias finds the entity), its type, words and kind,
 * paged with the count of all; a replaced article takes its quotes with
 * it. */
static void test_quotes(void **state)
{
    fixture *f = *state;
    const char *paths[] = {"samples/000_3e5691df25d3c8b8.txt"};
    problems probs = {0};
    ingest_paths(f->db, paths, 1, &probs);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM quotes q JOIN "
                                    "entities e ON e.id = q.speaker_id "
                                    "WHERE e.name = 'Patrick Ryder'"),
                     3);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM quotes WHERE "
                                    "kind = 'blockquote' AND text LIKE 'I am "
                                    "not aware%'"),
                     1);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_quote_list *l;
    ng_quote_query q = {.speaker = "ryder"};
    assert_int_equal(ng_store_quotes(s, &q, &l), NG_OK);
    assert_int_equal(l->count, 3);
    assert_string_equal(l->items[0].speaker, "Patrick Ryder");
    assert_string_equal(l->items[0].date, "2024-01-08");
    ng_quote_list_free(l);
    ng_quote_query words = {.words = "NOT aware", .kind = "blockquote"};
    assert_int_equal(ng_store_quotes(s, &words, &l), NG_OK);
    assert_int_equal(l->count, 1);
    assert_string_equal(l->items[0].verb, "announced");
    assert_string_equal(l->items[0].source, "Patrick Ryder");
    ng_quote_list_free(l);
    /* paged: the count of all that match comes with every page */
    ng_quote_query page = {.speaker = "Patrick Ryder", .limit = 2};
    assert_int_equal(ng_store_quotes(s, &page, &l), NG_OK);
    assert_int_equal(l->count, 2);
    assert_int_equal(l->total, 3);
    assert_int_equal(l->items[0].span.start, 852);
    ng_quote_list_free(l);
    page.offset = 2;
    assert_int_equal(ng_store_quotes(s, &page, &l), NG_OK);
    assert_int_equal(l->count, 1);
    assert_int_equal(l->total, 3);
    assert_true(l->items[0].span.start > 852);
    ng_quote_list_free(l);
    /* a speaker by an alias: the alias table's "Pentagon", a mention's
     * spelling "Iraqi" */
    ng_quote_query alias = {.speaker = "pentagon"};
    assert_int_equal(ng_store_quotes(s, &alias, &l), NG_OK);
    assert_int_equal(l->count, 1);
    assert_string_equal(l->items[0].speaker, "US Department of Defense");
    ng_quote_list_free(l);
    alias.speaker = "Iraqi";
    assert_int_equal(ng_store_quotes(s, &alias, &l), NG_OK);
    assert_int_equal(l->count, 1);
    assert_string_equal(l->items[0].speaker, "Iraq");
    ng_quote_list_free(l);
    /* one entity, as its profile finds it: by an alias, of a type */
    ng_quote_query one = {.entity = "Ryder", .speaker_type = "PER"};
    assert_int_equal(ng_store_quotes(s, &one, &l), NG_OK);
    assert_int_equal(l->total, 3);
    assert_string_equal(l->items[0].speaker, "Patrick Ryder");
    ng_quote_list_free(l);
    one = (ng_quote_query){.entity = "iraqi"};
    assert_int_equal(ng_store_quotes(s, &one, &l), NG_OK);
    assert_int_equal(l->total, 1);
    assert_string_equal(l->items[0].speaker, "Iraq");
    ng_quote_list_free(l);
    one.speaker_type = "ORG"; /* no organization goes by it */
    assert_int_equal(ng_store_quotes(s, &one, &l), NG_OK);
    assert_int_equal(l->total, 0);
    ng_quote_list_free(l);
    /* by the speaker's type, as SQL counts them */
    ng_quote_query per = {.speaker_type = "per", .limit = 100};
    assert_int_equal(ng_store_quotes(s, &per, &l), NG_OK);
    assert_int_equal(l->total,
                     sql_int(f->db, "SELECT count(*) FROM quotes q JOIN "
                                    "entities e ON e.id = q.speaker_id "
                                    "WHERE e.type = 'PER'"));
    assert_int_equal(l->count, l->total);
    for (size_t i = 0; i < l->count; i++)
        assert_string_equal(l->items[i].speaker_type, "PER");
    ng_quote_list_free(l);
    ng_quote_query all = {.limit = 100};
    assert_int_equal(ng_store_quotes(s, &all, &l), NG_OK);
    assert_int_equal(l->total, sql_int(f->db, "SELECT count(*) FROM quotes"));
    ng_quote_list_free(l);
    /* LIKE's wildcards in words are plain characters */
    static const char *const literal[] = {"%", "_", "\\", "a%e"};
    for (size_t i = 0; i < 4; i++) {
        char sql[160];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM quotes WHERE instr(lower(text), "
                 "lower('%s')) > 0",
                 literal[i]);
        ng_quote_query w = {.words = literal[i]};
        assert_int_equal(ng_store_quotes(s, &w, &l), NG_OK);
        assert_int_equal(l->total, sql_int(f->db, sql));
        assert_true((int64_t)l->total <
                    sql_int(f->db, "SELECT count(*) FROM quotes"));
        ng_quote_list_free(l);
    }
    ng_quote_query bad = {.kind = "indirect"};
    assert_int_equal(ng_store_quotes(s, &bad, &l), NG_ERR_ARG);
    ng_quote_query bad_type = {.speaker_type = "PERSON"};
    assert_int_equal(ng_store_quotes(s, &bad_type, &l), NG_ERR_ARG);
    ng_store_close(s);
    ingest_memory(f->db, "a.jsonl",
                  "{\"id\": \"samples/000_3e5691df25d3c8b8.txt\", \"text\": "
                  "\"Nothing said here.\"}\n",
                  &probs);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM quotes"), 0);
}

/* Keywords: stored best first, weighted by IDF in the store, for one
 * article or summed over dates; a replaced article takes them along. */
static void test_keywords(void **state)
{
    fixture *f = *state;
    const char *paths[] = {"samples"};
    problems probs = {0};
    ingest_paths(f->db, paths, 1, &probs);
    int64_t articles = sql_int(f->db, "SELECT count(*) FROM articles");
    assert_int_equal(sql_int(f->db, "SELECT count(DISTINCT article_id) FROM "
                                    "keywords"),
                     articles);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM keywords WHERE "
                                    "rank = 1 AND score != 1"),
                     0);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_keyword_list *l;
    ng_keyword_query one = {.article = "samples/000_3e5691df25d3c8b8.txt"};
    assert_int_equal(ng_store_keywords(s, &one, &l), NG_OK);
    assert_true(l->count >= 5);
    for (size_t i = 0; i < l->count; i++) {
        assert_true(l->items[i].idf > 0);
        assert_true(l->items[i].weight <= l->items[0].weight);
        assert_int_equal(l->items[i].articles, 1);
    }
    ng_keyword_list_free(l);
    ng_keyword_query all = {
        .since = "2008-01-01", .until = "2008-12-31", .limit = 5};
    assert_int_equal(ng_store_keywords(s, &all, &l), NG_OK);
    assert_int_equal(l->count, 5);
    assert_true(l->items[0].weight >= l->items[4].weight);
    assert_true(l->items[0].articles >= 1);
    /* the counts of the top term as SQL gives them: articles within the
     * dates, the document frequency over all */
    char sql[512];
    sqlite3_snprintf(
        sizeof sql, sql,
        "SELECT count(DISTINCT k.article_id) FROM keywords k JOIN "
        "articles a ON a.id = k.article_id WHERE k.term = '%q' COLLATE "
        "NOCASE AND a.date BETWEEN '2008-01-01' AND '2008-12-31'",
        l->items[0].term);
    assert_int_equal(l->items[0].articles, sql_int(f->db, sql));
    sqlite3_snprintf(
        sizeof sql, sql,
        "SELECT count(DISTINCT article_id) FROM keywords WHERE term = "
        "'%q' COLLATE NOCASE",
        l->items[0].term);
    double df = (double)sql_int(f->db, sql);
    double n = (double)sql_int(f->db, "SELECT count(*) FROM articles");
    assert_true(fabs(l->items[0].idf - log(n / df)) < 1e-9);
    ng_keyword_list_free(l);
    ng_keyword_query none = {.article = "no/such/article"};
    assert_int_equal(ng_store_keywords(s, &none, &l), NG_ERR_NOT_FOUND);
    ng_keyword_query bad = {.since = "2008-02-30"};
    assert_int_equal(ng_store_keywords(s, &bad, &l), NG_ERR_ARG);
    ng_store_close(s);
    ingest_memory(f->db, "a.jsonl",
                  "{\"id\": \"samples/000_3e5691df25d3c8b8.txt\", \"text\": "
                  "\"Short.\"}\n",
                  &probs);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM keywords k JOIN "
                                    "articles a ON a.id = k.article_id WHERE "
                                    "a.doc_id LIKE '%000_3e5691df25d3c8b8%' "
                                    "AND k.term != 'Short'"),
                     0);
}

/* The co-occurrence graph: the most mentioned entities, edges between
 * nodes only, weights from the minimum on and at most the articles of
 * either end. */
static void test_graph(void **state)
{
    fixture *f = *state;
    const char *paths[] = {"samples"};
    problems probs = {0};
    ingest_paths(f->db, paths, 1, &probs);
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_graph *g;
    ng_graph_query q = {.max_nodes = 20, .min_weight = 2};
    assert_int_equal(ng_store_graph(s, &q, &g), NG_OK);
    assert_int_equal(g->nnodes, 20);
    assert_string_equal(g->nodes[0].name, "United States");
    assert_true(g->nedges > 0);
    for (size_t i = 0; i < g->nnodes; i++)
        if (i)
            assert_true(g->nodes[i].mentions <= g->nodes[i - 1].mentions);
    for (size_t i = 0; i < g->nedges; i++) {
        const ng_graph_edge *e = &g->edges[i];
        assert_true(e->source < e->target && e->target < g->nnodes);
        assert_true(e->weight >= 2);
        assert_true(e->weight <= g->nodes[e->source].articles &&
                    e->weight <= g->nodes[e->target].articles);
    }
    ng_graph_free(g);
    ng_graph_query per = {.type = "per", .since = "2024-01-01"};
    assert_int_equal(ng_store_graph(s, &per, &g), NG_OK);
    for (size_t i = 0; i < g->nnodes; i++)
        assert_string_equal(g->nodes[i].type, "PER");
    bool ryder_suleimani = false; /* both in the canonical article */
    for (size_t i = 0; i < g->nedges; i++) {
        const char *a = g->nodes[g->edges[i].source].name;
        const char *b = g->nodes[g->edges[i].target].name;
        ryder_suleimani |= (strcmp(a, "Patrick Ryder") == 0 &&
                            strcmp(b, "Kassim Suleimani") == 0) ||
                           (strcmp(b, "Patrick Ryder") == 0 &&
                            strcmp(a, "Kassim Suleimani") == 0);
    }
    assert_true(ryder_suleimani);
    ng_graph_free(g);
    ng_graph_query bad = {.type = "PERSON"};
    assert_int_equal(ng_store_graph(s, &bad, &g), NG_ERR_ARG);
    ng_store_close(s);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_schema),
        T(test_refuses_foreign_and_newer),
        T(test_ingest_samples_twice),
        T(test_changed_article_replaces),
        T(test_times_and_amounts),
        T(test_timeline),
        T(test_bad_items_are_reported),
        T(test_search),
        T(test_search_folds_diacritics),
        T(test_search_paging_and_marks),
        T(test_query_errors),
        cmocka_unit_test(test_query_translation),
        T(test_show),
        T(test_migrates_schema_1),
        T(test_entities),
        T(test_replaced_article_mentions),
        T(test_quotes),
        T(test_keywords),
        T(test_graph),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
