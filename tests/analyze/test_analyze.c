/*
 * test_analyze.c -- the analysis of the canonical article: its golden
 * record byte for byte, its date, tags, paragraphs and sentences, its
 * entities; the record's shape; model errors; the same result from many
 * threads at once.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>

#include "support.h"

#define CANONICAL "samples/000_3e5691df25d3c8b8.txt"
#define GOLDEN    "tests/golden/000_3e5691df25d3c8b8.jsonl"

static ng_article *read_canonical(void)
{
    const char *paths[] = {CANONICAL};
    ng_reader *r;
    ng_article *a;
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    ng_reader_close(r);
    return a;
}

static char *analyze_json(const ng_analyzer *an, const ng_article *a,
                          unsigned flags)
{
    ng_analysis *res;
    char *json;
    size_t len;
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    assert_int_equal(ng_analysis_json(res, flags, &json, &len), NG_OK);
    assert_int_equal(strlen(json), len);
    ng_analysis_free(res);
    return json;
}

static void test_golden_record(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_canonical();
    char *json = analyze_json(an, a, NG_JSON_SPANS);
    size_t glen;
    char *golden = test_read_file(GOLDEN, &glen);
    assert_true(glen > 0 && golden[glen - 1] == '\n');
    golden[glen - 1] = '\0';
    if (strcmp(json, golden) != 0)
        fail_msg("the record differs from " GOLDEN " (run make golden-update "
                 "if the change is intended, and review the diff)");
    free(golden);
    free(json);
    ng_article_free(a);
    ng_analyzer_free(an);
}

/* The span's text in the analysis. */
static char *span_text(const ng_analysis *res, ng_span sp)
{
    const char *text = ng_analysis_text(res, NULL);
    return str_ndup_test(text + sp.start, sp.end - sp.start);
}

static void test_canonical_structure(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_canonical();
    assert_string_equal(a->date, "2024-01-08");
    static const char *const tags[] = {"Pentagon", "denies",   "preparing",
                                       "withdraw", "American", "troops",
                                       "Iraq"};
    assert_int_equal(a->ntags, 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(a->tags[i], tags[i]);
    ng_analysis *res;
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    assert_int_equal(ng_analysis_paragraph_count(res), 11);
    assert_int_equal(ng_analysis_sentence_count(res), 23);
    static const struct {
        size_t index;
        const char *text;
    } sentences[] = {
        {0, "The Iraqi prime minister spoke on Friday about the withdrawal "
            "of American troops after the air force liquidated a leader of "
            "an Iraqi militia."},
        {5, "I am not aware of any plans at this time."},
        {6, "We remain very focused on the mission against ISIS"},
        {8, "The United States currently has 2,500 troops stationed in Iraq "
            "and 900 in Syria."},
        {16, "Kassim Suleimani they paid tribute to the memory of the "
             "general."},
        {22, "Harakat al-Nujaba is an active part of the network established "
             "by Suleimani in both Syria and Iraq."},
    };
    for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++) {
        char *s = span_text(res, ng_analysis_sentence(res, sentences[i].index));
        assert_string_equal(s, sentences[i].text);
        free(s);
    }
    /* The blockquote paragraph and the speaker paragraph stay apart. */
    char *p4 = span_text(res, ng_analysis_paragraph(res, 3));
    char *p5 = span_text(res, ng_analysis_paragraph(res, 4));
    assert_string_equal(p4, "I am not aware of any plans at this time. We "
                            "remain very focused on the mission against ISIS");
    assert_true(strncmp(p5, "he announced on Monday Patrick Ryderthe", 39) ==
                0);
    free(p4);
    free(p5);
    ng_analysis_free(res);
    ng_article_free(a);
    ng_analyzer_free(an);
}

