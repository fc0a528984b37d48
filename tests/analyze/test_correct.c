/*
 * test_correct.c -- the corrections of the tagger's labels
 * (src/analyze/correct.c) as a table: one sentence whose words carry the
 * labels the tagger gave ("Mr/U-PER Blair/U-PER said/O") and the labels
 * they must have after the corrections. The rules read the model's
 * gazetteers and vocabulary, not its weights, so each case checks one
 * rule whatever the tagger would say.
 */
#include "analyze/analyze.h"
#include "support.h"

#define MODEL "models/ner.model"

typedef struct correct_case {
    const char *tagged; /* word/LABEL, space-separated */
    const char *want;   /* the labels after the corrections */
} correct_case;

static const correct_case cases[] = {
    /* a title and the name after it: one person */
    {"Mr/U-PER Blair/U-PER said/O", "B-PER L-PER O"},
    {"Lord/U-PER Goldsmith/U-PER ,/O", "B-PER L-PER O"},
    /* a one-word person and a word that is no common one */
    {"Kiara/U-PER Perkins/U-ORG ,/O", "B-PER L-PER O"},
    /* ... but not a common word, a place or an organization word */
    {"Leicester/U-PER Square/U-ORG", "U-PER U-ORG"},
    {"Robinson/U-PER England/U-LOC", "U-PER U-LOC"},
    {"Milburn/U-PER Labour/U-ORG", "U-PER U-ORG"},
    /* a place and the organization after it */
    {"the/O New/B-LOC Zealand/L-LOC Herald/U-ORG", "O B-ORG I-ORG L-ORG"},
    /* after "of": a place, then a first name */
    {"Governor/O of/O Washington/B-PER Chris/I-PER Gregoire/L-PER",
     "O O U-LOC B-PER L-PER"},
    /* after "of the": an organization word, then a name */
    {"CEO/O of/O the/O Refugee/B-ORG Council/I-ORG Enver/I-ORG Solomon/L-ORG",
     "O O O B-ORG L-ORG B-PER L-PER"},
    /* ... not two common words ("Apple Developer Connection"), nor without
     * "of", nor a first name after a place that is a first name too */
    {"of/O Apple/B-ORG Developer/I-ORG Connection/L-ORG",
     "O B-ORG I-ORG L-ORG"},
    {"the/O Refugee/B-ORG Council/I-ORG Enver/I-ORG Solomon/L-ORG",
     "O B-ORG I-ORG I-ORG L-ORG"},
    {"of/O Martin/B-PER Luther/I-PER King/L-PER", "O B-PER I-PER L-PER"},
    /* a MISC name after a person's title, unless a common word */
    {"director/O General/O Suleiman/B-MISC al-Amr/L-MISC", "O O B-PER L-PER"},
    {"the/O General/O Election/U-MISC", "O O U-MISC"},
    /* the older two: a gazetteer organization, a particle name */
    {"Harakat/U-PER al-Nujaba/U-LOC said/O", "B-ORG L-ORG O"},
    {"Mohamed/B-PER Shia/L-PER al-Sudani/O", "B-PER I-PER L-PER"},
    /* nothing to correct */
    {"Patrick/B-PER Ryder/L-PER said/O", "B-PER L-PER O"},
    {"the/O troops/O", "O O"},
};

static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};

/* "U-PER" -> its label; "O" -> 0. */
static uint8_t parse_label(const char *s, size_t n)
{
    if (n == 1 && s[0] == 'O')
        return 0;
    static const char parts[] = "BILU";
    const char *p = strchr(parts, s[0]);
    assert_non_null(p);
    assert_true(n > 2 && s[1] == '-');
    for (int t = 0; t < 4; t++)
        if (strlen(types[t]) == n - 2 && strncmp(s + 2, types[t], n - 2) == 0)
            return (uint8_t)ner_label(t, (int)(p - parts));
    fail_msg("bad label %.*s", (int)n, s);
    return 0;
}

static void label_name(uint8_t l, char *out, size_t cap)
{
    if (!l)
        snprintf(out, cap, "O");
    else
        snprintf(out, cap, "%c-%s", "BILU"[ner_label_part(l)],
                 types[ner_label_type(l)]);
}

/* Splits "w/L w/L" into tokens (pointing into text) and labels. */
static size_t parse_tagged(const char *text, ner_token *toks, uint8_t *labels,
                           size_t cap)
{
    size_t n = 0;
    for (const char *p = text; *p && n < cap;) {
        size_t len = strcspn(p, " ");
        const char *slash = memchr(p, '/', len);
        assert_non_null(slash);
        toks[n] = (ner_token){p, (uint32_t)(slash - p)};
        labels[n++] = parse_label(slash + 1, (size_t)(p + len - slash - 1));
        p += len + (p[len] == ' ');
    }
    return n;
}

static void test_cases(void **state)
{
    (void)state;
    ner_model m;
    buf msg;
    buf_init(&msg, 4096);
    assert_int_equal(ner_model_load(&m, MODEL, &msg), NG_OK);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ner_token toks[16];
        uint8_t labels[16], want[16];
        ner_token unused[16];
        size_t n = parse_tagged(cases[i].tagged, toks, labels, 16);
        /* the wanted labels, word/label pairs without the words */
        char wbuf[512];
        size_t k = 0, wn = 0;
        for (const char *p = cases[i].want; *p && wn < 16;) {
            size_t len = strcspn(p, " ");
            k += (size_t)snprintf(wbuf + k, sizeof wbuf - k, "%sx/%.*s",
                                  k ? " " : "", (int)len, p);
            wn++;
            p += len + (p[len] == ' ');
        }
        assert_int_equal(parse_tagged(wbuf, unused, want, 16), n);
        uint32_t sent[2] = {0, (uint32_t)n};
        ner_doc doc = {toks, n, sent, 1};
        entities_correct(&m, &doc, labels);
        for (size_t j = 0; j < n; j++)
            if (labels[j] != want[j]) {
                char got[16], exp[16];
                label_name(labels[j], got, sizeof got);
                label_name(want[j], exp, sizeof exp);
                fail_msg("case %zu (%s): word %zu is %s, want %s", i,
                         cases[i].tagged, j, got, exp);
            }
    }
    ner_model_free(&m);
    buf_free(&msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
    };
    return cmocka_run_group_tests_name("correct", tests, NULL, NULL);
}
