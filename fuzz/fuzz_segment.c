/*
 * fuzz_segment.c -- the normalizer and the segmenter (src/text/): the input
 * goes through text_normalize (when it is not valid UTF-8, once more with
 * bad bytes replaced by '?' and NUL by ' '), then seg_segment, and the
 * result must hold these invariants (abort otherwise):
 *  - the normalized text is valid UTF-8 without NUL, of its stated length;
 *  - tokens are non-empty, in order, do not overlap, lie inside the text,
 *    start and end on character boundaries and hold no ' ', '\t', '\n';
 *  - every character outside the tokens is a space of the segmenter's
 *    classes (nothing is lost);
 *  - sentences cover the tokens contiguously, from the first to the last,
 *    with at most SEG_MAX_SENTENCE_TOKENS each, and span them exactly;
 *  - paragraphs cover the sentences the same way, span them exactly and
 *    hold no blank line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, size_t index)
{
    fprintf(stderr, "fuzz_segment: %s (item %zu)\n", what, index);
    abort();
}

static bool is_boundary(const char *t, size_t len, size_t i)
{
    return i == len || ((unsigned char)t[i] & 0xC0) != 0x80;
}

static void check_tokens(const char *t, size_t len, const seg_doc *d)
{
    size_t prev_end = 0;
    for (size_t k = 0; k < d->ntokens; k++) {
        const seg_token *tk = &d->tokens[k];
        if (tk->start >= tk->end || tk->end > len || tk->start < prev_end)
            fail("token empty, out of order or outside the text", k);
        if (!is_boundary(t, len, tk->start) || !is_boundary(t, len, tk->end))
            fail("token cuts a character", k);
        if (tk->kind > NG_TOKEN_HASHTAG)
            fail("token kind out of range", k);
        for (size_t i = tk->start; i < tk->end; i++)
            if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')
                fail("token holds whitespace", k);
        prev_end = tk->end;
    }
}

/* Every character that no token covers must be a space. */
static void check_coverage(const char *t, size_t len, const seg_doc *d)
{
    size_t k = 0, i = 0, n;
    while (i < len) {
        if (k < d->ntokens && i == d->tokens[k].start) {
            i = d->tokens[k++].end;
            continue;
        }
        if (uc_class_at(t, i, len, &n) != UC_SPACE)
            fail("a character outside every token", i);
        i += n;
    }
    if (k != d->ntokens)
        fail("token does not start on a character", k);
}

static void check_sentences(const seg_doc *d)
{
    size_t next = 0;
    for (size_t k = 0; k < d->nsentences; k++) {
        const seg_sentence *s = &d->sentences[k];
        if (s->first_token != next || s->ntokens == 0 ||
            s->ntokens > SEG_MAX_SENTENCE_TOKENS ||
            (size_t)s->first_token + s->ntokens > d->ntokens)
            fail("sentences do not cover the tokens contiguously", k);
        next = s->first_token + s->ntokens;
        if (s->start != d->tokens[s->first_token].start ||
            s->end != d->tokens[next - 1].end)
            fail("sentence span is not that of its tokens", k);
    }
    if (next != d->ntokens)
        fail("tokens after the last sentence", next);
}

static bool holds_blank_line(const char *t, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++) {
        if (t[i] != '\n')
            continue;
        size_t j = i + 1;
        while (j < end && (t[j] == ' ' || t[j] == '\t'))
            j++;
        if (j < end && t[j] == '\n')
            return true;
    }
    return false;
}

static void check_paragraphs(const char *t, const seg_doc *d)
{
    size_t next = 0;
    for (size_t k = 0; k < d->nparagraphs; k++) {
        const seg_paragraph *p = &d->paragraphs[k];
        if (p->first_sentence != next || p->nsentences == 0 ||
            (size_t)p->first_sentence + p->nsentences > d->nsentences)
            fail("paragraphs do not cover the sentences contiguously", k);
        next = p->first_sentence + p->nsentences;
        if (p->start != d->sentences[p->first_sentence].start ||
            p->end != d->sentences[next - 1].end)
            fail("paragraph span is not that of its sentences", k);
        if (holds_blank_line(t, p->start, p->end))
            fail("paragraph holds a blank line", k);
    }
    if (next != d->nsentences)
        fail("sentences after the last paragraph", next);
}

/* A copy of data with invalid UTF-8 bytes as '?' and NUL as ' '. */
static char *repaired(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return NULL;
    memcpy(copy, data, size);
    size_t i = 0;
    while (i < size) {
        i += utf8_valid_prefix(copy + i, size - i);
        if (i < size)
            copy[i++] = '?';
    }
    for (i = 0; i < size; i++)
        if (copy[i] == '\0')
            copy[i] = ' ';
    return copy;
}

static ng_status normalize(const uint8_t *data, size_t size, arena *a,
                           char **text, size_t *len)
{
    ng_status st = text_normalize((const char *)data, size, a, text, len);
    if (st != NG_ERR_INPUT)
        return st;
    char *copy = repaired(data, size);
    if (!copy)
        return NG_ERR_NOMEM;
    st = text_normalize(copy, size, a, text, len);
    if (st == NG_ERR_INPUT)
        fail("text_normalize rejects repaired text", 0);
    free(copy);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    char *text = NULL;
    size_t len = 0;
    seg_doc doc;
    if (normalize(data, size, &a, &text, &len) == NG_OK) {
        if (strlen(text) != len || utf8_valid_prefix(text, len) != len)
            fail("normalized text is not valid UTF-8 of its length", 0);
        if (seg_segment(text, len, &a, &doc) == NG_OK) {
            check_tokens(text, len, &doc);
            check_coverage(text, len, &doc);
            check_sentences(&doc);
            check_paragraphs(text, &doc);
        }
    }
    arena_release(&a);
    return 0;
}
