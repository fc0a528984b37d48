/*
 * test_timeline.c -- ng_timeline: counts per day, ISO week and month,
 * zero-filled gaps, since/until bounds, tag filter, undated articles,
 * ISO week numbering across year ends, bad input.
 */
#include "support.h"

typedef struct fixture {
    char *dir;
    ng_store *store;
} fixture;

/* Articles on chosen dates (one undated), all holding "troops". */
static const char corpus[] =
    "{\"id\":\"a\",\"date\":\"2020-12-31\",\"tags\":[\"x\"],\"text\":\"troops "
    "a\"}\n"
    "{\"id\":\"b\",\"date\":\"2021-01-01\",\"text\":\"troops b\"}\n"
    "{\"id\":\"c\",\"date\":\"2021-01-04\",\"tags\":[\"X\"],\"text\":\"troops "
    "c\"}\n"
    "{\"id\":\"d\",\"date\":\"2021-01-04\",\"text\":\"troops d\"}\n"
    "{\"id\":\"e\",\"date\":\"2021-03-15\",\"text\":\"troops e\"}\n"
    "{\"id\":\"f\",\"text\":\"troops f, undated\"}\n"
    "{\"id\":\"g\",\"date\":\"2021-01-02\",\"text\":\"other words\"}\n";

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = test_temp_dir();
    char *db = test_path(f->dir, "t.db");
    ng_reader *r;
    ng_analyzer *an;
    assert_int_equal(ng_store_open(&f->store, db, 0), NG_OK);
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_int_equal(
        ng_reader_open_memory(&r, "t.jsonl", corpus, strlen(corpus), NULL),
        NG_OK);
    ng_ingest_options opt = {.threads = 1};
    assert_int_equal(ng_ingest(f->store, an, r, &opt, NULL), NG_OK);
    ng_reader_close(r);
    ng_analyzer_free(an);
    free(db);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ng_store_close(f->store);
    test_remove_tree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static ng_timeline *run(fixture *f, ng_timeline_query q)
{
    ng_timeline *t = NULL;
    ng_status st = ng_timeline_get(f->store, &q, &t);
    if (st != NG_OK)
        fail_msg("ng_timeline: %s: %s", ng_strerror(st),
                 ng_store_message(f->store));
    return t;
}

/* Checks the points against "period=count" strings. */
static void expect_points(const ng_timeline *t, const char *const *want,
                          size_t n)
{
    assert_int_equal(ng_timeline_count(t), n);
    for (size_t i = 0; i < n; i++) {
        const ng_timeline_point *p = ng_timeline_at(t, i);
        char got[64];
        snprintf(got, sizeof got, "%s=%llu", p->period,
                 (unsigned long long)p->articles);
        assert_string_equal(got, want[i]);
    }
    assert_null(ng_timeline_at(t, n));
}

static void test_by_day(void **state)
{
    fixture *f = *state;
    ng_timeline *t = run(f, (ng_timeline_query){.query = "troops",
                                                .until = "2021-01-05",
                                                .by = NG_PERIOD_DAY});
    static const char *const want[] = {"2020-12-31=1", "2021-01-01=1",
                                       "2021-01-02=0", "2021-01-03=0",
                                       "2021-01-04=2", "2021-01-05=0"};
    expect_points(t, want, 6);
    assert_int_equal(ng_timeline_total(t), 4);
    assert_int_equal(ng_timeline_undated(t), 0); /* until given */
    assert_string_equal(ng_timeline_at(t, 4)->start, "2021-01-04");
    ng_timeline_free(t);
}

static void test_by_week_iso(void **state)
{
    fixture *f = *state;
    ng_timeline *t =
        run(f, (ng_timeline_query){.query = "troops", .by = NG_PERIOD_WEEK});
    /* 2020-12-31 and 2021-01-01 are in 2020-W53 (Monday 2020-12-28);
     * 2021-01-04 starts 2021-W01; 2021-03-15 is 2021-W11. */
    assert_int_equal(ng_timeline_count(t), 12);
    const ng_timeline_point *p0 = ng_timeline_at(t, 0);
    assert_string_equal(p0->period, "2020-W53");
    assert_string_equal(p0->start, "2020-12-28");
    assert_int_equal(p0->articles, 2);
    assert_string_equal(ng_timeline_at(t, 1)->period, "2021-W01");
    assert_int_equal(ng_timeline_at(t, 1)->articles, 2);
    assert_string_equal(ng_timeline_at(t, 11)->period, "2021-W11");
    assert_int_equal(ng_timeline_total(t), 5);
    assert_int_equal(ng_timeline_undated(t), 1);
    ng_timeline_free(t);
}

static void test_by_month_with_bounds_and_tag(void **state)
{
    fixture *f = *state;
    ng_timeline *t = run(f, (ng_timeline_query){.query = "troops",
                                                .since = "2020-11-20",
                                                .until = "2021-04-01",
                                                .by = NG_PERIOD_MONTH});
    static const char *const want[] = {"2020-11=0", "2020-12=1", "2021-01=3",
                                       "2021-02=0", "2021-03=1", "2021-04=0"};
    expect_points(t, want, 6);
    ng_timeline_free(t);
    t = run(f, (ng_timeline_query){
                   .query = "troops", .tag = "#x", .by = NG_PERIOD_MONTH});
    static const char *const tagged[] = {"2020-12=1", "2021-01=1"};
    expect_points(t, tagged, 2);
    ng_timeline_free(t);
}

static void test_no_match_and_errors(void **state)
{
    fixture *f = *state;
    ng_timeline *t = run(f, (ng_timeline_query){.query = "nothing"});
    assert_int_equal(ng_timeline_count(t), 0);
    ng_timeline_free(t);
    ng_timeline_query bad[] = {
        {.query = "NOT troops"},
        {.query = "troops", .since = "2021-02-30"},
        {.query = "troops", .until = "yesterday"},
        {.query = "troops", .by = (ng_period)7},
        {.query = NULL},
    };
    ng_status want[] = {NG_ERR_QUERY, NG_ERR_ARG, NG_ERR_ARG, NG_ERR_ARG,
                        NG_ERR_ARG};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        t = (ng_timeline *)1;
        assert_int_equal(ng_timeline_get(f->store, &bad[i], &t), want[i]);
        assert_null(t);
    }
    assert_int_equal(ng_timeline_count(NULL), 0);
    ng_timeline_free(NULL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_by_day),
        T(test_by_week_iso),
        T(test_by_month_with_bounds_and_tag),
        T(test_no_match_and_errors),
    };
    return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
