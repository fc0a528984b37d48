/*
 * test_resolve.c -- entity resolution in one article as a table of
 * cases: mentions (name and type, in text order) and the grouping they
 * must get, written as a letter per mention (the same letter, the same
 * entity); people who share a surname next to people who are one. Then
 * the consonant skeletons and titles on their own, the canonical article
 * through ng_analyze, and the alias table's loader.
 */
#include "resolve/resolve.h"
#include "support.h"

enum {
    P = NG_ENTITY_PER,
    O = NG_ENTITY_ORG,
    L = NG_ENTITY_LOC,
    M = NG_ENTITY_MISC
};

typedef struct mention_case {
    const char *name; /* "(X)" puts X in parentheses after the one before */
    int type;
} mention_case;

typedef struct resolve_case {
    mention_case m[8];
    const char *groups; /* one letter per mention */
} resolve_case;

static const resolve_case cases[] = {
    /* surnames and first mentions' short forms */
    {{{"Patrick Ryder", P}, {"Ryder", P}}, "aa"},
    {{{"Ryder", P}, {"Patrick Ryder", P}}, "aa"},
    {{{"Maj. Gen. Patrick Ryder", P}, {"Patrick Ryder", P}, {"Ryder", P}},
     "aaa"},
    {{{"Hamdullah Mohib", P}, {"Ambassador Mohib", P}, {"Mohib", P}}, "aaa"},
    {{{"Judith Blake", P}, {"Ms Blake", P}}, "aa"},
    {{{"Mohamed Shia al-Sudani", P}, {"al-Sudani", P}}, "aa"},
    {{{"Kiara Perkins", P}, {"Kiara", P}}, "aa"},
    /* spelling variants of transliterated names */
    {{{"Kassim Suleimani", P}, {"Qasim Suleimani", P}, {"Suleimani", P}},
     "aaa"},
    {{{"Mohammed Ali", P}, {"Muhammad Ali", P}}, "aa"},
    {{{"Osama bin Laden", P}, {"Usama bin Laden", P}}, "aa"},
    {{{"Harakat al Nujaba", P}, {"Harakat al-Nujaba", O}}, "aa"},
    /* acronyms and expansions */
    {{{"Islamic State", O}, {"(ISIS)", O}, {"ISIS", O}}, "aaa"},
    {{{"United States", L}, {"US", M}, {"U.S.", L}}, "aaa"},
    {{{"US", L}, {"United States", L}}, "aa"},
    {{{"Department of Defense", O}, {"US Department of Defense", O}}, "aa"},
    /* kept apart */
    {{{"Anna Kowalski", P}, {"Tomasz Kowalski", P}, {"Kowalski", P}}, "abc"},
    {{{"Ali Hassan", P}, {"Ali Khan", P}, {"Ali", P}}, "abc"},
    {{{"Washington", P}, {"Washington", L}}, "ab"},
    {{{"Revolutionary Guard", O}, {"Guard", O}}, "ab"},
    {{{"Islamic State", O}, {"Islamic State of Iran", O}}, "ab"},
    {{{"John Smith", P}, {"Jane Smith", P}}, "ab"},
    {{{"Ali Hassan", P}, {"Ala Hassan", P}, {"Hassan", P}}, "abc"},
    {{{"John Smith", P}, {"Jon Smith", P}}, "ab"},
    {{{"Amnesty International", O}, {"AI", O}}, "aa"},
    {{{"Paris", L}, {"Paris Hilton", P}}, "ab"},
    {{{"", P}}, "a"},
};

/* Lays the mentions out in a text ("A and B", "A (B)") and resolves. */
static void check_case(size_t ci, const resolve_case *c)
{
    char text[1024] = "";
    resolve_mention rm[8];
    size_t n = 0, len = 0;
    for (; n < 8 && c->m[n].name; n++) {
        const char *nm = c->m[n].name;
        bool paren = nm[0] == '(';
        if (n)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s",
                                    paren ? " (" : " and ");
        size_t l = paren ? strlen(nm) - 2 : strlen(nm);
        rm[n].span.start = (uint32_t)len;
        memcpy(text + len, paren ? nm + 1 : nm, l);
        len += l;
        rm[n].span.end = (uint32_t)len;
        text[len] = '\0';
        if (paren)
            len += (size_t)snprintf(text + len, sizeof text - len, ")");
        rm[n].type = c->m[n].type;
        rm[n].name = paren ? str_ndup_test(nm + 1, l) : nm;
    }
    arena a;
    arena_init(&a);
    uint32_t ent[8];
    int32_t canonical[8];
    size_t nent;
    assert_true(
        resolve_article(text, len, rm, n, NULL, &a, ent, &nent, canonical));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            bool want = c->groups[i] == c->groups[j];
            if ((ent[i] == ent[j]) != want)
                fail_msg("case %zu (\"%s\"): mentions %zu and %zu %s", ci, text,
                         i, j, want ? "apart" : "joined");
        }
    for (size_t i = 0; i < n; i++)
        if (c->m[i].name[0] == '(')
            free((char *)rm[i].name);
    arena_release(&a);
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_case(i, &cases[i]);
}

