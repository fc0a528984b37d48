/*
 * test_segment.c -- the segmentation case table: text in, tokens and
 * sentence and paragraph boundaries out, rendered as one string:
 * tokens joined by " ", a sentence boundary as " | ", a paragraph
 * boundary as " || ", and "!" for input the normalizer refuses. Then
 * token kinds, span invariants, normalization and pathological input.
 */
#include "support.h"
#include "text/text.h"

typedef struct seg_case {
    const char *text;
    const char *expect;
} seg_case;

static const seg_case cases[] = {
    /* 1-10: sentences */
    {"He left. She stayed.", "He left . | She stayed ."},
    {"Really? Yes! Fine.", "Really ? | Yes ! | Fine ."},
    {"It rose 5%. Then it fell.", "It rose 5 % . | Then it fell ."},
    {"Is it? he asked.", "Is it ? he asked ."},
    {"\"Stop.\" Then he left.", "\" Stop . \" | Then he left ."},
    {"He said \u201cNo.\u201d She agreed.",
     "He said \u201c No . \u201d | She agreed ."},
    {"(It ended.) Next came more.", "( It ended . ) | Next came more ."},
    {"Wait... What happened?", "Wait ... | What happened ?"},
    {"It was... fine.", "It was ... fine ."},
    {"One\u2026 Two.", "One \u2026 | Two ."},
    /* 11-22: abbreviations, titles and initials */
    {"Gen. Ryder spoke.", "Gen. Ryder spoke ."},
    {"Maj. Gen. Patrick Ryder said so.", "Maj. Gen. Patrick Ryder said so ."},
    {"Mr. Smith met Dr. Jones.", "Mr. Smith met Dr. Jones ."},
    {"J. R. Smith scored.", "J. R. Smith scored ."},
    {"The U.S. Army left.", "The U.S. Army left ."},
    {"They flew to the U.S. The trip was long.",
     "They flew to the U.S. | The trip was long ."},
    {"Apple Inc. said it grew.", "Apple Inc. said it grew ."},
    {"He joined Apple Inc. He left later.",
     "He joined Apple Inc. | He left later ."},
    {"On Jan. 5 they met.", "On Jan. 5 they met ."},
    {"It is No. 1 in sales.", "It is No. 1 in sales ."},
    {"He said No. Then he left.", "He said No . | Then he left ."},
    {"At 5 p.m. the talks ended.", "At 5 p.m. the talks ended ."},
    /* 23-34: numbers, money, percentages */
    {"2,500 troops", "2,500 troops"},
    {"It grew 3.5 percent.", "It grew 3.5 percent ."},
    {"a $3bn deal", "a $ 3bn deal"},
    {"about 1.5m people", "about 1.5m people"},
    {"up 20% today", "up 20 % today"},
    {"at 10:30 on 2024-01-08", "at 10:30 on 2024-01-08"},
    {"in the 1990s", "in the 1990s"},
    {"a 20-year-old man", "a 20-year-old man"},
    {"the 21st century", "the 21st century"},
    {"scored 3-1 and 1/2", "scored 3-1 and 1/2"},
    {"it cost US$5 and \u20ac10", "it cost US$ 5 and \u20ac 10"},
    {"Shares fell 2.5. Bonds rose.", "Shares fell 2.5 . | Bonds rose ."},
    /* 35-44: names, hyphens, apostrophes, clitics */
    {"Harakat al-Nujaba and al-Sudani", "Harakat al-Nujaba and al-Sudani"},
    {"the US-led coalition", "the US-led coalition"},
    {"the U.S.-led coalition", "the U.S.-led coalition"},
    {"Iran\u2019s Revolutionary Guard", "Iran \u2019s Revolutionary Guard"},
    {"Iran's army", "Iran 's army"},
    {"I don't know", "I do n't know"},
    {"They can\u2019t stay", "They ca n\u2019t stay"},
    {"Conan O'Brien spoke", "Conan O'Brien spoke"},
    {"we're here and they'll go", "we 're here and they 'll go"},
    {"AT&T and S&P rose", "AT&T and S&P rose"},
    /* 45-52: quotes of every kind */
    {"\u00abNon\u00bb, dit-il.", "\u00ab Non \u00bb , dit-il ."},
    {"\u2018Yes\u2019 she said", "\u2018 Yes \u2019 she said"},
    {"``Hi'' he said", "`` Hi '' he said"},
    {"\u201eJa\u201c sagte er", "\u201e Ja \u201c sagte er"},
    {"the '90s band", "the '90s band"},
    {"He said: \"We remain focused.\"", "He said : \" We remain focused . \""},
    {"\u201cGo.\u201d \u201cNo.\u201d",
     "\u201c Go . \u201d | \u201c No . \u201d"},
    {"a \u2039quote\u203a here", "a \u2039 quote \u203a here"},
    /* 53-58: dashes, URLs, e-mail, hashtags */
    {"al-Nujaba \u2013 one of them \u2014 left",
     "al-Nujaba \u2013 one of them \u2014 left"},
    {"wait -- no", "wait -- no"},
    {"See https://example.com/a?b=1. Then go.",
     "See https://example.com/a?b=1 . | Then go ."},
    {"visit www.bbc.co.uk today", "visit www.bbc.co.uk today"},
    {"Mail press@un.org now.", "Mail press@un.org now ."},
    {"#Pentagon denies @user claims", "#Pentagon denies @user claims"},
    /* 59-66: paragraphs and scraping mess */
    {"First one.\n\nSecond one.", "First one . || Second one ."},
    {"Line one\nline two.", "Line one line two ."},
    {"A.\n  \n\n\nB.", "A . || B ."},
    {"the troops.The next day", "the troops . | The next day"},
    {"Patrick Ryderthe major general", "Patrick Ryderthe major general"},
    {"ISIS\n\nhe announced", "ISIS || he announced"},
    {"  \n\n  ", ""},
    {"Amazon.com rose.", "Amazon.com rose ."},
    /* 67-72: other scripts and marks */
    {"Caf\u00e9 S\u00e3o Paulo", "Caf\u00e9 S\u00e3o Paulo"},
    {"\u0645\u0642\u062a\u062f\u0649 \u0627\u0644\u0635\u062f\u0631 said",
     "\u0645\u0642\u062a\u062f\u0649 \u0627\u0644\u0635\u062f\u0631 said"},
    {"M\u00fcller (SPD) spoke.", "M\u00fcller ( SPD ) spoke ."},
    {"\u05e9\u05dc\u05d5\u05dd, world", "\u05e9\u05dc\u05d5\u05dd , world"},
    {"tab\there", "tab here"},
    {"zero\u200bwidth", "zero width"},
    /* 73-78: bad input: the normalizer refuses it, "!" in the table */
    {"bad \xC3\x28 byte", "!"},
    {"overlong \xC0\xAF slash", "!"},
    {"surrogate \xED\xA0\x80", "!"},
    {"cut short \xE2\x80", "!"},
    {"\xFF\xFE", "!"},
    {"above \xF4\x90\x80\x80 max", "!"},
};

