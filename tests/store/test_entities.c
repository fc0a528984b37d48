/*
 * test_entities.c -- the store's questions about entities over the bundled
 * samples: the most mentioned (overall, of a query, a tag, an entity, a
 * type, in either order) checked against the same counts made with SQL's
 * GROUP BY; one entity's profile (totals, days, periods with their gaps,
 * paged articles, co-mentioned entities, also checked against SQL); the
 * entity filter of search and timeline; a stored article's analysis
 * against the analysis of the same file; and bad arguments.
 */
#include <sqlite3.h>
#include <stdbool.h>

#include "support.h"

typedef struct fixture {
    char *dir;
    char *db;
    ng_store *store;
} fixture;

static int setup_group(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = test_temp_dir();
    f->db = test_path(f->dir, "entities.db");
    ng_store *w;
    ng_analyzer *an;
    ng_reader *r;
    const char *paths[] = {"samples"};
    assert_int_equal(ng_store_open(&w, f->db, 0), NG_OK);
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    ng_ingest_options opt = {.threads = 2};
    assert_int_equal(ng_ingest(w, an, r, &opt, NULL), NG_OK);
    ng_reader_close(r);
    ng_analyzer_free(an);
    ng_store_close(w);
    assert_int_equal(ng_store_open(&f->store, f->db, NG_STORE_READONLY), NG_OK);
    *state = f;
    return 0;
}

static int teardown_group(void **state)
{
    fixture *f = *state;
    ng_store_close(f->store);
    test_remove_tree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* Counts (name, type, mentions, articles, first, last) made with SQL, in
 * the library's order, as one line per entity. */
static char *sql_counts(const char *db, const char *sql, const char *arg)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(h));
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW && n + 512 < cap)
        n += (size_t)snprintf(
            out + n, cap - n, "%s %s %lld %lld %s %s\n",
            sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
            sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
            sqlite3_column_text(st, 4), sqlite3_column_text(st, 5));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return out;
}

static char *list_counts(const ng_entity_count *items, size_t count)
{
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    for (size_t i = 0; i < count && n + 512 < cap; i++)
        n += (size_t)snprintf(
            out + n, cap - n, "%s %s %llu %llu %s %s\n", items[i].name,
            items[i].type, (unsigned long long)items[i].mentions,
            (unsigned long long)items[i].articles,
            items[i].first_date ? items[i].first_date : "(null)",
            items[i].last_date ? items[i].last_date : "(null)");
    return out;
}

/* The top of the whole store (a scan of the mentions) is what SQL's
 * GROUP BY says, in the same order. */
static void test_top_matches_sql(void **state)
{
    fixture *f = *state;
    ng_entity_query q = {.limit = 40};
    ng_entity_list *l;
    assert_int_equal(ng_store_entities(f->store, &q, &l), NG_OK);
    assert_int_equal(l->count, 40);
    char *got = list_counts(l->items, l->count);
    char *want = sql_counts(
        f->db,
        "SELECT e.name, e.type, count(*) AS n, count(DISTINCT m.article_id)"
        " AS na, min(a.date), max(a.date) FROM mentions m"
        " JOIN entities e ON e.id = m.entity_id"
        " JOIN articles a ON a.id = m.article_id"
        " GROUP BY e.id ORDER BY n DESC, na DESC, e.id LIMIT 40",
        NULL);
    assert_string_equal(got, want);
    free(got);
    free(want);
    ng_entity_list_free(l);

    /* in most articles first, of one type */
    q = (ng_entity_query){
        .limit = 10, .type = "per", .order = NG_ORDER_ARTICLES};
    assert_int_equal(ng_store_entities(f->store, &q, &l), NG_OK);
    got = list_counts(l->items, l->count);
    want = sql_counts(
        f->db,
        "SELECT e.name, e.type, count(*) AS n, count(DISTINCT m.article_id)"
        " AS na, min(a.date), max(a.date) FROM mentions m"
        " JOIN entities e ON e.id = m.entity_id"
        " JOIN articles a ON a.id = m.article_id WHERE e.type = 'PER'"
        " GROUP BY e.id ORDER BY na DESC, n DESC, e.id LIMIT 10",
        NULL);
    assert_string_equal(got, want);
    free(got);
    free(want);
    ng_entity_list_free(l);
}

/* The top of a query's articles (probes, a few articles) is what SQL
 * says of the same articles. */
