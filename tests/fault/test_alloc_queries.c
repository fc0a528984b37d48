/*
 * test_alloc_queries.c -- allocation failures (tests/fault/fault.h) in
 * the questions to a store: search, timeline, stats and tags, an article
 * and its stored analysis, the entity list and one entity's profile,
 * quotes, keywords and the co-occurrence graph, over a store of the
 * samples. The Nth allocation of the question fails (and, in the second
 * pass, every one after it too): the answer is the one of a run without
 * failures, or the status says that memory ran out. Nothing crashes;
 * under SANITIZER=address LeakSanitizer checks that nothing leaks.
 *
 * Some questions make many allocations (the keyword list of the samples
 * 675,000, the graph 10,000) and take a tenth of a second: N takes about
 * 60 evenly spaced values per question, 300 with FAULT_STRIDE=1 (make
 * test-faults), so every N of the questions with fewer allocations.
 */
#include <sqlite3.h>

#include "fault.h"
#include "support.h"

/* A short account of an answer, written with snprintf into a fixed
 * buffer: the test allocates nothing while a failure is armed. */
typedef struct summary {
    char text[8192];
    size_t len;
} summary;

static void say(summary *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say(summary *s, const char *fmt, ...)
{
    if (s->len >= sizeof s->text - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->text + s->len, sizeof s->text - s->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->len += (size_t)n;
    if (s->len > sizeof s->text - 1)
        s->len = sizeof s->text - 1;
}

static const char *or_null(const char *s)
{
    return s ? s : "(null)";
}

/* ---- the questions ------------------------------------------------------ */

static ng_status ask_search(ng_store *s, summary *out)
{
    ng_search_query q = {.query = "troops OR minister", .limit = 5};
    ng_search_result *res;
    ng_status st = ng_search(s, &q, &res);
    if (st != NG_OK)
        return st;
    say(out, "%llu:", (unsigned long long)ng_search_result_total(res));
    /* Only how many match: when a read inside FTS5 runs out of memory,
     * SQLite 3.40 goes on without an error with fewer positions, which
     * changes snippets, highlights, BM25 scores and so the order. */
    say(out, " %zu", ng_search_result_count(res));
    ng_search_result_free(res);
    return NG_OK;
}

static ng_status ask_timeline(ng_store *s, summary *out)
{
    ng_timeline_query q = {.query = "said", .by = NG_PERIOD_MONTH};
    ng_timeline *t;
    ng_status st = ng_timeline_get(s, &q, &t);
    if (st != NG_OK)
        return st;
    for (size_t i = 0; i < ng_timeline_count(t); i++)
        say(out, "%s=%llu ", ng_timeline_at(t, i)->period,
            (unsigned long long)ng_timeline_at(t, i)->articles);
    ng_timeline_free(t);
    return NG_OK;
}

static ng_status ask_stats_and_tags(ng_store *s, summary *out)
{
    ng_store_stats stats;
    ng_status st = ng_store_stats_get(s, &stats);
    if (st != NG_OK)
        return st;
    say(out, "%llu %llu %s ", (unsigned long long)stats.articles,
        (unsigned long long)stats.tokens, stats.first_date);
    ng_tag_count tags[10];
    size_t n;
    if ((st = ng_store_top_tags(s, tags, 10, &n)) != NG_OK)
        return st;
    for (size_t i = 0; i < n; i++)
        say(out, "%s=%llu ", tags[i].tag, (unsigned long long)tags[i].articles);
    return NG_OK;
}

static ng_status ask_article(ng_store *s, summary *out)
{
    ng_article *a;
    ng_stored_analysis *an;
    ng_status st = ng_store_article_analysis(
        s, "samples/000_3e5691df25d3c8b8.txt", &a, &an);
    if (st != NG_OK)
        return st;
    say(out, "%s %zu %zu:", a->date, a->text_len, a->ntags);
    for (size_t i = 0; i < an->nentities; i++)
        say(out, " %s", an->entities[i].name);
    say(out, " %zu %zu", an->ntimes, an->namounts);
    ng_stored_analysis_free(an);
    ng_article_free(a);
    return NG_OK;
}

static ng_status ask_entities(ng_store *s, summary *out)
{
    ng_entity_query q = {.limit = 15};
    ng_entity_list *l;
    ng_status st = ng_store_entities(s, &q, &l);
    if (st != NG_OK)
        return st;
    for (size_t i = 0; i < l->count; i++)
        say(out, "%s/%s=%llu ", l->items[i].name, l->items[i].type,
            (unsigned long long)l->items[i].mentions);
    ng_entity_list_free(l);
    return NG_OK;
}

static ng_status ask_entity(ng_store *s, summary *out)
{
    ng_entity_query q = {.limit = 5, .by = NG_PERIOD_AUTO};
    ng_entity_list *l;
    ng_status st = ng_store_entity(s, "Patrick Ryder", &q, &l);
    if (st != NG_OK)
        return st;
    say(out, "%zu %zu %zu %zu %zu:", l->count, l->ndays, l->narticles,
        l->nperiods, l->nrelated);
    for (size_t i = 0; i < l->narticles; i++)
        say(out, " %s %s", l->articles[i].id, or_null(l->articles[i].snippet));
    for (size_t i = 0; i < l->nrelated; i++)
        say(out, " %s", l->related[i].name);
    ng_entity_list_free(l);
    return NG_OK;
}

static ng_status ask_quotes(ng_store *s, summary *out)
{
    ng_quote_query q = {.limit = 10};
    ng_quote_list *l;
    ng_status st = ng_store_quotes(s, &q, &l);
    if (st != NG_OK)
        return st;
    for (size_t i = 0; i < l->count; i++)
        say(out, "%s %s %s|", l->items[i].article, or_null(l->items[i].speaker),
            l->items[i].text);
    ng_quote_list_free(l);
    return NG_OK;
}

static ng_status ask_keywords(ng_store *s, summary *out)
{
    ng_keyword_query q = {.limit = 10};
    ng_keyword_list *l;
    ng_status st = ng_store_keywords(s, &q, &l);
    if (st != NG_OK)
        return st;
    for (size_t i = 0; i < l->count; i++)
        say(out, "%s=%.6f ", l->items[i].term, l->items[i].weight);
    ng_keyword_list_free(l);
    return NG_OK;
}

static ng_status ask_graph(ng_store *s, summary *out)
{
    ng_graph_query q = {.max_nodes = 30};
    ng_graph *g;
    ng_status st = ng_store_graph(s, &q, &g);
    if (st != NG_OK)
        return st;
    for (size_t i = 0; i < g->nnodes; i++)
        say(out, "%s ", g->nodes[i].name);
    for (size_t i = 0; i < g->nedges; i++)
        say(out, "%zu-%zu=%llu ", g->edges[i].source, g->edges[i].target,
            (unsigned long long)g->edges[i].weight);
    ng_graph_free(g);
    return NG_OK;
}

typedef struct question {
    const char *name;
    ng_status (*ask)(ng_store *s, summary *out);
} question;

static const question QUESTIONS[] = {
    {"search", ask_search},        {"timeline", ask_timeline},
    {"stats", ask_stats_and_tags}, {"article", ask_article},
    {"entities", ask_entities},    {"entity", ask_entity},
    {"quotes", ask_quotes},        {"keywords", ask_keywords},
    {"graph", ask_graph}};

/* ---- the walk ------------------------------------------------------------ */

static char *store_dir, *store_path;

static int make_store(void **state)
{
    (void)state;
    store_dir = test_temp_dir();
    store_path = test_path(store_dir, "samples.db");
    ng_analyzer *an;
    ng_store *s;
    ng_reader *r;
    const char *paths[] = {"samples"};
    if (ng_analyzer_new(&an, NULL) != NG_OK ||
        ng_store_open(&s, store_path, 0) != NG_OK ||
        ng_reader_open(&r, paths, 1, NULL) != NG_OK ||
        ng_ingest(s, an, r, NULL, NULL) != NG_OK)
        return -1;
    ng_reader_close(r);
    ng_store_close(s);
    ng_analyzer_free(an);
    return 0;
}

static int remove_store(void **state)
{
    (void)state;
    test_remove_tree(store_dir);
    free(store_path);
    free(store_dir);
    return 0;
}

/* Walks N over every question, failing the Nth allocation only (state
 * false) or it and all after it (true). */
static void walk(void **state, bool sticky)
{
    (void)state;
    ng_store *s;
    assert_int_equal(ng_store_open(&s, store_path, NG_STORE_READONLY), NG_OK);
    static summary want, got;
    const char *only = getenv("FAULT_ONLY"); /* one question, to debug */
    const char *stride_env = getenv("FAULT_STRIDE");
    bool full = stride_env && strcmp(stride_env, "1") == 0;
    for (size_t q = 0; q < sizeof QUESTIONS / sizeof *QUESTIONS; q++) {
        const question *qu = &QUESTIONS[q];
        if (only && strcmp(only, qu->name) != 0)
            continue;
        want.len = 0;
        fault_arm(0); /* counts only */
        assert_int_equal(qu->ask(s, &want), NG_OK);
        long stride = fault_count() / (full ? 300 : 60) + 1;
        want.text[want.len] = '\0';
        assert_true(want.len > 2); /* the store answers something */
        long n = 1, failed = 0, total = 0;
        for (;; n += stride) {
            got.len = 0;
            if (sticky)
                fault_arm_sticky(n);
            else
                fault_arm(n);
            ng_status st = qu->ask(s, &got);
            fault_disarm();
            got.text[got.len] = '\0';
            if (!fault_fired()) {
                assert_int_equal(st, NG_OK);
                total = fault_count();
                break;
            }
            failed++;
            if (st == NG_OK) {
                if (strcmp(got.text, want.text) != 0)
                    fail_msg("%s: allocation %ld failed and the answer "
                             "changed:\n  got  %.300s\n  want %.300s",
                             qu->name, n, got.text, want.text);
            } else if (st != NG_ERR_NOMEM) {
                fail_msg("%s: allocation %ld: %s: %s", qu->name, n,
                         ng_strerror(st), ng_store_message(s));
            }
        }
        print_message("%s: %ld allocations, %ld failures injected, every "
                      "%ld (%s)\n",
                      qu->name, total, failed, stride,
                      sticky ? "the Nth and all after it" : "the Nth only");
        assert_true(failed > 0);
    }
    ng_store_close(s);
}

static void test_one_failure(void **state)
{
    walk(state, false);
}

static void test_failures_from_n_on(void **state)
{
    walk(state, true);
}

int main(void)
{
    fault_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_failure),
        cmocka_unit_test(test_failures_from_n_on),
    };
    return cmocka_run_group_tests_name("fault/queries", tests, make_store,
                                       remove_store);
}
