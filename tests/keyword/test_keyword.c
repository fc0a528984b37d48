/*
 * test_keyword.c -- keyphrases and hashtags: the title-to-hashtags rule
 * as a table of cases and against every Wikinews sample (its title in
 * samples/wikinews/SOURCES.tsv must give its native header's tags); the
 * keyphrases of the canonical article; the stop list; the stage left out.
 */
#include "keyword/keyword.h"
#include "support.h"

typedef struct tag_case {
    const char *title;
    const char *tags; /* space-separated */
} tag_case;

static const tag_case cases[] = {
    {"Pentagon denies preparing to withdraw American troops from Iraq",
     "Pentagon denies preparing withdraw American troops Iraq"},
    {"U.S. troops and the U.S. Army", "US troops Army"},
    {"Afghan's team wins in 2017", "Afghan team wins"},
    {"Visa snags for all-girl Afghan team", "Visa snags all-girl Afghan team"},
    {"Rock & roll: it's here/there", "Rock roll"},
    {"Greek court rules worship of ancient Greek deities is legal",
     "Greek court rules worship ancient deities legal"},
    {"São Paulo mayor’s plan", "São Paulo mayor plan"},
    {"", ""},
    {"the of and a", ""},
};

static char *join_tags(char **tags, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(tags[i]) + 1;
    char *s = calloc(1, len);
    assert_non_null(s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, len - k, "%s%s", i ? " " : "", tags[i]);
    return s;
}

static void test_title_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char **tags;
        size_t n;
        assert_int_equal(ng_header_tags(cases[i].title, NULL, 64, &tags, &n),
                         NG_OK);
        char *got = join_tags(tags, n);
        if (strcmp(got, cases[i].tags) != 0)
            fail_msg("\"%s\": got \"%s\", want \"%s\"", cases[i].title, got,
                     cases[i].tags);
        free(got);
        ng_tags_free(tags, n);
    }
}

/* Every sample's native header tags come from its title by the rule. */
static void test_samples_headers(void **state)
{
    (void)state;
    char *sources = test_read_file("samples/wikinews/SOURCES.tsv", NULL);
    size_t checked = 0;
    char *line = strchr(sources, '\n'); /* after the column names */
    while (line && *++line) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *f[3] = {line, NULL, NULL};
        for (int k = 1; k < 3 && f[k - 1]; k++) {
            char *tab = strchr(f[k - 1], '\t');
            if (tab) {
                *tab = '\0';
                f[k] = tab + 1;
            }
        }
        char *title = f[2] ? f[2] : "";
        char *tab = strchr(title, '\t');
        if (tab)
            *tab = '\0';
        char path[512];
        snprintf(path, sizeof path, "samples/wikinews/%s.txt", f[0]);
        char *text = test_read_file(path, NULL);
        char *nl = strchr(text, '\n');
        if (nl)
            *nl = '\0';
        char *want = strchr(text, '#'); /* "#a #b" after the date */
        char **tags;
        size_t n;
        assert_int_equal(ng_header_tags(title, NULL, 64, &tags, &n), NG_OK);
        char *got = calloc(1, 4096);
        assert_non_null(got);
        size_t k = 0;
        for (size_t i = 0; i < n && k < 4096; i++)
            k += (size_t)snprintf(got + k, 4096 - k, "%s#%s", i ? " " : "",
                                  tags[i]);
        if (strcmp(got, want ? want : "") != 0)
            fail_msg("%s: got \"%s\", want \"%s\"", f[0], got, want);
        free(got);
        ng_tags_free(tags, n);
        free(text);
        checked++;
        line = end;
    }
    assert_true(checked >= 70);
    free(sources);
}

static ng_analysis *analyze_canonical(unsigned skip)
{
    const char *paths[] = {"samples/000_3e5691df25d3c8b8.txt"};
    ng_reader *r;
    ng_article *a;
    ng_analyzer *az;
    ng_analysis *an;
    ng_analyzer_options opt = {.skip = skip};
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    assert_int_equal(ng_analyzer_new(&az, &opt), NG_OK);
    assert_int_equal(ng_analyze(az, a, &an), NG_OK);
    ng_analyzer_free(az);
    ng_article_free(a);
    ng_reader_close(r);
    return an;
}

/* The canonical article: its topic among the keyphrases, best first,
 * scores falling from 1, no stop word at either end, no repeats. */
static void test_canonical_keyphrases(void **state)
{
    (void)state;
    ng_analysis *an = analyze_canonical(NG_STAGE_ENTITIES);
    size_t n = ng_analysis_keyword_count(an);
    assert_true(n >= 5 && n <= KW_MAX);
    bool troops = false, iraq = false;
    for (size_t i = 0; i < n; i++) {
        const ng_keyword *k = ng_analysis_keyword(an, i);
        troops |= strcmp(k->term, "American troops") == 0;
        iraq |= strcmp(k->term, "Iraq") == 0;
        assert_true(k->score > 0 && k->score <= 1.0);
        if (i)
            assert_true(k->score <= ng_analysis_keyword(an, i - 1)->score);
        const char *last = strrchr(k->term, ' ');
        last = last ? last + 1 : k->term;
        assert_false(kw_stop(k->term, strcspn(k->term, " ")));
        assert_false(kw_stop(last, strlen(last)));
        for (size_t j = 0; j < i; j++)
            assert_true(strcmp(k->term, ng_analysis_keyword(an, j)->term));
    }
    assert_true(ng_analysis_keyword(an, 0)->score == 1.0);
    assert_true(troops && iraq);
    /* Without a title, hashtags are proposed from the keyphrases, whole
     * phrases only, at most max. */
    char **tags;
    size_t nt;
    assert_int_equal(ng_header_tags(NULL, an, 6, &tags, &nt), NG_OK);
    assert_true(nt > 0 && nt <= 6);
    ng_tags_free(tags, nt);
    ng_analysis_free(an);
}

static void test_tables_and_skip(void **state)
{
    (void)state;
    assert_true(kw_tables_sorted());
    assert_true(kw_stop("The", 3));
    assert_true(kw_stop("won't", 5));
    assert_false(kw_stop("troops", 6));
    ng_analysis *an = analyze_canonical(NG_STAGE_ENTITIES | NG_STAGE_KEYWORDS);
    assert_int_equal(ng_analysis_keyword_count(an), 0);
    char *json;
    size_t len;
    assert_int_equal(ng_analysis_json(an, 0, &json, &len), NG_OK);
    assert_null(strstr(json, "\"keywords\""));
    free(json);
    ng_analysis_free(an);
    char **tags;
    size_t n;
    assert_int_equal(ng_header_tags(NULL, NULL, 5, &tags, &n), NG_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_cases),
        cmocka_unit_test(test_samples_headers),
        cmocka_unit_test(test_canonical_keyphrases),
        cmocka_unit_test(test_tables_and_skip),
    };
    return cmocka_run_group_tests_name("keyword", tests, NULL, NULL);
}
