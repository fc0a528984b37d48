/*
 * fuzz_amount.c -- the amount extractor (src/amount) after the time
 * extractor, as ng_analyze runs them: an input (optionally "YYYY-MM-DD\n"
 * first) is normalized, segmented, its times found, then amount_extract
 * runs; the result must hold (abort otherwise):
 *  - spans non-empty, inside the text, on token boundaries, ordered,
 *    disjoint, and outside every time;
 *  - a kind in range; value, low and high finite and non-negative;
 *    low <= high when both are bounds; a unit for counts and measures, a
 *    three-letter upper-case ISO 4217 code for money and only for money;
 *  - the same input gives the same result.
 */
#include <math.h>

#include "amount/amount.h"
#include "extract_common.h"
#include "time/timex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, size_t index)
{
    fuzz_fail("fuzz_amount", what, index);
}

static bool iso_code(const char *c)
{
    return c && strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' &&
           c[1] <= 'Z' && c[2] >= 'A' && c[2] <= 'Z';
}

static bool good_number(double v)
{
    return isfinite(v) && v >= 0;
}

static void check_one(const ng_amount *m, size_t i)
{
    if ((unsigned)m->kind > NG_AMOUNT_MEASURE)
        fail("amount kind out of range", i);
    if (!good_number(m->value) || !good_number(m->low) || !good_number(m->high))
        fail("amount value or bound not finite and non-negative", i);
    if ((m->flags & NG_AMOUNT_HAS_LOW) && (m->flags & NG_AMOUNT_HAS_HIGH) &&
        m->low > m->high)
        fail("bounds with low above high", i);
    if ((m->kind == NG_AMOUNT_COUNT || m->kind == NG_AMOUNT_MEASURE) &&
        (!m->unit || !*m->unit))
        fail("count or measure without a unit", i);
    if ((m->kind == NG_AMOUNT_MONEY) != (m->currency != NULL) ||
        (m->currency && !iso_code(m->currency)))
        fail("currency missing, misplaced or not ISO 4217", i);
}

static void check(const fuzz_doc *d, const ng_time *t, size_t nt,
                  const ng_amount *m, size_t n)
{
    uint32_t prev_end = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].span.start >= m[i].span.end || m[i].span.end > d->len ||
            m[i].span.start < prev_end)
            fail("amount span empty, outside the text or out of order", i);
        if (!fuzz_on_tokens(&d->seg, m[i].span.start, m[i].span.end))
            fail("amount span cuts a token", i);
        while (k < nt && t[k].span.end <= m[i].span.start)
            k++;
        if (k < nt && t[k].span.start < m[i].span.end)
            fail("amount overlaps a time", i);
        check_one(&m[i], i);
        prev_end = m[i].span.end;
    }
}

static void check_same(const ng_amount *a, const ng_amount *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].span.start != b[i].span.start ||
            a[i].span.end != b[i].span.end || a[i].kind != b[i].kind ||
            a[i].flags != b[i].flags || a[i].value != b[i].value)
            fail("the same input gave another result", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_doc d;
    if (fuzz_doc_open(&d, data, size)) {
        ng_time *t = NULL;
        ng_amount *m1 = NULL, *m2 = NULL;
        size_t nt = 0, n1 = 0, n2 = 0;
        if (timex_extract(d.text, &d.seg, d.has_dct ? d.dct : NULL, &d.mem, &t,
                          &nt) == NG_OK &&
            amount_extract(d.text, &d.seg, t, nt, &d.mem, &m1, &n1) == NG_OK &&
            amount_extract(d.text, &d.seg, t, nt, &d.mem, &m2, &n2) == NG_OK) {
            if (n1 != n2)
                fail("the same input gave another count", n1);
            check(&d, t, nt, m1, n1);
            check_same(m1, m2, n1);
        }
    }
    fuzz_doc_close(&d);
    return 0;
}
