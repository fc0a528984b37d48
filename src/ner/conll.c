/*
 * conll.c -- CoNLL column files: one token per line (the first
 * whitespace-separated field), blank lines between sentences, -DOCSTART-
 * lines between documents, an optional gold tag in the last field (IOB1,
 * IOB2, BIOES or BILOU with types PER ORG LOC MISC). Parsing, tagging
 * (ng_conll_tag), writing each line back with the predicted IOB2 tag as
 * one more column, and scoring with conlleval's semantics: a predicted
 * entity counts only when its start, end and type all match a gold one.
 *
 * Exports: ng_conll_* (public API) and ner_conll_* for the trainer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/analyze.h"
#include "conll.h"

enum { LINE_TOKEN, LINE_BLANK, LINE_DOCSTART };

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Parses one gold tag into (type, part) with part in 'B','I','E','S' or
 * 'O'; false when it is no tag. */
static bool parse_tag(const char *s, size_t n, int *type, char *part)
{
    if (n == 1 && s[0] == 'O') {
        *type = -1;
        *part = 'O';
        return true;
    }
    if (n < 3 || s[1] != '-')
        return false;
    char p = s[0];
    if (p == 'L')
        p = 'E';
    if (p == 'U')
        p = 'S';
    if (p != 'B' && p != 'I' && p != 'E' && p != 'S')
        return false;
    *type = ner_type_parse(s + 2, n - 2);
    *part = p;
    return *type >= 0;
}

/* Converts gold tags of one sentence into BILOU labels. A chunk starts at
 * B or S, at a type change, or after E or S (so IOB1 and IOB2 both work,
 * as in conlleval). */
