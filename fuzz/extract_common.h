/*
 * extract_common.h -- what fuzz_time and fuzz_amount share: an input
 * becomes an article date (when it starts with "YYYY-MM-DD\n") and a text
 * that is normalized (invalid UTF-8 repaired to '?', NUL to ' ') and
 * segmented, as ng_analyze does; checks that a span lies on token
 * boundaries. Header-only: each target is one program.
 */
#ifndef NG_FUZZ_EXTRACT_COMMON_H
#define NG_FUZZ_EXTRACT_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static void fuzz_fail(const char *target, const char *what, size_t index)
{
    fprintf(stderr, "%s: %s (item %zu)\n", target, what, index);
    abort();
}

typedef struct fuzz_doc {
    arena mem;
    char dct[11];
    bool has_dct;
    char *text;
    size_t len;
    seg_doc seg;
} fuzz_doc;

/* A copy of data with invalid UTF-8 bytes as '?' and NUL as ' '. */
static char *fuzz_repaired(const uint8_t *data, size_t size)
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

/* Reads the date line and segments the rest; false when the input cannot
 * be made a text (out of memory). */
static bool fuzz_doc_open(fuzz_doc *d, const uint8_t *data, size_t size)
{
    memset(d, 0, sizeof *d);
    arena_init(&d->mem);
    if (size >= 11 && data[10] == '\n' && date_valid((const char *)data, 10)) {
        memcpy(d->dct, data, 10);
        d->has_dct = true;
        data += 11;
        size -= 11;
    }
    char *copy = fuzz_repaired(data, size);
    if (!copy)
        return false;
    ng_status st = text_normalize(copy, size, &d->mem, &d->text, &d->len);
    free(copy);
    return st == NG_OK &&
           seg_segment(d->text, d->len, &d->mem, &d->seg) == NG_OK;
}

static void fuzz_doc_close(fuzz_doc *d)
{
    arena_release(&d->mem);
}

/* Whether [start, end) begins at a token start and ends at a token end
 * (tokens are ordered: binary search). */
static bool fuzz_on_tokens(const seg_doc *d, uint32_t start, uint32_t end)
{
    size_t lo = 0, hi = d->ntokens;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->tokens[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == d->ntokens || d->tokens[lo].start != start)
        return false;
    for (size_t k = lo; k < d->ntokens && d->tokens[k].start < end; k++)
        if (d->tokens[k].end == end)
            return true;
    return false;
}

#endif /* NG_FUZZ_EXTRACT_COMMON_H */
