/*
 * extract.c -- quote_extract: direct quotes from pairs of quotation
 * marks, blockquotes, then reported speech (reported.c), each with its
 * speaker (speaker.c).
 *
 * Quotation marks: “ „ « ‘ ‚ ‹ 「 open, ” » ’ › 」 close, straight " and '
 * open or close by their spacing. A mark of the other family inside an
 * open quote is a nested quote and stays part of it. A quote still open
 * at a paragraph's end goes on when the next paragraph opens with a mark
 * (Chicago Manual of Style 13.30); otherwise a double quote ends with
 * the paragraph and a single one was an apostrophe ("the girls' robots").
 *
 * A direct quote is kept when a reporting verb next to it names a
 * speaker ("...," said X / X said, "..." / X told the press: "..."),
 * when another quote of its paragraph, or the quote that ends the
 * paragraph before, has one (a quote goes on: it takes that speaker), or
 * when it is long enough to be speech (six words or more) with no
 * speaker. Short unattributed quotes are scare quotes or titles ("for
 * "courageous achievement"", "named "Robogee"") and are not quotes.
 *
 * Exports: quote_extract, quote_add, quote_tok_is, quote_sentence_bounds,
 * quote_tokens_span.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote.h"

enum {
    SPEECH_WORDS = 6, /* an unattributed quote this long is speech */
    CUE_AFTER = 16,   /* tokens after a closing mark searched for a verb */
    CUE_BEFORE = 7    /* tokens before an opening mark */
};

typedef enum mark_family { MARK_NONE, MARK_DOUBLE, MARK_SINGLE } mark_family;
typedef enum mark_role { ROLE_EITHER, ROLE_OPEN, ROLE_CLOSE } mark_role;

/* A quotation-mark pair before attribution. */
struct quote_candidate {
    size_t open, close; /* mark tokens; close = last token + 1 when the
                           paragraph ended the quote without a mark */
    bool closed;
    ng_span span;
    size_t nwords;
    quote_speaker speaker;
    ng_span cue;
    const char *verb;
    bool attributed, keep;
};

typedef quote_candidate candidate;