/* Renders the segmentation of text as the case table writes it. */
static char *render(const char *text)
{
    arena a;
    arena_init(&a);
    char *norm;
    size_t n;
    if (text_normalize(text, strlen(text), &a, &norm, &n) != NG_OK) {
        arena_release(&a);
        return str_dup("!");
    }
    seg_doc d;
    assert_int_equal(seg_segment(norm, n, &a, &d), NG_OK);
    buf out;
    buf_init(&out, 0);
    size_t s = 0, p = 0;
    for (size_t i = 0; i < d.ntokens; i++) {
        if (i > 0) {
            bool new_par =
                p + 1 < d.nparagraphs &&
                d.sentences[d.paragraphs[p + 1].first_sentence].first_token ==
                    i;
            bool new_sent =
                s + 1 < d.nsentences && d.sentences[s + 1].first_token == i;
            buf_append(&out,
                       new_par    ? " || "
                       : new_sent ? " | "
                                  : " ",
                       new_par    ? 4
                       : new_sent ? 3
                                  : 1);
            p += new_par;
            s += new_sent || new_par;
        }
        buf_append(&out, norm + d.tokens[i].start,
                   d.tokens[i].end - d.tokens[i].start);
    }
    char *r = str_dup(buf_cstr(&out));
    buf_free(&out);
    arena_release(&a);
    return r;
}