static void gold_to_bilou(const int *type, const char *part, size_t n,
                          uint8_t *labels)
{
    size_t i = 0;
    while (i < n) {
        if (type[i] < 0) {
            labels[i++] = 0;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && type[j + 1] == type[i] && part[j] != 'E' &&
               part[j] != 'S' && part[j + 1] != 'B' && part[j + 1] != 'S')
            j++;
        if (j == i)
            labels[i] = (uint8_t)ner_label(type[i], NER_U);
        else {
            labels[i] = (uint8_t)ner_label(type[i], NER_B);
            for (size_t k = i + 1; k < j; k++)
                labels[k] = (uint8_t)ner_label(type[i], NER_I);
            labels[j] = (uint8_t)ner_label(type[i], NER_L);
        }
        i = j + 1;
    }
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct parser {
    ng_conll *c;
    size_t cap_lines, cap_tokens, cap_sents, cap_docs;
    int *types; /* gold of the current sentence */
    char *parts;
    size_t cap_sentence;
} parser;

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

static bool add_line(parser *ps, uint32_t start, uint32_t len, uint8_t kind)
{
    ng_conll *c = ps->c;
    if (!grow((void **)&c->lines, &ps->cap_lines, c->nlines + 1,
              sizeof *c->lines))
        return false;
    c->lines[c->nlines++] = (conll_line){start, len, kind, {0}};
    return true;
}

/* Closes the sentence of tokens [sent_first, ntokens). */
static bool end_sentence(parser *ps)
{
    ng_conll *c = ps->c;
    uint32_t first = c->nsent ? c->sent_start[c->nsent] : 0;
    if (c->ntokens == first)
        return true;
    if (!grow((void **)&c->sent_start, &ps->cap_sents, c->nsent + 2,
              sizeof *c->sent_start))
        return false;
    c->sent_start[0] = 0;
    size_t n = c->ntokens - first;
    gold_to_bilou(ps->types, ps->parts, n, c->gold + first);
    c->nsent++;
    c->sent_start[c->nsent] = (uint32_t)c->ntokens;
    return true;
}

/* Starts a document at the current sentence. */
static bool start_doc(parser *ps)
{
    ng_conll *c = ps->c;
    if (c->ndocs && c->doc_sent[c->ndocs] == c->nsent)
        return true; /* the previous one is still empty */
    if (!grow((void **)&c->doc_sent, &ps->cap_docs, c->ndocs + 2,
              sizeof *c->doc_sent))
        return false;
    c->doc_sent[0] = 0;
    if (c->nsent > 0 || c->ndocs > 0) {
        c->ndocs++;
        c->doc_sent[c->ndocs] = (uint32_t)c->nsent;
    }
    return true;
}

/* Makes room for n tokens in every per-token array. */
static bool grow_tokens(parser *ps, size_t n)
{
    ng_conll *c = ps->c;
    if (n <= ps->cap_tokens)
        return true;
    size_t cap = ps->cap_tokens ? ps->cap_tokens * 2 : 1024;
    ner_token *t = realloc(c->tokens, cap * sizeof *t);
    if (t)
        c->tokens = t;
    uint32_t *l = realloc(c->token_line, cap * sizeof *l);
    if (l)
        c->token_line = l;
    uint8_t *g = realloc(c->gold, cap);
    if (g)
        c->gold = g;
    if (!t || !l || !g)
        return false;
    ps->cap_tokens = cap;
    return true;
}

static bool add_token(parser *ps, size_t line_no, const char *line, size_t len)
{
    ng_conll *c = ps->c;
    size_t tok_len = 0;
    while (tok_len < len && !is_space(line[tok_len]))
        tok_len++;
    size_t last = len;
    while (last > 0 && is_space(line[last - 1]))
        last--;
    size_t last_start = last;
    while (last_start > 0 && !is_space(line[last_start - 1]))
        last_start--;
    if (!grow_tokens(ps, c->ntokens + 1))
        return false;
    uint32_t in_sent =
        (uint32_t)(c->ntokens - (c->nsent ? c->sent_start[c->nsent] : 0));
    if (!grow((void **)&ps->types, &ps->cap_sentence, in_sent + 1,
              sizeof *ps->types))
        return false;
    char *parts = realloc(ps->parts, ps->cap_sentence);
    if (!parts)
        return false;
    ps->parts = parts;
    int type = -1;
    char part = 'O';
    if (last_start > 0 &&
        !parse_tag(line + last_start, last - last_start, &type, &part))
        c->bad_gold++;
    if (last_start == 0)
        c->no_gold++;
    ps->types[in_sent] = type;
    ps->parts[in_sent] = part;
    c->tokens[c->ntokens] = (ner_token){line, (uint32_t)tok_len};
    c->token_line[c->ntokens] = (uint32_t)line_no;
    c->ntokens++;
    return true;
}

static bool parse_line(parser *ps, const char *line, size_t len, uint32_t start)
{
    size_t lead = 0;
    while (lead < len && is_space(line[lead]))
        lead++;
    ng_conll *c = ps->c;
    if (lead == len)
        return end_sentence(ps) &&
               add_line(ps, start, (uint32_t)len, LINE_BLANK);
    if (len - lead >= 10 && memcmp(line + lead, "-DOCSTART-", 10) == 0 &&
        (len - lead == 10 || is_space(line[lead + 10])))
        return end_sentence(ps) && start_doc(ps) &&
               add_line(ps, start, (uint32_t)len, LINE_DOCSTART);
    return add_line(ps, start, (uint32_t)len, LINE_TOKEN) &&
           add_token(ps, c->nlines - 1, line + lead, len - lead);
}

static ng_status parse_all(parser *ps)
{
    ng_conll *c = ps->c;
    size_t i = 0;
    while (i < c->len) {
        const char *nl = memchr(c->text + i, '\n', c->len - i);
        size_t end = nl ? (size_t)(nl - c->text) : c->len;
        size_t len = end - i;
        while (len > 0 && c->text[i + len - 1] == '\r')
            len--;
        if (!parse_line(ps, c->text + i, len, (uint32_t)i))
            return NG_ERR_NOMEM;
        i = end + 1;
    }
    if (!end_sentence(ps))
        return NG_ERR_NOMEM;
    /* Close the last document. */
    if (!grow((void **)&c->doc_sent, &ps->cap_docs, c->ndocs + 2,
              sizeof *c->doc_sent))
        return NG_ERR_NOMEM;
    c->doc_sent[0] = 0;
    if (c->ndocs == 0 || c->doc_sent[c->ndocs] != c->nsent) {
        c->ndocs++;
        c->doc_sent[c->ndocs] = (uint32_t)c->nsent;
    }
    if (c->nsent == 0) {
        c->ndocs = 0;
        if (!c->sent_start && !(c->sent_start = calloc(1, sizeof(uint32_t))))
            return NG_ERR_NOMEM;
    }
    c->pred = calloc(c->ntokens ? c->ntokens : 1, 1);
    return c->pred ? NG_OK : NG_ERR_NOMEM;
}

ng_status ng_conll_parse(ng_conll **out, const char *data, size_t len)
{
    if (!out || (!data && len))
        return NG_ERR_ARG;
    *out = NULL;
    if (len > CONLL_MAX_BYTES)
        return NG_ERR_TOO_LARGE;
    ng_conll *c = calloc(1, sizeof *c);
    if (!c)
        return NG_ERR_NOMEM;
    c->text = malloc(len + 1);
    if (!c->text) {
        free(c);
        return NG_ERR_NOMEM;
    }
    if (len)
        memcpy(c->text, data, len);
    c->text[len] = '\0';
    c->len = len;
    parser ps = {.c = c};
    ng_status st = parse_all(&ps);
    free(ps.types);
    free(ps.parts);
    if (st != NG_OK) {
        ng_conll_free(c);
        return st;
    }
    *out = c;
    return NG_OK;
}

void ng_conll_free(ng_conll *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->lines);
    free(c->tokens);
    free(c->token_line);
    free(c->gold);
    free(c->pred);
    free(c->sent_start);
    free(c->doc_sent);
    free(c);
}

