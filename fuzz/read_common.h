/*
 * read_common.h -- the body shared by the reader fuzz targets
 * (fuzz_read_native.c, fuzz_read_jsonl.c, fuzz_read_auto.c). Header-only
 * because each target is built as one translation unit.
 *
 * fuzz_read_all() reads every article from a memory buffer and aborts when
 * the reader breaks a promise of newsgraph.h or design.md section 1:
 *  - an article has an id, an origin and a non-empty text of text_len
 *    bytes, valid UTF-8 without NUL; a valid date or none; at most
 *    NG_MAX_TAGS tags, none empty; every string valid UTF-8;
 *  - every article it returns can be analyzed (ng_analyze gives NG_OK);
 *  - a skipped item comes with a message naming the input, and
 *    ng_reader_skipped counts every skip;
 *  - nothing disappears silently: a whole-file format yields exactly one
 *    result (an article or a problem), and JSON Lines one result for every
 *    non-blank line (one "empty file" problem when there is none).
 */
#ifndef FUZZ_READ_COMMON_H
#define FUZZ_READ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsgraph.h"
#include "util/util.h"

static void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

static void check_string(const char *s, const char *field)
{
    if (s && utf8_valid_prefix(s, strlen(s)) != strlen(s))
        fuzz_fail("a field is not valid UTF-8", field);
}

static void check_article(const ng_article *a)
{
    if (!a->id || !a->origin || !a->text)
        fuzz_fail("an article lacks its id, origin or text", NULL);
    if (a->text_len == 0 || strlen(a->text) != a->text_len)
        fuzz_fail("text_len is not strlen(text) or the text is empty", NULL);
    if (utf8_valid_prefix(a->text, a->text_len) != a->text_len)
        fuzz_fail("the text is not valid UTF-8", NULL);
    if (a->date && !ng_date_valid(a->date))
        fuzz_fail("the date is not a valid date", a->date);
    if (a->ntags > NG_MAX_TAGS || (a->ntags && !a->tags))
        fuzz_fail("bad tag count", NULL);
    for (size_t i = 0; i < a->ntags; i++) {
        if (!a->tags[i] || !a->tags[i][0])
            fuzz_fail("an empty tag", NULL);
        check_string(a->tags[i], "tag");
    }
    check_string(a->id, "id");
    check_string(a->title, "title");
    check_string(a->url, "url");
    check_string(a->source, "source");
}

/* What the reader returns must be analyzable. */
static void check_analyzable(const ng_article *a)
{
    static ng_analyzer *analyzer;
    if (!analyzer && ng_analyzer_new(&analyzer, NULL) != NG_OK)
        fuzz_fail("ng_analyzer_new failed", NULL);
    ng_analysis *an = NULL;
    ng_status st = ng_analyze(analyzer, a, &an);
    if (st != NG_OK && st != NG_ERR_NOMEM)
        fuzz_fail("an article from the reader does not analyze",
                  ng_strerror(st));
    ng_analysis_free(an);
}

/* Lines that hold more than spaces and tabs (after a final "\r" is
 * dropped, as the line reader does): each is one JSON Lines item. */
static size_t nonblank_lines(const uint8_t *data, size_t size)
{
    size_t count = 0, i = 0;
    while (i < size) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - data) : size;
        size_t n = end - i;
        if (n > 0 && data[i + n - 1] == '\r')
            n--;
        for (size_t k = i; k < i + n; k++)
            if (!memchr(" \t\f\v", data[k], 4)) {
                count++;
                break;
            }
        i = end + 1;
    }
    return count;
}

/* Reads everything; returns the number of results (articles and
 * problems) before NG_DONE. */
static size_t fuzz_read_all(const uint8_t *data, size_t size, const char *name,
                            ng_format format)
{
    ng_read_options options = {.format = format};
    ng_reader *reader = NULL;
    ng_status st = ng_reader_open_memory(&reader, name, data, size, &options);
    if (st == NG_ERR_NOMEM)
        return 0;
    if (st != NG_OK)
        fuzz_fail("ng_reader_open_memory failed", ng_strerror(st));
    size_t results = 0, problems = 0;
    for (;;) {
        ng_article *a = NULL;
        st = ng_reader_next(reader, &a);
        if (st == NG_DONE || st == NG_ERR_NOMEM)
            break;
        results++;
        if (st == NG_OK) {
            check_article(a);
            check_analyzable(a);
        } else {
            problems++;
            if (a)
                fuzz_fail("an article returned with an error", NULL);
            if (strncmp(ng_reader_message(reader), name, strlen(name)) != 0)
                fuzz_fail("a problem message does not name the input",
                          ng_reader_message(reader));
        }
        ng_article_free(a);
        if (results > size + 1)
            fuzz_fail("more results than input bytes", NULL);
    }
    if (st == NG_DONE && ng_reader_skipped(reader) != problems)
        fuzz_fail("ng_reader_skipped does not count every problem", NULL);
    ng_reader_close(reader);
    return st == NG_DONE ? results : 0;
}

/* The number of results a format must give for `data`. */
static size_t expected_results(const uint8_t *data, size_t size,
                               ng_format format)
{
    if (format != NG_FORMAT_JSONL)
        return 1; /* one article or one problem per file */
    size_t n = nonblank_lines(data, size);
    return n ? n : 1; /* "empty file" */
}

static void check_count(size_t got, const uint8_t *data, size_t size,
                        ng_format format)
{
    char detail[64];
    size_t want = expected_results(data, size, format);
    if (got == 0 || got == want)
        return; /* 0: out of memory, nothing to check */
    snprintf(detail, sizeof detail, "%zu results for %zu items", got, want);
    fuzz_fail("an input item disappeared or was counted twice", detail);
}

#endif /* FUZZ_READ_COMMON_H */