static void test_case_table(void **state)
{
    (void)state;
    size_t failures = 0;
    assert_true(sizeof cases / sizeof *cases >= 60);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = render(cases[i].text);
        if (strcmp(got, cases[i].expect) != 0) {
            print_error("case %zu: %s\n  expected: %s\n  got:      %s\n", i + 1,
                        cases[i].text, cases[i].expect, got);
            failures++;
        }
        free(got);
    }
    assert_int_equal(failures, 0);
}

/* Spans cover their tokens, sentences cover theirs, in order. */
static void test_span_invariants(void **state)
{
    (void)state;
    size_t len;
    char *text = test_read_file("samples/000_3e5691df25d3c8b8.txt", &len);
    arena a;
    arena_init(&a);
    char *norm;
    size_t n;
    seg_doc d;
    assert_int_equal(text_normalize(text, len, &a, &norm, &n), NG_OK);
    assert_int_equal(seg_segment(norm, n, &a, &d), NG_OK);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < d.ntokens; i++) {
        assert_true(d.tokens[i].start >= prev_end);
        assert_true(d.tokens[i].end > d.tokens[i].start);
        prev_end = d.tokens[i].end;
    }
    size_t covered = 0;
    for (size_t i = 0; i < d.nsentences; i++) {
        const seg_sentence *s = &d.sentences[i];
        assert_int_equal(s->first_token, covered);
        assert_int_equal(s->start, d.tokens[s->first_token].start);
        assert_int_equal(s->end, d.tokens[s->first_token + s->ntokens - 1].end);
        covered += s->ntokens;
    }
    assert_int_equal(covered, d.ntokens);
    arena_release(&a);
    free(text);
}

static void test_token_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        ng_token_kind kind;
    } kinds[] = {
        {"troops", NG_TOKEN_WORD},   {"2,500", NG_TOKEN_NUMBER},
        {",", NG_TOKEN_PUNCT},       {"\u201c", NG_TOKEN_QUOTE},
        {"$", NG_TOKEN_SYMBOL},      {"http://a.org/x", NG_TOKEN_URL},
        {"a@b.org", NG_TOKEN_EMAIL}, {"#Iraq", NG_TOKEN_HASHTAG},
        {"\u2013", NG_TOKEN_PUNCT},  {"1.5m", NG_TOKEN_NUMBER},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        arena a;
        arena_init(&a);
        seg_doc d;
        const char *t = kinds[i].text;
        assert_int_equal(seg_segment(t, strlen(t), &a, &d), NG_OK);
        assert_int_equal(d.ntokens, 1);
        assert_int_equal(d.tokens[0].kind, kinds[i].kind);
        arena_release(&a);
    }
}

static void test_long_sentence_is_cut(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    for (int i = 0; i < 1000; i++)
        buf_append(&b, "word ", 5);
    arena a;
    arena_init(&a);
    seg_doc d;
    assert_int_equal(seg_segment(b.data, b.len, &a, &d), NG_OK);
    assert_int_equal(d.ntokens, 1000);
    for (size_t i = 0; i < d.nsentences; i++)
        assert_true(d.sentences[i].ntokens <= SEG_MAX_SENTENCE_TOKENS);
    assert_true(d.nsentences >= 3);
    arena_release(&a);
    buf_free(&b);
}

/* Runs that every token would rescan ("a_a_a_", "!!!!") must stay linear:
 * a quadratic segmenter takes hours here instead of milliseconds. */