static void test_top_of_a_query(void **state)
{
    fixture *f = *state;
    ng_entity_query q = {.query = "troops OR iraq", .limit = 15};
    ng_entity_list *l;
    assert_int_equal(ng_store_entities(f->store, &q, &l), NG_OK);
    assert_true(l->count >= 10);
    char *got = list_counts(l->items, l->count);
    char *want = sql_counts(
        f->db,
        "SELECT e.name, e.type, count(*) AS n, count(DISTINCT m.article_id)"
        " AS na, min(a.date), max(a.date) FROM articles_fts"
        " JOIN articles a ON a.id = articles_fts.rowid"
        " JOIN mentions m ON m.article_id = a.id"
        " JOIN entities e ON e.id = m.entity_id"
        " WHERE articles_fts MATCH '\"troops\" OR \"iraq\"'"
        " GROUP BY e.id ORDER BY n DESC, na DESC, e.id LIMIT 15",
        NULL);
    assert_string_equal(got, want);
    free(got);
    free(want);
    ng_entity_list_free(l);

    /* the query, a tag and dates together: the Pentagon article */
    q = (ng_entity_query){.query = "troops",
                          .tag = "#pentagon",
                          .since = "2024-01-01",
                          .until = "2024-01-31",
                          .limit = 100};
    assert_int_equal(ng_store_entities(f->store, &q, &l), NG_OK);
    assert_true(l->count > 20);
    for (size_t i = 0; i < l->count; i++) {
        assert_int_equal(l->items[i].articles, 1);
        assert_string_equal(l->items[i].first_date, "2024-01-08");
    }
    ng_entity_list_free(l);

    /* an entity filter: the articles that mention Iraq */
    q = (ng_entity_query){.entity = "IRAQ", .entity_type = "LOC", .limit = 100};
    assert_int_equal(ng_store_entities(f->store, &q, &l), NG_OK);
    bool iraq = false;
    for (size_t i = 0; i < l->count; i++) {
        assert_true(l->items[i].articles <= 2);
        if (strcmp(l->items[i].name, "Iraq") == 0) {
            iraq = true;
            assert_int_equal(l->items[i].articles, 2);
        }
    }
    assert_true(iraq);
    ng_entity_list_free(l);

    /* nothing matches: an empty list */
    q = (ng_entity_query){.query = "zzzyyyxxx"};
    assert_int_equal(ng_store_entities(f->store, &q, &l), NG_OK);
    assert_int_equal(l->count, 0);
    ng_entity_list_free(l);
}

static void test_bad_arguments(void **state)
{
    fixture *f = *state;
    ng_entity_list *l = (ng_entity_list *)1;
    static const ng_entity_query bad[] = {
        /* 1 */ {.query = "NOT iraq"},
        /* 2 */ {.query = "(iraq"},
        /* 3 */ {.type = "PERSON"},
        /* 4 */ {.since = "2024-02-30"},
        /* 5 */ {.entity_type = "LOC"},
        /* 6 */ {.entity = "Iraq", .entity_type = "PLACE"},
        /* 7 */ {.order = (ng_entity_order)7},
        /* 8 */ {.by = (ng_period)9},
    };
    static const ng_status want[] = {NG_ERR_QUERY, NG_ERR_QUERY, NG_ERR_ARG,
                                     NG_ERR_ARG,   NG_ERR_ARG,   NG_ERR_ARG,
                                     NG_ERR_ARG,   NG_ERR_ARG};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ng_status st = ng_store_entities(f->store, &bad[i], &l);
        if (st != want[i])
            fail_msg("case %zu: %s", i + 1, ng_strerror(st));
        assert_null(l);
        assert_true(strlen(ng_store_message(f->store)) > 0);
    }
    assert_int_equal(ng_store_entity(f->store, "Iraq", &bad[2], &l),
                     NG_ERR_ARG);
    assert_int_equal(ng_store_entity(f->store, "Iraq", &bad[7], &l),
                     NG_ERR_ARG);
    assert_int_equal(ng_store_entity(f->store, NULL, NULL, &l), NG_ERR_ARG);
    assert_int_equal(ng_store_entities(NULL, NULL, &l), NG_ERR_ARG);
    ng_entity_list_free(NULL);
}

static uint64_t sum_periods(const ng_entity_list *l, bool mentions)
{
    uint64_t n = 0;
    for (size_t i = 0; i < l->nperiods; i++)
        n += mentions ? l->periods[i].mentions : l->periods[i].articles;
    return n;
}

