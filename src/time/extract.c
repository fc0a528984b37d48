/*
 * extract.c -- timex_extract: every sentence through the token view and
 * the grammar, left to right, each match resolved against the article
 * date and the last date mentioned before it (in text order, so "the next
 * day" follows the reading).
 *
 * Invariants of the result: spans are whole segmenter tokens, ordered and
 * disjoint; every value is a non-empty TIMEX3 value of at most 31 bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "grammar.h"

enum { VALUE_MAX = 32, MAX_TIMES = 1u << 20 };

typedef struct times_out {
    arena *a;
    ng_time *items;
    size_t n, cap;
} times_out;

static bool parse_dct(const char *dct, tx_point *p)
{
    if (!dct || !date_valid(dct, strlen(dct)))
        return false;
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (dct[i] - '0');
    m = (dct[5] - '0') * 10 + (dct[6] - '0');
    d = (dct[8] - '0') * 10 + (dct[9] - '0');
    *p = (tx_point){.gran = G_DAY,
                    .year = y,
                    .month = (int8_t)m,
                    .day = (int8_t)d,
                    .quarter = -1,
                    .half = -1,
                    .season = -1};
    return true;
}

/* Grows the output array in the arena (the old block is released with
 * it). */
static bool out_push(times_out *o, ng_time **slot)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        ng_time *p = arena_alloc(o->a, cap * sizeof *p);
        if (!p)
            return false;
        if (o->n)
            memcpy(p, o->items, o->n * sizeof *p);
        o->items = p;
        o->cap = cap;
    }
    *slot = &o->items[o->n++];
    return true;
}

/* Whether resolving the draft needs the tense of its clause. */
static bool needs_tense(const tx_draft *d)
{
    if (d->tense != TT_NONE)
        return false;
    return (d->kind == DK_WEEKDAY && d->shift == 0) || d->year_infer ||
           (d->kind == DK_REL && d->unit == TU_WEEKEND) || d->in_span;
}

static bool emit(times_out *o, tx_state *st, const tx_sent *s,
                 const tx_match *m)
{
    tx_draft d = m->d;
    if (needs_tense(&d))
        d.tense = (uint8_t)timex_tense(s, m->start, m->end);
    if (d.in_span && d.tense == TT_FUTURE)
        timex_duration_ahead(&d);
    char value[VALUE_MAX];
    value[0] = '\0';
    timex_resolve(st, &d, value, sizeof value);
    if (!value[0] || o->n >= MAX_TIMES)
        return true; /* past the cap: the rest is dropped, not an error */
    ng_time *t;
    if (!out_push(o, &t))
        return false;
    t->span.start = s->seg[s->t[m->start].seg].start;
    t->span.end = s->seg[s->t[m->end - 1].seg].end;
    t->type = (ng_time_type)d.type;
    t->value = arena_strndup(o->a, value, strlen(value));
    t->mod = d.mod;
    return t->value != NULL;
}

/* Whether an expression may start at token i: at a strong token or a
 * number word, or at a number or a word that leads into a strong token
 * within the next few ("the", "last", "more than", "early", "10 a.m.").
 * Keeps the grammar off the many tokens that cannot begin a time. */
static bool may_start(const tx_sent *s, size_t i)
{
    enum { LEAD_WINDOW = 5 };
    const tx_tok *t = &s->t[i];
    size_t window = LEAD_WINDOW;
    if (t->flags & TV_STRONG || t->kind == TV_NUMWORD || t->kind == TV_ORDNUM)
        return true; /* "nineteen ninety-six", "21st century" */
    if (t->kind == TV_NUMBER)
        window = 3; /* "two weeks", "10 a.m.", "5 1/2 hours" */
    else if (t->kind != TV_WORD)
        return false;
    for (size_t k = i + 1; k < s->n && k <= i + window; k++)
        if (s->t[k].flags & TV_STRONG)
            return true;
    return false;
}

/* Runs the grammar over one sentence's view. */
static bool scan_sentence(times_out *o, tx_state *st, const tx_sent *s)
{
    size_t i = 0;
    while (i < s->n) {
        tx_match m;
        if (!may_start(s, i) || !timex_recognize(s, i, &m) || m.end <= i) {
            i++;
            continue;
        }
        if (!emit(o, st, s, &m))
            return false;
        /* The next match starts after the last token's whole word. */
        i = m.end;
        while (i < s->n && s->t[i].seg == s->t[m.end - 1].seg)
            i++;
    }
    return true;
}

ng_status timex_extract(const char *text, const seg_doc *doc, const char *dct,
                        arena *a, ng_time **out, size_t *count)
{
    tx_state st;
    memset(&st, 0, sizeof st);
    st.has_dct = parse_dct(dct, &st.dct);
    times_out o = {.a = a};
    tx_buf view = {0};
    timex_index_init(&view.index);
    ng_status status = NG_OK;
    for (size_t k = 0; k < doc->nsentences && status == NG_OK; k++) {
        const seg_sentence *sent = &doc->sentences[k];
        tx_sent s;
        if (!timex_view(text, doc->tokens, sent->first_token, sent->ntokens,
                        &view, &s) ||
            !scan_sentence(&o, &st, &s))
            status = NG_ERR_NOMEM;
    }
    free(view.items);
    *out = o.items;
    *count = status == NG_OK ? o.n : 0;
    return status;
}
