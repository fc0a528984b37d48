/*
 * buf.c -- a growable byte buffer with a maximum size, and a JSON writer
 * on top of it. A failed append (memory or maximum) sets a sticky flag so
 * that writers check once at the end instead of after every call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void buf_init(buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : SIZE_MAX / 2;
    b->failed = false;
}

bool buf_reserve(buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > b->max || b->len > b->max - extra) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1; /* room for a NUL */
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 4 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void buf_clear(buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data)
        b->data[0] = '\0';
}

bool buf_append(buf *b, const void *data, size_t len)
{
    if (!buf_reserve(b, len))
        return false;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return true;
}

bool buf_putc(buf *b, char c)
{
    if (b->len + 1 < b->cap && b->len < b->max && !b->failed) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return true;
    }
    return buf_append(b, &c, 1);
}

bool buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return false;
    }
    if ((size_t)n < sizeof small)
        return buf_append(b, small, (size_t)n);
    if (!buf_reserve(b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

const char *buf_cstr(buf *b)
{
    return b->data ? b->data : "";
}

char *buf_detach(buf *b, size_t *len)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    if (len)
        *len = b->len;
    buf_init(b, b->max);
    return p;
}

void buf_free(buf *b)
{
    free(b->data);
    buf_init(b, b->max);
}

/* JSON: control characters, quote and backslash are escaped; everything
 * else (valid UTF-8 by contract) is copied in runs. */
void jw_string(buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        buf_append(b, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\t': esc[1] = 't'; break;
        case '\r': esc[1] = 'r'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        buf_append(b, esc, n);
    }
    buf_append(b, s + run, len - run);
    buf_putc(b, '"');
}

void jw_cstr_or_null(buf *b, const char *s)
{
    if (s)
        jw_string(b, s, strlen(s));
    else
        buf_append(b, "null", 4);
}

void jw_key(buf *b, const char *key)
{
    buf_putc(b, '"');
    buf_append(b, key, strlen(key));
    buf_append(b, "\":", 2);
}

void jw_uint(buf *b, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_append(b, tmp + sizeof tmp - n, n);
}

void jw_number(buf *b, double v)
{
    if (v != v || v > 1e300 || v < -1e300)
        buf_append(b, "null", 4);
    else if (v < 1e15 && v > -1e15 && v == (double)(int64_t)v)
        buf_printf(b, "%lld", (long long)v); /* range checked before the cast */
    else
        buf_printf(b, "%.15g", v);
}