static void test_record_shape(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_canonical();
    char *json = analyze_json(an, a, 0);
    json_error_t err;
    json_t *rec = json_loads(json, 0, &err);
    assert_non_null(rec);
    assert_int_equal(json_integer_value(json_object_get(rec, "schema")), 1);
    assert_string_equal(json_string_value(json_object_get(rec, "date")),
                        "2024-01-08");
    assert_int_equal(json_array_size(json_object_get(rec, "tags")), 7);
    assert_true(json_is_null(json_object_get(rec, "title")));
    assert_string_equal(json_string_value(json_object_get(rec, "text")),
                        a->text);
    assert_true(json_array_size(json_object_get(rec, "entities")) > 20);
    json_t *e0 = json_array_get(json_object_get(rec, "entities"), 0);
    assert_int_equal(json_integer_value(json_object_get(e0, "id")), 0);
    assert_non_null(json_string_value(json_object_get(e0, "type")));
    assert_non_null(json_string_value(json_object_get(e0, "name")));
    assert_true(json_array_size(json_object_get(e0, "mentions")) > 0);
    /* Stages that have not run leave their fields out. */
    static const char *const absent[] = {"tokens", "sentences"};
    assert_true(json_is_array(json_object_get(rec, "entities")));
    assert_true(json_is_array(json_object_get(rec, "quotes")));
    assert_true(json_array_size(json_object_get(rec, "keywords")) > 5);
    assert_true(json_is_array(json_object_get(rec, "times")));
    assert_true(json_is_array(json_object_get(rec, "amounts")));
    json_t *t0 = json_array_get(json_object_get(rec, "times"), 0);
    assert_string_equal(json_string_value(json_object_get(t0, "text")),
                        "Friday");
    assert_string_equal(json_string_value(json_object_get(t0, "type")), "DATE");
    assert_string_equal(json_string_value(json_object_get(t0, "value")),
                        "2024-01-05");
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
        assert_null(json_object_get(rec, absent[i]));
    json_decref(rec);
    free(json);
    ng_article_free(a);
    ng_analyzer_free(an);
}

/* The entity of `type` named `name`, or NULL. */
static const ng_entity *find_entity(const ng_analysis *res, const char *name,
                                    ng_entity_type type)
{
    for (size_t i = 0; i < ng_analysis_entity_count(res); i++) {
        const ng_entity *e = ng_analysis_entity(res, i);
        if (e->type == type && strcmp(e->name, name) == 0)
            return e;
    }
    return NULL;
}

/* Key facts about the canonical article's entities. */
static void test_canonical_entities(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_canonical();
    ng_analysis *res;
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    static const struct {
        const char *name;
        ng_entity_type type;
        size_t min_mentions;
    } expect[] = {
        {"Patrick Ryder", NG_ENTITY_PER, 2}, /* + "Ryder" later */
        {"Harakat al-Nujaba", NG_ENTITY_ORG, 3},
        {"Mohamed Shia al-Sudani", NG_ENTITY_PER, 1},
        {"Iraq", NG_ENTITY_LOC, 9}, /* + "Iraqi" (the alias table) */
        {"US Department of Defense", NG_ENTITY_ORG, 2}, /* "Pentagon" */
        /* "Islamic State (ISIS)": one entity with the acronym */
        {"Islamic State", NG_ENTITY_ORG, 5},
        {"Syria", NG_ENTITY_LOC, 3},
        {"Iran", NG_ENTITY_LOC, 3},
        /* "Kassim Suleimani", "Qasim Suleimani" and "Suleimani" twice */
        {"Kassim Suleimani", NG_ENTITY_PER, 4},
        {"United States", NG_ENTITY_LOC, 9}, /* "US", "American" */
        {"Baghdad", NG_ENTITY_LOC, 1},
    };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        const ng_entity *e = find_entity(res, expect[i].name, expect[i].type);
        if (!e)
            fail_msg("no %s %s", ng_entity_type_name(expect[i].type),
                     expect[i].name);
        assert_true(e->nmentions >= expect[i].min_mentions);
    }
    /* "Patrick Ryderthe" (glued by scraping): the mention covers the name
     * only, and the lone "Ryder" later joins him. */
    const ng_entity *ryder = find_entity(res, "Patrick Ryder", NG_ENTITY_PER);
    char *first = span_text(res, ryder->mentions[0]);
    char *second = span_text(res, ryder->mentions[1]);
    assert_string_equal(first, "Patrick Ryder");
    assert_string_equal(second, "Ryder");
    free(first);
    free(second);
    const char *text = ng_analysis_text(res, NULL);
    assert_true(strncmp(text + ryder->mentions[0].end, "the major", 9) == 0);
    /* Mentions lie in the text, in order, and never overlap. */
    for (size_t i = 0; i < ng_analysis_entity_count(res); i++) {
        const ng_entity *e = ng_analysis_entity(res, i);
        for (size_t k = 0; k < e->nmentions; k++) {
            assert_true(e->mentions[k].start < e->mentions[k].end);
            assert_true(k == 0 ||
                        e->mentions[k - 1].end <= e->mentions[k].start);
        }
    }
    assert_null(ng_analysis_entity(res, ng_analysis_entity_count(res)));
    ng_analysis_free(res);
    ng_article_free(a);
    ng_analyzer_free(an);
}

