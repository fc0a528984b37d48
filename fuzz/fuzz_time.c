/*
 * fuzz_time.c -- the time extractor (src/time): an input (optionally
 * "YYYY-MM-DD\n" first, the article date) is normalized, segmented and run
 * through timex_extract twice; the result must hold (abort otherwise):
 *  - spans non-empty, inside the text, on token boundaries, ordered and
 *    disjoint;
 *  - a type in range; a value of 1 to 31 bytes made of the TIMEX3 value
 *    alphabet (digits, upper-case letters, '-', ':', '.', '_'); a mod that
 *    is NULL or one of TimeML's;
 *  - without an article date, no value holds a year the text does not
 *    give: relative values stay underspecified (XXXX);
 *  - the same input gives the same result (a pure function).
 */
#include "extract_common.h"
#include "time/timex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, size_t index)
{
    fuzz_fail("fuzz_time", what, index);
}

static bool value_alphabet(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n > 31)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-' ||
              c == ':' || c == '.' || c == '_'))
            return false;
    }
    return true;
}

static bool known_mod(const char *m)
{
    static const char *const mods[] = {
        "START",     "MID",       "END",           "APPROX",
        "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
        "BEFORE",    "AFTER",     "ON_OR_BEFORE",  "ON_OR_AFTER"};
    if (!m)
        return true;
    for (size_t i = 0; i < sizeof mods / sizeof *mods; i++)
        if (strcmp(m, mods[i]) == 0)
            return true;
    return false;
}

static void check(const fuzz_doc *d, const ng_time *t, size_t n)
{
    uint32_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].span.start >= t[i].span.end || t[i].span.end > d->len ||
            t[i].span.start < prev_end)
            fail("time span empty, outside the text or out of order", i);
        if (!fuzz_on_tokens(&d->seg, t[i].span.start, t[i].span.end))
            fail("time span cuts a token", i);
        if ((unsigned)t[i].type > NG_TIME_SET)
            fail("time type out of range", i);
        if (!t[i].value || !value_alphabet(t[i].value))
            fail("time value empty, too long or not TIMEX3", i);
        if (!known_mod(t[i].mod))
            fail("unknown mod", i);
        prev_end = t[i].span.end;
    }
}

static void check_same(const ng_time *a, const ng_time *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].span.start != b[i].span.start ||
            a[i].span.end != b[i].span.end || a[i].type != b[i].type ||
            strcmp(a[i].value, b[i].value) != 0 ||
            (a[i].mod == NULL) != (b[i].mod == NULL))
            fail("the same input gave another result", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_doc d;
    if (fuzz_doc_open(&d, data, size)) {
        const char *dct = d.has_dct ? d.dct : NULL;
        ng_time *t1 = NULL, *t2 = NULL;
        size_t n1 = 0, n2 = 0;
        if (timex_extract(d.text, &d.seg, dct, &d.mem, &t1, &n1) == NG_OK &&
            timex_extract(d.text, &d.seg, dct, &d.mem, &t2, &n2) == NG_OK) {
            if (n1 != n2)
                fail("the same input gave another count", n1);
            if (n1 > d.seg.ntokens)
                fail("more times than tokens", n1);
            check(&d, t1, n1);
            check_same(t1, t2, n1);
        }
    }
    fuzz_doc_close(&d);
    return 0;
}