size_t ng_conll_token_count(const ng_conll *c)
{
    return c ? c->ntokens : 0;
}

int ng_conll_has_gold(const ng_conll *c)
{
    return c && c->ntokens > 0 && c->bad_gold == 0 && c->no_gold == 0;
}

/* ---- documents ---------------------------------------------------------- */

bool ner_conll_doc(const ng_conll *c, size_t d, ner_doc *doc, arena *a)
{
    uint32_t s0 = c->doc_sent[d], s1 = c->doc_sent[d + 1];
    uint32_t t0 = c->sent_start[s0];
    doc->tokens = c->tokens + t0;
    doc->ntokens = c->sent_start[s1] - t0;
    doc->nsent = s1 - s0;
    doc->sent_start = arena_alloc(a, (doc->nsent + 1) * sizeof(uint32_t));
    if (!doc->sent_start)
        return false;
    for (uint32_t k = 0; k <= doc->nsent; k++)
        doc->sent_start[k] = c->sent_start[s0 + k] - t0;
    return true;
}

ng_status ng_conll_tag(const ng_analyzer *an, ng_conll *c)
{
    if (!an || !c)
        return NG_ERR_ARG;
    if (!an->has_model)
        return NG_ERR_MODEL;
    arena a;
    arena_init(&a);
    for (size_t d = 0; d < c->ndocs; d++) {
        ner_doc doc;
        uint32_t t0 = c->sent_start[c->doc_sent[d]];
        if (!ner_conll_doc(c, d, &doc, &a) ||
            !ner_tag_doc(&an->ner, &doc, c->pred + t0, &a)) {
            arena_release(&a);
            return NG_ERR_NOMEM;
        }
        arena_release(&a);
    }
    return NG_OK;
}

/* ---- writing ------------------------------------------------------------- */

/* The IOB2 tag of token i of the predicted BILOU labels. */
static void iob2(uint8_t label, char *tag, size_t size)
{
    if (!label) {
        snprintf(tag, size, "O");
        return;
    }
    int part = ner_label_part(label);
    snprintf(tag, size, "%c-%s", part == NER_B || part == NER_U ? 'B' : 'I',
             ner_type_name(ner_label_type(label)));
}