/* Names the tagger cuts in two or runs together, and the corrections
 * that mend them (src/analyze/entities.c): each text must give the
 * entity `want` of its type, and no entity named `not` (when set). */
static void test_name_boundaries(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
        ng_entity_type type;
        const char * not ;
    } cases[] = {
        /* a one-word person and a word that is no common one */
        {"Kiara Perkins, a second year art major, admitted she skipped "
         "class.",
         "Kiara Perkins", NG_ENTITY_PER, "Kiara"},
        /* a place and the organization after it */
        {"According to the New Zealand Herald, the panel met on Monday.",
         "New Zealand Herald", NG_ENTITY_ORG, "Zealand Herald"},
        /* after "of": a place, then a first name */
        {"In a statement, Governor of Washington Chris Gregoire said the "
         "museum worked hard.",
         "Chris Gregoire", NG_ENTITY_PER, "Washington Chris Gregoire"},
        /* after "of the": an organization word, then a name */
        {"After the leak, CEO of the Refugee Council Enver Solomon told Sky "
         "News the process was flawed.",
         "Enver Solomon", NG_ENTITY_PER, "Refugee Council Enver Solomon"},
        /* a name after a person's title */
        {"Civil Defense Authority director General Suleiman al-Amr, in "
         "remarks to television, said the dead were taken to hospital.",
         "Suleiman al-Amr", NG_ENTITY_PER, NULL},
        /* a first name after a place that is a first name too: one name */
        {"The legacy of Martin Luther King was honoured on Monday.",
         "Martin Luther King", NG_ENTITY_PER, "Luther King"},
        /* a name ending in a function word, before punctuation */
        {"The exhibit drew 11,000 visitors, according to curator Elaine "
         "Gustafon.",
         "Elaine Gustafon", NG_ENTITY_PER, "Elaine Gustaf"},
    };
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ng_article *a;
        assert_int_equal(ng_article_new(&a, "case", NULL, NULL, NULL, 0,
                                        cases[i].text, strlen(cases[i].text)),
                         NG_OK);
        ng_analysis *res;
        assert_int_equal(ng_analyze(an, a, &res), NG_OK);
        if (!find_entity(res, cases[i].want, cases[i].type))
            fail_msg("case %zu: no %s %s", i,
                     ng_entity_type_name(cases[i].type), cases[i].want);
        for (size_t e = 0; cases[i].not &&e < ng_analysis_entity_count(res);
             e++)
            if (strcmp(ng_analysis_entity(res, e)->name, cases[i].not ) == 0)
                fail_msg("case %zu: an entity %s", i, cases[i].not );
        ng_analysis_free(res);
        ng_article_free(a);
    }
    ng_analyzer_free(an);
}

/* The times of the canonical article: what a careful reader makes of
 * them in an article of Monday 2024-01-08. */
