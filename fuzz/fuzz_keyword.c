/*
 * fuzz_keyword.c -- the keyphrase extractor and the hashtag rule
 * (src/keyword): an input is normalized and segmented as ng_analyze does,
 * kw_extract runs twice and kw_title_tags once over the raw text; the
 * result must hold (abort otherwise):
 *  - at most KW_MAX keyphrases, each a non-empty substring of the text
 *    that is valid UTF-8, scores in (0, 1] falling from exactly 1, no
 *    term twice;
 *  - the same input gives the same result (a pure function);
 *  - hashtags non-empty, without spaces or '#', no two equal ignoring
 *    case, at most the maximum asked.
 */
#include <strings.h>

#include "extract_common.h"
#include "keyword/keyword.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_TAGS = 12 };

static void fail(const char *what, size_t index)
{
    fuzz_fail("fuzz_keyword", what, index);
}

static void check(const fuzz_doc *d, const ng_keyword *k, size_t n)
{
    if (n > KW_MAX)
        fail("too many keyphrases", n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(k[i].term);
        if (!len || !strstr(d->text, k[i].term) ||
            utf8_valid_prefix(k[i].term, len) != len)
            fail("a term empty, not in the text or not UTF-8", i);
        if (!(k[i].score > 0 && k[i].score <= 1) ||
            (i == 0 && k[i].score != 1) ||
            (i > 0 && k[i].score > k[i - 1].score))
            fail("scores out of range or order", i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(k[i].term, k[j].term) == 0)
                fail("a term twice", i);
    }
}

static void check_tags(char **tags, size_t n)
{
    if (n > MAX_TAGS)
        fail("more hashtags than asked", n);
    for (size_t i = 0; i < n; i++) {
        if (!tags[i][0] || strchr(tags[i], ' ') || strchr(tags[i], '#'))
            fail("a hashtag empty or with a space or '#'", i);
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(tags[i], tags[j]) == 0)
                fail("a hashtag twice", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)fuzz_on_tokens; /* terms are checked as text, not spans */
    fuzz_doc d;
    if (fuzz_doc_open(&d, data, size)) {
        ng_keyword *k1 = NULL, *k2 = NULL;
        size_t n1 = 0, n2 = 0;
        if (kw_extract(d.text, &d.seg, &d.mem, &k1, &n1) == NG_OK &&
            kw_extract(d.text, &d.seg, &d.mem, &k2, &n2) == NG_OK) {
            check(&d, k1, n1);
            if (n1 != n2)
                fail("the same input gave another count", n1);
            for (size_t i = 0; i < n1; i++)
                if (strcmp(k1[i].term, k2[i].term) != 0 ||
                    k1[i].score != k2[i].score)
                    fail("the same input gave another result", i);
        }
        char *tags[MAX_TAGS];
        size_t nt = 0;
        if (kw_title_tags(d.text, &d.mem, tags, &nt, MAX_TAGS))
            check_tags(tags, nt);
    }
    fuzz_doc_close(&d);
    return 0;
}