bool quote_tok_is(const quote_ctx *c, size_t i, const char *w)
{
    size_t n;
    const char *s = quote_tok(c, i, &n);
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

void quote_sentence_bounds(const quote_ctx *c, size_t i, size_t *first,
                           size_t *end)
{
    const seg_sentence *s = &c->doc->sentences[c->sent[i]];
    *first = s->first_token;
    *end = s->first_token + s->ntokens;
}

ng_span quote_tokens_span(const quote_ctx *c, size_t first, size_t last)
{
    return (ng_span){c->doc->tokens[first].start, c->doc->tokens[last].end};
}

bool quote_add(quote_ctx *c, const ng_quote *q)
{
    if (c->nq == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 16;
        if (ncap > QUOTE_MAX) {
            if (c->cap == QUOTE_MAX)
                return false;
            ncap = QUOTE_MAX;
        }
        ng_quote *nq = arena_alloc(c->a, ncap * sizeof *nq);
        if (!nq) {
            c->nomem = true;
            return false;
        }
        if (c->nq)
            memcpy(nq, c->q, c->nq * sizeof *nq);
        c->q = nq;
        c->cap = ncap;
    }
    c->q[c->nq++] = *q;
    return true;
}

/* ---- quotation marks ------------------------------------------------ */

static mark_family mark_of(const quote_ctx *c, size_t i, mark_role *role)
{
    const seg_token *t = &c->doc->tokens[i];
    size_t n;
    uint32_t cp = uc_decode(c->text, t->start, c->len, &n);
    *role = ROLE_EITHER;
    switch (cp) {
    case '"': return MARK_DOUBLE;
    case '\'': return MARK_SINGLE;
    case 0x201C:
    case 0x201E:
    case 0x201F:
    case 0xAB:
    case 0x300C:
    case 0x300E: *role = ROLE_OPEN; return MARK_DOUBLE;
    case 0x201D:
    case 0xBB:
    case 0x300D:
    case 0x300F: *role = ROLE_CLOSE; return MARK_DOUBLE;
    case 0x2018:
    case 0x201A:
    case 0x2039: *role = ROLE_OPEN; return MARK_SINGLE;
    case 0x2019:
    case 0x203A: *role = ROLE_CLOSE; return MARK_SINGLE;
    default: return MARK_NONE;
    }
}

/* How a straight mark at token i reads from its spacing: it opens when
 * a space (or the paragraph's start) is before it and none after. */
static mark_role straight_role(const quote_ctx *c, size_t i, size_t pend)
{
    const seg_token *t = c->doc->tokens;
    bool space_before = (t[i].flags & SEG_SPACE_BEFORE) != 0;
    bool space_after = i + 1 >= pend || (t[i + 1].flags & SEG_SPACE_BEFORE);
    if (!space_before && i > 0 && t[i - 1].kind == NG_TOKEN_PUNCT) {
        size_t n;
        const char *w = quote_tok(c, i - 1, &n);
        if (n == 1 && strchr("([-:", w[0]))
            space_before = true; /* "(\"", ":\"" open */
    }
    if (space_before && !space_after)
        return ROLE_OPEN;
    if (!space_before && space_after)
        return ROLE_CLOSE;
    return ROLE_EITHER;
}

/* Words in the quote, counted for the scare-quote rule. */
static size_t count_words(const quote_ctx *c, size_t first, size_t end)
{
    size_t n = 0;
    for (size_t i = first; i < end; i++)
        n += c->doc->tokens[i].kind == NG_TOKEN_WORD ||
             c->doc->tokens[i].kind == NG_TOKEN_NUMBER;
    return n;
}

typedef struct pairing {
    candidate *cands;
    size_t n, cap;
    bool open;
    bool weak; /* opened by a straight mark placed as a closer
                  ("communities," For example ...") */
    mark_family family;
    size_t open_tok;
} pairing;

static void emit(quote_ctx *c, pairing *p, size_t close, bool closed)
{
    p->open = false;
    size_t first = p->open_tok + 1, end = close;
    if (first >= end || p->n == p->cap)
        return;
    candidate *k = &p->cands[p->n++];
    memset(k, 0, sizeof *k);
    k->open = p->open_tok;
    k->close = close;
    k->closed = closed;
    size_t last = end - 1;
    while (last > first && c->doc->tokens[last].kind == NG_TOKEN_QUOTE)
        last--; /* a nested quote's mark at the very end */
    k->span = quote_tokens_span(c, first, last);
    if (c->doc->tokens[last].kind == NG_TOKEN_QUOTE)
        k->span.end = c->doc->tokens[last].end;
    k->nwords = count_words(c, first, end);
    k->speaker.entity = -1;
}

/* One paragraph's marks: pairs them, carrying an open quote over. With
 * no_single, single marks are apostrophes. */
static void pair_paragraph(quote_ctx *c, pairing *p, size_t first, size_t end,
                           bool no_single)
{
    const seg_token *t = c->doc->tokens;
    for (size_t i = first; i < end; i++) {
        if (t[i].kind != NG_TOKEN_QUOTE)
            continue;
        mark_role role;
        mark_family fam = mark_of(c, i, &role);
        if (fam == MARK_NONE || (no_single && fam == MARK_SINGLE))
            continue;
        bool straight = role == ROLE_EITHER;
        if (straight)
            role = straight_role(c, i, end);
        if (!p->open) {
            /* A straight double mark with nothing open opens, wherever
             * its spaces are; a single one placed as a closer is an
             * apostrophe ("the girls' robots"). */
            if (role != ROLE_CLOSE || (straight && fam == MARK_DOUBLE)) {
                p->open = true;
                p->weak = role == ROLE_CLOSE;
                p->family = fam;
                p->open_tok = i;
            }
            continue;
        }
        if (fam != p->family)
            continue; /* nested, or an apostrophe */
        if (i == first && role != ROLE_CLOSE && p->open_tok < first)
            continue; /* the mark that carries a quote into a paragraph */
        if (role == ROLE_OPEN && t[i].kind == NG_TOKEN_QUOTE &&
            fam == MARK_SINGLE)
            continue; /* ‘ inside ‘...’ cannot close it */
        emit(c, p, i, true);
    }
}

/* True when the open quote goes on into the paragraph [i, end): it opens
 * with a mark of the family, or (scraped text that lost the mark) its
 * first mark of the family closes. */
static bool continues(const quote_ctx *c, size_t i, size_t end,
                      mark_family family)
{
    if (i >= end)
        return false;
    mark_role role;
    if (c->doc->tokens[i].kind == NG_TOKEN_QUOTE) {
        mark_family fam = mark_of(c, i, &role);
        return fam == family && role != ROLE_CLOSE;
    }
    for (size_t k = i; k < end; k++) {
        if (c->doc->tokens[k].kind != NG_TOKEN_QUOTE)
            continue;
        if (mark_of(c, k, &role) != family)
            continue;
        if (role == ROLE_EITHER)
            role = straight_role(c, k, end);
        return role == ROLE_CLOSE;
    }
    return false;
}

static void pair_marks(quote_ctx *c, pairing *p)
{
    const seg_doc *d = c->doc;
    for (size_t k = 0; k < d->nparagraphs; k++) {
        const seg_paragraph *pg = &d->paragraphs[k];
        if (!pg->nsentences)
            continue;
        size_t first = d->sentences[pg->first_sentence].first_token;
        const seg_sentence *ls =
            &d->sentences[pg->first_sentence + pg->nsentences - 1];
        size_t end = ls->first_token + ls->ntokens;
        pairing saved = *p;
        pair_paragraph(c, p, first, end, false);
        if (p->open && p->family == MARK_SINGLE && p->open_tok >= first) {
            /* An unclosed single mark was an apostrophe ('90s): pair the
             * paragraph again without single marks. */
            *p = saved;
            pair_paragraph(c, p, first, end, true);
        }
        if (!p->open)
            continue;
        size_t next = end, next_end = end;
        if (k + 1 < d->nparagraphs && d->paragraphs[k + 1].nsentences) {
            const seg_paragraph *np = &d->paragraphs[k + 1];
            const seg_sentence *nl =
                &d->sentences[np->first_sentence + np->nsentences - 1];
            next = d->sentences[np->first_sentence].first_token;
            next_end = nl->first_token + nl->ntokens;
        }
        if (continues(c, next, next_end, p->family))
            continue;
        if (p->family == MARK_DOUBLE && !p->weak)
            emit(c, p, end, false);
        p->open = false;
    }
}

static int by_start(const void *pa, const void *pb)
{
    const ng_quote *a = pa, *b = pb;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->span.end < b->span.end ? -1 : a->span.end > b->span.end;
}

/* ---- attribution ---------------------------------------------------- */

static uint32_t para_of(const quote_ctx *c, size_t tok)
{
    return c->para[c->sent[tok]];
}

/* A dash at token i ("— CBC.ca, August 15"). */
static bool dash_at(const quote_ctx *c, size_t i)
{
    if (i >= c->doc->ntokens || c->doc->tokens[i].kind != NG_TOKEN_PUNCT)
        return false;
    size_t n;
    uc_class cl = uc_class_at(c->text, c->doc->tokens[i].start, c->len, &n);
    return cl == UC_DASH;
}

static bool according_to_at(const quote_ctx *c, size_t i)
{
    return i + 1 < c->doc->ntokens && quote_tok_is(c, i, "according") &&
           quote_tok_is(c, i + 1, "to");
}

static bool sentence_end(const quote_ctx *c, size_t i)
{
    size_t n;
    const char *w = quote_tok(c, i, &n);
    return c->doc->tokens[i].kind == NG_TOKEN_PUNCT && n == 1 &&
           strchr(".!?;", w[0]);
}

/* A reporting verb at token i that can attribute a quote next to it. */
static const quote_verb *verb_at(const quote_ctx *c, size_t i)
{
    if (c->doc->tokens[i].kind != NG_TOKEN_WORD ||
        (c->flags[i] & (QT_IN_QUOTE | QT_CUE)))
        return NULL;
    size_t n;
    const char *w = quote_tok(c, i, &n);
    const quote_verb *v = quote_verb_lookup(w, n);
    if (!v || (v->flags & QV_GERUND))
        return NULL;
    if (i > 0) {
        const char *p = quote_tok(c, i - 1, &n);
        if (quote_be(p, n))
            return NULL; /* "are said to", "was told" */
    }
    return v;
}

/* An -ing reporting verb at token i ("stating", "writing"). */
static const quote_verb *gerund_at(const quote_ctx *c, size_t i)
{
    if (c->doc->tokens[i].kind != NG_TOKEN_WORD ||
        (c->flags[i] & (QT_IN_QUOTE | QT_CUE)))
        return NULL;
    size_t n;
    const char *w = quote_tok(c, i, &n);
    const quote_verb *v = quote_verb_lookup(w, n);
    return v && (v->flags & QV_GERUND) ? v : NULL;
}

/* The verb's words in lower case, in the arena. */
static const char *verb_words(quote_ctx *c, ng_span cue)
{
    char *s = arena_strndup(c->a, c->text + cue.start, cue.end - cue.start);
    if (!s) {
        c->nomem = true;
        return NULL;
    }
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return s;
}

static void attribute(quote_ctx *c, candidate *k, size_t verb, unsigned flags,
                      size_t lo, size_t hi)
{
    k->speaker = quote_speaker_at(c, verb, verb + 1, flags, lo, hi);
    k->cue = quote_tokens_span(c, verb, verb);
    k->verb = verb_words(c, k->cue);
    k->attributed = true;
}

/* After the closing mark: "...," said X. / "...," X told the press. */
static bool attribute_after(quote_ctx *c, candidate *k, size_t ntok)
{
    if (!k->closed)
        return false;
    size_t lo = k->close + 1;
    /* Not into the next paragraph, nor into the next sentence unless it
     * goes on in lower case ("...here." he said). */
    uint32_t para = para_of(c, k->close);
    bool next_sentence = lo < ntok && c->sent[lo] != c->sent[k->close] &&
                         !(c->doc->tokens[lo].flags & SEG_LOWER);
    if (lo >= ntok || para_of(c, lo) != para || next_sentence)
        return false;
    /* A quote that ends in punctuation, or a comma after it, is an
     * utterance; otherwise only a verb right after it (with at most a
     * name or pronoun between) attributes it: "the "History" section of
     * the site explains" does not. */
    const seg_token *t = c->doc->tokens;
    bool utterance = t[k->close - 1].kind == NG_TOKEN_PUNCT ||
                     quote_tok_is(c, lo, ",") || dash_at(c, lo);
    for (size_t i = lo; i < ntok && i < lo + CUE_AFTER; i++) {
        if ((c->flags[i] & QT_MARK) || sentence_end(c, i) ||
            para_of(c, i) != para)
            return false;
        if (!utterance && c->ent[i] < 0 && !verb_at(c, i)) {
            size_t n;
            const char *w = quote_tok(c, i, &n);
            if (!quote_pronoun(w, n))
                return false;
        }
        if (according_to_at(c, i)) { /* "...", according to X. */
            size_t hi = i + 2;
            while (hi < ntok && !sentence_end(c, hi) &&
                   c->doc->tokens[hi].kind != NG_TOKEN_PUNCT)
                hi++;
            k->speaker = quote_speaker_in(c, i + 2, hi, false);
            k->cue = quote_tokens_span(c, i, i + 1);
            k->verb = verb_words(c, k->cue);
            k->attributed = true; /* not a cue taken: the claim stays */
            return true;
        }
        const quote_verb *v = verb_at(c, i);
        if (!v)
            continue;
        size_t hi = i + 1;
        while (hi < ntok && !(c->flags[hi] & QT_MARK) && !sentence_end(c, hi))
            hi++;
        attribute(c, k, i, v->flags, lo, hi);
        c->flags[i] |= QT_CUE;
        return true;
    }
    return false;
}

/* Before the opening mark: X said: "..." / X told reporters, "...". A
 * verb followed by a clause ("said that the plan was "unworkable"") is
 * left to reported speech as well. */
/* The quote names something: "on "The Internet Explorer 6 Countdown"",
 * "a user labelled "Anonymous"", "the word "and Emergency"". */
static bool naming(const quote_ctx *c, const candidate *k)
{
    static const char *const words[] = {
        "on",       "in",      "at",     "of",       "from",      "to",
        "by",       "with",    "for",    "as",       "called",    "named",
        "labelled", "labeled", "titled", "entitled", "word",      "words",
        "term",     "the",     "a",      "an",       "so-called", "its",
        "his",      "her",     "their",  "our",      "into",      "about"};
    if (k->open == 0)
        return false;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (quote_tok_is(c, k->open - 1, words[i]))
            return true;
    return false;
}

/* "Sunak defended the record: "..."": a sentence whose colon at token
 * `colon` introduces the quote without a reporting verb is the speech of
 * the first person it names. Not an organization's: "The Guardian cited
 * examples, including: "..."" quotes a document. */
static bool introduced(quote_ctx *c, candidate *k, size_t colon, size_t lo)
{
    if (colon <= lo || !quote_tok_is(c, colon, ":"))
        return false;
    quote_speaker sp = quote_sentence_subject(c, colon, lo);
    if (sp.entity < 0 || c->ents[sp.entity].type != NG_ENTITY_PER)
        return false;
    k->speaker = sp;
    k->attributed = true;
    return true;
}

/* "in the words of the Crown prosecutor, Mark Tedeschi, QC, "..."": the
 * cue in the sentence before the opening mark, not before token first. */
static bool in_the_words_of(quote_ctx *c, candidate *k, size_t first)
{
    static const char *const cue[] = {"in", "the", "words", "of"};
    for (size_t i = k->open; i-- > first && k->open - i <= CUE_AFTER;) {
        if (c->flags[i] & QT_MARK)
            return false;
        bool match = i + 4 < k->open;
        for (size_t j = 0; match && j < 4; j++)
            match = quote_tok_is(c, i + j, cue[j]);
        if (!match)
            continue;
        k->speaker = quote_speaker_in(c, i + 4, k->open, false);
        k->cue = quote_tokens_span(c, i, i + 3);
        k->verb = verb_words(c, k->cue);
        k->attributed = true;
        return true;
    }
    return false;
}

static bool attribute_before(quote_ctx *c, candidate *k)
{
    size_t first, end;
    if (naming(c, k))
        return false;
    quote_sentence_bounds(c, k->open, &first, &end);
    if (in_the_words_of(c, k, first))
        return true;
    size_t lo = first;
    for (size_t i = k->open; i-- > first && k->open - i <= CUE_BEFORE;) {
        if (c->flags[i] & QT_MARK) {
            lo = i + 1;
            break;
        }
    }
    for (size_t i = k->open; i-- > lo && k->open - i <= CUE_BEFORE;) {
        if (sentence_end(c, i))
            return false;
        const quote_verb *v = verb_at(c, i);
        if (!v && k->open - i <= 2) /* "with Boswell stating: "..."" */
            v = gerund_at(c, i);
        if (!v)
            continue;
        attribute(c, k, i, v->flags, lo, k->open);
        /* "said: "..."", "told the press, "..."": the verb is the quote's
         * only; "asserted that officials, "..."" has a claim too. */
        size_t n;
        const char *w = quote_tok(c, k->open - 1, &n);
        bool that = false;
        for (size_t j = i + 1; j < k->open; j++)
            that |= quote_tok_is(c, j, "that");
        if (i + 1 == k->open ||
            (!that && n == 1 && (w[0] == ':' || w[0] == ',')))
            c->flags[i] |= QT_CUE;
        return true;
    }
    /* a quote that opens the text has no colon before it */
    return k->open > 0 && introduced(c, k, k->open - 1, first);
}

/* A quote that opens its paragraph after one that ends "X said:" or
 * "X stated,": the verb of that paragraph's last sentence. */
static bool attribute_above(quote_ctx *c, candidate *k)
{
    uint32_t p = para_of(c, k->open);
    const seg_doc *d = c->doc;
    size_t pfirst = d->sentences[d->paragraphs[p].first_sentence].first_token;
    if (k->open != pfirst || p == 0 || !d->paragraphs[p - 1].nsentences)
        return false;
    size_t last = pfirst - 1; /* the previous paragraph's last token */
    if (!(quote_tok_is(c, last, ":") || quote_tok_is(c, last, ",")))
        return false;
    size_t sfirst, send;
    quote_sentence_bounds(c, last, &sfirst, &send);
    for (size_t i = last; i-- > sfirst && last - i <= CUE_BEFORE;) {
        const quote_verb *v = verb_at(c, i);
        if (!v)
            continue;
        attribute(c, k, i, v->flags, sfirst, last);
        c->flags[i] |= QT_CUE;
        return true;
    }
    return introduced(c, k, last, sfirst);
}

/* "Senator John Cornyn issued a statement regarding the decision. "Like
 * many Texans, I am disappointed ..."": a quote that opens a sentence
 * after one of its paragraph that tells of a statement is that
 * statement, by the first person (else organization) of that sentence. */
static bool after_statement(quote_ctx *c, candidate *k)
{
    size_t first, end;
    quote_sentence_bounds(c, k->open, &first, &end);
    if (k->open != first || first == 0 ||
        para_of(c, first - 1) != para_of(c, first))
        return false;
    size_t pfirst, pend;
    quote_sentence_bounds(c, first - 1, &pfirst, &pend);
    bool statement = false;
    for (size_t i = pfirst; i < pend && !statement; i++)
        statement =
            !(c->flags[i] & QT_IN_QUOTE) && quote_tok_is(c, i, "statement");
    quote_speaker sp = statement ? quote_sentence_subject(c, pend - 1, pfirst)
                                 : (quote_speaker){-1, {0, 0}};
    if (sp.entity < 0)
        return false;
    k->speaker = sp;
    k->attributed = true;
    return true;
}

/* A title or name: every word capitalized ("Better Idea of Afghan
 * Girls"), small words aside. */
static bool title_case(const quote_ctx *c, const candidate *k)
{
    size_t upper = 0, lower = 0;
    for (size_t i = k->open + 1; i < k->close; i++) {
        const seg_token *t = &c->doc->tokens[i];
        if (t->kind != NG_TOKEN_WORD)
            continue;
        if (t->flags & SEG_UPPER)
            upper++;
        else if (!(quote_tok_is(c, i, "of") || quote_tok_is(c, i, "the") ||
                   quote_tok_is(c, i, "and") || quote_tok_is(c, i, "a")))
            lower++;
    }
    return upper > 0 && lower == 0;
}

/* An unattributed quote takes the speaker of a quote of its paragraph,
 * or of the quote ending the paragraph before when it opens its own. */
static void inherit(quote_ctx *c, candidate *ks, size_t n, size_t k)
{
    candidate *q = &ks[k];
    uint32_t p = para_of(c, q->open);
    const candidate *from = NULL; /* the nearest attributed one before it
                                     in the paragraph, else after it */
    for (size_t j = k; !from && j-- > 0 && para_of(c, ks[j].open) == p;)
        if (ks[j].attributed)
            from = &ks[j];
    for (size_t j = k + 1; !from && j < n && para_of(c, ks[j].open) == p; j++)
        if (ks[j].attributed)
            from = &ks[j];
    size_t pfirst =
        c->doc->sentences[c->doc->paragraphs[p].first_sentence].first_token;
    if (!from && k > 0 && q->open == pfirst && ks[k - 1].keep &&
        para_of(c, ks[k - 1].open) + 1 >= p && ks[k - 1].speaker.entity >= 0)
        from = &ks[k - 1];
    /* A title cited with its source ("..." — CBC.ca) or a name. */
    bool citation = q->closed && dash_at(c, q->close + 1);
    bool sentence =
        c->doc->tokens[q->close - 1].kind == NG_TOKEN_PUNCT && q->nwords >= 2;
    if (from && !citation && !naming(c, q)) {
        q->speaker = from->speaker;
        q->speaker.source = (ng_span){0, 0};
        q->keep = q->nwords >= 4 || sentence;
    } else {
        q->keep = q->nwords >= SPEECH_WORDS && !title_case(c, q) && !citation &&
                  !naming(c, q);
    }
}

static void add_direct(quote_ctx *c, const candidate *k)
{
    ng_quote q = {.span = k->span,
                  .kind = NG_QUOTE_DIRECT,
                  .speaker = k->speaker.entity,
                  .source = k->speaker.source,
                  .cue = k->cue,
                  .verb = k->verb};
    quote_add(c, &q);
}

static void find_direct(quote_ctx *c)
{
    size_t ntok = c->doc->ntokens;
    pairing p = {0};
    p.cap = ntok / 2 + 1;
    p.cands = arena_alloc(c->a, p.cap * sizeof *p.cands);
    if (!p.cands) {
        c->nomem = true;
        return;
    }
    pair_marks(c, &p);
    for (size_t k = 0; k < p.n; k++) {
        candidate *q = &p.cands[k];
        c->flags[q->open] |= QT_MARK;
        if (q->closed)
            c->flags[q->close] |= QT_MARK;
        for (size_t i = q->open + 1; i < q->close; i++)
            c->flags[i] |= QT_IN_QUOTE;
    }
    for (size_t k = 0; k < p.n; k++) {
        candidate *q = &p.cands[k];
        q->keep = q->nwords > 0 &&
                  (attribute_after(c, q, ntok) || attribute_before(c, q) ||
                   attribute_above(c, q) || after_statement(c, q));
    }
    for (size_t k = 0; k < p.n; k++)
        if (!p.cands[k].attributed)
            inherit(c, p.cands, p.n, k);
    c->cands = p.cands;
    c->ncands = p.n;
}

/* The first token starting at or after byte `at`. */
static size_t token_at(const quote_ctx *c, uint32_t at)
{
    size_t lo = 0, hi = c->doc->ntokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->doc->tokens[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first of c->q[0 .. n) (sorted by start) starting after `at`. */
static size_t first_after(const quote_ctx *c, size_t n, uint32_t at)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (c->q[mid].span.start <= at)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

/* The quotes found so far that start before the candidate and not
 * before its sentence (whole = false) or paragraph: c->q[*lo .. hi),
 * sorted by start (add_directs sorts them). */
static size_t claims_range(const quote_ctx *c, const candidate *k,
                           size_t nfound, bool whole_paragraph, size_t *lo)
{
    uint32_t at = c->doc->tokens[k->open].start;
    uint32_t from = whole_paragraph
                        ? c->doc->paragraphs[para_of(c, k->open)].start
                        : c->doc->sentences[c->sent[k->open]].start;
    *lo = from ? first_after(c, nfound, from - 1) : 0;
    return first_after(c, nfound, at);
}

/* A quote inside the claim of reported speech with a speaker ("X told
 * the court that, over the last months, "..."") is that speaker's. */
static void from_claims(quote_ctx *c, candidate *k, size_t nfound)
{
    size_t lo, hi = claims_range(c, k, nfound, false, &lo);
    for (size_t i = hi; i-- > lo;) {
        const ng_quote *r = &c->q[i];
        if (r->kind != NG_QUOTE_REPORTED || r->speaker < 0 ||
            r->span.start > k->span.start || r->span.end < k->span.end)
            continue;
        k->speaker.entity = r->speaker;
        k->speaker.source = r->source;
        k->cue = r->cue;
        k->verb = r->verb;
        k->attributed = k->keep = k->nwords >= 2;
        return;
    }
}

/* An unattributed quote after reported speech in its paragraph ("Heald
 * noted the findings show ... . "An air-quality cleanup ..."") goes on
 * with its speaker. */
static void from_reported(quote_ctx *c, candidate *k, size_t nfound)
{
    uint32_t p = para_of(c, k->open);
    const ng_quote *best = NULL;
    size_t lo, hi = claims_range(c, k, nfound, true, &lo);
    for (size_t i = hi; !best && i-- > lo;) { /* the latest first */
        const ng_quote *r = &c->q[i];
        if (r->speaker < 0 || r->span.end > k->span.start)
            continue;
        /* The claim's paragraph: that of the token at its start. */
        size_t t = token_at(c, r->span.start);
        if (t < c->doc->ntokens && para_of(c, t) == p)
            best = r;
    }
    if (!best)
        return;
    k->speaker.entity = best->speaker;
    k->speaker.source = (ng_span){0, 0};
    k->keep = k->nwords >= SPEECH_WORDS;
}

/* A quote right after reported speech in the same sentence ("Burrows
 * also said resources would be accessible for schools and
 * communities," For example, ..."") is that speaker's. */
static bool from_sentence(quote_ctx *c, candidate *k, size_t nfound)
{
    size_t lo, hi = claims_range(c, k, nfound, false, &lo);
    for (size_t i = hi; i-- > lo;) {
        const ng_quote *r = &c->q[i];
        if (r->kind != NG_QUOTE_REPORTED || r->speaker < 0 ||
            r->span.end > c->doc->tokens[k->open].start)
            continue;
        size_t t = token_at(c, r->cue.start); /* the cue's token */
        if (t >= c->doc->ntokens || c->sent[t] != c->sent[k->open])
            continue;
        k->speaker.entity = r->speaker;
        k->speaker.source = (ng_span){0, 0};
        k->keep = k->nwords >= 2;
        return true;
    }
    return false;
}

/* The direct quotes, once reported speech is known. */
static void add_directs(quote_ctx *c)
{
    size_t nfound = c->nq;
    if (nfound > 1) /* by start, for claims_range */
        qsort(c->q, nfound, sizeof *c->q, by_start);
    for (size_t k = 0; k < c->ncands; k++) {
        candidate *q = &c->cands[k];
        if (!q->attributed && q->nwords > 0)
            from_sentence(c, q, nfound);
        if (q->speaker.entity < 0 || !q->attributed)
            from_claims(c, q, nfound); /* over a speaker inherited */
        if (q->speaker.entity < 0 && !q->attributed)
            from_reported(c, q, nfound);
        if (q->keep)
            add_direct(c, q);
    }
}

/* ---- blockquotes ---------------------------------------------------- */

static void paragraph_tokens(const quote_ctx *c, size_t k, size_t *first,
                             size_t *end)
{
    const seg_paragraph *pg = &c->doc->paragraphs[k];
    const seg_sentence *s = &c->doc->sentences[pg->first_sentence];
    *first = s->first_token;
    const seg_sentence *l = s + pg->nsentences - 1;
    *end = l->first_token + l->ntokens;
}

/* A paragraph of speech: first person, no quotation marks, some words. */
static bool speech_paragraph(const quote_ctx *c, size_t first, size_t end)
{
    size_t words = 0, person = 0;
    for (size_t i = first; i < end; i++) {
        if (c->doc->tokens[i].kind == NG_TOKEN_QUOTE ||
            (c->flags[i] & QT_IN_QUOTE))
            return false;
        size_t n;
        const char *w = quote_tok(c, i, &n);
        words += c->doc->tokens[i].kind == NG_TOKEN_WORD;
        person += quote_first_person(w, n);
    }
    return words >= 4 && person >= 1;
}

/* The next paragraph opens with its attribution: "he announced ...",
 * "said X ...", "Ryder added ..." (a verb in its first four tokens not
 * followed by "that"). */
static bool attribution_below(quote_ctx *c, size_t first, size_t end,
                              ng_quote *q)
{
    for (size_t i = first; i < end && i < first + 4; i++) {
        if (sentence_end(c, i))
            return false;
        const quote_verb *v = verb_at(c, i);
        if (!v || (v->flags & QV_NOUN))
            continue;
        if (i + 1 < end && quote_tok_is(c, i + 1, "that"))
            return false;
        size_t sfirst, send;
        quote_sentence_bounds(c, i, &sfirst, &send);
        quote_speaker sp = quote_speaker_at(c, i, i + 1, v->flags, first, send);
        q->speaker = sp.entity;
        q->source = sp.source;
        q->cue = quote_tokens_span(c, i, i);
        q->verb = verb_words(c, q->cue);
        c->flags[i] |= QT_CUE;
        return true;
    }
    return false;
}

/* The paragraph before ends "X said:" (a verb in its last sentence). */
static bool attribution_above(quote_ctx *c, size_t first, size_t end,
                              ng_quote *q)
{
    if (end <= first || !quote_tok_is(c, end - 1, ":"))
        return false;
    size_t sfirst, send;
    quote_sentence_bounds(c, end - 1, &sfirst, &send);
    for (size_t i = end - 1; i-- > sfirst;) {
        const quote_verb *v = verb_at(c, i);
        if (!v || (v->flags & QV_NOUN))
            continue;
        quote_speaker sp = quote_speaker_at(c, i, i + 1, v->flags, sfirst, end);
        q->speaker = sp.entity;
        q->source = sp.source;
        q->cue = quote_tokens_span(c, i, i);
        q->verb = verb_words(c, q->cue);
        c->flags[i] |= QT_CUE;
        return true;
    }
    return false;
}

static void find_blockquotes(quote_ctx *c)
{
    const seg_doc *d = c->doc;
    for (size_t k = 0; k < d->nparagraphs; k++) {
        if (!d->paragraphs[k].nsentences)
            continue;
        size_t first, end;
        paragraph_tokens(c, k, &first, &end);
        if (!speech_paragraph(c, first, end))
            continue;
        ng_quote q = {.kind = NG_QUOTE_BLOCKQUOTE, .speaker = -1};
        q.span = quote_tokens_span(c, first, end - 1);
        bool found = false;
        size_t f2, e2;
        if (k + 1 < d->nparagraphs && d->paragraphs[k + 1].nsentences) {
            paragraph_tokens(c, k + 1, &f2, &e2);
            found = attribution_below(c, f2, e2, &q);
        }
        if (!found && k > 0 && d->paragraphs[k - 1].nsentences) {
            paragraph_tokens(c, k - 1, &f2, &e2);
            found = attribution_above(c, f2, e2, &q);
        }
        if (found)
            quote_add(c, &q);
    }
}

/* ---- the whole ------------------------------------------------------ */

/* Marks every token of each entity's mentions with the entity. */
static void map_mentions(quote_ctx *c)
{
    const seg_doc *d = c->doc;
    for (size_t i = 0; i < d->ntokens; i++)
        c->ent[i] = -1;
    for (size_t e = 0; e < c->nents; e++)
        for (size_t m = 0; m < c->ents[e].nmentions; m++) {
            ng_span sp = c->ents[e].mentions[m];
            size_t lo = 0, hi = d->ntokens;
            while (lo < hi) { /* the first token ending after sp.start */
                size_t mid = lo + (hi - lo) / 2;
                if (d->tokens[mid].end <= sp.start)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t i = lo; i < d->ntokens && d->tokens[i].start < sp.end;
                 i++)
                c->ent[i] = (int32_t)e;
        }
}

static bool ctx_init(quote_ctx *c, const char *text, const seg_doc *doc,
                     const ng_entity *ents, size_t nents, arena *a)
{
    memset(c, 0, sizeof *c);
    c->text = text;
    c->len = strlen(text);
    c->doc = doc;
    c->ents = ents;
    c->nents = nents;
    c->a = a;
    size_t nt = doc->ntokens + 1;
    c->ent = arena_alloc(a, nt * sizeof *c->ent);
    c->flags = arena_alloc(a, nt);
    c->sent = arena_alloc(a, nt * sizeof *c->sent);
    c->para = arena_alloc(a, (doc->nsentences + 1) * sizeof *c->para);
    c->gender = arena_alloc(a, nents + 1);
    if (!c->ent || !c->flags || !c->sent || !c->para || !c->gender)
        return false;
    memset(c->flags, 0, nt);
    memset(c->gender, 0, nents + 1);
    for (size_t s = 0; s < doc->nsentences; s++) {
        const seg_sentence *st = &doc->sentences[s];
        for (size_t i = st->first_token; i < st->first_token + st->ntokens; i++)
            c->sent[i] = (uint32_t)s;
    }
    for (size_t p = 0; p < doc->nparagraphs; p++) {
        const seg_paragraph *pg = &doc->paragraphs[p];
        for (size_t s = pg->first_sentence;
             s < pg->first_sentence + pg->nsentences; s++)
            c->para[s] = (uint32_t)p;
    }
    map_mentions(c);
    return true;
}

/* Sorts and drops a quote of the same kind and start as the one before. */
static void finish(quote_ctx *c)
{
    if (c->nq > 1)
        qsort(c->q, c->nq, sizeof *c->q, by_start);
    size_t n = 0;
    for (size_t i = 0; i < c->nq; i++) {
        if (n && c->q[n - 1].span.start == c->q[i].span.start &&
            c->q[n - 1].kind == c->q[i].kind)
            continue;
        c->q[n++] = c->q[i];
    }
    c->nq = n;
}

ng_status quote_extract(const char *text, const seg_doc *doc,
                        const ng_entity *ents, size_t nents, arena *a,
                        ng_quote **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    quote_ctx c;
    if (!ctx_init(&c, text, doc, ents, nents, a))
        return NG_ERR_NOMEM;
    quote_roles_find(&c);
    find_direct(&c);
    find_blockquotes(&c);
    quote_find_reported(&c);
    add_directs(&c);
    if (c.nomem)
        return NG_ERR_NOMEM;
    finish(&c);
    *out = c.q;
    *count = c.nq;
    return NG_OK;
}