static void test_skeleton_and_titles(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"Kassim", "ksm"},     {"Qasim", "ksm"},
        {"Suleimani", "slmn"}, {"Soleimani", "slmn"},
        {"Osama", "asm"},      {"Usama", "asm"},
        {"Muhammad", "mhmd"},  {"Mohammed", "mhmd"},
        {"Philip", "flp"},     {"", ""}};
    char out[64];
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        resolve_skeleton(pairs[i][0], strlen(pairs[i][0]), out, sizeof out);
        assert_string_equal(out, pairs[i][1]);
    }
    resolve_skeleton("Abcdefghij", 10, out, 4); /* capped */
    assert_int_equal(strlen(out), 3);
    assert_string_equal(
        resolve_strip_titles("Maj. Gen. Patrick Ryder", NG_ENTITY_PER),
        "Patrick Ryder");
    assert_string_equal(resolve_strip_titles("President", NG_ENTITY_PER),
                        "President");
    assert_string_equal(resolve_strip_titles("Mr. Smith", NG_ENTITY_PER),
                        "Smith");
    assert_string_equal(resolve_strip_titles("General Motors", NG_ENTITY_ORG),
                        "General Motors");
}

/* The canonical article: its spellings, acronym and surnames resolved. */
static void test_canonical(void **state)
{
    (void)state;
    const char *paths[] = {"samples/000_3e5691df25d3c8b8.txt"};
    ng_reader *r;
    ng_article *a;
    ng_analyzer *az;
    ng_analysis *an;
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    assert_int_equal(ng_analyzer_new(&az, NULL), NG_OK);
    assert_int_equal(ng_analyze(az, a, &an), NG_OK);
    for (size_t i = 0; i < ng_analysis_entity_count(an); i++)
        assert_string_not_equal(ng_analysis_entity(an, i)->name, "American");
    static const struct {
        const char *name, *type;
        size_t mentions;
    } want[] = {{"Kassim Suleimani", "PER", 4},
                {"Patrick Ryder", "PER", 2},
                {"Islamic State", "ORG", 5},
                {"Harakat al-Nujaba", "ORG", 4},
                /* "US", "United States" and "American" (the alias
                 * table), "Iraqi" and "Iraq", "Pentagon" and "US
                 * Department of Defense" */
                {"United States", "LOC", 9},
                {"Iraq", "LOC", 9},
                {"US Department of Defense", "ORG", 2}};
    for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
        size_t found = 0;
        for (size_t i = 0; i < ng_analysis_entity_count(an); i++) {
            const ng_entity *e = ng_analysis_entity(an, i);
            if (strcmp(e->name, want[w].name) != 0)
                continue;
            found++;
            assert_string_equal(ng_entity_type_name(e->type), want[w].type);
            assert_int_equal(e->nmentions, want[w].mentions);
        }
        if (found != 1)
            fail_msg("%zu entities named %s", found, want[w].name);
    }
    ng_analysis_free(an);
    ng_analyzer_free(az);
    ng_article_free(a);
    ng_reader_close(r);
}

/* The alias table: a table that loads answers by any name of a line,
 * the first line keeping a name two claim; a malformed one is refused
 * with the file and line. */
static void test_alias_table(void **state)
{
    (void)state;
    char text[] = "# comment\nLOC\tUnited States\tUS|U.S.|America\n"
                  "LOC\tUSA\tUS|U.S.A.\n";
    resolve_aliases al;
    buf msg;
    buf_init(&msg, 4096);
    assert_int_equal(
        resolve_aliases_from_memory(&al, text, strlen(text), "t", &msg), NG_OK);
    assert_int_equal(resolve_alias_find(&al, "U.S."), 0);
    assert_int_equal(resolve_alias_find(&al, "america"), 0);
    assert_int_equal(resolve_alias_find(&al, "Us"), -1); /* capitals: exact */
    assert_int_equal(resolve_alias_find(&al, "US"), 0);  /* line 2 keeps it */
    assert_int_equal(resolve_alias_find(&al, "U.S.A."), 1);
    assert_string_equal(resolve_alias_entry_at(&al, 1)->name, "USA");
    resolve_aliases_free(&al);

    static const struct {
        const char *text, *message;
    } bad[] = {
        {"LOC\tA\tB\n\nLOC C D\n", ":3: needs TYPE, name and aliases"},
        {"CITY\tA\tB\n", ":1: the type is not PER, ORG, LOC or MISC"},
        {"LOC\t\xff\tB\n", ": not UTF-8"},
    };
    char *dir = test_temp_dir();
    char *path = test_path(dir, "aliases.tsv");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        test_write_file(path, bad[i].text, strlen(bad[i].text));
        msg.len = 0;
        assert_int_equal(resolve_aliases_load(&al, path, &msg), NG_ERR_MODEL);
        assert_non_null(strstr(buf_cstr(&msg), path));
        assert_non_null(strstr(buf_cstr(&msg), bad[i].message));
        resolve_aliases_free(&al);
    }
    test_remove_tree(dir);
    msg.len = 0;
    assert_int_equal(resolve_aliases_load(&al, path, &msg), NG_ERR_MODEL);
    assert_non_null(strstr(buf_cstr(&msg), "cannot open the alias table"));
    resolve_aliases_free(&al);
    buf_free(&msg);
    free(path);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_skeleton_and_titles),
        cmocka_unit_test(test_canonical),
        cmocka_unit_test(test_alias_table),
    };
    return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}
