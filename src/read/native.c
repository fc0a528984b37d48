/*
 * native.c -- the native article format (design.md section 1):
 *
 *     date 2024-01-08 #Pentagon #denies ...
 *     <blank line>
 *     paragraph
 *     <blank line>
 *     paragraph
 *
 * Also the body builder shared with plain text and the per-line checks
 * (NUL bytes, UTF-8) that every line-based format runs.
 */
#include <stdlib.h>
#include <string.h>

#include "read.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

void body_init(body_builder *b)
{
    buf_init(&b->text, NG_MAX_ARTICLE_BYTES);
    b->pending_break = false;
    b->has_newline = false;
}

void body_free(body_builder *b)
{
    buf_free(&b->text);
}

/* Lines keep their leading spaces (indentation can matter) but lose the
 * trailing ones; blank lines collapse into one paragraph break. */
bool body_add_line(body_builder *b, const char *line, size_t len)
{
    while (len > 0 && is_space(line[len - 1]))
        len--;
    if (len == 0) {
        if (b->text.len > 0)
            b->pending_break = true;
        return true;
    }
    if (b->text.len > 0)
        buf_append(&b->text, b->pending_break ? "\n\n" : "\n",
                   b->pending_break ? 2 : 1);
    b->pending_break = false;
    return buf_append(&b->text, line, len);
}

bool line_is_text(const char *line, size_t len, buf *msg)
{
    const char *nul = memchr(line, '\0', len);
    size_t valid = utf8_valid_prefix(line, nul ? (size_t)(nul - line) : len);
    if (nul && valid == (size_t)(nul - line)) {
        buf_printf(msg, "column %zu: NUL byte (binary data, not text)",
                   valid + 1);
        return false;
    }
    if (valid < len) {
        buf_printf(msg, "column %zu: invalid UTF-8 (byte 0x%02X)", valid + 1,
                   (unsigned char)line[valid]);
        return false;
    }
    return true;
}

bool native_is_header(const char *line, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* byte order mark */
    while (i < len && is_space(line[i]))
        i++;
    if (len - i < 5 || memcmp(line + i, "date", 4) != 0)
        return false;
    i += 4;
    if (i >= len || !is_space(line[i]))
        return false;
    while (i < len && is_space(line[i]))
        i++;
    return i < len && line[i] >= '0' && line[i] <= '9';
}

/* Copies a quoted preview of a bad word into the message (at most 40
 * bytes, cut at a character boundary). */
static void quote_word(buf *msg, const char *w, size_t n)
{
    buf_printf(msg, "'%.*s'", (int)utf8_cut(w, n, 40), w);
}

static ng_status add_tag(ng_article *a, const char *tag, size_t n, buf *msg)
{
    if (a->ntags >= NG_MAX_TAGS) {
        buf_printf(msg, "more than %u tags in the header", NG_MAX_TAGS);
        return NG_ERR_TOO_LARGE;
    }
    if ((a->ntags & (a->ntags - 1)) == 0) { /* grow at powers of two */
        size_t cap = a->ntags ? a->ntags * 2 : 8;
        char **tags = realloc(a->tags, cap * sizeof *tags);
        if (!tags)
            return NG_ERR_NOMEM;
        a->tags = tags;
    }
    if (!(a->tags[a->ntags] = str_ndup(tag, n)))
        return NG_ERR_NOMEM;
    a->ntags++;
    return NG_OK;
}

ng_status native_parse_header(const char *line, size_t len, ng_article *a,
                              buf *msg)
{
    size_t i = 0;
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && is_space(line[i]))
        i++;
    i += 4; /* "date", checked by native_is_header */
    while (i < len && is_space(line[i]))
        i++;
    size_t start = i;
    while (i < len && !is_space(line[i]))
        i++;
    if (!date_valid(line + start, i - start)) {
        buf_printf(msg, "header: ");
        quote_word(msg, line + start, i - start);
        buf_printf(msg, " is not a valid date (expected YYYY-MM-DD, a real "
                        "day)");
        return NG_ERR_INPUT;
    }
    if (!(a->date = str_ndup(line + start, i - start)))
        return NG_ERR_NOMEM;
    for (;;) {
        while (i < len && is_space(line[i]))
            i++;
        if (i >= len)
            return NG_OK;
        start = i;
        while (i < len && !is_space(line[i]))
            i++;
        if (line[start] != '#' || i - start < 2) {
            buf_printf(msg, "header: expected a #tag after the date, found ");
            quote_word(msg, line + start, i - start);
            return NG_ERR_INPUT;
        }
        ng_status st = add_tag(a, line + start + 1, i - start - 1, msg);
        if (st != NG_OK)
            return st;
    }
}