ng_status ng_conll_write(const ng_conll *c, char **out, size_t *len)
{
    if (!c || !out)
        return NG_ERR_ARG;
    buf b;
    buf_init(&b, 0);
    buf_reserve(&b, c->len + c->ntokens * 7 + 16);
    size_t tok = 0;
    for (size_t i = 0; i < c->nlines; i++) {
        const conll_line *l = &c->lines[i];
        buf_append(&b, c->text + l->start, l->len);
        if (l->kind == LINE_TOKEN) {
            char tag[16];
            iob2(c->pred[tok++], tag, sizeof tag);
            buf_putc(&b, ' ');
            buf_append(&b, tag, strlen(tag));
        } else if (l->kind == LINE_DOCSTART) {
            buf_append(&b, " O", 2);
        }
        buf_putc(&b, '\n');
    }
    if (b.failed) {
        buf_free(&b);
        return NG_ERR_NOMEM;
    }
    *out = buf_detach(&b, len);
    return NG_OK;
}

/* ---- scoring --------------------------------------------------------------
 */

void ner_score_labels(const uint8_t *gold, const uint8_t *pred, size_t n,
                      ng_ner_score *score, arena *a)
{
    ner_span *gs = arena_alloc(a, (n + 1) * sizeof *gs);
    ner_span *ps = arena_alloc(a, (n + 1) * sizeof *ps);
    if (!gs || !ps)
        return;
    size_t ng = ner_spans_bilou(gold, n, gs), np = ner_spans_bilou(pred, n, ps);
    for (size_t i = 0; i < ng; i++)
        score->gold[gs[i].type]++;
    for (size_t i = 0; i < np; i++)
        score->predicted[ps[i].type]++;
    size_t i = 0, j = 0;
    while (i < ng && j < np) {
        if (gs[i].first < ps[j].first)
            i++;
        else if (ps[j].first < gs[i].first)
            j++;
        else {
            if (gs[i].last == ps[j].last && gs[i].type == ps[j].type)
                score->correct[gs[i].type]++;
            i++;
            j++;
        }
    }
    for (size_t k = 0; k < n; k++) {
        score->tokens++;
        /* token accuracy on IOB2 tags, as conlleval reports it */
        int gp = ner_label_part(gold[k]), pp = ner_label_part(pred[k]);
        bool gb = gp == NER_B || gp == NER_U, pb = pp == NER_B || pp == NER_U;
        score->tokens_correct +=
            ner_label_type(gold[k]) == ner_label_type(pred[k]) &&
            (!gold[k] || gb == pb);
    }
}

void ng_ner_score_finish(ng_ner_score *s)
{
    uint64_t g = 0, p = 0, c = 0;
    for (int t = 0; t < NG_NER_TYPES; t++) {
        g += s->gold[t];
        p += s->predicted[t];
        c += s->correct[t];
    }
    s->gold[NG_NER_TYPES] = g;
    s->predicted[NG_NER_TYPES] = p;
    s->correct[NG_NER_TYPES] = c;
    for (int t = 0; t <= NG_NER_TYPES; t++) {
        double pr = s->predicted[t] ? (double)s->correct[t] / s->predicted[t]
                                    : 0,
               rc = s->gold[t] ? (double)s->correct[t] / s->gold[t] : 0;
        s->precision[t] = 100 * pr;
        s->recall[t] = 100 * rc;
        s->f1[t] = pr + rc > 0 ? 200 * pr * rc / (pr + rc) : 0;
    }
}

ng_status ng_conll_score(const ng_conll *c, ng_ner_score *score)
{
    if (!c || !score)
        return NG_ERR_ARG;
    if (!ng_conll_has_gold(c))
        return NG_ERR_INPUT;
    arena a;
    arena_init(&a);
    for (size_t k = 0; k < c->nsent; k++) {
        size_t s = c->sent_start[k], e = c->sent_start[k + 1];
        ner_score_labels(c->gold + s, c->pred + s, e - s, score, &a);
        arena_release(&a);
    }
    return NG_OK;
}

const char *ng_ner_type_name(int type)
{
    return type == NG_NER_TYPES ? "overall" : ner_type_name(type);
}