static void test_canonical_times(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_canonical();
    ng_analysis *res;
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    const char *text = ng_analysis_text(res, NULL);
    static const struct {
        const char *before; /* the words just before the expression */
        const char *text;
        ng_time_type type;
        const char *value;
        const char *mod;
    } want[] = {
        {"spoke on ", "Friday", NG_TIME_DATE, "2024-01-05", NULL},
        {"announced on ", "Friday", NG_TIME_DATE, "2024-01-05", NULL},
        {"troops on ", "Friday", NG_TIME_DATE, "2024-01-05", NULL},
        {"strike on ", "Thursday", NG_TIME_DATE, "2024-01-04", NULL},
        {"announced on ", "Monday", NG_TIME_DATE, "2024-01-08", NULL},
        {"army on ", "Thursday", NG_TIME_DATE, "2024-01-04", NULL},
        {"Founded in ", "2013", NG_TIME_DATE, "2013", NULL},
        {"", "On Wednesday", NG_TIME_DATE, "2024-01-03", NULL},
        {"circumstances in ", "January 2020", NG_TIME_DATE, "2020-01", NULL},
        {"State ", "the next day", NG_TIME_DATE, "2024-01-04", NULL},
        {"his ", "more than two decades", NG_TIME_DURATION, "P20Y",
         "MORE_THAN"},
    };
    size_t n = ng_analysis_time_count(res);
    for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++) {
            const ng_time *t = ng_analysis_time(res, i);
            size_t len = t->span.end - t->span.start;
            const char *wt = want[w].text;
            /* "On Wednesday": TimeML leaves the preposition out */
            if (strncmp(wt, "On ", 3) == 0)
                wt += 3;
            size_t bl = strlen(want[w].before);
            if (len != strlen(wt) || memcmp(text + t->span.start, wt, len) ||
                t->span.start < bl ||
                memcmp(text + t->span.start - bl, want[w].before, bl))
                continue;
            found = true;
            assert_int_equal(t->type, want[w].type);
            assert_string_equal(t->value, want[w].value);
            if (want[w].mod)
                assert_string_equal(t->mod, want[w].mod);
        }
        if (!found)
            fail_msg("no time '%s%s'", want[w].before, want[w].text);
    }
    assert_null(ng_analysis_time(res, n));
    ng_analysis_free(res);
    ng_article_free(a);
    ng_analyzer_free(an);
}

/* A missing or foreign model is an error with a message, never a silent
 * analyzer without entities. */
static void test_model_errors(void **state)
{
    (void)state;
    char *dir = test_temp_dir();
    ng_analyzer *an = NULL;
    ng_analyzer_options opt = {.models_dir = dir};
    assert_int_equal(ng_analyzer_new(&an, &opt), NG_ERR_MODEL);
    assert_non_null(strstr(ng_analyzer_message(an), "ner.model"));
    ng_analyzer_free(an);
    char *path = test_path(dir, "ner.model");
    static const char fake[] = "NGNERMDL but not really a model";
    test_write_file(path, fake, sizeof fake - 1);
    assert_int_equal(ng_analyzer_new(&an, &opt), NG_ERR_MODEL);
    assert_non_null(strstr(ng_analyzer_message(an), "ner.model: "));
    ng_analyzer_free(an);
    static const char zip[] = "PK\3\4 a zip file";
    test_write_file(path, zip, sizeof zip - 1);
    assert_int_equal(ng_analyzer_new(&an, &opt), NG_ERR_MODEL);
    assert_non_null(strstr(ng_analyzer_message(an), "bad magic"));
    ng_analyzer_free(an);
    /* The environment names the directory when the options do not. */
    setenv("NEWSGRAPH_MODELS", dir, 1);
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_ERR_MODEL);
    ng_analyzer_free(an);
    unsetenv("NEWSGRAPH_MODELS");
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_non_null(strstr(ng_analyzer_model_info(an), "train-ner"));
    ng_analyzer_free(an);
    test_remove_tree(dir);
    free(path);
    free(dir);
}

/* The amounts of the canonical article, with the counted thing carried
 * over where the text leaves it out. */
