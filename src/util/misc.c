/*
 * misc.c -- string copies, content hashing, calendar dates and UTF-8
 * validation.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

char *str_ndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *str_dup(const char *s)
{
    return s ? str_ndup(s, strlen(s)) : NULL;
}

uint64_t hash_bytes(uint64_t seed, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = seed;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_valid(const char *s, size_t len)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int v[3] = {0, 0, 0};
    static const int field_start[3] = {0, 5, 8}, field_len[3] = {4, 2, 2};
    for (int f = 0; f < 3; f++)
        for (int i = 0; i < field_len[f]; i++) {
            char c = s[field_start[f] + i];
            if (c < '0' || c > '9')
                return false;
            v[f] = v[f] * 10 + (c - '0');
        }
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1)
        return false;
    int max = days[v[1] - 1] + (v[1] == 2 && is_leap(v[0]));
    return v[2] <= max;
}

int ng_date_valid(const char *date)
{
    return date && date_valid(date, strlen(date));
}

/* Checks by hand instead of a library call: it runs on every input byte
 * and ASCII runs are skipped eight bytes at a time. */
size_t utf8_valid_prefix(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            n = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else
            return i;
        if (i + n > len)
            return i;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += n;
    }
    return len;
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

char *utf8_sanitize(const char *s)
{
    buf b;
    buf_init(&b, 0);
    size_t len = strlen(s), i = 0;
    while (i < len) {
        size_t ok = utf8_valid_prefix(s + i, len - i);
        buf_append(&b, s + i, ok);
        i += ok;
        if (i < len) {
            buf_append(&b, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b, NULL);
}