static void test_profile(void **state)
{
    fixture *f = *state;
    ng_entity_query q = {
        .type = "LOC", .limit = 5, .by = NG_PERIOD_MONTH, .related = 12};
    ng_entity_list *l;
    assert_int_equal(ng_store_entity(f->store, "united states", &q, &l), NG_OK);
    const ng_entity_count *e = &l->items[0];
    assert_string_equal(e->name, "United States");
    assert_string_equal(e->type, "LOC");
    assert_int_equal(e->mentions, 134);
    assert_int_equal(e->articles, 43);
    assert_string_equal(e->first_date, "2006-02-23");
    assert_string_equal(e->last_date, "2024-01-08");
    /* days: oldest first; periods: every month from the first to the
     * last, the gaps with zeros, the same sums */
    assert_string_equal(l->days[0].date, "2006-02-23");
    for (size_t i = 1; i < l->ndays; i++)
        assert_true(strcmp(l->days[i - 1].date, l->days[i].date) < 0);
    assert_int_equal(l->by, NG_PERIOD_MONTH);
    assert_int_equal(l->nperiods, (2024 - 2006) * 12 + (1 - 2) + 1);
    assert_string_equal(l->periods[0].period, "2006-02");
    assert_string_equal(l->periods[0].start, "2006-02-01");
    assert_string_equal(l->periods[l->nperiods - 1].period, "2024-01");
    assert_int_equal(sum_periods(l, true), 134);
    assert_int_equal(sum_periods(l, false), 43);
    /* the first page, newest first */
    assert_int_equal(l->narticles, 5);
    assert_string_equal(l->articles[0].id, "samples/000_3e5691df25d3c8b8.txt");
    assert_string_equal(l->articles[0].date, "2024-01-08");
    assert_true(l->articles[0].ntags > 0);
    for (size_t i = 0; i < l->narticles; i++) {
        const ng_entity_article *a = &l->articles[i];
        /* the mark is one of the entity's names */
        size_t n = a->mark.end - a->mark.start, k = 0;
        while (k < l->naliases &&
               (strlen(l->aliases[k]) != n ||
                strncmp(a->snippet + a->mark.start, l->aliases[k], n) != 0))
            k++;
        assert_true(n > 0 && k < l->naliases);
        if (i)
            assert_true(strcmp(l->articles[i - 1].date, a->date) >= 0);
    }
    /* co-mentioned, most shared articles first, as SQL counts them */
    assert_int_equal(l->nrelated, 12);
    char *got = list_counts(l->related, l->nrelated);
    char *want = sql_counts(
        f->db,
        "SELECT e.name, e.type, count(*) AS n, count(DISTINCT m.article_id)"
        " AS na, min(a.date), max(a.date) FROM mentions m"
        " JOIN entities e ON e.id = m.entity_id"
        " JOIN articles a ON a.id = m.article_id"
        " WHERE m.article_id IN (SELECT article_id FROM mentions"
        "   WHERE entity_id = (SELECT id FROM entities WHERE name = ?1"
        "   AND type = 'LOC')) AND e.name <> ?1"
        " GROUP BY e.id ORDER BY na DESC, n DESC, e.id LIMIT 12",
        "United States");
    assert_string_equal(got, want);
    free(got);
    free(want);
    ng_entity_list_free(l);

    /* the last page */
    q = (ng_entity_query){.type = "LOC", .limit = 5, .offset = 42};
    assert_int_equal(ng_store_entity(f->store, "United States", &q, &l), NG_OK);
    assert_int_equal(l->narticles, 1);
    assert_string_equal(l->articles[0].date, "2006-02-23");
    ng_entity_list_free(l);
    q.offset = 43;
    assert_int_equal(ng_store_entity(f->store, "United States", &q, &l), NG_OK);
    assert_int_equal(l->narticles, 0);
    ng_entity_list_free(l);
}