static void test_pathological_runs(void **state)
{
    (void)state;
    static const char *const units[] = {"a_", "a+", "!", "a.",
                                        "'s", "-",  "(", "U.S. "};
    for (size_t r = 0; r < sizeof units / sizeof *units; r++) {
        buf b;
        buf_init(&b, 0);
        while (b.len < 500000)
            buf_append(&b, units[r], strlen(units[r]));
        arena a;
        arena_init(&a);
        seg_doc d;
        assert_int_equal(seg_segment(b.data, b.len, &a, &d), NG_OK);
        assert_true(d.ntokens >= 1);
        for (size_t i = 0; i < d.nsentences; i++)
            assert_true(d.sentences[i].ntokens <= SEG_MAX_SENTENCE_TOKENS);
        arena_release(&a);
        buf_free(&b);
    }
}

static void test_normalize(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        ng_status status;
    } norm[] = {
        {"Cafe\xCC\x81", "Caf\xC3\xA9", NG_OK}, /* NFC */
        {"a\r\nb\rc", "a\nb\nc", NG_OK},        /* line ends */
        {"a\x01"
         "b\x7f",
         "a b\x7f", NG_OK},                  /* controls */
        {"\xEF\xBB\xBFtext", "text", NG_OK}, /* BOM */
        {"\xE2\x84\xAB", "\xC3\x85", NG_OK}, /* Angstrom sign */
        {"plain \xE2\x80\x9Cquoted\xE2\x80\x9D",
         "plain \xE2\x80\x9Cquoted"
         "\xE2\x80\x9D",
         NG_OK},
        {"bad \xC3\x28", NULL, NG_ERR_INPUT},  /* invalid */
        {"over \xC0\xAF", NULL, NG_ERR_INPUT}, /* overlong */
        {"surrogate \xED\xA0\x80", NULL, NG_ERR_INPUT},
        {"cut \xE2\x80", NULL, NG_ERR_INPUT}, /* truncated */
    };
    for (size_t i = 0; i < sizeof norm / sizeof *norm; i++) {
        arena a;
        arena_init(&a);
        char *out = NULL;
        size_t n = 0;
        ng_status st =
            text_normalize(norm[i].in, strlen(norm[i].in), &a, &out, &n);
        assert_int_equal(st, norm[i].status);
        if (norm[i].out) {
            assert_int_equal(n, strlen(norm[i].out));
            assert_memory_equal(out, norm[i].out, n);
        }
        arena_release(&a);
    }
    arena a;
    arena_init(&a);
    char *out;
    size_t n;
    assert_int_equal(text_normalize("a\0b", 3, &a, &out, &n), NG_ERR_INPUT);
    arena_release(&a);
}

static void test_abbrev_tables(void **state)
{
    (void)state;
    assert_true(abbrev_tables_sorted());
    assert_int_equal(abbrev_lookup("Gen", 3), ABBREV_TITLE);
    assert_int_equal(abbrev_lookup("Jan", 3), ABBREV_MONTH);
    assert_int_equal(abbrev_lookup("Inc", 3), ABBREV_OTHER);
    assert_int_equal(abbrev_lookup("troops", 6), ABBREV_NONE);
    assert_true(abbrev_is_sentence_starter("The", 3));
    assert_false(abbrev_is_sentence_starter("Army", 4));
}

/* NG_MAX_ARTICLE_TOKENS tokens are segmented; one more is too large. */
static void test_token_cap(void **state)
{
    (void)state;
    size_t n = (size_t)NG_MAX_ARTICLE_TOKENS + 1;
    char *text = malloc(2 * n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = 'a';
        text[2 * i + 1] = i % 1000 == 999 ? '\n' : ' ';
    }
    arena a;
    arena_init(&a);
    seg_doc d;
    assert_int_equal(seg_segment(text, 2 * n - 2, &a, &d), NG_OK);
    assert_int_equal(d.ntokens, NG_MAX_ARTICLE_TOKENS);
    arena_release(&a);
    assert_int_equal(seg_segment(text, 2 * n, &a, &d), NG_ERR_TOO_LARGE);
    arena_release(&a);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_table),
        cmocka_unit_test(test_span_invariants),
        cmocka_unit_test(test_token_kinds),
        cmocka_unit_test(test_long_sentence_is_cut),
        cmocka_unit_test(test_pathological_runs),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_abbrev_tables),
        cmocka_unit_test(test_token_cap),
    };
    return cmocka_run_group_tests_name("text/segment", tests, NULL, NULL);
}