static void test_canonical_amounts(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_canonical();
    ng_analysis *res;
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    const char *text = ng_analysis_text(res, NULL);
    static const struct {
        const char *text;
        double value;
        const char *unit;
        unsigned flags;
    } want[] = {
        {"2,500 troops", 2500, "troops", 0},
        {"900", 900, "troops", NG_AMOUNT_INFERRED},
        {"nearly 100 people", 100, "people", NG_AMOUNT_APPROX},
        {"hundreds more", 100, "people",
         NG_AMOUNT_INFERRED | NG_AMOUNT_VAGUE | NG_AMOUNT_APPROX},
    };
    assert_int_equal(ng_analysis_amount_count(res), 4);
    for (size_t w = 0; w < 4; w++) {
        const ng_amount *m = ng_analysis_amount(res, w);
        char *got =
            str_ndup_test(text + m->span.start, m->span.end - m->span.start);
        assert_string_equal(got, want[w].text);
        free(got);
        assert_true(m->value == want[w].value);
        assert_int_equal(m->kind, NG_AMOUNT_COUNT);
        assert_string_equal(m->unit, want[w].unit);
        assert_int_equal(m->flags & want[w].flags, want[w].flags);
    }
    assert_null(ng_analysis_amount(res, 4));
    ng_analysis_free(res);
    ng_article_free(a);
    ng_analyzer_free(an);
}

typedef struct job {
    const ng_analyzer *an;
    const ng_article *a;
    char *json;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    for (int i = 0; i < 20; i++) {
        free(j->json);
        j->json = analyze_json(j->an, j->a, NG_JSON_SPANS);
    }
    return NULL;
}

static void test_threads_share_analyzer(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a = read_canonical();
    char *expect = analyze_json(an, a, NG_JSON_SPANS);
    job jobs[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job){an, a, NULL};
        assert_int_equal(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_string_equal(jobs[i].json, expect);
        free(jobs[i].json);
    }
    free(expect);
    ng_article_free(a);
    ng_analyzer_free(an);
}

/* A currency before an amount is not an entity, whatever the tagger
 * thinks of "US$"; the amount keeps it. */
static void test_currency_not_entity(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    static const char text[] =
        "Shares of General Motors fell on Thursday after it lost US$2.24 "
        "billion in the quarter, and A$300 million in Australia.";
    ng_article *a;
    assert_int_equal(ng_article_new(&a, "x", "2008-07-31", NULL, NULL, 0, text,
                                    sizeof text - 1),
                     NG_OK);
    ng_analysis *res;
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    for (size_t i = 0; i < ng_analysis_entity_count(res); i++) {
        const char *name = ng_analysis_entity(res, i)->name;
        if (strchr(name, '$'))
            fail_msg("entity '%s'", name);
    }
    assert_non_null(find_entity(res, "General Motors", NG_ENTITY_ORG));
    assert_non_null(find_entity(res, "Australia", NG_ENTITY_LOC));
    char *money = span_text(res, ng_analysis_amount(res, 0)->span);
    assert_string_equal(money, "US$2.24 billion");
    free(money);
    ng_analysis_free(res);
    ng_article_free(a);
    ng_analyzer_free(an);
}

static void test_bad_text(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    ng_article *a;
    assert_int_equal(ng_article_new(&a, "x", NULL, NULL, NULL, 0, "a\xFF", 2),
                     NG_OK);
    ng_analysis *res = NULL;
    assert_int_equal(ng_analyze(an, a, &res), NG_ERR_INPUT);
    assert_null(res);
    assert_int_equal(ng_analyze(an, NULL, &res), NG_ERR_ARG);
    ng_article_free(a);
    const char *bad_tag[] = {"ok", "bad\xC3"};
    assert_int_equal(ng_article_new(&a, "x", NULL, NULL, bad_tag, 2, "t", 1),
                     NG_OK);
    assert_int_equal(ng_analyze(an, a, &res), NG_ERR_INPUT);
    ng_article_free(a);
    ng_analyzer_free(an);
    ng_analysis_free(NULL);
    ng_analyzer_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_record),
        cmocka_unit_test(test_canonical_structure),
        cmocka_unit_test(test_record_shape),
        cmocka_unit_test(test_canonical_entities),
        cmocka_unit_test(test_name_boundaries),
        cmocka_unit_test(test_model_errors),
        cmocka_unit_test(test_canonical_times),
        cmocka_unit_test(test_canonical_amounts),
        cmocka_unit_test(test_threads_share_analyzer),
        cmocka_unit_test(test_currency_not_entity),
        cmocka_unit_test(test_bad_text),
    };
    return cmocka_run_group_tests_name("analyze", tests, NULL, NULL);
}