static void test_profile_periods(void **state)
{
    fixture *f = *state;
    static const struct {
        ng_period by;
        const char *since, *until;
        ng_period want_by;
        size_t periods;
        const char *first, *last;
    } cases[] = {
        /* 1: auto over 18 years: months */
        {NG_PERIOD_AUTO, NULL, NULL, NG_PERIOD_MONTH, 216, "2006-02",
         "2024-01"},
        /* 2: auto within January 2024: days, the bounds included */
        {NG_PERIOD_AUTO, "2024-01-01", "2024-01-31", NG_PERIOD_DAY, 31,
         "2024-01-01", "2024-01-31"},
        /* 3: auto over half a year: ISO weeks */
        {NG_PERIOD_AUTO, "2023-10-01", "2024-03-31", NG_PERIOD_WEEK, 27,
         "2023-W39", "2024-W13"},
        /* 4: days, one of them */
        {NG_PERIOD_DAY, "2024-01-08", "2024-01-08", NG_PERIOD_DAY, 1,
         "2024-01-08", "2024-01-08"},
        /* 5: nothing in the dates: the periods of the dates, empty */
        {NG_PERIOD_MONTH, "1990-01-01", "1990-03-31", NG_PERIOD_MONTH, 3,
         "1990-01", "1990-03"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ng_entity_query q = {.type = "LOC",
                             .by = cases[i].by,
                             .since = cases[i].since,
                             .until = cases[i].until};
        ng_entity_list *l;
        assert_int_equal(ng_store_entity(f->store, "United States", &q, &l),
                         NG_OK);
        if (l->by != cases[i].want_by || l->nperiods != cases[i].periods)
            fail_msg("case %zu: by %d, %zu periods", i + 1, (int)l->by,
                     l->nperiods);
        assert_string_equal(l->periods[0].period, cases[i].first);
        assert_string_equal(l->periods[l->nperiods - 1].period, cases[i].last);
        assert_int_equal(sum_periods(l, true), l->items[0].mentions);
        ng_entity_list_free(l);
    }
    /* an entity that exists but has no mention in the dates: zeros */
    ng_entity_query q = {.since = "1990-01-01", .until = "1990-01-02"};
    ng_entity_list *l;
    assert_int_equal(ng_store_entity(f->store, "Iraq", &q, &l), NG_OK);
    assert_int_equal(l->items[0].mentions, 0);
    assert_null(l->items[0].first_date);
    assert_int_equal(l->narticles, 0);
    assert_int_equal(l->nrelated, 0);
    ng_entity_list_free(l);
    assert_int_equal(ng_store_entity(f->store, "Iraq", NULL, &l), NG_OK);
    assert_int_equal(l->by, NG_PERIOD_DAY); /* a zeroed query: days */
    ng_entity_list_free(l);
    assert_int_equal(ng_store_entity(f->store, "Nobody Here", NULL, &l),
                     NG_ERR_NOT_FOUND);
    assert_null(l);
}

static void test_search_and_timeline_filter(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *query, *entity, *type;
        uint64_t total;
    } cases[] = {
        /* 1 */ {"troops", NULL, NULL, 3},
        /* 2 */ {"troops", "Iraq", NULL, 2},
        /* 3 */ {"troops", "iraq", "loc", 2},
        /* 4 */ {"troops", "Iraq", "PER", 0},
        /* 5 */ {"troops", "Patrick Ryder", NULL, 1},
        /* 6 */ {"troops", "Nobody Here", NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ng_search_query q = {.query = cases[i].query,
                             .entity = cases[i].entity,
                             .entity_type = cases[i].type};
        ng_search_result *r;
        assert_int_equal(ng_search(f->store, &q, &r), NG_OK);
        if (ng_search_result_total(r) != cases[i].total ||
            ng_search_result_count(r) != cases[i].total)
            fail_msg("search case %zu: %llu", i + 1,
                     (unsigned long long)ng_search_result_total(r));
        ng_search_result_free(r);
        ng_timeline_query t = {.query = cases[i].query,
                               .entity = cases[i].entity,
                               .entity_type = cases[i].type,
                               .by = NG_PERIOD_MONTH};
        ng_timeline *tl;
        assert_int_equal(ng_timeline_get(f->store, &t, &tl), NG_OK);
        if (ng_timeline_total(tl) != cases[i].total)
            fail_msg("timeline case %zu: %llu", i + 1,
                     (unsigned long long)ng_timeline_total(tl));
        ng_timeline_free(tl);
    }
    ng_search_query bad = {.query = "troops", .entity_type = "LOC"};
    ng_search_result *r;
    assert_int_equal(ng_search(f->store, &bad, &r), NG_ERR_ARG);
    bad = (ng_search_query){.query = "x", .entity = "Iraq", .entity_type = "X"};
    assert_int_equal(ng_search(f->store, &bad, &r), NG_ERR_ARG);
    ng_timeline_query tbad = {.query = "x", .entity_type = "LOC"};
    ng_timeline *tl;
    assert_int_equal(ng_timeline_get(f->store, &tbad, &tl), NG_ERR_ARG);
    tbad = (ng_timeline_query){.query = "x", .by = NG_PERIOD_AUTO};
    assert_int_equal(ng_timeline_get(f->store, &tbad, &tl), NG_ERR_ARG);
}

/* The analysis read back from the store is the analysis of the file:
 * entities, times, amounts, quotes (speakers as entity indexes) and
 * keywords. */
static void test_stored_analysis(void **state)
{
    fixture *f = *state;
    static const char *const files[] = {
        "samples/000_3e5691df25d3c8b8.txt",
        "samples/wikinews/gum_interview_ants.txt",
    };
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (access(files[i], R_OK) != 0)
            continue; /* the sample list may change */
        ng_reader *r;
        ng_article *a;
        ng_analysis *res;
        assert_int_equal(ng_reader_open(&r, &files[i], 1, NULL), NG_OK);
        assert_int_equal(ng_reader_next(r, &a), NG_OK);
        assert_int_equal(ng_analyze(an, a, &res), NG_OK);
        ng_article *stored;
        ng_stored_analysis *sa;
        assert_int_equal(
            ng_store_article_analysis(f->store, a->id, &stored, &sa), NG_OK);
        size_t len;
        assert_string_equal(stored->text, ng_analysis_text(res, &len));
        assert_int_equal(sa->nentities, ng_analysis_entity_count(res));
        for (size_t k = 0; k < sa->nentities; k++) {
            const ng_entity *x = &sa->entities[k];
            const ng_entity *y = ng_analysis_entity(res, k);
            assert_string_equal(x->name, y->name);
            assert_int_equal(x->type, y->type);
            assert_int_equal(x->nmentions, y->nmentions);
            assert_memory_equal(x->mentions, y->mentions,
                                x->nmentions * sizeof *x->mentions);
        }
        assert_int_equal(sa->ntimes, ng_analysis_time_count(res));
        for (size_t k = 0; k < sa->ntimes; k++) {
            const ng_time *x = &sa->times[k];
            const ng_time *y = ng_analysis_time(res, k);
            assert_memory_equal(&x->span, &y->span, sizeof x->span);
            assert_int_equal(x->type, y->type);
            assert_string_equal(x->value, y->value);
            assert_true((x->mod == NULL) == (y->mod == NULL));
        }
        assert_int_equal(sa->namounts, ng_analysis_amount_count(res));
        for (size_t k = 0; k < sa->namounts; k++) {
            const ng_amount *x = &sa->amounts[k];
            const ng_amount *y = ng_analysis_amount(res, k);
            assert_memory_equal(&x->span, &y->span, sizeof x->span);
            assert_int_equal(x->kind, y->kind);
            assert_int_equal(x->flags, y->flags);
            assert_true(x->value == y->value);
            assert_true((x->unit == NULL) == (y->unit == NULL));
        }
        /* quotes: all but the cue, which the store does not keep */
        assert_int_equal(sa->nquotes, ng_analysis_quote_count(res));
        for (size_t k = 0; k < sa->nquotes; k++) {
            const ng_quote *x = &sa->quotes[k];
            const ng_quote *y = ng_analysis_quote(res, k);
            assert_memory_equal(&x->span, &y->span, sizeof x->span);
            assert_memory_equal(&x->source, &y->source, sizeof x->source);
            assert_int_equal(x->kind, y->kind);
            assert_int_equal(x->speaker, y->speaker);
            assert_true((x->verb == NULL) == (y->verb == NULL));
            if (x->verb)
                assert_string_equal(x->verb, y->verb);
            assert_int_equal(x->cue.end, 0);
        }
        assert_int_equal(sa->nkeywords, ng_analysis_keyword_count(res));
        for (size_t k = 0; k < sa->nkeywords; k++) {
            assert_string_equal(sa->keywords[k].term,
                                ng_analysis_keyword(res, k)->term);
            assert_true(sa->keywords[k].score ==
                        ng_analysis_keyword(res, k)->score);
        }
        ng_stored_analysis_free(sa);
        ng_article_free(stored);
        ng_analysis_free(res);
        ng_article_free(a);
        ng_reader_close(r);
    }
    ng_analyzer_free(an);
    ng_article *a = (ng_article *)1;
    ng_stored_analysis *sa = (ng_stored_analysis *)1;
    assert_int_equal(ng_store_article_analysis(f->store, "nope", &a, &sa),
                     NG_ERR_NOT_FOUND);
    assert_null(a);
    assert_null(sa);
    assert_int_equal(ng_store_article_analysis(f->store, NULL, &a, &sa),
                     NG_ERR_ARG);
    ng_stored_analysis_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_matches_sql),
        cmocka_unit_test(test_top_of_a_query),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_profile),
        cmocka_unit_test(test_profile_periods),
        cmocka_unit_test(test_search_and_timeline_filter),
        cmocka_unit_test(test_stored_analysis),
    };
    return cmocka_run_group_tests_name("store entities", tests, setup_group,
                                       teardown_group);
}
