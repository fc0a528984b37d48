/*
 * fuzz_quote.c -- the quote finder (src/quote): an input is normalized
 * and segmented as ng_analyze does, every capitalized word (runs of them
 * are one mention, one entity per distinct first byte, types in turn)
 * stands in for the tagger's entities, and quote_extract runs twice; the
 * result must hold (abort otherwise):
 *  - spans non-empty, inside the text, on token boundaries, ordered by
 *    start; a kind in range;
 *  - a speaker that is -1 or an entity's index; source and cue spans
 *    empty or inside the text; a verb NULL or lower-case ASCII letters
 *    and spaces;
 *  - the same input gives the same result (a pure function).
 */
#include "extract_common.h"
#include "quote/quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_ENTITIES = 64 };

static void fail(const char *what, size_t index)
{
    fuzz_fail("fuzz_quote", what, index);
}

/* Capitalized word runs as mentions of up to FUZZ_ENTITIES entities. */
static size_t make_entities(fuzz_doc *d, ng_entity *ents)
{
    const seg_doc *s = &d->seg;
    ng_span *spans = arena_alloc(&d->mem, (s->ntokens + 1) * sizeof *spans);
    if (!spans)
        return 0;
    size_t nspans = 0;
    int32_t owner[FUZZ_ENTITIES];
    for (size_t e = 0; e < FUZZ_ENTITIES; e++)
        owner[e] = -1;
    size_t nents = 0;
    size_t *which = arena_alloc(&d->mem, (s->ntokens + 1) * sizeof *which);
    if (!which)
        return 0;
    for (size_t i = 0; i < s->ntokens; i++) {
        if (!(s->tokens[i].flags & SEG_UPPER))
            continue;
        size_t j = i;
        while (j + 1 < s->ntokens && (s->tokens[j + 1].flags & SEG_UPPER))
            j++;
        size_t key = (unsigned char)d->text[s->tokens[i].start] % FUZZ_ENTITIES;
        if (owner[key] < 0)
            owner[key] = (int32_t)nents++;
        which[nspans] = (size_t)owner[key];
        spans[nspans++] = (ng_span){s->tokens[i].start, s->tokens[j].end};
        i = j;
    }
    /* Group the spans by entity, in order. */
    ng_span *sorted = arena_alloc(&d->mem, (nspans + 1) * sizeof *sorted);
    if (!sorted)
        return 0;
    size_t used = 0;
    for (size_t e = 0; e < nents; e++) {
        ents[e].mentions = sorted + used;
        ents[e].nmentions = 0;
        ents[e].name = "x";
        ents[e].type = (ng_entity_type)(e % 4);
        for (size_t k = 0; k < nspans; k++)
            if (which[k] == e) {
                sorted[used++] = spans[k];
                ents[e].nmentions++;
            }
    }
    return nents;
}

static void check_span(const fuzz_doc *d, ng_span sp, bool may_be_empty,
                       size_t i)
{
    if (sp.start == 0 && sp.end == 0 && may_be_empty)
        return;
    if (sp.start >= sp.end || sp.end > d->len)
        fail("a span empty or outside the text", i);
    if (!fuzz_on_tokens(&d->seg, sp.start, sp.end))
        fail("a span cuts a token", i);
}

static void check(const fuzz_doc *d, const ng_quote *q, size_t n, size_t nents)
{
    uint32_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        check_span(d, q[i].span, false, i);
        if (q[i].span.start < prev)
            fail("quotes out of order", i);
        prev = q[i].span.start;
        if ((unsigned)q[i].kind > NG_QUOTE_REPORTED)
            fail("kind out of range", i);
        if (q[i].speaker < -1 ||
            (q[i].speaker >= 0 && (size_t)q[i].speaker >= nents))
            fail("speaker is not an entity", i);
        check_span(d, q[i].source, true, i);
        check_span(d, q[i].cue, true, i);
        for (const char *v = q[i].verb; v && *v; v++)
            if (!((*v >= 'a' && *v <= 'z') || *v == ' ' || *v == '-' ||
                  (unsigned char)*v >= 0x80))
                fail("verb not in lower case", i);
    }
}

static void check_same(const ng_quote *a, const ng_quote *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].span.start != b[i].span.start ||
            a[i].span.end != b[i].span.end || a[i].kind != b[i].kind ||
            a[i].speaker != b[i].speaker ||
            a[i].source.start != b[i].source.start ||
            a[i].cue.start != b[i].cue.start ||
            (a[i].verb == NULL) != (b[i].verb == NULL) ||
            (a[i].verb && strcmp(a[i].verb, b[i].verb) != 0))
            fail("the same input gave another result", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_doc d;
    if (fuzz_doc_open(&d, data, size)) {
        ng_entity ents[FUZZ_ENTITIES];
        memset(ents, 0, sizeof ents);
        size_t nents = make_entities(&d, ents);
        ng_quote *q1 = NULL, *q2 = NULL;
        size_t n1 = 0, n2 = 0;
        if (quote_extract(d.text, &d.seg, ents, nents, &d.mem, &q1, &n1) ==
                NG_OK &&
            quote_extract(d.text, &d.seg, ents, nents, &d.mem, &q2, &n2) ==
                NG_OK) {
            if (n1 != n2)
                fail("the same input gave another count", n1);
            check(&d, q1, n1, nents);
            check_same(q1, q2, n1);
        }
    }
    fuzz_doc_close(&d);
    return 0;
}
